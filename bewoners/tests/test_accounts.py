"""Sign-up, verification, login and the second factor for staff roles."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from bewoners.models import User
from bewoners.roles import Rol, has_role
from bewoners.tests.factories import UserFactory, add_totp, totp_code

PASSWORD = "geheim-wachtwoord-123"


def _login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_signup_sends_verification_mail_then_login_works(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.org",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    user = User.objects.get(email="nieuw@example.org")
    assert has_role(user, Rol.BEWONER)
    assert hasattr(user, "profiel")
    assert not EmailAddress.objects.get(user=user).verified

    # Not verified yet: logging in sends you to "check your e-mail".
    client.logout()
    response = _login(client, "nieuw@example.org", "een-lang-wachtwoord-42")
    assert response["Location"] == reverse("account_email_verification_sent")

    assert len(mail.outbox) >= 1
    body = mail.outbox[-1].body
    confirm_url = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", body).group(0)
    path = confirm_url.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = _login(client, "nieuw@example.org", "een-lang-wachtwoord-42")
    assert response.status_code == 302
    # A new resident goes to the welcome flow first.
    assert response["Location"] == reverse("bewoners:onboarding")
    assert client.get(reverse("bewoners:start")).status_code == 200


@pytest.mark.django_db
def test_signup_with_bad_input_shows_dutch_errors_and_creates_nothing(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "geen-adres", "password1": "kort", "password2": "anders"},
    )
    assert response.status_code == 200
    assert User.objects.count() == 0
    content = response.content.decode()
    assert "Voer een geldig e-mailadres in" in content


@pytest.mark.django_db
def test_wrong_password_is_refused(client, bewoner):
    response = _login(client, bewoner.email, "fout")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_is_rate_limited(client, bewoner, settings):
    # Tighter than the default so the test is short; same mechanism as production.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    responses = [_login(client, bewoner.email, "fout") for _ in range(4)]
    assert "Je probeerde te vaak in te loggen" not in responses[0].content.decode()
    assert "Je probeerde te vaak in te loggen" in responses[-1].content.decode()
    # Even the right password is refused while the limit holds.
    response = _login(client, bewoner.email)
    assert "_auth_user_id" not in client.session
    assert "Je probeerde te vaak in te loggen" in response.content.decode()


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


STAFF_ROLES = [
    pytest.param({"rollen": [Rol.BUURTASSISTENT]}, id="buurtassistent"),
    pytest.param({"rollen": [Rol.BESTUUR]}, id="bestuur"),
    pytest.param({"rollen": [Rol.BEHEERDER], "is_staff": True}, id="beheerder"),
    pytest.param({"is_staff": True}, id="staff"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs", STAFF_ROLES)
def test_staff_roles_without_mfa_are_sent_to_totp_setup(client, kwargs):
    user = UserFactory(email="staf@example.org", **kwargs)
    _login(client, user.email)
    for url in [reverse("bewoners:start"), reverse("meldingen:inbox"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_activate_totp")), url
    # The set-up page itself is reachable (allauth asks for the password once more first).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kwargs", STAFF_ROLES)
def test_staff_roles_must_enter_totp_code_at_login(client, kwargs):
    user = UserFactory(email="staf@example.org", **kwargs)
    add_totp(user)
    response = _login(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # password alone is not enough

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("bewoners:start")).status_code == 200
    if user.is_staff:
        assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_bewoner_does_not_need_mfa_but_may_set_it_up(client, bewoner):
    _login(client, bewoner.email)
    assert client.get(reverse("bewoners:start")).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
def test_bewoner_is_refused_from_admin(client, bewoner):
    client.force_login(bewoner)
    assert client.get("/admin/").status_code in (302, 403)
    assert client.get("/admin/login/").status_code == 403


@pytest.mark.django_db
def test_has_role(bewoner, buurtassistent, bestuurslid):
    assert has_role(bewoner, Rol.BEWONER)
    assert not has_role(bewoner, Rol.BUURTASSISTENT, Rol.BESTUUR)
    assert has_role(buurtassistent, Rol.BUURTASSISTENT)
    assert has_role(bestuurslid, Rol.BESTUUR, Rol.BEHEERDER)
    superuser = UserFactory(email="root@example.org", is_superuser=True)
    assert has_role(superuser, Rol.BESTUUR)


@pytest.mark.django_db
def test_resident_sees_where_they_are_logged_in(client, bewoner):
    _login(client, bewoner.email)
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert "127.0.0.1" in response.content.decode()
