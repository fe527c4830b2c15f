"""The report page and its CSV exports: access, suppression, what is shown, query count."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bewoners.roles import Rol
from bewoners.tests.factories import UserFactory
from hulpvragen.tests.factories import HulpvraagFactory
from rapportages.forms import vaste_periode
from rapportages.tests.test_cijfers import bouw_data
from rapportages.weergave import Aantal, Tabel, toon

# Every test here uses the database, also where a persona fixture is looked up by name
# (pytest-django orders tests by their markers; an unmarked one runs after the
# transactional tests, which empty the role groups).
pytestmark = pytest.mark.django_db

URL = reverse("rapportages:rapport")
MAART = {"periode": "zelf", "van": "2026-03-01", "tot": "2026-03-31"}


@pytest.mark.parametrize(
    ("n", "getoond"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (123, "123"), (None, "—")]
)
def test_toon_verbergt_kleine_aantallen(n, getoond):
    assert toon(n) == getoond


def test_tabel_toont_aantallen_via_toon_en_tekst_zoals_hij_is():
    tabel = Tabel("t", "T", ["a", "b", "c"], [["Rij", Aantal(3), "3,5"]])
    assert tabel.cellen() == [["Rij", "<5", "3,5"]]


def test_vaste_periodes():
    vandaag = date(2026, 5, 20)
    assert vaste_periode("deze_maand", vandaag) == (date(2026, 5, 1), date(2026, 6, 1))
    assert vaste_periode("vorige_maand", vandaag) == (date(2026, 4, 1), date(2026, 5, 1))
    assert vaste_periode("vorig_kwartaal", vandaag) == (date(2026, 1, 1), date(2026, 4, 1))
    assert vaste_periode("vorig_kwartaal", date(2026, 2, 3)) == (
        date(2025, 10, 1),
        date(2026, 1, 1),
    )
    assert vaste_periode("dit_jaar", vandaag) == (date(2026, 1, 1), date(2027, 1, 1))


def test_anoniem_moet_inloggen(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("persona", ["bewoner", "buurtassistent", "helper"])
def test_bewoners_en_buurtassistenten_krijgen_403(request, client_for, persona):
    gebruiker = request.getfixturevalue(persona)
    assert client_for(gebruiker).get(URL).status_code == 403
    assert client_for(gebruiker).get(URL, {"format": "csv", "tabel": "hulp"}).status_code == 403


@pytest.mark.parametrize("persona", ["bestuurslid", "beheerder"])
def test_bestuur_en_beheerder_zien_de_rapportage(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    inhoud = response.content.decode()
    for kop in ("Hulp", "Meedoen", "Ruimtes", "Coördinatie"):
        assert f">{kop}</h2>" in inhoud
    assert '<th scope="col"' in inhoud
    assert "<caption>" in inhoud
    assert "<svg" in inhoud
    assert "<script" not in inhoud.split('id="main"')[1].split("</main>")[0]
    assert " style=" not in inhoud


def _maak_hulpvragen(aantal, buurt):
    aanvrager = UserFactory(profiel__buurt=buurt)
    for dag in range(aantal):
        HulpvraagFactory(
            aanvrager=aanvrager,
            aangemaakt_op=f"2026-03-{dag % 28 + 1:02d}T10:00:00+01:00",
        )


def _csv(response):
    tekst = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_kleine_aantallen_op_de_pagina_en_in_de_csv(client_for, bestuurslid, buurt):
    _maak_hulpvragen(3, buurt)
    client = client_for(bestuurslid)
    pagina = client.get(URL, MAART).content.decode()
    assert '<th scope="row">Nieuwe hulpvragen</th><td class="getal">&lt;5</td>' in pagina
    rijen = _csv(client.get(URL, {**MAART, "format": "csv", "tabel": "hulp"}))
    assert rijen[0] == ["Cijfer", "Waarde"]
    assert ["Nieuwe hulpvragen", "<5"] in rijen
    assert ["Deel van de nieuwe hulpvragen met een match", "te weinig"] in rijen


def test_csv_heeft_dezelfde_getallen_als_de_pagina(client_for, bestuurslid, buurt):
    _maak_hulpvragen(7, buurt)
    client = client_for(bestuurslid)
    pagina = client.get(URL, MAART).content.decode()
    assert '<th scope="row">Nieuwe hulpvragen</th><td class="getal">7</td>' in pagina
    response = client.get(URL, {**MAART, "format": "csv", "tabel": "hulp"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert ["Nieuwe hulpvragen", "7"] in _csv(response)
    trend = _csv(client.get(URL, {**MAART, "format": "csv", "tabel": "trend"}))
    assert trend == [["Maand", "Nieuw", "Gematcht"], ["maart 2026", "7", "0"]]


def test_elke_tabel_is_te_downloaden(client_for, bestuurslid):
    client = client_for(bestuurslid)
    for tabel in (
        "hulp",
        "trend",
        "hulp_categorie",
        "hulp_buurt",
        "meedoen",
        "accommodaties",
        "coordinatie",
        "doorverwijzingen",
    ):
        response = client.get(URL, {**MAART, "format": "csv", "tabel": tabel})
        assert response.status_code == 200, tabel
    assert client.get(URL, {**MAART, "format": "csv", "tabel": "bestaat-niet"}).status_code == 404


def test_foute_invoer_geeft_een_melding(client_for, bestuurslid):
    client = client_for(bestuurslid)
    response = client.get(URL, {"periode": "zelf", "van": "2026-03-10"})
    assert response.status_code == 400
    assert "Vul bij" in response.content.decode()
    response = client.get(URL, {"periode": "zelf", "van": "2026-03-10", "tot": "2026-03-01"})
    assert response.status_code == 400
    assert client.get(URL, {"periode": "onzin"}).status_code == 400


def test_een_buurt_kiezen(client_for, bestuurslid, buurt, andere_buurt):
    _maak_hulpvragen(6, buurt)
    client = client_for(bestuurslid)
    inhoud = client.get(URL, {**MAART, "buurt": andere_buurt.pk}).content.decode()
    assert '<th scope="row">Nieuwe hulpvragen</th><td class="getal">0</td>' in inhoud
    assert "Buurt: Nieuwland." in inhoud


def test_bestuurslid_zonder_tweede_stap_moet_die_eerst_instellen(client_for, db):
    zonder_mfa = UserFactory(rollen=[Rol.BESTUUR])
    response = client_for(zonder_mfa).get(URL)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def _tel_queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_aantal_queries_groeit_niet_mee_met_de_data(client_for, bestuurslid, buurt, andere_buurt):
    """The same number of queries with one request as with the full data set and 40 more."""
    client = client_for(bestuurslid)
    client.get(URL, MAART)  # the session and the roles are read once

    _maak_hulpvragen(1, buurt)
    weinig = _tel_queries(client, MAART)
    bouw_data(buurt, andere_buurt)
    _maak_hulpvragen(40, buurt)
    veel = _tel_queries(client, MAART)
    assert weinig == veel
    assert veel <= 30, veel


def test_ruimtes_op_de_pagina_en_in_de_csv(client_for, bestuurslid, buurt, andere_buurt):
    bouw_data(buurt, andere_buurt)
    client = client_for(bestuurslid)
    pagina = client.get(URL, MAART).content.decode()
    rij = ["Buurthuis", "<5", "<5", "<5", "<5", "3,5", "176,0", "2,0%"]
    html = '<th scope="row">Buurthuis</th>' + "".join(
        f'<td class="getal">{cel.replace("<", "&lt;")}</td>' for cel in rij[1:]
    )
    assert html in pagina
    rijen = _csv(client.get(URL, {**MAART, "format": "csv", "tabel": "accommodaties"}))
    assert rij in rijen
    assert ["Tuin", "0", "0", "0", "0", "0,0", "0,0", "—"] in rijen


def test_the_menu_links_the_report_for_the_board_only(client_for, bestuurslid, bewoner):
    from django.urls import reverse

    url = reverse("rapportages:rapport")
    assert (
        f'href="{url}"' in client_for(bestuurslid).get(reverse("bewoners:start")).content.decode()
    )
    assert (
        f'href="{url}"' not in client_for(bewoner).get(reverse("bewoners:start")).content.decode()
    )
