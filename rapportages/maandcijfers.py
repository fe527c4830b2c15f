"""The report's additive counts for any period: whole months from the pre-aggregate
(``Maandtelling``), the rest of the period from the rows (issue 16).

A ``reeks`` is one kind of row counted by one of its dates: new requests by the day they were
made (per buurt and soort hulp: how many, how many have a match, how many are still open, how
many were not matched within 48 hours), requests by the day they were matched or finished,
finished help by the day it was finished (and its hours), new residents by the day they
joined, completed profiles by the day they were completed, sign-ups for meetings that took
place by the meeting's day (and whether they came). ``tel`` counts a reeks per local
month, buurt and soort in one grouped query, over any set of date ranges: the hourly task
(``bijwerken``) counts every month so and keeps the result, and a report counts the months it
cannot take from there (the partial months at its edges, this month, the months the task did
not count yet) the same way. Because both go through ``tel``, the sum is the figure the rows
give, to the unit; a month is taken from the table only when it was counted 48 hours or more
after it ended (the figure "not matched within 48 hours" depends on the moment it is asked).

The table is as fresh as the last run of the task (every hour); ``stand`` tells the report
when the months it used were counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from bewoners.models import Profiel
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

from .models import Maandtelling

NIET_GEMATCHT_NA = timedelta(hours=48)
AANGEMAAKT = "hulp.aangemaakt"
GEMATCHT = "hulp.gematcht"
AFGEROND = "hulp.afgerond"
HULP_KLAAR = "match.afgerond"
NIEUWE_BEWONERS = "profiel.aangemeld"
PROFIEL_COMPLEET = "profiel.compleet"
AANMELDINGEN = "meedoen.aanmeldingen"  # sign-ups for meetings that took place, by their day
# Not additive: the values themselves, merged over the months of a period (``waarden``).
VOORSTEL = "hulp.voorstel"  # hours to the first proposal, per request by the day it was made
AKKOORD = "hulp.akkoord"  # hours to a helper's yes, per request by the day it was made
HELPERS_AKKOORD = "helpers.akkoord"  # helpers who said yes, by the day they did
HELPERS_KLAAR = "helpers.afgerond"  # helpers who finished, by the day they did
GEHOLPEN = "hulp.geholpen"  # per resident, their requests a helper said yes to, by that day
VERZAMELD = (VOORSTEL, AKKOORD, HELPERS_AKKOORD, HELPERS_KLAAR, GEHOLPEN)
REEKSEN = (
    AANGEMAAKT,
    GEMATCHT,
    AFGEROND,
    HULP_KLAAR,
    NIEUWE_BEWONERS,
    PROFIEL_COMPLEET,
    AANMELDINGEN,
    *VERZAMELD,
)
WAARDEN = (
    "aantal",
    "gematcht",
    "open",
    "niet_gematcht_48u",
    "gekomen",
    "niet_gekomen",
    "uren",
    "waarden",
)

Bereik = tuple[date, date]  # local dates [van, tot)


def _moment(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def _binnen(veld: str, bereiken: Iterable[Bereik]) -> Q | None:
    """Rows whose ``veld`` falls in one of the ranges; None for no ranges (no rows)."""
    q = None
    for van, tot in bereiken:
        deel = Q(**{f"{veld}__gte": _moment(van), f"{veld}__lt": _moment(tot)})
        q = deel if q is None else q | deel
    return q


def _bron(reeks: str, nu: datetime):
    """(rows, their date, buurt, soort hulp or None, the counts) of one reeks."""
    S = Hulpvraag.Status
    if reeks == AANGEMAAKT:
        return (
            Hulpvraag.objects.all(),
            "aangemaakt_op",
            "buurt",
            "categorie",
            {
                "aantal": Count("id"),
                "gematcht": Count("id", filter=Q(gematcht_op__isnull=False)),
                "open": Count("id", filter=Q(status=S.OPEN)),
                "niet_gematcht_48u": Count(
                    "id",
                    filter=Q(gematcht_op__isnull=True, aangemaakt_op__lte=nu - NIET_GEMATCHT_NA)
                    | Q(gematcht_op__gt=F("aangemaakt_op") + NIET_GEMATCHT_NA),
                ),
            },
        )
    if reeks in (GEMATCHT, AFGEROND):
        veld = "gematcht_op" if reeks == GEMATCHT else "afgerond_op"
        return Hulpvraag.objects.all(), veld, "buurt", None, {"aantal": Count("id")}
    if reeks == HULP_KLAAR:
        return (
            Match.objects.filter(status=Match.Status.AFGEROND),
            "afgerond_op",
            "hulpvraag__buurt",
            None,
            {"aantal": Count("id"), "uren": Sum("uren")},
        )
    if reeks == AANMELDINGEN:
        # The resident's buurt in this coöperatie (a resident can live in more than one).
        buurt = Profiel.objects.filter(
            user=OuterRef("user"), cooperatie=OuterRef("cooperatie")
        ).values("buurt")[:1]
        return (
            Aanmelding.objects.filter(
                status=Aanmelding.Status.AANGEMELD,
                bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
            ).annotate(profiel_buurt=Subquery(buurt)),
            "bijeenkomst__begin",
            "profiel_buurt",
            None,
            {
                "aantal": Count("id"),
                "gekomen": Count("id", filter=Q(aanwezig=True)),
                "niet_gekomen": Count("id", filter=Q(aanwezig=False)),
            },
        )
    if reeks in (NIEUWE_BEWONERS, PROFIEL_COMPLEET):
        veld = "user__date_joined" if reeks == NIEUWE_BEWONERS else "onboarding_voltooid_op"
        return Profiel.objects.all(), veld, "buurt", None, {"aantal": Count("id")}
    raise ValueError(reeks)


def _verzameld(reeks: str):
    """(rows, their date, buurt, the value's column or expression) of a reeks of values."""
    akkoord = Match.objects.filter(status__in=Match.AKKOORD)
    if reeks == VOORSTEL:
        # A proposal never comes before its request: the first of them all is the first. One
        # look in the index of the request's proposals per request (none: no value).
        eerste = (
            Match.objects.filter(hulpvraag=OuterRef("pk"), cooperatie=OuterRef("cooperatie"))
            .order_by("aangemaakt_op")
            .values("aangemaakt_op")[:1]
        )
        return (
            Hulpvraag.objects.annotate(eerste_voorstel=Subquery(eerste)),
            "aangemaakt_op",
            "buurt_id",
            "eerste_voorstel",
        )
    if reeks == AKKOORD:
        return (
            Hulpvraag.objects.filter(gematcht_op__isnull=False),
            "aangemaakt_op",
            "buurt_id",
            "gematcht_op",
        )
    if reeks == HELPERS_AKKOORD:
        return akkoord, "geaccepteerd_op", "hulpvraag__buurt_id", "helper_id"
    if reeks == HELPERS_KLAAR:
        return (
            Match.objects.filter(status=Match.Status.AFGEROND),
            "afgerond_op",
            "hulpvraag__buurt_id",
            "helper_id",
        )
    if reeks == GEHOLPEN:
        return (
            akkoord.filter(hulpvraag__aanvrager__isnull=False),
            "geaccepteerd_op",
            "hulpvraag__buurt_id",
            "hulpvraag__aanvrager_id",
        )
    raise ValueError(reeks)


def _maand(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def akkoord_samen(bereiken: Iterable[Bereik] | None, *, buurt=None) -> dict[str, list[dict]]:
    """``HELPERS_AKKOORD`` and ``GEHOLPEN`` from one query: both read the proposals a helper
    said yes to, by that day."""
    rijen, veld, buurt_veld, _w = _verzameld(HELPERS_AKKOORD)
    q = Q(**{f"{veld}__isnull": False}) if bereiken is None else _binnen(veld, bereiken)
    if q is None:
        return {HELPERS_AKKOORD: [], GEHOLPEN: []}
    if buurt is not None:
        q &= Q(**{buurt_veld: buurt.pk})
    helpers: dict = {}
    geholpen: dict = {}
    for moment, buurt_pk, helper, aanvrager in (
        rijen.filter(q).values_list(veld, buurt_veld, "helper_id", "hulpvraag__aanvrager_id")
    ).order_by():
        sleutel = (_maand(moment), buurt_pk)
        helpers.setdefault(sleutel, []).append(helper)
        if aanvrager is not None:
            geholpen.setdefault(sleutel, []).append(aanvrager)
    return {
        HELPERS_AKKOORD: _als_rijen(HELPERS_AKKOORD, helpers),
        GEHOLPEN: _als_rijen(GEHOLPEN, geholpen),
    }


def _als_rijen(reeks: str, per: dict) -> list[dict]:
    result = []
    for (maand, buurt_pk), waarden in per.items():
        if reeks == GEHOLPEN:
            waarden = {str(k): n for k, n in Counter(waarden).items()}
        elif reeks in (HELPERS_AKKOORD, HELPERS_KLAAR):
            waarden = sorted(set(waarden))
        else:
            waarden = sorted(waarden)
        result.append({"maand": maand, "buurt": buurt_pk, "categorie": None, "waarden": waarden})
    return result


def verzamel(reeks: str, bereiken: Iterable[Bereik] | None, *, buurt=None) -> list[dict]:
    """The values of a reeks that does not add up, per local month and buurt (``waarden``):
    hours as a sorted list, helpers as a sorted list of ids, residents helped as
    {id: requests}. One query (none for no ranges)."""
    rijen, veld, buurt_veld, waarde = _verzameld(reeks)
    if bereiken is None:
        q = Q(**{f"{veld}__isnull": False})
    else:
        q = _binnen(veld, bereiken)
        if q is None:
            return []
    if buurt is not None:
        q &= Q(**{buurt_veld: buurt.pk})
    per: dict = {}
    for moment, buurt_pk, w in rijen.filter(q).values_list(veld, buurt_veld, waarde).order_by():
        if w is None:
            continue  # a request without a proposal
        per.setdefault((_maand(moment), buurt_pk), []).append(
            (w - moment).total_seconds() / 3600 if reeks in (VOORSTEL, AKKOORD) else w
        )
    return _als_rijen(reeks, per)


def tel(reeks: str, bereiken: Iterable[Bereik] | None, *, buurt=None, nu=None) -> list[dict]:
    """The counts of ``reeks`` per local month, buurt (``buurt``) and soort hulp
    (``categorie``; None for a reeks without) over the rows dated in ``bereiken`` (None: all
    rows), in one grouped query (none for no ranges)."""
    if reeks in VERZAMELD:
        return verzamel(reeks, bereiken, buurt=buurt)
    nu = nu or timezone.now()
    rijen, veld, buurt_veld, categorie_veld, tellingen = _bron(reeks, nu)
    if bereiken is None:
        q = Q(**{f"{veld}__isnull": False})
    else:
        q = _binnen(veld, bereiken)
        if q is None:
            return []
    geannoteerd = buurt_veld == "profiel_buurt"  # a buurt's id, not a relation
    if buurt is not None:
        q &= Q(**{buurt_veld: buurt.pk if geannoteerd else buurt})
    groepen = {
        "maand": TruncMonth(veld),
        "buurt_pk": F(buurt_veld if geannoteerd else f"{buurt_veld}_id"),
    }
    if categorie_veld:
        groepen["categorie_pk"] = F(f"{categorie_veld}_id")
    result = []
    for rij in rijen.filter(q).values(**groepen).annotate(**tellingen).order_by():
        rij["buurt"] = rij.pop("buurt_pk")
        rij["categorie"] = rij.pop("categorie_pk", None)
        maand = rij["maand"]
        if isinstance(maand, datetime):
            maand = timezone.localtime(maand).date() if timezone.is_aware(maand) else maand.date()
        rij["maand"] = maand
        if "uren" in rij:
            rij["uren"] = rij["uren"] or Decimal(0)
        result.append(rij)
    return result


def _volgende(maand: date) -> date:
    return (maand + timedelta(days=32)).replace(day=1)


def bijwerken(*, nu: datetime | None = None) -> int:
    """Count every month of every reeks again (the current coöperatie) and keep it: what was
    kept before is replaced, so a drifted count is repaired. Returns the rows kept."""
    nu = nu or timezone.now()
    nieuw = []
    maanden = set()
    for reeks in REEKSEN:
        for rij in tel(reeks, None, nu=nu):
            maanden.add(rij["maand"])
            nieuw.append(
                Maandtelling(
                    reeks=reeks,
                    maand=rij["maand"],
                    buurt_id=rij["buurt"],
                    categorie_id=rij["categorie"],
                    berekend_op=nu,
                    **{k: rij[k] for k in WAARDEN if k in rij},
                )
            )
    if maanden:  # every month from the first counted one up to this one, also empty ones
        maand, laatste = min(maanden), timezone.localtime(nu).date().replace(day=1)
        while maand <= laatste:
            maanden.add(maand)
            maand = _volgende(maand)
    nieuw += [Maandtelling(reeks=Maandtelling.KLAAR, maand=m, berekend_op=nu) for m in maanden]
    with transaction.atomic():
        Maandtelling.objects.all().delete()
        Maandtelling.objects.bulk_create(nieuw, batch_size=1000)
    return len(nieuw)


class Deel:
    """The period ``[van, tot)`` split: the whole months the table has (``maanden``, with
    when they were counted) and the ranges to count from the rows (``bereiken``)."""

    def __init__(self, van: date, tot: date):
        self.van, self.tot = van, tot
        hele = []
        maand = van if van.day == 1 else _volgende(van)
        while _volgende(maand) <= tot:
            hele.append(maand)
            maand = _volgende(maand)
        klaar = dict(
            Maandtelling.objects.filter(reeks=Maandtelling.KLAAR, maand__in=hele).values_list(
                "maand", "berekend_op"
            )
        )
        self.maanden = {
            m: op for m, op in klaar.items() if _moment(_volgende(m)) + NIET_GEMATCHT_NA <= op
        }
        self.bereiken: list[Bereik] = []
        begin = van
        for m in sorted(self.maanden):
            if begin < m:
                self.bereiken.append((begin, m))
            begin = _volgende(m)
        if begin < tot:
            self.bereiken.append((begin, tot))

    @property
    def stand(self) -> datetime | None:
        """When the oldest month taken from the table was counted (None: none was)."""
        return min(self.maanden.values(), default=None)

    def rijen(self, reeksen: Iterable[str], *, buurt=None, nu=None) -> dict[str, list[dict]]:
        """Per reeks the counts per month, buurt and soort over the whole period: from the
        table (one query for all reeksen) and from the rows (one query per reeks)."""
        reeksen = list(reeksen)
        result: dict[str, list[dict]] = {r: [] for r in reeksen}
        if self.maanden:
            bewaard = Maandtelling.objects.filter(reeks__in=reeksen, maand__in=list(self.maanden))
            if buurt is not None:
                bewaard = bewaard.filter(buurt=buurt)
            for rij in bewaard.values("reeks", "maand", "buurt", "categorie", *WAARDEN):
                result[rij.pop("reeks")].append(rij)
        samen = {HELPERS_AKKOORD, GEHOLPEN} <= set(reeksen)
        if samen:
            for reeks, rijen in akkoord_samen(self.bereiken, buurt=buurt).items():
                result[reeks] += rijen
        for reeks in reeksen:
            if not (samen and reeks in (HELPERS_AKKOORD, GEHOLPEN)):
                result[reeks] += tel(reeks, self.bereiken, buurt=buurt, nu=nu)
        return result


def som(rijen: Iterable[dict], *waarden: str, per: str | None = None) -> dict:
    """The sums of ``waarden`` over ``rijen``: one dict, or a dict per value of ``per``."""
    if per is None:
        totaal = dict.fromkeys(waarden, 0)
        for rij in rijen:
            for k in waarden:
                totaal[k] += rij.get(k) or 0
        return totaal
    groepen: dict = {}
    for rij in rijen:
        groep = groepen.setdefault(rij[per], dict.fromkeys(waarden, 0))
        for k in waarden:
            groep[k] += rij.get(k) or 0
    return groepen
