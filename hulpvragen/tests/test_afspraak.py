"""An agreed help: the helper's contact data on the request page (issue 15, 4b) and the help
as a calendar entry (4c)."""

from datetime import UTC, date, datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory

pytestmark = pytest.mark.django_db

TELEFOON_HELPER = "06 11122233"
ADRES_HELPER = "Lindelaan 99"


@pytest.fixture
def henk(helper):
    profiel = helper.profiel
    profiel.telefoon = TELEFOON_HELPER
    profiel.adres = ADRES_HELPER
    profiel.save()
    return helper


@pytest.fixture
def hulpvraag(bewoner):
    return HulpvraagFactory(aanvrager=bewoner, titel="Naar de tandarts")


def pagina(client, hulpvraag) -> str:
    return client.get(reverse("hulpvragen:hulpvraag_detail", args=[hulpvraag.pk])).content.decode()


@pytest.mark.parametrize("status", ["geaccepteerd", "afgerond"])
def test_the_requester_sees_the_helpers_phone_and_email_not_the_address(
    client_for, bewoner, henk, hulpvraag, status
):
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=Hulpvraag.Status.GEMATCHT)
    MatchFactory(hulpvraag=hulpvraag, helper=henk, **{status: True})

    html = pagina(client_for(bewoner), hulpvraag)

    assert "Je helper: Henk de Vries" in html
    assert f'href="tel:{TELEFOON_HELPER}"' in html
    assert f"mailto:{henk.email}" in html
    assert ADRES_HELPER not in html


@pytest.mark.parametrize("status", ["voorgesteld", "afgewezen", "geannuleerd"])
def test_no_contact_data_without_an_agreement(client_for, bewoner, henk, hulpvraag, status):
    MatchFactory(hulpvraag=hulpvraag, helper=henk, status=status)

    html = pagina(client_for(bewoner), hulpvraag)

    assert "Je helper:" not in html
    assert TELEFOON_HELPER not in html
    assert henk.email not in html


def test_others_do_not_see_the_helpers_contact_data(client_for, bewoner, henk, hulpvraag):
    MatchFactory(hulpvraag=hulpvraag, helper=henk, geaccepteerd=True)
    andere_helper = UserFactory()
    MatchFactory(hulpvraag=hulpvraag, helper=andere_helper, status="verlopen")

    for kijker in (UserFactory(), andere_helper):
        html = pagina(client_for(kijker), hulpvraag)
        assert TELEFOON_HELPER not in html
        assert henk.email not in html


def test_the_request_page_runs_a_fixed_number_of_queries(
    client_for, bewoner, hulpvraag, django_assert_max_num_queries
):
    client = client_for(bewoner)
    helpers = UserFactory.create_batch(6)
    MatchFactory(hulpvraag=hulpvraag, helper=helpers[0], geaccepteerd=True)
    pagina(client, hulpvraag)
    with CaptureQueriesContext(connection) as een:
        pagina(client, hulpvraag)
    for helper in helpers[1:]:
        MatchFactory(hulpvraag=hulpvraag, helper=helper, status="verlopen")
    with django_assert_max_num_queries(len(een)):
        pagina(client, hulpvraag)


# --- the agreed help as a calendar entry (issue 15, 4c) -----------------------------------------

PRIVE = "Sleutel onder de mat, Kastanjelaan 7"
ADRES_AANVRAGER = "Kastanjelaan 7"
TELEFOON_AANVRAGER = "06 98765432"


@pytest.fixture
def afspraak(bewoner, henk):
    """Agreed: Bep gets a lift on the 12th of the month after next, 10:00-12:00 local time."""
    profiel = bewoner.profiel
    profiel.adres = ADRES_AANVRAGER
    profiel.telefoon = TELEFOON_AANVRAGER
    profiel.save()
    hulpvraag = HulpvraagFactory(
        aanvrager=bewoner,
        titel="Naar de tandarts",
        prive_details=PRIVE,
        datum=date(2030, 7, 12),
        status=Hulpvraag.Status.GEMATCHT,
    )
    return MatchFactory(hulpvraag=hulpvraag, helper=henk, geaccepteerd=True)


def ics(client, match):
    return client.get(reverse("hulpvragen:match_ics", args=[match.pk]))


def events(response) -> list:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.parametrize(("kant", "ander"), [("bewoner", "Henk"), ("helper", "Bep")])
def test_both_sides_download_the_agreed_help(client_for, request, afspraak, kant, ander):
    response = ics(client_for(request.getfixturevalue(kant)), afspraak)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="hulp-{afspraak.pk}.ics"'
    [event] = events(response)
    assert str(event["summary"]) == "Hulp: Naar de tandarts"
    # 10:00-12:00 in Amsterdam is 08:00-10:00 UTC in summer.
    assert event.decoded("dtstart") == datetime(2030, 7, 12, 8, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2030, 7, 12, 10, 0, tzinfo=UTC)
    assert ander in str(event["description"])
    assert str(event["url"]).endswith(afspraak.get_absolute_url())


def test_the_entry_holds_no_address_phone_or_private_details(client_for, helper, afspraak):
    tekst = ics(client_for(helper), afspraak).content.decode()
    for geheim in (PRIVE, ADRES_AANVRAGER, TELEFOON_AANVRAGER, TELEFOON_HELPER, ADRES_HELPER):
        assert geheim not in tekst
    assert "LOCATION" not in tekst


def test_nobody_else_gets_the_entry(client_for, afspraak, outsider, buurtassistent):
    andere_helper = UserFactory()
    MatchFactory(hulpvraag=afspraak.hulpvraag, helper=andere_helper, status="verlopen")
    for kijker in (outsider, andere_helper, buurtassistent):
        assert ics(client_for(kijker), afspraak).status_code == 404


def test_anonymous_is_sent_to_login(client, afspraak):
    response = ics(client, afspraak)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("status", ["voorgesteld", "afgerond", "geannuleerd"])
def test_only_while_the_help_is_agreed(client_for, helper, afspraak, status):
    Match.objects.filter(pk=afspraak.pk).update(status=status)
    assert ics(client_for(helper), afspraak).status_code == 404


def test_a_flexible_request_has_no_entry_and_no_link(client_for, bewoner, helper):
    hulpvraag = HulpvraagFactory(aanvrager=bewoner, flexibel=True)
    match = MatchFactory(hulpvraag=hulpvraag, helper=helper, geaccepteerd=True)
    assert ics(client_for(helper), match).status_code == 404
    assert "agenda.ics" not in client_for(helper).get(match.get_absolute_url()).content.decode()


def test_the_match_page_and_the_request_page_link_to_the_entry(
    client_for, bewoner, helper, afspraak
):
    link = reverse("hulpvragen:match_ics", args=[afspraak.pk])
    assert link in client_for(helper).get(afspraak.get_absolute_url()).content.decode()
    assert link in client_for(bewoner).get(afspraak.get_absolute_url()).content.decode()
    assert link in pagina(client_for(bewoner), afspraak.hulpvraag)
