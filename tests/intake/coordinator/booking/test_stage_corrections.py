"""A mapping interview asks for no amount; a stage can be corrected or removed, audited with
what it was and what it became, and the funder's figures follow."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import Activity
from intake.reports import indicators
from tests.intake.coordinator.booking.helpers import events, stage_data


def url(company, suffix: str = "new") -> str:
    return f"/coordinator/companies/{company.id}/stages/{suffix}"


def test_a_mapping_interview_needs_no_amount(staff_client, submitted_company):
    data = stage_data(kind="mapping_interview", support_value_eur="")
    assert staff_client.post(url(submitted_company), data=data).status_code == 302
    assert db.session.scalar(select(Activity)).support_value_eur == 0


def test_a_mapping_interview_keeps_no_amount_typed_before_the_kind_was_chosen(
        staff_client, submitted_company):
    # The form hides the amount once "mapping interview" is chosen; what was typed before
    # is not stored as aid the company never got.
    data = stage_data(kind="mapping_interview", support_value_eur="1500")
    assert staff_client.post(url(submitted_company), data=data).status_code == 302
    assert db.session.scalar(select(Activity)).support_value_eur == 0


def test_a_valued_stage_still_asks_for_its_amount(staff_client, submitted_company):
    page = staff_client.post(url(submitted_company),
                             data=stage_data(kind="deep_analysis", support_value_eur=""))
    assert "Enter the value of the support in euro, 0 if it has none." in \
        page.get_data(as_text=True)
    assert db.session.scalar(select(Activity)) is None


def test_a_stage_is_corrected_and_the_audit_says_from_what_to_what(staff_client,
                                                                   submitted_company):
    staff_client.post(url(submitted_company), data=stage_data(kind="deep_analysis"))
    activity = db.session.scalar(select(Activity))
    form = staff_client.get(url(submitted_company, activity.id)).get_data(as_text=True)
    assert 'value="4000' in form and "Correct a stage" in form
    new_day = today() - timedelta(days=10)
    response = staff_client.post(url(submitted_company, activity.id), data=stage_data(
        kind="action_plan", occurred_on=new_day.isoformat(), support_value_eur="2500"))
    assert response.status_code == 302
    db.session.expire_all()
    activity = db.session.get(Activity, activity.id)
    assert (activity.kind, activity.occurred_on, activity.support_value_eur) == (
        "action_plan", new_day, Decimal("2500"))
    changes = events("booking.correct_stage")[0].details["changes"]
    assert changes["kind"] == ["deep_analysis", "action_plan"]
    assert changes["support_value_eur"] == ["4000.00", "2500"]
    assert indicators().stages["action_plans"] == 1
    assert indicators().stages["deep_analyses"] == 0


def test_a_stage_is_removed_and_the_audit_keeps_it(staff_client, submitted_company):
    staff_client.post(url(submitted_company), data=stage_data(kind="deep_analysis"))
    activity = db.session.scalar(select(Activity))
    response = staff_client.post(url(submitted_company, f"{activity.id}/remove"))
    assert response.status_code == 302
    assert db.session.scalar(select(Activity)) is None
    removed = events("booking.remove_stage")[0].details
    assert removed["kind"] == "deep_analysis" and removed["support_value_eur"] == "4000.00"
    assert indicators().participating == 0


def test_a_workshop_participation_or_another_companys_stage_is_404(
        staff_client, submitted_company, other_company):
    from intake.operations.booking import enrol
    from tests.intake.coordinator.booking.helpers import series

    enrol(submitted_company, series("WS-LEAN-Z").id, None, Decimal(0))
    db.session.commit()
    workshop = db.session.scalar(select(Activity))
    assert staff_client.get(url(submitted_company, workshop.id)).status_code == 404
    staff_client.post(url(other_company), data=stage_data())
    theirs = db.session.scalar(select(Activity).where(Activity.company_id == other_company.id))
    assert staff_client.get(url(submitted_company, theirs.id)).status_code == 404
    assert staff_client.post(url(submitted_company, f"{theirs.id}/remove")).status_code == 404
