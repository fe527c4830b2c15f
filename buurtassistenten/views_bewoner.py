"""A resident's coordination page, the contact log, follow-ups, referrals and the partners.

Thin views: buurtassistenten only (else 403), and for a resident ``permissions.eis_bewoner`` (a
resident outside one's own buurten is a 403 too). Services validate; their Dutch
``ValidationError`` is shown on the form with the input kept. What the pages show comes from
``selectors``. Every time the resident's page is shown, ``services.inzage_record`` records who
opened it and when; the page shows the last 20 of those openings.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from bewoners.models import User
from bewoners.permissions import zicht
from wijk.lib import datums
from wijk.lib.htmx import pagina_of_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import toegang

from . import selectors, services
from .forms_bewoner import (
    BewonerZoekForm,
    ContactmomentForm,
    DoorverwijzingForm,
    DoorverwijzingStatusForm,
    WijkpartnerForm,
)
from .models import Doorverwijzing, Vervolg, Wijkpartner, bewoner_url
from .permissions import eis_bewoner, eis_buurtassistent, is_buurtassistent

INZAGE_AANTAL = 20  # openings shown on the page
KOMEND_AANTAL = 20  # coming sign-ups and bookings shown

# What a buurtassistent can do on a resident's behalf (views_intake.py). A link shows only once
# its URL name exists, so this page works before and after those pages are there.
NAMENS_ACTIES = (
    ("buurtassistenten:hulpvraag_namens", gettext_lazy("Hulpvraag plaatsen")),
    ("buurtassistenten:aanmelden_namens", gettext_lazy("Aanmelden voor een activiteit")),
    ("buurtassistenten:reserveren_namens", gettext_lazy("Ruimte boeken")),
    ("buurtassistenten:account_claimen", gettext_lazy("Account overdragen")),
)


# --- helpers ---------------------------------------------------------------------------------


def _url_of(naam: str, *args) -> str:
    """The URL of ``naam``, or "" while no such page exists."""
    try:
        return reverse(naam, args=args)
    except NoReverseMatch:
        return ""


def _bewoner_for(request, pk: int) -> User:
    """The resident, if this buurtassistent works for them (else 403). Others get a 403 before
    anything is looked up, so they learn nothing about who exists."""
    eis_buurtassistent(request.user)
    bewoner = get_object_or_404(
        User.objects.hier().select_related("profiel", "profiel__buurt"),
        pk=pk,
        verwijderd_op__isnull=True,
    )
    eis_bewoner(request.user, bewoner)
    return bewoner


def _namens_acties(bewoner: User) -> list[dict]:
    acties = []
    for naam, label in NAMENS_ACTIES:
        if naam == "buurtassistenten:account_claimen" and bewoner.email:
            continue  # they log in themselves already
        url = _url_of(naam, bewoner.pk)
        if url:
            acties.append({"url": url, "label": label})
    return acties


def _bewoner_pagina(request, bewoner: User, *, status: int = 200, **forms):
    """The whole page; ``forms`` holds a bound form with errors to show again. Showing the
    page is an opening: it is recorded, also when a form comes back with a mistake."""
    user = request.user
    zicht(request).inzage(bewoner, "")  # the access log: this page, once per request
    now = timezone.now()
    profiel = getattr(bewoner, "profiel", None)
    base = bewoner_url(bewoner)

    verwijzingen = selectors.doorverwijzingen_van(bewoner)
    status_forms = forms.get("status_forms", {})
    for verwijzing in verwijzingen:
        verwijzing.status_form = status_forms.get(verwijzing.pk) or DoorverwijzingStatusForm(
            initial={"status": verwijzing.status}, prefix=f"status-{verwijzing.pk}"
        )

    context = {
        "bewoner": bewoner,
        "profiel": profiel,
        "intake": selectors.intake_van(bewoner),
        "kan_categorieen": list(profiel.kan_categorieen.all()) if profiel else [],
        "nodig_categorieen": list(profiel.nodig_categorieen.all()) if profiel else [],
        "hulpvragen": selectors.lopende_hulpvragen_van(bewoner),
        "aanmeldingen": selectors.komende_aanmeldingen_van(bewoner, now=now, aantal=KOMEND_AANTAL),
        "reserveringen": selectors.komende_reserveringen_van(
            bewoner, now=now, aantal=KOMEND_AANTAL
        ),
        "contact": page_context(
            request, selectors.zichtbare_contactmomenten(user, bewoner), base, param="contact"
        ),
        "contact_form": forms.get("contact_form")
        or ContactmomentForm(
            prefix="contact",
            initial={"datum": timezone.localtime(now).replace(second=0, microsecond=0)},
        ),
        "vervolgen": selectors.open_vervolgen_van(bewoner),
        "vandaag": timezone.localdate(),
        "verwijzingen": verwijzingen,
        "verwijzing_form": forms.get("verwijzing_form")
        or DoorverwijzingForm(prefix="doorverwijzing"),
        "namens": page_context(request, selectors.namens_voor(bewoner), base, param="namens"),
        "inzages": selectors.inzages_van(bewoner, aantal=INZAGE_AANTAL),
        "namens_acties": _namens_acties(bewoner),
        "partners_url": reverse("buurtassistenten:partners"),
    }
    return render(request, "buurtassistenten/bewoner_detail.html", context, status=status)


# --- finding a resident ----------------------------------------------------------------------


@toegang(is_buurtassistent)
@require_GET
@vary_on_headers("HX-Request")
def bewoner_lijst(request):
    """Residents of one's own buurten (and those nobody is assigned to); "alle" searches the
    whole wijk, but opens only one's own (the others show their buurt and its buurtassistent)."""
    eis_buurtassistent(request.user)
    form = BewonerZoekForm(request.GET or None)
    zoek, alle = "", False
    if form.is_valid():
        zoek, alle = form.cleaned_data["q"].strip(), form.cleaned_data["alle"]
    queryset = selectors.bewoners_zoeken(request.user, zoek=zoek, alle=alle)
    context = {
        "form": form,
        "zoek": zoek,
        "alle": alle,
        **page_context(request, queryset, reverse("buurtassistenten:bewoners")),
    }
    zicht(request).bepaal(context["page_obj"])  # what may show of each row: decided at once
    return pagina_of_deel(
        request,
        "buurtassistenten/bewoner_lijst.html",
        "buurtassistenten/_bewoner_rijen.html",
        context,
    )


