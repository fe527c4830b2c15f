"""Complementary suppression: no shown figure lets a reader work out a hidden count.

A data set built to tempt disclosure: a buurt with 13 new requests of which 3 matched (the
share would give the 3 away), breakdowns per buurt and per soort hulp where a single cell is
below 5 beside a shown total, a room whose bookings are split into 2 and 5, contact moments
split into 6 and 2, and two months with 4 visits each under a total of 8. The page, every CSV
and the XLSX are read back as a reader would, and a small independent "reader" works out what
it can from the totals and parts with pencil and paper (interval reasoning: "<5" is 1 to 4,
any other hidden count is not 0 and not 1 to 4). Nothing hidden may come out exactly, no exact
row or column has a single hidden cell, no percentage stands beside a hidden count, and the
business case hides the amount of a hidden count.
"""

from __future__ import annotations

import csv
import io
import math
import random
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.models import Categorie
from bewoners.tests.factories import UserFactory
from buurtassistenten.models import Contactmoment, Kanaal
from hulpvragen.models import Hulpvraag, Match
from hulpvragen.tests.factories import HulpvraagFactory, MatchFactory
from initiatieven.models import Aanmelding, Activiteit
from initiatieven.tests.factories import InitiatiefFactory
from rapportages import businesscase, weergave
from rapportages.cijfers import Periode
from rapportages.models import Waardering
from rapportages.onderdrukking import Aantal, Relatie, onderdruk
from rapportages.tests.gegevens import uur_bijeenkomst

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 4, 15, 12, 0, tzinfo=TZ)
RAPPORT = reverse("rapportages:rapport")
XLSX = reverse("rapportages:xlsx")
BUSINESSCASE = reverse("rapportages:businesscase")
MAART = {"periode": "zelf", "van": "2026-03-01", "tot": "2026-03-31"}
JAN_FEB = {"periode": "zelf", "van": "2026-01-01", "tot": "2026-02-28"}
ONEINDIG = math.inf
TABELLEN = (
    "hulp",
    "trend",
    "hulp_categorie",
    "hulp_buurt",
    "meedoen",
    "trend_meedoen",
    "accommodaties",
    "trend_ruimtes",
    "coordinatie",
    "doorverwijzingen",
)


def op(maand, dag, uur=10):
    return datetime(2026, maand, dag, uur, 0, tzinfo=TZ)


# --- the data set -------------------------------------------------------------------------


