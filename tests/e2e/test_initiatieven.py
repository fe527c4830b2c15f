"""Initiatives in a real browser, and the accessibility of their pages.

An organiser plans a weekly walking group with one place through the form, a resident signs
up for the first walk, a second resident lands on the waiting list, the first cancels and the
second is moved up and sees that they are signed up.
"""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bewoners.tests.factories import UserFactory
from initiatieven import services
from initiatieven.models import Aanmelding, Activiteit, Lidmaatschap
from initiatieven.tests.factories import InitiatiefFactory

from .test_accessibility import DESKTOP, PHONE, _log_in, check_page, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def olaf(db):
    return UserFactory(first_name="Olaf", last_name="Olsen", email="olaf@example.org")


@pytest.fixture
def wandelgroep(olaf, bewoner, buurt):
    groep = InitiatiefFactory(
        naam="Wandelgroep De Linde",
        slug="wandelgroep-de-linde",
        contact="Mail ons: wandelen@example.org",
        adres="Lindelaan 1",
        organisatoren=[olaf],
        leden=[bewoner],
    )
    groep.buurten.add(buurt)
    return groep


def _als(page, live_server, user):
    page.context.clear_cookies()
    _log_in(page, live_server, user)


def _volgende_dinsdag() -> date:
    vandaag = timezone.localdate()
    maandag = vandaag - timedelta(days=vandaag.weekday()) + timedelta(days=7)
    return maandag + timedelta(days=1)


