"""After logging in, each role lands on its own start: the buurtassistent on the coordination
dashboard, the board on the report, anyone else on the resident start page; a ``?next=`` wins.

Logged in through the real login page and, for the staff roles, the code of the second factor
(``bewoners.adapters.AccountAdapter.get_login_redirect_url``)."""

import pytest
from django.urls import reverse

from bewoners.tests.factories import totp_code

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"  # as set by UserFactory


def inloggen(client, user, *, volgende: str = "") -> str:
    """Log in as ``user`` (with the code when asked); the address the login sends them to."""
    url = reverse("account_login") + (f"?next={volgende}" if volgende else "")
    response = client.post(url, {"login": user.email, "password": WACHTWOORD})
    assert response.status_code == 302
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return response["Location"]


@pytest.mark.parametrize(
    ("wie", "start"),
    [
        ("buurtassistent", "buurtassistenten:dashboard"),
        ("bestuurslid", "rapportages:rapport"),
        ("bewoner", "bewoners:start"),
        ("beheerder", "bewoners:start"),
    ],
)
def test_each_role_lands_on_its_own_start(request, client, wie, start):
    user = request.getfixturevalue(wie)
    bestemming = inloggen(client, user)
    assert bestemming == reverse(start)
    assert client.get(bestemming).status_code == 200


@pytest.mark.parametrize("wie", ["buurtassistent", "bestuurslid", "bewoner"])
def test_a_next_address_wins(request, client, wie):
    user = request.getfixturevalue(wie)
    assert inloggen(client, user, volgende="/meldingen/") == "/meldingen/"


def test_an_open_welcome_flow_comes_first(client, buurtassistent):
    buurtassistent.profiel.onboarding_voltooid_op = None
    buurtassistent.profiel.save()
    assert inloggen(client, buurtassistent) == reverse("bewoners:onboarding")
