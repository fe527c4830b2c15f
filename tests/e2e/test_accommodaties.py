"""Booking a shared room in a real browser, and the accessibility of the booking pages.

A resident clicks a free hour in next week's calendar (week navigation with htmx), sends the
request, the keeper approves it from the keepers' overview, the resident sees it confirmed, and
a second resident finds that hour busy and cannot book it.
"""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accommodaties.models import Accommodatie, Openingstijd, Reservering
from bewoners.tests.factories import UserFactory

from .menu import hoofdmenu
from .test_accessibility import DESKTOP, PHONE, _log_in, assert_reflows, check_page, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"
MAANDEN = MAANDEN.split()


@pytest.fixture
def kees(db):
    return UserFactory(first_name="Kees", last_name="Sleutel", email="kees@example.org")


@pytest.fixture
def zaal(kees, buurt):
    zaal = Accommodatie.objects.create(
        naam="Buurtzaal De Linde",
        slug="buurtzaal-de-linde",
        buurt=buurt,
        adres="Lindelaan 1",
        capaciteit=20,
        min_duur_minuten=60,
        max_duur_minuten=180,
        buffer_minuten=0,
        vooruit_dagen=60,
        goedkeuring_nodig=True,
        rolstoeltoegankelijk=True,
        huisregels="Laat de zaal netjes achter.",
    )
    zaal.beheerders.add(kees)
    for dag in range(7):
        Openingstijd.objects.create(accommodatie=zaal, weekdag=dag, van=time(9), tot=time(17))
    return zaal


def _als(page, live_server, user):
    page.context.clear_cookies()
    _log_in(page, live_server, user)


def _volgende_dinsdag():
    vandaag = timezone.localdate()
    maandag = vandaag - timedelta(days=vandaag.weekday()) + timedelta(days=7)
    return maandag + timedelta(days=1)


def test_book_approve_confirmed_and_the_slot_is_taken(
    page, live_server, bewoner, helper, kees, zaal
):
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    dinsdag = _volgende_dinsdag()
    dag_tekst = f"{dinsdag.day} {MAANDEN[dinsdag.month - 1]}"

    # The resident finds the room, goes to next week (htmx) and clicks 10:00 on Tuesday.
    _als(page, live_server, bewoner)
    page.goto(live_server.url + "/profiel/")
    hoofdmenu(page).get_by_role("link", name="Ruimtes").click()
    page.get_by_role("link", name="Buurtzaal De Linde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtzaal De Linde")
    page.get_by_role("link", name="Volgende week").click()
    expect(page).to_have_url(
        f"{live_server.url}/ruimtes/buurtzaal-de-linde/?week="
        + (dinsdag - timedelta(days=1)).isoformat()
    )
    page.get_by_role("link", name=f"Boek dinsdag {dag_tekst} vanaf 10:00").click()

    expect(page.get_by_label("Op welke dag?")).to_have_value(dinsdag.isoformat())
    expect(page.get_by_label("Van", exact=True)).to_have_value("10:00")
    expect(page.get_by_label("Tot", exact=True)).to_have_value("11:00")
    page.get_by_label("Met hoeveel mensen?").fill("12")
    page.get_by_label("Waarvoor wil je de ruimte gebruiken?").fill(
        "Koffieochtend voor nieuwe buren"
    )
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Je aanvraag is verstuurd.")).to_be_visible()
    expect(page.locator(".status-regel")).to_contain_text("Aangevraagd")
    reservering = Reservering.objects.get(geboekt_door=bewoner)

    # The keeper approves it from the overview.
    _als(page, live_server, kees)
    page.goto(live_server.url + "/ruimtes/beheer/")
    expect(page.get_by_role("heading", name="1 aanvraag wacht op jou")).to_be_visible()
    expect(page.get_by_text("Bep: Koffieochtend voor nieuwe buren")).to_be_visible()
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd. Bep krijgt bericht.")).to_be_visible()
    expect(page.get_by_role("heading", name="0 aanvragen wachten op jou")).to_be_visible()

    # The resident sees it confirmed.
    _als(page, live_server, bewoner)
    page.goto(live_server.url + "/ruimtes/mijn/")
    boeking = page.locator("ul.boekingen li").filter(has_text="Buurtzaal De Linde")
    expect(boeking).to_contain_text("Bevestigd")
    reservering.refresh_from_db()
    assert reservering.status == Reservering.Status.BEVESTIGD

    # A second resident sees the hour busy (not who) and cannot take it.
    _als(page, live_server, helper)
    page.goto(f"{live_server.url}/ruimtes/buurtzaal-de-linde/?week={dinsdag.isoformat()}")
    expect(page.get_by_role("link", name=f"Boek dinsdag {dag_tekst} vanaf 10:00")).to_have_count(0)
    expect(page.get_by_text("Bep")).to_have_count(0)
    page.goto(
        f"{live_server.url}/ruimtes/buurtzaal-de-linde/boeken/?datum={dinsdag.isoformat()}&van=10:00&tot=11:00"
    )
    page.get_by_label("Met hoeveel mensen?").fill("4")
    page.get_by_label("Waarvoor wil je de ruimte gebruiken?").fill("Bridgeclub")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze tijd is al bezet")
    expect(page.get_by_label("Waarvoor wil je de ruimte gebruiken?")).to_have_value("Bridgeclub")
    assert Reservering.objects.filter(accommodatie=zaal).count() == 1
    assert errors == []


