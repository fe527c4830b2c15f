"""Each coöperatie its own face (issue 14): name and colour in the layout, its own privacy
statement, and links in e-mails and calendar feeds on its own address."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cooperaties.huidige import in_cooperatie
from cooperaties.models import Domein
from cooperaties.selectors import site_url, vergeet_hosts
from cooperaties.services import cooperatie_create
from meldingen import services as meldingen

pytestmark = pytest.mark.django_db


@pytest.fixture
def oost():
    return cooperatie_create(
        naam="Wijkcoöperatie Oost",
        slug="oost",
        kleur="#5b2a86",
        privacyverklaring="Oost bewaart alleen wat nodig is.\n\nVragen? Bel de buurtkamer.",
    )


def test_the_layout_carries_the_name_and_colour_of_the_host(client, oost):
    pagina = client.get("/", headers={"host": "oost.localhost"}).content.decode()
    assert "Wijkcoöperatie Oost" in pagina
    assert 'href="/huisstijl.css?k=5b2a86"' in pagina
    css = client.get("/huisstijl.css", headers={"host": "oost.localhost"})
    assert css["Content-Type"].startswith("text/css")
    assert "--wijk-green: #5b2a86;" in css.content.decode()
    eerste = client.get("/huisstijl.css").content.decode()
    assert "#5b2a86" not in eerste


def test_a_colour_that_is_hard_to_read_is_refused(oost):
    oost.kleur = "#ffcc00"
    with pytest.raises(ValidationError) as fout:
        oost.full_clean()
    assert "te licht" in " ".join(fout.value.message_dict["kleur"])


def test_the_privacy_statement_is_the_cooperaties_own_or_wijks(client, oost):
    eigen = client.get(reverse("privacyverklaring"), headers={"host": "oost.localhost"})
    assert "Oost bewaart alleen wat nodig is." in eigen.content.decode()
    standaard = client.get(reverse("privacyverklaring"))
    assert "Oost bewaart" not in standaard.content.decode()
    assert "Wat we bewaren" in standaard.content.decode()


def test_links_go_to_the_cooperaties_own_address(settings, oost):
    settings.SITE_URL = "https://wijk.example.org"
    settings.WIJK_PLATFORMDOMEIN = "wijk.example.org"
    vergeet_hosts()
    assert site_url() == "https://wijk.example.org"  # the first: the installation's address
    assert site_url(oost) == "https://oost.wijk.example.org"
    Domein.objects.create(cooperatie=oost, host="wijkoost.nl")
    vergeet_hosts()
    assert site_url(oost) == "https://wijkoost.nl"


def test_an_email_names_the_cooperatie_and_links_to_its_address(
    settings, oost, bewoner, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    vergeet_hosts()
    with in_cooperatie(oost), django_capture_on_commit_callbacks(execute=True):
        meldingen.melding_send(
            bewoner, "buurtassistent_bericht", titel="Buurtfeest", url="/meldingen/"
        )
    (bericht,) = mail.outbox
    assert "Wijkcoöperatie Oost" in bericht.body
    assert "http://oost.localhost:8000/meldingen/" in bericht.body
