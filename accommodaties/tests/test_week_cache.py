"""The rendered week of a facility is kept in the cache under a digest of what it shows: a
change shows at once, and nobody sees a week rendered for other rights or another person."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accommodaties import services
from accommodaties.models import Openingstijd, Sluiting, WieMagBoeken
from accommodaties.tests.factories import ELKE_DAG_8_TOT_22, AccommodatieFactory
from accommodaties.tests.hulp import op
from bewoners.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

# Tuesday 5 March 2030 from 10:00 (the clock stands on Monday 4 March, 09:00).
LINK_10_UUR = "?datum=2030-03-05&amp;van=10%3A00"


@pytest.fixture
def kees(db):
    return UserFactory(first_name="Kees", email="kees@example.org")


@pytest.fixture
def zaal(kees, buurt):
    return AccommodatieFactory(
        slug="buurtzaal-de-linde", buurt=buurt, beheerders=[kees], openingstijden=ELKE_DAG_8_TOT_22
    )


def boek(zaal, wie, begin, einde, doel="Koffieochtend"):
    return services.reservering_create(
        accommodatie=zaal, door=wie, begin=begin, einde=einde, aantal_personen=5, doel=doel
    )


def week(client, zaal, **params) -> str:
    response = client.get(zaal.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def gerenderd(response) -> list[str]:
    return [t.name for t in response.templates]


def test_the_second_view_of_a_week_comes_from_the_cache(client_for, bewoner, helper, zaal):
    eerste = client_for(bewoner).get(zaal.get_absolute_url())
    assert "accommodaties/_week.html" in gerenderd(eerste)
    # Another resident with the same rights gets the same rendering, without rendering it.
    tweede = client_for(helper).get(zaal.get_absolute_url())
    assert "accommodaties/_week.html" not in gerenderd(tweede)
    assert LINK_10_UUR in tweede.content.decode()
    deel = client_for(helper).get(zaal.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert deel.content.decode().lstrip().startswith('<section id="week"')
    assert "accommodaties/_week.html" not in gerenderd(deel)


@pytest.mark.parametrize("weergave", ["", "lijst", "rooster"])
def test_a_new_booking_shows_at_once(client_for, bewoner, helper, zaal, weergave):
    client = client_for(bewoner)
    assert LINK_10_UUR in week(client, zaal, weergave=weergave)

    boek(zaal, helper, op(1, 10), op(1, 12))

    assert LINK_10_UUR not in week(client_for(bewoner), zaal, weergave=weergave)


def test_a_cancelled_booking_is_free_again_at_once(client_for, bewoner, helper, zaal):
    reservering = boek(zaal, helper, op(1, 10), op(1, 12))
    assert LINK_10_UUR not in week(client_for(bewoner), zaal)

    services.reservering_cancel(reservering=reservering, door=helper)

    assert LINK_10_UUR in week(client_for(bewoner), zaal)


def test_a_closure_and_new_opening_hours_show_at_once(client_for, bewoner, zaal):
    client = client_for(bewoner)
    assert "Schilderwerk" not in week(client, zaal, weergave="lijst")
    Sluiting.objects.create(accommodatie=zaal, van=op(2, 0), tot=op(3, 0), reden="Schilderwerk")
    assert "Schilderwerk" in week(client, zaal, weergave="lijst")

    assert "vanaf 07:00" not in week(client, zaal, weergave="lijst")
    Openingstijd.objects.filter(accommodatie=zaal, weekdag=1).update(van="07:00")
    assert 'aria-label="Boek dinsdag 5 maart vanaf 07:00"' in week(client, zaal, weergave="lijst")


def test_the_keepers_week_is_never_shown_to_a_resident(client_for, kees, bewoner, helper, zaal):
    boek(zaal, helper, op(1, 10), op(1, 12), doel="Geheime verjaardag")
    assert "Geheime verjaardag" in week(client_for(kees), zaal, weergave="lijst")

    inhoud = week(client_for(bewoner), zaal, weergave="lijst")
    assert "Geheime verjaardag" not in inhoud and "Henk" not in inhoud
    assert "Jij bent beheerder" not in inhoud


def test_ones_own_booking_is_marked_for_that_person_only(client_for, bewoner, helper, zaal):
    boek(zaal, helper, op(1, 10), op(1, 12))
    assert "jouw boeking" in week(client_for(helper), zaal, weergave="lijst")
    assert "jouw boeking" not in week(client_for(bewoner), zaal, weergave="lijst")
    # And back: the resident's rendering does not hide the helper's own booking from him.
    assert "jouw boeking" in week(client_for(helper), zaal, weergave="lijst")


def test_a_changed_keepers_name_shows_at_once(client_for, kees, helper, zaal):
    boek(zaal, helper, op(1, 10), op(1, 12))
    assert "Henk" in week(client_for(kees), zaal, weergave="lijst")
    helper.first_name = "Hendrik"
    helper.save(update_fields=["first_name"])
    assert "Hendrik" in week(client_for(kees), zaal, weergave="lijst")


def test_who_may_not_book_gets_no_links_from_a_kept_week(client_for, bewoner, zaal):
    assert LINK_10_UUR in week(client_for(bewoner), zaal)
    zaal.wie_mag_boeken = WieMagBoeken.BEHEERDERS
    zaal.save()
    assert LINK_10_UUR not in week(client_for(bewoner), zaal)


def test_time_passing_shows_the_past_as_past(client_for, bewoner, zaal, klok):
    vandaag_11_uur = reverse("accommodaties:reserveren", args=[zaal.slug]) + (
        "?datum=2030-03-04&amp;van=11%3A00"
    )
    client = client_for(bewoner)
    assert vandaag_11_uur in week(client, zaal)
    klok.move_to(op(0, 11, 30) - timedelta(seconds=1))
    assert vandaag_11_uur not in week(client, zaal)
