"""What the coordination pages read: a resident's records and coming plans, the contact log as
the viewer may read it, finding a resident, newcomers, and the matches of a request. The queues
of the dashboard are in ``queues``.

Each function returns rows ready to show (``select_related`` for what a row shows, so a page of
rows renders without a query per row); the rules they apply are in ``permissions``.
"""

from __future__ import annotations

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import Buurt, Profiel, User
from bewoners.permissions import werkgebied_filter
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

from .models import Contactmoment, Doorverwijzing, Intake, Inzage, Namens, Vervolg, Wijkpartner
from .permissions import eis_bewoner, is_toegewezen, mag_notitie_lezen

NIEUWKOMER_MAANDEN = 6  # "nieuw in de wijk" for this long
ZOEK_WOORDEN = 6  # words of a search that count


def mijn_buurten(user) -> QuerySet[Buurt]:
    return Buurt.objects.filter(buurtassistenten=user)


# --- one resident ------------------------------------------------------------------------------


def zichtbare_contactmomenten(user, bewoner) -> list[Contactmoment]:
    """The contact log of ``bewoner`` as ``user`` may read it: each moment has
    ``notitie_zichtbaar`` (``permissions.mag_notitie_lezen``)."""
    eis_bewoner(user, bewoner)
    momenten = list(
        Contactmoment.objects.filter(bewoner=bewoner)
        .select_related("door")
        .order_by("-datum", "-id")
    )
    toegewezen = is_toegewezen(user, bewoner)
    for moment in momenten:
        moment.notitie_zichtbaar = mag_notitie_lezen(user, moment, toegewezen=toegewezen)
    return momenten


def intake_van(bewoner) -> Intake | None:
    return Intake.objects.filter(bewoner=bewoner).select_related("door").first()


def doorverwijzingen_van(bewoner) -> list[Doorverwijzing]:
    return list(Doorverwijzing.objects.filter(bewoner=bewoner).select_related("partner", "door"))


def open_vervolgen_van(bewoner) -> list[Vervolg]:
    return list(Vervolg.objects.open().filter(bewoner=bewoner).order_by("datum", "id"))


def namens_voor(bewoner) -> QuerySet[Namens]:
    """What was done on the resident's behalf, the latest first (to paginate)."""
    return Namens.objects.filter(voor=bewoner).select_related("door").order_by("-op", "-id")


def inzages_van(bewoner, *, aantal: int) -> list[Inzage]:
    """The last ``aantal`` looks at the resident's private data."""
    return list(
        Inzage.objects.filter(bewoner=bewoner)
        .select_related("door")
        .order_by("-op", "-id")[:aantal]
    )


def lopende_hulpvragen_van(bewoner) -> list[Hulpvraag]:
    """The resident's requests that are open or matched, the latest first."""
    return list(
        Hulpvraag.objects.van(bewoner)
        .lopend()
        .select_related("categorie")
        .order_by("-aangemaakt_op", "-id")
    )


def komende_aanmeldingen_van(bewoner, *, now: datetime, aantal: int) -> list[Aanmelding]:
    """The first ``aantal`` sign-ups (or waiting-list places) for meetings still to end."""
    return list(
        Aanmelding.objects.filter(
            user=bewoner,
            status__in=Aanmelding.ACTIEF,
            bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
            bijeenkomst__einde__gte=now,
        )
        .select_related("bijeenkomst", "bijeenkomst__activiteit")
        .order_by("bijeenkomst__begin", "id")[:aantal]
    )


def komende_reserveringen_van(bewoner, *, now: datetime, aantal: int) -> list[Reservering]:
    """The first ``aantal`` active bookings the resident made that are still to end."""
    return list(
        Reservering.objects.actief()
        .filter(geboekt_door=bewoner, einde__gte=now)
        .select_related("accommodatie")
        .order_by("begin", "id")[:aantal]
    )


# --- finding a resident ------------------------------------------------------------------------


def bewoners_zoeken(user, *, zoek: str = "", alle: bool = False) -> QuerySet[User]:
    """Active residents by name, each with ``in_werkgebied`` (does ``user`` work for them).
    Without ``alle`` only those of one's own werkgebied (see ``werkgebied_filter``)."""
    in_werkgebied = (
        Value(True)
        if user.is_superuser
        else Exists(User.objects.filter(pk=OuterRef("pk")).filter(werkgebied_filter(user)))
    )
    queryset = (
        User.objects.hier()
        .filter(is_active=True, verwijderd_op__isnull=True)
        .annotate(in_werkgebied=in_werkgebied)
        .select_related("profiel", "profiel__buurt")
        .prefetch_related("profiel__buurt__buurtassistenten")
        .order_by("first_name", "last_name", "id")
    )
    if not alle:
        queryset = queryset.filter(in_werkgebied=True)
    if zoek:
        queryset = _zoek(queryset, zoek)
    return queryset


def _zoek(queryset: QuerySet[User], tekst: str) -> QuerySet[User]:
    """Every word must match the first or last name, the phone number or the postcode (phone
    and postcode compared without spaces and dashes). Phone and postcode are searched only
    among one's own residents (``in_werkgebied``): a hit on a number of someone in another
    buurt would tell whose number it is, which the one rule does not allow."""
    queryset = queryset.annotate(
        telefoon_kort=Replace(
            Replace("profiel__telefoon", Value(" "), Value("")), Value("-"), Value("")
        ),
        postcode_kort=Replace("profiel__postcode", Value(" "), Value("")),
    )
    for woord in tekst.split()[:ZOEK_WOORDEN]:
        kort = woord.replace("-", "")
        queryset = queryset.filter(
            Q(first_name__icontains=woord)
            | Q(last_name__icontains=woord)
            | Q(in_werkgebied=True, telefoon_kort__icontains=kort)
            | Q(in_werkgebied=True, postcode_kort__icontains=kort)
        )
    return queryset


def partners() -> list[Wijkpartner]:
    return list(Wijkpartner.objects.prefetch_related("buurten").order_by("naam"))


# --- newcomers ---------------------------------------------------------------------------------


def nieuwkomers_niet_verwelkomd(
    user, *, alle: bool = False, vandaag: date | None = None
) -> QuerySet[Profiel]:
    """Profiles of residents new in the wijk (the last six months) without a welcome contact."""
    vandaag = vandaag or timezone.localdate()
    qs = Profiel.objects.filter(
        nieuw_in_wijk_sinds__gte=vandaag - relativedelta(months=NIEUWKOMER_MAANDEN),
        user__is_active=True,
    ).exclude(user__contactmomenten__soort=Contactmoment.Soort.WELKOM)
    if not alle:
        qs = qs.filter(werkgebied_filter(user, veld="buurt"))
    return qs.distinct()


# --- matching by hand --------------------------------------------------------------------------


def matches_van(hulpvraag: Hulpvraag) -> list[Match]:
    """Every match of the request (proposals and agreed help), the latest first."""
    return list(
        hulpvraag.matches.select_related("helper", "helper__profiel", "voorgesteld_door").order_by(
            "-aangemaakt_op", "-id"
        )
    )
