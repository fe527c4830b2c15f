"""One way to write a date or a time, everywhere: on pages, in e-mails, notifications and files.

The Dutch way, as people say it: "zaterdag 12 december" and "zaterdag 12 december, 14:00", with
the year only when it is not this year ("dinsdag 5 januari 2027"); a span of time on one day is
"zaterdag 12 december, 14:00–16:00". Times are shown in the local time zone. Never "25-12-2026":
that is a form's input format, not how a date is read. Under English the same shape follows
(Saturday 12 December).

In templates: ``{{ d|dag }}``, ``{{ dt|dag_tijd }}``, ``{% tijdvak begin einde %}`` (the filters
are built in, see ``wijk.templatetags.datums``).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format

__all__ = ["dag", "dag_tijd", "korte_dag", "tijd", "tijdvak"]


def _lokaal(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _als_datum(waarde: date | datetime) -> date:
    return _lokaal(waarde).date() if isinstance(waarde, datetime) else waarde


def dag(waarde: date | datetime | None, *, jaar: bool | None = None) -> str:
    """ "zaterdag 12 december"; the year is added when it is not this year (or ``jaar=True``)."""
    if waarde is None:
        return ""
    datum = _als_datum(waarde)
    if jaar is None:
        jaar = datum.year != timezone.localdate().year
    return date_format(datum, "l j F Y" if jaar else "l j F")


def korte_dag(waarde: date | datetime | None, *, jaar: bool | None = None) -> str:
    """ "12 december" (no weekday), with the year as in :func:`dag`."""
    if waarde is None:
        return ""
    datum = _als_datum(waarde)
    if jaar is None:
        jaar = datum.year != timezone.localdate().year
    return date_format(datum, "j F Y" if jaar else "j F")


def tijd(moment: datetime | None) -> str:
    """ "14:00" in local time."""
    if moment is None:
        return ""
    return date_format(_lokaal(moment), "H:i")


def dag_tijd(moment: datetime | None, *, jaar: bool | None = None) -> str:
    """ "zaterdag 12 december, 14:00" in local time."""
    if moment is None:
        return ""
    return f"{dag(moment, jaar=jaar)}, {tijd(moment)}"


def tijdvak(begin: datetime | None, einde: datetime | None, *, jaar: bool | None = None) -> str:
    """ "zaterdag 12 december, 14:00–16:00"; across days both ends in full."""
    if begin is None:
        return ""
    if einde is None:
        return dag_tijd(begin, jaar=jaar)
    if _als_datum(begin) == _als_datum(einde):
        return f"{dag_tijd(begin, jaar=jaar)}–{tijd(einde)}"
    return f"{dag_tijd(begin, jaar=jaar)} – {dag_tijd(einde, jaar=jaar)}"
