"""Services queue tasks by name (wijk.lib.taken); every name they give is a registered task."""

import re
from pathlib import Path

import pytest
from celery.exceptions import NotRegistered
from django.conf import settings
from django.db import transaction

from wijk.celery import app
from wijk.lib import taken

BASE_DIR = Path(settings.BASE_DIR)
NAAM = re.compile(r"taken\.(?:na_commit|stuur)\(\s*f?\"([^\"]+)\"")


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
def test_the_task_is_sent_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        taken.na_commit("meldingen.tasks.send_digest", 0)
    assert len(callbacks) == 1
