"""seed_demo prints every demo account worth trying, for both demo coöperaties: one line each
with e-mail, password, role and what to try (``demo.proberen``), and what a line promises is
there to find."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import Profiel, User
from bewoners.roles import Rol, has_role
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.selectors import vergeet_hosts
from demo.bewoners import DEMO_PASSWORD
from demo.cooperaties import EERSTE, HET_VEER
from initiatieven.models import Initiatief

pytestmark = pytest.mark.django_db

REGEL = re.compile(rf"^  (\S+)(?: t/m \S+)? +{DEMO_PASSWORD}  ([^—]+) — (.+)$")


def _per_cooperatie(tekst: str) -> dict[str, list[tuple[str, str, str]]]:
    delen = {}
    naam = None
    for regel in tekst.splitlines():
        if regel in (EERSTE.naam, HET_VEER.naam):
            naam = regel
            delen[naam] = []
        elif naam and (gevonden := REGEL.match(regel)):
            delen[naam].append(gevonden.groups())
    return delen


def test_the_seed_prints_each_account_worth_trying_and_what_it_shows(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    uit = StringIO()
    call_command("seed_demo", stdout=uit)
    vergeet_hosts()
    tekst = uit.getvalue()
    assert "http://hetveer.localhost:8123" in tekst  # the port served
    delen = _per_cooperatie(tekst)
    assert set(delen) == {EERSTE.naam, HET_VEER.naam}
    now = timezone.now()
    for demo, regels in ((EERSTE, delen[EERSTE.naam]), (HET_VEER, delen[HET_VEER.naam])):
        cooperatie = Cooperatie.objects.filter(naam=demo.naam).get()
        rollen = {}
        with in_cooperatie(cooperatie):
            for email, rol, wat in regels:
                user = User.objects.hier().get(email=email)
                assert user.check_password(DEMO_PASSWORD), email
                assert wat.strip(), email
                rollen.setdefault(rol.strip(), []).append(user)

            # The staff, each with their role here.
            for rol, naam in (
                (Rol.BUURTASSISTENT, "buurtassistent"),
                (Rol.BESTUUR, "bestuur"),
                (Rol.BEHEERDER, "beheerder"),
            ):
                [wie] = rollen[naam]
                assert has_role(wie, rol)

            # The room keeper, with requests waiting for them.
            [keeper] = rollen["bewoner, beheerder van een ruimte"]
            assert (
                Reservering.objects.open_aanvragen(now)
                .filter(accommodatie__beheerders=keeper)
                .exists()
            )
            # The organiser of the initiative whose next meeting is full.
            [organisator] = rollen["bewoner, organisator"]
            assert Initiatief.objects.filter(organisatoren=organisator).exists()
            # bewoner1: requests, an initiative to run, weekly bookings.
            bewoner1 = next(u for u in rollen["bewoner"] if u.email == demo.bewoner(1))
            assert Initiatief.objects.filter(organisatoren=bewoner1).exists()
            assert Reservering.objects.filter(geboekt_door=bewoner1, reeks__isnull=False).exists()
            # A resident without consent, and one whose welcome is not finished.
            profielen = Profiel.objects.filter(user__in=rollen["bewoner"])
            assert profielen.filter(toestemming_op__isnull=True).exists()
            assert profielen.filter(onboarding_voltooid_op__isnull=True).exists()

    veer = {e: r for e, r, _wat in delen[HET_VEER.naam]}
    assert veer[EERSTE.bewoner(3)].strip() == "bewoner, ook lid hier"  # one login, both places
    assert "wachtwoord voor allemaal: " + DEMO_PASSWORD in tekst
