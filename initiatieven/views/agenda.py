"""The agenda of all activities, the printable week, and a person's own sign-ups and
initiatives."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accommodaties.services import agenda_sleutel_voor
from wijk.lib import weken
from wijk.lib.fragmenten import bewaard
from wijk.lib.htmx import is_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import iedereen, ingelogd, toegang

from ..filters import AgendaFilter, WeekFilter
from ..models import Aanmelding, Bijeenkomst, Lidmaatschap
from ..permissions import mag_initiatief_starten

# --- the agenda ------------------------------------------------------------------------------


@toegang(iedereen)
@require_GET
@vary_on_headers("HX-Request")
def agenda(request):
    """The coming meetings, a page at a time. The page of the list and the filter form are
    kept rendered (``wijk.lib.fragmenten``) under what they show: the same page for everybody
    who asks the same, re-rendered when a meeting, a count or a name on it changes."""
    queryset = Bijeenkomst.objects.in_agenda().met_plaatsen().met_relaties()
    filterset = AgendaFilter(request.GET or None, queryset=queryset)
    maandag = weken.maandag_van(timezone.localdate())
    context = {
        "filter": filterset,
        "week_url": f"{reverse('initiatieven:week')}?week={maandag.isoformat()}",
        **page_context(request, filterset.qs, reverse("initiatieven:agenda")),
    }
    context["lijst_html"] = bewaard(
        "initiatieven:agenda",
        _lijst_inhoud(context),
        lambda: render_to_string("initiatieven/_agenda_lijst.html", context, request),
    )
    if is_deel(request):
        return HttpResponse(context["lijst_html"])
    context["filter_velden"] = bewaard(
        "initiatieven:agenda-filter",
        _filter_inhoud(filterset),
        lambda: render_to_string("initiatieven/_filter_velden.html", context, request),
    )
    return render(request, "initiatieven/agenda.html", context)


def _lijst_inhoud(context: dict) -> tuple:
    """What ``_agenda_lijst.html`` shows (with ``_bijeenkomst_rij.html`` and ``_plekken.html``):
    the key of its kept rendering. Today: a date shows its year when it is not this year."""
    page_obj = context["page_obj"]
    rijen = [
        (
            b.pk,
            b.begin,
            b.einde,
            b.is_verplaatst,
            b.activiteit.titel,
            b.activiteit.initiatief.naam,
            b.activiteit.plek,
            b.activiteit.aanmelden_nodig,
            b.vrij,
            b.aantal_aangemeld,
            b.aantal_wachtlijst,
        )
        for b in page_obj
    ]
    urls = (context["huidige_url"], context["vorige_url"], context["volgende_url"])
    teller = (page_obj.number, page_obj.paginator.count, page_obj.paginator.num_pages)
    return timezone.localdate(), urls, teller, rijen


def _filter_inhoud(filterset) -> tuple:
    """What the filter form shows: what was asked (and so its errors), and the neighbourhoods
    to choose from (one plain query; the form's own, on a miss, reads them again)."""
    form = filterset.form
    gevraagd = [(naam, form.data.getlist(naam)) for naam in form.fields] if form.is_bound else None
    buurten = list(form.fields["buurt"].queryset.values_list("pk", "naam"))
    return gevraagd, buurten


@toegang(iedereen)
@require_GET
def agenda_week(request):
    """One week on paper: every planned meeting, grouped by day."""
    week = weken.week_uit(request.GET.get("week"))
    queryset = (
        Bijeenkomst.objects.gepland()
        .van_actieve_initiatieven()
        .beginnend_tussen(*week.van_tot())
        .met_plaatsen()
        .met_relaties()
    )
    filterset = WeekFilter(request.GET or None, queryset=queryset)
    per_dag: dict[date, list] = {dag: [] for dag in week.dagen}
    for bijeenkomst in filterset.qs:
        per_dag[timezone.localdate(bijeenkomst.begin)].append(bijeenkomst)

    def week_url(dag: date) -> str:
        params = request.GET.copy()
        params["week"] = dag.isoformat()
        return f"{reverse('initiatieven:week')}?{params.urlencode()}"

    return render(
        request,
        "initiatieven/agenda_week.html",
        {
            "filter": filterset,
            "maandag": week.maandag,
            "zondag": week.zondag,
            "dagen": list(per_dag.items()),
            "aantal": sum(len(rij) for rij in per_dag.values()),
            **week.navigatie(week_url),
        },
    )


# --- mine ------------------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
def mijn(request):
    """My coming sign-ups (and places on waiting lists) and my initiatives."""
    user = request.user
    aanmeldingen = (
        Aanmelding.objects.komend_van(user)
        .met_wachtlijst_plek()
        .met_relaties()
        .order_by("bijeenkomst__begin", "id")
    )
    lidmaatschappen = (
        Lidmaatschap.objects.filter(user=user)
        .select_related("initiatief")
        .met_is_organisator(user)
        .order_by("initiatief__naam")
    )
    return render(
        request,
        "initiatieven/mijn.html",
        {
            "aanmeldingen": page_context(
                request, aanmeldingen, reverse("initiatieven:mijn"), param="aanmeldingen"
            ),
            "lidmaatschappen": list(lidmaatschappen),
            "mag_starten": mag_initiatief_starten(user),
            # The same secret key as the room bookings' link: renewing it there renews both.
            "agenda_link": request.build_absolute_uri(
                reverse("initiatieven:feed_mijn", args=[agenda_sleutel_voor(user=user).sleutel])
            ),
        },
    )
