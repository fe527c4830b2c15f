from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wijk.lib.toegang import ingelogd, toegang

from . import overzicht, services
from . import privacy as privacy_rights
from .forms import (
    AccountVerwijderenForm,
    OverJouForm,
    PraktischForm,
    ProfielForm,
    ToestemmingForm,
    VierVragenForm,
)
from .models import User
from .permissions import can_view_profile

ONBOARDING = [
    # (title, intro, form class)
    (
        gettext_lazy("Welkom in de wijk"),
        gettext_lazy(
            "Fijn dat je er bent! In vier korte stappen maak je je profiel. "
            "Zo kunnen buren je vinden en kun je hulp vragen of bieden."
        ),
        ToestemmingForm,
    ),
    (
        gettext_lazy("Over jou"),
        gettext_lazy("Hoe heet je en waar woon je? Je adres en telefoonnummer blijven privé."),
        OverJouForm,
    ),
    (
        gettext_lazy("De vier vragen"),
        gettext_lazy(
            "Wat wil je, wat kun je, wat heb je nodig en wat heb je te bieden? Vul in wat je wilt."
        ),
        VierVragenForm,
    ),
    (
        gettext_lazy("Praktisch"),
        gettext_lazy("Wanneer heb je meestal tijd, welke talen spreek je en hoe kom je op pad?"),
        PraktischForm,
    ),
]


def _gevolgd_gewijzigd(form) -> list[str]:
    """Which of the profile fields other apps follow (``services.profiel_gewijzigd``) ``form``
    changed. Field by field: ``form.changed_data`` cannot compare the availability field. The
    buurt by what was saved: it may come from the postcode or the question which buurt is right."""
    velden = []
    if "buurt" in form.fields and str(form["buurt"].initial or "") != str(
        form.instance.buurt_id or ""
    ):
        velden.append("buurt")
    if "kan_categorieen" in form.fields and form.fields["kan_categorieen"].has_changed(
        form["kan_categorieen"].initial, form["kan_categorieen"].data
    ):
        velden.append("kan_categorieen")
    return velden


def _buurt_van_postcode_melden(request, form) -> None:
    """The buurt followed the postcode (the person chose none): say so, visibly."""
    buurt = getattr(form, "buurt_via_postcode", None)
    if buurt is not None:
        messages.info(
            request,
            _(
                "Je postcode hoort bij buurt %(buurt)s. Die buurt staat nu in je profiel. "
                "Klopt dat niet? Kies je buurt bij Mijn profiel, Bewerken."
            )
            % {"buurt": buurt.naam},
        )


@toegang(ingelogd)
def meedoen(request):
    """Someone with an account who takes no part in this coöperatie yet: do they want to?
    Nothing of them is here until they say yes (then the welcome flow asks for consent)."""
    terug = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(terug, {request.get_host()}, request.is_secure()):
        terug = ""
    if services.profiel_hier(request.user) is not None:
        return redirect(terug or "bewoners:start")
    if request.method == "POST":
        services.lid_worden(request.user)
        messages.success(
            request,
            _("Welkom bij %(naam)s! Vertel in een paar stappen wie je bent.")
            % {"naam": request.cooperatie.naam},
        )
        return redirect("bewoners:onboarding")
    return render(request, "bewoners/meedoen.html", {"next": terug})


@toegang(ingelogd)
def start(request):
    # The newest unread meldingen ("nieuwe_meldingen") come from meldingen's context processor.
    profiel = services.profiel_for(request.user)
    return render(request, "bewoners/start.html", {"profiel": profiel})


@toegang(ingelogd)
def onboarding(request, stap=None):
    profiel = services.profiel_for(request.user)
    if stap is None:
        volgende = min(profiel.onboarding_stap + 1, len(ONBOARDING))
        if profiel.onboarding_voltooid_op is not None:
            volgende = 1
        return redirect("bewoners:onboarding_stap", stap=volgende)
    if not 1 <= stap <= len(ONBOARDING):
        raise Http404
    if stap > 1 and not profiel.heeft_toestemming:
        messages.info(request, _("Geef eerst toestemming, dan kun je verder met je profiel."))
        return redirect("bewoners:onboarding_stap", stap=1)

    titel, intro, form_class = ONBOARDING[stap - 1]
    is_consent = form_class is ToestemmingForm
    if request.method == "POST":
        form = (
            form_class(request.POST) if is_consent else form_class(request.POST, instance=profiel)
        )
        if form.is_valid():
            with transaction.atomic():
                if is_consent:
                    if not profiel.heeft_toestemming:
                        services.consent_give(profiel=profiel)
                else:
                    profiel = form.save()
                    services.profiel_gewijzigd(profiel, velden=_gevolgd_gewijzigd(form))
                    _buurt_van_postcode_melden(request, form)
                if profiel.onboarding_stap < stap:
                    profiel.onboarding_stap = stap
                    profiel.save(update_fields=["onboarding_stap", "bijgewerkt_op"])
                if stap == len(ONBOARDING):
                    services.onboarding_complete(profiel=profiel)
            if stap == len(ONBOARDING):
                messages.success(request, _("Je profiel is klaar. Welkom in de wijk!"))
                return redirect("bewoners:start")
            return redirect("bewoners:onboarding_stap", stap=stap + 1)
    else:
        form = (
            form_class(initial={"toestemming": profiel.heeft_toestemming})
            if is_consent
            else form_class(instance=profiel)
        )
    return render(
        request,
        "bewoners/onboarding.html",
        {
            "form": form,
            "stap": stap,
            "aantal_stappen": len(ONBOARDING),
            "stappen": [t for t, _i, _f in ONBOARDING],
            "titel": titel,
            "intro": intro,
            "profiel": profiel,
        },
    )


