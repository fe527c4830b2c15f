"""Bookings: my bookings, and one booking's page with what its booker and its keepers may do
(cancel, move, approve, reject)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bewoners.permissions import Gegeven, zicht
from wijk.lib.pagination import page_context
from wijk.lib.toegang import ingelogd, toegang

from .. import services
from ..forms import RedenForm, VerplaatsForm
from ..models import Reservering
from ..permissions import is_beheerder
from .basis import nav, reservering_for


@toegang(ingelogd)
@require_GET
def mijn_boekingen(request):
    now = timezone.now()
    eigen = Reservering.objects.van_boeker(request.user).select_related("accommodatie")
    komend = eigen.komend(now)
    eerder = eigen.voorbij(now)
    base = reverse("accommodaties:mijn")
    return render(
        request,
        "accommodaties/mijn_boekingen.html",
        {
            "komend": page_context(request, komend, base, param="komend"),
            "eerder": page_context(request, eerder, base, param="eerder"),
            **nav(request),
        },
    )


def _reserveringpage_context(request, reservering: Reservering, *, status: int = 200, **forms):
    user = request.user
    accommodatie = reservering.accommodatie
    beheerder = is_beheerder(user, accommodatie)
    eigen = reservering.geboekt_door_id == user.pk
    grens = reservering.begin - timedelta(hours=accommodatie.annuleren_uren_vooraf)
    nog_op_tijd = timezone.now() <= grens
    actief_en_toekomst = reservering.is_actief and reservering.einde > timezone.now()
    contact = []
    if reservering.is_actief:
        rule = zicht(request)
        if beheerder and not eigen:
            kandidaten = [reservering.geboekt_door]
        elif eigen and not beheerder:
            kandidaten = list(
                accommodatie.beheerders.filter(is_active=True).select_related("profiel")
            )
        else:
            kandidaten = []
        rule.bepaal(kandidaten)
        contact = [p for p in kandidaten if rule.mag_zien(p, Gegeven.CONTACT)]
    context = {
        "reservering": reservering,
        "accommodatie": accommodatie,
        "is_beheerder": beheerder,
        "is_eigen": eigen,
        "contact": contact,
        "mag_afzeggen": actief_en_toekomst and (beheerder or nog_op_tijd),
        "mag_verplaatsen": actief_en_toekomst and (beheerder or nog_op_tijd),
        "mag_beslissen": beheerder
        and reservering.status == Reservering.Status.AANGEVRAAGD
        and reservering.begin > timezone.now(),
        "afzeggen_form": forms.get("afzeggen_form")
        or RedenForm(
            verplicht=not eigen,
            label=_("Waarom gaat het niet door?") if not eigen else _("Reden (mag leeg blijven)"),
            prefix="afzeggen",
        ),
        "weigeren_form": forms.get("weigeren_form")
        or RedenForm(label=_("Waarom kan het niet?"), prefix="weigeren"),
        "reeks_andere": (
            list(reservering.andere_in_reeks(timezone.now())[:20])
            if reservering.reeks_id and (eigen or beheerder)
            else []
        ),
        **nav(request),
    }
    return render(request, "accommodaties/reservering_detail.html", context, status=status)


def _terug(request, reservering: Reservering):
    """Back to the keepers' page when the action was taken there, else to the booking."""
    if request.POST.get("next") == "beheer":
        return redirect("accommodaties:beheer")
    return redirect(reservering)


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_GET
def reservering_detail(request, pk: int):
    return _reserveringpage_context(request, reservering_for(request, pk))


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_POST
def afzeggen(request, pk: int):
    reservering = reservering_for(request, pk)
    eigen = reservering.geboekt_door_id == request.user.pk
    form = RedenForm(request.POST, verplicht=not eigen, prefix="afzeggen")
    if form.is_valid():
        try:
            services.reservering_cancel(
                reservering=reservering, door=request.user, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # too late, or already cancelled
                messages.error(request, " ".join(exc.messages))
                return redirect(reservering)
            form.add_service_error(exc)
        else:
            messages.success(request, _("De boeking is afgezegd. We laten het de ander weten."))
            return _terug(request, reservering)
    return _reserveringpage_context(request, reservering, status=400, afzeggen_form=form)


@toegang(ingelogd, per_object="accommodaties.permissions.beheert_reservering")
@require_POST
def goedkeuren(request, pk: int):
    reservering = reservering_for(request, pk)
    if not is_beheerder(request.user, reservering.accommodatie):
        raise PermissionDenied
    try:
        services.reservering_approve(reservering=reservering, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Goedgekeurd. %(naam)s krijgt bericht.")
            % {"naam": reservering.geboekt_door.display_name},
        )
    return _terug(request, reservering)


@toegang(ingelogd, per_object="accommodaties.permissions.beheert_reservering")
@require_POST
def weigeren(request, pk: int):
    reservering = reservering_for(request, pk)
    if not is_beheerder(request.user, reservering.accommodatie):
        raise PermissionDenied
    form = RedenForm(request.POST, prefix="weigeren")
    if form.is_valid():
        try:
            services.reservering_reject(
                reservering=reservering, door=request.user, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # decided on already
                messages.error(request, " ".join(exc.messages))
                return redirect(reservering)
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Afgewezen. %(naam)s krijgt bericht, met je reden.")
                % {"naam": reservering.geboekt_door.display_name},
            )
            return _terug(request, reservering)
    return _reserveringpage_context(request, reservering, status=400, weigeren_form=form)


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_http_methods(["GET", "POST"])
def verplaatsen(request, pk: int):
    reservering = reservering_for(request, pk)
    if not reservering.is_actief:
        messages.error(request, _("Deze boeking was al afgezegd of afgewezen."))
        return redirect(reservering)
    form = VerplaatsForm(request.POST or None, reservering=reservering)
    if request.method == "POST" and form.is_valid():
        try:
            services.reservering_move(
                reservering=reservering,
                door=request.user,
                begin=form.cleaned_data["begin"],
                einde=form.cleaned_data["einde"],
                aantal_personen=form.cleaned_data["aantal_personen"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            reservering.refresh_from_db()
            if reservering.status == Reservering.Status.AANGEVRAAGD:
                messages.success(
                    request, _("Verplaatst. De beheerder moet de nieuwe tijd nog goedkeuren.")
                )
            else:
                messages.success(request, _("Verplaatst naar de nieuwe tijd."))
            return redirect(reservering)
    return render(
        request,
        "accommodaties/verplaatsen.html",
        {
            "reservering": reservering,
            "accommodatie": reservering.accommodatie,
            "form": form,
            **nav(request),
        },
    )
