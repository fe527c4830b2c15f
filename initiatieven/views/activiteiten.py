"""Pages for initiatives, their members, activities and meetings, and the agenda.

Thin views: find what the person may see (else 404), check what they may do (else 403), call a
service, redirect. The service's Dutch ``ValidationError`` is shown on the form with the input
kept, or as a message when it is not about a field. The list of initiatives and the agenda are
one URL each: a filter change with htmx swaps only the list (``_lijst.html``,
``_agenda_lijst.html``); without JavaScript the same URL loads the whole page.

Initiatives, activities, meetings, the agenda and the printable week are public: a neighbour
can read them without an account. Doing something (joining, signing up) needs a login.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accommodaties.models import AgendaSleutel
from bewoners.permissions import zicht
from wijk.lib.htmx import pagina_of_deel
from wijk.lib.pagination import page_context
from wijk.lib.toegang import iedereen, ingelogd, toegang

from . import services
from .filters import AgendaFilter, InitiatiefFilter, WeekFilter
from .forms import (
    AanwezigheidForm,
    ActiviteitBewerkenForm,
    ActiviteitForm,
    InitiatiefForm,
    LidInstellingenForm,
    RedenForm,
    VerplaatsForm,
)
from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from .permissions import (
    is_organisator,
    mag_initiatief_starten,
    zichtbare_activiteiten,
    zichtbare_bijeenkomsten,
    zichtbare_initiatieven,
)

# --- helpers ---------------------------------------------------------------------------------

# What a meeting's row shows: the activity, its initiative and the place.
BIJEENKOMST_RELATIES = (
    "activiteit",
    "activiteit__accommodatie",
    "activiteit__initiatief",
    "activiteit__initiatief__accommodatie",
)


def _initiatief_for(request, slug: str) -> Initiatief:
    return get_object_or_404(
        zichtbare_initiatieven(request.user).select_related("accommodatie"), slug=slug
    )


def _activiteit_for(request, pk: int) -> Activiteit:
    return get_object_or_404(
        zichtbare_activiteiten(request.user).select_related(
            "initiatief", "initiatief__accommodatie", "accommodatie"
        ),
        pk=pk,
    )


def _bijeenkomst_for(request, pk: int) -> Bijeenkomst:
    return get_object_or_404(
        _met_tellingen(zichtbare_bijeenkomsten(request.user)).select_related(*BIJEENKOMST_RELATIES),
        pk=pk,
    )


def _eis_organisator(request, initiatief: Initiatief) -> None:
    if not is_organisator(request.user, initiatief):
        raise PermissionDenied


def _met_tellingen(queryset):
    """Counts of sign-ups and the waiting list, and ``vrij``: places left (None: no maximum).
    In time order (a query with counts does not use the model's ordering)."""
    return (
        queryset.met_tellingen()
        .annotate(
            vrij=ExpressionWrapper(
                F("activiteit__capaciteit") - F("aantal_aangemeld"), output_field=IntegerField()
            )
        )
        .order_by("begin", "id")
    )


def _met_wachtlijst_plek(aanmeldingen):
    """Adds ``wachtlijst_plek`` (1 = first) to each sign-up on a waiting list, in one query."""
    ervoor = (
        Aanmelding.objects.filter(
            bijeenkomst=OuterRef("bijeenkomst"), status=Aanmelding.Status.WACHTLIJST
        )
        .filter(
            Q(aangemeld_op__lt=OuterRef("aangemeld_op"))
            | Q(aangemeld_op=OuterRef("aangemeld_op"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("bijeenkomst")
        .annotate(n=Count("id"))
        .values("n")
    )
    return aanmeldingen.annotate(wachtlijst_plek=Subquery(ervoor, output_field=IntegerField()))


def _datum_uit(tekst: str | None) -> date | None:
    """A date from the URL, or None for anything that is not one ("2030-02-31", "morgen")."""
    try:
        return parse_date(tekst or "")
    except ValueError:
        return None


def _fouten(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# --- initiatives -----------------------------------------------------------------------------


@toegang(iedereen)
@require_GET
@vary_on_headers("HX-Request")
def initiatief_list(request):
    queryset = (
        Initiatief.objects.zichtbaar()
        .select_related("accommodatie")
        .prefetch_related("buurten")
        .annotate(
            aantal_leden=Count(
                "lidmaatschappen", filter=Q(lidmaatschappen__status=Lidmaatschap.Status.LID)
            )
        )
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
    leden = list(
        initiatief.lidmaatschappen.filter(status=Lidmaatschap.Status.LID)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "id")
    )
    zicht(request).bepaal(lid.user for lid in leden)  # the template asks per member
    rijen = [{"user": lid.user, "zelf": eigen is not None and lid.pk == eigen.pk} for lid in leden]
    return rijen


@toegang(iedereen, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_GET
def initiatief_detail(request, slug: str):
    initiatief = _initiatief_for(request, slug)
    user = request.user
    organisator = is_organisator(user, initiatief)
    eigen = initiatief.lidmaatschappen.filter(user=user).first() if user.is_authenticated else None
    is_lid = eigen is not None and eigen.status == Lidmaatschap.Status.LID
    organisatoren = list(initiatief.organisatoren.order_by("first_name"))
    komend = _met_tellingen(
        Bijeenkomst.objects.komend().filter(activiteit__initiatief=initiatief)
    ).select_related(*BIJEENKOMST_RELATIES)[:10]
    context = {
        "initiatief": initiatief,
        "buurten": list(initiatief.buurten.order_by("naam")),
        "is_organisator": organisator,
        "lidmaatschap": eigen,
        "is_lid": is_lid,
        "aantal_leden": initiatief.lidmaatschappen.filter(status=Lidmaatschap.Status.LID).count(),
        "leden": _leden_voor(request, initiatief, eigen) if (is_lid or organisator) else [],
        "organisatoren": [o for o in organisatoren if o.is_active],
        # The only organiser cannot leave (the service says so too); no button then.
        "mag_opzeggen": is_lid and [o.pk for o in organisatoren] != [user.pk],
        "komend": list(komend),
        "activiteiten": list(initiatief.activiteiten.order_by("titel")),
        "instellingen_form": LidInstellingenForm(instance=eigen) if is_lid else None,
        "aantal_aanvragen": (
            initiatief.lidmaatschappen.filter(status=Lidmaatschap.Status.AANGEVRAAGD).count()
            if organisator
            else 0
        ),
    }
    return render(request, "initiatieven/initiatief_detail.html", context)


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
            messages.success(request, _("Je initiatief staat erop. Plan nu de eerste activiteit."))
            return redirect(initiatief)
    return render(
        request,
        "initiatieven/initiatief_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_http_methods(["GET", "POST"])
def initiatief_bewerken(request, slug: str):
    initiatief = _initiatief_for(request, slug)
    _eis_organisator(request, initiatief)
    form = InitiatiefForm(request.POST or None, instance=initiatief)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiatief_update(
                initiatief=initiatief, door=request.user, **form.service_velden()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(initiatief)
    return render(
        request,
        "initiatieven/initiatief_form.html",
        {"form": form, "initiatief": initiatief},
        status=400 if request.method == "POST" else 200,
    )


# --- members ---------------------------------------------------------------------------------


@toegang(ingelogd, per_object="initiatieven.permissions.mag_initiatief_zien")
@require_POST
def lid_worden(request, slug: str):
    initiatief = _initiatief_for(request, slug)
    try:
        lid = services.lidmaatschap_create(initiatief=initiatief, user=request.user)
    except ValidationError as exc:
        _fouten(request, exc)
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
    initiatief = _initiatief_for(request, slug)
    eigen = initiatief.lidmaatschappen.filter(user=request.user).first()
    if eigen is None:
        messages.error(request, _("Je bent geen lid van dit initiatief."))
        return redirect(initiatief)
    try:
        services.lidmaatschap_cancel(initiatief=initiatief, user=request.user)
    except ValidationError as exc:
        _fouten(request, exc)
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
    initiatief = _initiatief_for(request, slug)
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
    initiatief = _initiatief_for(request, slug)
    _eis_organisator(request, initiatief)
    lidmaatschappen = initiatief.lidmaatschappen.select_related("user", "user__profiel")
    organisator_ids = set(initiatief.organisatoren.values_list("pk", flat=True))
    aanvragen = lidmaatschappen.filter(status=Lidmaatschap.Status.AANGEVRAAGD).order_by(
        "aangemaakt_op", "id"
    )
    huidige = lidmaatschappen.filter(status=Lidmaatschap.Status.LID).order_by(
        "user__first_name", "user__last_name", "id"
    )
    aanvragen = list(aanvragen)
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
    initiatief = _initiatief_for(request, slug)
    _eis_organisator(request, initiatief)
    lidmaatschap = get_object_or_404(initiatief.lidmaatschappen.select_related("user"), pk=pk)
    goedgekeurd = request.POST.get("besluit") == "goedkeuren"
    try:
        services.lidmaatschap_decide(
            lidmaatschap=lidmaatschap, door=request.user, goedgekeurd=goedgekeurd
        )
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        naam = lidmaatschap.user.display_name
        if goedgekeurd:
            messages.success(request, _("%(naam)s is nu lid.") % {"naam": naam})
        else:
            messages.success(request, _("De aanvraag van %(naam)s is afgewezen.") % {"naam": naam})
    return redirect("initiatieven:leden", slug=initiatief.slug)


# --- activities ------------------------------------------------------------------------------


@toegang(ingelogd, per_object="initiatieven.permissions.is_organisator")
@require_http_methods(["GET", "POST"])
def activiteit_nieuw(request, slug: str):
    initiatief = _initiatief_for(request, slug)
    _eis_organisator(request, initiatief)
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
    return render(
        request,
        "initiatieven/activiteit_form.html",
        {"form": form, "initiatief": initiatief},
        status=400 if request.method == "POST" else 200,
    )


@toegang(iedereen, per_object="initiatieven.permissions.mag_activiteit_zien")
@require_GET
def activiteit_detail(request, pk: int):
    activiteit = _activiteit_for(request, pk)
    komend = _met_tellingen(activiteit.bijeenkomsten.komend()).select_related(*BIJEENKOMST_RELATIES)
    return render(
        request,
        "initiatieven/activiteit_detail.html",
        {
            "activiteit": activiteit,
            "initiatief": activiteit.initiatief,
            "is_organisator": is_organisator(request.user, activiteit.initiatief),
            **page_context(request, komend, activiteit.get_absolute_url()),
        },
    )


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_activiteit")
@require_http_methods(["GET", "POST"])
def activiteit_bewerken(request, pk: int):
    activiteit = _activiteit_for(request, pk)
    _eis_organisator(request, activiteit.initiatief)
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
    return render(
        request,
        "initiatieven/activiteit_bewerken.html",
        {"form": form, "activiteit": activiteit, "initiatief": activiteit.initiatief},
        status=400 if request.method == "POST" else 200,
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
            _met_wachtlijst_plek(bijeenkomst.aanmeldingen.filter(user=user))
            .exclude(status=Aanmelding.Status.AFGEMELD)
            .first()
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
    }
    if organisator:
        lijst = _met_wachtlijst_plek(
            bijeenkomst.aanmeldingen.exclude(status=Aanmelding.Status.AFGEMELD).select_related(
                "user"
            )
        ).order_by("aangemeld_op", "id")
        context["aangemeld"] = [a for a in lijst if a.status == Aanmelding.Status.AANGEMELD]
        context["wachtlijst"] = [a for a in lijst if a.status == Aanmelding.Status.WACHTLIJST]
        zicht(request).bepaal(a.user for a in lijst)  # names on the lists: decided at once
        context["annuleren_form"] = forms.get("annuleren_form") or RedenForm(prefix="annuleren")
    return render(request, "initiatieven/bijeenkomst_detail.html", context, status=status)


@toegang(iedereen, per_object="initiatieven.permissions.mag_bijeenkomst_zien")
@require_GET
def bijeenkomst_detail(request, pk: int):
    return _bijeenkomst_page(request, _bijeenkomst_for(request, pk))


@toegang(ingelogd, per_object="initiatieven.permissions.mag_bijeenkomst_zien")
@require_POST
def aanmelden(request, pk: int):
    bijeenkomst = _bijeenkomst_for(request, pk)
    try:
        uitkomst = services.aanmelding_create(bijeenkomst=bijeenkomst, user=request.user)
    except ValidationError as exc:
        _fouten(request, exc)
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
    bijeenkomst = _bijeenkomst_for(request, pk)
    try:
        services.aanmelding_cancel(bijeenkomst=bijeenkomst, user=request.user)
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        messages.success(request, _("Je bent afgemeld. Fijn dat je het laat weten."))
    return redirect(bijeenkomst)


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_POST
def annuleren(request, pk: int):
    bijeenkomst = _bijeenkomst_for(request, pk)
    _eis_organisator(request, bijeenkomst.activiteit.initiatief)
    form = RedenForm(request.POST, prefix="annuleren")
    if form.is_valid():
        try:
            services.bijeenkomst_cancel(
                bijeenkomst=bijeenkomst, door=request.user, reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(
                request, _("Deze keer gaat niet door. Wie zich had aangemeld, krijgt bericht.")
            )
        return redirect(bijeenkomst)
    return _bijeenkomst_page(request, bijeenkomst, status=400, annuleren_form=form)


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_http_methods(["GET", "POST"])
def verplaatsen(request, pk: int):
    bijeenkomst = _bijeenkomst_for(request, pk)
    _eis_organisator(request, bijeenkomst.activiteit.initiatief)
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
    return render(
        request,
        "initiatieven/verplaatsen.html",
        {"form": form, "bijeenkomst": bijeenkomst, "activiteit": bijeenkomst.activiteit},
        status=400 if request.method == "POST" else 200,
    )


@toegang(ingelogd, per_object="initiatieven.permissions.organiseert_bijeenkomst")
@require_http_methods(["GET", "POST"])
def aanwezigheid(request, pk: int):
    bijeenkomst = _bijeenkomst_for(request, pk)
    _eis_organisator(request, bijeenkomst.activiteit.initiatief)
    if bijeenkomst.begin > timezone.now():
        messages.error(request, _("Aanwezigheid vul je in als de activiteit begonnen is."))
        return redirect(bijeenkomst)
    aanmeldingen = list(
        bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD)
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
            _fouten(request, exc)
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect(bijeenkomst)
    return render(
        request,
        "initiatieven/aanwezigheid.html",
        {"form": form, "bijeenkomst": bijeenkomst, "activiteit": bijeenkomst.activiteit},
        status=400 if request.method == "POST" else 200,
    )


# --- the agenda ------------------------------------------------------------------------------


def _agenda_queryset(now=None):
    """Planned meetings of active initiatives that have not ended, with their counts."""
    return _met_tellingen(
        Bijeenkomst.objects.komend(now).filter(
            activiteit__initiatief__status=Initiatief.Status.ACTIEF
        )
    ).select_related(*BIJEENKOMST_RELATIES)


@toegang(iedereen)
@require_GET
@vary_on_headers("HX-Request")
def agenda(request):
    filterset = AgendaFilter(request.GET or None, queryset=_agenda_queryset())
    maandag = timezone.localdate()
    maandag -= timedelta(days=maandag.weekday())
    context = {
        "filter": filterset,
        "week_url": f"{reverse('initiatieven:week')}?week={maandag.isoformat()}",
        **page_context(request, filterset.qs, reverse("initiatieven:agenda")),
    }
    return pagina_of_deel(
        request, "initiatieven/agenda.html", "initiatieven/_agenda_lijst.html", context
    )


@toegang(iedereen)
@require_GET
def agenda_week(request):
    """One week on paper: every planned meeting, grouped by day."""
    vandaag = timezone.localdate()
    gekozen = _datum_uit(request.GET.get("week"))
    if gekozen is None or abs((gekozen - vandaag).days) > 5 * 366:
        gekozen = vandaag  # nonsense or far away: this week
    maandag = gekozen - timedelta(days=gekozen.weekday())
    dagen = [maandag + timedelta(days=n) for n in range(7)]
    van = timezone.make_aware(datetime.combine(maandag, time.min))
    tot = timezone.make_aware(datetime.combine(maandag + timedelta(days=7), time.min))
    queryset = _met_tellingen(
        Bijeenkomst.objects.gepland().filter(
            activiteit__initiatief__status=Initiatief.Status.ACTIEF,
            begin__gte=van,
            begin__lt=tot,
        )
    ).select_related(*BIJEENKOMST_RELATIES)
    filterset = WeekFilter(request.GET or None, queryset=queryset)
    per_dag: dict[date, list] = {dag: [] for dag in dagen}
    for bijeenkomst in filterset.qs:
        per_dag[timezone.localdate(bijeenkomst.begin)].append(bijeenkomst)

    def week_url(dag: date) -> str:
        params = request.GET.copy()
        params["week"] = dag.isoformat()
        return f"{reverse('initiatieven:week')}?{params.urlencode()}"

    huidige_maandag = vandaag - timedelta(days=vandaag.weekday())
    return render(
        request,
        "initiatieven/agenda_week.html",
        {
            "filter": filterset,
            "maandag": maandag,
            "zondag": dagen[-1],
            "dagen": list(per_dag.items()),
            "aantal": sum(len(rij) for rij in per_dag.values()),
            "vorige_week_url": week_url(maandag - timedelta(days=7)),
            "volgende_week_url": week_url(maandag + timedelta(days=7)),
            "deze_week_url": week_url(huidige_maandag) if maandag != huidige_maandag else "",
        },
    )


# --- mine ------------------------------------------------------------------------------------


@toegang(ingelogd)
@require_GET
def mijn(request):
    """My coming sign-ups (and places on waiting lists) and my initiatives."""
    user = request.user
    aanmeldingen = _met_wachtlijst_plek(
        Aanmelding.objects.filter(
            user=user,
            status__in=(Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST),
            bijeenkomst__einde__gte=timezone.now(),
        )
    ).select_related(*(f"bijeenkomst__{r}" for r in BIJEENKOMST_RELATIES))
    aanmeldingen = aanmeldingen.order_by("bijeenkomst__begin", "id")
    organiseert = Initiatief.organisatoren.through.objects.filter(
        initiatief=OuterRef("initiatief"), user=user
    )
    lidmaatschappen = (
        Lidmaatschap.objects.filter(user=user)
        .select_related("initiatief")
        .annotate(is_organisator=Exists(organiseert))
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
                reverse("initiatieven:feed_mijn", args=[AgendaSleutel.voor(user).sleutel])
            ),
        },
    )