# --- one resident ----------------------------------------------------------------------------


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_GET
def bewoner(request, pk: int):
    return _bewoner_pagina(request, _bewoner_for(request, pk))


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_POST
def contactmoment(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = ContactmomentForm(request.POST, prefix="contact")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.contactmoment_create(
                door=request.user,
                bewoner=bewoner,
                kanaal=data["kanaal"],
                soort=data["soort"],
                notitie=data["notitie"],
                gevoelig=data["gevoelig"],
                datum=data["datum"],
                vervolg_op=data["vervolg_op"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if data["vervolg_op"]:
                messages.success(
                    request,
                    _("Contactmoment opgeslagen. Het vervolg staat op %(datum)s.")
                    % {"datum": datums.dag(data["vervolg_op"])},
                )
            else:
                messages.success(request, _("Contactmoment opgeslagen."))
            return redirect(f"{bewoner_url(bewoner)}#contactmomenten")
    return _bewoner_pagina(request, bewoner, status=400, contact_form=form)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_vervolg_afronden")
@require_POST
def vervolg_gedaan(request, pk: int):
    eis_buurtassistent(request.user)
    vervolg = get_object_or_404(Vervolg.objects.select_related("bewoner__profiel"), pk=pk)
    eis_bewoner(request.user, vervolg.bewoner)
    if vervolg.gedaan_op:
        messages.info(request, _("Dit vervolg was al gedaan."))
    else:
        services.vervolg_complete(vervolg=vervolg, door=request.user)
        messages.success(request, _("Vervolg afgevinkt."))
    return redirect(f"{bewoner_url(vervolg.bewoner)}#vervolgen")


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_bewoner_zien")
@require_POST
def doorverwijzing(request, pk: int):
    bewoner = _bewoner_for(request, pk)
    form = DoorverwijzingForm(request.POST, prefix="doorverwijzing")
    if form.is_valid():
        try:
            verwijzing = services.doorverwijzing_create(
                door=request.user,
                bewoner=bewoner,
                partner=form.cleaned_data["partner"],
                behoefte=form.cleaned_data["behoefte"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Doorverwezen naar %(partner)s.") % {"partner": verwijzing.partner.naam},
            )
            return redirect(f"{bewoner_url(bewoner)}#doorverwijzingen")
    return _bewoner_pagina(request, bewoner, status=400, verwijzing_form=form)


@toegang(is_buurtassistent, per_object="buurtassistenten.permissions.mag_doorverwijzing_bijwerken")
@require_POST
def doorverwijzing_status(request, pk: int):
    eis_buurtassistent(request.user)
    verwijzing = get_object_or_404(
        Doorverwijzing.objects.select_related(
            "bewoner__profiel", "bewoner__profiel__buurt", "partner"
        ),
        pk=pk,
    )
    eis_bewoner(request.user, verwijzing.bewoner)
    form = DoorverwijzingStatusForm(request.POST, prefix=f"status-{verwijzing.pk}")
    if form.is_valid():
        try:
            verwijzing = services.doorverwijzing_set_status(
                verwijzing=verwijzing, door=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("De doorverwijzing naar %(partner)s is nu: %(status)s.")
                % {
                    "partner": verwijzing.partner.naam,
                    "status": verwijzing.get_status_display().lower(),
                },
            )
            return redirect(f"{bewoner_url(verwijzing.bewoner)}#doorverwijzingen")
    return _bewoner_pagina(
        request, verwijzing.bewoner, status=400, status_forms={verwijzing.pk: form}
    )


# --- partners --------------------------------------------------------------------------------


@toegang(is_buurtassistent)
@require_http_methods(["GET", "POST"])
def partners(request):
    eis_buurtassistent(request.user)
    form = WijkpartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, _("%(naam)s staat in de lijst.") % {"naam": partner.naam})
        return redirect("buurtassistenten:partners")
    return render(
        request,
        "buurtassistenten/partner_lijst.html",
        {
            "form": form,
            "partners": selectors.partners(),
        },
        status=400 if request.method == "POST" else 200,
    )


@toegang(is_buurtassistent)
@require_http_methods(["GET", "POST"])
def partner_bewerken(request, pk: int):
    eis_buurtassistent(request.user)
    partner = get_object_or_404(Wijkpartner, pk=pk)
    naam = partner.naam  # the heading keeps the saved name while the form has mistakes
    form = WijkpartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Opgeslagen."))
        return redirect("buurtassistenten:partners")
    return render(
        request,
        "buurtassistenten/partner_bewerken.html",
        {"form": form, "partner": partner, "naam": naam},
        status=400 if request.method == "POST" else 200,
    )
