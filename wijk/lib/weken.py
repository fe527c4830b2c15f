"""A week on a page: the ``?week=`` date in the URL, its Monday, the days and the neighbours.

Pages that show one week at a time (a facility's week calendar, the printable agenda) take
any date of that week from the URL. A date that is not one ("2030-02-31", "morgen") or lies
more than five years from today shows this week instead. ``Week.navigatie`` gives the links
to the week before and after, and back to this week (empty when this is that week).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date

# Further away than this from today, a chosen week is taken for nonsense: this week instead.
VERSTE = timedelta(days=5 * 366)


def datum_uit(tekst: str | None) -> date | None:
    """A date from the URL, or None for anything that is not one ("2030-02-31", "morgen")."""
    try:
        return parse_date(tekst or "")
    except ValueError:
        return None


def maandag_van(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


@dataclass(frozen=True)
class Week:
    maandag: date
    vandaag: date

    @property
    def zondag(self) -> date:
        return self.maandag + timedelta(days=6)

    @property
    def dagen(self) -> list[date]:
        return [self.maandag + timedelta(days=n) for n in range(7)]

    @property
    def volgende_maandag(self) -> date:
        return self.maandag + timedelta(days=7)

    @property
    def is_deze_week(self) -> bool:
        return self.maandag == maandag_van(self.vandaag)

    def van_tot(self) -> tuple[datetime, datetime]:
        """From Monday 00:00 to the next Monday 00:00, local time, as aware moments."""
        van = timezone.make_aware(datetime.combine(self.maandag, time.min))
        tot = timezone.make_aware(datetime.combine(self.volgende_maandag, time.min))
        return van, tot

    def navigatie(self, url: Callable[[date], str]) -> dict[str, str]:
        """The links to the week before and after, and to this week when another is shown;
        ``url`` makes the link to the week of a date."""
        return {
            "vorige_week_url": url(self.maandag - timedelta(days=7)),
            "volgende_week_url": url(self.volgende_maandag),
            "deze_week_url": "" if self.is_deze_week else url(maandag_van(self.vandaag)),
        }


def week_uit(tekst: str | None, *, vandaag: date | None = None) -> Week:
    """The week of the date in ``tekst`` (the ``?week=`` parameter); this week when it is no
    date or lies far away."""
    vandaag = vandaag or timezone.localdate()
    gekozen = datum_uit(tekst)
    if gekozen is None or abs(gekozen - vandaag) > VERSTE:
        gekozen = vandaag  # nonsense or far away: this week
    return Week(maandag=maandag_van(gekozen), vandaag=vandaag)
