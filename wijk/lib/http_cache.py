"""Conditional GET for public pages and feeds: ``ETag`` and ``Last-Modified``, answered 304 (issue 16).

A browser or calendar app that kept an answer asks again with ``If-None-Match`` (the ETag) or
``If-Modified-Since``; when nothing shown has changed it gets a bodiless 304 and the page is
not rendered at all. Django's own ``condition`` decorator does the comparing.

The validator is a fingerprint of what the answer shows, not of its bytes:

- **The data.** A view names a function that gathers everything its template shows
  (``@voorwaardelijk(gegevens)``); the function runs once per request (``per_verzoek``): first
  for the fingerprint, then the view renders from the same objects. The fingerprint hashes
  every loaded field of every model instance in it, with the instances selected along and the
  counts annotated on them. No model here has a "changed at" column, and one would miss the
  conditional ``QuerySet.update()`` calls the services make for race safety; hashing the data
  itself cannot go stale. Rendering is what costs the time (issue 16: 9 ms of SQL in 84 ms),
  and a 304 skips it. The tests check that rendering such a page runs no query of its own
  (``wijk/tests/test_http_cache.py``), so nothing shown escapes the fingerprint.
- **Everything around it:** the code and static files of this build (``code_versie``), the
  host (the coöperatie and its address), the coöperatie's own settings (name, colour, logo,
  privacy text), the language, the address with its query. For HTML pages also today's date
  (dates are written relative to the current year), the htmx header, and the visitor's CSRF
  secret: each page carries a token masked from it, so a page kept from before the cookie
  changed (logging out rotates it) is never revived by a 304 with a stale token.

Only answers that are the same for everyone who sends the same cookies get a validator: HTML
pages for anonymous visitors without messages waiting (a message is shown once), and the public
feeds for anyone. A logged-in person's pages get no ETag and no 304 here; they keep
``Cache-Control: private, no-store`` (``wijk.middleware.PersonalPagesNotStoredMiddleware``).
Anonymous HTML pages get ``Cache-Control: private, no-cache``: a browser may keep the page but
asks every time (it would otherwise guess a freshness from ``Last-Modified``), and a shared
proxy keeps none (the CSRF token in it is the visitor's).

``Last-Modified`` is the moment this build first served the current fingerprint of that address,
kept in the cache (Redis in production, shared by all processes; a content change that reverts
gets a new moment, never an old one). With a cache of its own per process (locmem, the embedded
default) and several processes, a client that sends only ``If-Modified-Since`` could be told
"not modified" for a version another process served in between; browsers send the ETag as well,
and ``If-None-Match`` wins. ETags are weak (``W/``): equal meaning, not equal bytes. With DEBUG
on (templates change without a new process) nothing here answers 304.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import inspect
import os
import uuid
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import models
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.views.decorators.http import condition

# How long the cache remembers when an address's fingerprint first appeared.
SINDS_BEWAREN = 30 * 24 * 3600

# What the fingerprint of the build reads (templates, code, translations, settings of packages).
_CODE_SUFFIXEN = {".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".toml", ".cfg"}
_NIET_DOORZOEKEN = {"node_modules", "staticfiles", "media", "__pycache__", "tests", "e2e"}


class NietVast(Exception):
    """A value whose fingerprint would not be the same next time (no conditional GET then)."""


# --- the fingerprint ---------------------------------------------------------------------------


def _schrijf(h, soort: bytes, tekst: str) -> None:
    h.update(soort)
    h.update(tekst.encode())
    h.update(b"\0")


def _model(h, obj: models.Model, gezien: set[int]) -> None:
    _schrijf(h, b"M", f"{obj._meta.label}:{obj.pk}")
    if id(obj) in gezien:  # the same instance again (a cycle): its name is enough
        return
    gezien.add(id(obj))
    for naam, waarde in sorted(obj.__dict__.items()):
        if naam in ("_state", "_prefetched_objects_cache"):
            continue
        _schrijf(h, b"F", naam)
        _waarde(h, waarde, gezien)
    for naam, waarde in sorted(obj._state.fields_cache.items()):  # select_related
        _schrijf(h, b"R", naam)
        _waarde(h, waarde, gezien)
    for naam, qs in sorted(getattr(obj, "_prefetched_objects_cache", {}).items()):
        _schrijf(h, b"P", naam)
        _waarde(h, qs, gezien)


def _waarde(h, waarde, gezien: set[int]) -> None:
    if waarde is None or isinstance(waarde, bool | int | float | decimal.Decimal | uuid.UUID):
        _schrijf(h, b"v", repr(waarde))
    elif isinstance(waarde, str | Promise):  # TextChoices and lazy translations: the text
        _schrijf(h, b"s", str(waarde))
    elif isinstance(waarde, enum.Enum):
        _schrijf(h, b"e", repr(waarde.value))
    elif isinstance(waarde, dt.date | dt.time | dt.timedelta):
        _schrijf(h, b"t", repr(waarde))
    elif isinstance(waarde, bytes | bytearray | memoryview):
        h.update(b"b")
        h.update(hashlib.sha256(bytes(waarde)).digest())
    elif isinstance(waarde, models.Model):
        _model(h, waarde, gezien)
    elif isinstance(waarde, dict):
        _schrijf(h, b"{", str(len(waarde)))
        for sleutel, item in sorted(waarde.items(), key=lambda kv: str(kv[0])):
            _schrijf(h, b"k", str(sleutel))
            _waarde(h, item, gezien)
    elif isinstance(waarde, list | tuple | models.QuerySet):
        # A QuerySet is evaluated here and keeps its rows: the template reads the same ones.
        rijen = list(waarde)
        _schrijf(h, b"[", str(len(rijen)))
        for item in rijen:
            _waarde(h, item, gezien)
    elif isinstance(waarde, set | frozenset):
        _schrijf(h, b"(", str(len(waarde)))
        for item in sorted(waarde, key=repr):
            _waarde(h, item, gezien)
    else:
        raise NietVast(type(waarde).__name__)


def vingerafdruk(*waarden) -> str:
    """A hex digest of the values: equal exactly when every field of every object is equal."""
    h = hashlib.sha256()
    gezien: set[int] = set()
    for waarde in waarden:
        _waarde(h, waarde, gezien)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_versie() -> str:
    """A fingerprint of this build: the project's code, templates, translations and the static
    manifest (hashed file names). The same in every process of one deployment; read once."""
    basis = Path(settings.BASE_DIR)
    h = hashlib.sha256()
    paden = []
    for map_, mappen, bestanden in os.walk(basis):
        mappen[:] = [m for m in mappen if not m.startswith(".") and m not in _NIET_DOORZOEKEN]
        paden += [Path(map_) / b for b in bestanden if Path(b).suffix in _CODE_SUFFIXEN]
    manifest = Path(settings.STATIC_ROOT or basis / "staticfiles") / "staticfiles.json"
    if manifest.is_file():
        paden.append(manifest)
    for pad in sorted(paden):
        _schrijf(h, b"p", str(pad.relative_to(basis) if pad.is_relative_to(basis) else pad))
        h.update(hashlib.sha256(pad.read_bytes()).digest())
    return h.hexdigest()


# --- one computation per request -----------------------------------------------------------------


def per_verzoek(func: Callable) -> Callable:
    """``func(request, *args, **kwargs)`` runs once per request: the validator and the view
    share its result (the view calls the same function again and gets the same objects)."""

    handtekening = inspect.signature(func)

    @wraps(func)
    def inner(request, *args, **kwargs):
        bewaard = request.__dict__.setdefault("wijk_per_verzoek", {})
        # The same call whether the URL's arguments come by name (the resolver) or in order.
        argumenten = handtekening.bind(request, *args, **kwargs).arguments
        sleutel = (func, tuple(argumenten.items())[1:])
        if sleutel not in bewaard:
            bewaard[sleutel] = func(request, *args, **kwargs)
        return bewaard[sleutel]

    return inner


# --- the decorator -------------------------------------------------------------------------------


def _omgeving(request, *, html: bool) -> list:
    """Everything around the data that the answer shows."""
    cooperatie = getattr(request, "cooperatie", None)
    omgeving = [
        code_versie(),
        request.get_host().lower(),
        request.get_full_path(),
        translation.get_language(),
        # What the environment sets that answers show: names, links and calendar UIDs.
        settings.WIJK_NAAM,
        settings.SITE_URL,
        settings.WIJK_PLATFORMDOMEIN,
        cooperatie,
    ]
    if html:
        omgeving += [timezone.localdate(), request.headers.get("HX-Request", "")]
    return omgeving


def _csrf_deel(request) -> str:
    """The visitor's CSRF secret, hidden by an HMAC (the page carries a token masked from it).
    ``get_token`` makes one for a first visit, as rendering the page would."""
    get_token(request)
    geheim = request.META.get("CSRF_COOKIE", "")
    return salted_hmac("wijk.http_cache.csrf", geheim).hexdigest()[:16]


def _sinds(request, inhoud: str, *, html: bool) -> dt.datetime:
    """When this address's current fingerprint was first served (see the module's text)."""
    adres = vingerafdruk(request.get_host().lower(), request.get_full_path(), html)
    sleutel = f"wijk:http-cache:sinds:{translation.get_language()}:{adres}"
    nu = timezone.now().replace(microsecond=0)
    vorige = cache.get(sleutel)
    if vorige is not None:
        vorige_inhoud, vorige_sinds = vorige
        if vorige_inhoud == inhoud:
            return vorige_sinds
        # A change within the same second must still be later than what was sent before.
        nu = max(nu, vorige_sinds + dt.timedelta(seconds=1))
    cache.set(sleutel, (inhoud, nu), SINDS_BEWAREN)
    return nu


def voorwaardelijk(gegevens: Callable, *, html: bool = True):
    """Answer 304 when what the page shows is unchanged (see the module's text).

    ``gegevens(request, *args, **kwargs)``, wrapped in ``per_verzoek``, returns everything the
    answer shows that comes from the database; the view gets the same result by calling it.
    ``html=False`` is for feeds that are the same for everyone, logged in or not (they set
    their own ``Cache-Control``); HTML pages get a validator for anonymous visitors only.
    """

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            # With DEBUG on, templates change without a new process: no 304s while developing.
            if request.method not in ("GET", "HEAD") or settings.DEBUG:
                return view(request, *args, **kwargs)
            if html and (request.user.is_authenticated or len(get_messages(request))):
                return view(request, *args, **kwargs)
            try:
                inhoud = vingerafdruk(
                    *_omgeving(request, html=html), gegevens(request, *args, **kwargs)
                )
            except NietVast:
                return view(request, *args, **kwargs)
            deel = _csrf_deel(request) if html else ""
            etag = f'W/"{inhoud[:32]}{deel}"'
            sinds = _sinds(request, inhoud, html=html)
            response = condition(
                etag_func=lambda *a, **k: etag, last_modified_func=lambda *a, **k: sinds
            )(view)(request, *args, **kwargs)
            if html:
                patch_cache_control(response, private=True, no_cache=True)
            return response

        return inner

    return decorator
