"""A coöperatie's logo (issue 14, its own face): uploaded, redrawn as a small PNG, shown in the
layout and the e-mails of that coöperatie only."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.selectors import cooperatie_voor_host, vergeet_hosts
from cooperaties.services import cooperatie_create, logo_zetten
from meldingen import services as meldingen

pytestmark = pytest.mark.django_db


def plaatje(formaat="PNG", maat=(1200, 600), **extra) -> SimpleUploadedFile:
    uit = BytesIO()
    Image.new("RGB", maat, (30, 100, 60)).save(uit, formaat, **extra)
    return SimpleUploadedFile(f"logo.{formaat.lower()}", uit.getvalue())


def test_an_upload_is_redrawn_as_a_small_png_without_its_metadata():
    exif = Image.Exif()
    exif[0x010E] = "geheime beschrijving"  # ImageDescription
    cooperatie = huidige()
    logo_zetten(cooperatie, plaatje("JPEG", exif=exif.tobytes()))
    cooperatie.refresh_from_db()
    assert cooperatie.logo_versie == 1
    with Image.open(BytesIO(bytes(cooperatie.logo))) as logo:
        assert logo.format == "PNG"
        assert logo.size == (320, 160)  # within 480 x 160, the proportions kept
        assert not logo.getexif()
    assert b"geheime" not in bytes(cooperatie.logo)
    logo_zetten(cooperatie, plaatje())
    cooperatie.refresh_from_db()
    assert cooperatie.logo_versie == 2


@pytest.mark.parametrize(
    "inhoud",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"GIF89a kapot",
        b"",
        b"%PDF-1.4",
    ],
)
def test_what_is_no_readable_image_is_refused_in_dutch(inhoud):
    cooperatie = huidige()
    with pytest.raises(ValidationError, match="PNG- of JPG-bestand"):
        logo_zetten(cooperatie, SimpleUploadedFile("logo.png", inhoud))
    cooperatie.refresh_from_db()
    assert cooperatie.logo_versie == 0 and cooperatie.logo is None


def test_a_too_big_file_or_image_is_refused():
    cooperatie = huidige()
    groot = SimpleUploadedFile("logo.png", b"\0" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="te groot"):
        logo_zetten(cooperatie, groot)
    with pytest.raises(ValidationError, match="te groot"):
        logo_zetten(cooperatie, plaatje(maat=(6000, 5000)))


def test_the_layout_and_logo_address_show_the_logo_of_this_cooperatie_only(client):
    assert client.get(reverse("logo")).status_code == 404
    assert 'class="site-logo"' not in client.get(reverse("privacyverklaring")).content.decode()
    logo_zetten(huidige(), plaatje())
    vergeet_hosts()
    pagina = client.get(reverse("privacyverklaring")).content.decode()
    assert f'src="{reverse("logo")}?v=1"' in pagina
    antwoord = client.get(reverse("logo"))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "image/png"
    assert antwoord.content.startswith(b"\x89PNG")
    # Another coöperatie on the same installation: its own face, no logo of the first.
    cooperatie_create(naam="Dorp Noord")
    elders = Client(HTTP_HOST="dorp-noord.localhost")
    assert elders.get(reverse("logo")).status_code == 404
    assert 'class="site-logo"' not in elders.get(reverse("privacyverklaring")).content.decode()


def test_the_host_lookup_leaves_the_logos_bytes_in_the_database():
    logo_zetten(huidige(), plaatje())
    cooperatie = cooperatie_voor_host("testserver")
    assert "logo" in cooperatie.get_deferred_fields()


def test_the_e_mails_carry_the_logo_of_their_cooperatie(
    settings, bewoner, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    noord = cooperatie_create(naam="Dorp Noord")
    logo_zetten(noord, plaatje())
    vergeet_hosts()
    with in_cooperatie(noord), django_capture_on_commit_callbacks(execute=True):
        meldingen.melding_send(bewoner, "buurtassistent_bericht", titel="Feest", url="/meldingen/")
    (bericht,) = mail.outbox
    html = bericht.alternatives[0][0]
    assert 'src="http://dorp-noord.localhost:8000/logo.png?v=1"' in html
    # Without a logo, no image.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meldingen.melding_send(bewoner, "buurtassistent_bericht", titel="Feest", url="/meldingen/")
    assert "logo.png" not in mail.outbox[0].alternatives[0][0]
