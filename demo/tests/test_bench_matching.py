"""bench_matching: its figures at a tiny size (the measured runs rolled back)."""

import pytest

from demo.management.commands import bench_matching
from hulpvragen.models import Hulpvraag


@pytest.mark.django_db
def test_bench_figures_with_tiny_sizes():
    row = bench_matching.figures(40, 4)
    assert row["measured"] == 4
    assert row["residents"] >= 40
    assert row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"]
    assert row["queries_min"] >= 1
    # the measured runs were rolled back: no benchmark request is left behind
    assert not Hulpvraag.objects.filter(titel__startswith="Benchmark").exists()
