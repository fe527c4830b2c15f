"""bench_bookings: a smoke run on SQLite (so the command cannot rot) and its measuring parts."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import Buurt
from demo import accommodaties as demo
from demo.management.commands import bench_bookings as bench
from demo.tests.hulp import in_eigen_proces


def test_bench_bookings_smoke_run_on_sqlite(tmp_path):
    """The whole command, in its own process, on a throw-away SQLite database."""
    result = in_eigen_proces(
        tmp_path,
        "bench_bookings",
        "--allow-sqlite",
        *("--boekingen", "300", "--runs", "2", "--threads", "2", "--pogingen", "8"),
    )
    uit = result.stdout
    assert result.returncode == 0, result.stderr[-3000:] + uit
    klein, groot = re.search(r"queries (\d+) en (\d+)", uit).groups()
    assert klein == groot  # the same number of queries whatever the number of bookings
    assert re.search(r"^\s+300\s+[1-9]\d*\s", uit, re.M)  # bookings in the measured month
    assert re.search(r"verschillend\s+8\s+8\s+0\s+0\s+0\s", uit)
    assert re.search(r"botsend\s+8\s+4\s+4\s+\d+\s+0\s", uit)
    assert "geen twee overlappen" in uit
    # The throw-away database is gone; the configured one was never made.
    assert not (tmp_path / "db.sqlite3").exists()


def test_next_month():
    assert bench.volgende_maand(date(2026, 1, 31)) == (date(2026, 2, 1), date(2026, 3, 1))
    assert bench.volgende_maand(date(2026, 12, 1)) == (date(2027, 1, 1), date(2027, 2, 1))


@pytest.mark.django_db
def test_a_month_of_availability_takes_the_same_queries_with_many_bookings():
    buurt = Buurt.objects.create(naam="Meetbuurt", slug="meetbuurt")
    mensen = bench._bewoners(5, buurt)
    _soort, _patroon, velden, openingstijden, _drukte = bench.MEETZAAL_SOORT
    zaal = bench._ruimte(
        "Meetzaal", "meetzaal", buurt, openingstijden=openingstijden, keepers=mensen[:1], **velden
    )
    van, tot = bench.volgende_maand(timezone.localdate())

    klein = bench.meet_maand(zaal, van=van, tot=tot, runs=2)
    gemaakt = bench.vul(
        zaal,
        400,
        eind=tot + timedelta(days=30),
        boekers=[u.pk for u in mensen[1:]],
        keepers=[mensen[0].pk],
        seed=1,
    )
    groot = bench.meet_maand(zaal, van=van, tot=tot, runs=2)

    assert gemaakt == Reservering.objects.filter(accommodatie=zaal).count() == 400
    assert klein["queries"] == groot["queries"]
    assert klein["dagen"] == groot["dagen"] == (tot - van).days
    assert klein["in_maand"] == 0 < groot["in_maand"]
    assert bench.controleer_overlap()[1] == []
    # The bookings reach from the past into the month after the measured one.
    eerste = Reservering.objects.order_by("begin").first().begin
    laatste = Reservering.objects.order_by("begin").last().begin
    assert eerste < timezone.now() and timezone.localtime(laatste).date() >= tot


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads with their own connections need PostgreSQL (the smoke run covers SQLite)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_threads_booking_the_same_slots_one_wins_each():
    buurt = Buurt.objects.create(naam="Meetbuurt", slug="meetbuurt")
    mensen = bench._bewoners(3, buurt)
    uren = demo.uren(ma_di_wo_do_vr_za_zo="8-22")
    gym = bench._ruimte(
        "Botszaal",
        "botszaal",
        buurt,
        openingstijden=uren,
        keepers=mensen[:1],
        capaciteit=10,
        goedkeuring_nodig=False,
        buffer_minuten=15,
    )
    slots = bench.vrije_slots(
        uren, vanaf=timezone.localdate() + timedelta(days=1), aantal=5, buffer=gym.buffer
    )
    wie = [u.pk for u in mensen[1:]]

    samen = bench.gelijktijdig(gym.pk, wie, [slots] * 2, botsend=True)

    assert samen["pogingen"] == 10 and samen["anders"] == 0, samen["fouten"]
    assert samen["gelukt"] == 5 and samen["geweigerd"] == 5
    assert bench.controleer_overlap() == (5, [])
