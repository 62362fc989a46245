"""A decision mail links to BASE_URL, whatever Host the coordinator's request named."""

from tests.intake.coordinator.test_review import decide_url, suggestions_of

BASE = "https://intake.region.example"


def test_a_decision_mail_links_to_base_url(app, staff_client, submitted_company, mailbox):
    app.config["BASE_URL"] = BASE
    suggestion = suggestions_of(submitted_company, "workshop_series")[0]
    # the browser talks to the forged host, with its login
    staff_client.set_cookie("session", staff_client.get_cookie("session").value,
                            domain="evil.example")
    response = staff_client.post(decide_url(submitted_company, suggestion),
                                 data={f"s{suggestion.id}-decision": "accepted"},
                                 headers={"Host": "evil.example"})
    assert response.status_code == 302 and "/login" not in response.location
    body = mailbox[-1].get_content()
    assert f"{BASE}/company/" in body and "evil.example" not in body
