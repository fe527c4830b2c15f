"""What the tests of this app share besides fixtures (those are in ``conftest.py``): the
moment the clock stands still at (``tests.tijd``), and a weekly activity planned through the service."""

from datetime import date

from initiatieven import services
from initiatieven.models import Activiteit
from tests.tijd import AMS, START, op

__all__ = ["AMS", "START", "op", "wekelijks"]


def wekelijks(initiatief, door, **anders):
    """Every Tuesday 10:00-11:30 from 5 March to 30 April 2030 (9 times), 2 places."""
    velden = {
        "initiatief": initiatief,
        "door": door,
        "titel": "Wandelen",
        "begin": op(1, 10),  # Tuesday 5 March, 10:00
        "einde": op(1, 11, 30),
        "herhaling": Activiteit.Herhaling.WEKELIJKS,
        "tot_en_met": date(2030, 4, 30),
        "capaciteit": 2,
    }
    velden.update(anders)
    return services.activiteit_create(**velden)
