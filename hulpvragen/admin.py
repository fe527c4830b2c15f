from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bewoners.admin import InzageMixin

from . import zoekindex
from .models import Aanbod, Hulpvraag, Match


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    fields = ["helper", "status", "score", "uitleg", "aangemaakt_op", "verloopt_op"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Hulpvraag)
class HulpvraagAdmin(InzageMixin, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.aanvrager

    list_display = [
        "titel",
        "aanvrager",
        "categorie",
        "buurt",
        "wanneer",
        "status",
        "urgentie",
        "aangemaakt_op",
        "geescaleerd_op",
    ]
    list_filter = [
        "status",
        "urgentie",
        "wanneer",
        "categorie",
        "buurt",
        ("geescaleerd_op", admin.EmptyFieldListFilter),
    ]
    search_fields = [
        "titel",
        "beschrijving",
        "aanvrager__email",
        "aanvrager__first_name",
        "aanvrager__last_name",
    ]
    date_hierarchy = "aangemaakt_op"
    autocomplete_fields = ["aanvrager", "ingevoerd_door", "buurt"]
    readonly_fields = [
        "dagdelen",
        "aangemaakt_op",
        "bijgewerkt_op",
        "gematcht_op",
        "afgerond_op",
        "ingetrokken_op",
        "verlopen_op",
        "geescaleerd_op",
        "matching_gevraagd_op",
        "gematcht_gezocht_op",
    ]
    list_select_related = ["aanvrager", "categorie", "buurt"]
    inlines = [MatchInline]


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = ["titel", "helper", "buurt", "bereik", "actief", "max_per_week", "aangemaakt_op"]
    list_filter = ["actief", "bereik", "categorieen", "buurt"]
    search_fields = [
        "titel",
        "beschrijving",
        "helper__email",
        "helper__first_name",
        "helper__last_name",
    ]
    autocomplete_fields = ["helper"]
    filter_horizontal = ["categorieen", "buurten"]
    readonly_fields = [
        "buurt",
        "gepauzeerd_op",
        "aangemaakt_op",
        "bijgewerkt_op",
        "matching_gevraagd_op",
        "gematcht_gezocht_op",
    ]
    list_select_related = ["helper", "buurt"]

    def save_related(self, request, form, formsets, change):
        # The search table of the matching engine follows every change, also from here
        # (pausing an offer in the admin must stop proposals just as the page does).
        super().save_related(request, form, formsets, change)
        zoekindex.rebuild_for_aanbod(form.instance)


@admin.register(Match)
class MatchAdmin(InzageMixin, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.hulpvraag.aanvrager

    list_display = [
        "hulpvraag",
        "helper",
        "status",
        "score",
        "aangemaakt_op",
        "geaccepteerd_op",
        "afgerond_op",
        "uren",
    ]
    list_filter = ["status", ("voorgesteld_door", admin.EmptyFieldListFilter)]
    search_fields = ["hulpvraag__titel", "helper__email", "helper__first_name"]
    date_hierarchy = "aangemaakt_op"
    autocomplete_fields = ["hulpvraag", "helper", "aanbod", "voorgesteld_door", "afgerond_door"]
    readonly_fields = [
        "score",
        "score_delen",
        "uitleg",
        "aangemaakt_op",
        "geaccepteerd_op",
        "afgewezen_op",
        "verlopen_op",
        "afgerond_op",
        "geannuleerd_op",
        "laatste_herinnering_voor",
    ]
    list_select_related = ["hulpvraag", "helper"]

    @admin.display(description=_("waarom"))
    def waarom(self, obj):
        return obj.uitleg_tekst
