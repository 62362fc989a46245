"""The inbox: every company and intake, filtered, searched, sorted and paginated; bulk actions
on a selection of it, its exports, and each coordinator's saved views of it."""

from flask import (
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup

from intake.coordinator.blueprint import bp
from intake.coordinator.inbox_forms import BulkForm, InboxFilterForm, SaveViewForm
from intake.excel.inbox_xlsx import answers_workbook, inbox_workbook
from intake.excel.reports_xlsx import XLSX_MIMETYPE
from intake.extensions import db
from intake.i18n import date_formatter
from intake.labels import ACTIVITY, INBOX_COLUMN, STATUS, names_once, resolved
from intake.operations import booking, bulk, saved_views
from intake.operations import inbox as inbox_ops
from intake.web.converters import plain_int
from intake.web.flashes import flash_at

# The query arguments a saved view keeps (and a bulk action's URL carries): the filters,
# the sort and the columns. Never the page.
VIEW_ARGS = ("q", "status", "county", "area", "series", "submitted_from", "submitted_to",
             "responsible", "cols", "sort", "dir")


def _page_number(value: str | None) -> int:
    number = plain_int(value, 6)
    return 1 if number is None else number


def _staff_choices() -> list[tuple[int, str]]:
    """Both of the page's forms offer the staff: looked up once per request."""
    if "inbox_staff" not in g:
        g.inbox_staff = inbox_ops.staff_choices()
    return g.inbox_staff


def _filter_form() -> InboxFilterForm:
    form = InboxFilterForm(formdata=request.args, series_choices=inbox_ops.series_choices(),
                           staff_choices=_staff_choices())
    form.validate()
    return form


def _filters(form: InboxFilterForm) -> inbox_ops.InboxFilters:
    series = form.valid("series")
    responsible = form.valid("responsible")
    return inbox_ops.InboxFilters(
        status=form.valid("status"), county=form.valid("county"), area=form.valid("area"),
        series_id=int(series) if series else None,
        submitted_from=form.valid("submitted_from"), submitted_to=form.valid("submitted_to"),
        query=form.valid("q"),
        responsible_id=(current_user.id if responsible == "mine" else
                        int(responsible) if responsible and responsible.isdigit() else None),
        unassigned=responsible == "none",
    )


def _view_args() -> dict:
    """The inbox's current filters, sort and columns, as query arguments (lists for `cols`)."""
    args = {}
    for key in VIEW_ARGS:
        values = [v for v in request.args.getlist(key) if v][:len(inbox_ops.COLUMNS)]
        if values:
            args[key] = values if key == "cols" else values[0]
    return args


def _checked_args(form: InboxFilterForm) -> dict:
    """The view's arguments without what its form found invalid: what a saved view keeps."""
    args = _view_args()
    for key in list(args):
        if key in form and form[key].errors:
            del args[key]
    if "sort" in args or "dir" in args:
        args["sort"], args["dir"] = inbox_ops.normalise_sort(args.get("sort"), args.get("dir"))
    return args


def _columns(form: InboxFilterForm) -> tuple[str, ...]:
    return inbox_ops.normalise_columns(form.valid("cols"))


def _bulk_form(formdata=None) -> BulkForm:
    kwargs = {} if formdata is not None else {"formdata": None}
    return BulkForm(series_options=booking.series_options(),
                    staff_choices=_staff_choices(), **kwargs)


def _render(form: InboxFilterForm, bulk_form: BulkForm, save_form: SaveViewForm | None = None,
            status: int = 200):
    sort, direction = inbox_ops.normalise_sort(request.args.get("sort"), request.args.get("dir"))
    page = inbox_ops.search_inbox(_filters(form), sort, direction,
                                  _page_number(request.args.get("page")),
                                  current_app.config.get("PAGE_SIZE", 50), _columns(form))
    args = _view_args()
    filter_args = {k: v for k, v in args.items() if k not in ("sort", "dir", "cols")}
    paging_args = {k: v for k, v in args.items() if k not in ("sort", "dir")}

    def sort_url(key: str) -> str:
        flip = "desc" if key == sort and direction == "asc" else "asc"
        return url_for("coordinator.inbox", **paging_args, sort=key, dir=flip)

    def page_url(number: int) -> str:
        return url_for("coordinator.inbox", **paging_args, sort=sort, dir=direction, page=number)

    selected = set(bulk_form.company.data or []) if not bulk_form.company.errors else set()
    return render_template(
        "coordinator/inbox.html", form=form, page=page, sort=sort, direction=direction,
        sort_url=sort_url, page_url=page_url, filtered=bool(filter_args),
        columns=_columns(form), bulk=bulk_form, selected=selected,
        save_form=save_form or SaveViewForm(formdata=None),
        views=saved_views.views_of(current_user), view_args=args,
        nobody_yet=not page.total and not inbox_ops.any_company(),
        # What every row prints, looked up once per page instead of once per cell: the labels,
        # the names of counties and areas, the dates' language and pattern, and two messages
        # (formatted per row as the template's `_()` formats them: Markup, so a name is escaped).
        COLUMN_LABELS=resolved(INBOX_COLUMN), STATUS_LABELS=resolved(STATUS),
        ACTIVITY_LABELS=resolved(ACTIVITY), name_of=names_once(), format_day=date_formatter(),
        select_label=Markup(_("Select %(name)s")), decided_label=Markup(_("%(num)d of %(total)d")),
    ), status


@bp.route("/")
def inbox():
    return _render(_filter_form(), _bulk_form())


def _xlsx(data: bytes, name: str) -> Response:
    return Response(data, mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{name}.xlsx"',
        "Cache-Control": "no-store",
    })


