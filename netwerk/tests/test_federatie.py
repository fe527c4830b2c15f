"""The network's report (issue 14, point 7): figures per coöperatie and in total for the network's
board, the same as each coöperatie's own board report, with the same rule for small counts and
no way to work a hidden count out from a total."""

import csv
import io
import itertools
import random
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bewoners.roles import PlatformRol, assign_platform_role
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.models import Cooperatie
from hulpvragen.tests.factories import HulpvraagFactory
from netwerk import selectors
from netwerk.services import cooperatie_opzetten
from rapportages.selectors import (
    KLEIN,
    Aantal,
    Berekend,
    Keuze,
    Periode,
    Relatie,
    bereken,
    onderdruk,
    rapporten_voor,
    toon,
    vaste_periode,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]

URL = reverse("netwerk:federatie")
MAART = Periode(van=date(2030, 3, 1), tot=date(2030, 4, 1))  # "deze maand" on the frozen clock


@pytest.fixture
def netwerkbestuur(db):
    user = UserFactory(email="netwerk@example.org", first_name="Nel", with_mfa=True)
    assign_platform_role(user, PlatformRol.NETWERKBESTUUR)
    return user


@pytest.fixture
def platformbeheerder(db):
    user = UserFactory(email="platform@example.org", is_staff=True, with_mfa=True)
    assign_platform_role(user, PlatformRol.PLATFORMBEHEERDER)
    return user


def nieuwe_cooperatie(naam: str, hulpvragen: int = 0) -> Cooperatie:
    """A coöperatie with one buurt, its categories and ``hulpvragen`` new requests (each by a
    new resident) this month."""
    cooperatie = cooperatie_opzetten(naam=naam, buurten=[("Centrum", "3541")])
    with in_cooperatie(cooperatie):
        HulpvraagFactory.create_batch(hulpvragen)
    return cooperatie


def tabel(client) -> tuple[list[str], list[list[str]]]:
    """The CSV of the page: the headings and the rows (the totals row last)."""
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return rijen[0], rijen[1:]


def kolom(koppen, rijen, titel) -> dict[str, str]:
    i = koppen.index(titel)
    return {rij[0]: rij[i] for rij in rijen}


# -- who may see it -------------------------------------------------------------------------


def test_the_network_board_sees_the_page(client_for, netwerkbestuur):
    response = client_for(netwerkbestuur).get(URL)
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Rapportage voor het netwerk" in inhoud
    assert '<th scope="col">Coöperatie</th>' in inhoud
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize(
    "persona", ["bewoner", "beheerder", "bestuurslid", "buurtassistent", "platformbeheerder"]
)
def test_everybody_else_is_refused(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(URL).status_code == 403
    assert client_for(user).get(URL, {"format": "csv"}).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/netwerk/" in response["Location"]


def test_only_get(client_for, netwerkbestuur):
    assert client_for(netwerkbestuur).post(URL).status_code == 405


def test_the_menu_links_it_for_the_network_board_only(client_for, netwerkbestuur, bestuurslid):
    link = f'href="{URL}"'
    assert link in client_for(netwerkbestuur).get(reverse("bewoners:start")).content.decode()
    assert link not in client_for(bestuurslid).get(reverse("bewoners:start")).content.decode()


def test_the_menu_link_costs_no_query(client_for, netwerkbestuur, settings):
    client = client_for(netwerkbestuur)
    start = reverse("bewoners:start")
    client.get(start)
    with CaptureQueriesContext(connection) as met:
        assert URL in client.get(start).content.decode()
    opties = settings.TEMPLATES[0]["OPTIONS"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **opties,
                "context_processors": [
                    p for p in opties["context_processors"] if not p.startswith("netwerk.")
                ],
            },
        }
    ]
    with CaptureQueriesContext(connection) as zonder:
        assert URL not in client.get(start).content.decode()
    assert len(met.captured_queries) == len(zonder.captured_queries)


# -- the period -----------------------------------------------------------------------------


@pytest.mark.parametrize("keuze", [Keuze.DEZE_MAAND, Keuze.VORIGE_MAAND, Keuze.DIT_JAAR])
def test_a_fixed_period_is_chosen(client_for, netwerkbestuur, keuze):
    response = client_for(netwerkbestuur).get(URL, {"periode": keuze})
    assert response.status_code == 200
    van, _tot = vaste_periode(keuze, timezone.localdate())
    assert f"Periode: {van.day} " in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"periode": "onzin"}, {"periode": Keuze.ZELF, "van": "2030-01-01", "tot": "2030-02-01"}],
)
def test_a_wrong_period_says_so_in_dutch(client_for, netwerkbestuur, params):
    response = client_for(netwerkbestuur).get(URL, params)
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Kies een van de periodes uit de lijst." in inhoud
    assert "<table" not in inhoud
    assert client_for(netwerkbestuur).get(URL, {**params, "format": "csv"}).status_code == 400


