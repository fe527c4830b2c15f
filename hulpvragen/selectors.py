"""Reads of help requests that other apps use (the buurtassistent dashboard), so they need not
know the matching engine's insides. Plain filters are QuerySet methods on the models
(``Hulpvraag.objects.open().lopend()``, ``Match.objects.geaccepteerd()``)."""

from __future__ import annotations

from bewoners.models import User

from . import matching, zoekindex
from .models import Aanbod, Hulpvraag, Match, Zoekregel


def kandidaten_voor(hulpvraag: Hulpvraag, *, limit: int) -> list[dict]:
    """The engine's best ``limit`` helpers for an open request (none when it is closed), best
    first, for matching by hand: ``{"helper": User (with profiel), "aanbod": Aanbod or None,
    "score": float, "uitleg": str}``. The words of ``uitleg`` are those of a proposal
    (``Match.uitleg_tekst``), in the reader's language. The same few queries for any ``limit``."""
    if not hulpvraag.is_open:
        return []
    gerangschikt = matching.rank(hulpvraag, limit=limit)
    helpers = User.objects.select_related("profiel").in_bulk([k.helper_id for k in gerangschikt])
    aanbod = Aanbod.objects.in_bulk([k.aanbod_id for k in gerangschikt if k.aanbod_id])
    return [
        {
            "helper": helpers[k.helper_id],
            "aanbod": aanbod.get(k.aanbod_id),
            "score": k.score,
            "uitleg": Match(uitleg=k.uitleg).uitleg_tekst,
        }
        for k in gerangschikt
        if k.helper_id in helpers
    ]


def voorstel_geldig_uren() -> int:
    """How long a helper has to answer a proposal before it lapses (``WIJK_MATCHING``)."""
    return matching.config()["VOORSTEL_GELDIG_UREN"]


def kandidaten_queryset(hulpvraag: Hulpvraag):
    """The engine's first step for ``hulpvraag`` as matching runs it: one SQL query, at most
    ``KANDIDATEN_MAX`` rows with their scoring facts, before scoring. For measuring the query
    and its plan (``bench_matching``); matching itself goes through the services."""
    return matching.candidates_queryset(hulpvraag)[: matching.config()["KANDIDATEN_MAX"]]


def zoekregels_voor(aanbod: Aanbod, *, categorieen, skills, buurten) -> list[Zoekregel]:
    """The search-table rows ``aanbod`` gets (unsaved), given its category ids, the helper's
    skill ids and its named buurt ids: for inserting many offers at once (the scale seed). The
    services keep the rows of offers made one at a time themselves."""
    return zoekindex.rows_for(aanbod, categorieen=categorieen, skills=skills, buurten=buurten)
