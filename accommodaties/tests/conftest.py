"""Fixtures the tests of this app share. The frozen clock (``klok``) and the personas (``bewoner``, ``helper``, ``buurt`` ...) come from the root ``conftest.py``."""

import pytest

from bewoners.tests.factories import UserFactory


@pytest.fixture
def beheerder_van_zaal(db):
    """Kees, keeper of the hall (``zaal`` in the modules that use him)."""
    return UserFactory(first_name="Kees", email="kees@example.org")
