"""Booking tests read the messages in English and book a second company beside the first."""

import pytest


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked in English (the msgids); Swedish is the default."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def other_company(company_factory, catalogue):
    return company_factory.create(name="Bräcke Plåt AB")
