"""Setting a coöperatie up (issue 14): with its buurten, categories, logo and a first beheerder
invited by e-mail, by a command and in the admin by a platform beheerder, who sees no resident
data."""

import json
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from PIL import Image

from bewoners.models import Buurt, Categorie, User
from bewoners.roles import (
    PlatformRol,
    Rol,
    assign_platform_role,
    has_platform_role,
    has_role,
    platform_roles_of,
    requires_mfa,
    roles_of,
)
from bewoners.services import STANDAARD_CATEGORIEEN
from bewoners.tests.factories import UserFactory
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from netwerk.permissions import is_platformbeheerder, mag_netwerk_zien
from netwerk.services import buurten_lezen, cooperatie_opzetten

pytestmark = pytest.mark.django_db


def png(breedte=600, hoogte=300, kleur=(20, 90, 60)) -> bytes:
    uit = BytesIO()
    Image.new("RGB", (breedte, hoogte), kleur).save(uit, "PNG")
    return uit.getvalue()


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def platformbeheerder():
    user = UserFactory(email="platform@example.org", is_staff=True, with_mfa=True)
    assign_platform_role(user, PlatformRol.PLATFORMBEHEERDER)
    return User.objects.get(pk=user.pk)


def test_a_cooperatie_is_set_up_with_buurten_categories_and_a_first_beheerder(na_commit):
    with na_commit(execute=True):
        noord = cooperatie_opzetten(
            naam="Dorp Noord",
            buurten=buurten_lezen("De Linde: 3541, 3542 ab\nHet Zand"),
            beheerder_email="Nina@Example.org",
        )
    with in_cooperatie(noord):
        assert [(b.naam, b.postcodes) for b in Buurt.objects.order_by("naam")] == [
            ("De Linde", "3541, 3542AB"),
            ("Het Zand", ""),
        ]
        assert Categorie.objects.count() == len(STANDAARD_CATEGORIEEN)
        nina = User.objects.get(email="nina@example.org")
        assert roles_of(nina) == {Rol.BEWONER, Rol.BEHEERDER}
        assert nina.is_staff and not nina.has_usable_password()
    # Nothing of it in the coöperatie the test works for.
    assert not Buurt.objects.filter(naam="De Linde").exists()
    assert not has_role(nina, Rol.BEHEERDER)
    # The invitation: to the coöperatie's own address, a link to choose a password, no one
    # else's details.
    (bericht,) = mail.outbox
    assert bericht.to == ["nina@example.org"]
    assert "Dorp Noord" in bericht.subject
    link = re.search(r"http://\S+", bericht.body).group(0)
    assert (
        link.startswith("http://dorp-noord.localhost") and "/accounts/password/reset/key/" in link
    )


def test_the_invitation_link_lets_the_new_beheerder_choose_a_password_and_log_in(na_commit):
    with na_commit(execute=True):
        noord = cooperatie_opzetten(naam="Dorp Noord", beheerder_email="nina@example.org")
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    browser = Client(HTTP_HOST="dorp-noord.localhost")
    pad = link.split("dorp-noord.localhost:8000", 1)[-1].split("dorp-noord.localhost", 1)[-1]
    formulier = browser.get(pad, follow=True)
    assert formulier.status_code == 200
    antwoord = browser.post(
        formulier.redirect_chain[-1][0] if formulier.redirect_chain else pad,
        {"password1": "een-lang-wachtwoord-42", "password2": "een-lang-wachtwoord-42"},
    )
    assert antwoord.status_code in (200, 302)
    nina = User.objects.get(email="nina@example.org")
    assert nina.check_password("een-lang-wachtwoord-42")
    with in_cooperatie(noord):
        assert has_role(nina, Rol.BEHEERDER)


def test_someone_with_an_account_keeps_it_and_gets_a_login_link(bewoner, na_commit):
    bewoner.set_password("al-een-wachtwoord-7")
    bewoner.save()
    with na_commit(execute=True):
        noord = cooperatie_opzetten(naam="Dorp Noord", beheerder_email=bewoner.email.upper())
    assert User.objects.filter(email__iexact=bewoner.email).count() == 1
    with in_cooperatie(noord):
        assert has_role(bewoner, Rol.BEHEERDER)
    assert has_role(User.objects.get(pk=bewoner.pk), Rol.BEWONER)  # still a resident here
    assert not has_role(User.objects.get(pk=bewoner.pk), Rol.BEHEERDER)
    assert "/accounts/login/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"buurten": [("De Linde", "12345")]}, "buurten"),
        ({"beheerder_email": "geen-adres"}, "beheerder_email"),
        ({"naam": ""}, "naam"),
        ({"domeinen": ["http://noord.nl"]}, "host"),
    ],
)
def test_bad_input_saves_nothing_and_says_what_is_wrong(velden, veld):
    aantal = Cooperatie.objects.count()
    with pytest.raises(ValidationError) as fout:
        cooperatie_opzetten(**{"naam": "Dorp Noord", **velden})
    assert veld in fout.value.message_dict
    assert Cooperatie.objects.count() == aantal
    assert not Buurt.objects.alle_cooperaties().filter(naam="De Linde").exists()
    assert not User.objects.filter(email="geen-adres").exists()
    assert not mail.outbox