def test_the_empty_query_is_this_month(client_for, netwerkbestuur):
    inhoud = client_for(netwerkbestuur).get(URL).content.decode()
    assert "Periode: 1 maart 2030 tot en met 31 maart 2030." in inhoud


# -- the figures ----------------------------------------------------------------------------


def test_each_row_is_the_cooperaties_own_report(client_for, netwerkbestuur):
    hier = huidige()
    noord = nieuwe_cooperatie("Dorp Noord", hulpvragen=3)
    zuid = nieuwe_cooperatie("Dorp Zuid", hulpvragen=10)
    west = nieuwe_cooperatie("Dorp West", hulpvragen=20)
    slapend = nieuwe_cooperatie("Dorp Slaap", hulpvragen=7)
    slapend.actief = False
    slapend.save()

    koppen, rijen = tabel(client_for(netwerkbestuur))
    namen = [r[0] for r in rijen]
    assert namen == sorted(c.naam for c in (hier, noord, zuid, west)) + ["Totaal"]
    for cooperatie in (hier, noord, zuid, west):
        # Computed afresh inside the coöperatie, as its own board report would show it.
        with in_cooperatie(cooperatie):
            eigen = bereken(MAART)
        rij = next(r for r in rijen if r[0] == cooperatie.naam)
        for k in selectors.KOLOMMEN:
            verwacht = eigen.aantallen[k.sleutel]
            if verwacht.getoond:
                assert rij[koppen.index(str(k.titel))] == toon(verwacht), (cooperatie, k)
    nieuw = kolom(koppen, rijen, "Nieuwe hulpvragen")
    assert (nieuw["Dorp Noord"], nieuw["Dorp Zuid"], nieuw["Dorp West"]) == ("<5", "10", "20")
    nieuwe_bewoners = kolom(koppen, rijen, "Nieuwe bewoners")
    assert nieuwe_bewoners["Dorp West"] == "20"  # each request by a new resident


def test_the_page_shows_the_table_with_totals_and_the_number_of_cooperaties(
    client_for, netwerkbestuur
):
    nieuwe_cooperatie("Dorp Noord", hulpvragen=6)
    nieuwe_cooperatie("Dorp Zuid", hulpvragen=7)
    inhoud = client_for(netwerkbestuur).get(URL).content.decode()
    assert "3 coöperaties doen mee." in inhoud
    assert '<th scope="row">Dorp Noord</th><td class="getal">6</td><td class="getal">6</td>' in (
        inhoud
    )
    assert "<tfoot>" in inhoud and '<th scope="row">Totaal</th>' in inhoud
    assert 'class="overflow-auto"' in inhoud  # the table scrolls in its own box at 320px
    assert "<caption>" in inhoud and "format=csv" in inhoud
    # No person on the page: only coöperaties and counts.
    with in_cooperatie(Cooperatie.objects.get(naam="Dorp Noord")):
        for vraag in HulpvraagFactory._meta.model.objects.select_related("aanvrager"):
            assert vraag.titel not in inhoud
            assert vraag.aanvrager.email not in inhoud
            assert vraag.aanvrager.first_name not in inhoud


def test_the_totals_add_up_the_cooperaties(client_for, netwerkbestuur):
    nieuwe_cooperatie("Dorp Noord", hulpvragen=6)
    nieuwe_cooperatie("Dorp Zuid", hulpvragen=9)
    koppen, rijen = tabel(client_for(netwerkbestuur))
    nieuw = kolom(koppen, rijen, "Nieuwe hulpvragen")
    hier = nieuw[huidige().naam]
    assert hier == "0"
    assert nieuw["Totaal"] == "15"
    # The network board's own account is new here: 1, so "<5", and the total would give it.
    bewoners = kolom(koppen, rijen, "Nieuwe bewoners")
    assert (bewoners[huidige().naam], bewoners["Dorp Noord"], bewoners["Dorp Zuid"]) == (
        "<5",
        "6",
        "9",
    )
    assert bewoners["Totaal"] == "x"


# -- small counts ---------------------------------------------------------------------------


