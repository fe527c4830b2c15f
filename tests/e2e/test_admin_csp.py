"""The Django admin under the site's Content-Security-Policy, in a real browser.

Every model registered with the admin (read from ``admin.site._registry``, so a new registration
is covered without touching this file) has its list, add and change page opened as a superuser
who logged in with password and authenticator code, as are the admin's home and app pages.
Each page must:

- answer 200 under the production policy (``style-src 'self'``, no ``'unsafe-inline'``);
- raise no CSP violation (``securitypolicyviolation`` events, listened for from before the
  page's first script) and log no console error (Chromium also logs each violation there) and
  no uncaught script error;
- have its widgets working and styled: every two-list picker (``filter_horizontal``) and every
  select2 box (``autocomplete_fields``) is built by the admin's scripts and carries the layout of
  the admin's style sheets. A blocked inline style or a missing style sheet shows up here.

The objects for the change pages come from the demo data (``seed_demo``, which every app keeps
up to date through its hook), plus one object for each model the demo leaves empty; a model
without an object fails the test instead of being skipped. One browser context, one login.
"""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from bewoners.models import User
from bewoners.tests.factories import UserFactory

from .test_buurtassistenten import _inloggen_met_code

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

# Runs in every document before the page's own scripts (through DevTools, so not under the CSP).
LISTEN_FOR_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `CSP: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || "?"}:`
      + `${e.lineNumber}` + (e.sample ? ` (${e.sample})` : "")
  );
});
"""

# After a turn of the event loop (violation events are dispatched as tasks): the violations and
# what is wrong with the widgets. The admin builds select2 boxes on DOM ready and two-list
# pickers on load, except in the hidden template row of an inline (name with __prefix__).
PAGE_STATE_JS = """() => new Promise((resolve) => setTimeout(() => {
  const problems = [...window.__cspViolations];
  const live = (el) => !(el.name || "").includes("__prefix__");
  const display = (el) => getComputedStyle(el).display;
  const unbuilt = [...document.querySelectorAll("select.admin-autocomplete")]
    .filter((el) => live(el) && !el.classList.contains("select2-hidden-accessible"));
  if (unbuilt.length) problems.push(`${unbuilt.length} select2 box(es) not built`);
  const boxes = document.querySelectorAll(".select2-container");
  // position from select2.css, min-height from the admin's autocomplete.css (display is no
  // proof: the box sits in a flex row, which makes it a block).
  const unstyled = [...boxes].filter((el) => {
    const style = getComputedStyle(el);
    return style.position !== "relative" || style.minHeight !== "30px";
  });
  if (unstyled.length) problems.push(`${unstyled.length} select2 box(es) without their style sheets`);
  const unbuiltPickers = [...document.querySelectorAll("select.selectfilter, select.selectfilterstacked")]
    .filter(live);
  if (unbuiltPickers.length) problems.push(`${unbuiltPickers.length} two-list picker(s) not built`);
  const pickers = document.querySelectorAll("div.selector");
  const unstyledPickers = [...pickers].filter((el) => display(el) !== "flex");
  if (unstyledPickers.length) problems.push(`${unstyledPickers.length} two-list picker(s) without widgets.css`);
  resolve({problems, select2: boxes.length, pickers: pickers.length});
}, 50))"""


def fill_empty_models(staff):
    """One object for each registered model the demo data leaves empty."""
    from accommodaties.models import AgendaSleutel
    from meldingen import services as meldingen_services
    from meldingen.soorten import all_soorten
    from rapportages.models import Waardering

    meldingen_services.voorkeur_set(staff, all_soorten()[0].code, "email")
    meldingen_services.samenvatting_set(staff, aan=True)
    AgendaSleutel.voor(staff)
    Waardering.objects.get_or_create(sleutel=Waardering.Sleutel.VRIJWILLIGERSUUR)
    # A usersessions.UserSession comes from the browser's own login.


def admin_pages(staff) -> list[tuple[str, str]]:
    """(label, path) of the admin's home, each app's page, and the list, add and change page of
    every registered model. The add page only where the admin offers adding (some models are
    read-only there)."""
    request = RequestFactory().get("/admin/")
    request.user = staff
    pages, empty = [("admin home", reverse("admin:index"))], []
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        pages.append((f"{app_label} app", reverse("admin:app_list", args=[app_label])))
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        label = model._meta.label
        pages.append((f"{label} list", reverse("admin:{}_{}_changelist".format(*info))))
        if model_admin.has_add_permission(request):
            pages.append((f"{label} add", reverse("admin:{}_{}_add".format(*info))))
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is None:
            empty.append(label)
            continue
        pages.append(
            (f"{label} change", reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        )
    assert not empty, f"no object to open the change page of: {empty}; add one in this test"
    return pages


# Open: the box's list is showing and its answer from the admin's autocomplete view has come in.
SELECT2_LOADED_JS = """() => document.querySelector(".select2-container--open .select2-results__option")
  && !document.querySelector(".select2-container--open .loading-results")"""


SEARCH_FIELD_NAME_JS = """() => {
  const field = document.querySelector(".select2-container--open .select2-search__field");
  return field ? field.getAttribute("aria-label") : "no search field";
}"""


# Which boxes to open: one per field (an inline's rows repeat the same field and the same view).
FIRST_BOX_PER_FIELD_JS = """() => {
  const seen = new Set();
  return [...document.querySelectorAll("select.admin-autocomplete + .select2-container")]
    .map((box, index) => {
      const data = box.previousElementSibling.dataset;
      const key = `${data.appLabel}.${data.modelName}.${data.fieldName}`;
      return seen.has(key) ? null : (seen.add(key), index);
    })
    .filter((index) => index !== null);
}"""


def _open_select2_boxes(page) -> int:
    """Open a select2 box of each field, as a person choosing would: the list comes from the
    admin's autocomplete view (an error there is a failed request in the console) and is placed
    by select2's script (a blocked style would be a violation). Returns how many were opened."""
    boxes = page.locator("select.admin-autocomplete + .select2-container .select2-selection")
    indexes = page.evaluate(FIRST_BOX_PER_FIELD_JS)
    for index in indexes:
        boxes.nth(index).click()
        page.wait_for_function(SELECT2_LOADED_JS, timeout=10_000)
        # Its search field is named after the field (static/js/beheer.js), for screen readers.
        name = page.evaluate(SEARCH_FIELD_NAME_JS)
        assert name and name.endswith(": zoeken"), (
            f"{page.url}: select2 search field named {name!r}"
        )
        page.keyboard.press("Escape")
    return len(indexes)


