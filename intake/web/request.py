"""The request class: form and query values arrive without NUL characters.

No keyboard types a NUL, PostgreSQL refuses to store one in text, and a form should keep
what a user typed rather than fail: so they are dropped once, here, for every form.
"""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict


def _without_nul(values: ImmutableMultiDict) -> ImmutableMultiDict:
    if not any("\x00" in value for _, value in values.items(multi=True)):
        return values
    return ImmutableMultiDict(
        (key.replace("\x00", ""), value.replace("\x00", ""))
        for key, value in values.items(multi=True)
    )


class CleanRequest(Request):
    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _without_nul(self.form)

    @property
    def args(self) -> ImmutableMultiDict:  # type: ignore[override]
        cached = self.__dict__.get("_clean_args")
        if cached is None:
            cached = self.__dict__["_clean_args"] = _without_nul(super().args)
        return cached
