"""Calendar feeds (``accommodaties.feeds``): read back with ``icalendar`` and checked."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from accommodaties import services
from accommodaties.models import AgendaSleutel, Reservering, Sluiting
from accommodaties.tests.factories import AccommodatieFactory
from accommodaties.tests.hulp import op
from bewoners import privacy
from bewoners.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def zaal(beheerder_van_zaal, buurt):
    return AccommodatieFactory(
        slug="buurtzaal-de-linde",
        adres="Lindelaan 1, Utrecht",
        buurt=buurt,
        beheerders=[beheerder_van_zaal],
    )


@pytest.fixture
def anoniem():
    return Client()


def boek(zaal, wie, begin, einde, doel="Koffieochtend", **extra):
    return services.reservering_create(
        accommodatie=zaal,
        door=wie,
        begin=begin,
        einde=einde,
        aantal_personen=5,
        doel=doel,
        **extra,
    )


def maak(zaal, wie, begin, einde, status=Reservering.Status.BEVESTIGD, doel="Koffieochtend"):
    """A booking straight in the database: for the past, or beyond what the service allows."""
    return Reservering.objects.create(
        accommodatie=zaal,
        geboekt_door=wie,
        doel=doel,
        aantal_personen=5,
        begin=begin,
        einde=einde,
        bezet_tot=einde + zaal.buffer,
        status=status,
    )


def feed_url(user) -> str:
    return reverse("accommodaties:feed_mijn", args=[AgendaSleutel.voor(user).sleutel])


def lees(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def per_uid(kalender: Calendar) -> dict:
    return {str(event["UID"]): event for event in kalender.events}


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# --- the personal feed -------------------------------------------------------------------------


def test_my_feed_holds_my_requests_and_confirmed_bookings(
    anoniem, zaal, bewoner, helper, beheerder_van_zaal
):
    bevestigd = boek(zaal, bewoner, op(2, 10), op(2, 12))
    services.reservering_approve(reservering=bevestigd, door=beheerder_van_zaal)
    aangevraagd = boek(zaal, bewoner, op(3, 14), op(3, 16), doel="Repetitie koor")
    boek(zaal, helper, op(4, 10), op(4, 12), doel="Niet van Bep")

    response = anoniem.get(feed_url(bewoner))

    kalender = lees(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content  # ask apps to look hourly
    events = per_uid(kalender)
    assert set(events) == {
        f"reservering-{bevestigd.pk}@127.0.0.1",
        f"reservering-{aangevraagd.pk}@127.0.0.1",
    }
    event = events[f"reservering-{bevestigd.pk}@127.0.0.1"]
    assert str(event["SUMMARY"]) == "Buurtzaal De Linde: Koffieochtend"
    assert str(event["LOCATION"]) == "Buurtzaal De Linde, Lindelaan 1, Utrecht"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.start == utc(op(2, 10)) and event.end == utc(op(2, 12))
    assert event.DTSTAMP is not None
    event = events[f"reservering-{aangevraagd.pk}@127.0.0.1"]
    assert str(event["SUMMARY"]) == "Buurtzaal De Linde: Repetitie koor (aangevraagd)"
    assert str(event["STATUS"]) == "TENTATIVE"


def test_my_feed_reaches_90_days_back_and_keeps_times_right_over_daylight_saving(
    anoniem, zaal, bewoner
):
    oud = maak(zaal, bewoner, op(-100, 10), op(-100, 12))
    recent = maak(zaal, bewoner, op(-60, 10), op(-60, 12))
    zomertijd = boek(zaal, bewoner, op(30, 10), op(30, 12))  # 3 April: 10:00 CEST is 08:00 UTC

    events = per_uid(lees(anoniem.get(feed_url(bewoner))))

    assert f"reservering-{oud.pk}@127.0.0.1" not in events
    assert f"reservering-{recent.pk}@127.0.0.1" in events
    event = events[f"reservering-{zomertijd.pk}@127.0.0.1"]
    assert event.start == datetime(2030, 4, 3, 8, 0, tzinfo=UTC)


def test_uids_stay_the_same_from_one_fetch_to_the_next(anoniem, zaal, bewoner, klok):
    boek(zaal, bewoner, op(2, 10), op(2, 12))
    eerst = lees(anoniem.get(feed_url(bewoner)))
    klok.shift(timedelta(hours=3))

    daarna = lees(anoniem.get(feed_url(bewoner)))

    assert set(per_uid(eerst)) == set(per_uid(daarna))
    assert str(eerst["UID"]) == str(daarna["UID"])


def test_text_with_commas_semicolons_and_newlines_comes_back_whole(anoniem, zaal, bewoner):
    doel = 'Koffie, thee; en "taart"\\ voor iedereen ' + "lang " * 20
    boek(zaal, bewoner, op(2, 10), op(2, 12), doel=doel.strip()[:200])

    (event,) = lees(anoniem.get(feed_url(bewoner))).events

    assert str(event["SUMMARY"]) == f"Buurtzaal De Linde: {doel.strip()[:200]} (aangevraagd)"


def test_a_cancelled_booking_shows_as_cancelled_for_30_days(anoniem, zaal, bewoner, klok):
    afgezegd = boek(zaal, bewoner, op(10, 10), op(10, 12))
    services.reservering_cancel(reservering=afgezegd, door=bewoner)

    (event,) = lees(anoniem.get(feed_url(bewoner))).events
    assert str(event["UID"]) == f"reservering-{afgezegd.pk}@127.0.0.1"
    assert str(event["STATUS"]) == "CANCELLED"

    klok.shift(timedelta(days=31))
    assert lees(anoniem.get(feed_url(bewoner))).events == []


def test_a_refused_request_shows_as_cancelled(anoniem, zaal, bewoner, beheerder_van_zaal):
    geweigerd = boek(zaal, bewoner, op(2, 10), op(2, 12))
    services.reservering_reject(reservering=geweigerd, door=beheerder_van_zaal, reden="Onderhoud")

    (event,) = lees(anoniem.get(feed_url(bewoner))).events

    assert str(event["STATUS"]) == "CANCELLED"
    assert "Onderhoud" in str(event["DESCRIPTION"])


def test_an_unknown_key_is_a_404(anoniem, bewoner):
    AgendaSleutel.voor(bewoner)
    url = reverse("accommodaties:feed_mijn", args=["geen-echte-sleutel"])
    assert anoniem.get(url).status_code == 404


def test_an_inactive_account_has_no_feed(anoniem, bewoner):
    url = feed_url(bewoner)
    bewoner.is_active = False
    bewoner.save()

    assert anoniem.get(url).status_code == 404


def test_the_feed_speaks_the_language_of_the_account(anoniem, zaal, bewoner, helper):
    helper.taal = "en"
    helper.save()
    boek(zaal, bewoner, op(2, 10), op(2, 12))
    boek(zaal, helper, op(3, 10), op(3, 12))

    (nederlands,) = lees(anoniem.get(feed_url(bewoner))).events
    (engels,) = lees(anoniem.get(feed_url(helper))).events

    assert "Aangevraagd" in str(nederlands["DESCRIPTION"])
    assert "Requested" in str(engels["DESCRIPTION"])


# --- the page with the link and making a new one -----------------------------------------------


def test_the_page_shows_the_full_link_and_keeps_it(client_for, bewoner):
    client = client_for(bewoner)

    response = client.get(reverse("accommodaties:mijn_agenda"))

    assert response.status_code == 200
    sleutel = AgendaSleutel.objects.get(user=bewoner).sleutel
    link = f"http://testserver/ruimtes/agenda/{sleutel}.ics"
    inhoud = response.content.decode()
    assert f'value="{link}"' in inhoud
    assert '<label for="agenda-link">' in inhoud and 'id="agenda-link"' in inhoud
    assert "<h1>" in inhoud and "readonly" in inhoud
    assert reverse("accommodaties:agenda_vernieuwen") in inhoud
    assert "no-store" in response["Cache-Control"]
    client.get(reverse("accommodaties:mijn_agenda"))
    assert AgendaSleutel.objects.get(user=bewoner).sleutel == sleutel


def test_the_page_needs_a_login(anoniem):
    response = anoniem.get(reverse("accommodaties:mijn_agenda"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_new_link_makes_the_old_one_stop_working(client_for, anoniem, zaal, bewoner):
    boek(zaal, bewoner, op(2, 10), op(2, 12))
    oud = feed_url(bewoner)
    client = client_for(bewoner)

    response = client.post(reverse("accommodaties:agenda_vernieuwen"), follow=True)

    assert response.redirect_chain == [(reverse("accommodaties:mijn_agenda"), 302)]
    assert "De oude link werkt niet meer" in response.content.decode()
    nieuw = feed_url(bewoner)
    assert nieuw != oud
    assert anoniem.get(oud).status_code == 404
    assert len(lees(anoniem.get(nieuw)).events) == 1


def test_a_new_link_is_made_only_with_a_post(client_for, anoniem, bewoner):
    url = reverse("accommodaties:agenda_vernieuwen")
    assert client_for(bewoner).get(url).status_code == 405
    assert anoniem.post(url).status_code == 302
    assert not AgendaSleutel.objects.exists()


# --- the public feed of a facility -------------------------------------------------------------


def test_the_public_feed_says_busy_and_closed_but_never_who_or_why(anoniem, zaal, bewoner):
    reservering = boek(
        zaal, bewoner, op(2, 10), op(2, 12), doel="Verjaardag van Bep", namens="Bep's club"
    )
    Sluiting.objects.create(accommodatie=zaal, van=op(5, 0), tot=op(6, 0), reden="Schilderwerk")

    response = anoniem.get(reverse("accommodaties:feed_ruimte", args=[zaal.slug]))

    kalender = lees(response)
    inhoud = response.content.decode()
    for geheim in ("Bep", "Jansen", "bep@example.org", "Verjaardag", "club", "5 mensen"):
        assert geheim not in inhoud
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    bezet = per_uid(kalender)[f"bezet-{reservering.pk}@127.0.0.1"]
    assert str(bezet["SUMMARY"]) == "Bezet"
    assert bezet.start == utc(op(2, 10))
    assert bezet.end == utc(op(2, 12, 15))  # busy until the end of the buffer
    assert not {"DESCRIPTION", "LOCATION", "ATTENDEE", "ORGANIZER", "CONTACT"} & set(bezet)
    (dicht,) = [e for e in kalender.events if str(e["UID"]).startswith("sluiting-")]
    assert str(dicht["SUMMARY"]) == "Dicht: Schilderwerk"


def test_the_public_feed_shows_30_days_back_to_the_booking_horizon(anoniem, zaal, bewoner):
    binnen = [
        maak(zaal, bewoner, op(-20, 10), op(-20, 12)),
        maak(zaal, bewoner, op(80, 10), op(80, 12)),
    ]
    buiten = [
        maak(zaal, bewoner, op(-40, 10), op(-40, 12)),
        maak(zaal, bewoner, op(100, 10), op(100, 12)),
        maak(zaal, bewoner, op(3, 10), op(3, 12), status=Reservering.Status.GEANNULEERD),
        maak(zaal, bewoner, op(4, 10), op(4, 12), status=Reservering.Status.GEWEIGERD),
    ]

    url = reverse("accommodaties:feed_ruimte", args=[zaal.slug])
    uids = set(per_uid(lees(anoniem.get(url))))

    assert uids == {f"bezet-{r.pk}@127.0.0.1" for r in binnen}
    assert not {f"bezet-{r.pk}@127.0.0.1" for r in buiten} & uids


def test_an_inactive_or_unknown_facility_has_no_feed(anoniem, zaal):
    zaal.actief = False
    zaal.save()
    for slug in (zaal.slug, "bestaat-niet"):
        assert anoniem.get(reverse("accommodaties:feed_ruimte", args=[slug])).status_code == 404


# --- one booking as a download -----------------------------------------------------------------


def test_the_booker_and_the_keeper_download_one_booking(
    client_for, zaal, bewoner, beheerder_van_zaal
):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    url = reverse("accommodaties:reservering_ics", args=[reservering.pk])

    for wie in (bewoner, beheerder_van_zaal):
        response = client_for(wie).get(url)
        (event,) = lees(response).events
        assert str(event["UID"]) == f"reservering-{reservering.pk}@127.0.0.1"
        assert str(event["SUMMARY"]) == "Buurtzaal De Linde: Koffieochtend (aangevraagd)"
        assert response["Content-Disposition"] == (
            f'attachment; filename="boeking-{reservering.pk}.ics"'
        )
        assert "no-store" in response["Cache-Control"]


def test_anybody_else_gets_a_404_whether_the_booking_exists_or_not(
    client_for, anoniem, zaal, bewoner, outsider
):
    reservering = boek(zaal, bewoner, op(2, 10), op(2, 12))
    client = client_for(outsider)

    bestaat = client.get(reverse("accommodaties:reservering_ics", args=[reservering.pk]))
    bestaat_niet = client.get(reverse("accommodaties:reservering_ics", args=[reservering.pk + 99]))

    assert bestaat.status_code == bestaat_niet.status_code == 404
    response = anoniem.get(reverse("accommodaties:reservering_ics", args=[reservering.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- the same number of queries whatever the number of bookings --------------------------------


def _veel(zaal, wie, aantal):
    return [maak(zaal, wie, op(dag, 10), op(dag, 12)) for dag in range(1, aantal + 1)]


@pytest.mark.parametrize("aantal", [1, 50])
def test_my_feed_runs_two_queries(anoniem, zaal, bewoner, aantal, django_assert_num_queries):
    _veel(zaal, bewoner, aantal)
    url = feed_url(bewoner)

    with django_assert_num_queries(2):  # the key with its person; the bookings with their room
        kalender = lees(anoniem.get(url))

    assert len(kalender.events) == aantal


@pytest.mark.parametrize("aantal", [1, 50])
def test_the_public_feed_runs_three_queries(
    anoniem, zaal, bewoner, aantal, django_assert_num_queries
):
    _veel(zaal, bewoner, aantal)
    Sluiting.objects.create(accommodatie=zaal, van=op(60, 0), tot=op(61, 0))
    url = reverse("accommodaties:feed_ruimte", args=[zaal.slug])

    with django_assert_num_queries(3):  # the facility, its bookings, its closures
        kalender = lees(anoniem.get(url))

    assert len(kalender.events) == aantal + 1


# --- privacy and admin -------------------------------------------------------------------------


def test_export_says_when_the_link_was_made_but_not_the_link(zaal, bewoner):
    assert privacy.export_user_data(bewoner)["accommodaties"]["agenda_link_gemaakt_op"] is None
    sleutel = AgendaSleutel.voor(bewoner)

    data = privacy.export_user_data(bewoner)

    assert data["accommodaties"]["agenda_link_gemaakt_op"] == sleutel.aangemaakt_op
    assert sleutel.sleutel not in privacy.export_user_json(bewoner)
    assert sleutel.sleutel not in json.dumps(data, default=str)


def test_erasure_removes_the_key_and_the_feed(anoniem, zaal, bewoner, helper):
    boek(zaal, bewoner, op(2, 10), op(2, 12))
    url = feed_url(bewoner)
    AgendaSleutel.voor(helper)

    privacy.erase_user(bewoner)

    assert not AgendaSleutel.objects.filter(user=bewoner).exists()
    assert AgendaSleutel.objects.filter(user=helper).exists()
    assert anoniem.get(url).status_code == 404


def test_the_admin_lists_keys_without_the_secret(client_for, bewoner):
    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True, with_mfa=True)
    sleutel = AgendaSleutel.voor(bewoner)
    client = client_for(admin)

    lijst = client.get(reverse("admin:accommodaties_agendasleutel_changelist"))
    detail = client.get(reverse("admin:accommodaties_agendasleutel_change", args=[sleutel.pk]))

    assert lijst.status_code == detail.status_code == 200
    assert "bep@example.org" in lijst.content.decode() or "Bep" in lijst.content.decode()
    for response in (lijst, detail):
        assert sleutel.sleutel not in response.content.decode()
    add = client.get(reverse("admin:accommodaties_agendasleutel_add"))
    assert add.status_code == 403
