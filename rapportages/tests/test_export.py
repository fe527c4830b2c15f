"""The XLSX export: it opens with openpyxl, has the same numbers as the page, hides small counts
and is refused to residents and buurtassistenten."""

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from rapportages import weergave
from rapportages.exports import celwaarde
from rapportages.tests.test_cijfers import MAART, NU, bouw_data

# Every test here uses the database, also where a persona fixture is looked up by name
# (pytest-django orders tests by their markers; an unmarked one runs after the
# transactional tests, which empty the role groups).
pytestmark = pytest.mark.django_db

URL = reverse("rapportages:xlsx")
RAPPORT = reverse("rapportages:rapport")
MAART_GET = {"periode": "zelf", "van": "2026-03-01", "tot": "2026-03-31"}


def _als_tekst(cel) -> str:
    """A cell of the sheet written the way the page writes it (Dutch)."""
    waarde = cel.value
    if isinstance(waarde, bool) or waarde is None:
        return str(waarde)
    if isinstance(waarde, int | float):
        formaat = cel.number_format
        decimalen = len(formaat.split(".", 1)[1].rstrip("%")) if "." in formaat else 0
        if formaat.endswith("%"):
            return f"{waarde * 100:.{decimalen}f}".replace(".", ",") + "%"
        return f"{waarde:.{decimalen}f}".replace(".", ",")
    return waarde


@pytest.fixture
def maart(db, buurt, andere_buurt):
    bouw_data(buurt, andere_buurt)
    with time_machine.travel(NU, tick=False):
        yield


def _download(client, params=MAART_GET):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def test_xlsx_opent_en_heeft_dezelfde_getallen_als_de_pagina(client_for, bestuurslid, maart):
    client = client_for(bestuurslid)
    response, boek = _download(client)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        'filename="rapportage-2026-03-01-tot-en-met-2026-03-31.xlsx"'
        in response["Content-Disposition"]
    )

    tabellen = [t for s in weergave.tabellen(MAART) for t in s.tabellen]
    assert len(boek.sheetnames) == 1 + len(tabellen)
    for naam, tabel in zip(boek.sheetnames[1:], tabellen, strict=True):
        blad = boek[naam]
        assert naam == tabel.titel[:31]
        rijen = list(blad.iter_rows())
        assert [c.value for c in rijen[0]] == tabel.kolommen, naam
        assert [[_als_tekst(c) for c in rij] for rij in rijen[1:]] == tabel.cellen(), naam

    # The page shows the same cells.
    pagina = client.get(RAPPORT, MAART_GET).content.decode()
    blad = {r[0]: r[1] for r in boek["Hulpvragen in deze periode"].iter_rows(values_only=True)}
    assert blad["Hulpvragen gematcht"] == 5
    assert '<th scope="row">Hulpvragen gematcht</th><td class="getal">5</td>' in pagina
    # 6 new requests: 1 Administratie ("<5") and 5 Vervoer, so the 6 is hidden ("x") too.
    assert blad["Nieuwe hulpvragen"] == "x"
    assert '<th scope="row">Nieuwe hulpvragen</th><td class="getal">x</td>' in pagina
    assert blad["Gegeven uren hulp"] == pytest.approx(2.5)
    assert '<th scope="row">Gegeven uren hulp</th><td class="getal">2,5</td>' in pagina


def test_getallen_als_getal_en_kleine_aantallen_als_tekst(client_for, bestuurslid, maart):
    _response, boek = _download(client_for(bestuurslid))
    hulp = {r[0]: r[1] for r in boek["Hulpvragen in deze periode"].iter_rows(values_only=True)}
    assert hulp["Hulpvragen gematcht"] == 5
    assert isinstance(hulp["Hulpvragen gematcht"], int)
    assert hulp["Hulpvragen afgerond"] == "<5"  # 1 in the data set
    assert hulp["Nieuwe hulpvragen"] == "x"  # beside a small part (see above)
    # 4 of 6 matched: the 4 and the 2 without a match are small, so the share is hidden.
    assert hulp["Deel van de nieuwe hulpvragen met een match"] == "x"
    assert hulp["Tijd tot eerste voorstel, mediaan (uren)"] == pytest.approx(3.0)
    ruimtes = list(boek["Gebruik van ruimtes"].iter_rows(values_only=True))
    buurthuis = next(r for r in ruimtes if r[0] == "Buurthuis")
    assert buurthuis[1] == "<5"  # two bookings
    assert buurthuis[7] == pytest.approx(0.020)  # 3,5 of 176 opening hours: "2,0%" on the page
    # No whole count from 1 to 4 anywhere (a decimal like 3,0 hours reads back as 3, so only
    # cells without decimals count here).
    aantallen = [
        c.value
        for blad in boek.worksheets[1:]
        for r in blad.iter_rows()
        for c in r
        if isinstance(c.value, int) and c.number_format == "0"
    ]
    assert aantallen
    assert not [n for n in aantallen if 0 < n < 5]


def test_eerste_blad_noemt_periode_buurt_en_de_regel_voor_kleine_aantallen(
    client_for, bestuurslid, buurt, maart
):
    _response, boek = _download(client_for(bestuurslid), {**MAART_GET, "buurt": buurt.pk})
    info = boek.worksheets[0]
    waarden = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    assert waarden["Periode van"] == "1 maart 2026"
    assert waarden["Periode tot en met"] == "31 maart 2026"
    assert waarden["Buurt"] == "Oud-Zuid"
    assert "<5" in waarden["Let op"]


def test_celwaarde():
    assert celwaarde(weergave.Aantal(0), "0") == 0
    assert celwaarde(weergave.Aantal(3), "<5") == "<5"
    assert celwaarde(weergave.Aantal(7), "x") == "x"
    assert celwaarde(weergave.Aantal(12), "12") == 12
    assert celwaarde("2,5", "2,5") == 2.5
    assert celwaarde("12%", "12%") == pytest.approx(0.12)
    assert celwaarde("te weinig", "te weinig") == "te weinig"
    assert celwaarde("—", "—") == "—"


def test_anoniem_moet_inloggen(client, db):
    response = client.get(URL)
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["bewoner", "buurtassistent", "helper"])
def test_bewoners_en_buurtassistenten_krijgen_403(request, client_for, persona):
    gebruiker = request.getfixturevalue(persona)
    assert client_for(gebruiker).get(URL, MAART_GET).status_code == 403


def test_beheerder_mag_downloaden(client_for, beheerder):
    _response, boek = _download(client_for(beheerder))
    assert len(boek.sheetnames) > 1


def test_foute_periode_geeft_400(client_for, bestuurslid):
    response = client_for(bestuurslid).get(URL, {"periode": "zelf", "van": "2026-03-10"})
    assert response.status_code == 400
