"""The figures of the board report, for a period ``[van, tot)`` and optionally one buurt.

The figures that add up over months (new, matched, finished and open requests, help given and
its hours, new residents, completed profiles, sign-ups and attendance), and the values behind
those that do not (hours for the percentiles, helpers, residents helped), come from
``maandcijfers``: the period's whole months from the monthly pre-aggregate, the rest from the
rows, in a few grouped queries (``maandrijen``, once per report). The other figures come from
aggregate SQL on the period's rows (``aggregate``/``values().annotate()`` with filtered
``Count``/``Sum``). The rows read into Python are small configuration (opening hours) and the
values of the partial months at the period's edges.

Public API: ``Periode``, ``maandrijen``, ``hulp``, ``meedoen``, ``accommodaties``,
``coordinatie``, ``trend``, ``trend_meedoen`` and ``trend_ruimtes``. Each section function
returns a plain dict of raw numbers (ints for counts, floats for hours and shares, ``None`` when
a share or percentile has no base); suppression of small counts happens where they are shown
(``rapportages.weergave.toon``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accommodaties.models import Accommodatie, Openingstijd, Reservering
from bewoners.models import Buurt, Categorie
from buurtassistenten.models import Contactmoment, Doorverwijzing, Intake, Namens
from initiatieven.models import Bijeenkomst, Initiatief, Lidmaatschap

from . import maandcijfers

NIET_GEMATCHT_NA = timedelta(hours=48)


@dataclass(frozen=True)
class Periode:
    """Local dates ``van`` (inclusive) to ``tot`` (exclusive), and an optional buurt."""

    van: date
    tot: date
    buurt: Buurt | None = None

    @property
    def begin(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.van, time.min))

    @property
    def einde(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.tot, time.min))

    def binnen(self, veld: str) -> Q:
        return Q(**{f"{veld}__gte": self.begin, f"{veld}__lt": self.einde})

    def in_buurt(self, veld: str) -> Q:
        return Q(**{veld: self.buurt}) if self.buurt is not None else Q()

    def maanden(self) -> list[date]:
        """The first day of every month that the period touches."""
        maand = self.van.replace(day=1)
        result = []
        while maand < self.tot:
            result.append(maand)
            maand = (maand + timedelta(days=32)).replace(day=1)
        return result


def _aandeel(deel: int, geheel: int) -> float | None:
    return None if not geheel else deel / geheel


def _uren(waarde) -> float:
    if waarde is None:
        return 0.0
    if isinstance(waarde, timedelta):
        return waarde.total_seconds() / 3600
    return float(waarde)


# --- percentiles ---------------------------------------------------------------------------


def _percentile_cont(gesorteerd: list[float], p: float) -> float:
    """PostgreSQL's ``percentile_cont``: linear interpolation between the nearest ranks."""
    positie = p * (len(gesorteerd) - 1)
    onder, boven = math.floor(positie), math.ceil(positie)
    return gesorteerd[onder] + (gesorteerd[boven] - gesorteerd[onder]) * (positie - onder)


# --- Hulp ----------------------------------------------------------------------------------


def maandrijen(periode: Periode, nu: datetime | None = None) -> tuple[dict, datetime | None]:
    """The additive counts of the period per reeks (``maandcijfers``): whole months from the
    pre-aggregate, the rest from the rows; and when the oldest month used was counted."""
    deel = maandcijfers.Deel(periode.van, periode.tot)
    return deel.rijen(maandcijfers.REEKSEN, buurt=periode.buurt, nu=nu), deel.stand


def _percentielen(rijen: list[dict], ps=(0.5, 0.9)) -> tuple[int, list[float | None]]:
    """(number of values, [percentile for each p]) of the hours in ``waarden`` of the rows,
    interpolated as PostgreSQL's ``percentile_cont``."""
    gesorteerd = sorted(w for rij in rijen for w in rij["waarden"])
    if not gesorteerd:
        return 0, [None for _ in ps]
    return len(gesorteerd), [_percentile_cont(gesorteerd, p) for p in ps]