def test_plan_sign_up_waiting_list_and_moved_up(
    page, live_server, olaf, bewoner, helper, wandelgroep
):
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("dialog", lambda dialog: dialog.accept())  # "Weet je zeker ...?"
    dinsdag = _volgende_dinsdag()

    # The organiser plans a weekly walk with one place.
    _als(page, live_server, olaf)
    page.goto(live_server.url + "/initiatieven/")
    page.get_by_role("link", name="Wandelgroep De Linde").click()
    page.get_by_role("button", name="Activiteit plannen").click()
    page.get_by_label("Titel", exact=True).fill("Samen wandelen")
    page.get_by_label("Op welke dag? (de eerste keer)").fill(dinsdag.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("11:30")
    page.get_by_label("Elke week").check()
    page.get_by_label("Herhalen tot en met").fill((dinsdag + timedelta(weeks=7)).isoformat())
    page.get_by_label("Waar?").fill("Bij de kerk")
    page.get_by_label("Hoeveel plekken?").fill("1")
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(page.get_by_text("De activiteit staat 8 keer in de agenda.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen wandelen")
    activiteit = Activiteit.objects.get(titel="Samen wandelen")
    assert activiteit.capaciteit == 1 and activiteit.bijeenkomsten.count() == 8
    eerste = activiteit.bijeenkomsten.order_by("begin").first()
    assert timezone.localtime(eerste.begin).time() == time(10)
    meeting_url = live_server.url + eerste.get_absolute_url()

    # Bep signs up for the first walk.
    _als(page, live_server, bewoner)
    page.goto(live_server.url + "/initiatieven/agenda/")
    page.get_by_role("link", name="10:00–11:30: Samen wandelen").first.click()
    expect(page).to_have_url(meeting_url)
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Je bent aangemeld. Tot dan!")).to_be_visible()

    # Henk finds it full and goes on the waiting list.
    _als(page, live_server, helper)
    page.goto(meeting_url)
    expect(page.get_by_text("Deze keer is vol.")).to_be_visible()
    page.get_by_role("button", name="Zet me op de wachtlijst").click()
    expect(page.locator(".messages")).to_contain_text("Je staat op de wachtlijst, nummer 1.")

    # Bep cancels.
    _als(page, live_server, bewoner)
    page.goto(meeting_url)
    page.get_by_role("button", name="Afmelden", exact=True).click()
    expect(page.get_by_text("Je bent afgemeld.")).to_be_visible()

    # Henk is moved up.
    _als(page, live_server, helper)
    page.goto(meeting_url)
    expect(page.locator(".status-regel")).to_have_text("Je bent aangemeld")
    page.goto(live_server.url + "/initiatieven/mijn/")
    expect(page.locator("ul.bijeenkomsten")).to_contain_text("Aangemeld")
    assert eerste.aanmeldingen.get(user=helper).status == Aanmelding.Status.AANGEMELD

    # Bep signs up for every coming walk at once; the first is full: the waiting list there.
    _als(page, live_server, bewoner)
    page.goto(meeting_url)
    page.get_by_role("button", name="Aanmelden voor alle komende keren").click()
    expect(page).to_have_url(meeting_url)
    expect(page.locator(".messages")).to_contain_text("Je bent aangemeld voor 7 keer.")
    expect(page.locator(".messages")).to_contain_text("Deze keren waren vol:")
    assert activiteit.bijeenkomsten.filter(aanmeldingen__user=bewoner).count() == 8
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Afmelden voor alle komende keren").click()
    expect(page.locator(".messages")).to_contain_text("Je bent afgemeld voor 8 keer.")
    assert not Aanmelding.objects.filter(user=bewoner, status__in=Aanmelding.ACTIEF).exists()
    assert errors == []


def test_a_new_initiative_waits_for_approval(page, live_server, bewoner, beheerder):
    """Bep starts an initiative: no web address to type; she sees it waits for the beheerder."""
    _log_in(page, live_server, bewoner)
    page.goto(live_server.url + "/initiatieven/nieuw/")
    expect(page.get_by_label("Webadres")).to_have_count(0)
    page.get_by_label("Naam van het initiatief").fill("Repair Café Oud-Zuid")
    page.get_by_label("Thema").select_option("leren")
    page.get_by_label("Wat doen jullie?").fill("Samen spullen repareren.")
    page.get_by_role("button", name="Initiatief starten").click()
    expect(page).to_have_url(live_server.url + "/initiatieven/repair-cafe-oud-zuid/")
    expect(page.locator(".notice.keuring")).to_contain_text(
        "Je initiatief wacht op goedkeuring door de beheerder."
    )
    page.context.clear_cookies()
    page.goto(live_server.url + "/initiatieven/")
    expect(page.get_by_text("Repair Café Oud-Zuid")).to_have_count(0)


# --- accessibility -----------------------------------------------------------------------------


def _failed_activiteit(page):
    page.get_by_label("Eindtijd").fill("08:00")
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_role("button", name="In de agenda zetten").click()
    expect(page.get_by_role("alert")).to_be_visible()


# (path, who: None = anonymous, "bewoner" or "olaf", viewport, action)
PAGES = [
    ("/initiatieven/", None, PHONE, None),
    ("/initiatieven/", "bewoner", DESKTOP, None),
    ("/initiatieven/wandelgroep-de-linde/", None, PHONE, None),
    ("/initiatieven/wandelgroep-de-linde/", None, DESKTOP, None),
    ("/initiatieven/wandelgroep-de-linde/", "bewoner", PHONE, None),
    ("/initiatieven/agenda/", None, PHONE, None),
    ("/initiatieven/agenda/", "bewoner", DESKTOP, None),
    ("/initiatieven/agenda/week/", None, PHONE, None),
    ("/initiatieven/agenda/week/", None, DESKTOP, None),
    ("/initiatieven/activiteiten/{activiteit}/", None, PHONE, None),
    ("/initiatieven/activiteiten/{activiteit}/", "bewoner", PHONE, None),
    ("/initiatieven/bijeenkomsten/{keer}/", None, PHONE, None),
    ("/initiatieven/bijeenkomsten/{keer}/", "bewoner", PHONE, None),
    ("/initiatieven/bijeenkomsten/{keer}/", "olaf", PHONE, None),
    ("/initiatieven/bijeenkomsten/{keer}/verplaatsen/", "olaf", PHONE, None),
    ("/initiatieven/wandelgroep-de-linde/activiteiten/nieuw/", "olaf", PHONE, None),
    ("/initiatieven/wandelgroep-de-linde/activiteiten/nieuw/", "olaf", DESKTOP, None),
    ("/initiatieven/wandelgroep-de-linde/activiteiten/nieuw/", "olaf", PHONE, _failed_activiteit),
    ("/initiatieven/wandelgroep-de-linde/leden/", "olaf", PHONE, None),
    ("/initiatieven/wandelgroep-de-linde/leden/", "olaf", DESKTOP, None),
    ("/initiatieven/wandelgroep-de-linde/bewerken/", "olaf", PHONE, None),
    ("/initiatieven/nieuw/", "bewoner", PHONE, None),
    ("/initiatieven/mijn/", "bewoner", PHONE, None),
]


def _id(path, wie, viewport, action):
    naam = f"{'desktop' if viewport == DESKTOP else 'phone'}:{wie or 'anoniem'}:{path}"
    return naam + (f"+{action.__name__.lstrip('_')}" if action else "")


@pytest.mark.parametrize(
    ("path", "wie", "viewport", "action"),
    [pytest.param(*case, id=_id(*case)) for case in PAGES],
)
def test_initiative_pages_are_accessible(
    page, live_server, olaf, bewoner, helper, wandelgroep, path, wie, viewport, action
):
    dinsdag = _volgende_dinsdag()
    begin = timezone.make_aware(timezone.datetime.combine(dinsdag, time(10)))
    activiteit = services.activiteit_create(
        initiatief=wandelgroep,
        door=olaf,
        titel="Samen wandelen",
        beschrijving="Een rondje door het park, op je eigen tempo.",
        begin=begin,
        einde=begin + timedelta(minutes=90),
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=dinsdag + timedelta(weeks=4),
        capaciteit=1,
    )
    keer = activiteit.bijeenkomsten.order_by("begin").first()
    services.aanmelding_create(bijeenkomst=keer, user=bewoner)
    services.aanmelding_create(bijeenkomst=keer, user=helper)  # on the waiting list
    Lidmaatschap.objects.create(
        initiatief=wandelgroep,
        user=UserFactory(first_name="Anna"),
        status=Lidmaatschap.Status.AANGEVRAAGD,
    )
    if wie:
        _log_in(page, live_server, {"bewoner": bewoner, "olaf": olaf}[wie])
    page.set_viewport_size(viewport)
    url = live_server.url + path.format(activiteit=activiteit.pk, keer=keer.pk)
    if path.endswith("/week/"):
        url += f"?week={dinsdag.isoformat()}"
    visit(page, url)
    assert page.url == url, f"redirected to {page.url}"
    if action:
        action(page)
    check_page(page, viewport)
