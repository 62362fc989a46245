"""The inbox: every company and intake, filtered, searched, sorted and paginated."""

from flask import current_app, render_template, request, url_for

from intake.coordinator.blueprint import bp
from intake.coordinator.inbox_forms import InboxFilterForm
from intake.operations import inbox as inbox_ops


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 7 else 1


@bp.route("/")
def inbox():
    form = InboxFilterForm(formdata=request.args, series_choices=inbox_ops.series_choices())
    form.validate()
    series = form.valid("series")
    filters = inbox_ops.InboxFilters(
        status=form.valid("status"), county=form.valid("county"), area=form.valid("area"),
        series_id=int(series) if series else None,
        submitted_from=form.valid("submitted_from"), submitted_to=form.valid("submitted_to"),
        query=form.valid("q"),
    )
    sort, direction = inbox_ops.normalise_sort(request.args.get("sort"), request.args.get("dir"))
    page = inbox_ops.search_inbox(filters, sort, direction, _page_number(request.args.get("page")),
                              current_app.config.get("PAGE_SIZE", 50))
    args = {k: v for k, v in request.args.items() if k not in ("page", "sort", "dir") and v}

    def sort_url(key: str) -> str:
        flip = "desc" if key == sort and direction == "asc" else "asc"
        return url_for("coordinator.inbox", **args, sort=key, dir=flip)

    def page_url(number: int) -> str:
        return url_for("coordinator.inbox", **args, sort=sort, dir=direction, page=number)

    return render_template("coordinator/inbox.html", form=form, page=page, sort=sort,
                           direction=direction, sort_url=sort_url, page_url=page_url,
                           filtered=bool(args),
                           nobody_yet=not page.total and not inbox_ops.any_company())
