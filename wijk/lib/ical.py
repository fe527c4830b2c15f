"""Small helpers for the calendar feeds (iCalendar, RFC 5545) that several apps serve."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often a calendar app should fetch a subscribed feed again.
VERVERSEN = timedelta(hours=1)


def uid_host() -> str:
    """The host part of every UID: from ``SITE_URL``, so it does not depend on the request."""
    return urlsplit(settings.SITE_URL).hostname or "wijk"


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def kalender(*, prodid: str, naam: str, uid: str) -> icalendar.Calendar:
    kal = icalendar.Calendar.new(prodid=prodid, name=naam, uid=uid)
    kal.add("refresh-interval", VERVERSEN, parameters={"VALUE": "DURATION"})
    kal.add("x-published-ttl", icalendar.vDuration(VERVERSEN))
    return kal


def ics_response(kal: icalendar.Calendar, events: Iterable[icalendar.Event]) -> HttpResponse:
    for event in events:
        kal.add_component(event)
    return HttpResponse(kal.to_ical(), content_type=CONTENT_TYPE)


@contextmanager
def in_taal_van(user) -> Iterator[None]:
    """For a personal feed: there is no session (calendar apps cannot log in), so speak the
    language saved on the account, as the pages do after login."""
    with translation.override(user.taal or translation.get_language()):
        yield


def persoonlijke_response(
    kal: icalendar.Calendar, events: Iterable[icalendar.Event]
) -> HttpResponse:
    """A personal feed (its secret link is the key): as ``ics_response``, and never indexed."""
    response = ics_response(kal, events)
    response["X-Robots-Tag"] = "noindex"
    return response
