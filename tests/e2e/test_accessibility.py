"""Automated WCAG 2.1 A/AA checks with axe-core over the key pages, on a phone and a desktop.

axe finds what a machine can see in the markup (names, labels, contrast of text, landmarks,
ARIA). Two checks that axe does not do are added for every page: no sideways scrolling at
320 CSS pixels (WCAG 1.4.10, reflow) and a 3:1 contrast for the edges of form controls
(WCAG 1.4.11, non-text contrast). None of this replaces trying the pages with a keyboard and a
screen reader; it keeps regressions out.

axe-playwright-python injects axe.min.js with ``page.evaluate()``. That goes through the
DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not
govern, so no ``bypass_csp`` is needed: the pages are checked under the same CSP as in
production (asserted below).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from meldingen.tests.factories import MeldingFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
REFLOW_WIDTH = 320  # WCAG 1.4.10: 1280 px at 400% zoom

AXE = Axe()


# --- Checks ----------------------------------------------------------------------------------


def _axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"    {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"    - {target}\n      {node['html'][:200]}")
            for line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"        {line}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = AXE.run(page, options=options).response["violations"]
    assert violations == [], (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url} "
        f"at {page.viewport_size['width']}px wide:{_axe_report(violations)}"
    )


# The visible edge of each form control (its border; for an unchecked switch, its track) against
# the background it sits on. Background images are not followed; our pages have none.
CONTROL_EDGES_JS = """() => {
  const rgba = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const backgroundBehind = (element) => {
    const layers = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] === 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255]);
  };
  const selector = "input:not([type=hidden], [type=submit], [type=button], [type=reset]), select, textarea";
  const problems = [];
  for (const control of document.querySelectorAll(selector)) {
    const box = control.getBoundingClientRect();
    if (!box.width || !box.height || control.disabled || control.closest(".visually-hidden")) continue;
    const style = getComputedStyle(control);
    const track = control.getAttribute("role") === "switch" && !control.checked;
    const hasBorder = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none";
    const edge = rgba(track || !hasBorder ? style.backgroundColor : style.borderTopColor);
    if (!edge) continue;
    const behind = backgroundBehind(control);
    const value = ratio(over(edge, behind), behind);
    if (value < 3) {
      const name = control.id ? "#" + control.id : control.outerHTML.slice(0, 80);
      problems.push(`${name}: ${value.toFixed(2)}:1 (${track ? "track" : "edge"} ${style.borderTopColor})`);
    }
  }
  return problems;
}"""


def assert_controls_have_visible_edges(page):
    problems = page.evaluate(CONTROL_EDGES_JS)
    assert problems == [], (
        f"form controls on {page.url} whose edge has less than 3:1 contrast (WCAG 1.4.11): "
        + "; ".join(problems)
    )


def assert_reflows(page):
    """No sideways scrolling at 320 CSS pixels (WCAG 1.4.10)."""
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": PHONE["height"]})
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], (
        f"{page.url} scrolls sideways at {REFLOW_WIDTH}px: content is {widths[0]}px wide"
    )


def check_page(page, viewport):
    assert_no_axe_violations(page)
    assert_controls_have_visible_edges(page)
    if viewport == PHONE:
        assert_reflows(page)


def visit(page, url):
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    # Checked under the real CSP, not a relaxed one.
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    return response


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


# --- What is done on a page before it is checked ----------------------------------------------


def _submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def _failed_login(page):
    page.get_by_label("E-mailadres").fill("niemand@example.org")
    page.get_by_label("Wachtwoord").first.fill("fout-wachtwoord")
    _submit(page)
    expect(page.get_by_role("alert").first).to_be_visible()


def _failed_signup(page):
    page.get_by_label(re.compile("^E-mailadres")).fill("geen-e-mailadres")
    page.get_by_label(re.compile(r"^Wachtwoord:?$")).fill("kort")
    _submit(page)
    expect(page.get_by_role("alert").first).to_be_visible()


def _failed_profiel_edit(page):
    page.get_by_label("Voornaam").fill("")
    page.get_by_label("Telefoonnummer").fill("bel me")
    _submit(page)
    expect(page.get_by_role("alert").first).to_be_visible()


def _failed_hulpvraag(page):
    page.get_by_label("Korte titel").fill("")
    page.get_by_label("Tot (tijd)").fill("08:00")
    _submit(page)
    expect(page.get_by_role("alert").first).to_be_visible()


def _open_language_switch(page):
    menu = page.locator(".site-menu > summary")
    if menu.is_visible():  # on a phone the switch is in the menu
        menu.click()
    page.get_by_text("Taal / Language").click()
    expect(page.get_by_label(re.compile("Kies een taal"))).to_be_visible()


ANONYMOUS = [
    ("/", None),
    ("/", _open_language_switch),
    ("/accounts/login/", None),
    ("/accounts/login/", _failed_login),
    ("/accounts/signup/", None),
    ("/accounts/signup/", _failed_signup),
    ("/accounts/password/reset/", None),
    ("/privacyverklaring/", None),
]

RESIDENT = [
    ("/profiel/", None),
    ("/profiel/welkom/1/", None),
    ("/profiel/welkom/2/", None),
    ("/profiel/welkom/3/", None),
    ("/profiel/welkom/4/", None),
    ("/profiel/bewerken/", None),
    ("/profiel/bewerken/", _failed_profiel_edit),
    ("/profiel/{own_id}/", None),
    ("/profiel/privacy/", None),
    ("/meldingen/", None),
    ("/meldingen/voorkeuren/", None),
    ("/accounts/email/", None),
    ("/accounts/password/change/", None),
    ("/accounts/2fa/", None),
    ("/accounts/sessions/", None),
    ("/hulp/", None),
    ("/hulp/vragen/nieuw/", None),
    ("/hulp/vragen/nieuw/", _failed_hulpvraag),
    ("/hulp/aanbod/", None),
    ("/hulp/aanbod/nieuw/", None),
    ("/hulp/mijn/vragen/", None),
    ("/hulp/mijn/aanbod/", None),
    ("/hulp/mijn/matches/", None),
    ("/hulp/matches/{match_id}/", None),
]

# The pages with the most layout (header, navigation, forms, lists) also at desktop width.
DESKTOP_PAGES = {"/", "/accounts/login/", "/accounts/signup/", "/profiel/bewerken/", "/meldingen/"}


def _cases(pages):
    for path, action in pages:
        name = path + (f"+{action.__name__.lstrip('_')}" if action else "")
        yield pytest.param(path, action, PHONE, id=f"phone:{name}")
        if path in DESKTOP_PAGES:
            yield pytest.param(path, action, DESKTOP, id=f"desktop:{name}")


@pytest.mark.parametrize(("path", "action", "viewport"), list(_cases(ANONYMOUS)))
def test_anonymous_page_is_accessible(page, live_server, path, action, viewport):
    page.set_viewport_size(viewport)
    visit(page, live_server.url + path)
    if action:
        action(page)
    check_page(page, viewport)


@pytest.mark.parametrize(("path", "action", "viewport"), list(_cases(RESIDENT)))
def test_resident_page_is_accessible(page, live_server, bewoner, path, action, viewport):
    MeldingFactory(ontvanger=bewoner, titel="Welkom in de wijk", gelezen=True)
    MeldingFactory(ontvanger=bewoner, titel="Henk wil je helpen", url="/profiel/")
    _log_in(page, live_server, bewoner)
    page.set_viewport_size(viewport)
    match_id = None
    if "{match_id}" in path:  # a proposal to bewoner, with a request, offer and an explanation
        from hulpvragen.tests.factories import AanbodFactory, MatchFactory

        match_id = MatchFactory(helper=bewoner, aanbod=AanbodFactory(helper=bewoner)).pk
    path = path.format(own_id=bewoner.pk, match_id=match_id)
    visit(page, live_server.url + path)
    assert page.url == live_server.url + path, f"redirected to {page.url}"
    if action:
        action(page)
    check_page(page, viewport)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    visit(page, live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when focused, not only to screen readers

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes to the first control in the content, not back to the header: a link
    # that looks like a button (role="button"), so it also follows the link on Space.
    page.keyboard.press("Tab")
    account_maken = page.locator("main").get_by_role("button", name="Account maken")
    expect(account_maken).to_be_focused()
    page.keyboard.press("Space")
    expect(page).to_have_url(live_server.url + "/accounts/signup/")
