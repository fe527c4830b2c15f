"""Calendar feeds of activities (``initiatieven.feeds``): read back with ``icalendar``."""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from accommodaties.models import AgendaSleutel
from accommodaties.tests.factories import AccommodatieFactory
from bewoners import privacy
from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst, Initiatief
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import START, op

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

HOST = urlsplit(settings.SITE_URL).hostname


@pytest.fixture
def anoniem():
    return Client()


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf", last_name="Organisator", email="olaf@example.org")


@pytest.fixture
def wandelgroep(organisator, bewoner, helper):
    return InitiatiefFactory(
        naam="Wandelgroep De Linde",
        slug="wandelgroep-de-linde",
        adres="Bij de kerk, Lindelaan 1",
        organisatoren=[organisator],
        leden=[bewoner, helper],
    )


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def activiteit(initiatief, door, *, dagen=1, titel="Wandelen", **anders):
    velden = {
        "initiatief": initiatief,
        "door": door,
        "titel": titel,
        "begin": op(dagen, 10),
        "einde": op(dagen, 11, 30),
    }
    velden.update(anders)
    return services.activiteit_create(**velden)


def wekelijks(initiatief, door, *, weken, **anders):
    return activiteit(
        initiatief,
        door,
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=START.date() + timedelta(weeks=weken, days=1),
        **anders,
    )


def keren(activiteit):
    return list(activiteit.bijeenkomsten.order_by("begin"))


def verleden(activiteit, dagen, *, status=Bijeenkomst.Status.GEPLAND):
    """A meeting in the past, straight in the database (the service plans only ahead)."""
    begin = op(dagen, 10)
    return Bijeenkomst.objects.create(
        activiteit=activiteit,
        begin=begin,
        einde=begin + timedelta(minutes=90),
        volgens_regel=begin,
        status=status,
    )


def feed_url(user) -> str:
    return reverse("initiatieven:feed_mijn", args=[AgendaSleutel.voor(user).sleutel])


def publiek_url(initiatief) -> str:
    return reverse("initiatieven:feed_initiatief", args=[initiatief.slug])


