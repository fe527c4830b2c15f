"""Fixtures the tests of this app share. A module that wants the frozen clock says so with
``pytestmark = [..., pytest.mark.usefixtures("klok")]``.

The personas (``bewoner``, ``helper``, ``buurt`` ...) come from the root ``conftest.py``."""

import pytest
import time_machine

from accommodaties.tests.hulp import START
from bewoners.tests.factories import UserFactory


@pytest.fixture
def klok():
    """The clock stands still at ``START`` (Monday 4 March 2030, 09:00 in Amsterdam); a test
    moves it with ``klok.move_to(...)``."""
    with time_machine.travel(START, tick=False) as reis:
        yield reis


@pytest.fixture
def beheerder_van_zaal(db):
    """Kees, keeper of the hall (``zaal`` in the modules that use him)."""
    return UserFactory(first_name="Kees", email="kees@example.org")
