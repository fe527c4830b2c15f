"""The matching engine: which helpers fit a request, and in what order.

Two steps:

1. ``candidates(hulpvraag)`` is one SQL query over the search table ``Zoekregel`` (one row
   per active offer, category and buurt, kept by ``hulpvragen.zoekindex``) with every hard
   constraint: category (the offer lists it, or the helper listed it as a skill in the
   profile), reach (own buurt / named buurten / everywhere), availability overlaps the
   request's parts of the week,
   helper under the weekly cap, not the requester, not already proposed or declined for this
   request, consent given, account active. It annotates what scoring needs, so scoring makes
   no further queries.
2. ``score(...)`` turns those facts into weighted parts (category fit, proximity, availability
   overlap, continuity, load, waiting time, shared language). The parts are stored with the
   match so people can see why ("zelfde buurt · vervoer · hielp eerder").

Weights, the number of proposals *k* and the other knobs live in ``settings.WIJK_MATCHING``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bewoners.models import Profiel, Taal

from .models import Aanbod, Bereik, Hulpvraag, Match, Zoekregel

DEFAULTS = {
    "K": 3,  # proposals per request
    "VOORSTEL_GELDIG_UREN": 24,  # a proposal lapses after this long without an answer
    "ESCALATIE_NA_UREN": 48,  # requests without an accepted helper go to the buurtassistent
    "KANDIDATEN_MAX": 200,  # rows the SQL step hands to scoring, best pre-ordered first
    # Search-table rows (category, reach, time) that go on to the per-helper checks (active,
    # consent, weekly cap, already proposed); a margin over KANDIDATEN_MAX for rejected ones.
    "VOORSELECTIE": 400,
    "BELASTING_DAGEN": 30,  # how far back "recent proposals and helps" looks
    "GEWICHTEN": {
        "categorie": 3.0,
        "nabijheid": 2.0,
        "beschikbaarheid": 1.5,
        "continuiteit": 1.5,
        "belasting": 1.5,
        "wachttijd": 1.0,
        "taal": 1.0,
    },
}


def config() -> dict:
    """``settings.WIJK_MATCHING`` on top of the defaults (weights merged key by key)."""
    custom = getattr(settings, "WIJK_MATCHING", {}) or {}
    merged = {**DEFAULTS, **custom}
    merged["GEWICHTEN"] = {**DEFAULTS["GEWICHTEN"], **custom.get("GEWICHTEN", {})}
    return merged


# Labels for the explanation. They are stored untranslated (the Dutch source text) with the
# match and translated when shown (``Match.uitleg_tekst``), so each reader sees their language.
LABELS = {
    "zelfde_buurt": gettext_noop("zelfde buurt"),
    "buurt_in_bereik": gettext_noop("helpt ook in deze buurt"),
    "hielp_eerder": gettext_noop("hielp eerder"),
    "tijd_past": gettext_noop("tijd past"),
    "weinig_gevraagd": gettext_noop("nog weinig gevraagd"),
    "wacht_lang": gettext_noop("wacht al lang"),
}

# Statuses that count toward the weekly cap: proposals waiting for an answer and helps agreed.
CAP_STATUSES = (Match.Status.VOORGESTELD, Match.Status.GEACCEPTEERD, Match.Status.AFGEROND)


@dataclass
class Kandidaat:
    """One helper with one offer, as scoring sees them."""

    helper_id: int
    aanbod_id: int | None
    expliciet: bool  # the offer itself lists the category (else: a skill on the profile)
    zelfde_buurt: bool
    buurt_in_bereik: bool
    beschikbaarheid: int
    belasting: int  # recent proposals and helps
    hielp_eerder: bool
    talen: list[str] = field(default_factory=list)
    score: float = 0.0
    delen: dict[str, float] = field(default_factory=dict)
    uitleg: list[str] = field(default_factory=list)


def candidates_queryset(hulpvraag: Hulpvraag, *, now=None):
    """Search-table rows that satisfy every hard constraint for ``hulpvraag``, with scoring facts.

    One row per (offer, category, buurt) in ``Zoekregel``: the index on (categorie, buurt)
    finds the offers that serve the category in the request's buurt or everywhere; one helper
    may appear on several rows (several offers, or own buurt and everywhere), ``rank`` keeps
    the best. Ordered by indexed facts (offer lists the category, nearness) so the slice taken
    by ``candidates`` is cheap; load and continuity are computed for the returned rows only.
    """
    now = now or timezone.now()
    cfg = config()
    week_geleden = now - timedelta(days=7)
    belasting_vanaf = now - timedelta(days=cfg["BELASTING_DAGEN"])
    buurt = hulpvraag.buurt_id

    # Reach: a row for the request's buurt (own or named), or one for "everywhere".
    reach = Q(buurt__isnull=True) if buurt is None else Q(buurt_id=buurt) | Q(buurt__isnull=True)
    already = Match.objects.filter(hulpvraag=hulpvraag, helper_id=OuterRef("helper_id"))
    weekly = (
        Match.objects.filter(
            helper_id=OuterRef("helper_id"),
            status__in=CAP_STATUSES,
            aangemaakt_op__gte=week_geleden,
        )
        .order_by()
        .values("helper_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    recent = (
        Match.objects.filter(helper_id=OuterRef("helper_id"), aangemaakt_op__gte=belasting_vanaf)
        .exclude(status=Match.Status.GEANNULEERD)
        .order_by()
        .values("helper_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    helped_before = Match.objects.filter(
        helper_id=OuterRef("helper_id"),
        hulpvraag__aanvrager_id=hulpvraag.aanvrager_id,
        status=Match.Status.AFGEROND,
    )
    # Best fit first; among equals, whoever was not asked for the longest time (rotation).
    volgorde = (
        "-expliciet",
        "-nabijheid",
        F("laatst_gevraagd_op").asc(nulls_first=True),
        "aanbod_id",
    )
    # Step one, on the search table alone (its index on categorie and buurt): category, reach,
    # availability, not the requester; the first VOORSELECTIE rows in the final order. Only
    # these go through the joins and per-helper subqueries below, so the cost stays flat as
    # the neighbourhood grows. Every returned row still passes every hard constraint.
    voorselectie = (
        Zoekregel.objects.filter(reach, categorie_id=hulpvraag.categorie_id)
        .annotate(overlap=F("beschikbaarheid").bitand(Value(hulpvraag.dagdelen)))
        .filter(overlap__gt=0)
        .exclude(helper_id=hulpvraag.aanvrager_id)
        .order_by(*volgorde)
        .values("pk")[: cfg["VOORSELECTIE"]]
    )
    return (
        Zoekregel.objects.filter(pk__in=voorselectie)
        .filter(
            helper__is_active=True,
            helper__profiel__toestemming_op__isnull=False,
        )
        .exclude(Exists(already))
        .annotate(deze_week=Coalesce(Subquery(weekly, output_field=IntegerField()), 0))
        .filter(deze_week__lt=F("max_per_week"))
        .annotate(
            belasting=Coalesce(Subquery(recent, output_field=IntegerField()), 0),
            hielp_eerder=Exists(helped_before),
        )
        .order_by(*volgorde)
        .values(
            "pk",
            "aanbod_id",
            "helper_id",
            "nabijheid",
            "beschikbaarheid",
            "expliciet",
            "belasting",
            "hielp_eerder",
            "helper__profiel__talen",
        )
    )


def candidates(hulpvraag: Hulpvraag, *, now=None) -> list[Kandidaat]:
    """The candidates for ``hulpvraag``: one query, at most ``KANDIDATEN_MAX`` rows.

    One per offer: an offer that reaches everywhere also has a row for the helper's own buurt;
    the rows come nearest first, so the first row of an offer is its best.
    """
    limit = config()["KANDIDATEN_MAX"]
    seen: set[int] = set()
    found = []
    for row in candidates_queryset(hulpvraag, now=now)[:limit]:
        if row["aanbod_id"] in seen:
            continue
        seen.add(row["aanbod_id"])
        found.append(
            Kandidaat(
                helper_id=row["helper_id"],
                aanbod_id=row["aanbod_id"],
                expliciet=row["expliciet"],
                zelfde_buurt=row["nabijheid"] == Zoekregel.Nabijheid.EIGEN_BUURT,
                buurt_in_bereik=row["nabijheid"] == Zoekregel.Nabijheid.GENOEMDE_BUURT,
                beschikbaarheid=row["beschikbaarheid"],
                belasting=row["belasting"],
                hielp_eerder=row["hielp_eerder"],
                talen=row["helper__profiel__talen"] or [],
            )
        )
    return found


def score(kandidaat: Kandidaat, hulpvraag: Hulpvraag, *, aanvrager_talen=(), now=None) -> Kandidaat:
    """Fill in ``score``, ``delen`` (each part 0..1) and ``uitleg`` of ``kandidaat``."""
    now = now or timezone.now()
    cfg = config()
    gewichten = cfg["GEWICHTEN"]
    delen: dict[str, float] = {}
    uitleg: list[str] = []

    delen["categorie"] = 1.0 if kandidaat.expliciet else 0.6

    if kandidaat.zelfde_buurt:
        delen["nabijheid"] = 1.0
        uitleg.append(LABELS["zelfde_buurt"])
    elif kandidaat.buurt_in_bereik:
        delen["nabijheid"] = 0.6
        uitleg.append(LABELS["buurt_in_bereik"])
    else:
        delen["nabijheid"] = 0.3

    # The request's categorie (its name) is the second reason: "vervoer".
    uitleg.append(hulpvraag.categorie.naam)

    gevraagd = bin(hulpvraag.dagdelen).count("1")
    overlap = bin(kandidaat.beschikbaarheid & hulpvraag.dagdelen).count("1")
    delen["beschikbaarheid"] = round(min(1.0, overlap / max(1, min(gevraagd, 6))), 3)
    if delen["beschikbaarheid"] >= 1.0:
        uitleg.append(LABELS["tijd_past"])

    delen["continuiteit"] = 1.0 if kandidaat.hielp_eerder else 0.0
    if kandidaat.hielp_eerder:
        uitleg.append(LABELS["hielp_eerder"])

    delen["belasting"] = round(1.0 / (1 + kandidaat.belasting), 3)
    if kandidaat.belasting == 0:
        uitleg.append(LABELS["weinig_gevraagd"])

    wacht_uren = max(0.0, (now - hulpvraag.aangemaakt_op).total_seconds() / 3600)
    delen["wachttijd"] = round(min(1.0, wacht_uren / max(1, cfg["ESCALATIE_NA_UREN"])), 3)
    if delen["wachttijd"] >= 0.5:
        uitleg.append(LABELS["wacht_lang"])

    gedeeld = sorted((set(aanvrager_talen) & set(kandidaat.talen)) - {"nl"})
    delen["taal"] = 1.0 if gedeeld else 0.0
    for code in gedeeld[:1]:
        with translation.override(settings.LANGUAGE_CODE):
            uitleg.append(str(_("spreekt %(taal)s")) % {"taal": str(Taal(code).label)})

    totaal_gewicht = sum(gewichten.get(naam, 0.0) for naam in delen) or 1.0
    kandidaat.score = round(
        sum(gewichten.get(naam, 0.0) * waarde for naam, waarde in delen.items()) / totaal_gewicht,
        4,
    )
    kandidaat.delen = delen
    kandidaat.uitleg = uitleg
    return kandidaat


def rank(hulpvraag: Hulpvraag, *, now=None, limit: int | None = None) -> list[Kandidaat]:
    """Scored candidates, best first, one per helper (their best-fitting offer)."""
    now = now or timezone.now()
    aanvrager_talen = (
        Profiel.objects.filter(user_id=hulpvraag.aanvrager_id)
        .values_list("talen", flat=True)
        .first()
        or []
    )
    best: dict[int, Kandidaat] = {}
    for kandidaat in candidates(hulpvraag, now=now):
        score(kandidaat, hulpvraag, aanvrager_talen=aanvrager_talen, now=now)
        current = best.get(kandidaat.helper_id)
        if current is None or kandidaat.score > current.score:
            best[kandidaat.helper_id] = kandidaat
    ranked = sorted(best.values(), key=lambda k: (-k.score, k.belasting, k.helper_id))
    return ranked[:limit] if limit is not None else ranked


def requests_for_offer(aanbod: Aanbod, *, now=None, limit: int = 50):
    """Open requests this offer could serve (the reverse question, for a new or changed offer).

    The same hard constraints, seen from the offer: category, reach, availability, not the
    helper's own request, no match for this helper yet. Longest-waiting first (fairness).
    """
    categorie_ids = list(aanbod.categorieen.values_list("pk", flat=True))
    if not aanbod.actief or not categorie_ids:
        return Hulpvraag.objects.none()
    qs = (
        Hulpvraag.objects.open()
        .filter(categorie_id__in=categorie_ids)
        .exclude(aanvrager_id=aanbod.helper_id)
        .annotate(overlap=F("dagdelen").bitand(Value(aanbod.beschikbaarheid)))
        .filter(overlap__gt=0)
        .exclude(Exists(Match.objects.filter(hulpvraag=OuterRef("pk"), helper_id=aanbod.helper_id)))
    )
    if aanbod.bereik == Bereik.EIGEN_BUURT:
        qs = qs.filter(buurt_id=aanbod.buurt_id) if aanbod.buurt_id else qs.none()
    elif aanbod.bereik == Bereik.BUURTEN:
        buurt_ids = [*aanbod.buurten.values_list("pk", flat=True), aanbod.buurt_id]
        qs = qs.filter(buurt_id__in=[b for b in buurt_ids if b])
    return qs.order_by("aangemaakt_op", "pk")[:limit]
