"""Personal pages and exports are sent with ``Cache-Control: private, no-store`` (issue 12).

A browser on a shared computer, or a proxy, must not keep a page with someone's data. Every
answer to a logged-in person gets it from ``wijk.middleware.PersonalPagesNotStoredMiddleware``;
the calendar feeds behind a secret link (no login) and the exports carry ``never_cache``
themselves. Public pages, the public busy-only feeds and static files may still be cached.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accommodaties.models import AgendaSleutel
from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from initiatieven.tests.factories import InitiatiefFactory

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")


@pytest.mark.parametrize(
    "url",
    [
        reverse("bewoners:start"),
        reverse("bewoners:privacy"),
        reverse("bewoners:profiel_edit"),
        reverse("meldingen:inbox"),
        reverse("hulpvragen:mijn_hulpvragen"),
        reverse("accommodaties:mijn"),
        reverse("accommodaties:mijn_agenda"),
        reverse("initiatieven:mijn"),
        reverse("initiatieven:agenda"),  # public, but this answer is for a logged-in person
    ],
)
def test_every_page_for_a_logged_in_person_is_not_stored(client_for, bewoner, url):
    response = client_for(bewoner).get(url)

    assert response.status_code == 200
    assert_not_stored(response)


def test_a_redirect_and_a_refusal_for_a_logged_in_person_are_not_stored(client_for, bewoner):
    client = client_for(bewoner)

    redirect = client.get(reverse("home"))  # the logged-in start page is their own
    assert redirect.status_code == 302
    assert_not_stored(redirect)
    refused = client.get(reverse("rapportages:rapport"))
    assert refused.status_code == 403
    assert_not_stored(refused)
    missing = client.get("/hulp/vragen/999999/")
    assert missing.status_code == 404
    assert_not_stored(missing)


def test_the_data_export_is_not_stored(client_for, bewoner):
    response = client_for(bewoner).get(reverse("bewoners:export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert_not_stored(response)


def test_the_ics_of_a_booking_is_not_stored(client_for, bewoner):
    begin = timezone.now() + timedelta(days=2)
    reservering = ReserveringFactory(geboekt_door=bewoner, begin=begin)

    response = client_for(bewoner).get(
        reverse("accommodaties:reservering_ics", args=[reservering.pk])
    )

    assert response.status_code == 200
    assert_not_stored(response)


@pytest.mark.parametrize("feed", ["accommodaties:feed_mijn", "initiatieven:feed_mijn"])
def test_personal_feeds_behind_a_secret_link_are_not_stored(bewoner, feed):
    sleutel = AgendaSleutel.voor(bewoner).sleutel

    response = Client().get(reverse(feed, args=[sleutel]))  # a calendar app: no login

    assert response.status_code == 200
    assert_not_stored(response)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("rapportages:rapport"), {}),
        (
            reverse("rapportages:rapport"),
            {"periode": "deze_maand", "format": "csv", "tabel": "hulp"},
        ),
        (reverse("rapportages:xlsx"), {"periode": "deze_maand"}),
    ],
)
def test_reports_and_their_exports_are_not_stored(client_for, bestuurslid, url, params):
    response = client_for(bestuurslid).get(url, params)

    assert response.status_code == 200
    assert_not_stored(response)


def test_a_public_page_for_an_anonymous_visitor_is_not_marked(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("anonymous", [True, False])
def test_public_busy_only_feeds_keep_their_own_caching(client_for, bewoner, buurt, anonymous):
    zaal = AccommodatieFactory(slug="buurtzaal", buurt=buurt)
    wandelgroep = InitiatiefFactory(slug="wandelgroep")
    client = Client() if anonymous else client_for(bewoner)

    for url in (
        reverse("accommodaties:feed_ruimte", args=[zaal.slug]),
        reverse("initiatieven:feed_initiatief", args=[wandelgroep.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "max-age" in cache_control
        assert "no-store" not in cache_control and "private" not in cache_control


def test_static_files_keep_whitenoises_caching(client_for, bewoner, settings):
    # Finders: tests do not run collectstatic; whitenoise then serves from the static folders.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = client_for(bewoner)

    response = client.get("/static/css/wijk.css")

    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
