"""bench_cooperaties: a smoke run at tiny sizes (so the command cannot rot), on SQLite and, when
the suite runs on PostgreSQL, there too (with the cost of the second wall), and its generator
(demo.kloon): the copies are coöperaties of their own, counted apart from the command's output."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from accommodaties.models import Reservering
from bewoners.models import Buurt, Profiel, User
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.services import cooperatie_create
from demo import kloon
from demo.bench import build
from demo.tests.hulp import in_eigen_proces
from hulpvragen.models import Hulpvraag, Match
from initiatieven.models import Aanmelding, Bijeenkomst

KLEIN = ("--cooperaties", "2", "--bewoners", "30", "--runs", "2", "--matches", "2")
TABELLEN = ["bewoners", "hulpvragen", "matches", "reserveringen", "bijeenkomsten", "aanmeldingen"]
FIGUREN = [
    r"matching \(hulpvraag_match\)",
    r"/hulp/ \(bewoner\)",
    r"/coordinatie/ \(buurtassistent\)",
    r"/coordinatie/ tellingen \(htmx\)",
]


def _controleer_uitvoer(uit: str, *, na_elkaar: bool) -> None:
    """What every run prints: the rows of both coöperaties, the figures of both sizes (on SQLite
    one after the other: the ratio is that of the medians; on PostgreSQL in turn: the median of
    the rounds' ratios)."""
    # Rows per coöperatie, counted in the database after the copy: two coöperaties, each as
    # many as the first had in phase 1, and no reference out of its own coöperatie.
    for tabel in TABELLEN:
        rij = re.search(rf"^\s+{tabel}\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", uit, re.M)
        assert rij, f"geen telling voor {tabel}:\n{uit}"
        cooperaties, laagste, hoogste, fase1, samen = map(int, rij.groups())
        assert cooperaties == 2 and fase1 > 0, rij.group(0)
        assert laagste == hoogste == fase1 and samen == 2 * fase1, rij.group(0)
    assert re.search(r"Verwijzingen naar een andere coöperatie of een niet-lid: 0 \(\d+ ", uit)
    # Each figure at both sizes, its ratio, the same queries, and the last coöperatie's.
    for figuur in FIGUREN:
        rij = re.search(
            rf"^  {figuur}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d-]+) / ([\d-]+)\s+([\d.]+)$",
            uit,
            re.M,
        )
        assert rij, f"geen cijfers voor {figuur}:\n{uit}"
        klein, groot, verhouding, q1, q2, laatste = rij.groups()
        assert float(klein) > 0 and float(groot) > 0 and float(laatste) > 0
        assert float(verhouding) > 0
        if na_elkaar:
            assert abs(float(verhouding) - float(groot) / float(klein)) < 0.02
        assert q1 == q2 and int(q1.split("-")[0]) > 0  # matching: "13-19" (fewest-most)
    for soort in ("proces", "hier"):
        rij = re.search(rf"migrate, niets te doen \({soort}\)\s+(\d+)\s+(\d+)\s+([\d.]+)", uit)
        assert rij and int(rij.group(1)) > 0 and int(rij.group(2)) > 0, uit
    assert "Doel: dezelfde queries: ja" in uit
    assert re.search(r"Doel: elke verhouding onder 1\.5: (gehaald|NIET gehaald)", uit)


def test_bench_cooperaties_smoke_run_on_sqlite(tmp_path):
    """The whole command, in its own process, on an in-memory SQLite database."""
    result = in_eigen_proces(
        tmp_path, "bench_cooperaties", "--allow-sqlite", *KLEIN, "--migrates", "1", "--rondes", "1"
    )
    uit = result.stdout
    assert result.returncode == 0, result.stderr[-3000:] + uit
    _controleer_uitvoer(uit, na_elkaar=True)
    assert "RLS: niet gemeten (geen tweede muur: SQLite)" in uit
    # The configured database was never made.
    assert not (tmp_path / "db.sqlite3").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL run (the smoke run covers SQLite)"
)
def test_bench_cooperaties_smoke_run_on_postgresql():
    """The whole command on the configured PostgreSQL server (in a database of its own next to
    the configured one), with the cost of the second wall when the app has its role."""
    env = {**os.environ, "CELERY_BROKER_URL": ""}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench_cooperaties",
            *KLEIN,
            "--migrates",
            "1",
            "--rondes",
            "2",
        ],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    uit = result.stdout
    assert result.returncode == 0, result.stderr[-3000:] + uit
    _controleer_uitvoer(uit, na_elkaar=False)
    assert "Om de beurt gemeten (2 rondes" in uit
    if settings.WIJK_DB_ROL:
        assert re.search(r"muur hersteld: alle \d+ tabellen weer met beleid \(FORCE\)", uit)
        # One request: with the wall each statement outside a transaction becomes one (its
        # own set_config); without it none; the SQL is the same.
        rij = re.search(
            r"^    /hulp/ \(bewoner\)\s+(\d+)/(\d+)/(\d+)/(\d+)\s+(\d+)/(\d+)/0/0\s", uit, re.M
        )
        assert rij, uit
        queries, statements, set_config, _transacties, zonder, zonder_statements = map(
            int, rij.groups()
        )
        assert queries == zonder == zonder_statements and statements == queries + set_config
        assert re.search(r"Doel: de muur kost minder dan 10%: (gehaald|NIET gehaald)", uit)