def bouw_verleiding(oud_zuid, nieuwland):
    """March: Oud-Zuid 13 new requests (3 matched, 10 open), Nieuwland 8 (6 matched, 3 of them
    completed with a helper, 2 open). Per soort hulp: Vervoer 9 (4 matched), Tuin 10 (5),
    Klussen 2 (0). Visits: 4 in January, 4 in February, and in March 7 came and 2 did not.
    Buurthuis: 7 bookings in March (2 for an initiative, 5 by residents), 1 cancelled.
    Contact moments in March: 6 welcome visits, 2 ordinary ones."""
    S = Hulpvraag.Status
    soort = {c.slug: c for c in Categorie.objects.filter(slug__in=["vervoer", "tuin", "klussen"])}
    mensen_a = [UserFactory(profiel__buurt=oud_zuid) for _ in range(3)]
    mensen_b = [UserFactory(profiel__buurt=nieuwland) for _ in range(3)]
    helper = UserFactory(profiel__buurt=nieuwland)
    # (buurt's people, soort, matched, open)
    verdeling = [
        (mensen_a, "vervoer", 1, 5),
        (mensen_a, "tuin", 2, 3),
        (mensen_a, "klussen", 0, 2),
        (mensen_b, "vervoer", 3, 0),
        (mensen_b, "tuin", 3, 2),
    ]
    dag = 1
    afgerond = 0
    for mensen, slug, gematcht, open_ in verdeling:
        for i in range(gematcht + open_):
            dag = dag % 27 + 1
            aangemaakt = op(3, dag)
            vraag = HulpvraagFactory(
                aanvrager=mensen[i % 3],
                categorie=soort[slug],
                aangemaakt_op=aangemaakt,
                status=S.GEMATCHT if i < gematcht else S.OPEN,
                gematcht_op=aangemaakt + timedelta(hours=2) if i < gematcht else None,
            )
            if i < gematcht and mensen is mensen_b and afgerond < 3:
                afgerond += 1
                vraag.status = S.AFGEROND
                vraag.afgerond_op = aangemaakt + timedelta(days=1)
                vraag.save()
                MatchFactory(
                    hulpvraag=vraag,
                    helper=helper,
                    aangemaakt_op=aangemaakt + timedelta(hours=1),
                    status=Match.Status.AFGEROND,
                    geaccepteerd_op=aangemaakt + timedelta(hours=2),
                    afgerond_op=aangemaakt + timedelta(days=1),
                    uren=Decimal("1.50"),
                )

    initiatief = InitiatiefFactory()
    initiatief.buurten.add(oud_zuid)
    bezoekers = [UserFactory(profiel__buurt=oud_zuid) for _ in range(9)]

    def bijeenkomst(begin, wie):
        activiteit = Activiteit.objects.create(initiatief=initiatief, titel="Koffie")
        keer = uur_bijeenkomst(activiteit, begin)
        for persoon, kwam in wie:
            Aanmelding.objects.create(
                bijeenkomst=keer, user=persoon, status=Aanmelding.Status.AANGEMELD, aanwezig=kwam
            )

    bijeenkomst(op(1, 15), [(p, True) for p in bezoekers[:4]])
    bijeenkomst(op(2, 12), [(p, True) for p in bezoekers[4:8]])
    bijeenkomst(op(3, 12), [(p, i < 7) for i, p in enumerate(bezoekers)])

    huis = AccommodatieFactory(naam="Buurthuis", slug="buurthuis", buurt=oud_zuid)
    AccommodatieFactory(naam="Tuin", slug="tuin", openingstijden=[], buurt=nieuwland)
    for i in range(7):
        ReserveringFactory(
            accommodatie=huis, begin=op(3, 2 + i), namens="Wandelgroep" if i < 2 else ""
        )
    ReserveringFactory(accommodatie=huis, begin=op(3, 20), status="geannuleerd")

    assistent = UserFactory()
    for i in range(8):
        Contactmoment.objects.create(
            bewoner=bezoekers[i],
            door=assistent,
            datum=op(3, 3 + i),
            kanaal=Kanaal.TELEFOON,
            soort=Contactmoment.Soort.WELKOM if i < 6 else Contactmoment.Soort.GEWOON,
        )
    for sleutel, bedrag in (
        ("vrijwilligersuur", "20.00"),
        ("voorkomen_zorgcontact", "85.00"),
        ("activiteit_deelname", "12.40"),
    ):
        Waardering.objects.create(sleutel=sleutel, bedrag=Decimal(bedrag), toelichting="Aanname")


@pytest.fixture
def verleiding(buurt, andere_buurt):
    with time_machine.travel(NU, tick=False):
        bouw_verleiding(buurt, andere_buurt)
        yield


# --- reading the report back as a reader would --------------------------------------------


