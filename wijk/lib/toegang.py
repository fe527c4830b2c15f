"""Every URL declares who may open it: default deny for URLs (issue 12).

A view function says it with ``@toegang(regel)``, where ``regel(user) -> bool`` is a named
predicate: ``iedereen`` and ``ingelogd`` here, the others in the apps' ``permissions.py``
(``buurtassistenten.permissions.is_buurtassistent``, ``rapportages.permissions.mag_rapporten_zien``
...). When the rule says no, an anonymous visitor is sent to the login page (as with
``login_required``, the page comes back after logging in) and a logged-in person gets a 403.

A view that loads one object and asks a rule about it names that rule, as a dotted path to a
predicate in an app's ``permissions.py``, with ``per_object``::

    @toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
    @require_GET
    def match_detail(request, pk): ...

The decorator does not run the per-object rule (the view does, after loading the object, and
answers 404 or 403 as it did); it records it, so the declaration can be read and checked.

The URLs of other packages (Django's admin, allauth's account pages) are declared in a small
registry with ``declareer_derden(sleutel, uitleg)``, keyed by URL namespace or include prefix.

``wijk/tests/test_toegang.py`` walks the whole URL resolver and fails for every pattern that
is declared neither way, and for every ``per_object`` path that does not import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

Regel = Callable[[object], bool]


def iedereen(user) -> bool:
    """Anyone, also without logging in: public pages, and the calendar feeds whose secret
    link is the key (their ``per_object`` rule checks it)."""
    return True


def ingelogd(user) -> bool:
    """Anyone who is logged in."""
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class Toegang:
    """What a view declared: who may open it, and the rule it asks about the object it loads."""

    regel: Regel
    per_object: str = ""

    @property
    def regel_naam(self) -> str:
        return f"{self.regel.__module__}.{self.regel.__qualname__}"


def toegang(regel: Regel, *, per_object: str = ""):
    """Declare and enforce who may open a view. Put it outermost (above ``require_POST`` and
    the like); below them it still works, since those copy the record with ``functools.wraps``.
    """
    if not callable(regel):
        raise TypeError(f"toegang() needs a predicate regel(user) -> bool, not {regel!r}")
    if per_object and (not isinstance(per_object, str) or ".permissions." not in per_object):
        raise ValueError(
            "per_object is the dotted path of a predicate in an app's permissions.py, "
            f"e.g. 'hulpvragen.permissions.can_view_match'; got {per_object!r}"
        )
    record = Toegang(regel=regel, per_object=per_object)

    def decorator(view):
        @wraps(view)
        def _view(request, *args, **kwargs):
            user = request.user
            if regel(user):
                return view(request, *args, **kwargs)
            if not getattr(user, "is_authenticated", False):
                return _naar_inloggen(request)
            raise PermissionDenied

        _view.toegang = record
        return _view

    return decorator


def _naar_inloggen(request):
    """What ``login_required`` does: the login page, with this page as ``next``."""
    path = request.build_absolute_uri()
    login_url = resolve_url(settings.LOGIN_URL)
    login_scheme, login_netloc = urlsplit(login_url)[:2]
    current_scheme, current_netloc = urlsplit(path)[:2]
    if (not login_scheme or login_scheme == current_scheme) and (
        not login_netloc or login_netloc == current_netloc
    ):
        path = request.get_full_path()
    return redirect_to_login(path, login_url, REDIRECT_FIELD_NAME)


def toegang_van(view) -> Toegang | None:
    """The declaration of a view (also when other decorators wrap it), or None."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        record = getattr(view, "toegang", None)
        if isinstance(record, Toegang):
            return record
        view = getattr(view, "__wrapped__", None)
    return None


# --- URLs of other packages ------------------------------------------------------------------

# sleutel (a URL namespace such as "admin", or an include prefix such as "accounts/") -> uitleg
DERDEN: dict[str, str] = {}


def declareer_derden(sleutel: str, uitleg: str) -> None:
    """Declare the access of another package's URLs, all under one namespace or prefix, in
    words: those packages decide it themselves (the admin: staff with a second factor)."""
    if not sleutel or not uitleg:
        raise ValueError("declareer_derden() needs a namespace or prefix and an explanation")
    DERDEN[sleutel] = uitleg


def derden_voor(patroon: Patroon) -> str:
    """The registry key that covers a URL pattern (one of its namespaces or include
    prefixes), or ``""``."""
    for sleutel in DERDEN:
        if sleutel in patroon.namespaces or sleutel in patroon.prefixes:
            return sleutel
    return ""


# --- the whole URL resolver ------------------------------------------------------------------


@dataclass(frozen=True)
class Patroon:
    """One URL pattern as the resolver holds it, with the includes it sits in."""

    route: str  # the full route, e.g. "hulp/matches/<int:pk>/"
    naam: str  # the namespaced name, e.g. "hulpvragen:match_detail" ("" when unnamed)
    callback: Callable
    namespaces: tuple[str, ...]  # of the includes it sits in, outermost first
    prefixes: tuple[str, ...]  # the routes of those includes, e.g. ("accounts/",)


def alle_patronen(resolver=None, *, _route="", _namespaces=(), _prefixes=()):
    """Every URL pattern of the project (``ROOT_URLCONF``, or ``resolver``), includes
    followed to the end."""
    resolver = resolver if resolver is not None else get_resolver()
    for entry in resolver.url_patterns:
        route = _route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            namespaces = _namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from alle_patronen(
                entry, _route=route, _namespaces=namespaces, _prefixes=_prefixes + (route,)
            )
        elif isinstance(entry, URLPattern):
            naam = ":".join((*_namespaces, entry.name)) if entry.name else ""
            yield Patroon(
                route=route,
                naam=naam,
                callback=entry.callback,
                namespaces=_namespaces,
                prefixes=_prefixes,
            )