def _export(company_ids: list[int], columns: tuple[str, ...], sort=None, direction=None):
    """The companies with the inbox's columns, in the inbox's order; audited per company."""
    page = inbox_ops.search_inbox(inbox_ops.InboxFilters(company_ids=tuple(company_ids)), sort,
                                  direction, 1, max(1, len(company_ids)))
    data = inbox_workbook(page.rows, columns)
    bulk.record_export(company_ids, "columns", current_user)
    db.session.commit()
    return _xlsx(data, "inbox")


@bp.route("/inbox.xlsx")
def inbox_xlsx():
    """The whole inbox, or what its filters match, with the columns shown."""
    form = _filter_form()
    ids = inbox_ops.matching_ids(_filters(form))
    if not ids:
        flash_at("inbox-count", _("No companies match the filters: there is nothing to export."),
                 "warning")
        return redirect(url_for("coordinator.inbox", **_view_args()))
    return _export(ids, _columns(form), request.args.get("sort"), request.args.get("dir"))


@bp.route("/inbox/bulk", methods=["POST"])
def inbox_bulk():
    """One action on the ticked companies, or on all that the filters (in the URL) match."""
    form = _filter_form()
    bulk_form = _bulk_form(request.form)
    if not bulk_form.validate_on_submit():
        return _render(form, bulk_form, status=400)
    if bulk_form.all_matching.data:
        ids = inbox_ops.matching_ids(_filters(form))
    else:
        ids = inbox_ops.existing_ids(bulk_form.company.data)
    action = bulk_form.action.data
    try:
        if not ids:  # the ticked companies were erased meanwhile, or nothing matches
            raise bulk.BulkError("company", _("Select at least one company."))
        if action == "export":
            return _export(ids, _columns(form), request.args.get("sort"),
                           request.args.get("dir"))
        if action == "answers":
            bulk.record_export(ids, "answers", current_user)
            data = answers_workbook(bulk.intakes_with_answers(ids))
            db.session.commit()
            return _xlsx(data, "answers")
        if action == "accept":
            result = bulk.accept_top_series(ids, current_user)
            message = ngettext("Accepted the top workshop series of %(num)d company.",
                               "Accepted the top workshop series of %(num)d companies.",
                               result.done)
        elif action == "book":
            result = bulk.book_on_series(ids, int(bulk_form.book_series.data), current_user,
                                         bulk_form.support_value_eur.data or 0)
            message = ngettext("Booked %(num)d company on the series.",
                               "Booked %(num)d companies on the series.", result.done)
        else:
            chosen = bulk_form.coordinator.data
            result = bulk.assign_coordinator(ids, None if chosen == "nobody" else int(chosen),
                                             current_user)
            message = ngettext("Made the coordinator responsible for %(num)d company.",
                               "Made the coordinator responsible for %(num)d companies.",
                               result.done) if chosen != "nobody" else ngettext(
                "Nobody is responsible for %(num)d company any more.",
                "Nobody is responsible for %(num)d companies any more.", result.done)
    except bulk.BulkError as error:
        db.session.rollback()
        bulk_form[error.field].errors.append(error.message)
        return _render(form, bulk_form, status=409)
    db.session.commit()
    if result.skipped:
        message += " " + ngettext("%(num)d was left as it was.", "%(num)d were left as they were.",
                                  result.skipped)
    flash_at("inbox-count", message)
    if result.untold:
        flash_at("inbox-count", ngettext(
            "%(num)d company could not be e-mailed about the booking. Please tell it yourself.",
            "%(num)d companies could not be e-mailed about the booking. Please tell them "
            "yourself.", result.untold), "warning")
    return redirect(url_for("coordinator.inbox", **_view_args()))


@bp.route("/inbox/views", methods=["POST"])
def save_inbox_view():
    """Save the inbox's current filters, sort and columns (in the URL) under a name."""
    form = _filter_form()
    save_form = SaveViewForm()
    if save_form.validate_on_submit():
        try:
            saved_views.save_view(current_user, save_form.name.data, _checked_args(form))
        except saved_views.SavedViewError as error:
            db.session.rollback()
            save_form.name.errors.append(error.message)
        else:
            db.session.commit()
            flash_at("saved-views", _("The view is saved."))
            return redirect(url_for("coordinator.inbox", **_view_args()))
    return _render(form, _bulk_form(), save_form, status=400)


@bp.route("/inbox/views/<int:view_id>")
def open_inbox_view(view_id: int):
    view = saved_views.view_of(current_user, view_id)
    if view is None:
        abort(404)
    query = {k: v for k, v in (view.query or {}).items() if k in VIEW_ARGS}
    return redirect(url_for("coordinator.inbox", **query))


@bp.route("/inbox/views/<int:view_id>/delete", methods=["POST"])
def delete_inbox_view(view_id: int):
    view = saved_views.view_of(current_user, view_id)
    if view is None:
        abort(404)
    saved_views.delete_view(view)
    db.session.commit()
    flash_at("saved-views", _("The view is deleted."))
    return redirect(url_for("coordinator.inbox"))