class _Tabellen(HTMLParser):
    """The report page's tables: key (from the CSV link) -> rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tabellen: dict[str, list[list[str]]] = {}
        self._sleutel = None
        self._rij = None
        self._cel = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "caption":
            self._in_caption = True
        elif tag == "a" and self._in_caption and "tabel=" in (attrs.get("href") or ""):
            self._sleutel = attrs["href"].split("tabel=")[1]
            self.tabellen[self._sleutel] = []
        elif tag == "tr" and self._sleutel:
            self._rij = []
        elif tag in ("td", "th") and self._rij is not None:
            self._cel = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cel is not None:
            self._rij.append("".join(self._cel).strip())
            self._cel = None
        elif tag == "tr" and self._rij is not None:
            self.tabellen[self._sleutel].append(self._rij)
            self._rij = None
        elif tag == "table":
            self._sleutel = None

    def handle_data(self, data):
        if self._cel is not None:
            self._cel.append(data)


def van_de_pagina(client, params) -> dict[str, list[list[str]]]:
    response = client.get(RAPPORT, params)
    assert response.status_code == 200
    lezer = _Tabellen()
    lezer.feed(response.content.decode())
    return {k: rijen[1:] for k, rijen in lezer.tabellen.items()}  # without the header row


def uit_de_csv(client, params) -> dict[str, list[list[str]]]:
    tabellen = {}
    for sleutel in TABELLEN:
        response = client.get(RAPPORT, {**params, "format": "csv", "tabel": sleutel})
        assert response.status_code == 200
        rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        tabellen[sleutel] = rijen[1:]
    return tabellen


def _als_tekst(waarde) -> str:
    if isinstance(waarde, bool) or waarde is None:
        return str(waarde)
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):  # a share (a fraction) or hours; shares are what matter
        return f"{round(waarde * 100)}%"
    return str(waarde)


def uit_de_xlsx(client, params) -> dict[str, list[list[str]]]:
    response = client.get(XLSX, params)
    assert response.status_code == 200
    boek = load_workbook(io.BytesIO(response.content))
    with time_machine.travel(NU, tick=False):
        van, tot = date.fromisoformat(params["van"]), date.fromisoformat(params["tot"])
        periode = Periode(van, tot + timedelta(days=1))
    titels = {t.sleutel: t.titel[:31] for s in weergave.tabellen(periode) for t in s.tabellen}
    tabellen = {}
    for sleutel in TABELLEN:
        rijen = list(boek[titels[sleutel]].iter_rows(values_only=True))[1:]
        tabellen[sleutel] = [
            [r[0], *(_als_tekst(w) for w in r[1:])] for r in rijen if any(w is not None for w in r)
        ]
    return tabellen


# --- the reader: what can be worked out with pencil and paper ----------------------------


def _getal(tekst: str) -> int | None:
    return int(tekst) if re.fullmatch(r"\d+", tekst.strip()) else None


class Lezer:
    """Interval reasoning over sums: what a reader can work out from the shown figures.

    A shown count is exact; "<5" is 1 to 4; any other hidden count is at least 5 (0 would be
    shown, 1 to 4 would say "<5"); a part the report never shows (requests withdrawn, sign-ups
    without attendance) is 0 or more.
    """

    def __init__(self):
        self.grenzen: dict[str, tuple[float, float]] = {}
        self.verborgen: set[str] = set()
        self.relaties: list[tuple[str, list[str], bool]] = []
        self.via_aandeel: set[str] = set()
        self._rest = 0

    def cel(self, naam: str, tekst: str) -> str:
        getal = _getal(tekst)
        if getal is not None:
            self.grenzen[naam] = (getal, getal)
        else:
            self.verborgen.add(naam)
            self.grenzen[naam] = (1, 4) if tekst.strip() == "<5" else (5, ONEINDIG)
        return naam

    def onbekend(self, ondergrens=0, bovengrens=ONEINDIG) -> str:
        self._rest += 1
        naam = f"onbekend-{self._rest}"
        self.grenzen[naam] = (ondergrens, bovengrens)
        return naam

    def som(self, totaal: str, delen: list[str], exact: bool = True) -> None:
        """``totaal = sum(delen)``; ``exact`` for a row or column with a shown total (no part
        or total that the report never shows)."""
        self.relaties.append((totaal, list(delen), exact))

    def uitrekenen(self, grenzen=None) -> dict[str, tuple[float, float]]:
        g = dict(grenzen or self.grenzen)
        for _ronde in range(200):
            veranderd = False
            for totaal, delen, _exact in self.relaties:
                lo = sum(g[d][0] for d in delen)
                hi = sum(g[d][1] for d in delen)
                nieuw = (max(g[totaal][0], lo), min(g[totaal][1], hi))
                veranderd |= nieuw != g[totaal]
                g[totaal] = nieuw
                for d in delen:
                    andere_lo = lo - g[d][0]
                    andere_hi = hi - g[d][1]
                    nieuw = (
                        max(g[d][0], g[totaal][0] - andere_hi),
                        min(g[d][1], g[totaal][1] - andere_lo),
                    )
                    veranderd |= nieuw != g[d]
                    g[d] = nieuw
                    lo, hi = andere_lo + g[d][0], andere_hi + g[d][1]
            if not veranderd:
                break
        return g

    def controleer(self) -> None:
        g = self.uitrekenen()
        uitgerekend = {n: g[n][0] for n in self.verborgen if g[n][0] == g[n][1]}
        assert not uitgerekend, f"hidden counts a reader can work out: {uitgerekend}"
        # A count shown through a share (the matched requests) is hidden when the share is.
        onbekend = self.verborgen | {
            n for n in self.via_aandeel if self.grenzen[n][0] != self.grenzen[n][1]
        }
        for totaal, delen, exact in self.relaties:
            if exact and delen:
                leden = [totaal, *delen]
                verborgen = [n for n in leden if n in onbekend]
                assert len(verborgen) != 1, f"a single hidden cell in {leden}: {verborgen}"


def _rijen(tabellen, sleutel) -> dict[str, list[str]]:
    return {rij[0]: rij[1:] for rij in tabellen[sleutel] if len(rij) > 1}


def _aandeel_in(tekst: str) -> int | None:
    gevonden = re.fullmatch(r"(\d+)%", tekst.strip())
    return int(gevonden.group(1)) if gevonden else None


def lees(tabellen) -> Lezer:
    """Every sum a reader can see in the report, with the cells as shown."""
    lezer = Lezer()
    hulp = {k: v[0] for k, v in _rijen(tabellen, "hulp").items()}
    nieuw = lezer.cel("nieuw", hulp["Nieuwe hulpvragen"])
    gematcht = lezer.cel("gematcht", hulp["Hulpvragen gematcht"])
    open_ = lezer.cel("open", hulp["Nieuwe hulpvragen die nog open staan"])
    # The share of new requests with a match gives their number when it is shown.
    aandeel = _aandeel_in(hulp["Deel van de nieuwe hulpvragen met een match"])
    n = _getal(hulp["Nieuwe hulpvragen"])
    if aandeel is not None and n:
        mogelijk = [k for k in range(n + 1) if abs(100 * k / n - aandeel) <= 0.5]
        nieuw_gematcht = lezer.onbekend(min(mogelijk), max(mogelijk))
    else:
        nieuw_gematcht = lezer.onbekend()
    lezer.via_aandeel.add(nieuw_gematcht)
    lezer.som(nieuw, [nieuw_gematcht, open_, lezer.onbekend()], exact=False)

    for sleutel in ("hulp_categorie", "hulp_buurt"):
        kolommen = {"nieuw": [], "gematcht": [], "open": []}
        for naam, (n_, g_, o_) in _rijen(tabellen, sleutel).items():
            cellen = [lezer.cel(f"{sleutel}:{naam}:{k}", t) for k, t in zip(kolommen, (n_, g_, o_))]
            for kolom, cel in zip(kolommen.values(), cellen, strict=True):
                kolom.append(cel)
            lezer.som(cellen[0], [cellen[1], cellen[2], lezer.onbekend()], exact=False)
        lezer.som(nieuw, kolommen["nieuw"])
        lezer.som(nieuw_gematcht, kolommen["gematcht"])
        lezer.som(open_, kolommen["open"])

    maanden = _rijen(tabellen, "trend")
    per_maand = [
        (lezer.cel(f"trend:{m}:n", n_), lezer.cel(f"trend:{m}:g", g_))
        for m, (n_, g_) in maanden.items()
    ]
    lezer.som(nieuw, [n_ for n_, _g in per_maand])
    lezer.som(gematcht, [g_ for _n, g_ in per_maand])

    meedoen = {k: v[0] for k, v in _rijen(tabellen, "meedoen").items()}
    aanmeldingen = lezer.cel("aanmeldingen", meedoen["Aanmeldingen voor bijeenkomsten"])
    gekomen = lezer.cel("gekomen", meedoen["Aanwezig"])
    niet_gekomen = lezer.cel("niet_gekomen", meedoen["Aangemeld maar niet gekomen"])
    lezer.som(aanmeldingen, [gekomen, niet_gekomen, lezer.onbekend()], exact=False)
    per_maand = [
        (lezer.cel(f"tm:{m}:a", a_), lezer.cel(f"tm:{m}:g", g_))
        for m, (a_, g_) in _rijen(tabellen, "trend_meedoen").items()
    ]
    for a_, g_ in per_maand:
        lezer.som(a_, [g_, lezer.onbekend()], exact=False)
    lezer.som(aanmeldingen, [a_ for a_, _g in per_maand])
    lezer.som(gekomen, [g_ for _a, g_ in per_maand])

    # Rooms: bookings = for initiatives + by residents; every room is active here, so the
    # rooms add up to the months.
    boekingen, geannuleerd = [], []
    for naam, rij in _rijen(tabellen, "accommodaties").items():
        b, i, r, a = (lezer.cel(f"ruimte:{naam}:{k}", t) for k, t in zip("bira", rij[:4]))
        lezer.som(b, [i, r])
        boekingen.append(b)
        geannuleerd.append(a)
    per_maand = [
        (lezer.cel(f"tr:{m}:b", b_), lezer.cel(f"tr:{m}:a", a_))
        for m, (b_, a_) in _rijen(tabellen, "trend_ruimtes").items()
    ]
    alle_boekingen, alle_geannuleerd = lezer.onbekend(), lezer.onbekend()  # never shown
    lezer.som(alle_boekingen, boekingen, exact=False)
    lezer.som(alle_boekingen, [b_ for b_, _a in per_maand], exact=False)
    lezer.som(alle_geannuleerd, geannuleerd, exact=False)
    lezer.som(alle_geannuleerd, [a_ for _b, a_ in per_maand], exact=False)

    coordinatie = {k: v[0] for k, v in _rijen(tabellen, "coordinatie").items()}
    soorten = [lezer.cel(k, v) for k, v in coordinatie.items() if k.startswith("Contactmomenten: ")]
    lezer.som(lezer.cel("contactmomenten", coordinatie["Contactmomenten"]), soorten)
    return lezer


def geen_aandeel_naast_een_verborgen_aantal(tabellen) -> None:
    hulp = {k: v[0] for k, v in _rijen(tabellen, "hulp").items()}
    meedoen = {k: v[0] for k, v in _rijen(tabellen, "meedoen").items()}
    for aandeel, aantallen in (
        (hulp["Deel van de nieuwe hulpvragen met een match"], [hulp["Nieuwe hulpvragen"]]),
        (
            meedoen["Deel dat niet kwam"],
            [meedoen["Aanwezig"], meedoen["Aangemeld maar niet gekomen"]],
        ),
    ):
        if any(_getal(a) is None for a in aantallen):
            assert not re.search(r"\d", aandeel), (aandeel, aantallen)


# --- the tests ----------------------------------------------------------------------------

PERIODES = {
    "maart, alle buurten": MAART,
    "maart, Oud-Zuid": MAART,  # with the buurt added below
    "januari en februari": JAN_FEB,
}


def _params(naam, buurt):
    params = dict(PERIODES[naam])
    if "Oud-Zuid" in naam:
        params["buurt"] = buurt.pk
    return params


@pytest.mark.parametrize("naam", list(PERIODES))
@pytest.mark.parametrize("bron", ["pagina", "csv", "xlsx"])
def test_geen_verborgen_aantal_is_uit_te_rekenen(
    client_for, bestuurslid, buurt, verleiding, naam, bron
):
    client = client_for(bestuurslid)
    params = _params(naam, buurt)
    with time_machine.travel(NU, tick=False):
        tabellen = {"pagina": van_de_pagina, "csv": uit_de_csv, "xlsx": uit_de_xlsx}[bron](
            client, params
        )
    lezer = lees(tabellen)
    assert lezer.verborgen  # the data set does hide counts
    lezer.controleer()
    geen_aandeel_naast_een_verborgen_aantal(tabellen)


def test_een_buurt_met_13_vragen_waarvan_3_gematcht(client_for, bestuurslid, buurt, verleiding):
    """The finding: "<5" matched beside "23%" of 13 gave the 3 away."""
    client = client_for(bestuurslid)
    params = _params("maart, Oud-Zuid", buurt)
    with time_machine.travel(NU, tick=False):
        pagina = client.get(RAPPORT, params).content.decode()
        hulp = dict(uit_de_csv(client, params)["hulp"])
        boek = load_workbook(io.BytesIO(client.get(XLSX, params).content))
    assert "23%" not in pagina
    assert hulp["Nieuwe hulpvragen"] == "13"
    assert hulp["Hulpvragen gematcht"] == "<5"
    assert not re.search(r"\d", hulp["Deel van de nieuwe hulpvragen met een match"])
    blad = {r[0]: r[1] for r in boek["Hulpvragen in deze periode"].iter_rows(values_only=True)}
    assert isinstance(blad["Deel van de nieuwe hulpvragen met een match"], str)
    # The row of the buurt: 13 new, "<5" matched; 10 open does not give it away (some requests
    # are withdrawn), so it stays.
    assert {r[0]: r[1:] for r in uit_de_csv(client, params)["hulp_buurt"]} == {
        "Oud-Zuid": ["13", "<5", "10"]
    }


def test_een_soort_hulp_onder_de_5_naast_het_totaal(client_for, bestuurslid, verleiding):
    """Klussen has 2 new requests, 21 in all; Tuin 10 and Vervoer 9 were shown, so 21 - 10 - 9
    gave the 2 away. Now one of the other two is hidden too, and the total stays."""
    client = client_for(bestuurslid)
    with time_machine.travel(NU, tick=False):
        tabellen = uit_de_csv(client, MAART)
    per_soort = _rijen(tabellen, "hulp_categorie")
    assert per_soort["Klussen"][0] == "<5"
    assert sorted([per_soort["Tuin"][0], per_soort["Vervoer"][0]]) in (["10", "x"], ["9", "x"])
    assert dict(tabellen["hulp"])["Nieuwe hulpvragen"] == "21"


def test_totaal_van_twee_kleine_maanden_is_verborgen(client_for, bestuurslid, verleiding):
    """4 visits in January and 4 in February: a total of 8 beside two "<5" gives both away."""
    client = client_for(bestuurslid)
    with time_machine.travel(NU, tick=False):
        tabellen = uit_de_csv(client, JAN_FEB)
    maanden = _rijen(tabellen, "trend_meedoen")
    assert maanden == {"januari 2026": ["<5", "<5"], "februari 2026": ["<5", "<5"]}
    meedoen = dict(tabellen["meedoen"])
    assert meedoen["Aanwezig"] == "x"
    assert meedoen["Aanmeldingen voor bijeenkomsten"] == "x"
    assert not re.search(r"\d", meedoen["Deel dat niet kwam"])


def _post(inhoud: str, sleutel: str) -> str:
    return inhoud.split(f'<tr id="post-{sleutel}">')[1].split("</tr>")[0]


def test_business_case_verbergt_het_bedrag_van_een_verborgen_aantal(
    client_for, bestuurslid, verleiding
):
    client = client_for(bestuurslid)
    with time_machine.travel(NU, tick=False):
        # March: 3 helps completed ("<5"): the amount and the total are hidden.
        maart = client.get(BUSINESSCASE, MAART).content.decode()
        # January and February: 8 visits, hidden as "x" in the report (see above), so the
        # business case may not show 8 x 12,40 = 99,20 either.
        jan_feb = client.get(BUSINESSCASE, JAN_FEB).content.decode()
    zorg = _post(maart, "voorkomen_zorgcontact")
    assert "&lt;5 keer hulp afgerond" in zorg
    assert "255,00" not in zorg and "te weinig" in zorg
    assert "€&nbsp;85,00" in zorg  # the board's value is no secret
    assert "€&nbsp;" not in _post(maart, "totaal").split('class="getal">')[1].split("</td>")[0]
    assert "7 keer aanwezig" in _post(maart, "activiteit_deelname")
    assert "86,80" in _post(maart, "activiteit_deelname")

    deelname = _post(jan_feb, "activiteit_deelname")
    assert "8 keer" not in deelname and "x keer aanwezig" in deelname
    assert "99,20" not in deelname
    totaal = _post(jan_feb, "totaal").split('class="getal">')[1].split("</td>")[0]
    assert "€" not in totaal and "99,20" not in jan_feb


def test_business_case_neemt_de_onderdrukking_van_het_rapport(verleiding):
    with time_machine.travel(NU, tick=False):
        zaak = businesscase.bereken(Periode(date(2026, 1, 1), date(2026, 3, 1)))
    posten = {p.sleutel: p for p in zaak.posten}
    assert posten["activiteit_deelname"].volume == 8
    assert posten["activiteit_deelname"].verborgen
    assert posten["activiteit_deelname"].volume_tekst == "x"
    assert zaak.totaal_verborgen


def test_de_pagina_legt_de_regel_uit(client_for, bestuurslid, verleiding):
    with time_machine.travel(NU, tick=False):
        inhoud = client_for(bestuurslid).get(RAPPORT, MAART).content.decode()
    uitleg = inhoud.split('<h2 id="zo-tellen-we">Zo tellen we</h2>')[1].split("</section>")[0]
    assert "Aantallen van 1 tot en met 4 staan er als “<5”" in uitleg
    assert "Soms staat er een “x”" in uitleg
    assert "Een percentage laten we weg" in uitleg


def test_grafiek_tekent_geen_staaf_voor_een_verborgen_aantal(verleiding):
    """January to March: 4, 4 and 9 sign-ups, 4, 4 and 7 came. The two small months make March
    hidden too ("x"): its bars would give its numbers away, so no bar is drawn."""
    with time_machine.travel(NU, tick=False):
        secties = weergave.tabellen(Periode(date(2026, 1, 1), date(2026, 4, 1)))
    tabel = next(t for s in secties for t in s.tabellen if t.sleutel == "trend_meedoen")
    assert tabel.cellen() == [
        ["januari 2026", "<5", "<5"],
        ["februari 2026", "<5", "<5"],
        ["maart 2026", "x", "x"],
    ]
    assert [staaf["hoogte"] for staaf in tabel.grafiek["staven"]] == [0] * 6


# --- the rule itself, on small made-up tables ---------------------------------------------


def _cellen(**waarden) -> dict[str, Aantal]:
    return {k: Aantal(v, k) for k, v in waarden.items()}


def _getoond(cellen) -> dict[str, str]:
    return {k: weergave.toon(v) for k, v in cellen.items()}


def test_regel_een_klein_deel_naast_het_totaal_verbergt_het_volgende_kleinste_deel():
    cellen = _cellen(totaal=21, a=2, b=10, c=9)
    onderdruk(cellen, [Relatie("totaal", ("a", "b", "c"))])
    assert _getoond(cellen) == {"totaal": "21", "a": "<5", "b": "10", "c": "x"}


def test_regel_twee_kleine_delen_die_samen_vastliggen():
    # 4 + 4 = 8: both "<5" under a shown 8 can only be 4 and 4, so the total is hidden too.
    cellen = _cellen(totaal=8, a=4, b=4, c=0)
    onderdruk(cellen, [Relatie("totaal", ("a", "b", "c"))])
    assert _getoond(cellen) == {"totaal": "x", "a": "<5", "b": "<5", "c": "0"}


def test_regel_een_verborgen_deel_met_een_x_dat_toch_vastligt():
    # 11 = 5 + 1 + 5: hiding one 5 leaves "<5" + "x" = 6, and "x" is at least 5, so the "<5"
    # must be 1. Hiding the other 5 as well leaves "x" + "<5" + "x" = 11: all at their least
    # again. Only hiding the total helps: "x" = 5 + "<5" + 5 says nothing.
    cellen = _cellen(totaal=11, a=5, b=1, c=5)
    onderdruk(cellen, [Relatie("totaal", ("a", "b", "c"))])
    assert _getoond(cellen) == {"totaal": "x", "a": "5", "b": "<5", "c": "5"}


def test_regel_werkt_door_in_een_tweede_relatie():
    # Rows and columns: hiding a cell in one column makes its row need a second hidden cell.
    cellen = _cellen(r1=10, r2=12, k1=9, k2=13, a=3, b=7, c=6, d=6, t=22)
    onderdruk(
        cellen,
        [
            Relatie("r1", ("a", "b")),
            Relatie("r2", ("c", "d")),
            Relatie("k1", ("a", "c")),
            Relatie("k2", ("b", "d")),
            Relatie("t", ("r1", "r2")),
            Relatie("t", ("k1", "k2")),
        ],
    )
    lezer = Lezer()
    for k, v in _getoond(cellen).items():
        lezer.cel(k, v)
    for totaal, delen in (
        ("r1", ["a", "b"]),
        ("r2", ["c", "d"]),
        ("k1", ["a", "c"]),
        ("k2", ["b", "d"]),
        ("t", ["r1", "r2"]),
        ("t", ["k1", "k2"]),
    ):
        lezer.som(totaal, delen)
    lezer.controleer()
    assert weergave.toon(cellen["a"]) == "<5"


def test_regel_vier_enen_onder_een_klein_totaal():
    # Four parts of 1 under a total of 4: "<5" everywhere would still give four 1s away, so
    # the total is shown as "x" (it does not say how big it is).
    cellen = _cellen(totaal=4, a=1, b=1, c=1, d=1)
    onderdruk(cellen, [Relatie("totaal", ("a", "b", "c", "d"))])
    assert weergave.toon(cellen["totaal"]) == "x"
    assert [weergave.toon(cellen[k]) for k in "abcd"] == ["<5"] * 4


def test_regel_slaat_een_relatie_over_die_niet_klopt():
    cellen = _cellen(totaal=20, a=2, b=10)  # 2 + 10 is not 20: nothing can be worked out
    onderdruk(cellen, [Relatie("totaal", ("a", "b"))])
    assert _getoond(cellen) == {"totaal": "20", "a": "<5", "b": "10"}


def _tabel_met_totalen(
    binnen: list[list[int]], nooit: set[str] = frozenset()
) -> tuple[dict[str, Aantal], list[tuple[str, list[str]]]]:
    """The cells ``c{rij}.{kolom}`` of ``binnen`` with their row totals ``r{rij}``, column
    totals ``k{kolom}`` and grand total ``t`` (the keys in ``nooit`` never shown), hidden by
    ``onderdruk`` with those sums; and the sums, as (total, parts)."""
    rijen, kolommen = len(binnen), len(binnen[0])
    cellen = {}
    for r, rij in enumerate(binnen):
        for k, waarde in enumerate(rij):
            cellen[f"c{r}.{k}"] = Aantal(waarde, f"c{r}.{k}", getoond=f"c{r}.{k}" not in nooit)
        cellen[f"r{r}"] = Aantal(sum(rij), f"r{r}")
    for k in range(kolommen):
        cellen[f"k{k}"] = Aantal(
            sum(rij[k] for rij in binnen), f"k{k}", getoond=f"k{k}" not in nooit
        )
    cellen["t"] = Aantal(sum(map(sum, binnen)), "t")
    sommen = [
        *[(f"r{r}", [f"c{r}.{k}" for k in range(kolommen)]) for r in range(rijen)],
        *[(f"k{k}", [f"c{r}.{k}" for r in range(rijen)]) for k in range(kolommen)],
        ("t", [f"r{r}" for r in range(rijen)]),
        ("t", [f"k{k}" for k in range(kolommen)]),
    ]
    onderdruk(cellen, [Relatie(t, tuple(d)) for t, d in sommen])
    return cellen, sommen


@pytest.mark.parametrize("zaad", range(40))
def test_regel_op_willekeurige_tabellen(zaad):
    """Tables of 2 to 5 rows and 2 to 4 columns with row, column and grand totals, with many
    small cells: whatever the engine hides, the reader cannot work out a hidden cell, and no row
    or column has a single hidden cell."""
    rnd = random.Random(zaad)
    rijen, kolommen = rnd.randint(2, 5), rnd.randint(2, 4)
    binnen = [
        [rnd.choice([0, 1, 2, 3, 4, 5, 6, 8, 13]) for _k in range(kolommen)] for _r in range(rijen)
    ]
    cellen, sommen = _tabel_met_totalen(binnen)
    lezer = Lezer()
    for k, v in _getoond(cellen).items():
        lezer.cel(k, v)
    for totaal, delen in sommen:
        lezer.som(totaal, delen)
    lezer.controleer()
    # Every cell is shown as it is, as "<5" (1 to 4) or as "x"; 0 is always shown.
    for a in cellen.values():
        assert weergave.toon(a) in ((str(int(a)), "x") if a == 0 or a >= 5 else ("<5", "x"))
        assert a != 0 or weergave.toon(a) == "0"


def _alle_waarden(lezer: Lezer, plafond: int = 60) -> dict[str, set[int]]:
    """Every whole-number filling of the unknown cells that fits all sums (a search, pruned with
    the reader's bounds): the values each cell can take."""
    waarden = {n: set() for n in lezer.grenzen}

    def zoek(grenzen):
        g = lezer.uitrekenen(grenzen)
        if any(lo > hi for lo, hi in g.values()):
            return
        open_ = [n for n, (lo, hi) in g.items() if lo != hi]
        if not open_:
            for n, (lo, _hi) in g.items():
                waarden[n].add(lo)
            return
        n = min(open_, key=lambda n: g[n][1] - g[n][0])
        lo, hi = g[n]
        for v in range(int(lo), int(min(hi, plafond)) + 1):
            zoek({**g, n: (v, v)})

    zoek(lezer.grenzen)
    return waarden


def _tegen_elke_invulling(binnen: list[list[int]], rest: bool) -> None:
    """Hide a table (with its row, column and grand totals; with ``rest`` a last column that is
    never shown, like withdrawn requests), then let a reader try every whole-number filling:
    each hidden cell must keep at least two possible values."""
    rijen, kolommen = len(binnen), len(binnen[0])
    nooit = {f"c{r}.{kolommen - 1}" for r in range(rijen)} | {f"k{kolommen - 1}"} if rest else set()
    cellen, sommen = _tabel_met_totalen(binnen, nooit)
    lezer = Lezer()
    for k, a in cellen.items():
        if k in nooit:
            lezer.grenzen[k] = (0, ONEINDIG)
        else:
            lezer.cel(k, weergave.toon(a))
    for totaal, delen in sommen:
        lezer.som(totaal, delen)
    waarden = _alle_waarden(lezer)
    for k in lezer.verborgen:
        assert int(cellen[k]) in waarden[k]
        assert len(waarden[k]) >= 2, (k, waarden[k], _getoond(cellen))


@pytest.mark.parametrize(
    "binnen",
    [
        # Row 0 + row 1 - column 1 - column 2 leaves only the first cell: it came out as 4.
        [[4, 2, 2], [0, 5, 8], [1, 5, 0]],
        # Whole numbers: a row of three "<5" under a total of 3 is three 1s, and that decided
        # a cell two sums away.
        [[0, 3, 0], [6, 5, 1], [6, 4, 5], [1, 2, 1]],
    ],
)
def test_regel_tabellen_die_alleen_met_optellen_en_hele_getallen_lekten(binnen):
    _tegen_elke_invulling(binnen, rest=False)


@pytest.mark.parametrize("zaad", range(30))
def test_regel_op_kleine_tabellen_tegen_elke_invulling(zaad):
    """Small random tables, for odd seeds with a last column that is never shown."""
    rnd = random.Random(1000 + zaad)
    rijen, kolommen = rnd.randint(2, 3), rnd.randint(2, 3)
    binnen = [
        [rnd.choice([0, 1, 2, 3, 4, 5, 6, 8]) for _k in range(kolommen)] for _r in range(rijen)
    ]
    _tegen_elke_invulling(binnen, rest=zaad % 2 == 1)
