"""The agenda's page of meetings and its filter form are kept rendered under what they show
(``wijk.lib.fragmenten``): every change shows at once, and the HTML is that of a fresh render."""

from datetime import timedelta

import pytest
from django.urls import reverse

from bewoners.tests.factories import BuurtFactory, UserFactory
from initiatieven import services
from initiatieven.models import Initiatief
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import op, wekelijks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

AGENDA = reverse("initiatieven:agenda")


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf", email="olaf@example.org")


@pytest.fixture
def wandelgroep(organisator, buurt):
    groep = InitiatiefFactory(naam="Wandelgroep De Linde", organisatoren=[organisator])
    groep.buurten.add(buurt)
    return groep


@pytest.fixture
def wandelen(wandelgroep, organisator):
    """Every Tuesday from 5 March, 2 places."""
    return wekelijks(wandelgroep, organisator, tot_en_met=op(14, 0).date())


def pagina(client, **params) -> str:
    response = client.get(AGENDA, params)
    assert response.status_code == 200
    return response.content.decode()


def gerenderd(response) -> list[str]:
    return [t.name for t in response.templates]


def test_the_second_request_comes_from_the_cache_and_is_the_same(client, wandelen):
    eerste = client.get(AGENDA)
    assert "initiatieven/_agenda_lijst.html" in gerenderd(eerste)
    assert "initiatieven/_filter_velden.html" in gerenderd(eerste)
    tweede = client.get(AGENDA)
    assert "initiatieven/_agenda_lijst.html" not in gerenderd(tweede)
    assert "initiatieven/_filter_velden.html" not in gerenderd(tweede)
    # The same page (from the filter form on: the layout above has a nonce of its own).
    assert (
        tweede.content.split(b'id="filters-kop"')[1] == eerste.content.split(b'id="filters-kop"')[1]
    )
    deel = client.get(AGENDA, HTTP_HX_REQUEST="true")
    assert deel.content.decode().lstrip().startswith('<section id="agenda-lijst"')
    assert "initiatieven/_agenda_lijst.html" not in gerenderd(deel)


def test_a_sign_up_changes_the_places_left_at_once(client, wandelen):
    assert "Nog 2 plekken vrij" in pagina(client)
    eerste = wandelen.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())
    assert "Nog 1 plek vrij" in pagina(client)
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())
    services.aanmelding_create(bijeenkomst=eerste, user=UserFactory())  # on the waiting list
    assert "Vol · 1 op de wachtlijst" in pagina(client)


def test_new_names_a_moved_or_cancelled_meeting_show_at_once(
    client, wandelen, wandelgroep, organisator
):
    assert "Wandelgroep De Linde" in pagina(client)
    Initiatief.objects.filter(pk=wandelgroep.pk).update(naam="Wandelclub De Linde")
    wandelen.__class__.objects.filter(pk=wandelen.pk).update(titel="Stevig wandelen")
    inhoud = pagina(client)
    assert "Wandelclub De Linde" in inhoud and "Stevig wandelen" in inhoud

    eerste, tweede = wandelen.bijeenkomsten.order_by("begin")[:2]
    services.bijeenkomst_move(
        bijeenkomst=eerste, door=organisator, begin=op(1, 14), einde=op(1, 15)
    )
    assert "Verplaatst" in pagina(client)
    services.bijeenkomst_cancel(bijeenkomst=tweede, door=organisator, reden="Storm")
    assert f"/bijeenkomsten/{tweede.pk}/" not in pagina(client)


def test_the_filter_form_shows_a_new_neighbourhood_and_what_was_asked(client, wandelen, buurt):
    assert "Vogelwijk" not in pagina(client)
    BuurtFactory(naam="Vogelwijk")
    assert "Vogelwijk" in pagina(client)

    gekozen = pagina(client, buurt=buurt.pk)
    assert f'<option value="{buurt.pk}" selected>' in gekozen
    assert f'<option value="{buurt.pk}" selected>' not in pagina(client)
    fout = pagina(client, van="gisteren")
    assert "Vul een datum in" in fout
    assert "Vul een datum in" not in pagina(client)


def test_next_year_shows_its_year_when_the_year_turns(client, wandelen, klok):
    assert "dinsdag 5 maart" in pagina(client)
    assert "2030" not in pagina(client).split('id="agenda-lijst"')[1].split("Pagina")[0]
    klok.move_to(op(0, 9) - timedelta(days=365))  # a year earlier: the dates are next year's
    assert "dinsdag 5 maart 2030" in pagina(client)
