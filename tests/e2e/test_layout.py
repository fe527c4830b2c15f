"""The base layout in a real browser: the header and its menu, focus after htmx swaps, the
live region for result counts, and the focus ring of date and time inputs.

Header figures (Chromium, 390x844, a resident with one unread notification): 328 px before
issue 15 (the whole navigation as a wrapping list), 72 px now (one row: the name, the unread
count and the "Menu" button). The limit below, 120 px, is one row of 44 px targets with a
two-line name or a logo and the header's padding, with room to spare; it is under 15% of the
844 px screen, where the old header took 39%.
"""

import struct
import zlib
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accommodaties.tests.factories import AccommodatieFactory
from hulpvragen.tests.factories import HulpvraagFactory
from initiatieven import services as initiatieven_services
from initiatieven.models import Activiteit
from initiatieven.tests.factories import InitiatiefFactory
from meldingen.tests.factories import MeldingFactory

from .test_accessibility import DESKTOP, PHONE, _log_in, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

HEADER_LIMIT = 120  # px at 390x844, see the module docstring

ACTIVE = """() => {
  const e = document.activeElement;
  return {
    tag: e ? e.tagName : null,
    text: e ? e.textContent.trim().slice(0, 60) : null,
    inFooter: !!(e && e.closest("footer")),
    region: e && e.closest("[id]") ? e.closest("[id]").id : null,
  };
}"""


def _focus(page):
    return page.evaluate(ACTIVE)


def _header_height(page):
    return page.locator("header.site-header").bounding_box()["height"]


def _box(locator):
    box = locator.bounding_box()
    assert box, f"{locator} has no box (not shown)"
    return box


def _same_row(a, b):
    """Two boxes on one line: each one's vertical middle lies within the other."""
    return (
        b["y"] <= a["y"] + a["height"] / 2 <= b["y"] + b["height"]
        and a["y"] <= b["y"] + b["height"] / 2 <= a["y"] + a["height"]
    )


# --- The header ---------------------------------------------------------------------------------


def test_phone_header_is_one_compact_row_with_the_unread_count(page, live_server, bewoner):
    MeldingFactory(ontvanger=bewoner, titel="Henk wil je helpen")
    _log_in(page, live_server, bewoner)
    page.set_viewport_size(PHONE)
    visit(page, live_server.url + "/profiel/")

    assert _header_height(page) <= HEADER_LIMIT
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav).to_be_hidden()
    # The unread count is seen without opening the menu, and says what it counts.
    expect(page.get_by_role("link", name="1 nieuwe melding")).to_be_visible()
    menu = page.locator("header").get_by_text("Menu", exact=True)
    expect(menu).to_be_visible()
    assert _same_row(_box(menu), _box(page.locator(".site-name")))

    # A real control: reached by Tab (after the skip link, the name and the count), with a
    # visible focus ring, and opened with the keyboard.
    summary = page.locator(".site-menu > summary")
    summary.focus()
    outline = summary.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Mijn start")).to_be_visible()
    expect(page.locator("header").get_by_text("Taal / Language")).to_be_visible()
    expect(page.locator("header").get_by_role("button", name="Uitloggen")).to_be_visible()
    # The current page stays marked.
    expect(nav.locator('a[aria-current="page"]')).to_have_count(1)

    # Escape closes the menu and gives focus back to the button.
    nav.get_by_role("link", name="Ruimtes").focus()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(summary).to_be_focused()


