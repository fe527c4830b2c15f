"""Conditional GET on public pages and feeds (issue 16, ``wijk.lib.http_cache``).

A repeated request with the validator gets a bodiless 304; anything the answer shows that
changes (the data, the coöperatie, the language, the visitor's CSRF secret) gives a new one; a
logged-in person's pages never get a validator and stay ``private, no-store``.
"""

import gzip
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.templatetags.static import static
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
from bewoners.tests.factories import UserFactory
from cooperaties.selectors import vergeet_hosts
from cooperaties.services import cooperatie_create
from initiatieven import services
from initiatieven.models import Initiatief
from initiatieven.tests.factories import InitiatiefFactory
from initiatieven.tests.hulp import op, wekelijks
from wijk.lib import http_cache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("klok")]


@pytest.fixture
def organisator(db):
    return UserFactory(first_name="Olaf", last_name="Organisator")


@pytest.fixture
def wandelgroep(organisator):
    return InitiatiefFactory(naam="Wandelgroep De Linde", slug="linde", organisatoren=[organisator])


@pytest.fixture
def wandelen(wandelgroep, organisator):
    return wekelijks(wandelgroep, organisator)


def detail_url(initiatief):
    return reverse("initiatieven:detail", args=[initiatief.slug])


def opnieuw(client, url, response, **headers):
    """The same address again, with the validators of ``response``."""
    return client.get(
        url,
        headers={
            "if-none-match": response["ETag"],
            "if-modified-since": response["Last-Modified"],
            **headers,
        },
    )


def queries(client, url, **headers) -> tuple:
    with CaptureQueriesContext(connection) as gevangen:
        response = client.get(url, headers=headers)
    return response, len(gevangen)


