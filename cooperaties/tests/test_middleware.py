"""The request's coöperatie comes from its host; a host of none gets a friendly 404."""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from cooperaties import selectors
from cooperaties.huidige import huidige
from cooperaties.middleware import CooperatieMiddleware
from cooperaties.models import Cooperatie
from cooperaties.services import cooperatie_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _alle_hosts(settings):
    settings.ALLOWED_HOSTS = [".localhost", "localhost", "testserver", ".nl", "elders.org"]


@pytest.fixture
def oost():
    return cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost", domeinen=["oost-wijk.nl"])


def test_each_host_shows_its_own_cooperatie(client, oost):
    eerste = Cooperatie.objects.exclude(pk=oost.pk).get()
    for host, naam in [
        ("oost.localhost:8000", oost.naam),
        ("oost-wijk.nl", oost.naam),
        ("testserver", eerste.naam),
        ("localhost:8000", eerste.naam),
    ]:
        antwoord = client.get(reverse("home"), HTTP_HOST=host)
        assert antwoord.status_code == 200, host
        assert antwoord.wsgi_request.cooperatie == Cooperatie.objects.get(naam=naam)
        assert f"Welkom bij {naam}" in antwoord.content.decode(), host


@pytest.mark.parametrize("host", ["west.localhost", "elders.org", "a.b.localhost"])
def test_a_host_of_no_cooperatie_gets_a_friendly_404(client, oost, host):
    antwoord = client.get(reverse("home"), HTTP_HOST=host)
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert "Deze wijk kennen we niet" in tekst
    assert f"Op het adres {host} staat geen wijkcoöperatie." in tekst
    assert "Oost" not in tekst  # no other coöperatie is named


def test_a_host_outside_allowed_hosts_is_refused_as_before(client):
    assert client.get(reverse("home"), HTTP_HOST="kwaad.example.com").status_code == 400


def test_the_health_check_answers_on_any_allowed_host(client):
    antwoord = client.get(reverse("health"), HTTP_HOST="elders.org")
    assert antwoord.status_code in (200, 503)
    assert antwoord.wsgi_request.cooperatie is None


def test_the_current_cooperatie_is_set_during_the_request_only(rf, oost):
    gezien = []

    def view(request):
        gezien.append((huidige(), request.cooperatie))
        return HttpResponse("ok")

    voor = huidige()
    CooperatieMiddleware(view)(rf.get("/", HTTP_HOST="oost.localhost"))
    assert gezien == [(oost, oost)]
    assert huidige() == voor

    def fout(request):
        raise RuntimeError("de pagina breekt")

    with pytest.raises(RuntimeError):
        CooperatieMiddleware(fout)(rf.get("/", HTTP_HOST="oost.localhost"))
    assert huidige() == voor  # also after an error


def test_a_remembered_host_costs_no_query_and_a_change_is_seen(
    client, oost, django_assert_num_queries
):
    selectors.vergeet_hosts()
    with django_assert_num_queries(1):
        assert selectors.cooperatie_voor_host_bewaard("oost-wijk.nl") == oost
    with django_assert_num_queries(0):
        assert selectors.cooperatie_voor_host_bewaard("OOST-WIJK.NL:443") == oost
    Cooperatie.objects.filter(pk=oost.pk).update(actief=False)
    selectors.vergeet_hosts()  # what the admin and the services do after a change
    assert selectors.cooperatie_voor_host_bewaard("oost-wijk.nl") is None


def test_what_is_remembered_expires(oost, settings, monkeypatch):
    settings.WIJK_HOSTS_ONTHOUDEN = 30
    nu = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: nu[0])
    selectors.vergeet_hosts()
    assert selectors.cooperatie_voor_host_bewaard("oost.localhost") == oost
    Cooperatie.objects.filter(pk=oost.pk).update(actief=False)  # another process changed it
    nu[0] += 29
    assert selectors.cooperatie_voor_host_bewaard("oost.localhost") == oost
    nu[0] += 2
    assert selectors.cooperatie_voor_host_bewaard("oost.localhost") is None
