"""bench_reports: a smoke run on SQLite (so the command cannot rot) and its small parts."""

import re
from datetime import date
from io import StringIO

import pytest

from demo.management.commands import bench_reports as bench
from demo.tests.hulp import in_eigen_proces


def test_bench_reports_smoke_run_on_sqlite(tmp_path):
    """The whole command, in its own process, on an in-memory SQLite database (one tiny size:
    seeding the fixed demo part takes most of the time; the ratio is tested below)."""
    result = in_eigen_proces(
        tmp_path, "bench_reports", "--allow-sqlite", "--sizes", "3", "--runs", "1", "--trage", "2"
    )
    uit = result.stdout
    assert result.returncode == 0, result.stderr[-3000:] + uit
    # Four reports (quarter and year, for the whole wijk and for one buurt).
    rijen = re.findall(r"^\s+3\s+(kwartaal|jaar) .*?\s(\d+)\s+[\d.]+\s+([\d.]+)$", uit, re.M)
    assert [r[0] for r in rijen] == ["kwartaal", "kwartaal", "jaar", "jaar"]
    assert all(int(r[1]) > 10 for r in rijen)  # the queries were counted
    assert len({r[1] for r in rijen}) == 1  # the same number for a buurt and for every period
    assert all(float(r[2]) < 1000 for r in rijen)  # served when computed ahead
    assert "alle buurten" in uit
    assert re.search(r"Doel \(onder 1 s bij 3 bewoners, verhouding onder 3\): gehaald", uit)
    assert len(re.findall(r"^  [12]\. [\d.]+ ms \(", uit, re.M)) == 2  # the slowest queries
    # The configured database was never made.
    assert not (tmp_path / "db.sqlite3").exists()


def _rij(size, soort, buurt, ms, queries=20):
    return {
        "size": size,
        "soort": soort,
        "buurt": buurt or "alle buurten",
        "sleutel": (soort, buurt is not None),
        "median_ms": ms,
        "queries": queries,
    }


@pytest.mark.parametrize(
    ("groot_ms", "uitslag"),
    [
        ((250.0, 400.0), "gehaald"),
        ((1200.0, 400.0), "NIET gehaald"),  # too slow at the large size
        ((250.0, 650.0), "NIET gehaald"),  # ratio 3.25 for the buurt
    ],
)
def test_the_target_is_under_a_second_and_a_ratio_under_three(groot_ms, uitslag):
    rijen = [
        _rij(2000, "jaar", None, 100.0),
        _rij(2000, "jaar", "Oud-Zuid", 200.0),
        _rij(20000, "jaar", None, groot_ms[0]),
        _rij(20000, "jaar", "Oud-Zuid", groot_ms[1]),
    ]
    out = StringIO()
    command = bench.Command(stdout=out)
    command.print_doel(rijen, [2000, 20000])
    uit = out.getvalue()
    assert "Verhouding 20000/2000:" in uit
    assert re.search(
        rf"alle buurten +{groot_ms[0]:.1f} ms, verhouding +{groot_ms[0] / 100:.2f}, "
        "queries 20 en 20: ",
        uit,
    )
    assert uit.rstrip().endswith(
        f"verhouding onder 3): {uitslag} bij zelf uitrekenen (eigen datums)."
    )


def test_periods_last_quarter_twelve_full_months_and_own_dates():
    assert bench.perioden(date(2026, 12, 2)) == [
        ("kwartaal", date(2026, 7, 1), date(2026, 10, 1)),
        ("jaar", date(2025, 12, 1), date(2026, 12, 1)),
        # Mid-month to mid-month: the monthly counts for the middle, the rows for the edges.
        ("live", date(2026, 4, 15), date(2026, 11, 10)),
    ]
    assert bench.perioden(date(2026, 2, 28)) == [
        ("kwartaal", date(2025, 10, 1), date(2026, 1, 1)),
        ("jaar", date(2025, 2, 1), date(2026, 2, 1)),
        ("live", date(2025, 6, 15), date(2026, 1, 10)),  # across the turn of the year
    ]
