"""A new resident signs up on a phone-sized screen, confirms the e-mail and does the welcome flow."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from bewoners.models import Profiel, User
from meldingen.models import Melding

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_signup_verification_and_onboarding(page, live_server, buurt, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile("Account maken", re.I)).first.click()

    page.get_by_label(re.compile("^E-mailadres")).fill("nina@example.org")
    page.get_by_label(re.compile(r"^Wachtwoord:?$")).fill("een-lang-wachtwoord-42")
    page.get_by_label(re.compile(r"^Wachtwoord \((nogmaals|bevestigen)\)")).fill(
        "een-lang-wachtwoord-42"
    )
    page.get_by_role("button", name=re.compile("Account maken|Registreren|Aanmelden", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("e-mail", re.I))

    # The verification mail arrives and its link confirms the address.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()

    # Welcome flow, step 1: consent.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom in de wijk")
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.get_by_role("alert").first).to_contain_text("Zonder je toestemming")
    page.get_by_label(re.compile("Ik geef toestemming")).check()
    page.get_by_role("button", name="Volgende stap").click()

    # Step 2: about you (the postcode finds the buurt).
    expect(page.get_by_role("heading", level=1)).to_have_text("Over jou")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Postcode").fill("3541 ab")
    page.get_by_role("button", name="Volgende stap").click()

    # Step 3: the four questions.
    expect(page.get_by_role("heading", level=1)).to_have_text("De vier vragen")
    page.get_by_label("Wat wil je?").fill("Mensen in de buurt leren kennen.")
    page.get_by_label("Vervoer").first.check()
    page.get_by_label("Wat heb je te bieden?").fill("Vrije ochtenden en een auto.")
    page.get_by_role("button", name="Volgende stap").click()

    # Step 4: practical matters, then done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Praktisch")
    page.get_by_label("maandag ochtend").check()
    page.get_by_label("ik heb een auto").check()
    page.get_by_role("button", name="Klaar").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hallo Nina")
    expect(page.get_by_role("status").first).to_contain_text("Welkom in de wijk")

    user = User.objects.get(email="nina@example.org")
    profiel = Profiel.objects.get(user=user)
    assert profiel.buurt == buurt
    assert profiel.heeft_toestemming and profiel.heeft_auto
    assert profiel.availability.has(0, 0)
    assert list(profiel.kan_categorieen.values_list("slug", flat=True)) == ["vervoer"]
    assert Melding.objects.filter(ontvanger=user, soort="welkom").exists()

    # The header shows the unread welcome notification.
    expect(page.get_by_role("navigation").first).to_contain_text("1")