def mogelijk(teksten: list[str], waarden: list[int], totaal_tekst: str, totaal: int):
    """What a reader can work out of a column with pencil and paper, knowing the rule: every
    combination of the hidden counts that fits the shown counts and the total as shown (a
    shown count is exact, "<5" is 1 to 4, "x" at least 5, or at least 1 for a small count
    shown as "x"). Returns the values left for each hidden count."""

    def bereik(tekst, waarde, hoogst):
        if tekst == "<5":
            return range(1, KLEIN)
        if tekst == "x":
            return range(1 if waarde < KLEIN else KLEIN, hoogst)
        return range(int(tekst), int(tekst) + 1)

    verborgen = [i for i, t in enumerate(teksten) if t in ("<5", "x")]
    bekend = sum(w for t, w in zip(teksten, waarden, strict=True) if t not in ("<5", "x"))
    t_bereik = bereik(totaal_tekst, totaal, 10 * totaal + 60)
    over = {i: set() for i in verborgen}
    for combinatie in itertools.product(
        *(bereik(teksten[i], waarden[i], 3 * KLEIN + max(waarden) + 5) for i in verborgen)
    ):
        if bekend + sum(combinatie) in t_bereik:
            for i, v in zip(verborgen, combinatie, strict=True):
                over[i].add(v)
    return over


def test_a_small_count_cannot_be_worked_out_from_the_total(client_for, netwerkbestuur):
    """Three coöperaties, one with 3 new requests: the total minus the others must not give 3."""
    hier = huidige()
    hier.naam = "Dorp Oost"
    hier.save()
    nieuwe_cooperatie("Dorp Noord", hulpvragen=3)
    nieuwe_cooperatie("Dorp Zuid", hulpvragen=10)
    nieuwe_cooperatie("Dorp West", hulpvragen=20)
    koppen, rijen = tabel(client_for(netwerkbestuur))
    nieuw = kolom(koppen, rijen, "Nieuwe hulpvragen")
    assert nieuw == {
        "Dorp Noord": "<5",
        "Dorp Oost": "0",
        "Dorp West": "20",
        "Dorp Zuid": "10",
        "Totaal": "x",
    }
    # Shown, the total would give it: 33 - 20 - 10 - 0.
    assert mogelijk(["0", "<5", "20", "10"], [0, 3, 20, 10], "33", 33) == {1: {3}}
    # Hidden, it does not, also for a reader who sees the other coöperaties' own reports:
    over = mogelijk(["0", "<5", "20", "10"], [0, 3, 20, 10], nieuw["Totaal"], 33)
    assert len(over[1]) > 1
    # The page says the same as the CSV.
    inhoud = client_for(netwerkbestuur).get(URL).content.decode()
    assert '<th scope="row">Totaal</th><td class="getal">' in inhoud
    assert ">33<" not in inhoud


def test_a_total_stays_when_two_small_counts_hide_each_other(client_for, netwerkbestuur):
    nieuwe_cooperatie("Dorp Noord", hulpvragen=3)
    nieuwe_cooperatie("Dorp Zuid", hulpvragen=2)
    nieuwe_cooperatie("Dorp West", hulpvragen=20)
    koppen, rijen = tabel(client_for(netwerkbestuur))
    nieuw = kolom(koppen, rijen, "Nieuwe hulpvragen")
    assert (nieuw["Dorp Noord"], nieuw["Dorp Zuid"], nieuw["Totaal"]) == ("<5", "<5", "25")
    over = mogelijk(["<5", "<5", "20"], [3, 2, 20], "25", 25)
    assert all(len(v) > 1 for v in over.values())


def _cel(waarde: int, sleutel: str, *, x: bool = False) -> Aantal:
    cel = Aantal(waarde, sleutel)
    cel.aanvullend = x
    return cel


@pytest.mark.parametrize(
    "waarden, x, totaal",
    [
        ([3, 10, 20], [], "x"),  # one hidden count: the total would give it
        ([3, 2, 20], [], "25"),  # two hidden: 1+4, 2+3, 3+2, 4+1
        ([1, 1, 1, 1, 0], [], "x"),  # four "<5" under a total "<5": all four are 1
        ([1, 1, 0], [], "<5"),  # two "<5" under "<5": 1+1, 1+2, ...
        ([8, 10, 20], [0], "x"),  # a count its own report hides ("x") stays hidden
        ([8, 3, 20], [0], "31"),  # "x" and "<5" together: 5+... or 7+...
        ([0, 0, 0], [], "0"),
        ([6, 7, 9], [], "22"),
    ],
)
def test_the_rule_per_column(waarden, x, totaal):
    delen = [_cel(w, f"c{i}", x=i in x) for i, w in enumerate(waarden)]
    eigen = [toon(d) for d in delen]
    som = Aantal(sum(waarden), "totaal")
    selectors.verberg_kolom(som, delen)
    assert [toon(d) for d in delen] == eigen  # each coöperatie as in its own report
    assert toon(som) == totaal


