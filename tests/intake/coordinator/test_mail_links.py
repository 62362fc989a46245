"""A review message links to BASE_URL, whatever Host the coordinator's requests named."""

from tests.intake.coordinator.test_review import decide_url, suggestions_of

BASE = "https://intake.region.example"


def test_a_review_message_links_to_base_url(app, staff_client, submitted_company, mailbox):
    app.config["BASE_URL"] = BASE
    # the browser talks to the forged host, with its login
    staff_client.set_cookie("session", staff_client.get_cookie("session").value,
                            domain="evil.example")
    for suggestion in suggestions_of(submitted_company):  # the last decision finishes the review
        response = staff_client.post(decide_url(submitted_company, suggestion),
                                     data={f"s{suggestion.id}-decision": "accepted"},
                                     headers={"Host": "evil.example"})
        assert response.status_code == 302 and "/login" not in response.location
    assert len(mailbox) == 1
    body = mailbox[0].get_content()
    assert f"{BASE}/company/" in body and "evil.example" not in body
