from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijk.lib.admin_nl import kolom

from . import services
from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]
    fields = [
        "user",
        "status",
        "lid_sinds",
        "toon_naam_en_contact",
        "nieuwe_activiteiten_melden",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":  # the field has no Dutch name of its own
            kwargs["label"] = _("bewoner")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AfwijsForm(forms.Form):
    reden = forms.CharField(
        label=_("Waarom keur je het (nog) niet goed?"),
        max_length=Initiatief._meta.get_field("reden_afwijzing").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De organisatoren lezen dit. Zeg wat er anders moet."),
        error_messages={"required": _("Schrijf kort op waarom, voor de organisatoren.")},
    )


@admin.register(Initiatief)
class InitiatiefAdmin(admin.ModelAdmin):
    """New initiatives of residents wait here for approval: filter on "Wacht op goedkeuring"
    and approve or refuse them with the actions (the organisers get a melding). The web
    address is made once and stays."""

    list_display = ["naam", "thema", "status", "aanmelden", "aantal_leden", "aangemaakt_op"]
    list_filter = ["status", "thema", "aanmelden", "buurten"]
    search_fields = ["naam", "beschrijving", "slug"]
    filter_horizontal = ["organisatoren", "buurten"]
    autocomplete_fields = ["accommodatie"]
    readonly_fields = ["aangemaakt_op"]
    inlines = [LidmaatschapInline]
    actions = ["goedkeuren", "afwijzen"]

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["naam"]}

    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            velden.append("slug")  # links on paper and in e-mails keep working
            if not obj.is_goedgekeurd:
                velden += ["status", "reden_afwijzing"]  # through the actions
        else:
            velden.append("reden_afwijzing")
        return velden

    @admin.action(description=_("Goedkeuren: iedereen kan het zien"), permissions=["change"])
    def goedkeuren(self, request, queryset):
        aantal = 0
        for initiatief in queryset.filter(
            status__in=(Initiatief.Status.WACHT, Initiatief.Status.AFGEWEZEN)
        ):
            aantal += services.initiatief_approve(initiatief=initiatief, door=request.user)
        self.message_user(
            request,
            ngettext(
                "%(aantal)d initiatief goedgekeurd. De organisatoren krijgen bericht.",
                "%(aantal)d initiatieven goedgekeurd. De organisatoren krijgen bericht.",
                aantal,
            )
            % {"aantal": aantal},
            messages.SUCCESS if aantal else messages.WARNING,
        )

    @admin.action(description=_("Afwijzen, met een reden"), permissions=["change"])
    def afwijzen(self, request, queryset):
        """Asks for the reason on a page of its own, then refuses the waiting ones."""
        wachtend = list(queryset.filter(status=Initiatief.Status.WACHT))
        if not wachtend:
            self.message_user(
                request, _("Geen van deze initiatieven wacht op goedkeuring."), messages.WARNING
            )
            return None
        form = AfwijsForm(request.POST if "bevestigd" in request.POST else None)
        if form.is_valid():
            aantal = 0
            try:
                for initiatief in wachtend:
                    aantal += services.initiatief_reject(
                        initiatief=initiatief, door=request.user, reden=form.cleaned_data["reden"]
                    )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "%(aantal)d initiatief afgewezen. De organisatoren krijgen bericht.",
                    "%(aantal)d initiatieven afgewezen. De organisatoren krijgen bericht.",
                    aantal,
                )
                % {"aantal": aantal},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/initiatieven/initiatief/afwijzen.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Initiatieven afwijzen"),
                "opts": self.model._meta,
                "initiatieven": wachtend,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
            status=400 if form.is_bound else 200,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _aantal_leden=Count(
                    "lidmaatschappen",
                    filter=Q(lidmaatschappen__status=Lidmaatschap.Status.LID),
                )
            )
        )

    @admin.display(description=_("leden"), ordering="_aantal_leden")
    def aantal_leden(self, obj):
        return obj._aantal_leden


class BijeenkomstInline(admin.TabularInline):
    """The meetings of an activity, to look at; each links to its own page."""

    model = Bijeenkomst
    extra = 0
    fields = ["begin", "einde", "status", "reden"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ["-begin"]
    max_num = 0  # nothing to add here: meetings come from the activity's rule

    def get_queryset(self, request):
        # A series of two years has about a hundred; show the nearest ones first.
        return super().get_queryset(request).order_by("-begin")


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    """Times come from the recurrence rule: a series is made, moved and cancelled per meeting
    through the organisers' pages (``services``); here words and places can be corrected."""

    list_display = ["titel", "initiatief", "herhaling", "tot_en_met", "capaciteit"]
    list_filter = ["herhaling", "aanmelden_nodig", "initiatief"]
    list_select_related = ["initiatief"]
    search_fields = ["titel", "beschrijving", "initiatief__naam"]
    autocomplete_fields = ["accommodatie"]
    readonly_fields = [
        "initiatief",
        "herhaling",
        "regel",
        "tot_en_met",
        "aangemaakt_door",
        "aangemaakt_op",
    ]
    inlines = [BijeenkomstInline]

    def has_add_permission(self, request):
        return False


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    """Read-mostly: cancelling and moving go through the services (they tell who signed up).
    Here one can look, search and filter, and see the sign-ups counted."""

    list_display = [
        "activiteit",
        "initiatief",
        "begin",
        "einde",
        "status",
        "aangemeld",
        "wachtlijst",
    ]
    list_filter = ["status", "activiteit__initiatief"]
    search_fields = ["activiteit__titel", "activiteit__initiatief__naam"]
    date_hierarchy = "begin"
    list_select_related = ["activiteit__initiatief"]
    readonly_fields = [
        "activiteit",
        "begin",
        "einde",
        "volgens_regel",
        "status",
        "reden",
        "reservering",
        "herinnerd_op",
        "aanmeldingen_link",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).met_tellingen()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("initiatief"), ordering="activiteit__initiatief__naam")
    def initiatief(self, obj):
        return obj.activiteit.initiatief

    @admin.display(description=_("aangemeld"), ordering="aantal_aangemeld")
    def aangemeld(self, obj):
        return obj.aantal_aangemeld

    @admin.display(description=_("wachtlijst"), ordering="aantal_wachtlijst")
    def wachtlijst(self, obj):
        return obj.aantal_wachtlijst

    @admin.display(description=_("aanmeldingen"))
    def aanmeldingen_link(self, obj):
        url = reverse("admin:initiatieven_aanmelding_changelist")
        return format_html(
            '<a href="{}?bijeenkomst__id__exact={}">{}</a>', url, obj.pk, _("Bekijk")
        )


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    """Look only: sign-ups change through the services (the waiting list moves up there)."""

    bewoner = kolom("user", _("bewoner"))
    list_display = ["bewoner", "bijeenkomst", "status", "aangemeld_op", "aanwezig"]
    list_filter = ["status", "aanwezig", "bijeenkomst__activiteit__initiatief"]
    search_fields = ["user__email", "bijeenkomst__activiteit__titel"]
    list_select_related = ["user", "bijeenkomst__activiteit"]
    date_hierarchy = "aangemeld_op"
    fields = readonly_fields = ["bijeenkomst", "bewoner", "status", "aangemeld_op", "aanwezig"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