def test_no_hidden_count_comes_back_from_any_column():
    """Many random columns checked against a reader who tries every combination, and who
    knows every count the coöperaties' own reports show."""
    kans = random.Random(14)
    for _ in range(400):
        waarden = [
            kans.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for _ in range(kans.randint(1, 5))
        ]
        x = [i for i, w in enumerate(waarden) if w >= KLEIN and kans.random() < 0.2][:1]
        delen = [_cel(w, f"c{i}", x=i in x) for i, w in enumerate(waarden)]
        eigen = [toon(d) for d in delen]
        som = Aantal(sum(waarden), "totaal")
        selectors.verberg_kolom(som, delen)
        teksten = [toon(d) for d in delen]
        assert teksten == eigen, waarden
        # The board report's own rule, run over the column and its sum, hides nothing more.
        totaal_tekst = toon(som)
        onderdruk(
            {a.sleutel: a for a in (som, *delen)},
            [Relatie("totaal", tuple(d.sleutel for d in delen))],
        )
        assert [toon(d) for d in delen] == teksten and toon(som) == totaal_tekst, waarden
        over = mogelijk(teksten, waarden, totaal_tekst, sum(waarden))
        for i, waarden_over in over.items():
            assert waarden[i] in waarden_over
            assert len(waarden_over) > 1, (waarden, x, toon(som))


# -- rows built from reports (the rule for bookings and hours) --------------------------------


def _rapport(*, afgerond=0, uren=0.0, maanden=(0,), nieuw=0, x=()) -> Berekend:
    aantallen = {}
    for k in selectors.KOLOMMEN:
        aantallen[k.sleutel] = Aantal(0, k.sleutel)
    aantallen["hulp.hulp_afgerond"] = Aantal(afgerond, "hulp.hulp_afgerond")
    aantallen["hulp.nieuw"] = Aantal(nieuw, "hulp.nieuw")
    for sleutel in x:
        aantallen[sleutel].aanvullend = True
    aantallen["trend_ruimtes.boekingen"] = Aantal(
        sum(maanden), "trend_ruimtes.boekingen", getoond=False
    )
    for i, n in enumerate(maanden):
        aantallen[f"trend_ruimtes.{i}.boekingen"] = Aantal(n, f"trend_ruimtes.{i}.boekingen")
    return Berekend(secties=[], berekend_op=timezone.now(), aantallen=aantallen, uren_hulp=uren)


def _federatie(monkeypatch, rapporten: list[Berekend]) -> selectors.Federatie:
    cooperaties = [Cooperatie(pk=100 + i, naam=f"C{i}") for i in range(len(rapporten))]
    monkeypatch.setattr(
        selectors,
        "rapporten_voor",
        lambda cs, periode: {c.pk: r for c, r in zip(cs, rapporten, strict=True)},
    )
    return selectors.bereken(MAART, cooperaties)


def _tekst(federatie, titel) -> list[str]:
    i = federatie.kolommen.index(titel) - 1
    return [r.cellen()[i] for r in (*federatie.rijen, federatie.totaal)]


def test_bookings_are_hidden_unless_the_own_report_gives_them_by_its_months(monkeypatch):
    federatie = _federatie(
        monkeypatch,
        [
            _rapport(maanden=(4, 5)),  # one month "<5": the sum is never shown there
            _rapport(maanden=(6, 7)),
            _rapport(maanden=(3,)),
            _rapport(maanden=(0, 0)),
        ],
    )
    # 25 - 13 = 12 for "x" (its months say 5 and "<5": 6 to 9) and "<5": 8+4 or 9+3.
    assert _tekst(federatie, "Boekingen van ruimtes") == ["x", "13", "<5", "0", "25"]
    # 13 for 6 to 9 and "<5": only 9+4. Read as "x" (5 or more) it would not seem to give it.
    federatie = _federatie(monkeypatch, [_rapport(maanden=(4, 5)), _rapport(maanden=(4,))])
    assert _tekst(federatie, "Boekingen van ruimtes") == ["x", "<5", "x"]
    federatie = _federatie(monkeypatch, [_rapport(maanden=(4, 5)), _rapport(maanden=(3,))])
    assert _tekst(federatie, "Boekingen van ruimtes") == ["x", "<5", "12"]


