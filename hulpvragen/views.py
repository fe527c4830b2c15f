"""Pages for help requests, offers and matches.

Thin views: find the object the person may see (else 404), check what they may do (else 403),
call a service, redirect. Services validate; their ``ValidationError`` is shown on the form with
the person's input kept. Lists are one partial each (``_*_lijst.html``): a normal request gets the
whole page, an htmx request only the list. Everything works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from bewoners.permissions import Gegeven, zicht
from bewoners.services import profiel_for
from wijk.lib.htmx import pagina_of_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import ingelogd, toegang

from . import services
from .filters import AanbodFilter, HulpvraagFilter
from .forms import AanbodForm, AfrondenForm, AfwijzenForm, AfzeggenForm, HulpvraagForm
from .models import Aanbod, Hulpvraag, Match
from .permissions import (
    can_edit_hulpvraag,
    can_see_prive_details,
    can_view_aanbod,
    can_view_hulpvraag,
    can_view_match,
    zichtbaar_aanbod,
)

# --- helpers ---------------------------------------------------------------------------------


def _page(request, queryset, url_name: str) -> dict:
    return page_context(request, queryset, reverse(url_name))


def _consent_page(request, profiel, wat: str):
    """Posting needs consent: a friendly explanation instead of the form."""
    return render(request, "hulpvragen/toestemming_nodig.html", {"profiel": profiel, "wat": wat})


def _hulpvraag_for(request, pk: int) -> Hulpvraag:
    """The request, if this person may see it; else 404 (without saying whether it exists)."""
    hulpvraag = get_object_or_404(Hulpvraag.objects.voor_pagina(), pk=pk)
    if not can_view_hulpvraag(request.user, hulpvraag):
        raise Http404
    return hulpvraag


def _toon_prive(request, hulpvraag: Hulpvraag) -> bool:
    """May this person see the request's private details? A buurtassistent's look at them is
    recorded in the requester's access log (``bewoners.permissions.inzage``)."""
    if not can_see_prive_details(request.user, hulpvraag):
        return False
    if hulpvraag.prive_details:
        zicht(request).inzage(
            hulpvraag.aanvrager,
            _("Privé-details van hulpvraag %(nummer)s") % {"nummer": hulpvraag.pk},
        )
    return True


def _eigen_aanbod(request, pk: int) -> Aanbod:
    """An offer of the person themself; anybody else's is a 404."""
    return get_object_or_404(Aanbod.objects.van(request.user), pk=pk)


def _match_for(request, pk: int) -> Match:
    match = get_object_or_404(Match.objects.voor_pagina(), pk=pk)
    if not can_view_match(request.user, match):
        raise Http404
    return match


# --- help requests ---------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
@vary_on_headers("HX-Request")
def hulpvraag_list(request):
    profiel = profiel_for(request.user)
    queryset = Hulpvraag.objects.zichtbaar().voor_lijst()
    filterset = HulpvraagFilter(
        request.GET or None, queryset=queryset, eigen_buurt_id=profiel.buurt_id
    )
    context = {
        "filter": filterset,
        "eigen_buurt_id": profiel.buurt_id,
        **_page(request, filterset.qs, "hulpvragen:hulpvraag_list"),
    }
    return pagina_of_deel(
        request, "hulpvragen/hulpvraag_list.html", "hulpvragen/_hulpvraag_lijst.html", context
    )


@toegang(ingelogd)
@require_http_methods(["GET", "POST"])
def hulpvraag_create(request):
    profiel = profiel_for(request.user)
    if not profiel.heeft_toestemming:
        return _consent_page(request, profiel, "hulpvraag")
    form = HulpvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag = services.hulpvraag_create(aanvrager=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Je hulpvraag staat erop. We zoeken nu buren die je kunnen helpen."),
            )
            return redirect(hulpvraag)
    return render(request, "hulpvragen/hulpvraag_form.html", {"form": form})


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_hulpvraag")
@require_GET
def hulpvraag_detail(request, pk: int):
    hulpvraag = _hulpvraag_for(request, pk)
    user = request.user
    mag_bewerken = can_edit_hulpvraag(user, hulpvraag)
    matches = []
    if mag_bewerken:
        matches = list(hulpvraag.matches.select_related("helper", "helper__profiel"))
    eigen_match = None
    if not mag_bewerken:
        eigen_match = hulpvraag.matches.als_helper(user).first()
    return render(
        request,
        "hulpvragen/hulpvraag_detail.html",
        {
            "hulpvraag": hulpvraag,
            "mag_bewerken": mag_bewerken,
            "is_aanvrager": hulpvraag.aanvrager_id == user.pk,
            "toon_prive": _toon_prive(request, hulpvraag),
            "matches": matches,
            "eigen_match": eigen_match,
            "akkoord": _akkoord_met_contact(request, matches),
        },
    )


