"""The preferences page shows the kinds that concern the person, grouped (issue 15, point 7)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodaties.tests.factories import AccommodatieFactory
from initiatieven.tests.factories import InitiatiefFactory
from meldingen import services, soorten
from meldingen.models import Kanaal, Melding, Voorkeur

pytestmark = pytest.mark.django_db

VOORKEUREN = reverse("meldingen:preferences")
ESCALATIE = "Hulpvraag zonder helper"
AANVRAAG_RUIMTE = "Nieuwe aanvraag voor een ruimte die jij beheert"
KAN_NIET_UIT = "Deze melding kun je niet uitzetten"


def koppen(html: str) -> list[str]:
    return re.findall(r'<h2 id="groep-[a-z]+">([^<]+)</h2>', html)


def velden(html: str) -> set[str]:
    return set(re.findall(r'name="kanaal_([a-z_]+)"', html))


def alles_standaard(user) -> dict:
    return {f"kanaal_{s.code}": s.standaard for s in soorten.voor_persoon(user)}


def test_a_resident_sees_the_resident_kinds_under_plain_headings(client_for, bewoner):
    html = client_for(bewoner).get(VOORKEUREN).content.decode()

    assert koppen(html)[:2] == ["Hulp", "Ruimtes"]
    assert "Algemeen" in koppen(html) and "Coördinatie" not in koppen(html)
    assert {"hulp_voorstel", "hulp_geannuleerd", "reservering_besluit", "welkom"} <= velden(html)
    assert "hulp_escalatie" not in velden(html) and ESCALATIE not in html
    assert "reservering_aanvraag" not in velden(html) and AANVRAAG_RUIMTE not in html
    assert "(verplicht)" not in html
    assert "Als een hulpvraag goed past bij wat jij aanbiedt." in html  # when it comes


def test_a_buurtassistent_also_sees_the_coordination_kinds(client_for, buurtassistent):
    html = client_for(buurtassistent).get(VOORKEUREN).content.decode()

    assert "Coördinatie" in koppen(html)
    assert "hulp_escalatie" in velden(html)
    assert "Als een hulpvraag in jouw buurt te lang op een helper wacht." in html
    assert "hulp_voorstel" in velden(html)  # a resident too


def test_a_keeper_sees_the_requests_for_their_room(client_for, bewoner):
    AccommodatieFactory(beheerders=[bewoner])
    html = client_for(bewoner).get(VOORKEUREN).content.decode()
    assert "reservering_aanvraag" in velden(html)
    assert "hulp_escalatie" not in velden(html)


def test_an_organiser_sees_requests_to_join(client_for, bewoner, helper):
    InitiatiefFactory(organisatoren=[bewoner])
    assert "initiatief_lid_aanvraag" in velden(client_for(bewoner).get(VOORKEUREN).content.decode())
    assert "initiatief_lid_aanvraag" not in velden(
        client_for(helper).get(VOORKEUREN).content.decode()
    )


def test_a_kind_that_cannot_be_switched_off_says_so_once_and_offers_no_off(client_for, bewoner):
    html = client_for(bewoner).get(VOORKEUREN).content.decode()

    blok = html[html.index('name="kanaal_hulp_geannuleerd"') - 2000 :]
    blok = blok[: blok.index("</fieldset>")]
    assert blok.count(KAN_NIET_UIT) == 1
    assert 'name="kanaal_hulp_geannuleerd" value="uit"' not in html
    assert 'name="kanaal_hulp_voorstel" value="uit"' in html
    assert html.count(KAN_NIET_UIT) == sum(
        1 for s in soorten.voor_persoon(bewoner) if not s.kan_uit
    )


def test_off_is_refused_for_a_kind_that_cannot_be_switched_off(client_for, bewoner):
    data = {**alles_standaard(bewoner), "kanaal_hulp_geannuleerd": "uit"}
    response = client_for(bewoner).post(VOORKEUREN, data)

    assert response.status_code == 200
    assert "Kies een van de mogelijkheden hieronder." in response.content.decode()
    assert not Voorkeur.objects.filter(user=bewoner).exists()


def test_an_old_off_for_such_a_kind_still_brings_it_on_the_website(bewoner):
    Voorkeur.objects.create(user=bewoner, soort="hulp_geannuleerd", kanaal=Kanaal.UIT)

    melding = services.melding_send(bewoner, "hulp_geannuleerd", titel="Gaat niet door")
    [bulk] = services.melding_send_many([bewoner], "hulp_geannuleerd", titel="Gaat niet door")

    assert melding is not None and melding.in_inbox and not melding.email_gewenst
    assert not bulk.email_gewenst
    assert Melding.objects.filter(ontvanger=bewoner).count() == 2


def test_saving_keeps_the_preferences_of_kinds_not_shown(client_for, bewoner):
    Voorkeur.objects.create(user=bewoner, soort="hulp_escalatie", kanaal=Kanaal.UIT)
    Voorkeur.objects.create(user=bewoner, soort="reservering_aanvraag", kanaal=Kanaal.IN_APP)
    data = {
        **alles_standaard(bewoner),
        "kanaal_hulp_voorstel": "in_app",
        "kanaal_hulp_escalatie": "email",  # not shown to a resident: ignored
    }

    response = client_for(bewoner).post(VOORKEUREN, data)

    assert response.status_code == 302
    assert dict(Voorkeur.objects.filter(user=bewoner).values_list("soort", "kanaal")) == {
        "hulp_escalatie": "uit",
        "reservering_aanvraag": "in_app",
        "hulp_voorstel": "in_app",
    }


def test_a_buurtassistent_saves_a_coordination_kind(client_for, buurtassistent):
    data = {**alles_standaard(buurtassistent), "kanaal_hulp_escalatie": "in_app"}
    assert client_for(buurtassistent).post(VOORKEUREN, data).status_code == 302
    assert Voorkeur.objects.get(user=buurtassistent, soort="hulp_escalatie").kanaal == "in_app"


@pytest.mark.parametrize("persoon", ["bewoner", "buurtassistent"])
def test_the_page_runs_a_fixed_number_of_queries(client_for, request, persoon):
    user = request.getfixturevalue(persoon)
    client = client_for(user)
    client.get(VOORKEUREN)
    with CaptureQueriesContext(connection) as zonder:
        client.get(VOORKEUREN)
    for soort in soorten.voor_persoon(user):
        Voorkeur.objects.create(user=user, soort=soort.code, kanaal=Kanaal.IN_APP)
    with CaptureQueriesContext(connection) as met:
        client.get(VOORKEUREN)
    assert len(met) == len(zonder)
