"""Who asks for the measured pages and which pages: the personas of ``bench_pages``, logged in
through the real login page (the password, and for the roles that must use one, the code of
the second factor, as allauth asks for it), and the pages with concrete objects from the
seeded data.

A persona's browser is Django's test client in this process: its session lives in the bench
database, so its cookie is valid in the gunicorn beside it too (the same secret key)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from accommodaties.models import Accommodatie, Reservering
from bewoners.models import User
from bewoners.roles import Rol, met_rol
from cooperaties.huidige import huidige
from demo.bewoners import DEMO_PASSWORD, DEMO_TOTP_SECRET
from initiatieven.models import Initiatief

# The resident: the first demo resident (her own requests, offers and proposals).
BEWONER = "bewoner1@"
ANONIEM = "anoniem"


def host() -> str:
    """The current coöperatie's own host (the tenancy middleware finds it by this name)."""
    return f"{huidige().slug}.{settings.WIJK_PLATFORMDOMEIN}"


def totp_code() -> str:
    """The current code of the demo staff's authenticator app (``DEMO_TOTP_SECRET``)."""
    teller = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, teller))


def mensen() -> dict:
    """The personas of the current coöperatie: persona -> user (the anonymous visitor: None)."""
    alle = User.objects.hier().order_by("pk")
    met_code = Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user")
    gevonden = {
        "bewoner": alle.filter(email__startswith=BEWONER).first(),
        "buurtassistent": met_rol(alle, Rol.BUURTASSISTENT).filter(pk__in=met_code).first(),
        "bestuur": met_rol(alle, Rol.BESTUUR).filter(pk__in=met_code).first(),
    }
    ontbreekt = [wie for wie, user in gevonden.items() if user is None]
    if ontbreekt:
        raise CommandError(f"Geen demopersoon gevonden voor: {', '.join(ontbreekt)}.")
    return {**gevonden, ANONIEM: None}


def inloggen(user) -> Client:
    """A browser of ``user``, logged in through the login page (and the second factor when
    allauth asks for it); a browser without a login for None."""
    client = Client(HTTP_HOST=host())
    if user is None:
        return client
    antwoord = client.post(
        reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD}, secure=True
    )
    if antwoord.status_code == 302 and antwoord["Location"] == reverse("mfa_authenticate"):
        antwoord = client.post(reverse("mfa_authenticate"), {"code": totp_code()}, secure=True)
    if antwoord.status_code != 302 or client.session.get("_auth_user_id") != str(user.pk):
        raise CommandError(
            f"Inloggen als {user.email} lukte niet (status {antwoord.status_code}, "
            f"naar {antwoord.get('Location', '—')})."
        )
    return client


def cookie(client: Client) -> str:
    """The ``Cookie`` header of ``client``'s session ("" without one)."""
    sessie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return f"{settings.SESSION_COOKIE_NAME}={sessie.value}" if sessie else ""


@dataclass(frozen=True)
class Pagina:
    sleutel: str
    label: str
    pad: str
    wie: str


def drukste_ruimte() -> Accommodatie:
    rij = (
        Reservering.objects.values("accommodatie")
        .annotate(n=Count("id"))
        .order_by("-n", "accommodatie")
        .first()
    )
    if rij is None:
        raise CommandError("Geen ruimte met boekingen gevonden.")
    return Accommodatie.objects.get(pk=rij["accommodatie"])


def initiatief_met_bijeenkomsten() -> Initiatief:
    """The public initiative with the most meetings."""
    gevonden = (
        Initiatief.objects.zichtbaar()
        .annotate(n=Count("activiteiten__bijeenkomsten"))
        .order_by("-n", "pk")
        .first()
    )
    if gevonden is None:
        raise CommandError("Geen openbaar initiatief gevonden.")
    return gevonden


def paginas() -> list[Pagina]:
    """The measured pages of issue 16, with concrete objects of the current coöperatie."""
    return [
        Pagina("hulp", "hulpvragen /hulp/", reverse("hulpvragen:hulpvraag_list"), "bewoner"),
        Pagina("aanbod", "aanbod", reverse("hulpvragen:aanbod_list"), "bewoner"),
        Pagina("agenda", "agenda", reverse("initiatieven:agenda"), "bewoner"),
        Pagina("ruimte", "week van een ruimte", drukste_ruimte().get_absolute_url(), "bewoner"),
        Pagina("meldingen", "meldingen", reverse("meldingen:inbox"), "bewoner"),
        Pagina("dashboard", "dashboard", reverse("buurtassistenten:dashboard"), "buurtassistent"),
        Pagina("rapport", "rapport", reverse("rapportages:rapport"), "bestuur"),
        Pagina(
            "initiatief",
            "openbaar initiatief",
            reverse("initiatieven:detail", kwargs={"slug": initiatief_met_bijeenkomsten().slug}),
            ANONIEM,
        ),
        Pagina("start", "startpagina", reverse("bewoners:start"), "bewoner"),
    ]