@pytest.mark.django_db
def test_the_copies_are_whole_cooperaties_of_their_own():
    eerste = Cooperatie.objects.order_by("pk").first()
    with in_cooperatie(eerste):
        build(30)
    # PostgreSQL: fire the deferred checks of the rows just made (the copy alters the tables).
    connection.check_constraints()
    doelen = [cooperatie_create(naam=f"Kopie {n}", slug=f"kopie-{n}") for n in (2, 3)]

    gemaakt = kloon.kopieer(eerste, doelen)

    assert gemaakt["hulpvragen_hulpvraag"] == 2 * Hulpvraag.objects.count() > 0
    with over_alle_cooperaties():
        for model in (Profiel, Hulpvraag, Match, Reservering, Bijeenkomst, Aanmelding):
            per = dict(
                model.objects.alle_cooperaties()
                .order_by()
                .values_list("cooperatie")
                .annotate(n=Count("pk"))
            )
            assert per[eerste.pk] > 0, model
            assert per == dict.fromkeys([eerste.pk, *(d.pk for d in doelen)], per[eerste.pk])
    for doel in doelen:
        with in_cooperatie(doel):
            # Its own people (a copy of each of the first's, with an address of its own)...
            mensen = list(User.objects.hier().values_list("email", flat=True))
            assert len(mensen) == Profiel.objects.count() > 30
            # (someone entered by intake has no e-mail address: None, in the copies too)
            assert all(f"@{doel.slug}." in email for email in mensen if email is not None)
            # ... who made its requests, helped with them and signed up for its meetings.
            leden = User.objects.hier()
            assert Hulpvraag.objects.filter(aanvrager__email__contains=f"@{doel.slug}.").exists()
            assert not Hulpvraag.objects.exclude(aanvrager__in=leden).exists()
            assert not Match.objects.exclude(helper__in=leden).exists()
            assert not Aanmelding.objects.exclude(user__in=leden).exists()
            # The sequences moved past the copies: a new row gets a new id.
            Buurt.objects.create(naam="Nieuwe buurt", slug="nieuwe-buurt")
    assert not any(kloon.kruisende_verwijzingen().values())
    with pytest.raises(RuntimeError, match="één coöperatie"):  # it copies a lone one only
        kloon.kopieer(eerste, [cooperatie_create(naam="Nog een", slug="nog-een")])


def test_every_unique_rule_is_one_the_copies_keep():
    """A new unique column of a copied table fails here (and in the copy), not in a bench run
    an hour later: teach demo/kloon.py how to copy it."""
    modellen = kloon.te_kopieren()
    for model in modellen:
        kloon._controleer_uniek(model, set(modellen))
    assert User in modellen and Hulpvraag in modellen
    # Each after the tables it points at.
    plaats = {m: i for i, m in enumerate(modellen)}
    for model in modellen:
        for veld in model._meta.concrete_fields:
            if (
                veld.is_relation
                and veld.related_model in plaats
                and veld.related_model is not model
            ):
                assert plaats[veld.related_model] < plaats[model], (model, veld.name)


def test_a_unique_rule_the_copies_would_break_is_refused(monkeypatch):
    monkeypatch.setattr(Reservering._meta.get_field("doel"), "unique", True)
    with pytest.raises(RuntimeError, match="doel"):
        kloon._controleer_uniek(Reservering, set(kloon.te_kopieren()))


@pytest.mark.django_db
def test_it_refuses_sqlite_without_the_flag():
    if connection.vendor == "postgresql":
        pytest.skip("only meaningful on SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_cooperaties", stdout=StringIO())
