"""Fixtures the buurtassistenten tests share: the buurtassistenten (the frozen clock, ``klok``,
is the root ``conftest.py``'s).

The personas (``buurtassistent``, ``bewoner``, ``buurt``, ``andere_buurt`` ...) come from the
root ``conftest.py``; here Bas (``buurtassistent``) is assigned to Oud-Zuid (``buurt``).
"""

import pytest

from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory


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