def test_every_admin_page_loads_under_the_csp_without_errors(page, live_server, telling):
    call_command("seed_demo", stdout=StringIO())
    staff = UserFactory(
        email="csp-beheer@example.org", is_staff=True, is_superuser=True, with_mfa=True
    )
    fill_empty_models(staff)

    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.context.add_init_script(LISTEN_FOR_VIOLATIONS_JS)

    _inloggen_met_code(page, live_server, staff)
    pages = admin_pages(User.objects.get(pk=staff.pk))

    problems, select2_boxes, pickers, opened = [], 0, 0, 0
    for label, path in pages:
        errors.clear()
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{label}: {path} answered {response.status}"
        policy = response.headers.get("content-security-policy", "")
        assert "style-src 'self'" in policy and "unsafe-inline" not in policy, policy
        opened += _open_select2_boxes(page)
        state = page.evaluate(PAGE_STATE_JS)
        select2_boxes += state["select2"]
        pickers += state["pickers"]
        if errors or state["problems"]:
            found = [*state["problems"], *errors]
            problems.append(f"{label} ({path}):\n    " + "\n    ".join(found))

    telling(
        f"admin under the CSP: {len(pages)} pages opened for {len(admin.site._registry)} models "
        f"({select2_boxes} select2 boxes, {opened} of them opened; {pickers} two-list pickers)"
    )
    assert select2_boxes and pickers, "no widget was checked: has the admin changed?"
    assert not problems, f"{len(problems)} of {len(pages)} admin pages:\n" + "\n".join(problems)
