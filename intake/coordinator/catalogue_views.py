"""Keeping the catalogue: workshop series, coaches and earlier cases; import and export.

`<kind>` in the URLs is one of series, coaches, cases; each gets the same list, new, edit,
retire and bring-back pages. Every change goes through `intake.operations.catalogue_edit` (by
hand) or `catalogue_files` (uploads), which audit it and tell matching to refit.
"""

import os

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext
from flask_login import current_user

from intake import reference
from intake.clock import utcnow
from intake.coordinator import catalogue_forms as forms
from intake.coordinator.blueprint import bp
from intake.coordinator.survey_views import finish_form_for
from intake.excel.catalogue_writer import build_workbook
from intake.extensions import db
from intake.forms.choices import county_options
from intake.labels import name_of
from intake.operations import catalogue_edit as by_hand
from intake.operations import catalogue_files as files
from intake.questionnaire import AREA_KEYS, REQUIRED_AREA_KEYS

# "Workshop series" is one word for one and for many in English, not in Swedish.
KIND_TITLES = {"series": lazy_pgettext("many", "Workshop series"), "coaches": _l("Coaches"),
               "cases": _l("Earlier cases")}
NEW_TITLES = {"series": _l("New workshop series"), "coaches": _l("New coach"),
              "cases": _l("New earlier case")}
EDIT_TITLES = {"series": _l("Edit workshop series"), "coaches": _l("Edit coach"),
               "cases": _l("Edit earlier case")}
MAX_SHOWN_ERRORS = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind_or_404(kind: str) -> str:
    if kind not in by_hand.KINDS:
        abort(404)
    return kind


def _item_or_404(kind: str, item_id: int):
    item = by_hand.get_item(kind, item_id)
    if item is None:
        abort(404)
    return item


def _names() -> dict:
    """Area and county names in the user's language, for lists and cells."""
    return {"areas": dict(forms.area_choices()),
            "counties": {c["code"]: name_of("county", c["code"]) for c in reference.counties()}}


def _form(kind: str, item=None):
    if kind == "series":
        return forms.SeriesForm(obj=item)
    if kind == "coaches":
        return forms.CoachForm(obj=item)
    links = {"series": by_hand.series_choices(), "coaches": by_hand.coach_choices()}
    data = forms.case_data(item) if item is not None else None
    return forms.CaseForm(data=data, **links)


def _render_form(kind: str, form, item=None, conflict: bool = False, seats_warning=None):
    title = EDIT_TITLES[kind] if item is not None else NEW_TITLES[kind]
    status = 409 if conflict else 200
    finish_form = finish_form_for(item) if kind == "series" and item is not None else None
    return render_template(f"coordinator/catalogue/{kind}_form.html", form=form, item=item,
                           series=item, finish_form=finish_form,
                           kind=kind, title=title, conflict=conflict,
                           seats_warning=seats_warning,
                           kind_title=KIND_TITLES[kind], areas=forms.area_choices(),
                           required_areas=REQUIRED_AREA_KEYS), status


def _code_taken(form) -> None:
    form.code.errors.append(_("Another item already has this code. Choose a different code."))


@bp.route("/catalogue")
def catalogue():
    return render_template("coordinator/catalogue/index.html", counts=by_hand.counts(),
                           kinds=KIND_TITLES)


@bp.route("/catalogue/<kind>")
def catalogue_list(kind: str):
    _kind_or_404(kind)
    args = request.args
    filters = {
        "status": args.get("status") if args.get("status") in by_hand.STATUSES else "active",
        "query": (args.get("q") or "")[:100],
        "area": args.get("area") if args.get("area") in AREA_KEYS else "",
        "county": args.get("county") if reference.is_county(args.get("county")) else "",
    }
    items = by_hand.list_items(kind, **filters)
    return render_template("coordinator/catalogue/list.html", kind=kind, items=items,
                           filters=filters, title=KIND_TITLES[kind], names=_names(),
                           county_choices=county_options())


@bp.route("/catalogue/<kind>/new", methods=["GET", "POST"])
def catalogue_new(kind: str):
    form = _form(_kind_or_404(kind))
    if form.validate_on_submit():
        try:
            item = by_hand.create_item(kind, form.values(), current_user)
        except by_hand.CodeTaken:
            db.session.rollback()
            _code_taken(form)
        else:
            db.session.commit()
            flash(_("%(code)s is saved; matching uses it from now on.", code=item.code),
                  "success")
            return redirect(url_for("coordinator.catalogue_list", kind=kind))
    return _render_form(kind, form)


