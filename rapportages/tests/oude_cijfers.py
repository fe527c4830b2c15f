"""The report's figures as they were computed before the monthly pre-aggregate (issue 16),
straight from the rows: the reference the tests compare the new computation with, to the unit.
A verbatim copy of ``rapportages/cijfers.py`` at commit 8bd26d4 (only this docstring differs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accommodaties.models import Accommodatie, Openingstijd, Reservering
from bewoners.models import Buurt, Profiel
from buurtassistenten.models import Contactmoment, Doorverwijzing, Intake, Namens
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst, Initiatief, Lidmaatschap

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


def percentielen(queryset, kolom: str, ps=(0.5, 0.9)) -> tuple[int, list[float | None]]:
    """(number of values, [percentile in hours for each p]) of the duration column ``kolom``.

    PostgreSQL computes them in SQL with ``percentile_cont``; elsewhere only that one column is
    read and interpolated the same way.
    """
    qs = queryset.order_by().values_list(kolom, flat=True)  # no sort needed inside
    if connection.vendor == "postgresql":
        sql, params = qs.query.sql_with_params()
        delen = ", ".join(
            f"percentile_cont({float(p)}) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM t.w) / 3600.0)"
            for p in ps
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*), {delen} FROM ({sql}) AS t(w)",  # noqa: S608 (our own SQL)
                params,
            )
            n, *waarden = cursor.fetchone()
        return n, [None if w is None else float(w) for w in waarden]
    gesorteerd = sorted(_uren(w) for w in qs)
    if not gesorteerd:
        return 0, [None for _ in ps]
    return len(gesorteerd), [_percentile_cont(gesorteerd, p) for p in ps]


# --- Hulp ----------------------------------------------------------------------------------


def hulp(periode: Periode, nu: datetime | None = None) -> dict:
    nu = nu or timezone.now()
    vragen = Hulpvraag.objects.filter(periode.in_buurt("buurt"))
    nieuw = vragen.filter(periode.binnen("aangemaakt_op"))
    S = Hulpvraag.Status
    # Only requests that can count: the WHERE lets the indexes skip the rest of the history
    # (the FILTERs below still decide per figure).
    telling = vragen.filter(
        periode.binnen("aangemaakt_op")
        | periode.binnen("gematcht_op")
        | periode.binnen("afgerond_op")
    ).aggregate(
        nieuw=Count("id", filter=periode.binnen("aangemaakt_op")),
        nieuw_gematcht=Count(
            "id", filter=periode.binnen("aangemaakt_op") & Q(gematcht_op__isnull=False)
        ),
        gematcht=Count("id", filter=periode.binnen("gematcht_op")),
        afgerond=Count("id", filter=periode.binnen("afgerond_op")),
        open=Count("id", filter=periode.binnen("aangemaakt_op") & Q(status=S.OPEN)),
        niet_gematcht_48u=Count(
            "id",
            filter=periode.binnen("aangemaakt_op")
            & (
                Q(gematcht_op__isnull=True, aangemaakt_op__lte=nu - NIET_GEMATCHT_NA)
                | Q(gematcht_op__gt=F("aangemaakt_op") + NIET_GEMATCHT_NA)
            ),
        ),
    )
    telling["match_ratio"] = _aandeel(telling["nieuw_gematcht"], telling["nieuw"])

    duur = DurationField()
    # A proposal never comes before its request: only this period's proposals can be first.
    n_voorstel, (voorstel_p50, voorstel_p90) = percentielen(
        nieuw.filter(matches__aangemaakt_op__gte=periode.begin).annotate(
            w=ExpressionWrapper(Min("matches__aangemaakt_op") - F("aangemaakt_op"), duur)
        ),
        "w",
    )
    n_akkoord, (akkoord_p50, akkoord_p90) = percentielen(
        nieuw.filter(gematcht_op__isnull=False).annotate(
            w=ExpressionWrapper(F("gematcht_op") - F("aangemaakt_op"), duur)
        ),
        "w",
    )
    telling.update(
        voorstel_n=n_voorstel,
        voorstel_mediaan_uren=voorstel_p50,
        voorstel_p90_uren=voorstel_p90,
        akkoord_n=n_akkoord,
        akkoord_mediaan_uren=akkoord_p50,
        akkoord_p90_uren=akkoord_p90,
    )

    def _per(veld: str) -> list[dict]:
        return list(
            nieuw.values(naam=F(veld))
            .annotate(
                nieuw=Count("id"),
                gematcht=Count("id", filter=Q(gematcht_op__isnull=False)),
                open=Count("id", filter=Q(status=S.OPEN)),
            )
            .order_by("naam")
        )

    telling["per_categorie"] = _per("categorie__naam")
    telling["per_buurt"] = _per("buurt__naam")

    matches = Match.objects.filter(periode.in_buurt("hulpvraag__buurt"))
    geholpen = Q(status__in=Match.AKKOORD) & periode.binnen("geaccepteerd_op")
    klaar = Q(status=Match.Status.AFGEROND) & periode.binnen("afgerond_op")
    m = matches.filter(geholpen | klaar).aggregate(
        actieve_helpers=Count("helper", filter=geholpen | klaar, distinct=True),
        hulp_afgerond=Count("id", filter=klaar),
        uren=Sum("uren", filter=klaar),
        geholpen_bewoners=Count("hulpvraag__aanvrager", filter=geholpen, distinct=True),
    )
    m["uren"] = float(m["uren"] or Decimal(0))
    m["vaker_geholpen"] = (
        matches.filter(geholpen)
        .values("hulpvraag__aanvrager")
        .annotate(n=Count("hulpvraag", distinct=True))
        .filter(n__gt=1)
        .count()
    )
    telling.update(m)
    return telling


# --- Meedoen -------------------------------------------------------------------------------


def meedoen(periode: Periode) -> dict:
    # New residents: the accounts made in the period with a membership here (the accounts
    # themselves belong to the installation: counted without the membership, every
    # coöperatie's report would count every new account of every coöperatie).
    telling = Profiel.objects.filter(periode.in_buurt("buurt")).aggregate(
        nieuwe_bewoners=Count("id", filter=periode.binnen("user__date_joined")),
        profielen_compleet=Count("id", filter=periode.binnen("onboarding_voltooid_op")),
    )
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
    aanwezig = Aanmelding.objects.filter(
        periode.binnen("bijeenkomst__begin"),
        periode.in_buurt("user__profiel__buurt"),
        bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
        status=Aanmelding.Status.AANGEMELD,
    ).aggregate(
        aanmeldingen=Count("id"),
        gekomen=Count("id", filter=Q(aanwezig=True)),
        niet_gekomen=Count("id", filter=Q(aanwezig=False)),
    )
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
    in_periode = periode.binnen("reserveringen__begin")
    bevestigd = in_periode & Q(reserveringen__status=R.BEVESTIGD)
    rijen = list(
        Accommodatie.objects.actief()
        .filter(periode.in_buurt("buurt"))
        .values("id", "naam")
        .annotate(
            boekingen=Count("reserveringen", filter=bevestigd),
            door_initiatieven=Count(
                "reserveringen", filter=bevestigd & ~Q(reserveringen__namens="")
            ),
            door_bewoners=Count("reserveringen", filter=bevestigd & Q(reserveringen__namens="")),
            geannuleerd=Count(
                "reserveringen", filter=in_periode & Q(reserveringen__status=R.GEANNULEERD)
            ),
            geboekte_duur=Sum(
                ExpressionWrapper(
                    F("reserveringen__einde") - F("reserveringen__begin"), DurationField()
                ),
                filter=bevestigd,
            ),
        )
        .order_by("naam", "id")
    )
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


def trend(periode: Periode) -> list[dict]:
    """Per month of the period: new and matched requests (two grouped queries)."""
    vragen = Hulpvraag.objects.filter(periode.in_buurt("buurt"))

    def _per_maand(veld: str) -> dict[date, int]:
        rijen = (
            vragen.filter(periode.binnen(veld))
            .annotate(maand=TruncMonth(veld))
            .values("maand")
            .annotate(n=Count("id"))
            .order_by()
        )
        return {_als_datum(r["maand"]): r["n"] for r in rijen}

    nieuw = _per_maand("aangemaakt_op")
    gematcht = _per_maand("gematcht_op")
    return [
        {"maand": maand, "nieuw": nieuw.get(maand, 0), "gematcht": gematcht.get(maand, 0)}
        for maand in periode.maanden()
    ]


def _per_maand(qs, veld: str, **tellingen) -> dict[date, dict]:
    """Grouped counts per local month of ``veld``: one query."""
    rijen = qs.annotate(maand=TruncMonth(veld)).values("maand").annotate(**tellingen).order_by()
    return {_als_datum(r.pop("maand")): r for r in rijen}


def trend_meedoen(periode: Periode) -> list[dict]:
    """Per month: sign-ups for meetings that took place, and how many came (one query)."""
    per = _per_maand(
        Aanmelding.objects.filter(
            periode.binnen("bijeenkomst__begin"),
            periode.in_buurt("user__profiel__buurt"),
            status=Aanmelding.Status.AANGEMELD,
            bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
        ),
        "bijeenkomst__begin",
        aanmeldingen=Count("id"),
        gekomen=Count("id", filter=Q(aanwezig=True)),
    )
    leeg = {"aanmeldingen": 0, "gekomen": 0}
    return [{"maand": m, **per.get(m, leeg)} for m in periode.maanden()]


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