def _akkoord_met_contact(request, matches: list[Match]) -> Match | None:
    """The accepted (or completed) match of the request, when this person may see its helper's
    contact data (``bewoners.permissions``: the requester may, the helper's address not)."""
    akkoord = next((m for m in matches if m.is_akkoord), None)
    if akkoord is None or not zicht(request).mag_zien(akkoord.helper, Gegeven.CONTACT):
        return None
    return akkoord


@toegang(ingelogd, per_object="hulpvragen.permissions.can_edit_hulpvraag")
@require_http_methods(["GET", "POST"])
def hulpvraag_edit(request, pk: int):
    hulpvraag = _hulpvraag_for(request, pk)
    if not can_edit_hulpvraag(request.user, hulpvraag):
        raise PermissionDenied
    if not hulpvraag.is_active:
        messages.error(request, _("Deze hulpvraag is gesloten en kan niet meer veranderen."))
        return redirect(hulpvraag)
    form = HulpvraagForm(request.POST or None, instance=hulpvraag)
    if request.method == "POST" and form.is_valid():
        try:
            services.hulpvraag_update(hulpvraag=hulpvraag, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Je hulpvraag is aangepast."))
            return redirect(hulpvraag)
    _toon_prive(request, hulpvraag)  # the form shows them: a buurtassistent's look is recorded
    return render(request, "hulpvragen/hulpvraag_form.html", {"form": form, "hulpvraag": hulpvraag})


@toegang(ingelogd, per_object="hulpvragen.permissions.can_edit_hulpvraag")
@require_POST
def hulpvraag_withdraw(request, pk: int):
    hulpvraag = _hulpvraag_for(request, pk)
    if not can_edit_hulpvraag(request.user, hulpvraag):
        raise PermissionDenied
    try:
        services.hulpvraag_withdraw(hulpvraag=hulpvraag, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Je hulpvraag is ingetrokken. Niemand hoeft nog te helpen."))
    return redirect(hulpvraag)


# --- offers ----------------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
@vary_on_headers("HX-Request")
def aanbod_list(request):
    profiel = profiel_for(request.user)
    queryset = zichtbaar_aanbod().voor_lijst()
    filterset = AanbodFilter(
        request.GET or None, queryset=queryset, eigen_buurt_id=profiel.buurt_id
    )
    context = {
        "filter": filterset,
        "eigen_buurt_id": profiel.buurt_id,
        **_page(request, filterset.qs, "hulpvragen:aanbod_list"),
    }
    return pagina_of_deel(
        request, "hulpvragen/aanbod_list.html", "hulpvragen/_aanbod_lijst.html", context
    )


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_aanbod")
@require_GET
def aanbod_detail(request, pk: int):
    aanbod = get_object_or_404(Aanbod.objects.met_details(), pk=pk)
    is_eigen = aanbod.helper_id == request.user.pk
    if not can_view_aanbod(request.user, aanbod):
        raise Http404
    return render(
        request, "hulpvragen/aanbod_detail.html", {"aanbod": aanbod, "is_eigen": is_eigen}
    )


@toegang(ingelogd)
@require_http_methods(["GET", "POST"])
def aanbod_create(request):
    profiel = profiel_for(request.user)
    if not profiel.heeft_toestemming:
        return _consent_page(request, profiel, "aanbod")
    form = AanbodForm(request.POST or None, initial={"beschikbaarheid": profiel.beschikbaarheid})
    if request.method == "POST" and form.is_valid():
        try:
            aanbod = services.aanbod_create(helper=request.user, **form.service_fields())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _(
                    "Dank je wel! Je aanbod staat erop. We laten het je weten als iemand je nodig heeft."
                ),
            )
            return redirect(aanbod)
    return render(request, "hulpvragen/aanbod_form.html", {"form": form})


@toegang(ingelogd, per_object="hulpvragen.permissions.is_eigen_aanbod")
@require_http_methods(["GET", "POST"])
def aanbod_edit(request, pk: int):
    aanbod = _eigen_aanbod(request, pk)
    form = AanbodForm(request.POST or None, instance=aanbod)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanbod_update(aanbod=aanbod, door=request.user, **form.service_fields())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Je aanbod is aangepast."))
            return redirect(aanbod)
    return render(request, "hulpvragen/aanbod_form.html", {"form": form, "aanbod": aanbod})


@toegang(ingelogd, per_object="hulpvragen.permissions.is_eigen_aanbod")
@require_POST
def aanbod_pause(request, pk: int):
    aanbod = _eigen_aanbod(request, pk)
    pauze = request.POST.get("pauze") != "0"
    try:
        services.aanbod_pause(aanbod=aanbod, door=request.user, pauze=pauze)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if pauze:
            messages.success(request, _("Je aanbod staat op pauze. Je krijgt geen nieuwe vragen."))
        else:
            messages.success(request, _("Je aanbod staat weer aan. Fijn dat je weer kunt helpen!"))
    volgende = request.POST.get("next")
    if volgende == "mijn":
        return redirect("hulpvragen:mijn_aanbod")
    return redirect(aanbod)


# --- "mine" pages ----------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
def mijn_hulpvragen(request):
    queryset = Hulpvraag.objects.van(request.user).voor_lijst().met_matches()
    context = _page(request, queryset, "hulpvragen:mijn_hulpvragen")
    return render(request, "hulpvragen/mijn_hulpvragen.html", context)


@toegang(ingelogd)
@require_GET
def mijn_aanbod(request):
    queryset = Aanbod.objects.van(request.user).met_details()
    context = _page(request, queryset, "hulpvragen:mijn_aanbod")
    return render(request, "hulpvragen/mijn_aanbod.html", context)


@toegang(ingelogd)
@require_GET
def mijn_matches(request):
    user = request.user
    queryset = Match.objects.van(user).voor_lijst()
    context = {
        "wachtend": Match.objects.als_helper(user).voorgesteld().count(),
        **_page(request, queryset, "hulpvragen:mijn_matches"),
    }
    return render(request, "hulpvragen/mijn_matches.html", context)


# --- matches ---------------------------------------------------------------------------------


def _contact_partijen(request, match: Match) -> list[dict]:
    """The other side(s) whose contact data this person may see on the match page.

    ``bewoners.permissions`` decides (the same rule as the profile page): the two sides of an
    accepted match see each other's contact data, the helper also the requester's address; the
    requester's buurtassistent sees both sides. While a match is only proposed, a helper and a
    requester see nothing of each other.
    """
    user = request.user
    rule = zicht(request)
    aanvrager = match.hulpvraag.aanvrager
    rule.bepaal([aanvrager, match.helper])
    partijen = []
    for rol, persoon in ((_("Aanvrager"), aanvrager), (_("Helper"), match.helper)):
        if persoon.pk != user.pk and rule.mag_zien(persoon, Gegeven.CONTACT):
            partijen.append({"rol": rol, "persoon": persoon})
    return partijen


def _match_page(request, match: Match, *, status: int = 200, **forms):
    user = request.user
    context = {
        "match": match,
        "hulpvraag": match.hulpvraag,
        "is_helper": match.helper_id == user.pk,
        "is_aanvrager": match.hulpvraag.aanvrager_id == user.pk,
        "toon_prive": _toon_prive(request, match.hulpvraag),
        "partijen": _contact_partijen(request, match),
        "kan_afronden": match.kan_afronden(),
        "afwijzen_form": forms.get("afwijzen_form") or AfwijzenForm(),
        "afronden_form": forms.get("afronden_form") or AfrondenForm(),
        "afzeggen_form": forms.get("afzeggen_form") or AfzeggenForm(),
    }
    return render(request, "hulpvragen/match_detail.html", context, status=status)


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
@require_GET
def match_detail(request, pk: int):
    return _match_page(request, _match_for(request, pk))


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
@require_POST
def match_accept(request, pk: int):
    match = _match_for(request, pk)
    try:
        services.match_accept(match_id=match.pk, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Dank je wel dat je helpt! Hieronder staan de gegevens om een afspraak te maken."),
        )
    return redirect(match)


def _form_action(request, pk: int, form_class, form_name: str, service, success: str, **extra):
    """Shared steps of decline, complete and cancel: form, service, errors kept on the form."""
    match = _match_for(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(match_id=match.pk, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect(match)
            form.add_service_error(exc)
        else:
            messages.success(request, success)
            return redirect(extra.get("next") or match)
    match.refresh_from_db(fields=["status"])
    return _match_page(request, match, **{form_name: form})


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
@require_POST
def match_decline(request, pk: int):
    return _form_action(
        request,
        pk,
        AfwijzenForm,
        "afwijzen_form",
        services.match_decline,
        _("Je hebt nee gezegd. Geen probleem: we vragen iemand anders."),
        next="hulpvragen:mijn_matches",
    )


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
@require_POST
def match_complete(request, pk: int):
    return _form_action(
        request,
        pk,
        AfrondenForm,
        "afronden_form",
        services.match_complete,
        _("Fijn dat het gelukt is! De hulp staat op afgerond."),
    )


@toegang(ingelogd, per_object="hulpvragen.permissions.can_view_match")
@require_POST
def match_cancel(request, pk: int):
    return _form_action(
        request,
        pk,
        AfzeggenForm,
        "afzeggen_form",
        services.match_cancel,
        _("De afspraak is afgezegd. We laten het de ander weten."),
    )
