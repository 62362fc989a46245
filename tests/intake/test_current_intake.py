"""A company's current intake (`companies.current_intake_id`, what the inbox joins) is always
its latest intake: after registration, a new intake, a deleted intake, an erasure, rows inserted
in bulk, and on the rows that existed before the column did (the migration's backfill)."""

import re
from html import unescape
from pathlib import Path

from sqlalchemy import insert, select, text

from intake.extensions import db
from intake.models import Company, Intake, IntakeStatus, refresh_current_intakes
from intake.operations.privacy import erase_company
from tests.intake.coordinator.conftest import fill_and_submit

MIGRATIONS = str(Path(__file__).resolve().parent.parent.parent / "migrations")


def stored(company_id: int) -> int | None:
    """The column as the database has it (not the session's copy)."""
    return db.session.execute(text("SELECT current_intake_id FROM companies WHERE id = :id"),
                              {"id": company_id}).scalar_one()


def inbox_row(client, company) -> str:
    html = unescape(client.get(f"/coordinator/?q={company.org_number}&cols=status")
                    .get_data(as_text=True))
    match = re.search(r'<th scope="row"><a [^>]*>([^<]+)</a>.*?</th>\s*<td[^>]*>(.*?)</td>',
                      html, re.S)
    cell = re.sub(r"<[^>]+>|\s+", " ", match.group(2)).strip()
    return f"{match.group(1)}: {cell}"


def test_registration_points_the_company_at_its_first_intake(company_factory):
    company = company_factory.create()
    [intake] = company.intakes
    assert company.current_intake_id == intake.id == stored(company.id)


def test_a_new_intake_after_a_submission_is_the_one_the_inbox_shows(
        catalogue, company_factory, staff_client):
    company = fill_and_submit(company_factory.create(name="Omtag AB"))
    first = company.current_intake
    version, updated_at = company.version, company.updated_at
    staff_client.get("/language/en")
    assert inbox_row(staff_client, company) == "Omtag AB: Submitted"

    company.intakes.append(Intake(questionnaire_version=first.questionnaire_version))
    db.session.commit()
    second = company.intakes[-1]
    assert second.id > first.id
    assert company.current_intake_id == second.id == stored(company.id)
    db.session.expire_all()
    company = db.session.get(Company, company.id)
    # Not a change to the company: a coordinator's open edit of it is not made to conflict.
    assert (company.version, company.updated_at) == (version, updated_at)
    assert inbox_row(staff_client, company) == "Omtag AB: Draft"
    assert company.org_number in staff_client.get("/coordinator/?status=draft").get_data(
        as_text=True)
    assert company.org_number not in staff_client.get("/coordinator/?status=submitted") \
        .get_data(as_text=True)


def test_deleting_the_current_intake_hands_over_to_the_one_before(company_factory,
                                                                   staff_client):
    company = company_factory.create(name="Bakåt AB")
    first = company.current_intake
    first.status = IntakeStatus.SUBMITTED
    company.intakes.append(Intake(questionnaire_version="v1"))
    db.session.commit()
    second = company.intakes[-1]
    db.session.delete(second)
    db.session.commit()
    assert company.current_intake_id == first.id == stored(company.id)
    staff_client.get("/language/en")
    assert inbox_row(staff_client, company) == "Bakåt AB: Submitted"

    db.session.delete(first)
    db.session.commit()
    assert company.current_intake_id is None and stored(company.id) is None
    assert inbox_row(staff_client, company) == "Bakåt AB: –"


def test_erasing_a_company_deletes_or_keeps_it_with_its_intake(catalogue, company_factory):
    from datetime import date
    from decimal import Decimal

    from intake.operations.booking import record_activity

    gone = company_factory.create()
    gone_id = gone.id
    assert erase_company(gone) == "deleted"
    db.session.commit()
    assert db.session.get(Company, gone_id) is None
    assert not db.session.scalars(select(Intake).where(Intake.company_id == gone_id)).all()

    kept = fill_and_submit(company_factory.create())
    record_activity(kept, "mapping_interview", date(2026, 2, 1), "", Decimal(0), None)
    db.session.commit()
    assert erase_company(kept) == "anonymised"
    db.session.commit()
    assert stored(kept.id) == kept.intakes[-1].id


def test_rows_inserted_in_bulk_are_pointed_at_by_refresh_current_intakes(company_factory):
    """Bulk inserts (the benchmarks' seeders) bypass the flush events: they call the refresh."""
    companies = [company_factory.create() for _ in range(3)]
    result = db.session.execute(insert(Intake).returning(Intake.id), [
        {"company_id": c.id, "questionnaire_version": "v1", "status": "draft",
         "optional_areas": []} for c in companies[:2]])
    new_ids = sorted(result.scalars())
    refresh_current_intakes(db.session.connection())
    db.session.commit()
    assert [stored(c.id) for c in companies] == new_ids + [companies[2].intakes[0].id]


def test_the_migration_backfills_existing_companies(app, company_factory):
    from flask_migrate import downgrade, upgrade

    with_two = company_factory.create()
    with_two.intakes.append(Intake(questionnaire_version="v1"))
    with_one = company_factory.create()
    without = company_factory.create()
    db.session.delete(without.intakes[0])
    db.session.commit()
    expected = {with_two.id: with_two.intakes[-1].id, with_one.id: with_one.intakes[0].id,
                without.id: None}
    versions = {c.id: c.version for c in (with_two, with_one, without)}
    db.session.remove()
    try:
        downgrade(directory=MIGRATIONS, revision="f2b8c6d1e9a4")
        db.session.execute(text("UPDATE companies SET version = version"))  # rows survive
        db.session.commit()
    finally:
        upgrade(directory=MIGRATIONS)
    rows = dict(db.session.execute(text("SELECT id, current_intake_id FROM companies")).all())
    assert rows == expected
    assert dict(db.session.execute(text("SELECT id, version FROM companies")).all()) == versions
