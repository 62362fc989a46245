"""Exports and uploaded files carry personal data: no browser or proxy may keep a copy."""

from datetime import date

from intake.extensions import db
from intake.models import Activity


def test_exports_and_attachments_are_no_store(admin_client, submitted_company):
    activity = Activity(company_id=submitted_company.id, kind="mapping_interview",
                        occurred_on=date(2026, 3, 1), attachment=b"%PDF-1.4 x",
                        attachment_name="kartl.pdf", attachment_type="application/pdf")
    db.session.add(activity)
    db.session.commit()
    for path in ("/coordinator/reports/participants.xlsx",
                 "/coordinator/reports/indicators.xlsx",
                 "/coordinator/catalogue/export.json", "/coordinator/catalogue/export.xlsx",
                 f"/coordinator/companies/{submitted_company.id}/stages/{activity.id}/attachment",
                 "/coordinator/", f"/coordinator/companies/{submitted_company.id}"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
