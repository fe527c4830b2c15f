"""Pages for initiatives and their members: the list, one initiative, starting and changing
one, joining and leaving, and the organisers' members page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from bewoners.permissions import zicht
from wijk.lib.htmx import pagina_of_deel
from wijk.lib.http_cache import per_verzoek, voorwaardelijk
from wijk.lib.pagination import page_context
from wijk.lib.toegang import iedereen, ingelogd, toegang

from .. import services
from ..filters import InitiatiefFilter
from ..forms import InitiatiefForm, LidInstellingenForm
from ..models import Bijeenkomst, Initiatief, Lidmaatschap
from ..permissions import (
    eis_organisator,
    is_organisator,
    mag_initiatief_keuren,
    mag_initiatief_starten,
)
from .basis import formulier_pagina, fouten, initiatief_for

# --- initiatives -----------------------------------------------------------------------------


@toegang(iedereen)
@require_GET
@vary_on_headers("HX-Request")
def initiatief_list(request):
    queryset = (
        Initiatief.objects.zichtbaar()
        .select_related("accommodatie")
        .prefetch_related("buurten")
        .met_aantal_leden()
        .order_by("naam")
    )
    filterset = InitiatiefFilter(request.GET or None, queryset=queryset)
    context = {
        "filter": filterset,
        **page_context(request, filterset.qs, reverse("initiatieven:list")),
    }
    return pagina_of_deel(
        request, "initiatieven/initiatief_list.html", "initiatieven/_lijst.html", context
    )


def _leden_voor(request, initiatief: Initiatief, eigen: Lidmaatschap | None) -> list[dict]:
    """What a member sees of the other members: the first name, or the full name and e-mail of
    those who chose to show them (``bewoners.permissions`` decides, for the whole list at once)."""
    leden = list(initiatief.lidmaatschappen.leden().select_related("user").op_naam())
    zicht(request).bepaal(lid.user for lid in leden)  # the template asks per member
    rijen = [{"user": lid.user, "zelf": eigen is not None and lid.pk == eigen.pk} for lid in leden]
    return rijen


@per_verzoek
def _detail_context(request, slug: str) -> dict:
    """Everything the initiative's page shows (also its fingerprint: ``wijk.lib.http_cache``)."""
    initiatief = initiatief_for(request, slug)
    user = request.user
    organisator = is_organisator(user, initiatief)
    eigen = initiatief.lidmaatschappen.filter(user=user).first() if user.is_authenticated else None
    is_lid = eigen is not None and eigen.status == Lidmaatschap.Status.LID
    organisatoren = list(initiatief.organisatoren.order_by("first_name"))
    komend = (
        Bijeenkomst.objects.komend().van_initiatief(initiatief).met_plaatsen().met_relaties()[:10]
    )
    context = {
        "initiatief": initiatief,
        "buurten": list(initiatief.buurten.order_by("naam")),
        "is_organisator": organisator,
        "lidmaatschap": eigen,
        "is_lid": is_lid,
        "aantal_leden": initiatief.lidmaatschappen.leden().count(),
        "leden": _leden_voor(request, initiatief, eigen) if (is_lid or organisator) else [],
        "organisatoren": [o for o in organisatoren if o.is_active],
        "eigen_initiatief": user.pk in {o.pk for o in organisatoren},
        "mag_keuren": not initiatief.is_goedgekeurd and mag_initiatief_keuren(user),
        # The only organiser cannot leave (the service says so too); no button then.
        "mag_opzeggen": is_lid and [o.pk for o in organisatoren] != [user.pk],
        "komend": list(komend),
        "activiteiten": list(initiatief.activiteiten.order_by("titel")),
        "instellingen_form": LidInstellingenForm(instance=eigen) if is_lid else None,
        "aantal_aanvragen": initiatief.lidmaatschappen.aanvragen().count() if organisator else 0,
    }
    return context


