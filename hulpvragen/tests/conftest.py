"""Fixtures the hulpvragen tests share (the personas come from the root ``conftest.py``)."""

import pytest

from bewoners.tests.factories import UserFactory


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True, with_mfa=True)