def lees(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def per_uid(kalender: Calendar) -> dict:
    return {str(event["UID"]): event for event in kalender.events}


# --- the personal feed -------------------------------------------------------------------------


def test_my_feed_holds_my_sign_ups_and_my_places_on_the_waiting_list(
    anoniem, wandelgroep, organisator, bewoner, helper
):
    wandelen = wekelijks(wandelgroep, organisator, weken=2, capaciteit=1)
    eerste, tweede, _derde = keren(wandelen)
    services.aanmelding_create(bijeenkomst=eerste, user=helper)
    wachtlijst = services.aanmelding_create(bijeenkomst=eerste, user=bewoner).aanmelding
    aangemeld = services.aanmelding_create(bijeenkomst=tweede, user=bewoner).aanmelding

    response = anoniem.get(feed_url(bewoner))

    kalender = lees(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in response.content
    assert str(kalender["X-WR-CALNAME"]).startswith("Mijn activiteiten")
    events = per_uid(kalender)
    assert set(events) == {
        f"aanmelding-{aangemeld.pk}@{HOST}",
        f"aanmelding-{wachtlijst.pk}@{HOST}",
    }
    event = events[f"aanmelding-{aangemeld.pk}@{HOST}"]
    assert str(event["SUMMARY"]) == "Wandelen"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Bij de kerk, Lindelaan 1"  # the initiative's own place
    assert event.start == utc(op(8, 10)) and event.end == utc(op(8, 11, 30))
    assert "Wandelgroep De Linde" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == settings.SITE_URL + tweede.get_absolute_url()
    event = events[f"aanmelding-{wachtlijst.pk}@{HOST}"]
    assert str(event["SUMMARY"]) == "Wandelen (wachtlijst)"
    assert str(event["STATUS"]) == "TENTATIVE"
    # Nothing about the others who signed up.
    assert "Henk" not in response.content.decode()


def test_my_feed_keeps_local_times_over_daylight_saving_and_the_room_as_place(
    anoniem, wandelgroep, organisator, bewoner
):
    zaal = AccommodatieFactory(naam="Buurtzaal De Linde", adres="Lindelaan 2, Utrecht")
    zomer = activiteit(wandelgroep, organisator, dagen=30, accommodatie=zaal)  # 3 April
    aanmelding = services.aanmelding_create(bijeenkomst=keren(zomer)[0], user=bewoner).aanmelding

    event = per_uid(lees(anoniem.get(feed_url(bewoner))))[f"aanmelding-{aanmelding.pk}@{HOST}"]

    assert event.start == datetime(2030, 4, 3, 8, 0, tzinfo=UTC)  # 10:00 CEST
    assert str(event["LOCATION"]) == "Buurtzaal De Linde, Lindelaan 2, Utrecht"


def test_my_feed_reaches_90_days_back(anoniem, wandelgroep, organisator, bewoner):
    wandelen = activiteit(wandelgroep, organisator)
    oud, recent = verleden(wandelen, -100), verleden(wandelen, -60)
    for keer in (oud, recent):
        Aanmelding.objects.create(
            bijeenkomst=keer, user=bewoner, status=Aanmelding.Status.AANGEMELD, aanwezig=True
        )

    events = lees(anoniem.get(feed_url(bewoner))).events

    assert [e.start for e in events] == [utc(recent.begin)]
    assert "Kun je niet?" not in str(events[0]["DESCRIPTION"])  # it is over


def test_a_cancelled_meeting_and_my_own_cancel_show_as_cancelled_until_30_days_after(
    anoniem, wandelgroep, organisator, bewoner, klok
):
    wandelen = wekelijks(wandelgroep, organisator, weken=1)
    eerste, tweede = keren(wandelen)
    geannuleerd = services.aanmelding_create(bijeenkomst=eerste, user=bewoner).aanmelding
    afgemeld = services.aanmelding_create(bijeenkomst=tweede, user=bewoner).aanmelding
    services.bijeenkomst_cancel(bijeenkomst=eerste, door=organisator, reden="Storm op komst")
    services.aanmelding_cancel(bijeenkomst=tweede, user=bewoner)

    events = per_uid(lees(anoniem.get(feed_url(bewoner))))

    event = events[f"aanmelding-{geannuleerd.pk}@{HOST}"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Gaat niet door" in str(event["DESCRIPTION"])
    assert "Storm op komst" in str(event["DESCRIPTION"])
    event = events[f"aanmelding-{afgemeld.pk}@{HOST}"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert "afgemeld" in str(event["DESCRIPTION"])

    klok.shift(timedelta(days=8 + 29))
    assert len(lees(anoniem.get(feed_url(bewoner))).events) == 1
    klok.shift(timedelta(days=2))
    assert lees(anoniem.get(feed_url(bewoner))).events == []


def test_a_moved_meeting_says_so(anoniem, wandelgroep, organisator, bewoner):
    (keer,) = keren(activiteit(wandelgroep, organisator))
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.bijeenkomst_move(bijeenkomst=keer, door=organisator, begin=op(2, 14), einde=op(2, 15))

    (event,) = lees(anoniem.get(feed_url(bewoner))).events

    assert event.start == utc(op(2, 14))
    assert "Verplaatst. Eerst was het dinsdag 5 maart, 10:00." in str(event["DESCRIPTION"])


def test_the_upcoming_meetings_of_a_stopped_initiative_show_as_cancelled(
    anoniem, wandelgroep, organisator, bewoner
):
    (keer,) = keren(activiteit(wandelgroep, organisator))
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    Initiatief.objects.filter(pk=wandelgroep.pk).update(status=Initiatief.Status.GESTOPT)

    (event,) = lees(anoniem.get(feed_url(bewoner))).events

    assert str(event["STATUS"]) == "CANCELLED"


def test_the_feed_speaks_the_language_of_the_account(
    anoniem, wandelgroep, organisator, bewoner, helper
):
    helper.taal = "en"
    helper.save()
    (keer,) = keren(activiteit(wandelgroep, organisator))
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.aanmelding_create(bijeenkomst=keer, user=helper)
    services.bijeenkomst_cancel(bijeenkomst=keer, door=organisator, reden="Storm")

    (nederlands,) = lees(anoniem.get(feed_url(bewoner))).events
    (engels,) = lees(anoniem.get(feed_url(helper))).events

    assert "Reden: Storm" in str(nederlands["DESCRIPTION"])
    assert "Reason: Storm" in str(engels["DESCRIPTION"])


def test_an_unknown_key_or_an_inactive_account_is_a_404(anoniem, bewoner):
    url = feed_url(bewoner)
    assert anoniem.get(url).status_code == 200
    nep = reverse("initiatieven:feed_mijn", args=["geen-echte-sleutel"])
    assert anoniem.get(nep).status_code == 404

    bewoner.is_active = False
    bewoner.save()
    assert anoniem.get(url).status_code == 404


def test_one_key_for_room_bookings_and_activities_and_a_new_one_stops_both(
    client_for, anoniem, wandelgroep, organisator, bewoner
):
    (keer,) = keren(activiteit(wandelgroep, organisator))
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    sleutel = AgendaSleutel.voor(bewoner).sleutel
    oud_hier = reverse("initiatieven:feed_mijn", args=[sleutel])
    oud_ruimtes = reverse("accommodaties:feed_mijn", args=[sleutel])
    assert anoniem.get(oud_hier).status_code == anoniem.get(oud_ruimtes).status_code == 200

    client_for(bewoner).post(reverse("accommodaties:agenda_vernieuwen"))

    assert anoniem.get(oud_hier).status_code == anoniem.get(oud_ruimtes).status_code == 404
    assert len(lees(anoniem.get(feed_url(bewoner))).events) == 1
    assert AgendaSleutel.objects.count() == 1


def test_after_erasure_the_link_stops_working(anoniem, wandelgroep, organisator, bewoner):
    (keer,) = keren(activiteit(wandelgroep, organisator))
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    url = feed_url(bewoner)

    privacy.erase_user(bewoner)

    assert anoniem.get(url).status_code == 404


def test_the_feeds_only_answer_get_and_head(anoniem, wandelgroep, bewoner):
    assert anoniem.post(feed_url(bewoner)).status_code == 405
    assert anoniem.post(publiek_url(wandelgroep)).status_code == 405


# --- the public feed of an initiative -----------------------------------------------------------


def test_the_public_feed_has_title_time_place_and_initiative_but_never_who(
    anoniem, wandelgroep, organisator, bewoner, helper
):
    wandelen = wekelijks(wandelgroep, organisator, weken=1, capaciteit=1)
    eerste, tweede = keren(wandelen)
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)
    services.aanmelding_create(bijeenkomst=eerste, user=helper)  # waiting list
    services.aanmelding_create(bijeenkomst=tweede, user=helper)
    services.bijeenkomst_cancel(bijeenkomst=tweede, door=organisator, reden="Olaf is op vakantie")

    response = anoniem.get(publiek_url(wandelgroep))

    kalender = lees(response)
    inhoud = response.content.decode()
    for geheim in ("Bep", "Jansen", "bep@example.org", "Henk", "Olaf", "vakantie", "wachtlijst"):
        assert geheim not in inhoud
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert str(kalender["X-WR-CALNAME"]) == "Wandelgroep De Linde"
    events = per_uid(kalender)
    assert set(events) == {f"bijeenkomst-{k.pk}@{HOST}" for k in (eerste, tweede)}
    event = events[f"bijeenkomst-{eerste.pk}@{HOST}"]
    assert str(event["SUMMARY"]) == "Wandelen"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Bij de kerk, Lindelaan 1"
    assert str(event["DESCRIPTION"]) == "Wandelgroep De Linde"
    assert event.start == utc(op(1, 10)) and event.end == utc(op(1, 11, 30))
    assert not {"ATTENDEE", "ORGANIZER", "CONTACT"} & set(event)
    assert str(events[f"bijeenkomst-{tweede.pk}@{HOST}"]["STATUS"]) == "CANCELLED"


def test_the_public_feed_shows_30_days_back_to_two_years_ahead_of_this_initiative_only(
    anoniem, wandelgroep, organisator, bewoner
):
    wandelen = activiteit(wandelgroep, organisator, dagen=700)
    binnen = [verleden(wandelen, -20), *keren(wandelen)]
    buiten = [verleden(wandelen, -40)]
    ander = InitiatiefFactory(naam="Repair Café", organisatoren=[organisator])
    buiten += keren(activiteit(ander, organisator, titel="Repareren"))

    uids = set(per_uid(lees(anoniem.get(publiek_url(wandelgroep)))))

    assert uids == {f"bijeenkomst-{k.pk}@{HOST}" for k in binnen}
    assert not {f"bijeenkomst-{k.pk}@{HOST}" for k in buiten} & uids


def test_a_paused_initiative_keeps_its_feed_a_stopped_or_unknown_one_has_none(anoniem, wandelgroep):
    wandelgroep.status = Initiatief.Status.GEPAUZEERD
    wandelgroep.save()
    assert anoniem.get(publiek_url(wandelgroep)).status_code == 200

    wandelgroep.status = Initiatief.Status.GESTOPT
    wandelgroep.save()
    assert anoniem.get(publiek_url(wandelgroep)).status_code == 404
    url = reverse("initiatieven:feed_initiatief", args=["bestaat-niet"])
    assert anoniem.get(url).status_code == 404


# --- one activity as a download ----------------------------------------------------------------


def test_anybody_downloads_every_meeting_of_an_activity(anoniem, wandelgroep, organisator, bewoner):
    wandelen = wekelijks(wandelgroep, organisator, weken=3)
    komend = keren(wandelen)
    alle = [verleden(wandelen, -60), *komend]
    services.aanmelding_create(bijeenkomst=alle[1], user=bewoner)
    activiteit(wandelgroep, organisator, titel="Iets anders")

    response = anoniem.get(reverse("initiatieven:activiteit_ics", args=[wandelen.pk]))

    kalender = lees(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="activiteit-{wandelen.pk}.ics"'
    )
    assert [str(e["UID"]) for e in kalender.events] == [f"bijeenkomst-{k.pk}@{HOST}" for k in alle]
    assert {str(e["SUMMARY"]) for e in kalender.events} == {"Wandelen"}
    assert "Bep" not in response.content.decode()


def test_no_download_for_an_activity_of_a_stopped_initiative_or_an_unknown_one(
    anoniem, wandelgroep, organisator
):
    wandelen = activiteit(wandelgroep, organisator)
    url = reverse("initiatieven:activiteit_ics", args=[wandelen.pk])
    assert anoniem.get(url).status_code == 200

    Initiatief.objects.filter(pk=wandelgroep.pk).update(status=Initiatief.Status.GESTOPT)

    assert anoniem.get(url).status_code == 404
    onbekend = reverse("initiatieven:activiteit_ics", args=[wandelen.pk + 99])
    assert anoniem.get(onbekend).status_code == 404


# --- the same number of queries whatever the number of meetings --------------------------------


@pytest.fixture
def veel(wandelgroep, organisator, bewoner):
    """``veel(n)``: n weekly meetings in a room, bewoner signed up for each."""

    def maak(aantal):
        zaal = AccommodatieFactory()
        wandelgroep.accommodatie = zaal
        wandelgroep.save()
        wandelen = activiteit(
            wandelgroep,
            organisator,
            herhaling=Activiteit.Herhaling.WEKELIJKS,
            tot_en_met=date(2030, 3, 5) + timedelta(weeks=aantal - 1),
        )
        ook_ergens_anders = activiteit(wandelgroep, organisator, titel="Fietsen", accommodatie=zaal)
        for keer in [*keren(wandelen), *keren(ook_ergens_anders)]:
            Aanmelding.objects.create(
                bijeenkomst=keer, user=bewoner, status=Aanmelding.Status.AANGEMELD
            )
        return wandelen

    return maak


@pytest.mark.parametrize("aantal", [1, 40])
def test_my_feed_runs_two_queries(anoniem, veel, bewoner, aantal, django_assert_num_queries):
    veel(aantal)
    url = feed_url(bewoner)

    with django_assert_num_queries(2):  # the key with its person; the sign-ups with the rest
        kalender = lees(anoniem.get(url))

    assert len(kalender.events) == aantal + 1


@pytest.mark.parametrize("aantal", [1, 40])
def test_the_public_feed_runs_two_queries(
    anoniem, veel, wandelgroep, aantal, django_assert_num_queries
):
    veel(aantal)
    url = publiek_url(wandelgroep)

    with django_assert_num_queries(2):  # the initiative; its meetings
        kalender = lees(anoniem.get(url))

    assert len(kalender.events) == aantal + 1


@pytest.mark.parametrize("aantal", [1, 40])
def test_the_download_runs_two_queries(anoniem, veel, aantal, django_assert_num_queries):
    wandelen = veel(aantal)
    url = reverse("initiatieven:activiteit_ics", args=[wandelen.pk])

    with django_assert_num_queries(2):  # the activity with its initiative; its meetings
        kalender = lees(anoniem.get(url))

    assert len(kalender.events) == aantal
