"""A schedule of bookings that never overlap, and realistic bookings on it (bulk inserts).

``plan_boekingen``, ``reserveringen_voor`` and ``bulk_insert`` are also used by
``bench_bookings``; ``overlappen`` checks its result.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accommodaties.models import Reservering
from demo.basis import BATCH, INSERT_BATCH, aware

from .gegevens import DOELEN, INITIATIEVEN, REDENEN_GEANNULEERD, REDENEN_GEWEIGERD, Uren

DUREN = (60, 60, 90, 120, 120, 180, 240)  # minutes; clipped to the facility's min and max
PAUZES = (30, 45, 60, 90, 120)  # minutes of free time between bookings


def _kwartier(moment: datetime) -> datetime:
    """``moment`` rounded up to a quarter of an hour (local time)."""
    lokaal = timezone.localtime(moment).replace(second=0, microsecond=0)
    extra = (-lokaal.minute) % 15
    if lokaal < moment:
        extra = extra or 15
    return lokaal + timedelta(minutes=extra)


def plan_boekingen(
    rng: random.Random,
    *,
    openingstijden: Uren,
    van: date,
    tot: date,
    buffer: timedelta,
    min_duur: int,
    max_duur: int,
    drukte: float = 0.5,
    sluitingen: list[tuple[datetime, datetime]] = (),
) -> list[tuple[datetime, datetime]]:
    """Non-overlapping ``(begin, einde)`` pairs on the days ``van`` up to (not including) ``tot``.

    Each lies within one opening period of its day and outside the closures (``(van, tot)``
    pairs); each starts no earlier than the previous end plus ``buffer``, so the occupied ranges
    ``[begin, einde + buffer)`` never meet. ``drukte`` (0 to 1) is how full the days are.
    """
    duren = [min(max(d, min_duur), max_duur) for d in DUREN]
    perioden = {dag: sorted(p) for dag, p in openingstijden.items()}
    resultaat: list[tuple[datetime, datetime]] = []
    cursor: datetime | None = None
    dag = van
    while dag < tot:
        for open_van, open_tot in perioden.get(dag.weekday(), ()):
            start, sluit = aware(dag, open_van), aware(dag, open_tot)
            if cursor is None or cursor < start:
                cursor = start
            while True:
                if rng.random() > drukte:
                    cursor += timedelta(minutes=rng.choice(PAUZES))
                begin = _kwartier(cursor)
                einde = begin + timedelta(minutes=rng.choice(duren))
                if einde > sluit:
                    break
                dicht = next((s for s in sluitingen if s[0] < einde and s[1] > begin), None)
                if dicht is not None:
                    cursor = dicht[1]
                    continue
                resultaat.append((begin, einde))
                cursor = einde + buffer
        dag += timedelta(days=1)
    return resultaat


def overlappen(boekingen) -> list[tuple]:
    """Pairs of active bookings of one facility whose ``[begin, bezet_tot)`` meet (for checks)."""
    actief = sorted((b for b in boekingen if b.is_actief), key=lambda b: (b.begin, b.pk or 0))
    return [
        (vorige, volgende)
        for vorige, volgende in zip(actief, actief[1:], strict=False)
        if volgende.begin < vorige.bezet_tot
    ]


def _status_en_tijden(rng, *, begin: datetime, now: datetime, goedkeuring: bool) -> dict:
    """A realistic state for a booking at ``begin``, with the moments and reason that go with it.

    Past bookings are mostly confirmed, some cancelled or refused; upcoming ones are also
    requested (waiting for a keeper) where approval is needed. ``beoordeeld`` says whether a
    keeper decided on it (the caller fills in who).
    """
    S = Reservering.Status
    r = rng.random()
    if begin <= now:
        if r < 0.82:
            status = S.BEVESTIGD
        elif r < 0.94 or not goedkeuring:
            status = S.GEANNULEERD
        else:
            status = S.GEWEIGERD
    elif goedkeuring:
        if r < 0.3:
            status = S.AANGEVRAAGD
        elif r < 0.9:
            status = S.BEVESTIGD
        elif r < 0.97:
            status = S.GEANNULEERD
        else:
            status = S.GEWEIGERD
    else:
        status = S.BEVESTIGD if r < 0.92 else S.GEANNULEERD
    aangemaakt = min(begin - timedelta(hours=rng.randint(24, 24 * 40)), now)
    velden = {"status": status, "aangemaakt_op": aangemaakt}

    def later(uren_max: int) -> datetime:
        return min(aangemaakt + timedelta(minutes=rng.randint(5, 60 * uren_max)), now, begin)

    # Cancelled bookings were mostly confirmed first.
    bevestigd = status == S.BEVESTIGD or (status == S.GEANNULEERD and rng.random() < 0.7)
    if bevestigd:
        velden["bevestigd_op"] = later(48) if goedkeuring else aangemaakt
    if status == S.GEWEIGERD:
        velden["geweigerd_op"] = later(48)
        velden["reden"] = rng.choice(REDENEN_GEWEIGERD)
    if status == S.GEANNULEERD:
        velden["geannuleerd_op"] = max(later(24 * 10), velden.get("bevestigd_op", aangemaakt))
        velden["reden"] = rng.choice(REDENEN_GEANNULEERD)
    velden["beoordeeld"] = goedkeuring and (bevestigd or status == S.GEWEIGERD)
    return velden


def reserveringen_voor(
    rng,
    accommodatie,
    momenten,
    *,
    boekers: list[int],
    keepers: list[int],
    soort: str,
    now: datetime,
    namens_kans: float = 0.2,
):
    """Unsaved ``Reservering`` objects for ``momenten`` ((begin, einde) pairs)."""
    goedkeuring = accommodatie.goedkeuring_nodig
    alleen_beheerders = accommodatie.wie_mag_boeken == "beheerders"
    doelen = DOELEN[soort]
    buffer = accommodatie.buffer
    objecten = []
    for begin, einde in momenten:
        velden = _status_en_tijden(rng, begin=begin, now=now, goedkeuring=goedkeuring)
        namens = ""
        if alleen_beheerders or rng.random() < namens_kans:
            namens = rng.choice(INITIATIEVEN)
        if velden.pop("beoordeeld") and keepers:
            velden["beoordeeld_door_id"] = rng.choice(keepers)
        objecten.append(
            Reservering(
                accommodatie_id=accommodatie.pk,
                geboekt_door_id=rng.choice(keepers if alleen_beheerders and keepers else boekers),
                namens=namens,
                doel=rng.choice(doelen),
                aantal_personen=rng.randint(1, max(1, accommodatie.capaciteit * 3 // 4)),
                begin=begin,
                einde=einde,
                bezet_tot=einde + buffer,
                **velden,
            )
        )
    return objecten


def bulk_insert(objecten) -> int:
    """Insert unsaved bookings in batches (one transaction per batch); returns how many."""
    gemaakt = 0
    for start in range(0, len(objecten), BATCH):
        with transaction.atomic():
            Reservering.objects.bulk_create(
                objecten[start : start + BATCH], batch_size=INSERT_BATCH
            )
        gemaakt += len(objecten[start : start + BATCH])
    return gemaakt
