"""Calendar feeds (iCalendar, RFC 5545) of activities, made with the ``icalendar`` package.

Built like ``accommodaties.feeds``, and sharing its secret key:

- ``feed_mijn``: the meetings a person signed up for, for a calendar app to subscribe to.
  Calendar apps cannot log in, so the secret in the link is the key. It is the same
  ``accommodaties.AgendaSleutel`` as for room bookings: one personal link page, and renewing
  the key there stops both feeds. An unknown key or an inactive account is a 404.
  Sign-ups (``CONFIRMED``) and places on the waiting list (``TENTATIVE``, "(wachtlijst)" in
  the title) from 90 days back onward. Meetings that do not go on, and sign-ups the person
  cancelled, stay 30 days after the meeting as ``STATUS:CANCELLED``, so calendar apps that
  already have them take them out. (Neither has a moment of cancelling stored, so the 30
  days count from the meeting itself.)
- ``feed_initiatief``: public, the meetings of one initiative from 30 days back to two years
  ahead (the end of any series); cancelled ones as ``CANCELLED``. Only the title, the time,
  the place and the initiative's name: never who signed up, nor how many.
- ``activiteit_ics``: every meeting of one activity as a download; public like the
  initiative's page.
- ``bijeenkomst_ics``: one meeting as a download (the link on the meeting's page), with the
  same UID as in the initiative's feed.

A stopped initiative, and one that waits for the beheerder's approval, has no public feed and
no download (404); in the personal feed its
upcoming meetings show as cancelled.

Every feed runs a fixed number of queries, whatever the number of meetings. Times are written
in UTC, which every calendar app shows in its own time zone. UIDs are stable per sign-up
(``aanmelding-<pk>@<host>``, personal) and per meeting (``bijeenkomst-<pk>@<host>``, public),
so a refresh updates events in place.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from accommodaties.selectors import agenda_sleutel_of_404
from cooperaties.huidige import huidige
from cooperaties.selectors import site_url
from wijk.lib import datums, ical
from wijk.lib.http_cache import per_verzoek, voorwaardelijk
from wijk.lib.toegang import iedereen, toegang

from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief

PRODID = "-//Wijk//Initiatieven//NL"

MIJN_TERUG = timedelta(days=90)  # own sign-ups: from this far back
AFGEZEGD_TONEN = timedelta(days=30)  # cancelled: shown this long after the meeting
PUBLIEK_TERUG = timedelta(days=30)  # public feed: from this far back
PUBLIEK_VOORUIT = timedelta(days=2 * 366)  # ... to this far ahead (the longest series)
PUBLIEK_CACHE_SECONDEN = 5 * 60

# Everything a meeting's place and names need, in the same query as the meetings.
_MET_PLEK = (
    "activiteit__accommodatie",
    "activiteit__initiatief__accommodatie",
)


# --- building events -------------------------------------------------------------------------


def _ruimte(accommodatie) -> str:
    return ", ".join(deel for deel in (accommodatie.naam, accommodatie.adres) if deel)


def plaats(activiteit: Activiteit) -> str:
    """Where: the activity's room or address, else the initiative's regular place."""
    if activiteit.accommodatie_id:
        return _ruimte(activiteit.accommodatie)
    if activiteit.locatie:
        return activiteit.locatie
    initiatief = activiteit.initiatief
    if initiatief.accommodatie_id:
        return _ruimte(initiatief.accommodatie)
    return initiatief.adres


def _link(bijeenkomst: Bijeenkomst) -> str:
    return site_url() + bijeenkomst.get_absolute_url()


def _event(bijeenkomst: Bijeenkomst, *, uid: str, titel: str, regels, status, stamp):
    velden = {
        "uid": f"{uid}@{ical.uid_host()}",
        "stamp": stamp,
        "start": ical.utc(bijeenkomst.begin),
        "end": ical.utc(bijeenkomst.einde),
        "summary": titel,
        "description": "\n".join(regels),
        "status": status,
    }
    locatie = plaats(bijeenkomst.activiteit)
    if locatie:
        velden["location"] = locatie
    event = icalendar.Event.new(**velden)
    event.add("url", _link(bijeenkomst))
    return event


def _verplaatst(bijeenkomst: Bijeenkomst) -> list[str]:
    if not bijeenkomst.is_verplaatst:
        return []
    was = datums.dag_tijd(bijeenkomst.volgens_regel)
    return [_("Verplaatst. Eerst was het %(was)s.") % {"was": was}]


def bijeenkomst_event(bijeenkomst: Bijeenkomst, *, stamp: datetime) -> icalendar.Event:
    """One meeting as anyone may see it: title, time, place and the initiative's name."""
    activiteit = bijeenkomst.activiteit
    regels = [activiteit.initiatief.naam]
    if bijeenkomst.is_geannuleerd:
        regels.append(_("Gaat niet door."))
    regels += _verplaatst(bijeenkomst)
    return _event(
        bijeenkomst,
        uid=f"bijeenkomst-{bijeenkomst.pk}",
        titel=activiteit.titel,
        regels=regels,
        status="CANCELLED" if bijeenkomst.is_geannuleerd else "CONFIRMED",
        stamp=stamp,
    )


