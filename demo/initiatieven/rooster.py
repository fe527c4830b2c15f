"""Moments of meetings and realistic sign-ups for them (also for the scale data)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from demo.basis import aware
from initiatieven.models import Aanmelding, Bijeenkomst


def weken_eerder(moment: datetime, weken: int) -> datetime:
    """The same local wall-clock time ``weken`` weeks earlier (also across daylight saving)."""
    lokaal = timezone.localtime(moment).replace(tzinfo=None) - timedelta(weeks=weken)
    return timezone.make_aware(lokaal)


def volgende(na: date, weekdag: int, tijd: time) -> datetime:
    """The first ``weekdag`` after ``na``, at ``tijd`` (local)."""
    dag = na + timedelta(days=1)
    dag += timedelta(days=(weekdag - dag.weekday()) % 7)
    return aware(dag, tijd)


def herinnerd(begin: datetime) -> datetime:
    """When the reminder of a past meeting went out: 18:00 the evening before."""
    return aware(timezone.localtime(begin).date() - timedelta(days=1), time(18))


def aanwezig(rng: random.Random) -> bool | None:
    r = rng.random()
    return True if r < 0.85 else False if r < 0.95 else None


def aanmeldingen_voor(
    rng: random.Random,
    bijeenkomst: Bijeenkomst,
    leden: list[int],
    capaciteit: int | None,
    *,
    now: datetime,
    basis: int | None = None,
    drukte: float = 1.0,
) -> list[Aanmelding]:
    """Unsaved sign-ups for one meeting: never more signed up than ``capaciteit``.

    In the past most came (``aanwezig``); the closer a meeting, the fuller. Who signs up first
    gets a place; the rest of a full meeting waits on the waiting list. A few cancelled.
    ``drukte`` scales how many want to come in the past (a quiet season: below 1).
    """
    if bijeenkomst.begin <= now:
        vraag = rng.uniform(0.5, 1.15) * drukte
    else:
        weken = (bijeenkomst.begin - now).days / 7
        vraag = max(0.0, rng.uniform(0.4, 1.15) - 0.08 * weken)
    gewenst = round((capaciteit or basis or 12) * vraag)
    afgezegd = rng.randint(0, 2) if gewenst else 0
    wie = rng.sample(leden, min(len(leden), gewenst + afgezegd))
    afgezegd = wie[gewenst:]
    wie = wie[:gewenst]
    momenten = sorted(
        min(bijeenkomst.begin - timedelta(minutes=rng.randint(30, 14 * 24 * 60)), now) for _ in wie
    )
    voorbij = bijeenkomst.begin <= now and not bijeenkomst.is_geannuleerd
    S = Aanmelding.Status
    resultaat = []
    for plek, (user_id, moment) in enumerate(zip(wie, momenten, strict=True)):
        aangemeld = capaciteit is None or plek < capaciteit
        resultaat.append(
            Aanmelding(
                bijeenkomst_id=bijeenkomst.pk,
                user_id=user_id,
                status=S.AANGEMELD if aangemeld else S.WACHTLIJST,
                aangemeld_op=moment,
                aanwezig=aanwezig(rng) if aangemeld and voorbij else None,
            )
        )
    resultaat += [
        Aanmelding(
            bijeenkomst_id=bijeenkomst.pk,
            user_id=user_id,
            status=S.AFGEMELD,
            aangemeld_op=min(bijeenkomst.begin - timedelta(days=rng.randint(1, 10)), now),
        )
        for user_id in afgezegd
    ]
    return resultaat
