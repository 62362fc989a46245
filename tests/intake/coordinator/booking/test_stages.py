"""Recording stages (mapping interview ... action plan), with attached files."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from intake.clock import today
from intake.extensions import db
from intake.models import (
    Activity,
)
from tests.intake.coordinator.booking.helpers import (
    PDF,
    events,
    stage_data,
)

# --- stages and files --------------------------------------------------------------------

def test_an_action_plan_with_a_file_is_stored_and_downloadable(
        staff_client, submitted_company, coordinator):
    from io import BytesIO

    data = stage_data(attachment=(BytesIO(PDF), "Handlingsplan Åre.pdf", "text/html"))
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/stages/new",
                                 data=data, content_type="multipart/form-data")

    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    assert activity.kind == "action_plan"
    assert activity.notes.startswith("Införa 5S")
    assert activity.attachment == PDF
    assert activity.attachment_name == "Handlingsplan Åre.pdf"
    # The type comes from the extension, not from what the browser claimed.
    assert activity.attachment_type == "application/pdf"
    assert events("booking.record_stage")[0].details["attachment"] == "Handlingsplan Åre.pdf"

    download = staff_client.get(
        f"/coordinator/companies/{submitted_company.id}/stages/{activity.id}/attachment")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "Handlingsplan" in download.headers["Content-Disposition"]
    assert download.data == PDF


@pytest.mark.parametrize(("filename", "kind"), [
    ("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("budget.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("bild.jpg", "image/jpeg"),
    ("anteckning.txt", "text/plain"),
])
def test_allowed_file_types_are_served_with_their_type(staff_client, submitted_company,
                                                       filename, kind):
    from io import BytesIO

    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"content"), filename)),
        content_type="multipart/form-data")
    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    download = staff_client.get(
        f"/coordinator/companies/{submitted_company.id}/stages/{activity.id}/attachment")
    assert download.mimetype == kind


def test_a_file_of_another_type_is_refused(staff_client, submitted_company):
    from io import BytesIO

    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"MZ..."), "plan.exe")),
        content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="attachment-error"' in page and "Attach a PDF" in page
    assert "Införa 5S i monteringen" in page
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_a_file_over_the_size_limit_is_refused(app, staff_client, submitted_company):
    from io import BytesIO

    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"x" * 10_000), "plan.pdf")),
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(Activity.id))) == 0


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"occurred_on": (today() + timedelta(days=400)).isoformat()}, "occurred_on",
     "more than a year ahead"),
    ({"occurred_on": "2026-13-45"}, "occurred_on", "Enter a real date"),
    ({"occurred_on": ""}, "occurred_on", "This field is required."),
    ({"kind": "workshop_series"}, "kind", "Choose a stage from the list."),
    ({"support_value_eur": "mycket"}, "support_value_eur", "Enter an amount in euro"),
])
def test_bad_stage_values_are_explained_and_what_was_typed_is_kept(
        staff_client, submitted_company, changes, field, message):
    data = stage_data(**changes)
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/stages/new",
                                 data=data)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert "Införa 5S i monteringen, sedan OEE-mätning i svetsen." in page
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_each_stage_is_recorded_with_its_date(staff_client, submitted_company):
    url = f"/coordinator/companies/{submitted_company.id}/stages/new"
    for kind in ("mapping_interview", "deep_analysis", "consultant_support"):
        day = date(2026, 5, 4)
        assert staff_client.post(url, data=stage_data(kind=kind, occurred_on=day.isoformat(),
                                                      notes="")).status_code == 302
    kinds = db.session.execute(select(Activity.kind, Activity.occurred_on)
                               .order_by(Activity.id)).all()
    assert [k for k, _ in kinds] == ["mapping_interview", "deep_analysis", "consultant_support"]
    assert {d for _, d in kinds} == {date(2026, 5, 4)}
