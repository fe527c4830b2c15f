"""Pages for shared facilities and bookings.

Thin views: find what the person may see (else 404), check what they may do (else 403), call a
service, redirect. The service's Dutch ``ValidationError`` is shown on the form with the input
kept. The week calendar is one partial (``_week.html``): week navigation with htmx swaps only
that part; without JavaScript the same links load the whole page.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_time
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from bewoners.permissions import Gegeven, zicht
from bewoners.services import profiel_for
from wijk.lib.htmx import is_deel, pagina_of_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import ingelogd, toegang

from .. import services
from ..beschikbaarheid import BEZET, DICHT, GESLOTEN, VOORBIJ, VRIJ
from ..filters import AccommodatieFilter
from ..forms import (
    AccommodatieForm,
    OpeningstijdFormSet,
    RedenForm,
    ReserveringForm,
    SluitingFormSet,
    VerplaatsForm,
)
from ..models import Accommodatie, Reservering
from ..permissions import (
    beheerde_accommodaties,
    boek_bezwaar,
    is_beheerder,
    is_een_beheerder,
    zichtbare_reserveringen,
)

# --- helpers ---------------------------------------------------------------------------------


def _accommodatie_for(slug: str) -> Accommodatie:
    return get_object_or_404(Accommodatie.objects.actief().select_related("buurt"), slug=slug)


def _reservering_for(request, pk: int) -> Reservering:
    """A booking of this person or of a facility they keep; anybody else's is a 404."""
    return get_object_or_404(
        zichtbare_reserveringen(request.user)
        .select_related("accommodatie", "geboekt_door", "geboekt_door__profiel", "reeks")
        .distinct(),
        pk=pk,
    )


def _nav(request) -> dict:
    """For the sub-navigation: does this person keep a facility (the "Beheer" link)?"""
    return {"toon_beheer": is_een_beheerder(request.user)}


def _datum_uit(tekst: str | None) -> date | None:
    """A date from the URL, or None for anything that is not one ("2030-02-31", "morgen")."""
    try:
        return parse_date(tekst or "")
    except ValueError:
        return None


def _maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def _stap(accommodatie: Accommodatie) -> int:
    """Minutes per row of the week grid: half hours where short bookings are allowed."""
    return 30 if accommodatie.min_duur_minuten < 60 else 60


# --- facilities ------------------------------------------------------------------------------


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
        **_nav(request),
        **page_context(request, filterset.qs, reverse("accommodaties:list")),
    }
    return pagina_of_deel(
        request, "accommodaties/accommodatie_list.html", "accommodaties/_lijst.html", context
    )


