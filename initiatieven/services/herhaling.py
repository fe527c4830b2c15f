"""Recurrence: a first meeting and a rule (python-dateutil's rrule) become the meetings of a
series.

``herhaal_momenten`` turns them into local wall-clock moments, made aware afterwards: "every
Tuesday 10:00" stays 10:00 across daylight saving. Series end at most two years ahead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import rrule
from django.utils import timezone

from ..models import Activiteit

MAX_VOORUIT = timedelta(days=2 * 366)  # a series ends at most two years ahead

REGELS = {
    Activiteit.Herhaling.WEKELIJKS: (rrule.WEEKLY, 1),
    Activiteit.Herhaling.TWEEWEKELIJKS: (rrule.WEEKLY, 2),
    Activiteit.Herhaling.MAANDELIJKS: (rrule.MONTHLY, 1),
}


def regel_voor(herhaling: str, tot_en_met: date | None, begin: datetime | None = None) -> str:
    """The RFC 5545 RRULE (without DTSTART) for a choice in the form; empty for one-off.

    Monthly means the same weekday in the same week of the month ("the second Tuesday"), or
    the last one when the first meeting is in the fifth week ("the last Friday")."""
    if herhaling == Activiteit.Herhaling.GEEN:
        return ""
    freq, interval = REGELS[herhaling]
    extra = {}
    if freq == rrule.MONTHLY and begin is not None:
        lokaal = timezone.localtime(begin)
        week = (lokaal.day - 1) // 7 + 1
        extra["byweekday"] = rrule.weekdays[lokaal.weekday()](-1 if week == 5 else week)
    regel = rrule.rrule(
        freq, interval=interval, until=datetime.combine(tot_en_met, datetime.max.time()), **extra
    )
    # str() gives "DTSTART:...\nRRULE:..."; keep the RRULE part.
    return str(regel).split("RRULE:", 1)[1].split("\n", 1)[0]


def herhaal_momenten(
    begin: datetime, einde: datetime, regel: str
) -> list[tuple[datetime, datetime]]:
    """The occurrences of a series as aware (begin, end) pairs; one pair when ``regel`` is empty.

    The rule runs over local wall-clock times (naive), which are made aware one by one: each
    occurrence keeps the local start time and length, also across daylight saving.
    """
    lokaal_begin = timezone.localtime(begin).replace(tzinfo=None)
    duur = timezone.localtime(einde).replace(tzinfo=None) - lokaal_begin
    momenten = list(rrule.rrulestr(regel, dtstart=lokaal_begin)) if regel else [lokaal_begin]
    return [(timezone.make_aware(m), timezone.make_aware(m + duur)) for m in momenten]
