"""What the tests of this app share besides fixtures (those are in ``conftest.py``): the
moment the clock stands still at, and a weekly activity planned through the service."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from initiatieven import services
from initiatieven.models import Activiteit

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 4 March 2030, 09:00 in Utrecht. Summer time starts on Sunday 31 March 2030.
START = datetime(2030, 3, 4, 9, 0, tzinfo=AMS)


def op(dagen, uur, minuut=0):
    """``dagen`` days after ``START``, at ``uur``:``minuut`` local time."""
    return datetime.combine(START.date() + timedelta(days=dagen), time(uur, minuut), tzinfo=AMS)


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
