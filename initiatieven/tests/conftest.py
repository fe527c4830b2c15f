"""Fixtures the tests of this app share. A module that wants the frozen clock says so with
``pytestmark = [..., pytest.mark.usefixtures("klok")]``."""

import pytest
import time_machine

from initiatieven.tests.hulp import START


@pytest.fixture
def klok():
    """The clock stands still at ``START`` (Monday 4 March 2030, 09:00 in Amsterdam); a test
    moves it with ``klok.move_to(...)``."""
    with time_machine.travel(START, tick=False) as reis:
        yield reis
