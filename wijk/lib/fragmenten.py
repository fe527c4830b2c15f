"""Rendered parts of a page, kept in the cache under a digest of everything they show.

A part that costs real template work (a room's week grid, a page of the agenda, a filter form)
is rendered once for each distinct content and then reused, by every visitor who would see
the very same HTML. The caller passes the content (``inhoud``): the plain values the part's
template reads, read from the rows the page fetched anyway. A change to any of them is a new
key, so nothing has to be forgotten by hand; old keys expire (``BEWAREN``). The language is
part of every key. A part that holds anything personal (a CSRF token, a name only some may
see) must put who may see it in ``inhoud`` too, or not be kept at all."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

# Seconds a rendered part stays: it bounds the memory of parts nobody asks for any more.
BEWAREN = 60 * 60


def bewaard(naam: str, inhoud: object, maak: Callable[[], str]) -> SafeString:
    """The HTML ``maak()`` renders for ``inhoud``, from the cache when it was rendered before.

    ``inhoud`` must have a ``repr`` that shows all of it (tuples, lists, strings, numbers,
    dates and times): the key is the SHA-256 of that ``repr`` and the language."""
    digest = hashlib.sha256(repr((translation.get_language(), inhoud)).encode()).hexdigest()
    sleutel = f"fragment:{naam}:{digest}"
    html = cache.get(sleutel)
    if html is None:
        html = str(maak())
        cache.set(sleutel, html, BEWAREN)
    return mark_safe(html)  # noqa: S308 -- the output of our own templates