def _per_naam(groepen: dict, model) -> list[dict]:
    """Counts per id of a buurt or soort hulp, as counts per name in the database's order of
    the names (a missing one: no name), as ``values(naam=...).annotate(...).order_by("naam")``
    gives them."""
    namen = model.objects.filter(pk__in=[k for k in groepen if k is not None]).order_by("naam")
    per: dict = {}
    for pk, naam in namen.values_list("pk", "naam"):
        per.setdefault(naam, []).append(groepen.pop(pk))
    geen = list(groepen.values())  # no buurt (or one removed since the last count)
    volgorde = [*per.items(), *([(None, geen)] if geen else [])]
    if geen and not connection.features.nulls_order_largest:
        volgorde.insert(0, volgorde.pop())
    return [
        {
            "naam": naam,
            "nieuw": sum(g["aantal"] for g in delen),
            "gematcht": sum(g["gematcht"] for g in delen),
            "open": sum(g["open"] for g in delen),
        }
        for naam, delen in volgorde
    ]


def hulp(periode: Periode, nu: datetime | None = None, rijen: dict | None = None) -> dict:
    nu = nu or timezone.now()
    if rijen is None:
        rijen, _stand = maandrijen(periode, nu)
    som = maandcijfers.som
    nieuw_rijen = rijen[maandcijfers.AANGEMAAKT]
    t = som(nieuw_rijen, "aantal", "gematcht", "open", "niet_gematcht_48u")
    telling = {
        "nieuw": t["aantal"],
        "nieuw_gematcht": t["gematcht"],
        "gematcht": som(rijen[maandcijfers.GEMATCHT], "aantal")["aantal"],
        "afgerond": som(rijen[maandcijfers.AFGEROND], "aantal")["aantal"],
        "open": t["open"],
        "niet_gematcht_48u": t["niet_gematcht_48u"],
    }
    telling["match_ratio"] = _aandeel(telling["nieuw_gematcht"], telling["nieuw"])

    n_voorstel, (voorstel_p50, voorstel_p90) = _percentielen(rijen[maandcijfers.VOORSTEL])
    n_akkoord, (akkoord_p50, akkoord_p90) = _percentielen(rijen[maandcijfers.AKKOORD])
    telling.update(
        voorstel_n=n_voorstel,
        voorstel_mediaan_uren=voorstel_p50,
        voorstel_p90_uren=voorstel_p90,
        akkoord_n=n_akkoord,
        akkoord_mediaan_uren=akkoord_p50,
        akkoord_p90_uren=akkoord_p90,
    )
    telling["per_categorie"] = _per_naam(
        som(nieuw_rijen, "aantal", "gematcht", "open", per="categorie"), Categorie
    )
    telling["per_buurt"] = _per_naam(
        som(nieuw_rijen, "aantal", "gematcht", "open", per="buurt"), Buurt
    )

    klaar = som(rijen[maandcijfers.HULP_KLAAR], "aantal", "uren")
    helpers = set()
    for rij in (*rijen[maandcijfers.HELPERS_AKKOORD], *rijen[maandcijfers.HELPERS_KLAAR]):
        helpers.update(rij["waarden"])
    per_bewoner: Counter = Counter()
    for rij in rijen[maandcijfers.GEHOLPEN]:
        per_bewoner.update(rij["waarden"])  # one request has one helper who said yes
    m = {
        "actieve_helpers": len(helpers),
        "hulp_afgerond": klaar["aantal"],
        "uren": float(klaar["uren"] or Decimal(0)),
        "geholpen_bewoners": len(per_bewoner),
        "vaker_geholpen": sum(1 for n in per_bewoner.values() if n > 1),
    }
    telling.update(m)
    return telling


# --- Meedoen -------------------------------------------------------------------------------


