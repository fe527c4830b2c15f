"""Pages for activities and their meetings: planning and changing an activity, one meeting
with signing up and cancelling, and the organisers' cancel, move and attendance pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bewoners.permissions import zicht
from wijk.lib.pagination import page_context
from wijk.lib.toegang import iedereen, ingelogd, toegang

from .. import services
from ..forms import (
    AanwezigheidForm,
    ActiviteitBewerkenForm,
    ActiviteitForm,
    RedenForm,
    VerplaatsForm,
)
from ..models import Aanmelding, Bijeenkomst, Initiatief
from ..permissions import eis_organisator, is_organisator
from .basis import activiteit_for, bijeenkomst_for, formulier_pagina, fouten, initiatief_for

# --- activities ------------------------------------------------------------------------------


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_http_methods(["GET", "POST"])
def activiteit_nieuw(request, slug: str):
    initiatief = initiatief_for(request, slug)
    eis_organisator(request.user, initiatief)
    form = ActiviteitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activiteit = services.activiteit_create(
                initiatief=initiatief, door=request.user, **form.service_velden()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            aantal = activiteit.bijeenkomsten.count()
            messages.success(
                request,
                ngettext(
                    "De activiteit staat in de agenda.",
                    "De activiteit staat %(aantal)s keer in de agenda.",
                    aantal,
                )
                % {"aantal": aantal},
            )
            return redirect(activiteit)
    return formulier_pagina(
        request, "initiatieven/activiteit_form.html", {"form": form, "initiatief": initiatief}
    )


@toegang(iedereen, per_object="initiatieven.permissions.mag_activiteit_zien")
@require_GET
def activiteit_detail(request, pk: int):
    activiteit = activiteit_for(request, pk)
    komend = activiteit.bijeenkomsten.komend().met_plaatsen().met_relaties()
    return render(
        request,
        "initiatieven/activiteit_detail.html",
        {
            "activiteit": activiteit,
            "initiatief": activiteit.initiatief,
            "is_organisator": is_organisator(request.user, activiteit.initiatief),
            "openbaar": activiteit.initiatief.status in Initiatief.PUBLIEK,
            **reeks_context(request.user, activiteit),
            **page_context(request, komend, activiteit.get_absolute_url()),
        },
    )


def reeks_context(user, activiteit) -> dict:
    """For the buttons "for all coming meetings" of a series: how many are coming and for how
    many ``user`` signed up (one query); nothing when it is no series or needs no sign-up."""
    if (
        activiteit.herhaling == activiteit.Herhaling.GEEN
        or not activiteit.aanmelden_nodig
        or activiteit.initiatief.status != Initiatief.Status.ACTIEF
    ):
        return {}
    keren = services.komende_keren(activiteit)
    if user.is_authenticated:
        eigen = Q(aanmeldingen__status__in=Aanmelding.ACTIEF, aanmeldingen__user=user)
        telling = keren.aggregate(
            komend=Count("id", distinct=True), eigen=Count("aanmeldingen", filter=eigen)
        )
    else:
        telling = {"komend": keren.count(), "eigen": 0}
    return {"reeks": telling} if telling["komend"] > 1 else {}


def _terug(request, standaard: str) -> str:
    """Back to the page the form was on: a page of this app on this site, else ``standaard``."""
    terug = request.POST.get("terug", "")
    if not terug.startswith("/") or not url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}
    ):
        return standaard
    try:
        gevonden = resolve(terug)
    except Resolver404:
        return standaard
    return terug if gevonden.namespace == "initiatieven" else standaard


@toegang(ingelogd, per_object="initiatieven.permissions.mag_activiteit_zien")
@require_POST
def reeks_aanmelden(request, pk: int):
    """Sign up for every coming meeting of a series at once."""
    activiteit = activiteit_for(request, pk)
    try:
        uitkomst = services.reeks_aanmelden(activiteit=activiteit, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        if uitkomst.aangemeld:
            aantal = len(uitkomst.aangemeld)
            messages.success(
                request,
                ngettext(
                    "Je bent aangemeld voor %(aantal)s keer. Tot dan!",
                    "Je bent aangemeld voor %(aantal)s keer. Tot dan!",
                    aantal,
                )
                % {"aantal": aantal},
            )
        if uitkomst.wachtlijst:
            messages.warning(
                request,
                _(
                    "Deze keren waren vol: %(dagen)s. Daar sta je op de wachtlijst. Komt er "
                    "een plek vrij, dan hoor je het meteen."
                )
                % {"dagen": services.dagen(uitkomst.wachtlijst)},
            )
        if not uitkomst.aangemeld and not uitkomst.wachtlijst:
            messages.success(request, _("Je was al aangemeld voor alle komende keren."))
    return redirect(_terug(request, activiteit.get_absolute_url()))


@toegang(ingelogd, per_object="initiatieven.permissions.mag_activiteit_zien")
@require_POST
def reeks_afmelden(request, pk: int):
    """Cancel every coming meeting of a series at once."""
    activiteit = activiteit_for(request, pk)
    try:
        uitkomst = services.reeks_afmelden(activiteit=activiteit, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "Je bent afgemeld voor %(aantal)s keer. Fijn dat je het laat weten.",
                "Je bent afgemeld voor %(aantal)s keer. Fijn dat je het laat weten.",
                uitkomst.afgemeld,
            )
            % {"aantal": uitkomst.afgemeld},
        )
    return redirect(_terug(request, activiteit.get_absolute_url()))


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_activiteit")
@require_http_methods(["GET", "POST"])
def activiteit_bewerken(request, pk: int):
    activiteit = activiteit_for(request, pk)
    eis_organisator(request.user, activiteit.initiatief)
    form = ActiviteitBewerkenForm(request.POST or None, activiteit=activiteit)
    if request.method == "POST" and form.is_valid():
        try:
            services.activiteit_update(
                activiteit=activiteit, door=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            activiteit.refresh_from_db()
            form.add_service_error(exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(activiteit)
    return formulier_pagina(
        request,
        "initiatieven/activiteit_bewerken.html",
        {"form": form, "activiteit": activiteit, "initiatief": activiteit.initiatief},
    )


# --- one meeting -----------------------------------------------------------------------------


def _bijeenkomst_page(request, bijeenkomst: Bijeenkomst, *, status: int = 200, **forms):
    user = request.user
    activiteit = bijeenkomst.activiteit
    initiatief = activiteit.initiatief
    organisator = is_organisator(user, initiatief)
    now = timezone.now()
    eigen = None
    if user.is_authenticated:
        eigen = (
            bijeenkomst.aanmeldingen.filter(user=user).met_wachtlijst_plek().niet_afgemeld().first()
        )
    bezwaar = ""
    if bijeenkomst.is_geannuleerd:
        bezwaar = _("Deze keer gaat niet door.")
    elif bijeenkomst.einde <= now:
        bezwaar = _("Deze keer is al voorbij.")
    elif not activiteit.aanmelden_nodig:
        bezwaar = _("Aanmelden is niet nodig. Kom gerust langs!")
    elif initiatief.status != Initiatief.Status.ACTIEF:
        bezwaar = _("Dit initiatief is nu niet actief.")
    context = {
        "bijeenkomst": bijeenkomst,
        "activiteit": activiteit,
        "initiatief": initiatief,
        "is_organisator": organisator,
        "aanmelding": eigen,
        "bezwaar": bezwaar,
        "vol": bijeenkomst.vrij is not None and bijeenkomst.vrij <= 0,
        "is_begonnen": bijeenkomst.begin <= now,
        "mag_wijzigen": organisator and not bijeenkomst.is_geannuleerd and bijeenkomst.einde > now,
        "openbaar": initiatief.status in Initiatief.PUBLIEK,
        **reeks_context(user, activiteit),
    }
    if organisator:
        lijst = (
            bijeenkomst.aanmeldingen.niet_afgemeld()
            .select_related("user")
            .met_wachtlijst_plek()
            .order_by("aangemeld_op", "id")
        )
        context["aangemeld"] = [a for a in lijst if a.status == Aanmelding.Status.AANGEMELD]
        context["wachtlijst"] = [a for a in lijst if a.status == Aanmelding.Status.WACHTLIJST]
        zicht(request).bepaal(a.user for a in lijst)  # names on the lists: decided at once
        context["annuleren_form"] = forms.get("annuleren_form") or RedenForm(prefix="annuleren")
    return render(request, "initiatieven/bijeenkomst_detail.html", context, status=status)


@toegang(iedereen, per_object="initiatieven.permissions.mag_bijeenkomst_zien")
@require_GET
def bijeenkomst_detail(request, pk: int):
    return _bijeenkomst_page(request, bijeenkomst_for(request, pk))


@toegang(ingelogd, per_object="initiatieven.permissions.mag_bijeenkomst_zien")
@require_POST
def aanmelden(request, pk: int):
    bijeenkomst = bijeenkomst_for(request, pk)
    try:
        uitkomst = services.aanmelding_create(bijeenkomst=bijeenkomst, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        plek = uitkomst.wachtlijst_plek
        if plek and uitkomst.gewijzigd:
            tekst = _(
                "Je staat op de wachtlijst, nummer %(plek)s. Komt er een plek vrij, dan hoor "
                "je het meteen."
            )
        elif plek:
            tekst = _("Je stond al op de wachtlijst, nummer %(plek)s.")
        elif uitkomst.gewijzigd:
            tekst = _("Je bent aangemeld. Tot dan!")
        else:
            tekst = _("Je was al aangemeld.")
        messages.success(request, tekst % {"plek": plek})
    return redirect(bijeenkomst)


@toegang(ingelogd, per_object="initiatieven.permissions.mag_bijeenkomst_zien")
@require_POST
def afmelden(request, pk: int):
    bijeenkomst = bijeenkomst_for(request, pk)
    try:
        services.aanmelding_cancel(bijeenkomst=bijeenkomst, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        messages.success(request, _("Je bent afgemeld. Fijn dat je het laat weten."))
    return redirect(bijeenkomst)


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_POST
def annuleren(request, pk: int):
    bijeenkomst = bijeenkomst_for(request, pk)
    eis_organisator(request.user, bijeenkomst.activiteit.initiatief)
    form = RedenForm(request.POST, prefix="annuleren")
    if form.is_valid():
        try:
            services.bijeenkomst_cancel(
                bijeenkomst=bijeenkomst, door=request.user, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            fouten(request, exc)
        else:
            messages.success(
                request, _("Deze keer gaat niet door. Wie zich had aangemeld, krijgt bericht.")
            )
        return redirect(bijeenkomst)
    return _bijeenkomst_page(request, bijeenkomst, status=400, annuleren_form=form)


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_http_methods(["GET", "POST"])
def verplaatsen(request, pk: int):
    bijeenkomst = bijeenkomst_for(request, pk)
    eis_organisator(request.user, bijeenkomst.activiteit.initiatief)
    if bijeenkomst.is_geannuleerd:
        messages.error(request, _("Deze keer gaat niet door. Verplaatsen kan dan niet."))
        return redirect(bijeenkomst)
    form = VerplaatsForm(request.POST or None, bijeenkomst=bijeenkomst)
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_move(
                bijeenkomst=bijeenkomst,
                door=request.user,
                begin=form.cleaned_data["begin"],
                einde=form.cleaned_data["einde"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Verplaatst. Wie zich had aangemeld, krijgt bericht."))
            return redirect(bijeenkomst)
    return formulier_pagina(
        request,
        "initiatieven/verplaatsen.html",
        {"form": form, "bijeenkomst": bijeenkomst, "activiteit": bijeenkomst.activiteit},
    )


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_http_methods(["GET", "POST"])
def aanwezigheid(request, pk: int):
    bijeenkomst = bijeenkomst_for(request, pk)
    eis_organisator(request.user, bijeenkomst.activiteit.initiatief)
    if bijeenkomst.begin > timezone.now():
        messages.error(request, _("Aanwezigheid vul je in als de activiteit begonnen is."))
        return redirect(bijeenkomst)
    aanmeldingen = list(
        bijeenkomst.aanmeldingen.aangemeld()
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "id")
    )
    form = AanwezigheidForm(request.POST or None, aanmeldingen=aanmeldingen)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanwezigheid_save(
                bijeenkomst=bijeenkomst, door=request.user, aanwezig=form.aanwezig()
            )
        except ValidationError as exc:
            fouten(request, exc)
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect(bijeenkomst)
    return formulier_pagina(
        request,
        "initiatieven/aanwezigheid.html",
        {"form": form, "bijeenkomst": bijeenkomst, "activiteit": bijeenkomst.activiteit},
    )