def test_the_menu_opens_and_closes_without_javascript(browser, live_server, bewoner):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", viewport=PHONE)
    try:
        page = context.new_page()
        _log_in(page, live_server, bewoner)
        visit(page, live_server.url + "/")
        assert page.evaluate("1") == 1  # evaluate still works: it does not need page scripts
        assert page.evaluate("typeof window.htmx") == "undefined"  # the page's scripts did not run
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        summary = page.locator(".site-menu > summary")

        assert _header_height(page) <= HEADER_LIMIT
        expect(nav).to_be_hidden()
        summary.click()
        expect(nav).to_be_visible()
        nav.get_by_role("link", name="Ruimtes").click()
        expect(page).to_have_url(live_server.url + "/ruimtes/")
        # On the new page the menu is closed again; it opens and closes by keyboard too.
        expect(nav).to_be_hidden()
        summary.focus()
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        expect(nav.locator('a[aria-current="page"]')).to_have_text("Ruimtes")
        page.keyboard.press("Enter")
        expect(nav).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("wie", ["bewoner", "beheerder", "anoniem"])
def test_desktop_header_two_rows_and_logout_never_alone(page, live_server, request, wie):
    """At 1280 px: row 1 the name, the language switch and "Uitloggen"; row 2 the links."""
    if wie != "anoniem":
        user = request.getfixturevalue(wie)
        MeldingFactory(ontvanger=user, titel="Welkom")
        _log_in(page, live_server, user)
    page.set_viewport_size(DESKTOP)
    visit(page, live_server.url + "/")

    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.locator(".meldingen-kort")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    links = nav.get_by_role("link")
    expect(links.first).to_be_visible()
    first, last = _box(links.first), _box(links.last)
    assert _same_row(first, last), "the navigation wraps onto a second row"
    name = _box(page.locator(".site-name"))
    taal = _box(page.locator("header").get_by_text("Taal / Language"))
    assert _same_row(taal, name)
    assert first["y"] >= name["y"] + name["height"] - 1  # the links: a row below the name
    if wie != "anoniem":
        logout = _box(page.get_by_role("button", name="Uitloggen"))
        assert _same_row(logout, name), "'Uitloggen' is not on the first row"
        assert logout["x"] > taal["x"] + taal["width"]
        expect(nav.get_by_role("link", name="Meldingen 1 nieuwe")).to_be_visible()
    assert _header_height(page) <= HEADER_LIMIT


# --- Focus and announcements after htmx swaps ----------------------------------------------------


def _use_by_keyboard(page, control):
    """Give the control focus as Tab would and press Enter on it."""
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Enter")


def _assert_focus_in_new_content(page, region_id):
    # htmx removes these classes when the swap has settled, just before htmx:afterSettle.
    # (A function, not an expression: Playwright would eval an expression, which CSP forbids.)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )
    focus = _focus(page)
    assert focus["tag"] not in (None, "BODY"), f"focus fell to the body: {focus}"
    assert focus["region"] == region_id or page.evaluate(
        "id => document.getElementById(id).contains(document.activeElement)", region_id
    ), f"focus is not in #{region_id}: {focus}"
    page.keyboard.press("Tab")
    after_tab = _focus(page)
    assert not after_tab["inFooter"], f"the next Tab jumped to the footer: {after_tab}"
    assert after_tab["tag"] != "BODY", after_tab
    return focus


@pytest.fixture
def veel_activiteiten(settings, bewoner, buurt):
    """Five walks, two per page: the agenda has three pages."""
    settings.WIJK_PAGE_SIZE = 2
    groep = InitiatiefFactory(naam="Wandelgroep De Linde", organisatoren=[bewoner])
    groep.buurten.add(buurt)
    morgen = timezone.localdate() + timedelta(days=1)
    begin = timezone.make_aware(datetime.combine(morgen, time(10)))
    initiatieven_services.activiteit_create(
        initiatief=groep,
        door=bewoner,
        titel="Samen wandelen",
        begin=begin,
        einde=begin + timedelta(hours=1),
        herhaling=Activiteit.Herhaling.WEKELIJKS,
        tot_en_met=morgen + timedelta(weeks=4),
    )


