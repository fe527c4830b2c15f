"""A real Celery worker (a separate process) against Redis and PostgreSQL, for the tests here.

These tests run where PostgreSQL and Redis are configured (CI); elsewhere they are skipped,
unless ``WIJK_REQUIRE_INTEGRATION=1`` makes a missing service an error.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from kombu import pools as kombu_pools

from wijk.celery import app

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
BASE_DIR = Path(settings.BASE_DIR)
HERE = Path(__file__).resolve().parent


def _redis_answers() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def _reset_connections():
    """Drop pooled broker connections so the next send uses the broker now configured.

    kombu also keeps producer pools in a global registry; a pool whose connections were closed
    would be handed out again ("Acquire on closed pool" in the next test), so that goes too.
    """
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    kombu_pools.reset()


def _missing() -> list[str]:
    reasons = []
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        reasons.append("the worker needs a database it can share with the test (PostgreSQL)")
    if not _redis_answers():
        reasons.append(f"no Redis at {REDIS_URL}")
    return reasons


# Decided at collection, before any database set-up, so a skip leaves no trace.
MISSING = _missing()
if MISSING and os.environ.get("WIJK_REQUIRE_INTEGRATION"):
    raise RuntimeError("WIJK_REQUIRE_INTEGRATION is set, but: " + "; ".join(MISSING))


def pytest_collection_modifyitems(config, items):
    if not MISSING:
        return
    skip = pytest.mark.skip(reason="; ".join(MISSING))
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


# The worker consumes a private queue, and sends the tasks it queues itself (an e-mail after a
# melding) to that queue too, so a stray worker elsewhere can take none of them.
WORKER = """
import sys
from wijk.celery import app
queue = sys.argv[1]
app.conf.task_default_queue = queue
app.worker_main(["worker", "--pool", "solo", "-Q", queue, "--without-gossip",
                 "--without-mingle", "--without-heartbeat", "-l", "info"])
"""


@pytest.fixture
def real_worker(tmp_path):
    """Start a worker process; yields the directory its e-mails are written to."""
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
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, queue],
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


def wait_for(check, *, timeout=60.0, interval=0.3):
    """Poll ``check()`` until it returns something truthy; return that, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    return None