PAGES = [
    ("/ruimtes/", PHONE),
    ("/ruimtes/buurtzaal-de-linde/", PHONE),
    ("/ruimtes/buurtzaal-de-linde/", DESKTOP),
    ("/ruimtes/buurtzaal-de-linde/?weergave=lijst", PHONE),
    ("/ruimtes/buurtzaal-de-linde/?weergave=rooster", PHONE),
    ("/ruimtes/buurtzaal-de-linde/boeken/", PHONE),
    ("/ruimtes/mijn/", PHONE),
    ("/ruimtes/boekingen/{boeking}/", PHONE),
    ("/ruimtes/boekingen/{boeking}/verplaatsen/", PHONE),
    ("/ruimtes/agenda/", PHONE),
    ("/ruimtes/beheer/", PHONE),
    ("/ruimtes/beheer/", DESKTOP),
    ("/ruimtes/buurtzaal-de-linde/bewerken/", PHONE),
]


@pytest.mark.parametrize(
    ("path", "viewport"),
    [pytest.param(p, v, id=f"{'desktop' if v == DESKTOP else 'phone'}:{p}") for p, v in PAGES],
)
def test_booking_pages_are_accessible(page, live_server, kees, bewoner, zaal, path, viewport):
    from accommodaties import services

    dinsdag = _volgende_dinsdag()
    begin = timezone.make_aware(timezone.datetime.combine(dinsdag, time(10)))
    boeking = services.reservering_create(
        accommodatie=zaal,
        door=bewoner,
        begin=begin,
        einde=begin + timedelta(hours=2),
        aantal_personen=6,
        doel="Handwerkclub",
    )
    wie = kees if ("beheer" in path or "bewerken" in path) else bewoner
    _log_in(page, live_server, wie)
    page.set_viewport_size(viewport)
    url = live_server.url + path.format(boeking=boeking.pk)
    visit(page, url)
    assert page.url == url, f"redirected to {page.url}"
    check_page(page, viewport)


def test_a_failed_booking_form_is_accessible(page, live_server, bewoner, zaal):
    _log_in(page, live_server, bewoner)
    visit(page, live_server.url + "/ruimtes/buurtzaal-de-linde/boeken/")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_page(page, PHONE)


def test_the_week_grid_does_not_scroll_the_page_at_320px(page, live_server, bewoner, zaal):
    """Closed hours on some days put hidden helper texts ("gesloten") in the grid's cells;
    they stuck out of its scrolling box and the whole page scrolled sideways (issue 15)."""
    Openingstijd.objects.filter(accommodatie=zaal, weekdag__in=[5, 6]).delete()
    Openingstijd.objects.filter(accommodatie=zaal, weekdag=4).update(tot=time(12))
    _log_in(page, live_server, bewoner)
    page.set_viewport_size(PHONE)
    visit(page, f"{live_server.url}/ruimtes/buurtzaal-de-linde/?weergave=rooster")
    expect(page.locator("td.vak-gesloten").first).to_be_attached()
    rooster = page.get_by_role("region", name="Rooster van de week")
    assert rooster.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls in its box
    check_page(page, PHONE)  # axe (a focusable, named region), and no page scroll at 320 px
    rooster.focus()  # reachable by keyboard, to scroll it with the arrow keys
    expect(rooster).to_be_focused()


def test_a_keepers_only_room_shows_residents_no_booking_links(page, live_server, bewoner, zaal):
    zaal.wie_mag_boeken = "beheerders"
    zaal.save()
    _log_in(page, live_server, bewoner)
    for weergave in ("rooster", "lijst"):
        visit(page, f"{live_server.url}/ruimtes/buurtzaal-de-linde/?weergave={weergave}")
        expect(page.get_by_text("Deze ruimte boeken alleen beheerders")).to_be_visible()
        expect(page.locator("#week a[href*='/boeken/']")).to_have_count(0)
        expect(page.locator("#week").get_by_text("vrij").first).to_be_visible()


def test_the_keepers_overview_fits_a_phone_with_many_long_bookings(
    page, live_server, kees, bewoner, zaal
):
    from accommodaties import services

    dinsdag = _volgende_dinsdag()
    for uur in (9, 11, 13, 15):
        begin = timezone.make_aware(timezone.datetime.combine(dinsdag, time(uur)))
        reservering = services.reservering_create(
            accommodatie=zaal,
            door=bewoner,
            begin=begin,
            einde=begin + timedelta(hours=2),
            aantal_personen=6,
            doel="Voorbereiding van de jaarlijkse burendag met de bewonerscommissie",
            namens="Bewonerscommissie Lindelaan en omstreken",
        )
        if uur > 11:
            services.reservering_approve(reservering=reservering, door=kees)
    _log_in(page, live_server, kees)
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/ruimtes/beheer/")
    check_page(page, PHONE)
    assert_reflows(page)
    # On a phone each booking is a block that shows the column names with the values.
    # Screen readers hear the column headers (the table's roles), not those names twice.
    eerste = page.locator("table.stapel tbody tr").first
    waarvoor = eerste.get_by_role("cell").nth(3)
    expect(waarvoor).to_contain_text("Voorbereiding van de jaarlijkse burendag")
    voor = waarvoor.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Waarvoor" in voor, voor
    breedte = eerste.evaluate("e => e.getBoundingClientRect().right")
    assert breedte <= 320
    # On a laptop it is a table with its headers.
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("columnheader", name="Waarvoor")).to_be_visible()
    check_page(page, DESKTOP)
