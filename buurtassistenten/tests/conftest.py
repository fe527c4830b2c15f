"""Fixtures the buurtassistenten tests share: the frozen clock and the buurtassistenten.

The personas (``buurtassistent``, ``bewoner``, ``buurt``, ``andere_buurt`` ...) come from the
root ``conftest.py``; here Bas (``buurtassistent``) is assigned to Oud-Zuid (``buurt``).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory

# Monday 4 March 2030, 09:00 in Amsterdam.
START = datetime(2030, 3, 4, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def klok():
    """The clock, frozen at ``START`` (a module that needs it everywhere uses it with
    ``pytest.mark.usefixtures``)."""
    with time_machine.travel(START, tick=False) as reis:
        yield reis


@pytest.fixture
def assistent(buurtassistent, buurt):
    """Bas, the buurtassistent assigned to Oud-Zuid (``buurt``), where Bep and Henk live."""
    buurt.buurtassistenten.add(buurtassistent)
    return buurtassistent


@pytest.fixture
def assistent_van(db):
    """Makes another buurtassistent (with a second factor) who follows ``buurt``:
    ``assistent_van(buurt, first_name=..., ...)``, the rest as ``UserFactory`` takes it."""

    def maak(buurt, **velden):
        user = UserFactory(rollen=[Rol.BUURTASSISTENT], with_mfa=True, **velden)
        buurt.buurtassistenten.add(user)
        return user

    return maak
