import pytest

from meldingen import soorten
from meldingen.models import Kanaal

PRIVE = "Mevrouw De Wit heeft morgen om 9 uur een afspraak bij de longarts."


@pytest.fixture
def prive_tekst():
    """A sentence with private details: it may be shown in the inbox, never in an e-mail."""
    return PRIVE


@pytest.fixture
def tijdelijke_soort():
    """Register a kind for one test only (no e-mail templates of its own)."""
    added = []

    def _register(code="test_soort", *, standaard=Kanaal.EMAIL):
        added.append(code)
        return soorten.register(code, f"Test {code}", standaard=standaard)

    yield _register
    for code in added:
        soorten._soorten.pop(code, None)
