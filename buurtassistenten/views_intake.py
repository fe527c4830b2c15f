"""The buurtassistent's pages for the assisted intake, for acting on a resident's behalf (a help
request, a sign-up, a booking, handing over the account) and for matching a request by hand.

Thin views: the buurtassistent role and access to the resident (``permissions.eis_bewoner``, else
403), a form, a service, a redirect. The services record every action done on someone's behalf
(``Namens``); their Dutch ``ValidationError`` is shown on the form with the input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accommodaties.models import Reservering
from bewoners.models import User
from bewoners.permissions import zicht
from hulpvragen import selectors as hulpvragen_selectors
from hulpvragen.forms import HulpvraagForm
from hulpvragen.models import Hulpvraag, Match
from wijk.lib.toegang import toegang

from . import handmatig, selectors, services
from .forms_intake import (
    AanmeldenNamensForm,
    AfzeggenNamensForm,
    BoekenNamensForm,
    ClaimForm,
    HelperZoekForm,
    IntakeForm,
    VoorstelForm,
)
from .models import bewoner_url
from .permissions import eis_bewoner, eis_buurtassistent, is_buurtassistent

KANDIDATEN = 10  # the engine's best candidates shown on the match page

# --- helpers ---------------------------------------------------------------------------------


def _bewoner_for(request, pk: int) -> User:
    """An active resident this buurtassistent works for. Others get 403 before any lookup,
    so they cannot learn who exists."""
    eis_buurtassistent(request.user)
    bewoner = get_object_or_404(
        User.objects.hier().select_related("profiel"), pk=pk, is_active=True
    )
    eis_bewoner(request.user, bewoner)
    return bewoner


def _hulpvraag_for(request, pk: int) -> Hulpvraag:
    eis_buurtassistent(request.user)
    hulpvraag = get_object_or_404(
        Hulpvraag.objects.select_related(
            "categorie", "buurt", "aanvrager", "aanvrager__profiel", "ingevoerd_door"
        ),
        pk=pk,
    )
    eis_bewoner(request.user, hulpvraag.aanvrager)
    return hulpvraag


def _match_for(request, hulpvraag: Hulpvraag, match_pk: int) -> Match:
    return get_object_or_404(
        Match.objects.select_related("helper", "hulpvraag"), pk=match_pk, hulpvraag=hulpvraag
    )


def _fouten(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# --- intake ----------------------------------------------------------------------------------


@toegang(is_buurtassistent)
@require_http_methods(["GET", "POST"])
def intake(request):
    eis_buurtassistent(request.user)
    form = IntakeForm(request.POST or None, door=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bewoner = services.intake_create(door=request.user, **data)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("%(naam)s is ingeschreven. De toestemming is vastgelegd.")
                % {"naam": bewoner.get_full_name() or bewoner.display_name},
            )
            return redirect(bewoner_url(bewoner))
    return render(request, "buurtassistenten/intake.html", {"form": form})


# --- on someone's behalf ----------------------------------------------------------------------


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_http_methods(["GET", "POST"])
def hulpvraag_namens(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = HulpvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag = services.hulpvraag_create_namens(
                door=request.user, bewoner=bewoner, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("De hulpvraag staat erop, namens %(naam)s. Zoek hieronder een helper.")
                % {"naam": bewoner.display_name},
            )
            return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)
    return render(
        request, "buurtassistenten/namens_hulpvraag.html", {"bewoner": bewoner, "form": form}
    )


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_http_methods(["GET", "POST"])
def aanmelden_namens(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = AanmeldenNamensForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bijeenkomst = form.cleaned_data["bijeenkomst"]
        try:
            uitkomst = services.aanmelding_create_namens(
                door=request.user, bewoner=bewoner, bijeenkomst=bijeenkomst
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _aanmeld_bericht(bewoner, bijeenkomst, uitkomst))
            return redirect(bewoner_url(bewoner))
    return render(
        request, "buurtassistenten/namens_aanmelden.html", {"bewoner": bewoner, "form": form}
    )


def _aanmeld_bericht(bewoner, bijeenkomst, uitkomst) -> str:
    params = {"naam": bewoner.display_name, "activiteit": str(bijeenkomst)}
    if uitkomst.wachtlijst_plek:
        params["plek"] = uitkomst.wachtlijst_plek
        if not uitkomst.gewijzigd:
            return (
                _("%(naam)s stond al op de wachtlijst voor %(activiteit)s, als nummer %(plek)s.")
                % params
            )
        return (
            _(
                "%(activiteit)s is vol. %(naam)s staat op de wachtlijst, als nummer %(plek)s. "
                "Komt er een plek vrij, dan schuift %(naam)s door."
            )
            % params
        )
    if not uitkomst.gewijzigd:
        return _("%(naam)s was al aangemeld voor %(activiteit)s.") % params
    return _("%(naam)s is aangemeld voor %(activiteit)s.") % params


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_http_methods(["GET", "POST"])
def reserveren_namens(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = BoekenNamensForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reservering = services.reservering_create_namens(
                door=request.user,
                bewoner=bewoner,
                accommodatie=data["accommodatie"],
                begin=data["begin"],
                einde=data["einde"],
                aantal_personen=data["aantal_personen"],
                doel=data["doel"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            params = {"naam": bewoner.display_name, "ruimte": reservering.accommodatie.naam}
            if reservering.status == Reservering.Status.AANGEVRAAGD:
                tekst = _(
                    "%(ruimte)s is aangevraagd voor %(naam)s. De beheerder kijkt ernaar; "
                    "%(naam)s krijgt bericht."
                )
            else:
                tekst = _("%(ruimte)s is geboekt voor %(naam)s.")
            messages.success(request, tekst % params)
            return redirect(bewoner_url(bewoner))
    return render(
        request, "buurtassistenten/namens_boeken.html", {"bewoner": bewoner, "form": form}
    )


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_http_methods(["GET", "POST"])
def account_claimen(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and not bewoner.email and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.account_claim(door=request.user, bewoner=bewoner, email=email, request=request)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _(
                    "We hebben een e-mail gestuurd naar %(email)s. Met de link daarin kiest "
                    "%(naam)s zelf een wachtwoord."
                )
                % {"email": email, "naam": bewoner.display_name},
            )
            return redirect(bewoner_url(bewoner))
    return render(request, "buurtassistenten/claim.html", {"bewoner": bewoner, "form": form})


# --- matching by hand ------------------------------------------------------------------------


def _match_page(request, hulpvraag: Hulpvraag, *, status: int = 200, afzeggen_form=None):
    matches = selectors.matches_van(hulpvraag)
    # The engine's best helpers, with who they are and why they fit; and whom the
    # buurtassistent looks for themself (any volunteer, by name, skill or buurt).
    kandidaten = hulpvragen_selectors.kandidaten_voor(hulpvraag, limit=KANDIDATEN)
    zoek_form = HelperZoekForm(request.GET or None)
    gevonden = []
    if hulpvraag.is_open and zoek_form.zoekt():
        data = zoek_form.cleaned_data
        gevonden = handmatig.zoeken(
            request.user,
            hulpvraag,
            zoek=data["zoek"].strip(),
            soort=data["soort"],
            buurt=data["buurt"],
        )
    # Why each person fits or not, all weighed at once (a fixed number of queries).
    computer = [k["helper"] for k in kandidaten]
    beoordelingen = handmatig.beoordelen(
        hulpvraag, computer + gevonden, door_computer=[h.pk for h in computer]
    )
    per_helper = {b.helper.pk: b for b in beoordelingen[: len(computer)]}
    # The engine's list: only people whose offer or skills fit the request's kind of help.
    for kandidaat in kandidaten:
        kandidaat["beoordeling"] = per_helper[kandidaat["helper"].pk]
    kandidaten = [k for k in kandidaten if k["beoordeling"].past_soort]
    # What this buurtassistent may see of every person on the page, decided at once: helpers
    # from buurten they do not work for show by first name, without a phone number.
    zicht(request).bepaal(
        [hulpvraag.aanvrager]
        + [m.helper for m in matches]
        + [k["helper"] for k in kandidaten]
        + gevonden
    )
    context = {
        "hulpvraag": hulpvraag,
        "bewoner": hulpvraag.aanvrager,
        "matches": matches,
        "kandidaten": kandidaten,
        "zoek_form": zoek_form,
        "gezocht": zoek_form.is_bound,
        "gevonden": beoordelingen[len(computer) :],
        "zoek_aantal": handmatig.ZOEK_AANTAL,
        # One agreed match at most (a database rule), so one form to call it off.
        "afzeggen_form": afzeggen_form or AfzeggenNamensForm(),
    }
    return render(request, "buurtassistenten/hulpvraag_match.html", context, status=status)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_hulpvraag_coordineren")
@require_http_methods(["GET"])
def hulpvraag_match(request, pk: int):
    hulpvraag = _hulpvraag_for(request, pk)
    # The page shows the requester's private details: recorded like their own page.
    zicht(request).inzage(
        hulpvraag.aanvrager, _("Helper zoeken voor hulpvraag %(nummer)s") % {"nummer": hulpvraag.pk}
    )
    return _match_page(request, hulpvraag)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_hulpvraag_coordineren")
@require_POST
def voorstellen(request, pk: int):
    """Ask one helper (a proposal), or confirm them directly after a phone call."""
    hulpvraag = _hulpvraag_for(request, pk)
    form = VoorstelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een helper uit de lijst."))
        return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)
    helper, bevestigd = form.cleaned_data["helper"], form.cleaned_data["bevestigd"]
    try:
        services.match_propose_namens(
            door=request.user, hulpvraag=hulpvraag, helper=helper, bevestigd=bevestigd
        )
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        params = {"helper": helper.display_name, "naam": hulpvraag.aanvrager.display_name}
        if bevestigd:
            tekst = _("%(helper)s helpt %(naam)s. Beiden krijgen bericht met de gegevens.")
        else:
            tekst = _("%(helper)s is gevraagd en krijgt bericht. %(helper)s zegt zelf ja of nee.")
        messages.success(request, tekst % params)
    return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_hulpvraag_coordineren")
@require_POST
def voorstel_bevestigen(request, pk: int, match_pk: int):
    """A helper who was asked already said yes on the phone."""
    hulpvraag = _hulpvraag_for(request, pk)
    match = _match_for(request, hulpvraag, match_pk)
    try:
        services.match_accept_namens(door=request.user, match=match)
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        messages.success(
            request,
            _("%(helper)s helpt %(naam)s. Beiden krijgen bericht met de gegevens.")
            % {"helper": match.helper.display_name, "naam": hulpvraag.aanvrager.display_name},
        )
    return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_hulpvraag_coordineren")
@require_POST
def match_afzeggen(request, pk: int, match_pk: int):
    """Call off the agreed help, to find someone else: the request opens again."""
    hulpvraag = _hulpvraag_for(request, pk)
    match = _match_for(request, hulpvraag, match_pk)
    form = AfzeggenNamensForm(request.POST)
    if form.is_valid():
        try:
            services.match_cancel_namens(
                door=request.user, match=match, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                _fouten(request, exc)
                return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("De afspraak met %(helper)s is afgezegd. Je kunt nu iemand anders vragen.")
                % {"helper": match.helper.display_name},
            )
            return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)
    hulpvraag.refresh_from_db()
    return _match_page(request, hulpvraag, status=400, afzeggen_form=form)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_hulpvraag_coordineren")
@require_POST
def hulpvraag_sluiten(request, pk: int):
    """Withdraw the request for the requester (no help needed any more)."""
    hulpvraag = _hulpvraag_for(request, pk)
    try:
        services.hulpvraag_withdraw_namens(door=request.user, hulpvraag=hulpvraag)
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        messages.success(request, _("De hulpvraag is gesloten. Wie gevraagd was, krijgt bericht."))
    return redirect("buurtassistenten:hulpvraag", pk=hulpvraag.pk)
