"""Shared fixtures: the personas every test can use, and the database guard.

Personas (healthchecks style): ``bewoner``, ``helper``, ``buurtassistent``, ``bestuurslid``,
``beheerder`` and ``outsider`` (a resident with no relation to the others).
"""

import os

import pytest
import time_machine
from django.conf import settings
from django.test.utils import override_settings
from django.utils import translation

from bewoners.roles import Rol
from bewoners.tests.factories import BuurtFactory, UserFactory
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.selectors import cooperatie_voor_host_bewaard, site_url, vergeet_hosts
from tests.tijd import START

# The suite's own Celery, cache and e-mail configuration, whatever .env or the shell says
# (a developer's .env for `make worker` sets CELERY_BROKER_URL; CI sets a Redis CACHE_URL).
# Tasks run in the test, eagerly, and their errors surface there; the cache is this process's
# own memory (so `cache.clear()` never empties a shared Redis); e-mail lands in mail.outbox.
# A test that needs something else asks for it with the `settings` fixture; the tests marked
# `integration` start a real worker on purpose (tests/integration/conftest.py: real_worker).
TEST_SETTINGS = {
    "CELERY_BROKER_URL": "",
    "CELERY_TASK_ALWAYS_EAGER": True,
    "CELERY_TASK_EAGER_PROPAGATES": True,
    "CACHES": {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wijk-tests",
        }
    },
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    # Sessions in the database, as the settings choose with a cache per process (a Redis
    # CACHE_URL in the environment would have made them cached_db).
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    # Transactional tests empty the tables afterwards, as the application's role.
    "WIJK_DB_APP_MAG_LEEGMAKEN": True,
}
# The same for the Celery app, which wijk/celery.py created before the tests began.
CELERY_TEST_CONF = {"task_always_eager": True, "task_eager_propagates": True}

# What the environment asked for, for the report header.
_FROM_ENVIRONMENT = {}


def pytest_configure(config):
    _FROM_ENVIRONMENT.update(
        broker=settings.CELERY_BROKER_URL, cache=settings.CACHES["default"]["BACKEND"]
    )
    # Enabled for the whole session: override_settings sends setting_changed, so Django drops
    # cache connections made with the environment's CACHES.
    override_settings(**TEST_SETTINGS).enable()
    _celery_in_process()


def _celery_in_process():
    """Make the Celery app run tasks in the test.

    The app reads its settings through from django.conf.settings (config_from_object keeps the
    settings object, so the overridden settings alone already make tasks eager - checked), but
    a value once set on ``app.conf`` (real_worker does) wins over the settings, so the values
    that matter are set there too.
    """
    from wijk.celery import app

    app.conf.update(CELERY_TEST_CONF)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL or "eager (in-process)"
    header = [
        f"wijk: database={engine}, cache={settings.CACHES['default']['BACKEND']}, broker={broker}"
    ]
    ignored = []
    if _FROM_ENVIRONMENT.get("broker"):
        ignored.append("the broker of CELERY_BROKER_URL")
    if _FROM_ENVIRONMENT.get("cache") != settings.CACHES["default"]["BACKEND"]:
        ignored.append(f"the cache {_FROM_ENVIRONMENT.get('cache')}")
    if ignored:
        header.append(
            "wijk: not used by the tests (set in .env or the shell): " + ", ".join(ignored)
        )
    return header


_TELLINGEN = pytest.StashKey[list]()


@pytest.fixture
def telling(request):
    """``telling("outsider matrix: 1,234 GETs ...")``: a figure a test wants in CI's log. The
    lines are printed in pytest's closing summary (whatever ``-s`` or ``-q`` say)."""
    regels = request.config.stash.setdefault(_TELLINGEN, [])
    return regels.append


def pytest_sessionfinish(session, exitstatus):
    """Under pytest-xdist each worker hands its figures to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["wijk_tellingen"] = session.config.stash.get(_TELLINGEN, [])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """The controller's side of the above: a worker's figures join the controller's own."""
    regels = getattr(node, "workeroutput", {}).get("wijk_tellingen", [])
    node.config.stash.setdefault(_TELLINGEN, []).extend(regels)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    regels = config.stash.get(_TELLINGEN, [])
    if regels:
        terminalreporter.section("wijk: figures from the tests")
        for regel in regels:
            terminalreporter.write_line(regel)


@pytest.fixture(scope="session", autouse=True)
def _database_is_what_was_asked_for(django_db_blocker):
    """Fail loudly when PostgreSQL was asked for but the tests would run on something else."""
    wanted = os.environ.get("DATABASE_URL", "")
    if wanted.startswith(("postgres://", "postgresql://", "pgsql://")) or os.environ.get(
        "WIJK_REQUIRE_POSTGRES"
    ):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            pytest.exit(f"PostgreSQL was asked for, but the database engine is {engine}", 3)
        from django.db import connection

        with django_db_blocker.unblock():
            connection.ensure_connection()
            if connection.vendor != "postgresql":
                pytest.exit("PostgreSQL was asked for, but the connection is not PostgreSQL", 3)


