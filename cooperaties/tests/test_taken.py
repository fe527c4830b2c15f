"""Tasks carry their coöperatie (cooperaties.taken): queued by name with the current coöperatie's
id in front, run inside that coöperatie; periodic jobs run once per active coöperatie."""

import re
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import NotRegistered
from django.conf import settings
from django.db import transaction

from cooperaties import taken
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.services import cooperatie_create
from cooperaties.tasks import elke_cooperatie
from wijk.celery import app

BASE_DIR = Path(settings.BASE_DIR)
NAAM = re.compile(r"(?:taken\.)?(?:na_commit|stuur)\(\s*f?\"([^\"]+)\"")

# What the task below saw, per run: (argument, the coöperatie it ran in).
GEZIEN: list[tuple[int, str | None]] = []


@taken.taak()
def welke_cooperatie(getal: int = 0) -> str | None:
    """A task for these tests: records which coöperatie it runs in."""
    naam = huidige().slug if huidige() else None
    GEZIEN.append((getal, naam))
    return naam


@pytest.fixture(autouse=True)
def _leeg():
    GEZIEN.clear()


def _namen_in_de_code() -> set[str]:
    namen = set()
    for pad in BASE_DIR.glob("*/**/*.py"):
        if ".venv" in pad.parts or "tests" in pad.parts:
            continue
        namen.update(NAAM.findall(pad.read_text(encoding="utf-8")))
    return namen


def test_every_task_name_in_the_services_is_registered():
    namen = _namen_in_de_code()
    assert namen, "no service queues a task by name: the pattern no longer matches the code"
    vaste = {n for n in namen if "{" not in n}
    assert {n for n in vaste if n not in app.tasks} == set()
    # f-strings: the prefix must be an app's tasks module that has tasks.
    for naam in namen - vaste:
        prefix = naam.split("{", 1)[0]
        assert any(t.startswith(prefix) for t in app.tasks), naam


def test_an_unknown_name_fails_at_once_not_after_the_commit():
    with pytest.raises(NotRegistered):
        taken.na_commit("hulpvragen.tasks.bestaat_niet", 1)


@pytest.mark.django_db
def test_the_task_is_sent_after_the_commit_with_the_cooperatie_in_front(
    django_capture_on_commit_callbacks,
):
    naam = "meldingen.tasks.send_digest"
    with mock.patch.object(app.tasks[naam], "delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
            taken.na_commit(naam, 7)
        assert len(callbacks) == 1
        delay.assert_not_called()
        callbacks[0]()
    delay.assert_called_once_with(huidige().pk, 7)


@pytest.mark.django_db
def test_work_queued_outside_any_cooperatie_fails_where_it_is_queued():
    with in_cooperatie(None):
        with pytest.raises(taken.GeenCooperatie):
            taken.na_commit("meldingen.tasks.send_digest", 7)
        with pytest.raises(taken.GeenCooperatie):
            taken.stuur("meldingen.tasks.send_digest", 7)


@pytest.mark.django_db
def test_a_task_runs_inside_the_cooperatie_it_was_queued_in(django_capture_on_commit_callbacks):
    oost = cooperatie_create(naam="Oost", slug="oost")
    naam = welke_cooperatie.name
    with django_capture_on_commit_callbacks(execute=True):
        taken.na_commit(naam, 1)
        with in_cooperatie(oost):
            taken.na_commit(naam, 2)
            taken.stuur(naam, 3)
    assert sorted(GEZIEN) == [
        (1, huidige().slug),
        (2, "oost"),
        (3, "oost"),
    ]
    # Outside the task, the caller's coöperatie is untouched.
    assert huidige().slug != "oost"


@pytest.mark.django_db
def test_the_cooperatie_id_is_part_of_the_message_and_checked():
    eerste = huidige()
    assert welke_cooperatie.apply(args=(eerste.pk, 5)).get() == eerste.slug
    with pytest.raises(TypeError):  # Celery checks the arguments: the coöperatie is required
        welke_cooperatie.apply(args=()).get()


@pytest.mark.django_db
def test_a_task_for_a_removed_cooperatie_does_nothing():
    weg = cooperatie_create(naam="Weg", slug="weg")
    pk = weg.pk
    weg.delete()
    assert welke_cooperatie.apply(args=(pk, 1)).get() is None
    assert GEZIEN == []


@pytest.mark.django_db
def test_a_periodic_job_runs_once_for_every_active_cooperatie():
    cooperatie_create(naam="Oost", slug="oost")
    cooperatie_create(naam="West", slug="west")
    slapend = cooperatie_create(naam="Slaap", slug="slaap")
    slapend.actief = False
    slapend.save()
    with in_cooperatie(None):  # the beat has no coöperatie of its own
        assert elke_cooperatie.apply(args=(welke_cooperatie.name,)).get() == 3
    assert sorted(naam for _, naam in GEZIEN) == sorted([huidige().slug, "oost", "west"])


def test_every_beat_entry_runs_per_cooperatie_and_names_a_task_of_the_house():
    for naam, regel in settings.CELERY_BEAT_SCHEDULE.items():
        assert regel["task"] == "cooperaties.tasks.elke_cooperatie", naam
        (taak,) = regel["args"]
        assert taak in app.tasks, naam
        # A task of the house: it takes the coöperatie's id in front of its own arguments.
        assert app.tasks[taak].__header__.__code__.co_varnames[0] == "cooperatie_id", naam
