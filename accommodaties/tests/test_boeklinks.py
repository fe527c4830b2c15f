"""Booking links only where the person may book (issue 15, point 6).

The room page, its week grid ("Als rooster") and its list of free times ("Als lijst") ask one
rule, ``permissions.boek_bezwaar``, once per page: who may not book a room (only its keepers
book it, it is for initiatives, no consent yet) sees free and busy but gets no link that would
end on a refusal (403)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodaties.models import Reservering, WieMagBoeken
from accommodaties.tests.factories import ELKE_DAG_8_TOT_22, AccommodatieFactory
from accommodaties.tests.hulp import op
from bewoners.tests.factories import UserFactory
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

WEERGAVEN = ["", "rooster", "lijst"]


@pytest.fixture
def zaal(beheerder_van_zaal, buurt):
    return AccommodatieFactory(
        slug="buurtzaal-de-linde",
        buurt=buurt,
        beheerders=[beheerder_van_zaal],
        openingstijden=ELKE_DAG_8_TOT_22,
    )


def _boeklinks(client, zaal, weergave: str) -> list[str]:
    response = client.get(zaal.get_absolute_url(), {"weergave": weergave})
    assert response.status_code == 200
    boeken = reverse("accommodaties:reserveren", args=[zaal.slug])
    return [
        link.replace("&amp;", "&")
        for link in re.findall(r'href="([^"]+)"', response.content.decode())
        if link.startswith(boeken)
    ]


@pytest.mark.parametrize("weergave", WEERGAVEN)
def test_a_keepers_only_room_offers_residents_no_booking_link(client_for, bewoner, zaal, weergave):
    zaal.wie_mag_boeken = WieMagBoeken.BEHEERDERS
    zaal.save()
    client = client_for(bewoner)
    assert _boeklinks(client, zaal, weergave) == []
    inhoud = client.get(zaal.get_absolute_url(), {"weergave": weergave}).content.decode()
    assert "vrij" in inhoud  # free and busy still show
    assert "Deze ruimte boeken alleen beheerders" in inhoud  # and why there is no link
    assert "Kies een vrije tijd om te boeken" not in inhoud


@pytest.mark.parametrize("weergave", WEERGAVEN)
def test_every_booking_link_opens_the_form_for_who_sees_it(
    client_for, bewoner, beheerder_van_zaal, zaal, weergave
):
    zaal.wie_mag_boeken = WieMagBoeken.BEHEERDERS
    zaal.save()
    client = client_for(beheerder_van_zaal)
    links = _boeklinks(client, zaal, weergave)
    assert len(links) > 7  # the button and a free time on every day
    for link in links[:3] + links[-3:]:
        assert client.get(link).status_code == 200, link

    # A room for everyone: the resident gets the links, and they open the form too.
    zaal.wie_mag_boeken = WieMagBoeken.ALLE_BEWONERS
    zaal.save()
    client = client_for(bewoner)
    links = _boeklinks(client, zaal, weergave)
    assert len(links) > 7
    for link in links[:3] + links[-3:]:
        assert client.get(link).status_code == 200, link


def test_without_consent_no_booking_links(client_for, bewoner, zaal):
    bewoner.profiel.withdraw_consent()
    assert _boeklinks(client_for(bewoner), zaal, "") == []


def test_a_room_for_initiatives_links_for_their_members_only(client_for, bewoner, helper, zaal):
    zaal.wie_mag_boeken = WieMagBoeken.INITIATIEVEN
    zaal.save()
    InitiatiefFactory(organisatoren=[helper])
    assert _boeklinks(client_for(bewoner), zaal, "") == []
    assert _boeklinks(client_for(helper), zaal, "")


@pytest.mark.parametrize("weergave", WEERGAVEN)
def test_the_page_keeps_its_query_count_for_who_may_not_book(client_for, bewoner, zaal, weergave):
    """A keepers-only room seen by a resident: as many queries with 1 booking as with 300."""
    zaal.wie_mag_boeken = WieMagBoeken.BEHEERDERS
    zaal.save()
    client = client_for(bewoner)
    boeker = UserFactory()

    def maak(n):
        Reservering.objects.filter(accommodatie=zaal).delete()
        Reservering.objects.bulk_create(
            Reservering(
                accommodatie=zaal,
                geboekt_door=boeker,
                begin=(begin := op(0, 8) + timedelta(minutes=20 * (i % 42), days=i // 42)),
                einde=begin + timedelta(minutes=10),
                bezet_tot=begin + timedelta(minutes=10),
                aantal_personen=1,
                doel=f"Boeking {i}",
                status=Reservering.Status.BEVESTIGD,
            )
            for i in range(n)
        )

    url = zaal.get_absolute_url()
    maak(1)
    client.get(url)  # warm up: session, caches
    with CaptureQueriesContext(connection) as een:
        client.get(url, {"weergave": weergave})
    maak(300)
    with CaptureQueriesContext(connection) as veel:
        client.get(url, {"weergave": weergave})
    assert len(veel.captured_queries) == len(een.captured_queries)
