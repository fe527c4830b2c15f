"""The report's bar charts (weergave.grafiek) and the names of its downloads (issue 15, 13)."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from bewoners.models import Buurt
from rapportages import exports, weergave
from rapportages.cijfers import Periode
from rapportages.onderdrukking import Aantal

RAPPORT = reverse("rapportages:rapport")


def _tabel(*maanden: tuple[int, int], verborgen: tuple[int, ...] = ()) -> weergave.Tabel:
    """A month-by-month table from January 2026 with two counts a month; the cells numbered
    in ``verborgen`` (0, 1 for January, 2, 3 for February, ...) hidden beside a small one."""
    rijen = []
    for i, (a, b) in enumerate(maanden):
        cellen = [Aantal(a, f"{i}.a"), Aantal(b, f"{i}.b")]
        for j, cel in enumerate(cellen):
            cel.aanvullend = 2 * i + j in verborgen
        rijen.append([f"maand {i + 1}", *cellen])
    return weergave.Tabel(
        "trend",
        "Hulpvragen per maand",
        ["Maand", "Nieuw", "Gematcht"],
        rijen,
        maanden=[date(2026 + i // 12, i % 12 + 1, 1) for i in range(len(maanden))],
    )


def test_every_shown_count_above_zero_gets_a_bar_also_a_small_one_beside_a_large_one():
    # The "Gematcht" bars did not show: a small count beside a large one rounded to 0 px.
    grafiek = weergave.grafiek(_tabel((1000, 5), (400, 6), (0, 12)))
    staven = grafiek["staven"]
    assert [(s["soort"], s["tekst"]) for s in staven] == [
        ("a", "1000"),
        ("b", "5"),
        ("a", "400"),
        ("b", "6"),
        ("a", "0"),
        ("b", "12"),
    ]
    for staaf in staven:
        assert (staaf["hoogte"] > 0) == (staaf["tekst"] != "0"), staaf
        assert staaf["breedte"] >= 16
        assert staaf["y"] + staaf["hoogte"] == staven[0]["y"] + staven[0]["hoogte"]  # one foot
    hoogste = max(s["hoogte"] for s in staven)
    assert hoogste == staven[0]["hoogte"] >= 150  # large enough to read
    # The value axis ends on a round step at or above the largest count.
    assert grafiek["raster"][-1]["tekst"] == "1000"
    assert [r["tekst"] for r in grafiek["raster"]][0] == "0"


def test_a_hidden_count_draws_no_bar_but_says_it_is_hidden():
    grafiek = weergave.grafiek(_tabel((20, 3), (18, 12), verborgen=(3,)))
    staven = {(s["label"], s["soort"]): s for s in grafiek["staven"]}
    for sleutel, tekst in ((("maand 1", "b"), "<5"), (("maand 2", "b"), "x")):
        assert staven[sleutel]["hoogte"] == 0
        assert staven[sleutel]["verborgen"] and staven[sleutel]["met_tekst"]
        assert staven[sleutel]["tekst"] == tekst
    # The scale comes from the shown counts: the hidden 12 does not set it.
    assert grafiek["raster"][-1]["tekst"] == "20"


def test_the_months_are_named_the_dutch_way_with_the_year_where_it_changes():
    tabel = _tabel(*[(10, 5)] * 3)
    tabel.maanden = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    teksten = [label["tekst"] for label in weergave.grafiek(tabel)["labels"]]
    assert teksten == ["dec", "2025", "jan", "2026", "feb"]
    tabel.maanden = [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    assert [label["tekst"] for label in weergave.grafiek(tabel)["labels"]] == [
        "mrt",
        "apr",
        "mei",
    ]


def test_a_long_period_still_fits_and_leaves_the_values_to_the_table():
    grafiek = weergave.grafiek(_tabel(*[(30, 20)] * 36))
    assert grafiek["breedte"] <= 36 * 40 + 60
    assert not any(s["met_tekst"] for s in grafiek["staven"])
    assert all(s["hoogte"] > 0 for s in grafiek["staven"])


@pytest.mark.django_db
def test_the_page_draws_each_series_with_a_legend_and_the_table_beside(client_for, bestuurslid):
    from hulpvragen.tests.factories import HulpvraagFactory

    with time_machine.travel("2026-03-20 12:00 +01:00", tick=False):
        for _ in range(40):
            HulpvraagFactory(aangemaakt_op="2026-02-10T10:00+01:00", gematcht_op=None)
        for _ in range(6):
            HulpvraagFactory(
                aangemaakt_op="2026-02-11T10:00+01:00", gematcht_op="2026-02-11T12:00+01:00"
            )
        inhoud = (
            client_for(bestuurslid)
            .get(RAPPORT, {"periode": "zelf", "van": "2026-01-01", "tot": "2026-03-31"})
            .content.decode()
        )
    trend = inhoud.split('class="trend"')[1].split("</figure>")[0]
    # The chart is hidden from screen readers: the table beside it is the source for everyone.
    assert '<figure class="grafiek" aria-hidden="true">' in trend
    hoogtes = {
        soort: [int(h) for h in re.findall(rf'class="staaf-{soort}"[^>]* height="(\d+)"', trend)]
        for soort in "ab"
    }
    assert hoogtes["a"] and all(h > 0 for h in hoogtes["a"])  # 46 new in February
    assert hoogtes["b"] and all(h > 0 for h in hoogtes["b"])  # 6 matched: a bar too
    assert '<span class="legenda-a">Nieuw</span>' in trend
    assert '<span class="legenda-b">Gematcht</span>' in trend
    assert "Hulpvragen per maand" in inhoud.split("</figure>")[1].split("</table>")[0]


@pytest.mark.parametrize(
    ("van", "tot", "naam"),
    [
        (
            date(2026, 10, 1),
            date(2027, 1, 1),
            "rapportage-2026-10-01-tot-en-met-2026-12-31.xlsx",
        ),
        (date(2026, 3, 1), date(2026, 4, 1), "rapportage-2026-03-01-tot-en-met-2026-03-31.xlsx"),
        (date(2026, 3, 5), date(2026, 3, 6), "rapportage-2026-03-05-tot-en-met-2026-03-05.xlsx"),
    ],
)
def test_the_file_name_says_the_period_as_the_page_does(van, tot, naam):
    assert exports.bestandsnaam(Periode(van, tot)) == naam


@pytest.mark.django_db
def test_the_file_name_names_the_buurt_and_the_csv_its_table(client_for, bestuurslid):
    buurt = Buurt.objects.create(naam="Oud-Zuid", slug="oud-zuid", postcodes="3541")
    periode = Periode(date(2026, 1, 1), date(2027, 1, 1), buurt)
    assert (
        exports.bestandsnaam(periode) == "rapportage-oud-zuid-2026-01-01-tot-en-met-2026-12-31.xlsx"
    )
    with time_machine.travel("2026-12-07 12:00 +01:00", tick=False):
        client = client_for(bestuurslid)
        xlsx = client.get(reverse("rapportages:xlsx"), {"periode": "dit_jaar"})
        csv = client.get(RAPPORT, {"periode": "vorig_kwartaal", "format": "csv", "tabel": "trend"})
    assert xlsx["Content-Disposition"] == (
        'attachment; filename="rapportage-2026-01-01-tot-en-met-2026-12-31.xlsx"'
    )
    assert csv["Content-Disposition"] == (
        'attachment; filename="trend-2026-07-01-tot-en-met-2026-09-30.csv"'
    )