@bp.route("/catalogue/<kind>/<int:item_id>", methods=["GET", "POST"])
def catalogue_edit(kind: str, item_id: int):
    item = _item_or_404(_kind_or_404(kind), item_id)
    form = _form(kind, item)
    conflict, seats_warning = False, None
    if form.validate_on_submit():
        confirm = bool(getattr(form, "confirm_seats", None) and form.confirm_seats.data)
        try:
            by_hand.update_item(kind, item, form.values(), form.seen_version(), current_user,
                                confirm_seats=confirm)
        except by_hand.CodeTaken:
            db.session.rollback()
            _code_taken(form)
        except by_hand.EditConflict:
            db.session.rollback()
            conflict = True
        except by_hand.SeatsBelowBooked as warning:
            db.session.rollback()
            seats_warning = warning
            form.seats.errors.append(ngettext(
                "%(num)d company is already booked into this series: more than %(seats)d "
                "seats. Raise the seats, or tick the box below to go ahead anyway.",
                "%(num)d companies are already booked into this series: more than %(seats)d "
                "seats. Raise the seats, or tick the box below to go ahead anyway.",
                warning.booked, seats=warning.seats))
        else:
            db.session.commit()
            flash(_("%(code)s is saved; matching uses it from now on.", code=item.code),
                  "success")
            return redirect(url_for("coordinator.catalogue_list", kind=kind))
    return _render_form(kind, form, item, conflict, seats_warning)


def _set_retired(kind: str, item_id: int, retired: bool):
    item = _item_or_404(_kind_or_404(kind), item_id)
    if not forms.RetireForm().validate_on_submit():
        abort(400)
    try:
        by_hand.set_retired(kind, item, retired, current_user)
    except by_hand.EditConflict:
        db.session.rollback()
        abort(409)
    db.session.commit()
    if retired:
        flash(_("%(code)s is retired: matching no longer suggests it.", code=item.code),
              "success")
    else:
        flash(_("%(code)s is back in the catalogue.", code=item.code), "success")
    return redirect(url_for("coordinator.catalogue_list", kind=kind))


@bp.route("/catalogue/<kind>/<int:item_id>/retire", methods=["POST"])
def catalogue_retire(kind: str, item_id: int):
    return _set_retired(kind, item_id, True)


@bp.route("/catalogue/<kind>/<int:item_id>/restore", methods=["POST"])
def catalogue_restore(kind: str, item_id: int):
    return _set_retired(kind, item_id, False)


@bp.route("/catalogue/import", methods=["GET", "POST"])
def catalogue_import():
    form = forms.ImportForm()
    errors, warnings = [], []
    if form.validate_on_submit():
        upload = form.file.data
        filename = os.path.basename((upload.filename or "upload").replace("\\", "/"))[:100]
        try:
            result, warnings = files.import_upload(upload.read(), filename, current_user)
        except files.ImportFailed as failed:
            db.session.rollback()
            errors, warnings = failed.errors, failed.warnings
        else:
            db.session.commit()
            flash(_("Imported %(file)s: %(created)d created and %(updated)d updated.",
                    file=filename, created=sum(result.created.values()),
                    updated=sum(result.updated.values())), "success")
            return render_template("coordinator/catalogue/import.html", form=form,
                                   result=result, warnings=warnings, errors=[],
                                   kinds=KIND_TITLES)
    return render_template("coordinator/catalogue/import.html", form=form, result=None,
                           errors=errors[:MAX_SHOWN_ERRORS], hidden=len(errors[MAX_SHOWN_ERRORS:]),
                           warnings=warnings, kinds=KIND_TITLES)


def _download(body, mimetype: str, extension: str) -> Response:
    filename = f"catalogue-{utcnow():%Y-%m-%d}.{extension}"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/catalogue/export.json")
def catalogue_export_json():
    return _download("".join(files.export_catalogue_json()), "application/json", "json")


@bp.route("/catalogue/export.xlsx")
def catalogue_export_xlsx():
    return _download(build_workbook(files.export_catalogue(), files.export_extras()), XLSX, "xlsx")


@bp.route("/catalogue/template.xlsx")
def catalogue_template():
    return Response(build_workbook(), mimetype=XLSX, headers={
        "Content-Disposition": 'attachment; filename="catalogue-template.xlsx"'})
