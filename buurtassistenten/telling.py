"""The dashboard's count of outreach signals, kept in a rollup (``Signaaltelling``, issue 16).

Counting the signals live looks through half a year of matches, sign-ups and bookings: a
second at 20,000 residents, on every click of the buurtassistent. The other queues count
fast on their indexes and stay live. The rollup holds the count per buurt, so the
buurtassistent's own werkgebied (their buurten, buurten without a buurtassistent, residents
without a buurt) is a sum over a few rows.

Kept right by Celery (``tasks.signalen_tellen``, beat every minute per coöperatie):

* a change that can move a signal (a request, match, sign-up, meeting, booking, profile or
  account saved or removed) marks the coöperatie's count as stale in the cache, no query
  (``verouderd``); the next minute's run counts again while the mark lasts (``MARK_SECONDEN``,
  so a transaction that commits after the run is counted by the one after);
* every ``VERVERS_MINUTEN`` it counts again anyway: time passing moves the windows of the
  signals, and bulk updates (lapsing proposals, expiring requests) send no signals.

A coöperatie without rows was never counted: ``queues.tellingen`` then counts live. The
rollup is read in ``queues.tellingen``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from bewoners.models import Buurt, Profiel
from cooperaties.huidige import huidige
from cooperaties.models import Cooperatie

from . import queues
from .models import Signaaltelling

VERVERS_MINUTEN = 10  # counted again at least this often
MARK_SECONDEN = 150  # a change keeps the count stale this long (over two runs of the beat)


def _sleutel(cooperatie_id: int) -> str:
    return f"buurtassistenten:signalen-verouderd:{cooperatie_id}"


def live_per_buurt(now: datetime | None = None) -> dict[int | None, int]:
    """The live count of ``queues.signalen`` per buurt of the resident (None: no buurt)."""
    ids = queues.signalen(None, alle=True, now=now).order_by().values("pk")
    rijen = (
        Profiel.objects.filter(user_id__in=ids)
        .order_by()
        .values("buurt_id")
        .annotate(aantal=Count("user_id", distinct=True))
    )
    return {rij["buurt_id"]: rij["aantal"] for rij in rijen}


def bijwerken(now: datetime | None = None) -> int:
    """Count the current coöperatie's signals again and store them; the total."""
    now = now or timezone.now()
    with transaction.atomic():
        # One count at a time per coöperatie: the second waits, then writes the newer count.
        list(Cooperatie.objects.select_for_update().filter(pk=huidige().pk).values_list("pk"))
        per_buurt = live_per_buurt(now)
        bestaande = set(
            Buurt.objects.filter(pk__in=[b for b in per_buurt if b]).values_list("pk", flat=True)
        )
        Signaaltelling.objects.all().delete()
        # The row without buurt is always there: it says the coöperatie was counted.
        rijen = [Signaaltelling(buurt=None, aantal=per_buurt.pop(None, 0), berekend_op=now)]
        rijen += [
            Signaaltelling(buurt_id=b, aantal=n, berekend_op=now)
            for b, n in per_buurt.items()
            if b in bestaande
        ]
        Signaaltelling.objects.bulk_create(rijen)
    return sum(r.aantal for r in rijen)


def nodig(now: datetime | None = None) -> bool:
    """Must the current coöperatie's signals be counted again?"""
    now = now or timezone.now()
    if cache.get(_sleutel(huidige().pk)):
        return True
    laatst = Signaaltelling.objects.order_by("-berekend_op").values_list("berekend_op", flat=True)
    laatst = laatst.first()
    return laatst is None or laatst <= now - timedelta(minutes=VERVERS_MINUTEN)


def bijwerken_als_nodig(now: datetime | None = None) -> int | None:
    """The beat's run: count again when stale (``nodig``); the total, or None."""
    return bijwerken(now) if nodig(now) else None


# --- a change marks the count stale ----------------------------------------------------------


def verouderd(sender, instance, **kwargs) -> None:
    """``post_save``/``post_delete`` of a model a signal is made of: mark the coöperatie of
    the row (or the current one) stale. Only the cache, never a query: the other apps' pages
    and their query counts stay as they were."""
    velden = kwargs.get("update_fields")
    if velden and sender in _ALLEEN and not set(velden) & _ALLEEN[sender]:
        return  # a login (last_login), a name: no signal moves
    cooperatie_id = getattr(instance, "cooperatie_id", None)
    if cooperatie_id is None:
        cooperatie = huidige()
        cooperatie_id = cooperatie.pk if cooperatie is not None else None
    if cooperatie_id is not None:
        cache.set(_sleutel(cooperatie_id), True, MARK_SECONDEN)


BRONNEN = (
    "hulpvragen.Hulpvraag",
    "hulpvragen.Match",
    "initiatieven.Aanmelding",
    "initiatieven.Bijeenkomst",
    "accommodaties.Reservering",
    "bewoners.Profiel",
    "bewoners.User",
)


# Of these models only these fields move a signal (a save naming none of them is ignored).
_ALLEEN: dict = {}


def verbinden() -> None:
    """Listen to the models the signals are made of (``apps.ready``)."""
    from django.apps import apps

    _ALLEEN[apps.get_model("bewoners.User")] = {"is_active"}
    _ALLEEN[apps.get_model("bewoners.Profiel")] = {"buurt", "buurt_id", "user", "user_id"}
    for naam in BRONNEN:
        model = apps.get_model(naam)
        post_save.connect(verouderd, sender=model, dispatch_uid=f"signaaltelling-{naam}-save")
        post_delete.connect(verouderd, sender=model, dispatch_uid=f"signaaltelling-{naam}-del")