def _week_context(request, accommodatie: Accommodatie, beheerder: bool) -> dict:
    vandaag = timezone.localdate()
    gekozen = _datum_uit(request.GET.get("week"))
    if gekozen is None or abs((gekozen - vandaag).days) > 5 * 366:
        gekozen = vandaag  # nonsense or far away: this week
    maandag = _maandag(gekozen)
    zondag = maandag + timedelta(days=6)
    dagen = services.beschikbaarheid(accommodatie, van=maandag, tot=maandag + timedelta(days=7))
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

    boek_url = reverse("accommodaties:reserveren", kwargs={"slug": accommodatie.slug})
    rijen = [] if weergave == "lijst" else services.rooster(dagen, stap=_stap(accommodatie))
    stap = timedelta(minutes=_stap(accommodatie))
    duur = timedelta(minutes=max(_stap(accommodatie), accommodatie.min_duur_minuten))
    kortste = timedelta(minutes=accommodatie.min_duur_minuten)
    for stuk in (s for dag in dagen for s in dag.stukken if s.boekbaar):
        # The list offers a start time per step in each free stretch, long enough to book.
        stuk.starts = []
        start = _naar_boven(stuk.begin, stap)
        while start + kortste <= stuk.einde:
            stuk.starts.append((start, _boek_link(boek_url, start, min(start + duur, stuk.einde))))
            start += stap
    for vak in (v for rij in rijen for v in rij.vakken if v.boekbaar):
        vak.url = _boek_link(boek_url, vak.begin, vak.begin + duur)
    return {
        "dagen": dagen,
        "rijen": rijen,
        "weergave": weergave,
        "toon_lijst": weergave in ("", "lijst"),
        "toon_rooster": weergave in ("", "rooster"),
        "maandag": maandag,
        "zondag": zondag,
        "vorige_week_url": week_url(maandag - timedelta(days=7)),
        "volgende_week_url": week_url(maandag + timedelta(days=7)),
        "deze_week_url": week_url(_maandag(vandaag)) if maandag != _maandag(vandaag) else "",
        "rooster_url": week_url(maandag, "rooster"),
        "lijst_url": week_url(maandag, "lijst"),
        "toon_wie": beheerder,
        "VRIJ": VRIJ,
        "BEZET": BEZET,
        "DICHT": DICHT,
        "VOORBIJ": VOORBIJ,
        "GESLOTEN": GESLOTEN,
    }


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
    accommodatie = _accommodatie_for(slug)
    beheerder = is_beheerder(request.user, accommodatie)
    context = {
        "accommodatie": accommodatie,
        "is_beheerder": beheerder,
        "bezwaar": boek_bezwaar(request.user, accommodatie),
        "zonder_toestemming": not profiel_for(request.user).heeft_toestemming,
        **_week_context(request, accommodatie, beheerder),
    }
    if is_deel(request):
        return render(request, "accommodaties/_week.html", context)
    context["openingstijden"] = list(accommodatie.openingstijden.all())
    context["sluitingen"] = list(accommodatie.sluitingen.filter(tot__gte=timezone.now())[:10])
    context["beheerders"] = list(accommodatie.beheerders.filter(is_active=True))
    context["feed_url"] = request.build_absolute_uri(
        reverse("accommodaties:feed_ruimte", kwargs={"slug": accommodatie.slug})
    )
    context.update(_nav(request))
    return render(request, "accommodaties/accommodatie_detail.html", context)


def _initial_uit_url(request) -> dict:
    """A free slot clicked in the calendar: ``?datum=2030-03-04&van=09:00&tot=10:00``."""
    initial = {"herhalen": 0}
    datum = _datum_uit(request.GET.get("datum"))
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
    accommodatie = _accommodatie_for(slug)
    form = ReserveringForm(
        request.POST or None, accommodatie=accommodatie, initial=_initial_uit_url(request)
    )
    context = {
        "accommodatie": accommodatie,
        "form": form,
        "bezwaar": boek_bezwaar(request.user, accommodatie),
        **_nav(request),
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
        data = ", ".join(f"{dag:%d-%m-%Y}" for dag, _redenen in uitkomst.niet_gelukt)
        tekst += " " + _("Niet gelukt op: %(data)s.") % {"data": data}
    messages.success(request, tekst)


# --- my bookings -----------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
def mijn_boekingen(request):
    now = timezone.now()
    eigen = Reservering.objects.filter(geboekt_door=request.user).select_related("accommodatie")
    komend = eigen.filter(einde__gte=now).order_by("begin", "id")
    eerder = eigen.filter(einde__lt=now).order_by("-begin", "-id")
    base = reverse("accommodaties:mijn")
    return render(
        request,
        "accommodaties/mijn_boekingen.html",
        {
            "komend": page_context(request, komend, base, param="komend"),
            "eerder": page_context(request, eerder, base, param="eerder"),
            **_nav(request),
        },
    )


# --- one booking -----------------------------------------------------------------------------


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
            list(
                reservering.reeks.reserveringen.exclude(pk=reservering.pk)
                .filter(begin__gte=timezone.now())
                .order_by("begin")[:20]
            )
            if reservering.reeks_id and (eigen or beheerder)
            else []
        ),
        **_nav(request),
    }
    return render(request, "accommodaties/reservering_detail.html", context, status=status)


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_GET
def reservering_detail(request, pk: int):
    return _reserveringpage_context(request, _reservering_for(request, pk))


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_POST
def afzeggen(request, pk: int):
    reservering = _reservering_for(request, pk)
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
            if request.POST.get("next") == "beheer":
                return redirect("accommodaties:beheer")
            return redirect(reservering)
    return _reserveringpage_context(request, reservering, status=400, afzeggen_form=form)


