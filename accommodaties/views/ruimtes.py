"""The facilities: the list, a facility's page with its week calendar, and booking it (once or
as a series).

The week calendar is one partial (``_week.html``): week navigation with htmx swaps only that
part; without JavaScript the same links load the whole page."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_time
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from bewoners.services import profiel_hier
from wijk.lib import datums, weken
from wijk.lib.fragmenten import bewaard
from wijk.lib.htmx import is_deel, pagina_of_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import ingelogd, toegang

from .. import services
from ..beschikbaarheid import BEZET, DICHT, GESLOTEN, VOORBIJ, VRIJ
from ..filters import AccommodatieFilter
from ..forms import ReserveringForm
from ..models import Accommodatie, Reservering
from ..permissions import boek_bezwaar, is_beheerder
from .basis import accommodatie_for, nav


@toegang(ingelogd)
@require_GET
@vary_on_headers("HX-Request")
def accommodatie_list(request):
    queryset = (
        Accommodatie.objects.actief().select_related("buurt").prefetch_related("openingstijden")
    )
    filterset = AccommodatieFilter(request.GET or None, queryset=queryset)
    context = {
        "filter": filterset,
        **nav(request),
        **page_context(request, filterset.qs, reverse("accommodaties:list")),
    }
    return pagina_of_deel(
        request, "accommodaties/accommodatie_list.html", "accommodaties/_lijst.html", context
    )


def _stap(accommodatie: Accommodatie) -> int:
    """Minutes per row of the week grid: half hours where short bookings are allowed."""
    return 30 if accommodatie.min_duur_minuten < 60 else 60


def _week_context(request, accommodatie: Accommodatie, beheerder: bool, mag_boeken: bool) -> dict:
    """The week grid and the list of free times. Booking links only for who may book
    (``mag_boeken``: the page asked ``boek_bezwaar`` once); others see free and busy.

    The rendered partial (``week_html``) is kept in the cache under a digest of everything it
    shows (``_week_inhoud``, ``wijk.lib.fragmenten``): the free and busy stretches of the week as they are now, the
    viewer's rights and own bookings, the view and the language. A booking, a closure, a
    changed opening hour or time passing changes the stretches and so the key: nothing needs
    to be forgotten by hand, and residents with the same rights share one rendering."""
    week = weken.week_uit(request.GET.get("week"))  # nonsense or far away: this week
    dagen = services.beschikbaarheid(accommodatie, van=week.maandag, tot=week.volgende_maandag)
    # "rooster" (the grid) or "lijst"; without a choice both are sent and the screen width
    # picks one (CSS): the list on a phone, the grid on a wider screen.
    weergave = request.GET.get("weergave", "")
    if weergave not in ("rooster", "lijst"):
        weergave = ""
    base = accommodatie.get_absolute_url()

    def week_url(dag: date, keuze: str | None = None) -> str:
        keuze = weergave if keuze is None else keuze
        url = f"{base}?week={dag.isoformat()}"
        return f"{url}&weergave={keuze}" if keuze else url

    context = {
        "dagen": dagen,
        "weergave": weergave,
        "toon_lijst": weergave in ("", "lijst"),
        "toon_rooster": weergave in ("", "rooster"),
        "maandag": week.maandag,
        "zondag": week.zondag,
        **week.navigatie(week_url),
        "rooster_url": week_url(week.maandag, "rooster"),
        "lijst_url": week_url(week.maandag, "lijst"),
        "toon_wie": beheerder,
        "mag_boeken": mag_boeken,
    }

    def maak() -> str:
        _boeklinks(accommodatie, context)
        return render_to_string("accommodaties/_week.html", context, request)

    inhoud = _week_inhoud(accommodatie, context, request.user)
    context["week_html"] = bewaard("accommodaties:week", inhoud, maak)
    return context


def _week_inhoud(accommodatie: Accommodatie, context: dict, user) -> tuple:
    """Everything ``_week.html`` shows, the key of the kept rendering (``bewaard``)."""
    toon_wie = context["toon_wie"]
    stukken = []
    for dag in context["dagen"]:
        stukken.append((dag.datum, tuple(dag.open)))
        for s in dag.stukken:
            r = s.reservering
            boeking = None
            if r is not None:
                # Who booked and why: only the keeper sees it; anybody sees their own.
                wie = (r.geboekt_door.display_name, r.doel) if toon_wie else None
                boeking = (r.pk, r.status, r.geboekt_door_id == user.pk, wie)
            stukken.append(
                (_minuut(s.begin), _minuut(s.einde), s.staat, s.reden, s.boekbaar, boeking)
            )
    return (
        accommodatie.pk,
        accommodatie.slug,
        accommodatie.min_duur_minuten,
        *(context[k] for k in _SLEUTEL_VELDEN),
        stukken,
    )


def _minuut(moment) -> tuple:
    """What the partial can tell of a moment: its minute (times show as 19:22), and whether
    it lies past that minute's start, which decides how it compares with the whole-minute
    edges of cells and start times. The stretch that is "voorbij" ends at this very moment:
    keyed by the minute, the current week is rendered again once a minute, not per request."""
    return moment.replace(second=0, microsecond=0), bool(moment.second or moment.microsecond)


# The context's own values the partial shows (the rest is in the stretches).
_SLEUTEL_VELDEN = (
    "weergave",
    "maandag",
    "vorige_week_url",
    "volgende_week_url",
    "deze_week_url",
    "toon_wie",
    "mag_boeken",
)


def _boeklinks(accommodatie: Accommodatie, context: dict) -> None:
    """The grid (``rijen``) and, for who may book, a link per free start time and cell."""
    dagen, mag_boeken = context["dagen"], context["mag_boeken"]
    boek_url = reverse("accommodaties:reserveren", kwargs={"slug": accommodatie.slug})
    rijen = (
        [] if context["weergave"] == "lijst" else services.rooster(dagen, stap=_stap(accommodatie))
    )
    stap = timedelta(minutes=_stap(accommodatie))
    duur = timedelta(minutes=max(_stap(accommodatie), accommodatie.min_duur_minuten))
    kortste = timedelta(minutes=accommodatie.min_duur_minuten)
    # "dinsdag 5 maart" once per day, not per link (the links' labels name the day).
    namen = {dag.datum: datums.dag(dag.datum) for dag in dagen}
    for dag, stuk in ((d, s) for d in dagen for s in d.stukken if mag_boeken and s.boekbaar):
        # The list offers a start time per step in each free stretch, long enough to book.
        stuk.starts = []
        start = _naar_boven(stuk.begin, stap)
        while start + kortste <= stuk.einde:
            url = _boek_link(boek_url, start, min(start + duur, stuk.einde))
            stuk.starts.append((start, url, namen[dag.datum]))
            start += stap
    for vak in (v for rij in rijen for v in rij.vakken if mag_boeken and v.boekbaar):
        vak.url = _boek_link(boek_url, vak.begin, vak.begin + duur)
        vak.dag = namen[timezone.localdate(vak.begin)]
    context.update(
        rijen=rijen, VRIJ=VRIJ, BEZET=BEZET, DICHT=DICHT, VOORBIJ=VOORBIJ, GESLOTEN=GESLOTEN
    )


def _naar_boven(moment, stap: timedelta):
    """``moment`` rounded up to a whole step of the (local) day: 09:10 → 09:30 for half hours."""
    lokaal = timezone.localtime(moment)
    middernacht = lokaal.replace(hour=0, minute=0, second=0, microsecond=0)
    stappen = -(-(lokaal - middernacht) // stap)
    return middernacht + stappen * stap


def _boek_link(boek_url: str, begin, einde) -> str:
    begin, einde = timezone.localtime(begin), timezone.localtime(einde)
    query = urlencode(
        {"datum": begin.date().isoformat(), "van": f"{begin:%H:%M}", "tot": f"{einde:%H:%M}"}
    )
    return f"{boek_url}?{query}"


@toegang(ingelogd)
@require_GET
@vary_on_headers("HX-Request")
def accommodatie_detail(request, slug: str):
    accommodatie = accommodatie_for(slug)
    beheerder = is_beheerder(request.user, accommodatie)
    bezwaar = boek_bezwaar(request.user, accommodatie, beheerder=beheerder)
    context = {
        "accommodatie": accommodatie,
        "is_beheerder": beheerder,
        "bezwaar": bezwaar,
        "zonder_toestemming": not getattr(profiel_hier(request.user), "heeft_toestemming", False),
        **_week_context(request, accommodatie, beheerder, mag_boeken=bezwaar is None),
    }
    if is_deel(request):
        return HttpResponse(context["week_html"])
    context["openingstijden"] = list(accommodatie.openingstijden.all())
    context["sluitingen"] = list(accommodatie.sluitingen.komend(timezone.now())[:10])
    context["beheerders"] = list(accommodatie.beheerders.filter(is_active=True))
    context["feed_url"] = request.build_absolute_uri(
        reverse("accommodaties:feed_ruimte", kwargs={"slug": accommodatie.slug})
    )
    context.update(nav(request))
    return render(request, "accommodaties/accommodatie_detail.html", context)


def _initial_uit_url(request) -> dict:
    """A free slot clicked in the calendar: ``?datum=2030-03-04&van=09:00&tot=10:00``."""
    initial = {"herhalen": 0}
    datum = weken.datum_uit(request.GET.get("datum"))
    if datum:
        initial["datum"] = datum
    for veld in ("van", "tot"):
        try:
            tijd = parse_time(request.GET.get(veld) or "")
        except ValueError:
            tijd = None
        if tijd:
            initial[veld] = tijd
    return initial


@toegang(ingelogd)
@require_http_methods(["GET", "POST"])
def reserveren(request, slug: str):
    accommodatie = accommodatie_for(slug)
    form = ReserveringForm(
        request.POST or None, accommodatie=accommodatie, initial=_initial_uit_url(request)
    )
    context = {
        "accommodatie": accommodatie,
        "form": form,
        "bezwaar": boek_bezwaar(request.user, accommodatie),
        **nav(request),
    }
    if context["bezwaar"]:
        return render(request, "accommodaties/reserveren.html", context, status=403)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        velden = {
            "accommodatie": accommodatie,
            "door": request.user,
            "begin": data["begin"],
            "einde": data["einde"],
            "aantal_personen": data["aantal_personen"],
            "doel": data["doel"],
            "namens": data["namens"],
        }
        try:
            if data["herhalen"]:
                uitkomst = services.reservering_create_series(
                    **velden,
                    interval_weken=data["herhalen"],
                    tot_en_met=data["tot_en_met"],
                    alleen_vrije=data["alleen_vrije"],
                )
            else:
                reservering = services.reservering_create(**velden)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if not data["herhalen"]:
                messages.success(request, _bevestiging(reservering))
                return redirect(reservering)
            if uitkomst.geboekt:
                _melding_reeks(request, uitkomst)
                return redirect("accommodaties:mijn")
            # Some dates conflict: show which, and offer to book the others.
            context["uitkomst"] = uitkomst
            context["vrije_data"] = _vrije_data(uitkomst, data)
            return render(request, "accommodaties/reeks_conflicten.html", context)
    return render(request, "accommodaties/reserveren.html", context)


def _vrije_data(uitkomst, data) -> list[date]:
    """The dates of the series that are still free (the form asked for them all)."""
    bezet = {dag for dag, _redenen in uitkomst.niet_gelukt}
    alle = services.reeks_data(
        data["begin"], interval_weken=data["herhalen"], tot_en_met=data["tot_en_met"]
    )
    return [dag for dag in alle if dag not in bezet]


def _bevestiging(reservering: Reservering) -> str:
    if reservering.status == Reservering.Status.AANGEVRAAGD:
        return _(
            "Je aanvraag is verstuurd. De beheerder kijkt ernaar. Je krijgt bericht als de "
            "beheerder heeft besloten."
        )
    return _("Geboekt! De ruimte is voor je vastgelegd.")


def _melding_reeks(request, uitkomst) -> None:
    aantal = len(uitkomst.geboekt)
    if uitkomst.geboekt[0].status == Reservering.Status.AANGEVRAAGD:
        tekst = ngettext(
            "%(aantal)s datum aangevraagd. De beheerder kijkt ernaar.",
            "%(aantal)s datums aangevraagd. De beheerder kijkt ernaar.",
            aantal,
        ) % {"aantal": aantal}
    else:
        tekst = ngettext("%(aantal)s datum geboekt.", "%(aantal)s datums geboekt.", aantal) % {
            "aantal": aantal
        }
    if uitkomst.niet_gelukt:
        data = ", ".join(datums.korte_dag(dag) for dag, _redenen in uitkomst.niet_gelukt)
        tekst += " " + _("Niet gelukt op: %(data)s.") % {"data": data}
    messages.success(request, tekst)
