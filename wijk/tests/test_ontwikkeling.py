"""``make run`` as a newcomer meets it (issue 15, point 17): links follow the port served, the
site's own error pages also with DEBUG on, one short terminal line per e-mail and per refused
page, tracebacks of real errors still in the terminal."""

import logging
import shutil
import subprocess
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client, override_settings
from django.urls import include, path

from wijk.lib.mail_console import EmailBackend, regel
from wijk.lib.toegang import iedereen, toegang

from .test_settings import BASE_DIR, load_settings

pytestmark = pytest.mark.django_db


@toegang(iedereen)
def boem(request):
    raise RuntimeError("kapot in de test")


# This module is the urlconf of the tests of a 500: the site's addresses and one that breaks.
urlpatterns = [path("boem/", boem), path("", include("wijk.urls"))]

TECHNISCH = "You’re seeing this error because you have"


# --- links follow the port ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("omgeving", "verwacht"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "acht"}, "http://127.0.0.1:8000"),  # nonsense: the default
        ({"PORT": "8123", "SITE_URL": "https://wijk.example.org/"}, "https://wijk.example.org"),
    ],
)
def test_site_url_follows_the_port_served(omgeving, verwacht):
    assert load_settings(DEBUG="True", **omgeving)["SITE_URL"] == verwacht


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_its_port_to_the_seed_and_the_server():
    uit = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "PORT=8123 .venv/bin/python manage.py seed_demo" in uit
    assert "PORT=8123 .venv/bin/python manage.py runserver 127.0.0.1:8123" in uit


def test_links_in_e_mails_of_a_second_cooperatie_use_that_port(settings):
    from cooperaties.models import Cooperatie
    from cooperaties.selectors import site_url, vergeet_hosts

    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.WIJK_PLATFORMDOMEIN = "localhost"
    vergeet_hosts()
    tweede = Cooperatie.objects.create(naam="Het Veer", slug="hetveer")
    assert site_url(tweede) == "http://hetveer.localhost:8123"


# --- the site's own error pages, also with DEBUG on ------------------------------------------


@override_settings(DEBUG=True)
def test_an_unknown_address_gets_the_sites_404_with_debug_on(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    inhoud = response.content.decode()
    assert "Deze pagina bestaat niet" in inhoud
    assert TECHNISCH not in inhoud


@override_settings(DEBUG=True)
def test_a_404_of_a_view_gets_the_sites_page_with_debug_on(client_for, bewoner):
    response = client_for(bewoner).get("/ruimtes/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


@override_settings(DEBUG=True)
def test_a_404_without_a_slash_still_redirects(client):
    assert client.get("/privacyverklaring").status_code == 301


@override_settings(DEBUG=True)
def test_developers_get_the_technical_404_on_request(client, settings):
    assert TECHNISCH in client.get("/bestaat-niet/?debug").content.decode()
    settings.WIJK_TECHNISCHE_FOUTEN = True
    assert TECHNISCH in client.get("/bestaat-niet/").content.decode()


@override_settings(DEBUG=False)
def test_without_debug_django_shows_the_same_page(client):
    response = client.get("/bestaat-niet/?debug")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


@pytest.mark.urls("wijk.tests.test_ontwikkeling")
@override_settings(DEBUG=True)
def test_an_error_gets_the_sites_500_and_its_traceback_in_the_log(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boem/")
    assert response.status_code == 500
    inhoud = response.content.decode()
    assert "Er ging iets mis" in inhoud
    assert "kapot in de test" not in inhoud
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)

    technisch = client.get("/boem/?debug")
    assert technisch.status_code == 500
    assert "kapot in de test" in technisch.content.decode()


@pytest.mark.urls("wijk.tests.test_ontwikkeling")
@override_settings(DEBUG=True)
def test_the_test_client_still_hears_of_the_error():
    with pytest.raises(RuntimeError):
        Client().get("/boem/")


# --- the terminal: one line per e-mail, per refused page -------------------------------------


def _bericht(**velden):
    velden = {"subject": "Onderwerp", "body": "", "to": ["bep@example.org"], **velden}
    return EmailMultiAlternatives(**velden)


def test_an_e_mail_is_one_line_with_its_first_link():
    stroom = StringIO()
    berichten = [
        _bericht(
            subject="Bevestig je e-mailadres",
            body="Hallo Bep,\n\nKlik op http://debuurt.localhost:8123/accounts/bevestig/abc/.\n"
            "Of kijk op http://debuurt.localhost:8123/ voor meer.",
            to=["bep@example.org", "henk@example.org"],
        ),
        _bericht(body="Zonder link."),
    ]
    html = _bericht(subject="Alleen html", body="Geen link hier.")
    html.attach_alternative(
        '<img src="http://x.localhost/logo.png"><a href="http://x.localhost/a/?b=1&amp;c=2">'
        "Open</a>",
        "text/html",
    )
    berichten.append(html)
    assert EmailBackend(stream=stroom).send_messages(berichten) == 3
    assert stroom.getvalue().splitlines() == [
        "E-mail aan bep@example.org, henk@example.org: Bevestig je e-mailadres — "
        "http://debuurt.localhost:8123/accounts/bevestig/abc/",
        "E-mail aan bep@example.org: Onderwerp",
        "E-mail aan bep@example.org: Alleen html — http://x.localhost/a/?b=1&c=2",
    ]


def test_the_whole_message_is_logged_at_debug_level(caplog):
    with caplog.at_level(logging.DEBUG, logger="wijk.mail"):
        EmailBackend(stream=StringIO()).send_messages([_bericht(body="De hele tekst.")])
    assert "De hele tekst." in caplog.text


def test_a_real_e_mail_of_the_site_shows_its_link(client, bewoner, settings, capsys):
    settings.EMAIL_BACKEND = "wijk.lib.mail_console.EmailBackend"
    client.post("/accounts/password/reset/", {"email": bewoner.email})
    uit = capsys.readouterr().out.strip().splitlines()
    assert len(uit) == 1, uit
    assert uit[0].startswith(f"E-mail aan {bewoner.email}: ")
    assert "/accounts/password/reset/key/" in uit[0]
    assert not mail.outbox  # printed, not sent


def test_regel_for_a_message_without_recipients():
    assert regel(_bericht(to=[])) == "E-mail aan (niemand): Onderwerp"


def test_a_refused_page_is_one_log_line_without_traceback(client_for, bewoner, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(bewoner).get("/ruimtes/beheer/")
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /ruimtes/beheer/"
    assert record.exc_info is None


def test_django_messages_are_printed_once():
    """Django's own console handler (on with DEBUG) printed every message a second time."""
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.request").handlers == []