def test_agenda_pagination_keeps_focus_in_the_list(page, live_server, bewoner, veel_activiteiten):
    _log_in(page, live_server, bewoner)
    visit(page, live_server.url + "/initiatieven/agenda/")
    page.evaluate("window.nietHerladen = true")
    lijst = page.locator("#agenda-lijst")
    expect(lijst.get_by_text("Pagina 1 van 3")).to_be_visible()

    _use_by_keyboard(page, lijst.get_by_role("link", name="Volgende pagina"))

    expect(lijst.get_by_text("Pagina 2 van 3")).to_be_visible()
    assert page.evaluate("window.nietHerladen") is True  # swapped by htmx
    focus = _assert_focus_in_new_content(page, "agenda-lijst")
    assert focus["tag"] == "H2" and focus["text"] == "Wat eraan komt"
    # The count is read out by the live region that stays in the page.
    expect(page.locator("#aankondiging")).to_have_text("5 activiteiten gevonden.")


def test_inbox_mark_read_keeps_focus_in_the_list(page, live_server, bewoner):
    MeldingFactory(ontvanger=bewoner, titel="Eerste bericht", url="/profiel/")  # a link
    MeldingFactory(ontvanger=bewoner, titel="Tweede bericht")
    _log_in(page, live_server, bewoner)
    visit(page, live_server.url + "/meldingen/")

    tweede = page.get_by_role("button", name="Zet op gelezen: Tweede bericht")
    _use_by_keyboard(page, tweede)

    expect(tweede).to_have_count(0)
    focus = _assert_focus_in_new_content(page, "meldingen-lijst")
    assert focus["tag"] == "H2" and focus["text"] == "Alle meldingen"
    # The inbox's own status line (a region that stays) tells what happened; not said twice.
    expect(page.locator("#meldingen-status")).not_to_be_empty()
    expect(page.locator("#aankondiging")).to_be_empty()

    alles = page.get_by_role("button", name="Zet alles op gelezen")
    _use_by_keyboard(page, alles)
    expect(alles).to_have_count(0)
    _assert_focus_in_new_content(page, "meldingen-lijst")


def test_dashboard_refresh_keeps_focus_on_its_successor(
    page, live_server, buurtassistent, buurt, bewoner
):
    buurt.buurtassistenten.add(buurtassistent)
    HulpvraagFactory(aanvrager=bewoner, titel="Naar de huisarts")  # a row in the queue
    _log_in(page, live_server, buurtassistent)
    visit(page, live_server.url + "/coordinatie/")
    page.evaluate("window.nietHerladen = true")
    oud = page.locator("#wachtrij")
    oud.evaluate("e => e.setAttribute('data-oud', '')")

    _use_by_keyboard(page, page.get_by_role("link", name="Lijst vernieuwen"))

    expect(page.locator("#wachtrij[data-oud]")).to_have_count(0)  # replaced
    assert page.evaluate("window.nietHerladen") is True
    focus = _assert_focus_in_new_content(page, "wachtrij")
    # The control still exists in the new content: focus is on it, ready to be used again.
    assert focus["tag"] == "A" and focus["text"] == "Lijst vernieuwen"


def test_week_navigation_of_a_room_keeps_focus_in_the_week(page, live_server, bewoner, buurt):
    AccommodatieFactory(naam="Buurtzaal De Linde", slug="buurtzaal-de-linde", buurt=buurt)
    _log_in(page, live_server, bewoner)
    visit(page, live_server.url + "/ruimtes/buurtzaal-de-linde/")
    page.evaluate("window.nietHerladen = true")
    week = page.locator("#week")
    kop = week.get_by_role("heading", level=2).inner_text()

    _use_by_keyboard(page, week.get_by_role("link", name="Volgende week"))
    expect(week.get_by_role("heading", level=2)).not_to_have_text(kop)
    focus = _assert_focus_in_new_content(page, "week")
    # "Volgende week" leads elsewhere now: focus is on the new week's heading.
    assert focus["tag"] == "H2" and focus["text"].startswith("Vrij en bezet van")

    _use_by_keyboard(page, week.get_by_role("link", name="Als rooster"))
    expect(page.locator("#week table.week-rooster")).to_be_visible()
    focus = _assert_focus_in_new_content(page, "week")
    assert focus["text"] == "Als rooster"  # the same link, now the current view

    _use_by_keyboard(page, week.get_by_role("link", name="Als lijst"))
    expect(page.locator("#week ol.week-lijst")).to_be_visible()
    focus = _assert_focus_in_new_content(page, "week")
    assert focus["text"] == "Als lijst"
    assert page.evaluate("window.nietHerladen") is True


