"""An axe-core crawl of every page, as each kind of person sees it, on a phone and a laptop.

The data are the demo's (``seed_demo --cooperatie debuurt``: every kind of object, a year of
history, the demo's accounts). For each persona (anonymous, a resident, the buurtassistent,
the bestuurslid and the beheerder, whose crawl also starts at ``/admin/``) the crawl starts at
the start page and follows the links of each page (``<a href>`` on the same host), breadth
first, GET only. It never follows a link that logs out, deletes, or downloads a file
(.ics, .csv, .xlsx, .pdf, .json, "download"); it submits no form. Pages are told apart by their
URL pattern (``resolve(path).route``): each pattern is checked once without a query string
and once with one (a filter, a page number), per persona. After the links, the patterns that
take no argument and were not reached yet are opened too.

Each page is checked by axe with the WCAG 2.1 A/AA rules (as in test_accessibility.py) at
390 px and, after resizing without reloading, at 1280 px. All violations are collected and
reported at the end in one list (page, width, rule, targets), so one run shows everything. The
patterns never reached by a persona are printed, so the coverage shows.

The beheerder's crawl also opens the admin's home and the list, add and change page of every
registered model (``test_admin_csp.admin_pages``; a model without an object fails), and reads
the visible text of each admin page for English Django or allauth left (``ENGELS``): the admin
is Dutch throughout (issue 15, point 16).

One test per persona: a transactional live-server test empties the database when it ends, and
seeding it again per page would take far too long. Each prints its figures (pages, axe runs,
seconds); ``WIJK_CRAWL_RAPPORT=<file>`` also writes every violation to that file.
"""

import os
import re
import time
from collections import deque
from io import StringIO
from urllib.parse import urlsplit

import pytest
from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.urls import Resolver404, get_resolver, resolve
from django.urls.resolvers import URLPattern, URLResolver

from bewoners.models import User
from demo.cooperaties import BEHEER, BESTUUR, BUURTASSISTENT, EERSTE

from .test_accessibility import AXE, DESKTOP, PHONE, WCAG_TAGS, _log_in
from .test_admin_csp import admin_pages, fill_empty_models

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.crawl,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

# Pages per persona at most (the beheerder's admin has the most patterns).
MAX_PAGES = {"beheerder": 200}
MAX_PAGES_DEFAULT = 100

# English the Dutch admin must not show (visible text, whole words, case as written). "Filter"
# is not here: it is Dutch too, and Django's Dutch catalogue keeps it.
ENGELS = re.compile(
    r"\b(?:Add|Change|Delete|Save|Search|View|History|User sessions?|user sessions?|Can add"
    r"|Can change|Can delete|Can view|Created at|Last used|Last seen)\b"
    r"|\bAuthenticators?\b(?!-)"
)
VISIBLE_TEXT_JS = "() => document.body.innerText"

# Links never followed: they change something, end the session or are a file.
SKIP_IN_PATH = ("logout", "uitloggen", "delete", "verwijder", "download", "export")
SKIP_SUFFIX = (".ics", ".csv", ".xlsx", ".pdf", ".json", ".png", ".jpg", ".svg", ".xml", ".txt")
# A file asked for in the query string (the reports' "format=csv", "format=xlsx").
SKIP_IN_QUERY = ("format=", "download")
# Patterns not opened from the list of all patterns: files, feeds, actions by GET, static.
SKIP_ROUTE = (
    "static",
    "media",
    "jsi18n",
    "autocomplete",
    "logo",
    "ical",
    "agenda.ics",
    "__",
    "i18n",  # the language switch: a POST form
)

PERSONAS = {
    "anoniem": None,
    "bewoner": f"bewoner1@{EERSTE.maildomein}",
    "buurtassistent": f"{BUURTASSISTENT}@{EERSTE.maildomein}",
    "bestuur": f"{BESTUUR}@{EERSTE.maildomein}",
    "beheerder": f"{BEHEER}@{EERSTE.maildomein}",
}

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

