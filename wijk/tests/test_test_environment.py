"""The suite brings its own Celery, cache and e-mail configuration (issue 12).

Tasks run inside the test and raise there, the cache is this process's memory and e-mail lands
in ``mail.outbox`` - whatever a developer's .env or the shell says (``CELERY_BROKER_URL`` for
``make worker``, a Redis ``CACHE_URL``). The root conftest.py sets it; these tests fail when it
is not in force. The last one runs them again in a fresh pytest whose environment points at
a broker, cache and mail server that do not answer.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from wijk.celery import app

BASE_DIR = Path(__file__).resolve().parents[2]


class Raised(Exception):
    pass


@app.task(name="wijk.tests.test_test_environment.raises")
def raises(waarde):
    raise Raised(waarde)


@app.task(name="wijk.tests.test_test_environment.doubles")
def doubles(waarde):
    return waarde * 2


def test_tasks_run_eagerly_in_the_test():
    assert app.conf.task_always_eager is True
    assert app.conf.task_eager_propagates is True

    result = doubles.delay(21)

    # Sent to a broker, delay() would return an AsyncResult with no value yet.
    assert isinstance(result, EagerResult)
    assert result.get() == 42


def test_a_task_error_is_raised_in_the_test():
    with pytest.raises(Raised, match="zichtbaar"):
        raises.delay("zichtbaar")


def test_the_cache_is_this_process_memory():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"

    cache.set("wijk-test-sleutel", "waarde")

    assert cache.get("wijk-test-sleutel") == "waarde"


def test_email_lands_in_the_outbox():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"

    mail.send_mail("Onderwerp", "Tekst", "wijk@example.org", ["bep@example.org"])

    assert [m.subject for m in mail.outbox] == ["Onderwerp"]


def test_the_environment_does_not_change_it():
    """The tests above, in a fresh pytest with a broker, cache and mail server set that do not
    answer (nothing listens on port 1). Without the suite's own configuration a task would go
    to the broker and the cache and mail would fail to connect."""
    env = {
        **os.environ,
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "CACHE_URL": "rediscache://127.0.0.1:1/1",
        "EMAIL_URL": "smtp://127.0.0.1:1",
        # The tests above need no database; a private in-memory one keeps this run apart from
        # the test database of the run that started it.
        "DATABASE_URL": "sqlite://:memory:",
    }
    env.pop("WIJK_REQUIRE_POSTGRES", None)
    this = Path(__file__).relative_to(BASE_DIR)
    tests = [
        f"{this}::{name}"
        for name in (
            "test_tasks_run_eagerly_in_the_test",
            "test_a_task_error_is_raised_in_the_test",
            "test_the_cache_is_this_process_memory",
            "test_email_lands_in_the_outbox",
        )
    ]

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *tests],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "4 passed" in output, output[-4000:]
    assert "not used by the tests" in output  # the header says what was set aside