def test_a_filter_keeps_focus_and_the_count_is_read_out(page, live_server, bewoner, helper):
    HulpvraagFactory(aanvrager=bewoner, titel="Naar de huisarts")  # in three days
    HulpvraagFactory(
        aanvrager=bewoner,
        titel="Later naar de tandarts",
        datum=timezone.localdate() + timedelta(days=20),
    )
    _log_in(page, live_server, helper)
    visit(page, live_server.url + "/hulp/")
    page.evaluate("window.nietHerladen = true")
    expect(page.locator("#aankondiging")).to_be_empty()  # nothing to say on a fresh page
    wanneer = page.get_by_label("Wanneer")

    wanneer.focus()
    wanneer.select_option(label="Binnen een week")

    expect(page.get_by_role("heading", name="Later naar de tandarts")).to_have_count(0)
    expect(page.locator("#aankondiging")).to_have_text("1 hulpvraag gevonden.")
    expect(wanneer).to_be_focused()  # the filter is outside the list: focus stays there
    assert page.evaluate("window.nietHerladen") is True


# --- Date and time inputs -------------------------------------------------------------------------


def _png_pixels(data):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB(A) PNG as Chromium writes it."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def _yellow_pixels_at_the_icon(page, control):
    """Pixels of the focus yellow (#ffd23f) on the picker button at the input's right end."""
    box = _box(control)
    clip = {"x": box["x"] + box["width"] - 48, "y": box["y"] + 4, "width": 44, "height": 36}
    _, _, rows = _png_pixels(page.screenshot(clip=clip))
    near = lambda p: abs(p[0] - 255) < 30 and abs(p[1] - 210) < 30 and abs(p[2] - 63) < 40  # noqa: E731
    return sum(near(p) for row in rows for p in row)


@pytest.mark.parametrize("label", ["Op welke dag?", "Van"])
def test_date_and_time_pickers_show_focus(page, live_server, bewoner, buurt, label):
    AccommodatieFactory(naam="Buurtzaal De Linde", slug="buurtzaal-de-linde", buurt=buurt)
    _log_in(page, live_server, bewoner)
    visit(page, live_server.url + "/ruimtes/buurtzaal-de-linde/boeken/")
    control = page.get_by_label(label, exact=True)
    control.focus()
    assert _yellow_pixels_at_the_icon(page, control) == 0  # focus on the day (or hour)

    for _ in range(6):  # Tab through day, month, year (hours, minutes) to the button
        page.keyboard.press("Tab")
        if control.evaluate("e => document.activeElement === e && !e.matches(':focus')"):
            break
    state = control.evaluate(
        """e => ({
          active: document.activeElement === e,
          focus: e.matches(":focus"),
          within: e.matches(":focus-within"),
          outline: getComputedStyle(e).outlineStyle,
          outlineWidth: parseFloat(getComputedStyle(e).outlineWidth),
        })"""
    )
    # Focus is on the picker button inside the input ...
    assert state["active"] and state["within"] and not state["focus"], state
    # ... the input keeps its ring, and the button itself is marked.
    assert state["outline"] == "solid" and state["outlineWidth"] >= 2, state
    assert _yellow_pixels_at_the_icon(page, control) > 50

    page.keyboard.press("Tab")  # away from the input: no mark left behind
    expect(control).not_to_be_focused()
    assert _yellow_pixels_at_the_icon(page, control) == 0