LINKS_JS = """() => [...document.querySelectorAll("a[href]")].map((a) => a.href)"""


def _raw_route(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def _route(path: str) -> str | None:
    try:
        route = resolve(path).route
    except Resolver404:
        return None
    # The admin's history page is one template for every model: checked once.
    if route.startswith("admin/") and route.endswith("/history/"):
        return "admin/<model>/<path:object_id>/history/"
    return route


def _key(route: str, query: str) -> tuple[str, bool]:
    """Each pattern once without and once with a query string; in the admin, whose lists take
    many filters, once."""
    return (route, bool(query) and not route.startswith("admin/"))


def _all_routes() -> list[str]:
    """Every URL pattern of the site, as the full route string ``resolve`` gives."""
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                routes.append(prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


def _followable(path: str, query: str = "") -> bool:
    lowered = path.lower()
    return (
        not any(word in lowered for word in SKIP_IN_PATH)
        and not lowered.endswith(SKIP_SUFFIX)
        and not any(word in query.lower() for word in SKIP_IN_QUERY)
        and not lowered.startswith("/admin/r/")  # the admin's "view on site": a redirect
    )


def _trivial_paths(routes: list[str]) -> list[str]:
    """The patterns that take no argument (and are pages, not files or actions)."""
    paths = []
    for route in routes:
        if "<" in route or "^" in route or "(" in route or "\\" in route:
            continue
        if any(word in route for word in SKIP_ROUTE) or not _followable("/" + route):
            continue
        paths.append("/" + route)
    return paths


def _axe(page, width: int, path: str, found: list[str]):
    violations = page.evaluate(f"axe.run(document, {_json(AXE_OPTIONS)})")["violations"]
    for violation in violations:
        targets = [
            " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            for node in violation["nodes"]
        ]
        found.append(
            f"{path} @ {width}px: {violation['id']} ({violation['impact']}): "
            f"{violation['help']}\n        "
            + "\n        ".join(targets[:8])
            + (f"\n        … and {len(targets) - 8} more" if len(targets) > 8 else "")
        )


def _json(value) -> str:
    import json

    return json.dumps(value)


def _crawl(page, live_server, persona: str, telling):
    started = time.monotonic()
    email = PERSONAS[persona]
    if email:
        _log_in(page, live_server, User.objects.get(email=email))
    base = live_server.url
    host = urlsplit(base).netloc
    routes = _all_routes()
    seeds = ["/"]
    if persona == "beheerder":  # the admin's home, and each model's list, add and change page
        staff = User.objects.get(email=email)
        seeds += [path for _label, path in admin_pages(staff)]
    queue = deque(seeds)
    later = deque(_trivial_paths(routes))
    checked: dict[tuple[str, bool], str] = {}  # (route, with query) -> the path checked
    queued: set[str] = set(seeds)
    violations: list[str] = []
    errors: list[str] = []
    english: list[str] = []
    opened: set[str | None] = set()  # every pattern opened, also those redirected
    limit = MAX_PAGES.get(persona, MAX_PAGES_DEFAULT)
    axe_runs = 0

    def enqueue(url):
        parts = urlsplit(url)
        if parts.netloc != host or parts.scheme not in ("http", "https"):
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in queued or not _followable(parts.path, parts.query):
            return
        route = _route(parts.path)
        if route is None or _key(route, parts.query) in checked:
            return
        queued.add(path)
        queue.append(path)

    while (queue or later) and len(checked) < limit:
        path = queue.popleft() if queue else later.popleft()
        split = urlsplit(path)
        route = _route(split.path)
        if route is None or _key(route, split.query) in checked:
            continue
        page.set_viewport_size(PHONE)
        try:
            response = page.goto(base + path)
        except Exception as exc:  # a download, or an answer without a body (405, 403)
            if "Download" not in str(exc):
                status = page.request.get(base + path, max_redirects=0).status
                if status >= 500:
                    errors.append(f"{path}: answered {status} ({str(exc).splitlines()[0]})")
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        final = urlsplit(page.url)
        final_route = _route(final.path) if final.netloc == host else None
        opened.update(_raw_route(p) for p in (split.path, final.path))
        if final_route is None:
            continue
        key = _key(final_route, final.query)
        if key in checked:  # a redirect to a page already checked (the login page, ...)
            continue
        checked[key] = final.path + (f"?{final.query}" if final.query else "")
        if response.status >= 500:
            errors.append(f"{path}: answered {response.status}")
        if response.status not in (200, 403, 404):  # 405 for a GET of a POST-only address
            continue
        shown = checked[key] + ("" if response.status == 200 else f" ({response.status})")
        if final.path.startswith("/admin/") and response.status == 200:
            for word in sorted(set(ENGELS.findall(page.evaluate(VISIBLE_TEXT_JS)))):
                english.append(f"{checked[key]}: {word!r}")
        page.evaluate(AXE.axe_script)
        _axe(page, PHONE["width"], shown, violations)
        page.set_viewport_size(DESKTOP)
        _axe(page, DESKTOP["width"], shown, violations)
        axe_runs += 2
        for link in page.evaluate(LINKS_JS):
            enqueue(link)

    reached = {route for route, _query in checked}
    # Not opened at all, leaving out those never followed on purpose (delete, log out, files).
    never = [r for r in routes if r not in opened and _followable("/" + r)]
    seconds = time.monotonic() - started
    telling(
        f"crawl as {persona}: {len(checked)} pages ({len(reached)} of {len(routes)} URL "
        f"patterns), {axe_runs} axe runs, {len(violations)} violations, {seconds:.0f} s"
    )
    print(f"\n--- {persona}: {len(checked)} pages in {seconds:.0f} s, {axe_runs} axe runs")
    print(f"--- {persona}: patterns never reached ({len(never)}):")
    for route in never:
        print(f"    {route or '/'}")
    print(f"--- {persona}: pages checked:")
    for shown in checked.values():
        print(f"    {shown}")
    if persona == "beheerder":
        missed = [
            path
            for path in seeds
            if path.startswith("/admin/") and _key(_route(urlsplit(path).path), "") not in checked
        ]
        errors += [f"{path}: admin page not checked (raise MAX_PAGES)" for path in missed]
        errors += [f"English in the admin: {line}" for line in english]
    return violations, errors


@pytest.fixture
def demo_data(reference_data):
    call_command("seed_demo", "--cooperatie", EERSTE.slug, stdout=StringIO())
    # One object of each model the admin shows that the demo leaves empty (a login session
    # too: the crawl's logins are made without a browser).
    beheerder = User.objects.get(email=PERSONAS["beheerder"])
    fill_empty_models(beheerder)
    UserSession.objects.create(
        user=beheerder, ip="127.0.0.1", session_key="crawl" * 8, user_agent="Chromium"
    )


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_crawl_finds_no_axe_violation(page, live_server, demo_data, telling, persona):
    violations, errors = _crawl(page, live_server, persona, telling)
    report = "\n    ".join(violations)
    if violations:
        print(f"\n=== {persona}: {len(violations)} violations\n    {report}")
    # WIJK_CRAWL_RAPPORT=<file>: every violation also in that file, one block per page, width
    # and rule, headed by the persona (to read or keep as CI's artefact).
    if os.environ.get("WIJK_CRAWL_RAPPORT"):
        with open(os.environ["WIJK_CRAWL_RAPPORT"], "a", encoding="utf-8") as rapport:
            rapport.writelines(f"[{persona}] {line}\n" for line in violations)
    failed = "\n    ".join(errors)
    assert not violations and not errors, (
        f"as {persona}: {len(errors)} page(s) that failed to open:\n    {failed}\n"
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s):\n    {report}"
    )
