"""The dashboard counts drafts never submitted, by how long ago they were started."""

import re
from datetime import timedelta

from intake.clock import utcnow
from intake.extensions import db
from intake.operations.drafts import draft_ages


def test_drafts_are_counted_by_age(staff_client, company_factory, submitted_company):
    now = utcnow()
    for days in (1, 3, 10, 45, 400):
        company = company_factory.create()
        company.current_intake.created_at = now - timedelta(days=days)
    db.session.commit()
    ages = draft_ages(now)
    # The submitted company's intake is no draft.
    assert ages.counts == {"under_7": 2, "7_to_30": 1, "over_30": 2}
    assert ages.total == 5
    assert ages.oldest.date() == (now - timedelta(days=400)).date()

    staff_client.get("/language/en")
    page = staff_client.get("/coordinator/reports").get_data(as_text=True)
    cells = dict(re.findall(r'<tr data-age="([^"]+)"><th scope="row">[^<]+</th>'
                            r'<td class="num">(\d+)</td>', page))
    assert cells == {"under_7": "2", "7_to_30": "1", "over_30": "2"}
    assert "/coordinator/?sort=submitted&amp;status=draft" in page or \
        "/coordinator/?status=draft&amp;sort=submitted" in page
