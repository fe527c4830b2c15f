"""Right of access (export) and right to erasure."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bewoners import privacy
from bewoners.models import Categorie, Profiel, User
from bewoners.tests.factories import UserFactory, add_totp, totp_code
from meldingen.services import melding_send

PERSONAL = {
    "email": "geheim.persoon@example.org",
    "first_name": "Geertruida",
    "last_name": "Zonnebloem",
    "telefoon": "06 98765432",
    "adres": "Verstopstraat 13",
    "postcode": "3541 QQ",
    "nodig": "Ik heb last van mijn hart en moet vaak naar de cardioloog.",
    "melding": "Persoonlijk bericht voor Geertruida",
}


@pytest.fixture
def persoon(db, buurt):
    user = UserFactory(
        email=PERSONAL["email"],
        first_name=PERSONAL["first_name"],
        last_name=PERSONAL["last_name"],
        profiel__buurt=buurt,
        profiel__telefoon=PERSONAL["telefoon"],
        profiel__adres=PERSONAL["adres"],
        profiel__postcode=PERSONAL["postcode"],
        profiel__wat_heb_je_nodig=PERSONAL["nodig"],
    )
    user.profiel.kan_categorieen.set(Categorie.objects.filter(slug="vervoer"))
    add_totp(user)
    melding_send(user, "welkom", titel=PERSONAL["melding"], tekst=PERSONAL["nodig"])
    return user


def _login_with_password(client, user, **extra):
    """A real login, so allauth counts the authentication as recent (needed for deletion)."""
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "geheim-wachtwoord-123"},
        **extra,
    )
    if response.get("Location") == reverse("mfa_authenticate"):
        # allauth refuses a TOTP code that was used already; two logins within one 30-second
        # window in a test would reuse it, so forget the used codes first.
        cache.clear()
        client.post(reverse("mfa_authenticate"), {"code": totp_code()}, **extra)
    assert client.session["_auth_user_id"] == str(user.pk)
    # Deleting an account is sensitive: allauth asks for the password once more.
    client.post(reverse("account_reauthenticate"), {"password": "geheim-wachtwoord-123"})


@pytest.mark.django_db
def test_export_contains_my_data(client, persoon):
    _login_with_password(client, persoon, REMOTE_ADDR="10.1.2.3")
    response = client.get(reverse("bewoners:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["bewoners"]["account"]["e-mailadres"] == PERSONAL["email"]
    assert data["bewoners"]["profiel"]["telefoon"] == PERSONAL["telefoon"]
    assert data["bewoners"]["profiel"]["wat_heb_je_nodig"] == PERSONAL["nodig"]
    assert data["bewoners"]["profiel"]["wat_kun_je_onderwerpen"] == ["Vervoer"]
    assert data["bewoners"]["account"]["tweede_stap"] == ["totp"]
    assert data["bewoners"]["account"]["sessies"][0]["ip"] == "10.1.2.3"
    assert data["meldingen"]["meldingen"][0]["titel"] == PERSONAL["melding"]


@pytest.mark.django_db
def test_export_contains_nobody_else(client, persoon, outsider):
    client.force_login(outsider)
    content = client.get(reverse("bewoners:export")).content.decode()
    for value in PERSONAL.values():
        assert value not in content


def _whole_database_as_text() -> str:
    """Every row of every table, serialised: what an attacker with a dump would see."""
    chunks = []
    for model in apps.get_models(include_auto_created=True):
        chunks.append(serializers.serialize("json", model._default_manager.all()))
    return "\n".join(chunks)


@pytest.mark.django_db
def test_erasure_leaves_nothing_personal(client, persoon, outsider):
    other_device = Client(REMOTE_ADDR="10.9.9.9")
    _login_with_password(other_device, persoon, REMOTE_ADDR="10.9.9.9")
    assert PERSONAL["telefoon"] in _whole_database_as_text()  # the scan can see it before
    assert "10.9.9.9" in _whole_database_as_text()
    _login_with_password(client, persoon)
    response = client.post(reverse("bewoners:delete_account"), {"bevestiging": "verwijder"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")

    dump = _whole_database_as_text()
    for label, value in PERSONAL.items():
        assert value not in dump, f"{label} still in the database after erasure"
        assert value.lower() not in dump.lower(), label

    # The anonymous account stays for shared history, but cannot log in.
    user = User.objects.get(pk=persoon.pk)
    assert user.email is None and not user.is_active and not user.has_usable_password()
    assert user.verwijderd_op is not None
    assert not Profiel.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    # Other people are untouched.
    assert User.objects.get(pk=outsider.pk).email == outsider.email
    assert "10.9.9.9" not in dump  # where and how the person logged in is personal too
    # Logged out everywhere, also on the other device.
    assert client.get(reverse("bewoners:start")).status_code == 302
    assert other_device.get(reverse("bewoners:start")).status_code == 302


@pytest.mark.django_db
def test_erasure_needs_the_confirmation_word(client, persoon):
    _login_with_password(client, persoon)
    response = client.post(reverse("bewoners:delete_account"), {"bevestiging": "ja"})
    assert response.status_code == 400
    assert "Typ het woord VERWIJDER om te bevestigen" in response.content.decode()
    assert User.objects.get(pk=persoon.pk).email == PERSONAL["email"]


@pytest.mark.django_db
def test_erasure_asks_to_log_in_again_when_login_is_old(client, persoon):
    client.force_login(persoon)  # no recent authentication recorded
    response = client.post(reverse("bewoners:delete_account"), {"bevestiging": "VERWIJDER"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=persoon.pk).email == PERSONAL["email"]


def test_every_app_registers_export_and_erasure():
    names = {s.name for s in privacy.sections()}
    assert {"bewoners", "meldingen"} <= names
