"""The moment the tests' clock stands still at, for every app's tests.

``klok`` (the root ``conftest.py``) freezes time at ``START``; ``op(dagen, uur)`` is a moment
counted from it, in local time.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 4 March 2030, 09:00 in Utrecht. Summer time starts on Sunday 31 March 2030.
START = datetime(2030, 3, 4, 9, 0, tzinfo=AMS)


def op(dagen, uur, minuut=0):
    """``dagen`` days after ``START``, at ``uur``:``minuut`` local time."""
    return datetime.combine(START.date() + timedelta(days=dagen), time(uur, minuut), tzinfo=AMS)
