"""The maatschappelijke business case: exact totals on a known data set, the values the board
sets (bad input saves nothing), small counts hidden, and who may see and change it."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from bewoners.tests.factories import UserFactory
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from initiatieven.models import Aanmelding, Activiteit, Bijeenkomst
from initiatieven.tests.factories import InitiatiefFactory
from rapportages import businesscase
from rapportages.cijfers import Periode
from rapportages.models import Waardering
from rapportages.tests.gegevens import uur_bijeenkomst
from rapportages.tests.test_cijfers import bouw_data

# Every test here uses the database, also where a persona fixture is looked up by name
# (pytest-django orders tests by their markers; an unmarked one runs after the
# transactional tests, which empty the role groups).
pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 4, 15, 12, 0, tzinfo=TZ)
MAART = Periode(van=date(2026, 3, 1), tot=date(2026, 4, 1))
MAART_GET = {"periode": "zelf", "van": "2026-03-01", "tot": "2026-03-31"}
URL = reverse("rapportages:businesscase")
S = Waardering.Sleutel
UREN = ["2.50", "1.25", "3.00", "0.75", "2.00", "1.00"]  # 10.50 hours, 6 helps


def op(maand, dag, uur=10):
    return datetime(2026, maand, dag, uur, 0, tzinfo=TZ)


def bouw(buurt):
    """Six helps completed in March (10,5 hours), one in February; seven residents came to a
    meeting in March, two signed up but did not come, and one came to a cancelled meeting."""
    mensen = [UserFactory(profiel__buurt=buurt) for _ in range(10)]
    for i, uren in enumerate(UREN):
        vraag = HulpvraagFactory(
            aanvrager=mensen[i],
            aangemaakt_op=op(3, 1),
            status=Hulpvraag.Status.AFGEROND,
            gematcht_op=op(3, 2),
            afgerond_op=op(3, 3 + i),
        )
        MatchFactory(
            hulpvraag=vraag,
            helper=mensen[9],
            aangemaakt_op=op(3, 1, 12),
            status=Match.Status.AFGEROND,
            geaccepteerd_op=op(3, 2),
            afgerond_op=op(3, 3 + i),
            uren=Decimal(uren),
        )
    februari = HulpvraagFactory(aanvrager=mensen[0], aangemaakt_op=op(2, 1))
    MatchFactory(
        hulpvraag=februari,
        helper=mensen[9],
        aangemaakt_op=op(2, 1),
        status=Match.Status.AFGEROND,
        geaccepteerd_op=op(2, 2),
        afgerond_op=op(2, 3),
        uren=Decimal("4.00"),
    )

    initiatief = InitiatiefFactory()
    initiatief.buurten.add(buurt)

    def bijeenkomst(begin, status=Bijeenkomst.Status.GEPLAND):
        activiteit = Activiteit.objects.create(initiatief=initiatief, titel="Koffie")
        return uur_bijeenkomst(activiteit, begin, status)

    koffie = bijeenkomst(op(3, 10))
    for i, mens in enumerate(mensen[:9]):
        Aanmelding.objects.create(
            bijeenkomst=koffie, user=mens, status=Aanmelding.Status.AANGEMELD, aanwezig=i < 7
        )
    afgelast = bijeenkomst(op(3, 17), Bijeenkomst.Status.GEANNULEERD)
    Aanmelding.objects.create(
        bijeenkomst=afgelast, user=mensen[0], status=Aanmelding.Status.AANGEMELD, aanwezig=True
    )


def stel_in(**bedragen):
    for sleutel, (bedrag, toelichting) in bedragen.items():
        Waardering.objects.create(sleutel=sleutel, bedrag=Decimal(bedrag), toelichting=toelichting)


@pytest.fixture
def data(db, buurt):
    bouw(buurt)
    stel_in(
        vrijwilligersuur=("17.50", "Wat een uur hulp in de thuiszorg kost."),
        voorkomen_zorgcontact=("85.00", "Een bezoek aan de huisarts of het wijkteam."),
        activiteit_deelname=("12.40", "Minder eenzaamheid; schatting van de gemeente."),
    )


def test_volumes_en_totalen_precies(data):
    with time_machine.travel(NU, tick=False):
        zaak = businesscase.bereken(MAART)
    posten = {p.sleutel: p for p in zaak.posten}
    assert [p.sleutel for p in zaak.posten] == [
        S.VRIJWILLIGERSUUR,
        S.VOORKOMEN_ZORGCONTACT,
        S.ACTIVITEIT_DEELNAME,
    ]
    assert posten[S.VRIJWILLIGERSUUR].volume == Decimal("10.50")
    assert posten[S.VRIJWILLIGERSUUR].totaal == Decimal("183.75")  # 10,5 x 17,50
    assert posten[S.VOORKOMEN_ZORGCONTACT].volume == 6
    assert posten[S.VOORKOMEN_ZORGCONTACT].totaal == Decimal("510.00")  # 6 x 85
    assert posten[S.ACTIVITEIT_DEELNAME].volume == 7
    assert posten[S.ACTIVITEIT_DEELNAME].totaal == Decimal("86.80")  # 7 x 12,40
    assert zaak.totaal == Decimal("780.55")
    assert not zaak.totaal_verborgen
    assert zaak.compleet
    assert posten[S.ACTIVITEIT_DEELNAME].toelichting.startswith("Minder eenzaamheid")
    assert "Doorverwijzingen tellen niet mee" in posten[S.VOORKOMEN_ZORGCONTACT].grondslag


def test_pagina_toont_totalen_met_de_aanname_ernaast(client_for, bestuurslid, data):
    with time_machine.travel(NU, tick=False):
        response = client_for(bestuurslid).get(URL, MAART_GET)
    assert response.status_code == 200
    inhoud = response.content.decode()
    rijen = {
        sleutel: inhoud.split(f'<tr id="post-{sleutel}">')[1].split("</tr>")[0]
        for sleutel in ("vrijwilligersuur", "voorkomen_zorgcontact", "activiteit_deelname")
    }
    assert "10,50 uren" in rijen["vrijwilligersuur"]
    assert "€&nbsp;17,50" in rijen["vrijwilligersuur"]
    assert "€&nbsp;183,75" in rijen["vrijwilligersuur"]
    assert "Wat een uur hulp in de thuiszorg kost." in rijen["vrijwilligersuur"]
    assert "€&nbsp;510,00" in rijen["voorkomen_zorgcontact"]
    assert "Een bezoek aan de huisarts of het wijkteam." in rijen["voorkomen_zorgcontact"]
    assert "Doorverwijzingen tellen niet mee" in rijen["voorkomen_zorgcontact"]
    assert "7 keer aanwezig" in rijen["activiteit_deelname"]
    assert "€&nbsp;86,80" in rijen["activiteit_deelname"]
    assert "Minder eenzaamheid; schatting van de gemeente." in rijen["activiteit_deelname"]
    assert "€&nbsp;780,55" in inhoud.split('<tr id="post-totaal">')[1]
    assert "Bedragen opslaan" in inhoud


def test_kleine_aantallen_en_hun_bedrag_zijn_verborgen(
    client_for, bestuurslid, buurt, andere_buurt
):
    bouw_data(buurt, andere_buurt)  # 1 help completed (2,5 hours), 1 resident came
    stel_in(vrijwilligersuur=("20", ""), voorkomen_zorgcontact=("100", ""))
    zaak = businesscase.bereken(Periode(van=date(2026, 3, 1), tot=date(2026, 4, 1)))
    posten = {p.sleutel: p for p in zaak.posten}
    assert posten[S.VRIJWILLIGERSUUR].totaal == Decimal("50.00")
    assert not posten[S.VRIJWILLIGERSUUR].verborgen
    assert posten[S.VOORKOMEN_ZORGCONTACT].verborgen
    assert posten[S.VOORKOMEN_ZORGCONTACT].volume_tekst == "<5"
    assert zaak.totaal_verborgen
    assert not zaak.compleet  # activiteit_deelname not set: counts as 0

    inhoud = client_for(bestuurslid).get(URL, MAART_GET).content.decode()
    rij = inhoud.split('<tr id="post-voorkomen_zorgcontact">')[1].split("</tr>")[0]
    assert "&lt;5 keer hulp afgerond" in rij
    assert "te weinig" in rij
    assert "€&nbsp;100,00" in rij  # the value itself is not secret
    totaal = inhoud.split('<tr id="post-totaal">')[1].split("</tr>")[0]
    assert '<td class="getal">x</td>' in totaal and "€" not in totaal
    assert "nog niet alle bedragen ingesteld" in inhoud


def _post(**anders):
    velden = {
        "bedrag_vrijwilligersuur": "17,50",
        "toelichting_vrijwilligersuur": "Prijs van een uur thuiszorg.",
        "bedrag_voorkomen_zorgcontact": "85",
        "toelichting_voorkomen_zorgcontact": "Een huisartsbezoek.",
        "bedrag_activiteit_deelname": "0",
        "toelichting_activiteit_deelname": "",
    }
    velden.update(anders)
    return velden


def test_bestuur_stelt_de_bedragen_in(client_for, bestuurslid, db):
    client = client_for(bestuurslid)
    response = client.post(f"{URL}?periode=vorige_maand", _post())
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?periode=vorige_maand"
    waarden = {w.sleutel: w for w in Waardering.objects.all()}
    assert waarden[S.VRIJWILLIGERSUUR].bedrag == Decimal("17.50")
    assert waarden[S.VRIJWILLIGERSUUR].toelichting == "Prijs van een uur thuiszorg."
    assert waarden[S.VOORKOMEN_ZORGCONTACT].bedrag == Decimal("85.00")
    assert waarden[S.ACTIVITEIT_DEELNAME].bedrag == Decimal("0.00")
    assert all(w.bijgewerkt_door == bestuurslid for w in waarden.values())

    client.post(URL, _post(bedrag_vrijwilligersuur="20"))
    assert Waardering.objects.count() == 3
    assert Waardering.objects.get(sleutel=S.VRIJWILLIGERSUUR).bedrag == Decimal("20.00")
    assert "De bedragen zijn opgeslagen." in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("bedrag", "melding"),
    [
        ("-1", "Het bedrag kan niet lager zijn dan 0."),
        ("abc", "Vul een bedrag in met alleen cijfers, bijvoorbeeld 12,50."),
        ("", "Vul een bedrag in. Gebruik 0 als je dit niet wilt meetellen."),
        ("1,234", "Gebruik hoogstens 2 cijfers achter de komma."),
        ("123456789012", "Dit bedrag is te groot."),
        ("NaN", "Vul een bedrag in met alleen cijfers, bijvoorbeeld 12,50."),
    ],
)
def test_foute_invoer_slaat_niets_op(client_for, bestuurslid, db, bedrag, melding):
    stel_in(vrijwilligersuur=("10", "Oud"))
    response = client_for(bestuurslid).post(
        URL, _post(bedrag_voorkomen_zorgcontact=bedrag, toelichting_vrijwilligersuur="Nieuw")
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert melding in inhoud
    assert "Er is iets niet goed ingevuld" in inhoud
    assert list(Waardering.objects.values_list("sleutel", "bedrag", "toelichting")) == [
        (S.VRIJWILLIGERSUUR, Decimal("10.00"), "Oud")
    ]


def test_te_lange_aanname(client_for, bestuurslid, db):
    response = client_for(bestuurslid).post(URL, _post(toelichting_vrijwilligersuur="x" * 1001))
    assert response.status_code == 400
    assert "Dit is te lang" in response.content.decode()
    assert not Waardering.objects.exists()


def test_beheerder_mag_kijken_maar_niet_instellen(client_for, beheerder, db):
    client = client_for(beheerder)
    response = client.get(URL)
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Alleen het bestuur kan deze bedragen veranderen." in inhoud
    assert "Bedragen opslaan" not in inhoud
    assert client.post(URL, _post()).status_code == 403
    assert not Waardering.objects.exists()


def test_anoniem_moet_inloggen(client, db):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("persona", ["bewoner", "buurtassistent", "helper"])
def test_bewoners_en_buurtassistenten_krijgen_403(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _post()).status_code == 403
    assert not Waardering.objects.exists()


def test_foute_periode_geeft_400(client_for, bestuurslid):
    response = client_for(bestuurslid).get(URL, {"periode": "zelf", "van": "2026-03-10"})
    assert response.status_code == 400
    assert "Vul bij" in response.content.decode()


def test_waardering_in_de_admin(client_for, beheerder, db):
    stel_in(vrijwilligersuur=("17.50", "Uitleg"))
    client = client_for(beheerder)
    beheerder.is_superuser = True
    beheerder.save()
    response = client.get(reverse("admin:rapportages_waardering_changelist"))
    assert response.status_code == 200
    assert "euro per uur vrijwilligerswerk" in response.content.decode()
    wijzig = reverse("admin:rapportages_waardering_change", args=[Waardering.objects.get().pk])
    assert client.get(wijzig).status_code == 200


def _tel_queries(client, params) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the report is computed here, not taken from the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_aantal_queries_groeit_niet_mee_met_de_data(client_for, bestuurslid, buurt):
    """The business case reads the report as computed (one set of aggregate queries): the same
    number of queries with one request as with the full data set."""
    client = client_for(bestuurslid)
    client.get(URL, MAART_GET)  # the session and the roles are read once
    with time_machine.travel(NU, tick=False):
        HulpvraagFactory(aanvrager=UserFactory(profiel__buurt=buurt), aangemaakt_op=op(3, 2))
        weinig = _tel_queries(client, MAART_GET)
        bouw(buurt)
        stel_in(vrijwilligersuur=("17.50", "Uitleg"))
        veel = _tel_queries(client, MAART_GET)
    assert weinig == veel
    assert veel <= 35, veel