def test_the_buurten_text_names_the_wrong_lines():
    with pytest.raises(ValidationError) as fout:
        buurten_lezen("De Linde: 3541\n: 3542\nDe Linde: 3543\nHet Zand: 99")
    tekst = " ".join(fout.value.messages)
    assert "Regel 2" in tekst and "Regel 3" in tekst and "Regel 4" in tekst
    assert "Regel 1" not in tekst


def test_the_command_sets_one_up(capsys, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    call_command(
        "cooperatie_aanmaken",
        "--naam",
        "Dorp Noord",
        "--buurt",
        "De Linde: 3541",
        "--categorie",
        "Klussen",
        "--categorie",
        "Vervoer",
        "--beheerder",
        "nina@example.org",
        "--logo",
        str(logo),
    )
    noord = Cooperatie.objects.get(slug="dorp-noord")
    assert noord.logo_versie == 1
    with in_cooperatie(noord):
        assert list(Categorie.objects.values_list("naam", flat=True)) == ["Klussen", "Vervoer"]
        assert Buurt.objects.get().postcodes == "3541"
    uit = capsys.readouterr().out
    assert "dorp-noord.localhost" in uit and "nina@example.org" in uit


def test_the_command_refuses_a_wrong_buurt_and_creates_nothing():
    with pytest.raises(CommandError, match="Regel 1"):
        call_command("cooperatie_aanmaken", "--naam", "Dorp Noord", "--buurt", ": 3541")
    assert not Cooperatie.objects.filter(slug="dorp-noord").exists()


# -- the platform roles


def test_platform_roles_are_the_accounts_own_and_read_with_the_roles_here(platformbeheerder):
    assert is_platformbeheerder(platformbeheerder)
    assert not mag_netwerk_zien(platformbeheerder)
    assert platform_roles_of(platformbeheerder) == {PlatformRol.PLATFORMBEHEERDER}
    assert roles_of(platformbeheerder) == {Rol.BEWONER}  # the factory's membership here
    assert requires_mfa(platformbeheerder)
    noord = cooperatie_opzetten(naam="Dorp Noord")
    with in_cooperatie(noord):
        assert is_platformbeheerder(platformbeheerder)
        assert roles_of(platformbeheerder) == set()  # no role in a coöperatie comes with it


def test_a_cooperatie_role_among_the_accounts_groups_grants_nothing(bewoner):
    from django.contrib.auth.models import Group

    bewoner.groups.add(Group.objects.get(name=Rol.BEHEERDER))
    bewoner = User.objects.get(pk=bewoner.pk)
    assert not has_role(bewoner, Rol.BEHEERDER)
    assert not has_platform_role(bewoner, PlatformRol.PLATFORMBEHEERDER)
    assert not bewoner.has_perm("bewoners.change_user")


def test_the_platform_beheerder_sets_one_up_in_the_admin(platformbeheerder, na_commit):
    client = Client()
    client.force_login(platformbeheerder)
    nieuw = client.get(reverse("admin:cooperaties_cooperatie_add"))
    assert nieuw.status_code == 200
    assert "Klussen" in nieuw.content.decode()  # the standard categories, to adjust
    with na_commit(execute=True):
        antwoord = client.post(
            reverse("admin:cooperaties_cooperatie_add"),
            {
                "naam": "Dorp Noord",
                "slug": "dorp-noord",
                "actief": "on",
                "kleur": "#1f6f43",
                "modules": '["hulp", "ruimtes"]',
                "matching_k": 3,
                "voorstel_geldig_uren": 24,
                "escalatie_na_uren": 48,
                "paginagrootte": 20,
                "gewichten": json.dumps(settings.WIJK_MATCHING["GEWICHTEN"]),
                "logo_bestand": SimpleUploadedFile("logo.png", png(), "image/png"),
                "buurten": "De Linde: 3541\nHet Zand: 3542",
                "categorieen": "Klussen\nVervoer\nKlussen",
                "beheerder_email": "nina@example.org",
                "domeinen-TOTAL_FORMS": 1,
                "domeinen-INITIAL_FORMS": 0,
                "domeinen-0-host": "noord.nl",
            },
        )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    noord = Cooperatie.objects.get(slug="dorp-noord")
    assert noord.modules == ["hulp", "ruimtes"] and noord.logo_versie == 1
    assert [d.host for d in noord.domeinen.all()] == ["noord.nl"]
    with in_cooperatie(noord):
        assert Buurt.objects.count() == 2
        assert list(Categorie.objects.values_list("naam", flat=True)) == ["Klussen", "Vervoer"]
        assert has_role(User.objects.get(email="nina@example.org"), Rol.BEHEERDER)
    assert mail.outbox[0].to == ["nina@example.org"]
    assert "http://noord.nl" in mail.outbox[0].body


def test_a_wrong_buurt_in_the_admin_form_is_shown_and_nothing_saved(platformbeheerder):
    client = Client()
    client.force_login(platformbeheerder)
    antwoord = client.post(
        reverse("admin:cooperaties_cooperatie_add"),
        {
            "naam": "Dorp Noord",
            "slug": "dorp-noord",
            "kleur": "#1f6f43",
            "modules": '["hulp"]',
            "matching_k": 3,
            "voorstel_geldig_uren": 24,
            "escalatie_na_uren": 48,
            "paginagrootte": 20,
            "gewichten": "{}",
            "buurten": "De Linde: 12345",
            "logo_bestand": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
            "domeinen-TOTAL_FORMS": 0,
            "domeinen-INITIAL_FORMS": 0,
        },
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Regel 1" in tekst
    assert "PNG- of JPG-bestand" in tekst or "geldige afbeelding" in tekst
    assert not Cooperatie.objects.filter(slug="dorp-noord").exists()


def test_the_platform_beheerder_sees_no_resident_data(platformbeheerder, bewoner):
    client = Client()
    client.force_login(platformbeheerder)
    assert client.get(reverse("admin:cooperaties_cooperatie_changelist")).status_code == 200
    for naam in (
        "admin:bewoners_user_changelist",
        "admin:bewoners_profiel_changelist",
        "admin:bewoners_buurt_changelist",
    ):
        assert client.get(reverse(naam)).status_code == 403, naam
    index = client.get(reverse("admin:index")).content.decode()
    assert bewoner.email not in index
    # Removing a coöperatie is no click in the admin: it is the operator's command.
    eerste = Cooperatie.objects.order_by("pk").first()
    assert (
        client.get(reverse("admin:cooperaties_cooperatie_delete", args=[eerste.pk])).status_code
        == 403
    )


def test_residents_and_beheerders_of_a_cooperatie_cannot_set_one_up(client_for, beheerder):
    antwoord = client_for(beheerder).get(reverse("admin:cooperaties_cooperatie_add"))
    assert antwoord.status_code == 403


def test_the_platform_role_is_given_and_taken_by_a_command(bewoner, capsys):
    call_command("platformrol", bewoner.email.upper(), "platformbeheerder")
    bep = User.objects.get(pk=bewoner.pk)
    assert is_platformbeheerder(bep) and bep.is_staff
    call_command("platformrol", bewoner.email, "platformbeheerder", "--weghalen")
    assert not is_platformbeheerder(User.objects.get(pk=bewoner.pk))
    with pytest.raises(CommandError, match="geen account"):
        call_command("platformrol", "niemand@example.org", "netwerkbestuur")
    assert "is nu platformbeheerder" in capsys.readouterr().out


def test_a_cooperaties_own_beheerder_sets_its_face_and_choices_and_nothing_else(beheerder):
    hier = Cooperatie.objects.order_by("pk").first()
    noord = cooperatie_opzetten(naam="Dorp Noord")
    client = Client()
    client.force_login(beheerder)
    lijst = client.get(reverse("admin:cooperaties_cooperatie_changelist")).content.decode()
    assert hier.naam in lijst and "Dorp Noord" not in lijst
    pagina = client.get(reverse("admin:cooperaties_cooperatie_change", args=[hier.pk]))
    assert pagina.status_code == 200
    formulier = pagina.context["adminform"].form
    assert "slug" not in formulier.fields and "actief" not in formulier.fields
    data = {
        naam: formulier.initial.get(naam, "")
        for naam in formulier.fields
        if naam not in ("logo_bestand", "logo_weghalen")
    }
    data.update(
        naam="Wijkcoöperatie Hier",
        kleur="#5b2a86",
        modules=json.dumps(hier.modules),
        gewichten=json.dumps(hier.gewichten),
        privacyverklaring="",
        email="",
        telefoon="",
        **{"domeinen-TOTAL_FORMS": 0, "domeinen-INITIAL_FORMS": 0},
    )
    antwoord = client.post(reverse("admin:cooperaties_cooperatie_change", args=[hier.pk]), data)
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    hier.refresh_from_db()
    assert (hier.naam, hier.kleur) == ("Wijkcoöperatie Hier", "#5b2a86")
    # Not another coöperatie, not a new one.
    anders = client.get(reverse("admin:cooperaties_cooperatie_change", args=[noord.pk]))
    assert anders.status_code == 302  # "does not exist": back to the admin's index
    assert client.get(reverse("admin:cooperaties_cooperatie_add")).status_code == 403
