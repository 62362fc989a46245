"""Fixtures for the pages staff use: coordinator and admin logins, and clients logged in as them."""

import pytest

from intake.models import Role, User
from tests.intake.helpers import login_as, make_staff


@pytest.fixture
def coordinator(app) -> User:
    return make_staff("samordnare@regionjh.se", Role.COORDINATOR, "Sara Samordnare")


@pytest.fixture
def admin(app) -> User:
    return make_staff("admin@regionjh.se", Role.ADMIN, "Anna Admin")


@pytest.fixture
def staff_client(client, coordinator):
    """A test client logged in as the `coordinator`."""
    login_as(client, coordinator)
    return client


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    login_as(client, admin)
    return client