def aanmelding_event(aanmelding: Aanmelding, *, stamp: datetime, now: datetime):
    """A meeting as the person who signed up sees it: with their own status."""
    bijeenkomst = aanmelding.bijeenkomst
    activiteit = bijeenkomst.activiteit
    initiatief = activiteit.initiatief
    gestopt = initiatief.status == Initiatief.Status.GESTOPT and bijeenkomst.begin > now
    regels = [initiatief.naam]
    S = Aanmelding.Status
    if bijeenkomst.is_geannuleerd or gestopt:
        status = "CANCELLED"
        regels.append(_("Gaat niet door."))
        if bijeenkomst.reden:
            regels.append(_("Reden: %(reden)s") % {"reden": bijeenkomst.reden})
    elif aanmelding.status == S.AFGEMELD:
        status = "CANCELLED"
        regels.append(_("Je hebt je afgemeld."))
    elif aanmelding.status == S.WACHTLIJST:
        status = "TENTATIVE"
        regels.append(_("Je staat op de wachtlijst. Komt er een plek vrij, dan hoor je het."))
    else:
        status = "CONFIRMED"
        regels.append(_("Je bent aangemeld."))
        if bijeenkomst.begin > now:
            regels.append(_("Kun je niet? Zeg dan af op de website."))
    regels += _verplaatst(bijeenkomst)
    if aanmelding.status == S.WACHTLIJST:
        titel = _("%(titel)s (wachtlijst)") % {"titel": activiteit.titel}
    else:
        titel = activiteit.titel
    return _event(
        bijeenkomst,
        uid=f"aanmelding-{aanmelding.pk}",
        titel=titel,
        regels=regels,
        status=status,
        stamp=stamp,
    )


# --- the feeds -------------------------------------------------------------------------------


@toegang(iedereen, per_object="accommodaties.permissions.agenda_sleutel_geldig")
@never_cache
@require_safe
def feed_mijn(request, sleutel: str):
    """The meetings a person signed up for; the secret in the link is the key."""
    agenda_sleutel = agenda_sleutel_of_404(sleutel)
    user = agenda_sleutel.user
    now = timezone.now()
    aanmeldingen = (
        Aanmelding.objects.filter(user=user)
        .filter(
            Q(
                status__in=Aanmelding.ACTIEF,
                bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
                bijeenkomst__einde__gte=now - MIJN_TERUG,
            )
            # Cancelled (by me or by the organisers): until 30 days after the meeting.
            | Q(bijeenkomst__einde__gte=now - AFGEZEGD_TONEN)
        )
        .select_related("bijeenkomst__activiteit", *(f"bijeenkomst__{p}" for p in _MET_PLEK))
        .order_by("bijeenkomst__begin", "pk")
    )
    with ical.in_taal_van(user):
        kalender = ical.kalender(
            prodid=PRODID,
            naam=_("Mijn activiteiten · %(wijk)s") % {"wijk": huidige().naam},
            uid=f"mijn-activiteiten-{agenda_sleutel.pk}@{ical.uid_host()}",
        )
        events = [aanmelding_event(a, stamp=now, now=now) for a in aanmeldingen]
    return ical.persoonlijke_response(kalender, events)


