"""The health endpoint reports database, cache and broker (used by the Docker HEALTHCHECK)."""

import pytest
from django.core.cache.backends.base import BaseCache
from django.urls import reverse

pytestmark = pytest.mark.django_db


class BrokenCache(BaseCache):
    """A cache backend whose server is down: every read and write fails."""

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("cache server is down")

    add = get = set = touch = delete = has_key = incr = decr = _down

    def clear(self):  # the test fixtures clear caches; that must not fail
        pass


BROKEN_CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}


def test_health_reports_database_cache_and_broker(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    # Without CELERY_BROKER_URL tasks run in-process ("eager"); with one, it must answer.
    assert body["checks"]["broker"] in {"ok", "eager"}


def test_health_is_never_cached(client):
    response = client.get(reverse("health"))

    assert "no-cache" in response["Cache-Control"]


def test_health_fails_with_503_when_the_cache_is_down(client, settings):
    settings.CACHES = BROKEN_CACHES

    response = client.get(reverse("health"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"


def test_health_fails_with_503_when_the_broker_is_unreachable(client, settings, monkeypatch):
    from wijk.celery import app

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("broker is down")

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(app, "connection_for_write", unreachable)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error"


def test_health_answers_over_http_when_https_is_enforced(client, settings):
    # Production settings redirect everything to https, except /health/, which the
    # container's HEALTHCHECK calls over plain http.
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_health_answers_staff_without_a_second_factor(client):
    from bewoners.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))  # would be sent to the TOTP set-up elsewhere

    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_privacy_statement_is_public(client):
    response = client.get("/privacyverklaring/")
    assert response.status_code == 200
    assert "Jouw rechten" in response.content.decode()


@pytest.mark.django_db
def test_dutch_by_default_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_gives_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en"' in response.content.decode()
