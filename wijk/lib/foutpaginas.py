"""The project's own error pages in development too, and a short log line for a refused page.

With ``DEBUG`` on (``make run``) Django shows its technical 404 and 500 pages: English pages for
developers, with settings and a traceback. Someone trying the demo should meet the pages the
site really shows (``templates/404.html`` and ``500.html``, in Dutch). ``EigenFoutpaginas``
renders those in development too. Developers keep what they need: the traceback of a 500 is
logged in the terminal as always (``django.request``), and Django's technical page comes back
with ``?debug`` in the address or ``WIJK_TECHNISCHE_FOUTEN=True`` in the environment. Without
``DEBUG`` the middleware does nothing: Django renders these pages itself.

``KortBijGeenToegang`` keeps a refused page (403) to one log line: the refusal is the expected
answer to someone who may not open a page, and its traceback (always the same line in
``wijk.lib.toegang``) hid the real errors in the terminal.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.log import log_response
from django.views.defaults import page_not_found, server_error

# Django answers these with a 4xx of its own (403.html in development too); they are left alone.
GEEN_FOUT_VAN_ONS = (PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)


def technische_paginas(request) -> bool:
    """Does this request get Django's technical pages (development only)?"""
    if not settings.DEBUG:
        return False
    return settings.WIJK_TECHNISCHE_FOUTEN or "debug" in request.GET


class EigenFoutpaginas:
    """In development: the project's 404 and 500 pages instead of Django's technical ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and settings.DEBUG
            and not technische_paginas(request)
        ):
            # No address matched: that 404 never reaches a view (nor ``process_exception``),
            # so the technical page Django made for it is replaced here. A 404 that a view
            # returns on purpose has a ``resolver_match`` and stays as it is.
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG or technische_paginas(request):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, GEEN_FOUT_VAN_ONS):
            return None
        # What Django does for an uncaught exception without DEBUG: tell the listeners (the
        # test client, error trackers), log the traceback, show the friendly page.
        signals.got_request_exception.send(sender=None, request=request)
        response = server_error(request)
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response


class KortBijGeenToegang(logging.Filter):
    """``Forbidden (Permission denied): /pad/`` without the traceback; everything else as is."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        if (
            getattr(record, "status_code", None) == 403
            and exc_info
            and isinstance(exc_info[1], PermissionDenied)
        ):
            record.exc_info = None
            record.exc_text = None
        return True
