"""Signing up for every coming meeting of a series at once, and cancelling them at once; the
.ics download of one meeting; dates the house way in the notices."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Aanmelding, Initiatief
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import op, wekelijks
from meldingen.models import Melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

S = Aanmelding.Status


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf")


@pytest.fixture
def groep(organisator, bewoner):
    return InitiatiefFactory(naam="Wandelgroep", organisatoren=[organisator], leden=[bewoner])


@pytest.fixture
def reeks(groep, organisator):
    """Nine Tuesdays from 5 March 2030, 10:00-11:30, two places each."""
    return wekelijks(groep, organisator)


def keren(activiteit):
    return list(activiteit.bijeenkomsten.order_by("begin"))


def status(bijeenkomst, user):
    return Aanmelding.objects.get(bijeenkomst=bijeenkomst, user=user).status


def inhoud(response) -> str:
    return response.content.decode()


def berichten(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_all_coming_meetings_at_once_full_ones_onto_their_waiting_list(reeks, bewoner, helper):
    eerste, tweede, derde, *rest = keren(reeks)
    services.aanmelding_create(bijeenkomst=eerste, user=bewoner)  # signed up already
    for user in (UserFactory(), UserFactory()):
        services.aanmelding_create(bijeenkomst=derde, user=user)  # the third is full
    services.aanmelding_create(bijeenkomst=tweede, user=helper)
    services.aanmelding_cancel(bijeenkomst=tweede, user=helper)  # cancelled before: again

    uitkomst = services.reeks_aanmelden(activiteit=reeks, user=helper)

    assert [k.pk for k in uitkomst.wachtlijst] == [derde.pk]
    assert len(uitkomst.aangemeld) == 8 and uitkomst.al == 0
    assert status(tweede, helper) == S.AANGEMELD and status(derde, helper) == S.WACHTLIJST
    assert all(status(keer, helper) == S.AANGEMELD for keer in rest)
    melding = Melding.objects.filter(ontvanger=helper, soort="activiteit_aanmelding").latest("pk")
    assert "Aantal keren: 9" in melding.titel
    assert "dinsdag 19 maart, 10:00–11:30" in melding.tekst  # the full one, the house way
    # Again: nothing changes, nobody is told twice.
    nog_eens = services.reeks_aanmelden(activiteit=reeks, user=helper)
    assert (nog_eens.aangemeld, nog_eens.wachtlijst, nog_eens.al) == ([], [], 9)
    assert Melding.objects.filter(ontvanger=helper, soort="activiteit_aanmelding").count() == 2


def test_past_and_cancelled_meetings_are_left_alone(reeks, organisator, bewoner, klok):
    eerste, tweede, *rest = keren(reeks)
    services.bijeenkomst_cancel(bijeenkomst=tweede, door=organisator, reden="Regen")
    klok.move_to(op(2, 12))  # after the first

    uitkomst = services.reeks_aanmelden(activiteit=reeks, user=bewoner)

    assert len(uitkomst.aangemeld) == 7
    assert not Aanmelding.objects.filter(bijeenkomst__in=[eerste, tweede]).exists()


def test_the_same_rules_as_for_one_meeting(reeks, groep, bewoner):
    zonder = UserFactory(profiel__toestemming_op=None)
    with pytest.raises(ValidationError, match="toestemming"):
        services.reeks_aanmelden(activiteit=reeks, user=zonder)
    Initiatief.objects.filter(pk=groep.pk).update(status=Initiatief.Status.GEPAUZEERD)
    reeks.initiatief.refresh_from_db()
    with pytest.raises(ValidationError, match="niet actief"):
        services.reeks_aanmelden(activiteit=reeks, user=bewoner)
    assert not Aanmelding.objects.exists()


def test_signing_up_takes_the_same_number_of_queries_for_3_or_9_meetings(
    groep, organisator, bewoner
):
    kort = wekelijks(groep, organisator, titel="Kort", tot_en_met=op(15, 10).date())
    lang = wekelijks(groep, organisator, titel="Lang")
    assert len(keren(kort)) == 3 and len(keren(lang)) == 9
    assert bewoner.profiel.heeft_toestemming  # read once, as a request reads it
    with CaptureQueriesContext(connection) as drie:
        services.reeks_aanmelden(activiteit=kort, user=bewoner)
    with CaptureQueriesContext(connection) as negen:
        services.reeks_aanmelden(activiteit=lang, user=bewoner)
    assert len(drie.captured_queries) == len(negen.captured_queries)
    with CaptureQueriesContext(connection) as af_drie:
        services.reeks_afmelden(activiteit=kort, user=bewoner)
    with CaptureQueriesContext(connection) as af_negen:
        services.reeks_afmelden(activiteit=lang, user=bewoner)
    assert len(af_drie.captured_queries) == len(af_negen.captured_queries)


def test_cancelling_all_moves_each_waiting_list_up_and_tells_them(reeks, bewoner, helper):
    eerste, tweede, *_rest = keren(reeks)
    services.reeks_aanmelden(activiteit=reeks, user=bewoner)
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())  # the first is full now
    services.aanmelding_create(bijeenkomst=eerste, user=helper)  # waiting
    services.aanmelding_create(bijeenkomst=tweede, user=helper)

    uitkomst = services.reeks_afmelden(activiteit=reeks, user=bewoner)

    assert uitkomst.afgemeld == 9
    assert not Aanmelding.objects.filter(user=bewoner).exclude(status=S.AFGEMELD).exists()
    assert status(eerste, helper) == S.AANGEMELD
    melding = Melding.objects.get(ontvanger=helper, soort="activiteit_doorgeschoven")
    assert melding.url == eerste.get_absolute_url()
    with pytest.raises(ValidationError, match="geen van de komende keren"):
        services.reeks_afmelden(activiteit=reeks, user=bewoner)


# --- the pages ---------------------------------------------------------------------------------


def test_the_buttons_on_the_activity_and_meeting_pages(client, client_for, reeks, bewoner):
    keer = keren(reeks)[0]
    anoniem = inhoud(client.get(reeks.get_absolute_url()))
    assert "Log in om je voor alle keren tegelijk aan te melden." in anoniem
    pagina = client_for(bewoner)
    for url in (reeks.get_absolute_url(), keer.get_absolute_url()):
        tekst = inhoud(pagina.get(url))
        assert "Aanmelden voor alle komende keren" in tekst
        assert "Afmelden voor alle komende keren" not in tekst
    services.reeks_aanmelden(activiteit=reeks, user=bewoner)
    tekst = inhoud(pagina.get(keer.get_absolute_url()))
    assert "Afmelden voor alle komende keren" in tekst
    assert "Aanmelden voor alle komende keren" not in tekst


def test_a_one_off_meeting_has_no_series_buttons(client_for, groep, organisator, bewoner):
    een = services.activiteit_create(
        initiatief=groep, door=organisator, titel="Picknick", begin=op(5, 12), einde=op(5, 14)
    )
    tekst = inhoud(client_for(bewoner).get(een.get_absolute_url()))
    assert "alle komende keren" not in tekst


def test_signing_up_through_the_page_names_the_full_days(client_for, reeks, bewoner):
    derde = keren(reeks)[2]
    for user in (UserFactory(), UserFactory()):
        services.aanmelding_create(bijeenkomst=derde, user=user)
    url = reverse("initiatieven:reeks_aanmelden", args=[reeks.pk])
    terug = keren(reeks)[0].get_absolute_url()

    response = client_for(bewoner).post(url, {"terug": terug}, follow=True)

    assert response.redirect_chain[-1][0] == terug
    assert berichten(response) == [
        "Je bent aangemeld voor 8 keer. Tot dan!",
        "Deze keren waren vol: dinsdag 19 maart, 10:00. Daar sta je op de wachtlijst. Komt er "
        "een plek vrij, dan hoor je het meteen.",
    ]
    response = client_for(bewoner).post(
        reverse("initiatieven:reeks_afmelden", args=[reeks.pk]), {"terug": "https://example.com/"}
    )
    assert response["Location"] == reeks.get_absolute_url()  # never to another site
    for raar in ("2030-02-31", "%00", "/bestaat/niet/", "//example.com/x", "/\x00"):
        services.reeks_aanmelden(activiteit=reeks, user=bewoner)
        response = client_for(bewoner).post(
            reverse("initiatieven:reeks_afmelden", args=[reeks.pk]), {"terug": raar}
        )
        assert response["Location"] == reeks.get_absolute_url(), raar
    assert not Aanmelding.objects.filter(user=bewoner, status__in=Aanmelding.ACTIEF).exists()


def test_who_may_not_sign_up_for_a_series(client, client_for, organisator, bewoner, outsider):
    wachtend = services.initiatief_create(
        door=organisator, naam="Nieuw", beschrijving="Nieuw.", thema="leren"
    )
    reeks = wekelijks(wachtend, organisator)
    url = reverse("initiatieven:reeks_aanmelden", args=[reeks.pk])
    assert client.post(url).status_code == 302  # to log in
    assert client_for(outsider).post(url).status_code == 404  # waits for approval: not seen
    assert not Aanmelding.objects.exists()
    assert client_for(bewoner).get(url).status_code == 405


def test_the_activity_page_takes_the_same_queries_with_few_or_many_sign_ups(
    client_for, reeks, bewoner, django_assert_num_queries
):
    pagina = client_for(bewoner)
    services.aanmelding_create(bijeenkomst=keren(reeks)[0], user=bewoner)
    with CaptureQueriesContext(connection) as een:
        pagina.get(reeks.get_absolute_url())
    services.reeks_aanmelden(activiteit=reeks, user=bewoner)
    for user in (UserFactory(), UserFactory()):
        services.reeks_aanmelden(activiteit=reeks, user=user)
    with django_assert_num_queries(len(een.captured_queries)):
        pagina.get(reeks.get_absolute_url())


# --- one meeting in a calendar -----------------------------------------------------------------


def test_a_meeting_page_links_its_own_ics(client, reeks):
    keer = keren(reeks)[1]
    ics = reverse("initiatieven:bijeenkomst_ics", args=[keer.pk])
    assert ics in inhoud(client.get(keer.get_absolute_url()))

    response = client.get(ics)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert 'filename="bijeenkomst-' in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["UID"]).startswith(f"bijeenkomst-{keer.pk}@")
    assert str(events[0]["SUMMARY"]) == "Wandelen"


def test_no_ics_of_an_initiative_that_is_not_public(client, client_for, organisator):
    wachtend = services.initiatief_create(
        door=organisator, naam="Nieuw", beschrijving="Nieuw.", thema="leren"
    )
    keer = keren(wekelijks(wachtend, organisator))[0]
    ics = reverse("initiatieven:bijeenkomst_ics", args=[keer.pk])
    assert client.get(ics).status_code == 404
    assert ics not in inhoud(client_for(organisator).get(keer.get_absolute_url()))


def test_a_single_sign_up_notice_says_the_day_the_house_way(reeks, bewoner):
    services.aanmelding_create(bijeenkomst=keren(reeks)[0], user=bewoner)
    melding = Melding.objects.get(ontvanger=bewoner, soort="activiteit_aanmelding")
    assert melding.titel == "Je bent aangemeld voor Wandelen op dinsdag 5 maart, 10:00–11:30"
