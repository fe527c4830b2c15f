"""Calendar feeds (iCalendar, RFC 5545) of bookings, made with the ``icalendar`` package.

Three feeds and one page:

- ``feed_mijn``: a person's own bookings, for a calendar app to subscribe to. Calendar apps
  cannot log in, so the secret in the link (``AgendaSleutel``) is the key; an unknown key or an
  inactive account is a 404. Requests and confirmed bookings from 90 days back onward;
  cancelled and refused ones stay 30 days as ``STATUS:CANCELLED``, so calendar apps that
  already have them take them out.
- ``feed_ruimte``: public, busy-only feed of one facility: "Bezet" from a booking's start to
  the end of its buffer, and closures. Never who booked, what for or with how many people.
- ``reservering_ics``: one booking as a download, for its booker and the facility's keepers;
  anybody else gets a 404, which does not say whether the booking exists.
- ``mijn_agenda``: the page that explains how to subscribe and shows the link;
  ``agenda_vernieuwen`` makes a new link (the old one stops working).

Every feed runs a fixed number of queries, whatever the number of bookings. Times are written
in UTC, which every calendar app shows in its own time zone. UIDs are stable per booking and
closure (``reservering-<pk>@<host of SITE_URL>``), so a refresh updates events in place.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from wijk.lib import ical
from wijk.lib.http_cache import per_verzoek, voorwaardelijk
from wijk.lib.toegang import iedereen, ingelogd, toegang

from .models import Accommodatie, Reservering, Sluiting
from .permissions import is_beheerder
from .selectors import agenda_sleutel_of_404
from .services import agenda_sleutel_voor

PRODID = "-//Wijk//Accommodaties//NL"
# How often calendar apps are asked to look again (most use their own interval anyway).
# The public feed may be kept this long by browsers and proxies.
PUBLIEK_CACHE_SECONDEN = 5 * 60

MIJN_TERUG = timedelta(days=90)  # own bookings: from this far back
AFGEZEGD_TONEN = timedelta(days=30)  # cancelled or refused: shown this long, as CANCELLED
RUIMTE_TERUG = timedelta(days=30)  # public feed: from this far back

ICAL_STATUS = {
    Reservering.Status.AANGEVRAAGD: "TENTATIVE",
    Reservering.Status.BEVESTIGD: "CONFIRMED",
    Reservering.Status.GEWEIGERD: "CANCELLED",
    Reservering.Status.GEANNULEERD: "CANCELLED",
}


# --- building calendars ----------------------------------------------------------------------


def _plaats(accommodatie: Accommodatie) -> str:
    return ", ".join(deel for deel in (accommodatie.naam, accommodatie.adres) if deel)


def reservering_event(reservering: Reservering, *, stamp: datetime) -> icalendar.Event:
    """One booking with everything its booker may see (``accommodatie`` selected with it)."""
    accommodatie = reservering.accommodatie
    velden = {"ruimte": accommodatie.naam, "doel": reservering.doel}
    if reservering.status == Reservering.Status.AANGEVRAAGD:
        titel = _("%(ruimte)s: %(doel)s (aangevraagd)") % velden
    else:
        titel = _("%(ruimte)s: %(doel)s") % velden
    regels = [_("Status: %(status)s") % {"status": reservering.get_status_display()}]
    aantal = reservering.aantal_personen
    regels.append(
        ngettext("Met %(aantal)s persoon", "Met %(aantal)s mensen", aantal) % {"aantal": aantal}
    )
    if reservering.namens:
        regels.append(_("Namens: %(namens)s") % {"namens": reservering.namens})
    if reservering.reden and not reservering.is_actief:
        regels.append(_("Reden: %(reden)s") % {"reden": reservering.reden_tekst})
    return icalendar.Event.new(
        uid=f"reservering-{reservering.pk}@{ical.uid_host()}",
        stamp=stamp,
        start=ical.utc(reservering.begin),
        end=ical.utc(reservering.einde),
        summary=titel,
        location=_plaats(accommodatie),
        description="\n".join(regels),
        status=ICAL_STATUS[reservering.status],
    )


def _bezet_event(reservering: Reservering, *, stamp: datetime) -> icalendar.Event:
    """Only that the facility is taken: until the end of the buffer, without any details."""
    return icalendar.Event.new(
        uid=f"bezet-{reservering.pk}@{ical.uid_host()}",
        stamp=stamp,
        start=ical.utc(reservering.begin),
        end=ical.utc(reservering.bezet_tot),
        summary=_("Bezet"),
    )


def _sluiting_event(sluiting: Sluiting, *, stamp: datetime) -> icalendar.Event:
    titel = _("Dicht: %(reden)s") % {"reden": sluiting.reden} if sluiting.reden else _("Dicht")
    return icalendar.Event.new(
        uid=f"sluiting-{sluiting.pk}@{ical.uid_host()}",
        stamp=stamp,
        start=ical.utc(sluiting.van),
        end=ical.utc(sluiting.tot),
        summary=titel,
    )


# --- the feeds -------------------------------------------------------------------------------


@toegang(iedereen, per_object="accommodaties.permissions.agenda_sleutel_geldig")
@never_cache
@require_safe
def feed_mijn(request, sleutel: str):
    """A person's own bookings; the secret in the link is the key (calendar apps can't log in)."""
    agenda_sleutel = agenda_sleutel_of_404(sleutel)
    user = agenda_sleutel.user
    now = timezone.now()
    reserveringen = (
        Reservering.objects.van_boeker(user)
        .voor_agenda(sinds=now - MIJN_TERUG, afgezegd_sinds=now - AFGEZEGD_TONEN)
        .select_related("accommodatie")
    )
    # No session here: speak the language saved on the account, as the pages do after login.
    with translation.override(user.taal or translation.get_language()):
        kalender = ical.kalender(
            prodid=PRODID,
            naam=_("Mijn boekingen · %(wijk)s") % {"wijk": settings.WIJK_NAAM},
            uid=f"mijn-boekingen-{agenda_sleutel.pk}@{ical.uid_host()}",
        )
        events = [reservering_event(r, stamp=now) for r in reserveringen]
    response = ical.ics_response(kalender, events)
    response["X-Robots-Tag"] = "noindex"
    return response


@per_verzoek
def _ruimte_gegevens(request, slug: str):
    """The facility, its bookings (only when) and closures in the feed's window (also the
    feed's fingerprint)."""
    accommodatie = get_object_or_404(Accommodatie.objects.actief(), slug=slug)
    now = timezone.now()
    van, tot = now - RUIMTE_TERUG, now + timedelta(days=accommodatie.vooruit_dagen)
    reserveringen = Reservering.objects.bezet_tussen(accommodatie, van, tot).only(
        "pk", "begin", "bezet_tot"
    )
    return accommodatie, list(reserveringen), list(accommodatie.sluitingen.tussen(van, tot))