@per_verzoek
def _initiatief_gegevens(request, slug: str):
    """The initiative and the meetings its feed shows (also the feed's fingerprint)."""
    initiatief = get_object_or_404(
        Initiatief.objects.zichtbaar().select_related("accommodatie"), slug=slug
    )
    now = timezone.now()
    bijeenkomsten = list(
        Bijeenkomst.objects.filter(
            activiteit__initiatief=initiatief,
            einde__gte=now - PUBLIEK_TERUG,
            begin__lt=now + PUBLIEK_VOORUIT,
        )
        .select_related("activiteit", "activiteit__accommodatie")
        .order_by("begin", "pk")
    )
    return initiatief, bijeenkomsten


@toegang(iedereen)
@cache_control(public=True, max_age=PUBLIEK_CACHE_SECONDEN)
@require_safe
@voorwaardelijk(_initiatief_gegevens, html=False)
def feed_initiatief(request, slug: str):
    """The meetings of an initiative that is not stopped; nothing about who comes."""
    initiatief, bijeenkomsten = _initiatief_gegevens(request, slug)
    now = timezone.now()
    kalender = ical.kalender(
        prodid=PRODID, naam=initiatief.naam, uid=f"initiatief-{initiatief.pk}@{ical.uid_host()}"
    )
    events = []
    for bijeenkomst in bijeenkomsten:
        bijeenkomst.activiteit.initiatief = initiatief  # no query per meeting
        events.append(bijeenkomst_event(bijeenkomst, stamp=now))
    return ical.ics_response(kalender, events)


@per_verzoek
def _activiteit_gegevens(request, pk: int):
    """The activity and all its meetings (also the download's fingerprint)."""
    activiteit = get_object_or_404(
        Activiteit.objects.filter(initiatief__in=Initiatief.objects.zichtbaar()).select_related(
            "accommodatie", "initiatief", "initiatief__accommodatie"
        ),
        pk=pk,
    )
    return activiteit, list(activiteit.bijeenkomsten.order_by("begin", "pk"))


@toegang(iedereen)
@cache_control(public=True, max_age=PUBLIEK_CACHE_SECONDEN)
@require_safe
@voorwaardelijk(_activiteit_gegevens, html=False)
def activiteit_ics(request, pk: int):
    """Every meeting of one activity, to add to a calendar at once."""
    activiteit, bijeenkomsten = _activiteit_gegevens(request, pk)
    now = timezone.now()
    kalender = ical.kalender(
        prodid=PRODID,
        naam=f"{activiteit.titel} · {activiteit.initiatief.naam}",
        uid=f"activiteit-{activiteit.pk}@{ical.uid_host()}",
    )
    events = []
    for bijeenkomst in bijeenkomsten:
        bijeenkomst.activiteit = activiteit  # no query per meeting
        events.append(bijeenkomst_event(bijeenkomst, stamp=now))
    response = ical.ics_response(kalender, events)
    response["Content-Disposition"] = f'attachment; filename="activiteit-{activiteit.pk}.ics"'
    return response


@per_verzoek
def _bijeenkomst_gegevens(request, pk: int) -> Bijeenkomst:
    """The meeting with its place and names (also the download's fingerprint)."""
    return get_object_or_404(
        Bijeenkomst.objects.filter(
            activiteit__initiatief__in=Initiatief.objects.zichtbaar()
        ).select_related("activiteit", *_MET_PLEK),
        pk=pk,
    )


@toegang(iedereen)
@cache_control(public=True, max_age=PUBLIEK_CACHE_SECONDEN)
@require_safe
@voorwaardelijk(_bijeenkomst_gegevens, html=False)
def bijeenkomst_ics(request, pk: int):
    """One meeting, to add to a calendar."""
    bijeenkomst = _bijeenkomst_gegevens(request, pk)
    activiteit = bijeenkomst.activiteit
    kalender = ical.kalender(
        prodid=PRODID,
        naam=f"{activiteit.titel} · {activiteit.initiatief.naam}",
        uid=f"bijeenkomst-{bijeenkomst.pk}@{ical.uid_host()}",
    )
    response = ical.ics_response(kalender, [bijeenkomst_event(bijeenkomst, stamp=timezone.now())])
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{bijeenkomst.pk}.ics"'
    return response