def test_a_count_hidden_in_its_own_report_stays_hidden(monkeypatch):
    federatie = _federatie(
        monkeypatch,
        [_rapport(nieuw=9, x=["hulp.nieuw"]), _rapport(nieuw=12), _rapport(nieuw=30)],
    )
    assert _tekst(federatie, "Nieuwe hulpvragen") == ["x", "12", "30", "x"]


def test_hours_are_hidden_beside_hidden_completed_help(monkeypatch):
    # One row hidden: its hours go, and the total of the hours too (it would give them).
    federatie = _federatie(
        monkeypatch,
        [_rapport(afgerond=3, uren=4.5), _rapport(afgerond=10, uren=20.0), _rapport()],
    )
    assert _tekst(federatie, "Keren hulp afgerond") == ["<5", "10", "0", "x"]
    assert _tekst(federatie, "Gegeven uren hulp") == ["te weinig", "20,0", "0,0", "x"]
    # Two rows hidden, with hours: only their sum can be worked out, the total stays.
    federatie = _federatie(
        monkeypatch,
        [
            _rapport(afgerond=3, uren=4.5),
            _rapport(afgerond=2, uren=1.0),
            _rapport(afgerond=10, uren=20.25),
        ],
    )
    assert _tekst(federatie, "Keren hulp afgerond") == ["<5", "<5", "10", "15"]
    assert _tekst(federatie, "Gegeven uren hulp") == ["te weinig", "te weinig", "20,2", "25,8"]


# -- the CSV --------------------------------------------------------------------------------


def test_the_csv_is_the_same_table(client_for, netwerkbestuur):
    nieuwe_cooperatie("Dorp Noord", hulpvragen=3)
    nieuwe_cooperatie("=Dorp Zuid", hulpvragen=10)
    client = client_for(netwerkbestuur)
    response = client.get(URL, {"periode": Keuze.DEZE_MAAND, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="netwerk-20300301-20300401.csv"'
    assert response.content.startswith("\ufeff".encode())
    koppen, rijen = tabel(client)
    assert koppen[:3] == ["Coöperatie", "Nieuwe bewoners", "Nieuwe hulpvragen"]
    assert "Gegeven uren hulp" in koppen and len(koppen) == len(selectors.KOLOMMEN) + 2
    assert [r[0] for r in rijen][-1] == "Totaal"
    assert "'=Dorp Zuid" in [r[0] for r in rijen]  # no formula in a spreadsheet
    inhoud = client.get(URL).content.decode()
    for rij in rijen:
        cellen = "".join(f'<td class="getal">{c}</td>' for c in rij[1:])
        assert cellen.replace("<5", "&lt;5") in inhoud


# -- speed ----------------------------------------------------------------------------------


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as vragen:
        assert client.get(URL).status_code == 200
    return len(vragen.captured_queries)


def test_the_queries_do_not_grow_with_the_cooperaties(client_for, netwerkbestuur, monkeypatch):
    """With the coöperaties' reports computed ahead (the hourly task), the page reads them from
    the cache: as many queries for one coöperatie as for three. With the table itself kept,
    fewer still."""
    client = client_for(netwerkbestuur)
    client.get(reverse("bewoners:start"))  # the session and the host, as a warm process has
    monkeypatch.setattr(selectors, "BEWAAR_SECONDEN", 0)  # the table is not kept: computed
    rapporten_voor(Cooperatie.objects.actief(), MAART)
    een = _queries(client)
    for naam in ("Dorp Noord", "Dorp Zuid"):
        nieuwe_cooperatie(naam, hulpvragen=2)
    rapporten_voor(Cooperatie.objects.actief(), MAART)
    assert Cooperatie.objects.actief().count() == 3
    drie = _queries(client)
    assert drie == een
    monkeypatch.setattr(selectors, "BEWAAR_SECONDEN", 600)
    client.get(URL)
    bewaard = _queries(client)
    assert bewaard < drie


def test_a_report_that_is_not_computed_yet_is_computed_for_the_page(client_for, netwerkbestuur):
    nieuwe_cooperatie("Dorp Noord", hulpvragen=6)
    koppen, rijen = tabel(client_for(netwerkbestuur))
    assert kolom(koppen, rijen, "Nieuwe hulpvragen")["Dorp Noord"] == "6"
    # ... and kept for the coöperatie's own page.
    with in_cooperatie(Cooperatie.objects.get(naam="Dorp Noord")):
        assert int(rapporten_voor([huidige()], MAART)[huidige().pk].aantallen["hulp.nieuw"]) == 6