@toegang(iedereen, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_GET
@voorwaardelijk(_detail_context)
def initiatief_detail(request, slug: str):
    return render(request, "initiatieven/initiatief_detail.html", _detail_context(request, slug))


@toegang(ingelogd)
@require_http_methods(["GET", "POST"])
def initiatief_nieuw(request):
    if not mag_initiatief_starten(request.user):
        return render(request, "initiatieven/toestemming_nodig.html")
    form = InitiatiefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiatief = services.initiatief_create(door=request.user, **form.service_velden())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if initiatief.status == Initiatief.Status.WACHT:
                messages.success(
                    request,
                    _(
                        "Je initiatief is bewaard. Het wacht op goedkeuring door de beheerder. "
                        "Je krijgt bericht. Je kunt alvast de eerste activiteit plannen."
                    ),
                )
            else:
                messages.success(
                    request, _("Je initiatief staat erop. Plan nu de eerste activiteit.")
                )
            return redirect(initiatief)
    return formulier_pagina(request, "initiatieven/initiatief_form.html", {"form": form})


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_http_methods(["GET", "POST"])
def initiatief_bewerken(request, slug: str):
    initiatief = initiatief_for(request, slug)
    eis_organisator(request.user, initiatief)
    was_afgewezen = initiatief.status == Initiatief.Status.AFGEWEZEN
    form = InitiatiefForm(request.POST or None, instance=initiatief)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiatief_update(
                initiatief=initiatief, door=request.user, **form.service_velden()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if was_afgewezen and initiatief.status == Initiatief.Status.WACHT:
                messages.success(
                    request, _("Opgeslagen. De beheerder kijkt er opnieuw naar. Je krijgt bericht.")
                )
            else:
                messages.success(request, _("Opgeslagen."))
            return redirect(initiatief)
    return formulier_pagina(
        request, "initiatieven/initiatief_form.html", {"form": form, "initiatief": initiatief}
    )


# --- members ---------------------------------------------------------------------------------


@toegang(ingelogd, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_POST
def lid_worden(request, slug: str):
    initiatief = initiatief_for(request, slug)
    try:
        lid = services.lidmaatschap_create(initiatief=initiatief, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        if lid.status == Lidmaatschap.Status.LID:
            messages.success(
                request, _("Je bent nu lid van %(naam)s. Welkom!") % {"naam": initiatief.naam}
            )
        else:
            messages.success(
                request,
                _("Je aanvraag is verstuurd. Een organisator kijkt ernaar. Je krijgt bericht."),
            )
    return redirect(initiatief)


@toegang(ingelogd, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_POST
def opzeggen(request, slug: str):
    initiatief = initiatief_for(request, slug)
    eigen = initiatief.lidmaatschappen.filter(user=request.user).first()
    if eigen is None:
        messages.error(request, _("Je bent geen lid van dit initiatief."))
        return redirect(initiatief)
    try:
        services.lidmaatschap_cancel(initiatief=initiatief, user=request.user)
    except ValidationError as exc:
        fouten(request, exc)
    else:
        if eigen.status == Lidmaatschap.Status.AANGEVRAAGD:
            messages.success(request, _("Je aanvraag is ingetrokken."))
        else:
            messages.success(
                request, _("Je bent geen lid meer van %(naam)s.") % {"naam": initiatief.naam}
            )
    return redirect(initiatief)


@toegang(ingelogd, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_POST
def lid_instellingen(request, slug: str):
    """A member's own choices; someone who is not a member has none (404)."""
    initiatief = initiatief_for(request, slug)
    eigen = get_object_or_404(
        initiatief.lidmaatschappen, user=request.user, status=Lidmaatschap.Status.LID
    )
    form = LidInstellingenForm(request.POST, instance=eigen)
    if form.is_valid():
        form.save()
        messages.success(request, _("Je keuzes zijn opgeslagen."))
    return redirect(initiatief)


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_GET
def leden(request, slug: str):
    """For organisers: requests to decide on, and every member with contact details."""
    initiatief = initiatief_for(request, slug)
    eis_organisator(request.user, initiatief)
    lidmaatschappen = initiatief.lidmaatschappen.select_related("user", "user__profiel")
    organisator_ids = set(initiatief.organisatoren.values_list("pk", flat=True))
    aanvragen = list(lidmaatschappen.aanvragen().order_by("aangemaakt_op", "id"))
    huidige = lidmaatschappen.leden().op_naam()
    pagina = page_context(request, huidige, reverse("initiatieven:leden", args=[initiatief.slug]))
    # What the organiser may see of these people: decided for the whole page at once.
    zicht(request).bepaal([lid.user for lid in pagina["page_obj"]] + [a.user for a in aanvragen])
    return render(
        request,
        "initiatieven/leden.html",
        {
            "initiatief": initiatief,
            "aanvragen": aanvragen,
            "organisator_ids": organisator_ids,
            **pagina,
        },
    )


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_POST
def lid_besluit(request, slug: str, pk: int):
    initiatief = initiatief_for(request, slug)
    eis_organisator(request.user, initiatief)
    lidmaatschap = get_object_or_404(initiatief.lidmaatschappen.select_related("user"), pk=pk)
    goedgekeurd = request.POST.get("besluit") == "goedkeuren"
    try:
        services.lidmaatschap_decide(
            lidmaatschap=lidmaatschap, door=request.user, goedgekeurd=goedgekeurd
        )
    except ValidationError as exc:
        fouten(request, exc)
    else:
        naam = lidmaatschap.user.display_name
        if goedgekeurd:
            messages.success(request, _("%(naam)s is nu lid.") % {"naam": naam})
        else:
            messages.success(request, _("De aanvraag van %(naam)s is afgewezen.") % {"naam": naam})
    return redirect("initiatieven:leden", slug=initiatief.slug)
