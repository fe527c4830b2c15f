"""Shared fixtures: the personas every test can use, and the database guard.

Personas (healthchecks style): ``bewoner``, ``helper``, ``buurtassistent``, ``bestuurslid``,
``beheerder`` and ``outsider`` (a resident with no relation to the others).
"""

import os

import pytest
from django.conf import settings

from bewoners.roles import Rol
from bewoners.tests.factories import BuurtFactory, UserFactory


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL or "eager (in-process)"
    return [
        f"wijk: database={engine}, cache={settings.CACHES['default']['BACKEND']}, broker={broker}"
    ]


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
def _fast_and_isolated(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
def client_for(client):
    """``client_for(user)`` returns a test client logged in as ``user``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def reference_data(transactional_db):
    """Roles, categories and the site, as the data migration creates them.

    Transactional tests (browser, real worker) empty every table when they finish, so the rows
    that migrations made must be put back for the next one. The migration's own function does
    it, so the data cannot drift.
    """
    from importlib import import_module

    from django.apps import apps

    import_module("bewoners.migrations.0002_rollen_categorieen_site").forwards(apps, None)
