"""An agreed help as a calendar entry (iCalendar, RFC 5545), like a booking's or a meeting's.

``match_ics``: one accepted match for a day and time as a download, for its helper and its
requester only (``permissions.mag_afspraak_downloaden``); anybody else gets a 404, which does
not say whether the match exists. The entry holds what both sides may see of each other: the
request's title (public), the time, the other side's first name and a link to the match page.
Never an address, a phone number or the request's private details: a calendar is often shared
or synced to other services.

Times are written in UTC, which every calendar app shows in its own time zone; the UID is
stable per match (``hulp-<pk>@<host of SITE_URL>``), so a second download updates the entry.
"""

from __future__ import annotations

from datetime import datetime

import icalendar
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cooperaties.selectors import site_url
from wijk.lib import ical
from wijk.lib.toegang import ingelogd, toegang

from .models import Match
from .permissions import mag_afspraak_downloaden

PRODID = "-//Wijk//Hulp//NL"


def _lokaal(datum, tijd) -> datetime:
    return timezone.make_aware(datetime.combine(datum, tijd))


def afspraak_event(match: Match, kijker, *, stamp: datetime) -> icalendar.Event:
    """The agreed help of ``match`` (an accepted match with a date) as ``kijker`` sees it."""
    hulpvraag = match.hulpvraag
    ander = match.helper if kijker.pk == hulpvraag.aanvrager_id else hulpvraag.aanvrager
    begin = _lokaal(hulpvraag.datum, hulpvraag.tijd_van)
    einde = _lokaal(hulpvraag.datum, hulpvraag.tijd_tot) if hulpvraag.tijd_tot else begin
    return icalendar.Event.new(
        uid=f"hulp-{match.pk}@{ical.uid_host()}",
        stamp=stamp,
        start=ical.utc(begin),
        end=ical.utc(einde),
        summary=_("Hulp: %(titel)s") % {"titel": hulpvraag.titel},
        description=_("Afgesproken met %(naam)s. De gegevens staan op de website.")
        % {"naam": ander.display_name},
        url=site_url() + match.get_absolute_url(),
        status="CONFIRMED",
    )


@never_cache
@toegang(ingelogd, per_object="hulpvragen.permissions.mag_afspraak_downloaden")
@require_safe
def match_ics(request, pk: int):
    """One agreed help to add to a calendar, for the helper and the requester only."""
    match = get_object_or_404(Match.objects.voor_lijst(), pk=pk)
    if not mag_afspraak_downloaden(request.user, match):
        raise Http404
    kalender = ical.kalender(
        prodid=PRODID, naam=match.hulpvraag.titel, uid=f"hulp-{match.pk}@{ical.uid_host()}"
    )
    response = ical.persoonlijke_response(
        kalender, [afspraak_event(match, request.user, stamp=timezone.now())]
    )
    response["Content-Disposition"] = f'attachment; filename="hulp-{match.pk}.ics"'
    return response
