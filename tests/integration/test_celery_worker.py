"""A real Celery worker (separate process) against Redis and PostgreSQL sends a notification e-mail.

Runs where PostgreSQL and Redis are configured (CI); elsewhere it is skipped, unless
``WIJK_REQUIRE_INTEGRATION=1`` makes a missing service an error.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from bewoners.tests.factories import UserFactory
from meldingen.models import Melding
from meldingen.services import notify
from wijk.celery import app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
BASE_DIR = Path(settings.BASE_DIR)


def _redis_answers() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def _reset_connections():
    """Drop pooled broker connections so the next send uses the broker now configured."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def _missing() -> list[str]:
    reasons = []
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        reasons.append("the worker needs a database it can share with the test (PostgreSQL)")
    if not _redis_answers():
        reasons.append(f"no Redis at {REDIS_URL}")
    return reasons


# Decided at collection, before any database set-up, so a skip leaves no trace.
_MISSING = _missing()
if _MISSING and os.environ.get("WIJK_REQUIRE_INTEGRATION"):
    raise RuntimeError("WIJK_REQUIRE_INTEGRATION is set, but: " + "; ".join(_MISSING))

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(bool(_MISSING), reason="; ".join(_MISSING)),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def real_worker(tmp_path):
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # environ drops one leading slash
        "DEBUG": "True",
    }
    # A private queue so a stray worker elsewhere cannot take our task.
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wijk",
            "worker",
            "--pool",
            "solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False, task_default_queue=queue)
    _reset_connections()
    try:
        yield mail_dir
    finally:
        app.conf.update(saved)
        _reset_connections()
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
        print(output[-4000:])


def test_notification_mail_is_sent_by_a_real_worker(real_worker):
    user = UserFactory(email="echt@example.org", first_name="Echt")
    with transaction.atomic():
        melding = notify(user, "welkom", titel="Welkom in de wijk!", tekst="Privé: niet mailen")
    assert melding is not None and melding.email_gewenst

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        melding.refresh_from_db()
        if melding.email_verzonden_op and list(real_worker.iterdir()):
            break
        time.sleep(0.5)
    assert melding.email_verzonden_op is not None, "the worker did not send the e-mail in time"
    sent = "\n".join(p.read_text() for p in real_worker.iterdir())
    assert "echt@example.org" in sent
    assert "Welkom in de wijk!" in sent
    assert "Privé: niet mailen" not in sent
    assert Melding.objects.filter(pk=melding.pk, email_verzonden_op__isnull=False).count() == 1