def meedoen(periode: Periode, rijen: dict | None = None) -> dict:
    # New residents: the accounts made in the period with a membership here (the accounts
    # themselves belong to the installation: counted without the membership, every
    # coöperatie's report would count every new account of every coöperatie).
    if rijen is None:
        rijen, _stand = maandrijen(periode)
    telling = {
        "nieuwe_bewoners": maandcijfers.som(rijen[maandcijfers.NIEUWE_BEWONERS], "aantal")[
            "aantal"
        ],
        "profielen_compleet": maandcijfers.som(rijen[maandcijfers.PROFIEL_COMPLEET], "aantal")[
            "aantal"
        ],
    }
    telling.update(
        Contactmoment.objects.filter(
            periode.binnen("datum"),
            periode.in_buurt("bewoner__profiel__buurt"),
            soort=Contactmoment.Soort.WELKOM,
        ).aggregate(verwelkomd=Count("bewoner", distinct=True))
    )
    telling.update(
        Lidmaatschap.objects.filter(
            periode.in_buurt("user__profiel__buurt"), status=Lidmaatschap.Status.LID
        ).aggregate(
            nieuwe_leden=Count("id", filter=periode.binnen("lid_sinds")),
            leden=Count("user", distinct=True),
        )
    )
    a = maandcijfers.som(rijen[maandcijfers.AANMELDINGEN], "aantal", "gekomen", "niet_gekomen")
    aanwezig = {
        "aanmeldingen": a["aantal"],
        "gekomen": a["gekomen"],
        "niet_gekomen": a["niet_gekomen"],
    }
    aanwezig["niet_gekomen_ratio"] = _aandeel(
        aanwezig["niet_gekomen"], aanwezig["gekomen"] + aanwezig["niet_gekomen"]
    )
    telling.update(aanwezig)
    telling["actieve_initiatieven"] = (
        Initiatief.objects.actief()
        .filter(
            periode.in_buurt("buurten"),
            periode.binnen("activiteiten__bijeenkomsten__begin"),
            activiteiten__bijeenkomsten__status=Bijeenkomst.Status.GEPLAND,
        )
        .values("id")
        .distinct()
        .count()
    )
    return telling


# --- Accommodaties -------------------------------------------------------------------------


def _openingsuren(periode: Periode) -> dict[int, float]:
    """Opening hours in the period per facility (weekly schedule times the days it falls on)."""
    dagen = (periode.tot - periode.van).days
    per_weekdag = [0] * 7
    for i in range(max(dagen, 0)):
        per_weekdag[(periode.van + timedelta(days=i)).weekday()] += 1
    uren: dict[int, float] = {}
    tijden = Openingstijd.objects.filter(periode.in_buurt("accommodatie__buurt")).values_list(
        "accommodatie_id", "weekdag", "van", "tot"
    )
    for accommodatie_id, weekdag, van, tot in tijden:
        lengte = (datetime.combine(date.min, tot) - datetime.combine(date.min, van)).seconds
        uren[accommodatie_id] = uren.get(accommodatie_id, 0) + per_weekdag[weekdag] * lengte / 3600
    return uren


def accommodaties(periode: Periode) -> dict:
    """Per facility: bookings (confirmed), by initiatives vs residents, cancellations,
    booked hours and occupancy (booked hours / opening hours). Bookings count in the period
    they begin in."""
    R = Reservering.Status
    bevestigd = Q(status=R.BEVESTIGD)
    # The period's bookings per room (the index on their start), then the rooms: no room's
    # whole history is read.
    per_ruimte = {
        r.pop("accommodatie"): r
        for r in Reservering.objects.filter(periode.binnen("begin"))
        .values("accommodatie")
        .annotate(
            boekingen=Count("id", filter=bevestigd),
            door_initiatieven=Count("id", filter=bevestigd & ~Q(namens="")),
            door_bewoners=Count("id", filter=bevestigd & Q(namens="")),
            geannuleerd=Count("id", filter=Q(status=R.GEANNULEERD)),
            geboekte_duur=Sum(
                ExpressionWrapper(F("einde") - F("begin"), DurationField()), filter=bevestigd
            ),
        )
        .order_by()
    }
    leeg = {
        "boekingen": 0,
        "door_initiatieven": 0,
        "door_bewoners": 0,
        "geannuleerd": 0,
        "geboekte_duur": None,
    }
    rijen = [
        {**ruimte, **per_ruimte.get(ruimte["id"], leeg)}
        for ruimte in Accommodatie.objects.actief()
        .filter(periode.in_buurt("buurt"))
        .values("id", "naam")
        .order_by("naam", "id")
    ]
    open_uren = _openingsuren(periode)
    for rij in rijen:
        rij["geboekte_uren"] = _uren(rij.pop("geboekte_duur"))
        rij["openingsuren"] = open_uren.get(rij["id"], 0.0)
        rij["bezetting"] = (
            rij["geboekte_uren"] / rij["openingsuren"] if rij["openingsuren"] else None
        )
    totaal = {
        sleutel: sum(r[sleutel] for r in rijen)
        for sleutel in ("boekingen", "door_initiatieven", "door_bewoners", "geannuleerd")
    }
    return {"per_accommodatie": rijen, **totaal}