@toegang(ingelogd, per_object="accommodaties.permissions.beheert_reservering")
@require_POST
def goedkeuren(request, pk: int):
    reservering = _reservering_for(request, pk)
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
    if request.POST.get("next") == "beheer":
        return redirect("accommodaties:beheer")
    return redirect(reservering)


@toegang(ingelogd, per_object="accommodaties.permissions.beheert_reservering")
@require_POST
def weigeren(request, pk: int):
    reservering = _reservering_for(request, pk)
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
            if request.POST.get("next") == "beheer":
                return redirect("accommodaties:beheer")
            return redirect(reservering)
    return _reserveringpage_context(request, reservering, status=400, weigeren_form=form)


@toegang(ingelogd, per_object="accommodaties.permissions.mag_reservering_zien")
@require_http_methods(["GET", "POST"])
def verplaatsen(request, pk: int):
    reservering = _reservering_for(request, pk)
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
            **_nav(request),
        },
    )


# --- keepers ---------------------------------------------------------------------------------


@toegang(is_een_beheerder)
@require_GET
def beheer(request):
    """Pending requests and the coming bookings of the facilities this person keeps."""
    ruimtes = list(beheerde_accommodaties(request.user).order_by("naam"))
    if not ruimtes:
        raise PermissionDenied
    now = timezone.now()
    basis = Reservering.objects.filter(accommodatie__in=ruimtes).select_related(
        "accommodatie", "geboekt_door", "reeks"
    )
    aanvragen = basis.filter(status=Reservering.Status.AANGEVRAAGD, begin__gt=now).order_by(
        "begin", "id"
    )
    komend = basis.filter(status=Reservering.Status.BEVESTIGD, einde__gte=now).order_by(
        "begin", "id"
    )
    base = reverse("accommodaties:beheer")
    return render(
        request,
        "accommodaties/beheer.html",
        {
            "ruimtes": ruimtes,
            "aanvragen": page_context(request, aanvragen, base, param="aanvragen"),
            "komend": page_context(request, komend, base, param="komend"),
            "toon_beheer": True,
        },
    )


@toegang(ingelogd, per_object="accommodaties.permissions.is_beheerder")
@require_http_methods(["GET", "POST"])
def accommodatie_bewerken(request, slug: str):
    """Keepers set the description, rules, opening hours and closures. Bookings that exist
    stay as they are."""
    accommodatie = _accommodatie_for(slug)
    if not is_beheerder(request.user, accommodatie):
        raise PermissionDenied
    data = request.POST or None
    form = AccommodatieForm(data, instance=accommodatie)
    openingstijden = OpeningstijdFormSet(data, instance=accommodatie, prefix="open")
    sluitingen = SluitingFormSet(
        data,
        instance=accommodatie,
        prefix="dicht",
        queryset=accommodatie.sluitingen.filter(tot__gte=timezone.now()),
    )
    # Every part is checked (a list, not ``and``), so all mistakes show at once.
    geldig = [form.is_valid(), openingstijden.is_valid(), sluitingen.is_valid()]
    if request.method == "POST" and all(geldig):
        with transaction.atomic():
            form.save()
            openingstijden.save()
            sluitingen.save()
        messages.success(request, _("Opgeslagen. Boekingen die er al zijn, blijven staan."))
        return redirect(accommodatie)
    return render(
        request,
        "accommodaties/accommodatie_bewerken.html",
        {
            "accommodatie": accommodatie,
            "form": form,
            "openingstijden": openingstijden,
            "sluitingen": sluitingen,
            **_nav(request),
        },
        status=400 if request.method == "POST" else 200,
    )