@toegang(iedereen)
@cache_control(public=True, max_age=PUBLIEK_CACHE_SECONDEN)
@require_safe
@voorwaardelijk(_ruimte_gegevens, html=False)
def feed_ruimte(request, slug: str):
    """When an active facility is taken or closed; nothing about who or what for."""
    accommodatie, reserveringen, sluitingen = _ruimte_gegevens(request, slug)
    now = timezone.now()
    kalender = ical.kalender(
        prodid=PRODID,
        naam=_("%(ruimte)s: bezet en dicht") % {"ruimte": accommodatie.naam},
        uid=f"ruimte-{accommodatie.pk}@{ical.uid_host()}",
    )
    events = [_bezet_event(r, stamp=now) for r in reserveringen]
    events += [_sluiting_event(s, stamp=now) for s in sluitingen]
    return ical.ics_response(kalender, events)


@never_cache
@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_safe
def reservering_ics(request, pk: int):
    """One booking to add to a calendar, for its booker and the facility's keepers only."""
    reservering = get_object_or_404(Reservering.objects.select_related("accommodatie"), pk=pk)
    if reservering.geboekt_door_id != request.user.pk and not is_beheerder(
        request.user, reservering.accommodatie
    ):
        raise Http404
    kalender = ical.kalender(
        prodid=PRODID,
        naam=reservering.accommodatie.naam,
        uid=f"boeking-{reservering.pk}@{ical.uid_host()}",
    )
    response = ical.ics_response(kalender, [reservering_event(reservering, stamp=timezone.now())])
    response["Content-Disposition"] = f'attachment; filename="boeking-{reservering.pk}.ics"'
    return response


# --- the page with the link ------------------------------------------------------------------


@never_cache
@toegang(ingelogd)
@require_GET
def mijn_agenda(request):
    sleutel = agenda_sleutel_voor(user=request.user)
    link = request.build_absolute_uri(reverse("accommodaties:feed_mijn", args=[sleutel.sleutel]))
    return render(
        request,
        "accommodaties/mijn_agenda.html",
        {"link": link, "webcal_link": "webcal://" + link.split("://", 1)[1]},
    )


@toegang(ingelogd)
@require_POST
def agenda_vernieuwen(request):
    agenda_sleutel_voor(user=request.user).vernieuw()
    messages.success(
        request,
        _(
            "Je hebt een nieuwe link. De oude link werkt niet meer. Zet de nieuwe link in je agenda."
        ),
    )
    return redirect("accommodaties:mijn_agenda")
