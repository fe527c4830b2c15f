"""Reports computed ahead, so the board's usual choices open at once.

A Celery task (beat, every hour) counts the monthly pre-aggregate again (``maandcijfers``),
then computes the report for the fixed periods — this month, last
month, last quarter, this year — for the whole wijk and for every buurt, in every language,
and keeps it in the cache (Redis in production) for a little longer than the interval. The
page, the CSV and the XLSX take a computed report when there is one and compute it themselves
otherwise (own dates, or a cache that was emptied); both paths go through
``weergave.rapport``, so the numbers and the suppression of small counts ("<5", and "x" beside
them) are the same. The business case takes its volumes from the same computed report. The page
says when the figures were computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from bewoners.models import Buurt
from cooperaties.huidige import huidige, in_cooperatie

from . import maandcijfers, weergave
from .cijfers import Periode
from .forms import Keuze, vaste_periode

BEWAAR_SECONDEN = 2 * 60 * 60  # the task runs every hour; one missed run is covered
VASTE_KEUZES = (Keuze.DEZE_MAAND, Keuze.VORIGE_MAAND, Keuze.VORIG_KWARTAAL, Keuze.DIT_JAAR)


@dataclass
class Berekend:
    secties: list
    berekend_op: datetime
    aantallen: dict  # every count by key, with how it is shown (``weergave.Rapport``)
    uren_hulp: float


# v2: counts carry their suppression ("x" beside "<5") and the business case's volumes are kept.
# v3: per coöperatie (one cache serves every coöperatie of the installation).
# v4: the charts have a value axis, the values and the months (weergave.grafiek).
def _sleutel(periode: Periode, taal: str) -> str:
    cooperatie = huidige()
    if cooperatie is None:
        raise RuntimeError("a report belongs to a coöperatie: none is current")
    buurt = periode.buurt.pk if periode.buurt is not None else "alle"
    return f"rapportage:v4:{cooperatie.pk}:{periode.van:%Y%m%d}:{periode.tot:%Y%m%d}:{buurt}:{taal}"


def ophalen(periode: Periode) -> Berekend | None:
    return cache.get(_sleutel(periode, translation.get_language() or settings.LANGUAGE_CODE))


def bereken(periode: Periode) -> Berekend:
    """Compute the report in the active language and keep it."""
    nu = timezone.now()
    # One transaction: one snapshot of the data, and no transaction per query.
    with transaction.atomic():
        rapport = weergave.rapport(periode)
    berekend = Berekend(
        secties=rapport.secties,
        # The whole months come from the monthly pre-aggregate: as fresh as its last count.
        berekend_op=min(nu, rapport.stand) if rapport.stand else nu,
        aantallen=rapport.aantallen,
        uren_hulp=rapport.uren_hulp,
    )
    taal = translation.get_language() or settings.LANGUAGE_CODE
    cache.set(_sleutel(periode, taal), berekend, BEWAAR_SECONDEN)
    return berekend


def rapport_voor(periode: Periode) -> Berekend:
    """The computed report when there is one, else computed now (and kept)."""
    return ophalen(periode) or bereken(periode)


def rapporten_voor(cooperaties, periode: Periode) -> dict[int, Berekend]:
    """The report of ``periode`` (for the whole wijk: ``buurt`` None) of every coöperatie in
    ``cooperaties``, by its id: the computed ones in one read of the cache, the others computed
    now inside their coöperatie (and kept), as ``rapport_voor`` would for each. For the
    network's report across coöperaties."""
    if periode.buurt is not None:
        raise ValueError("a buurt belongs to one coöperatie: ask for the whole wijk")
    taal = translation.get_language() or settings.LANGUAGE_CODE
    sleutels = {}
    for cooperatie in cooperaties:
        with in_cooperatie(cooperatie):
            sleutels[_sleutel(periode, taal)] = cooperatie
    bewaard = cache.get_many(list(sleutels))
    rapporten = {}
    for sleutel, cooperatie in sleutels.items():
        berekend = bewaard.get(sleutel)
        if berekend is None:
            with in_cooperatie(cooperatie):
                berekend = bereken(periode)
        rapporten[cooperatie.pk] = berekend
    return rapporten


def alles_voorberekenen(*, vandaag=None) -> int:
    """The monthly pre-aggregate counted again (``maandcijfers.bijwerken``: any period's report
    takes its whole months from there), then the fixed periods × (whole wijk and every buurt)
    × every language. Returns how many reports."""
    maandcijfers.bijwerken()
    vandaag = vandaag or timezone.localdate()
    buurten = [None, *Buurt.objects.order_by("pk")]
    aantal = 0
    for taal, _naam in settings.LANGUAGES:
        with translation.override(taal):
            for keuze in VASTE_KEUZES:
                van, tot = vaste_periode(keuze, vandaag)
                for buurt in buurten:
                    bereken(Periode(van=van, tot=tot, buurt=buurt))
                    aantal += 1
    return aantal