# --- Coördinatie ---------------------------------------------------------------------------


def coordinatie(periode: Periode) -> dict:
    telling = {
        "contactmomenten_per_soort": list(
            Contactmoment.objects.filter(
                periode.binnen("datum"), periode.in_buurt("bewoner__profiel__buurt")
            )
            .values("soort")
            .annotate(n=Count("id"))
            .order_by("soort")
        )
    }
    telling["contactmomenten"] = sum(r["n"] for r in telling["contactmomenten_per_soort"])
    telling.update(
        Intake.objects.filter(
            periode.binnen("aangemaakt_op"), periode.in_buurt("bewoner__profiel__buurt")
        ).aggregate(intakes=Count("id"))
    )
    telling.update(
        Namens.objects.filter(
            periode.binnen("op"), periode.in_buurt("voor__profiel__buurt")
        ).aggregate(namens_acties=Count("id"))
    )
    telling["doorverwijzingen"] = list(
        Doorverwijzing.objects.filter(
            periode.binnen("aangemaakt_op"), periode.in_buurt("bewoner__profiel__buurt")
        )
        .values("partner__soort", "status")
        .annotate(n=Count("id"))
        .order_by("partner__soort", "status")
    )
    return telling


# --- Trend ---------------------------------------------------------------------------------


def trend(periode: Periode, rijen: dict | None = None) -> list[dict]:
    """Per month of the period: new and matched requests."""
    if rijen is None:
        rijen, _stand = maandrijen(periode)
    nieuw = maandcijfers.som(rijen[maandcijfers.AANGEMAAKT], "aantal", per="maand")
    gematcht = maandcijfers.som(rijen[maandcijfers.GEMATCHT], "aantal", per="maand")
    leeg = {"aantal": 0}
    return [
        {
            "maand": maand,
            "nieuw": nieuw.get(maand, leeg)["aantal"],
            "gematcht": gematcht.get(maand, leeg)["aantal"],
        }
        for maand in periode.maanden()
    ]


def _per_maand(qs, veld: str, **tellingen) -> dict[date, dict]:
    """Grouped counts per local month of ``veld``: one query."""
    rijen = qs.annotate(maand=TruncMonth(veld)).values("maand").annotate(**tellingen).order_by()
    return {_als_datum(r.pop("maand")): r for r in rijen}


def trend_meedoen(periode: Periode, rijen: dict | None = None) -> list[dict]:
    """Per month: sign-ups for meetings that took place, and how many came."""
    if rijen is None:
        rijen, _stand = maandrijen(periode)
    per = maandcijfers.som(rijen[maandcijfers.AANMELDINGEN], "aantal", "gekomen", per="maand")
    leeg = {"aantal": 0, "gekomen": 0}
    return [
        {
            "maand": m,
            "aanmeldingen": per.get(m, leeg)["aantal"],
            "gekomen": per.get(m, leeg)["gekomen"],
        }
        for m in periode.maanden()
    ]


def trend_ruimtes(periode: Periode) -> list[dict]:
    """Per month: bookings that went ahead, and cancelled ones (one query)."""
    R = Reservering.Status
    per = _per_maand(
        Reservering.objects.filter(
            periode.binnen("begin"), periode.in_buurt("accommodatie__buurt")
        ),
        "begin",
        boekingen=Count("id", filter=Q(status=R.BEVESTIGD)),
        geannuleerd=Count("id", filter=Q(status=R.GEANNULEERD)),
    )
    leeg = {"boekingen": 0, "geannuleerd": 0}
    return [{"maand": m, **per.get(m, leeg)} for m in periode.maanden()]


def _als_datum(waarde) -> date:
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde
