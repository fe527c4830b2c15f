"""A new resident signs up on a phone-sized screen, confirms the e-mail and does the welcome flow."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from bewoners.models import Profiel, User
from meldingen.models import Melding

from .menu import hoofdmenu

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_signup_verification_and_onboarding(page, live_server, buurt, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto(live_server.url + "/")
    hoofdmenu(page).get_by_role("link", name=re.compile("Account maken", re.I)).click()

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

    # The header shows the unread welcome notification, also with the menu folded away.
    expect(page.get_by_role("banner").get_by_role("link", name="1 nieuwe melding")).to_be_visible()


# Every text in the availability grid that is visible: each text node must sit on one line.
_AFGEBROKEN = """() => {
  const uit = [];
  for (const cel of document.querySelectorAll("table.beschikbaarheid th")) {
    const walker = document.createTreeWalker(cel, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const tekst = node.textContent.trim();
      const el = node.parentElement;
      if (!tekst || el.getBoundingClientRect().width <= 1 || !el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const regels = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (regels.size > 1) uit.push(tekst);
    }
  }
  return uit;
}"""


@pytest.mark.parametrize("breedte", [320, 390, 1280])
def test_weekdays_of_the_availability_grid_never_break_mid_word(
    page, live_server, bewoner, breedte
):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(bewoner)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": breedte, "height": 800})
    page.goto(live_server.url + "/profiel/bewerken/")

    tabel = page.locator("table.beschikbaarheid")
    expect(tabel).to_be_visible()
    assert page.evaluate(_AFGEBROKEN) == []
    # The full day name stays the row's name for assistive technology, at every width.
    for dag in ("Maandag", "Donderdag", "Zondag"):
        expect(tabel.get_by_role("rowheader", name=dag, exact=True)).to_have_count(1)
    kort = tabel.locator(".dag-kort").first
    if breedte <= 390:
        expect(kort).to_be_visible()
        expect(kort).to_have_text("Ma")
    else:
        expect(kort).to_be_hidden()
    # Nothing of the grid sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
