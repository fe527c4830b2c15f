"""Each person's language: chosen with the switcher, kept on the account, used everywhere."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy

from bewoners.tests.factories import UserFactory
from meldingen.services import melding_send


@pytest.mark.django_db
def test_switcher_saves_the_language_on_the_account(client, bewoner):
    client.force_login(bewoner)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    bewoner.refresh_from_db()
    assert bewoner.taal == "en"

    # Another device, no language cookie: the account's language wins.
    other = Client()
    other.force_login(bewoner)
    assert '<html lang="en"' in other.get(reverse("bewoners:start")).content.decode()


@pytest.mark.django_db
def test_unknown_language_is_ignored(client, bewoner):
    client.force_login(bewoner)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    bewoner.refresh_from_db()
    assert bewoner.taal == "nl"


@pytest.mark.django_db
def test_switcher_needs_post(client):
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_sign_up_in_english_keeps_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(
        reverse("account_signup"),
        {
            "email": "eng@example.org",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    from bewoners.models import User

    assert User.objects.get(email="eng@example.org").taal == "en"


@pytest.mark.django_db
def test_melding_and_email_are_in_the_recipients_language(django_capture_on_commit_callbacks):
    nl = UserFactory(email="nl@example.org", taal="nl")
    en = UserFactory(email="en@example.org", taal="en")
    titel = gettext_lazy("Welkom in %(buurt)s!")
    with django_capture_on_commit_callbacks(execute=True):
        m_nl = melding_send(nl, "welkom", titel=titel, params={"buurt": "Oud-Zuid"})
        m_en = melding_send(en, "welkom", titel=titel, params={"buurt": "Oud-Zuid"})
    assert m_nl.titel == "Welkom in Oud-Zuid!"
    assert m_en.titel == "Welcome to Oud-Zuid!"
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "Welcome to Oud-Zuid!" in by_recipient["en@example.org"].body
    assert "Welkom in Oud-Zuid!" in by_recipient["nl@example.org"].body
    # The e-mail's own words follow the language too, not only the title.
    assert "Heb je een vraag?" in by_recipient["nl@example.org"].body
    assert "Heb je een vraag?" not in by_recipient["en@example.org"].body


@pytest.mark.django_db
def test_lazy_params_are_rendered_in_the_recipients_language():
    en = UserFactory(email="en2@example.org", taal="en")
    melding = melding_send(
        en,
        "welkom",
        titel=gettext_lazy("Welkom in %(buurt)s!"),
        tekst="%(naam)s",
        params={"buurt": "Oud-Zuid", "naam": gettext_lazy("Welkom in de wijk")},
    )
    assert melding.tekst == "Welcome to the neighbourhood"
