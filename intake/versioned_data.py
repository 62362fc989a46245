"""Versioned definitions kept as JSON beside their package (the questionnaire, the survey):
read and checked the same way, so a broken file is refused with every problem named."""

import json
import re
from collections.abc import Callable
from importlib.resources import files
from typing import TypeVar

T = TypeVar("T")
LANGUAGES = ("sv", "en")


def check_text(value, where: str, problems: list[str]) -> dict:
    """A text in both languages ({"sv": ..., "en": ...}); what is missing goes to `problems`."""
    if not isinstance(value, dict):
        problems.append(f"{where}: expected an object with 'sv' and 'en'")
        return {}
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problems.append(f"{where}.{lang}: missing or empty")
    return dict(value)


def read_versioned(package: str, version: str, parse: Callable[[dict], T],
                   error: Callable[[list[str]], Exception], what: str) -> T:
    """`<package>/<version>.json`, parsed by `parse`; `error(problems)` is raised otherwise.

    Only plain version names ("v1"): the name becomes a file name. The parsed definition must
    say the version it is filed under.
    """
    if not isinstance(version, str) or not re.fullmatch(r"v[0-9]{1,3}", version):
        raise error([f"unknown {what} version {version!r}"])
    resource = files(package).joinpath(f"{version}.json")
    if not resource.is_file():
        raise error([f"unknown {what} version {version!r}"])
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error([f"{version}.json: {exc}"]) from exc
    definition = parse(data)
    if definition.version != version:
        raise error([f"{version}.json: says version {definition.version!r}"])
    return definition
