"""An agreed help seen from the request page: the helper's contact data (issue 15, 4b)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from hulpvragen.models import Hulpvraag
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
