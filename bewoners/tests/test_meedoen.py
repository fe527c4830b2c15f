"""Joining a coöperatie is the person's own choice (issue 14): opening a page of a coöperatie
one takes no part in asks whether to join, and nothing of the person is there until they say
yes; its buurtassistenten work only for the people who take part there."""

import pytest
from django.test import Client
from django.urls import reverse

from bewoners.models import Profiel, User
from bewoners.permissions import is_buurtassistent_voor
from bewoners.roles import Rol, has_role
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import in_cooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.services import cooperatie_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def oost():
    return cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")


@pytest.fixture
def in_oost(bewoner):
    client = Client(HTTP_HOST="oost.localhost")
    client.force_login(bewoner)
    return client


def _lid_in(user, cooperatie) -> bool:
    with over_alle_cooperaties():
        return Profiel.objects.alle_cooperaties().filter(user=user, cooperatie=cooperatie).exists()


@pytest.mark.parametrize(
    "pad",
    ["bewoners:start", "bewoners:profiel_edit", "hulpvragen:hulpvraag_list", "bewoners:onboarding"],
)
def test_a_page_of_another_cooperatie_asks_to_join_and_joins_nobody(oost, bewoner, in_oost, pad):
    antwoord = in_oost.get(reverse(pad))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("bewoners:meedoen"))
    assert not _lid_in(bewoner, oost)


def test_the_question_page_joins_on_yes_and_starts_the_welcome(oost, bewoner, in_oost):
    vraag = in_oost.get(reverse("bewoners:meedoen"), {"next": reverse("hulpvragen:hulpvraag_list")})
    tekst = vraag.content.decode()
    assert vraag.status_code == 200 and "Wijkcoöperatie Oost" in tekst
    assert not _lid_in(bewoner, oost)
    antwoord = in_oost.post(reverse("bewoners:meedoen"))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("bewoners:onboarding")
    assert _lid_in(bewoner, oost)
    with in_cooperatie(oost):
        daar = User.objects.get(pk=bewoner.pk)
        assert has_role(daar, Rol.BEWONER)
        assert daar.profiel.heeft_toestemming is False  # the welcome flow asks for consent
        assert daar.profiel.buurt is None
    # A member asked again goes on to where they were going.
    nog = in_oost.get(reverse("bewoners:meedoen"), {"next": reverse("hulpvragen:hulpvraag_list")})
    assert nog["Location"] == reverse("hulpvragen:hulpvraag_list")
    # Never to another site.
    weg = in_oost.get(reverse("bewoners:meedoen"), {"next": "https://elders.example/"})
    assert weg["Location"] == reverse("bewoners:start")


def test_the_start_page_of_another_cooperatie_welcomes_a_visitor_with_an_account(oost, in_oost):
    antwoord = in_oost.get(reverse("home"))
    assert antwoord.status_code == 200
    assert reverse("bewoners:meedoen") in antwoord.content.decode()


def test_a_buurtassistent_works_only_for_people_who_take_part_here(oost, bewoner):
    with in_cooperatie(oost):
        assistent = UserFactory(email="ba@oost.nl", rollen=[Rol.BUURTASSISTENT], with_mfa=True)
        assistent = User.objects.get(pk=assistent.pk)
        # bewoner takes no part in Oost: no buurt there, yet not Oost's to look after.
        assert not is_buurtassistent_voor(assistent, bewoner)
        lid = UserFactory(email="lid@oost.nl")
        assert is_buurtassistent_voor(assistent, lid)  # a member without a buurt: theirs