@pytest.fixture(autouse=True)
def _celery_runs_tasks_in_the_test(request):
    """Every test but an `integration` one starts with tasks run eagerly, whatever a test
    before it did to the Celery app (the real_worker fixture restores what it changes).

    Celery's guard against ``result.get()`` inside a task is one flag for the whole process,
    set and reset around every eager task. Tests that race threads (double bookings, parallel
    sign-ups) run eager tasks in several threads at once; interleaved, the threads can leave
    the flag set, and a later test's ``result.get()`` then raises "Never call result.get()
    within a task". The flag is put back after each test."""
    from celery._state import _set_task_join_will_block, task_join_will_block

    if request.node.get_closest_marker("integration") is None:
        _celery_in_process()
    before = task_join_will_block()
    yield
    _set_task_join_will_block(before)


@pytest.fixture(autouse=True)
def _hosts_opnieuw_opzoeken(request):
    """Each test starts with no host remembered (a test before it may have made or removed
    coöperaties). A test with the ordinary database then looks up the test client's host at
    once, as a warm process would have it: the queries a test counts are its page's own. The
    data migration's coöperatie is there in every such test (rolled back, never removed), and
    the test works for it (``cooperaties.huidige``), as a request or a task would."""
    vergeet_hosts()
    namen = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactioneel = bool({"transactional_db", "live_server"} & namen) or bool(
        marker and marker.kwargs.get("transaction")
    )
    if not transactioneel and (marker is not None or "db" in namen):
        request.getfixturevalue("db")
        # The test works for the coöperatie the test client's host opens, as a request would.
        cooperatie = cooperatie_voor_host_bewaard("testserver")
        site_url(cooperatie)  # its address for links, remembered as a warm process has it
        with in_cooperatie(cooperatie):
            yield
    else:
        yield
    vergeet_hosts()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _dutch_unless_asked():
    """Every test starts in the site's own language, whatever a test before it in this process
    activated (a lazy message read in the test's thread takes that thread's language)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def buurt(db):
    return BuurtFactory(naam="Oud-Zuid", slug="oud-zuid", postcodes="3541, 3542")


@pytest.fixture
def andere_buurt(db):
    return BuurtFactory(naam="Nieuwland", slug="nieuwland", postcodes="3543")


@pytest.fixture
def bewoner(db, buurt):
    return UserFactory(
        first_name="Bep", last_name="Jansen", email="bep@example.org", profiel__buurt=buurt
    )


@pytest.fixture
def helper(db, buurt):
    return UserFactory(
        first_name="Henk", last_name="de Vries", email="henk@example.org", profiel__buurt=buurt
    )


@pytest.fixture
def outsider(db, andere_buurt):
    return UserFactory(
        first_name="Olga", last_name="Buiten", email="olga@example.org", profiel__buurt=andere_buurt
    )


@pytest.fixture
def buurtassistent(db, buurt):
    return UserFactory(
        first_name="Bas",
        last_name="Assistent",
        email="bas@example.org",
        rollen=[Rol.BUURTASSISTENT],
        with_mfa=True,
    )


@pytest.fixture
def bestuurslid(db):
    return UserFactory(
        first_name="Bea",
        last_name="Bestuur",
        email="bea@example.org",
        rollen=[Rol.BESTUUR],
        with_mfa=True,
    )


@pytest.fixture
def beheerder(db):
    return UserFactory(
        first_name="Ben",
        last_name="Beheer",
        email="ben@example.org",
        rollen=[Rol.BEHEERDER],
        is_staff=True,
        with_mfa=True,
    )


@pytest.fixture
def admin_user(db):
    """A platform beheerder with every right (superuser, second factor set up); overrides
    pytest-django's ``admin_user``."""
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True, with_mfa=True)


@pytest.fixture
def admin_client(client_for, admin_user):
    """A test client logged in as ``admin_user`` (overrides pytest-django's)."""
    return client_for(admin_user)


@pytest.fixture
def klok():
    """The clock stands still at ``tests.tijd.START`` (Monday 4 March 2030, 09:00 in
    Amsterdam); a test moves it with ``klok.move_to(...)``. Not automatic: a module that wants it
    everywhere says ``pytestmark = [..., pytest.mark.usefixtures("klok")]``."""
    with time_machine.travel(START, tick=False) as reis:
        yield reis


@pytest.fixture
def client_for(client):
    """``client_for(user)`` returns a test client logged in as ``user``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def reference_data(transactional_db):
    """Roles, categories, the site and the first coöperatie, as the data migrations create them.

    Transactional tests (browser, real worker) empty every table when they finish, so the rows
    that migrations made must be put back for the next one. The migration's own function does
    it, so the data cannot drift.
    """
    from importlib import import_module

    from django.apps import apps

    import_module("cooperaties.migrations.0002_eerste_cooperatie").eerste_cooperatie(apps, None)
    vergeet_hosts()  # the coöperatie is new: look its hosts up again
    with in_cooperatie(Cooperatie.objects.order_by("pk").first()):
        import_module("bewoners.migrations.0002_rollen_categorieen_site").forwards(apps, None)
        import_module("bewoners.migrations.0007_platformrollen").forwards(apps, None)
        yield
