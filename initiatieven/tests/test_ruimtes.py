"""Rooms for an initiative's meetings, booked through ``accommodaties.services``."""

from datetime import date
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accommodaties import services as accommodaties_services
from accommodaties.models import Reservering, WieMagBoeken
from accommodaties.tests.factories import AccommodatieFactory
from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Bijeenkomst, Initiatief
from initiatieven.services import ruimtes
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import op, wekelijks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf")


@pytest.fixture
def kees(db):
    return UserFactory(first_name="Kees")


@pytest.fixture
def zaal(kees):
    return AccommodatieFactory(slug="buurtzaal", capaciteit=15, beheerders=[kees])


@pytest.fixture
def bingo(klok, zaal, kees):
    """Kees has the hall on Tuesday 12 March 2030, 15:00-17:00 (a date of the series)."""
    return accommodaties_services.reservering_create(
        accommodatie=zaal,
        door=kees,
        begin=op(8, 15),
        einde=op(8, 17),
        aantal_personen=4,
        doel="Bingo",
    )


@pytest.fixture
def groep(organisator):
    return InitiatiefFactory(naam="Koersbal", organisatoren=[organisator])


# Every Tuesday 14:00-16:00 from 5 to 26 March 2030 (4 times), 12 places.
reeks = partial(
    wekelijks,
    titel="Koersbal",
    begin=op(1, 14),
    einde=op(1, 16),
    tot_en_met=date(2030, 3, 26),
    capaciteit=12,
)


def test_an_organiser_books_the_room_for_every_meeting(groep, organisator, zaal, kees):
    activiteit = reeks(groep, organisator)
    uitkomst = ruimtes.ruimte_book(activiteit=activiteit, door=organisator, accommodatie=zaal)
    assert len(uitkomst.geboekt) == 4 and not uitkomst.niet_gelukt
    for keer in activiteit.bijeenkomsten.select_related("reservering"):
        assert keer.reservering.begin == keer.begin
        assert keer.reservering.namens == "Koersbal"
        assert keer.reservering.aantal_personen == 12
        assert keer.reservering.status == Reservering.Status.AANGEVRAAGD
    activiteit.refresh_from_db()
    assert activiteit.accommodatie == zaal
    # Nothing left to book: a clear message.
    with pytest.raises(ValidationError):
        ruimtes.ruimte_book(activiteit=activiteit, door=organisator, accommodatie=zaal)


@pytest.mark.usefixtures("bingo")
def test_taken_dates_are_shown_and_the_rest_can_be_booked(groep, organisator, zaal):
    activiteit = reeks(groep, organisator)
    eerst = ruimtes.ruimte_book(activiteit=activiteit, door=organisator, accommodatie=zaal)
    assert [dag for dag, _ in eerst.niet_gelukt] == [date(2030, 3, 12)]
    assert not eerst.geboekt and not Reservering.objects.filter(namens="Koersbal").exists()

    daarna = ruimtes.ruimte_book(
        activiteit=activiteit, door=organisator, accommodatie=zaal, alleen_vrije=True
    )
    assert len(daarna.geboekt) == 3
    assert activiteit.bijeenkomsten.filter(reservering__isnull=True).count() == 1


def test_only_organisers_book_rooms_for_an_activity(groep, organisator, zaal, bewoner):
    activiteit = reeks(groep, organisator)
    with pytest.raises(PermissionDenied):
        ruimtes.ruimte_book(activiteit=activiteit, door=bewoner, accommodatie=zaal)
    assert not Reservering.objects.exists()


def test_rooms_for_initiatives_are_for_their_members(groep, organisator, zaal, bewoner):
    zaal.wie_mag_boeken = WieMagBoeken.INITIATIEVEN
    zaal.save()
    assert "voor initiatieven" in str(accommodaties_services.boek_bezwaar(bewoner, zaal))
    assert accommodaties_services.boek_bezwaar(organisator, zaal) is None
    groep.status = Initiatief.Status.GESTOPT
    groep.save()
    assert accommodaties_services.boek_bezwaar(organisator, zaal) is not None


def test_a_cancelled_meeting_gives_the_room_back_and_a_moved_one_moves_it(
    groep, organisator, zaal, kees
):
    activiteit = reeks(groep, organisator)
    ruimtes.ruimte_book(activiteit=activiteit, door=organisator, accommodatie=zaal)
    eerste, tweede = activiteit.bijeenkomsten.order_by("begin").select_related("reservering")[:2]

    services.bijeenkomst_cancel(bijeenkomst=eerste, door=organisator, reden="Geen leiding")
    eerste.reservering.refresh_from_db()
    assert eerste.reservering.status == Reservering.Status.GEANNULEERD

    tweede = services.bijeenkomst_move(
        bijeenkomst=tweede, door=organisator, begin=op(9, 10), einde=op(9, 12)
    )
    assert tweede.ruimte_bericht == ""
    reservering = Reservering.objects.get(pk=tweede.reservering_id)
    assert (reservering.begin, reservering.einde) == (op(9, 10), op(9, 12))


def test_when_the_room_cannot_follow_the_organiser_is_told(groep, organisator, zaal, kees):
    activiteit = reeks(groep, organisator)
    ruimtes.ruimte_book(activiteit=activiteit, door=organisator, accommodatie=zaal)
    accommodaties_services.reservering_create(
        accommodatie=zaal,
        door=kees,
        begin=op(9, 10),
        einde=op(9, 12),
        aantal_personen=4,
        doel="Yoga",
    )
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    keer = services.bijeenkomst_move(
        bijeenkomst=keer, door=organisator, begin=op(9, 10), einde=op(9, 12)
    )
    assert "al bezet" in keer.ruimte_bericht
    assert Bijeenkomst.objects.get(pk=keer.pk).begin == op(9, 10)  # the meeting moved anyway


# --- the organiser's page ----------------------------------------------------------------------


@pytest.mark.usefixtures("bingo")
def test_the_room_page_books_and_shows_taken_dates(client_for, groep, organisator, zaal):
    from django.urls import reverse

    activiteit = reeks(groep, organisator)
    url = reverse("initiatieven:ruimte_boeken", args=[activiteit.pk])
    client = client_for(organisator)
    pagina = client.get(url).content.decode()
    assert "Er zijn 4 komende keren zonder ruimte" in pagina

    eerst = client.post(url, {"accommodatie": zaal.pk})
    inhoud = eerst.content.decode()
    assert "Niet alle keren zijn vrij" in inhoud and "12 maart" in inhoud
    assert not Reservering.objects.filter(namens="Koersbal").exists()

    daarna = client.post(url, {"accommodatie": zaal.pk, "alleen_vrije": "on"})
    assert daarna.status_code == 302
    assert Reservering.objects.filter(namens="Koersbal").count() == 3


def test_the_room_page_refuses_others(client_for, groep, organisator, zaal, bewoner):
    from django.urls import reverse

    activiteit = reeks(groep, organisator)
    url = reverse("initiatieven:ruimte_boeken", args=[activiteit.pk])
    assert client_for(bewoner).get(url).status_code == 403
    assert client_for(bewoner).post(url, {"accommodatie": zaal.pk}).status_code == 403
    assert not Reservering.objects.exists()