@toegang(ingelogd)
def mijn_profiel(request):
    """The person's own profile, everything they gave, with "Bewerken" and a look at what
    others see (``profiel_detail`` of themself)."""
    profiel = services.profiel_for(request.user)
    return render(request, "bewoners/mijn_profiel.html", {"profiel": profiel})


@toegang(ingelogd)
def profiel_edit(request):
    profiel = services.profiel_for(request.user)
    if request.method == "POST":
        form = ProfielForm(request.POST, instance=profiel)
        if form.is_valid():
            profiel = form.save()
            services.profiel_gewijzigd(profiel, velden=_gevolgd_gewijzigd(form))
            messages.success(request, _("Je profiel is opgeslagen."))
            _buurt_van_postcode_melden(request, form)
            return redirect("bewoners:mijn_profiel")
        messages.error(
            request, _("Je profiel is nog niet opgeslagen. Kijk de foutmeldingen hieronder na.")
        )
    else:
        form = ProfielForm(instance=profiel)
    return render(request, "bewoners/profiel_edit.html", {"form": form, "profiel": profiel})


@toegang(ingelogd, per_object="bewoners.permissions.can_view_profile")
def profiel_detail(request, user_id):
    subject = get_object_or_404(
        User.objects.hier()
        .select_related("profiel", "profiel__buurt")
        .prefetch_related("profiel__kan_categorieen", "profiel__nodig_categorieen"),
        pk=user_id,
    )
    if not can_view_profile(request.user, subject):
        # Do not reveal whether this person exists.
        raise Http404
    return render(
        request,
        "bewoners/profiel_detail.html",
        {
            "subject": subject,
            "profiel": getattr(subject, "profiel", None),
            "is_self": subject.pk == request.user.pk,
        },
    )


@toegang(ingelogd)
def privacy_page(request):
    profiel = services.profiel_for(request.user)
    return render(
        request,
        "bewoners/privacy.html",
        {
            "profiel": profiel,
            "delete_form": AccountVerwijderenForm(),
            "secties": privacy_rights.sections(),
        },
    )


@never_cache
@toegang(ingelogd)
def export_download(request):
    response = HttpResponse(
        privacy_rights.export_user_json(request.user), content_type="application/json"
    )
    filename = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _overzicht(request):
    """The readable overview, made from the export itself (``privacy.export_user_data``)."""
    return overzicht.maak_overzicht(privacy_rights.export_user_data(request.user))


@never_cache
@toegang(ingelogd)
def gegevens_overzicht(request):
    """Everything Wijk keeps about the person, readable: only ever their own data (there is
    no id in the URL), as the JSON download."""
    delen, gemaakt_op = _overzicht(request)
    return render(
        request,
        "bewoners/gegevens_overzicht.html",
        {"delen": delen, "gemaakt_op": gemaakt_op},
    )


@never_cache
@toegang(ingelogd)
def gegevens_overzicht_pdf(request):
    from .overzicht_pdf import overzicht_pdf

    delen, gemaakt_op = _overzicht(request)
    inhoud = overzicht_pdf(
        delen,
        gemaakt_op=gemaakt_op,
        naam=request.user.get_full_name() or request.user.display_name,
        email=request.user.email,
    )
    response = HttpResponse(inhoud, content_type="application/pdf")
    filename = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@toegang(ingelogd)
@require_POST
def consent(request):
    profiel = services.profiel_for(request.user)
    if request.POST.get("actie") == "intrekken":
        services.consent_withdraw(profiel=profiel)
        messages.success(
            request,
            _("Je toestemming is ingetrokken. Andere bewoners zien je profiel niet meer."),
        )
    elif request.POST.get("actie") == "geven":
        services.consent_give(profiel=profiel)
        messages.success(request, _("Dank je wel. Je toestemming is opgeslagen."))
    else:
        messages.error(request, _("Dat ging niet goed. Kies opnieuw."))
    return redirect("bewoners:privacy")


@toegang(ingelogd)
@reauthentication_required
def delete_account(request):
    if request.method != "POST":
        return redirect("bewoners:privacy")
    form = AccountVerwijderenForm(request.POST)
    if not form.is_valid():
        profiel = services.profiel_for(request.user)
        return render(
            request,
            "bewoners/privacy.html",
            {"profiel": profiel, "delete_form": form, "secties": privacy_rights.sections()},
            status=400,
        )
    user = request.user
    logout(request)
    services.account_delete(user=user)
    messages.success(request, _("Je account en je gegevens zijn verwijderd. Het ga je goed!"))
    return redirect("home")
