"""What is free and what is busy: the week calendar and the plain list of a facility.

``beschikbaarheid(accommodatie, van=..., tot=...)`` reads three things, whatever the number of
bookings: the opening hours, the closures and the active bookings in the period (one query
each). It then works out in Python, per day and per opening period, the stretches that are
``vrij`` (free), ``bezet`` (busy), ``dicht`` (a closure) or ``voorbij`` (already past).

A booking holds ``[begin, bezet_tot)`` (its end plus the buffer). A new booking needs its own
buffer before the next one starts, so for someone looking for a free time the stretch
``[begin - buffer, bezet_tot)`` is busy: every free stretch shown can really be booked, up to
its very end.

``rooster(dagen, stap=...)`` turns those days into a grid of time rows (the week calendar);
it runs no queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import LANGSTE_BEZETTING, Accommodatie, Reservering

VRIJ = "vrij"
BEZET = "bezet"
DICHT = "dicht"
VOORBIJ = "voorbij"

# Where stretches overlap, the first state in this list wins.
VOORRANG = (DICHT, BEZET, VOORBIJ, VRIJ)


@dataclass
class Stuk:
    """A stretch of one state within an opening period."""

    begin: datetime
    einde: datetime
    staat: str
    reservering: Reservering | None = None
    reden: str = ""  # of a closure
    boekbaar: bool = False  # free, in the future and within how far ahead one may book

    @property
    def minuten(self) -> int:
        return int((self.einde - self.begin).total_seconds() // 60)


@dataclass
class Dag:
    datum: date
    open: list[tuple[time, time]] = field(default_factory=list)
    stukken: list[Stuk] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return bool(self.open)

    @property
    def vrije_stukken(self) -> list[Stuk]:
        return [s for s in self.stukken if s.staat == VRIJ]


def _aware(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def beschikbaarheid(
    accommodatie: Accommodatie,
    *,
    van: date,
    tot: date,
    now: datetime | None = None,
) -> list[Dag]:
    """Free and busy per day for the days ``van`` up to (not including) ``tot``: three queries."""
    now = now or timezone.now()
    horizon = now + timedelta(days=accommodatie.vooruit_dagen)
    periode_begin = _aware(van, time.min)
    periode_einde = _aware(tot, time.min)
    buffer = accommodatie.buffer

    openingstijden: dict[int, list[tuple[time, time]]] = {}
    for weekdag, open_van, open_tot in accommodatie.openingstijden.order_by("van").values_list(
        "weekdag", "van", "tot"
    ):
        openingstijden.setdefault(weekdag, []).append((open_van, open_tot))
    sluitingen = list(
        accommodatie.sluitingen.filter(van__lt=periode_einde, tot__gt=periode_begin).order_by("van")
    )
    reserveringen = list(
        Reservering.objects.actief()
        .filter(
            accommodatie=accommodatie,
            begin__lt=periode_einde + buffer,
            begin__gt=periode_begin - LANGSTE_BEZETTING,  # lets the index skip the history
            bezet_tot__gt=periode_begin,
        )
        .select_related("geboekt_door")
        .order_by("begin")
    )

    # Each booking under every local day it touches (with the buffers), so a day looks only at
    # its own few bookings: the work grows with days plus bookings, not days times bookings.
    per_dag: dict[date, list[Reservering]] = {}
    for r in reserveringen:
        dag = timezone.localtime(r.begin - buffer).date()
        laatste = timezone.localtime(r.bezet_tot).date()
        while dag <= laatste:
            per_dag.setdefault(dag, []).append(r)
            dag += timedelta(days=1)

    dagen = []
    dag = van
    while dag < tot:
        dagen.append(
            _dag(
                dag,
                openingstijden.get(dag.weekday(), []),
                sluitingen,
                per_dag.get(dag, []),
                buffer=buffer,
                now=now,
                horizon=horizon,
            )
        )
        dag += timedelta(days=1)
    return dagen


def _dag(dag, open_perioden, sluitingen, reserveringen, *, buffer, now, horizon) -> Dag:
    resultaat = Dag(datum=dag, open=list(open_perioden))
    for open_van, open_tot in open_perioden:
        begin, einde = _aware(dag, open_van), _aware(dag, open_tot)
        # (from, to, state, booking, reason) of everything that is not plainly free
        lagen = [
            (max(s.van, begin), min(s.tot, einde), DICHT, None, s.reden)
            for s in sluitingen
            if s.van < einde and s.tot > begin
        ]
        lagen += [
            (max(r.begin - buffer, begin), min(r.bezet_tot, einde), BEZET, r, "")
            for r in reserveringen
            if r.begin - buffer < einde and r.bezet_tot > begin
        ]
        if now > begin:
            lagen.append((begin, min(now, einde), VOORBIJ, None, ""))
        grenzen = sorted({begin, einde, *(la[0] for la in lagen), *(la[1] for la in lagen)})
        for a, b in zip(grenzen, grenzen[1:], strict=False):
            if not (begin <= a < einde):
                continue
            raak = [la for la in lagen if la[0] <= a and la[1] >= b]
            if raak:
                raak.sort(key=lambda la: VOORRANG.index(la[2]))
                _, _, staat, reservering, reden = raak[0]
            else:
                staat, reservering, reden = VRIJ, None, ""
            vorige = resultaat.stukken[-1] if resultaat.stukken else None
            if (
                vorige is not None
                and vorige.einde == a
                and vorige.staat == staat
                and vorige.reservering is reservering
                and vorige.reden == reden
            ):
                vorige.einde = b
            else:
                resultaat.stukken.append(
                    Stuk(begin=a, einde=b, staat=staat, reservering=reservering, reden=reden)
                )
    for stuk in resultaat.stukken:
        stuk.boekbaar = stuk.staat == VRIJ and stuk.begin <= horizon
    return resultaat


# --- the week grid ------------------------------------------------------------------------------


@dataclass
class Vak:
    """One cell of the week grid: ``[begin, einde)`` on one day."""

    begin: datetime
    einde: datetime
    staat: str  # VRIJ, BEZET, DICHT, VOORBIJ, or "gesloten" (outside the opening hours)
    reservering: Reservering | None = None
    reden: str = ""
    boekbaar: bool = False


GESLOTEN = "gesloten"


@dataclass
class Rij:
    tijd: time
    vakken: list[Vak]


def rooster(dagen: list[Dag], *, stap: int = 60) -> list[Rij]:
    """Rows of ``stap`` minutes from the earliest opening to the latest closing of the days.

    A cell takes the strongest state of the stretches it touches (a half-free hour shows as
    busy), or ``gesloten`` when it is not wholly within opening hours.
    """
    open_tijden = [p for d in dagen for p in d.open]
    if not open_tijden:
        return []
    eerste = min(van for van, _tot in open_tijden)
    laatste = max(tot for _van, tot in open_tijden)
    start_min = (eerste.hour * 60 + eerste.minute) // stap * stap
    eind_min = laatste.hour * 60 + laatste.minute
    rijen = []
    minuut = start_min
    while minuut < eind_min:
        tijd = time(minuut // 60, minuut % 60)
        rijen.append(Rij(tijd=tijd, vakken=[_vak(d, tijd, stap) for d in dagen]))
        minuut += stap
    return rijen


def _vak(dag: Dag, tijd: time, stap: int) -> Vak:
    begin = _aware(dag.datum, tijd)
    einde = begin + timedelta(minutes=stap)
    lokaal_einde = timezone.localtime(einde)
    if lokaal_einde.date() != dag.datum and lokaal_einde.time() != time.min:
        return Vak(begin, einde, GESLOTEN)
    eind_tijd = lokaal_einde.time() if lokaal_einde.date() == dag.datum else time.max
    if not any(van <= tijd and eind_tijd <= tot for van, tot in dag.open):
        return Vak(begin, einde, GESLOTEN)
    raak = [s for s in dag.stukken if s.begin < einde and s.einde > begin]
    if not raak:
        return Vak(begin, einde, GESLOTEN)
    sterkste = min(raak, key=lambda s: VOORRANG.index(s.staat))
    return Vak(
        begin,
        einde,
        sterkste.staat,
        reservering=sterkste.reservering,
        reden=sterkste.reden,
        boekbaar=sterkste.staat == VRIJ and sterkste.boekbaar,
    )