# --- a repeated request ----------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["home", "privacyverklaring"])
def test_a_public_page_asked_again_unchanged_is_a_304(client, naam):
    url = reverse(naam)
    eerste = client.get(url)
    assert eerste.status_code == 200
    assert eerste["ETag"].startswith('W/"')
    assert "Last-Modified" in eerste
    directives = {d.strip() for d in eerste["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives and "no-store" not in directives

    for headers in (
        {"if-none-match": eerste["ETag"]},
        {"if-modified-since": eerste["Last-Modified"]},
    ):
        tweede = client.get(url, headers=headers)
        assert tweede.status_code == 304, headers
        assert tweede.content == b""
        assert tweede["ETag"] == eerste["ETag"]
        assert tweede["Content-Security-Policy"] == eerste["Content-Security-Policy"]
        assert "no-cache" in tweede["Cache-Control"]


def test_a_304_renders_nothing(client, wandelgroep, wandelen):
    """Rendering the page runs no query of its own: everything it shows is in the fingerprint."""
    url = detail_url(wandelgroep)
    eerste, bij_200 = queries(client, url)
    assert eerste.status_code == 200
    assert "Wandelen" in eerste.content.decode()

    tweede, bij_304 = queries(client, url, **{"if-none-match": eerste["ETag"]})

    assert tweede.status_code == 304
    assert bij_304 == bij_200


# --- a change that shows ---------------------------------------------------------------------


def test_a_change_on_the_initiatives_page_gives_a_new_validator(
    client, wandelgroep, wandelen, bewoner
):
    url = detail_url(wandelgroep)
    eerste = client.get(url)
    assert eerste.status_code == 200

    # A sign-up changes the places left that the page shows (a count, no row of its own).
    services.aanmelding_create(bijeenkomst=wandelen.bijeenkomsten.earliest("begin"), user=bewoner)
    na_aanmelding = opnieuw(client, url, eerste)
    assert na_aanmelding.status_code == 200
    assert na_aanmelding["ETag"] != eerste["ETag"]
    assert na_aanmelding.content != eerste.content

    # A conditional update (no save(), no signal) of a shown field: the new name shows.
    Initiatief.objects.filter(pk=wandelgroep.pk).update(naam="Wandelclub De Linde")
    na_update = opnieuw(client, url, na_aanmelding)
    assert na_update.status_code == 200
    assert "Wandelclub De Linde" in na_update.content.decode()
    assert na_update["ETag"] != na_aanmelding["ETag"]
    # Last-Modified moves on, also within the same second (the clock stands still here).
    assert (
        client.get(url, headers={"if-modified-since": na_aanmelding["Last-Modified"]}).status_code
        == 200
    )
    assert opnieuw(client, url, na_update).status_code == 304


def test_content_that_changes_back_gets_a_newer_last_modified(client, wandelgroep):
    url = detail_url(wandelgroep)
    eerste = client.get(url)
    Initiatief.objects.filter(pk=wandelgroep.pk).update(naam="Anders")
    tussen = client.get(url)
    Initiatief.objects.filter(pk=wandelgroep.pk).update(naam=wandelgroep.naam)

    terug = client.get(url, headers={"if-modified-since": tussen["Last-Modified"]})

    assert terug.status_code == 200  # the client has "Anders"; an old moment would say 304
    assert terug["ETag"] == eerste["ETag"]  # the same content: the same ETag


def test_a_stopped_initiative_is_a_404_not_a_304(client, wandelgroep):
    url = detail_url(wandelgroep)
    eerste = client.get(url)
    Initiatief.objects.filter(pk=wandelgroep.pk).update(status=Initiatief.Status.GESTOPT)

    assert opnieuw(client, url, eerste).status_code == 404


# --- what else makes an answer differ ----------------------------------------------------------


def test_each_cooperatie_host_has_its_own_validator(client):
    cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost", kleur="#5b2a86")
    hier = client.get(reverse("home"))

    oost = opnieuw(client, reverse("home"), hier, host="oost.localhost")

    assert oost.status_code == 200
    assert "Wijkcoöperatie Oost" in oost.content.decode()
    assert oost["ETag"] != hier["ETag"]


def test_a_change_of_the_cooperaties_face_gives_a_new_validator(client):
    oost = cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost", kleur="#5b2a86")
    eerste = client.get(reverse("home"), headers={"host": "oost.localhost"})
    oost.kleur = "#1f6f43"
    oost.save()
    vergeet_hosts()  # as a process does after WIJK_HOSTS_ONTHOUDEN seconds

    tweede = opnieuw(client, reverse("home"), eerste, host="oost.localhost")

    assert tweede.status_code == 200
    assert "k=1f6f43" in tweede.content.decode()


def test_each_language_has_its_own_validator(client, settings):
    nl = client.get(reverse("home"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    en = opnieuw(client, reverse("home"), nl)

    assert en.status_code == 200
    assert en["ETag"] != nl["ETag"]
    assert 'lang="en"' in en.content.decode()


def test_a_new_csrf_secret_gives_a_new_validator(client, settings):
    """The page carries a token masked from the visitor's secret; a page kept from before the
    secret changed (logging out rotates it) must not come back with a 304."""
    eerste = client.get(reverse("home"))
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32

    tweede = opnieuw(client, reverse("home"), eerste)

    assert tweede.status_code == 200
    assert tweede["ETag"] != eerste["ETag"]
    assert opnieuw(client, reverse("home"), tweede).status_code == 304


def test_a_page_with_a_message_waiting_gets_no_validator(client, bewoner):
    """A message is shown once; a 304 would keep it waiting and show it on a later page."""
    client.force_login(bewoner)
    uit = client.post(reverse("account_logout"))
    home = client.get(uit["Location"], headers={"if-none-match": Client().get("/")["ETag"]})

    assert home.status_code == 200
    assert "Je bent uitgelogd." in home.content.decode()
    assert "ETag" not in home
    daarna = client.get("/")
    assert "Je bent uitgelogd." not in daarna.content.decode()
    assert "ETag" in daarna


# --- logged in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pagina", ["home", "detail", "privacyverklaring"])
def test_a_logged_in_person_gets_no_validator_and_no_304(client, wandelgroep, pagina):
    url = detail_url(wandelgroep) if pagina == "detail" else reverse(pagina)
    anoniem = Client().get(url)
    # No part in this coöperatie yet: the start page welcomes them, it does not redirect.
    client.force_login(UserFactory(email="gast@example.org", profiel=None))

    response = opnieuw(client, url, anoniem)

    assert response.status_code == 200
    assert "ETag" not in response and "Last-Modified" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


# --- feeds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ingelogd", [False, True])
def test_a_public_feed_asked_again_unchanged_is_a_304(
    client, wandelgroep, wandelen, organisator, bewoner, ingelogd
):
    if ingelogd:
        client.force_login(bewoner)
    url = reverse("initiatieven:feed_initiatief", args=[wandelgroep.slug])
    client.get(url)  # the middleware's once-per-session work is done before counting
    eerste, bij_200 = queries(client, url)
    assert eerste.status_code == 200
    assert "public" in eerste["Cache-Control"] and "max-age=300" in eerste["Cache-Control"]

    tweede, bij_304 = queries(client, url, **{"if-none-match": eerste["ETag"]})
    assert tweede.status_code == 304
    assert tweede["Cache-Control"] == eerste["Cache-Control"]
    assert bij_304 == bij_200  # building the calendar runs no query of its own

    services.activiteit_create(
        initiatief=wandelgroep, door=organisator, titel="Fietsen", begin=op(3, 14), einde=op(3, 16)
    )
    derde = opnieuw(client, url, eerste)
    assert derde.status_code == 200
    assert "Fietsen" in derde.content.decode()


def test_the_other_public_feeds_answer_304_and_change(client, wandelgroep, wandelen, buurt):
    bijeenkomst = wandelen.bijeenkomsten.earliest("begin")
    zaal = AccommodatieFactory(slug="buurtzaal", buurt=buurt)
    urls = {
        "activiteit": reverse("initiatieven:activiteit_ics", args=[wandelen.pk]),
        "bijeenkomst": reverse("initiatieven:bijeenkomst_ics", args=[bijeenkomst.pk]),
        "ruimte": reverse("accommodaties:feed_ruimte", args=[zaal.slug]),
    }
    eerst = {naam: client.get(url) for naam, url in urls.items()}
    for naam, url in urls.items():
        assert opnieuw(client, url, eerst[naam]).status_code == 304, naam

    wandelen.bijeenkomsten.filter(pk=bijeenkomst.pk).update(
        einde=bijeenkomst.einde + timedelta(hours=1)
    )
    ReserveringFactory(accommodatie=zaal, begin=op(2, 9))

    for naam, url in urls.items():
        assert opnieuw(client, url, eerst[naam]).status_code == 200, naam


# --- the fingerprint ----------------------------------------------------------------------------


def test_the_fingerprint_sees_related_objects_and_refuses_what_it_cannot_hash(wandelen):
    bijeenkomst = wandelen.bijeenkomsten.select_related("activiteit__initiatief").first()
    voor = http_cache.vingerafdruk([bijeenkomst])
    bijeenkomst.activiteit.initiatief.naam = "Anders"

    assert http_cache.vingerafdruk([bijeenkomst]) != voor
    with pytest.raises(http_cache.NietVast):
        http_cache.vingerafdruk({"iets": object()})


# --- static files and compression ----------------------------------------------------------------


@pytest.fixture
def gebouwde_static(settings, tmp_path):
    """Static files as the image has them: collected, hashed and compressed ahead
    (``CompressedManifestStaticFilesStorage``, as with DEBUG off), served by whitenoise."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_a_hashed_static_file_is_kept_for_years_an_unhashed_one_briefly(gebouwde_static):
    client = Client()  # a new handler: whitenoise reads the collected files
    gehasht = static("css/wijk.css")
    assert gehasht != "/static/css/wijk.css"  # the manifest's name, with the hash in it

    response = client.get(gehasht, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"  # the .gz made by collectstatic
    response.close()

    ongehasht = client.get("/static/css/wijk.css")
    assert ongehasht.status_code == 200
    assert ongehasht["Cache-Control"] == "max-age=60, public"
    assert "immutable" not in ongehasht["Cache-Control"]
    ongehasht.close()


def test_pages_and_feeds_are_sent_compressed(client, wandelgroep, wandelen):
    for url in (detail_url(wandelgroep), reverse("initiatieven:feed_initiatief", args=["linde"])):
        gewoon = client.get(url)
        ingepakt = client.get(url, headers={"accept-encoding": "gzip"})

        assert ingepakt.status_code == 200
        assert ingepakt["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in ingepakt["Vary"]
        inhoud = gzip.decompress(ingepakt.content)
        # Not byte for byte: a page's CSRF token and a feed's DTSTAMP differ each time.
        assert abs(len(inhoud) - len(gewoon.content)) < 50
        assert "Wandelgroep De Linde" in inhoud.decode()
        assert len(ingepakt.content) < len(gewoon.content) / 2
