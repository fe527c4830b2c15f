"""Admin pages for the buurtassistent's records.

Partners are kept here. Everything about residents is made through the coordination pages
(``services``: access checks, the access log); here it can be looked at. Sensitive notes stay
hidden: they are only for their author and the buurtassistenten of the resident's buurt. The
access log cannot be added to, changed or deleted.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bewoners.admin import InzageMixin

from .models import Contactmoment, Doorverwijzing, Intake, Inzage, Namens, Vervolg, Wijkpartner

VERBORGEN = _("(gevoelig: alleen voor de buurtassistenten van de buurt)")
BEWONER_ZOEKEN = ["bewoner__first_name", "bewoner__last_name", "bewoner__email"]


class AlleenLezen:
    """Look only: no adding, no changing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Wijkpartner)
class WijkpartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "actief"]
    list_filter = ["soort", "actief", "buurten"]
    search_fields = ["naam", "contact"]
    filter_horizontal = ["buurten"]


@admin.register(Doorverwijzing)
class DoorverwijzingAdmin(InzageMixin, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.bewoner

    """Referrals are made on the coordination pages; here only their status can be corrected."""

    list_display = ["bewoner", "partner", "behoefte", "status", "aangemaakt_op", "bijgewerkt_op"]
    list_filter = ["status", "behoefte", "partner__soort", "partner"]
    list_select_related = ["bewoner", "partner"]
    search_fields = [*BEWONER_ZOEKEN, "partner__naam"]
    date_hierarchy = "aangemaakt_op"
    readonly_fields = ["bewoner", "partner", "behoefte", "door", "aangemaakt_op", "bijgewerkt_op"]

    def has_add_permission(self, request):
        return False


@admin.register(Contactmoment)
class ContactmomentAdmin(InzageMixin, AlleenLezen, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.bewoner

    list_display = ["datum", "bewoner", "kanaal", "soort", "korte_notitie", "gevoelig", "door"]
    list_filter = ["soort", "kanaal", "gevoelig"]
    list_select_related = ["bewoner", "door"]
    # Not the notes: searching them would show what sensitive notes say.
    search_fields = BEWONER_ZOEKEN
    date_hierarchy = "datum"
    fields = ["bewoner", "door", "datum", "kanaal", "soort", "notitie_of_verborgen", "gevoelig"]
    readonly_fields = fields

    @admin.display(description=_("korte notitie"))
    def korte_notitie(self, obj):
        if obj.gevoelig:
            return VERBORGEN
        return obj.notitie if len(obj.notitie) <= 80 else f"{obj.notitie[:79]}…"

    @admin.display(description=_("korte notitie"))
    def notitie_of_verborgen(self, obj):
        return VERBORGEN if obj.gevoelig else obj.notitie


class OpenFilter(admin.SimpleListFilter):
    title = _("gedaan")
    parameter_name = "gedaan"

    def lookups(self, request, model_admin):
        return [("nee", _("Nog te doen")), ("ja", _("Gedaan"))]

    def queryset(self, request, queryset):
        if self.value() == "nee":
            return queryset.filter(gedaan_op__isnull=True)
        if self.value() == "ja":
            return queryset.filter(gedaan_op__isnull=False)
        return queryset


@admin.register(Vervolg)
class VervolgAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["datum", "bewoner", "reden", "gedaan_op", "gedaan_door"]
    list_filter = [OpenFilter, "reden"]
    list_select_related = ["bewoner", "gedaan_door"]
    search_fields = BEWONER_ZOEKEN
    date_hierarchy = "datum"
    readonly_fields = ["bewoner", "datum", "reden", "contactmoment", "gedaan_op", "gedaan_door"]


@admin.register(Intake)
class IntakeAdmin(InzageMixin, AlleenLezen, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.bewoner

    list_display = ["bewoner", "toestemming_hoe", "toestemming_op", "door", "geclaimd_op"]
    list_filter = ["toestemming_hoe"]
    list_select_related = ["bewoner", "door"]
    search_fields = BEWONER_ZOEKEN
    readonly_fields = [
        "bewoner",
        "door",
        "toestemming_hoe",
        "toestemming_op",
        "aangemaakt_op",
        "geclaimd_op",
    ]


@admin.register(Namens)
class NamensAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["op", "voor", "wat", "omschrijving", "door"]
    list_filter = ["wat"]
    list_select_related = ["voor", "door"]
    search_fields = ["voor__first_name", "voor__last_name", "voor__email", "omschrijving"]
    date_hierarchy = "op"
    readonly_fields = ["voor", "door", "wat", "object_id", "omschrijving", "op"]


@admin.register(Inzage)
class InzageAdmin(AlleenLezen, admin.ModelAdmin):
    """The access log: to look at only; nobody edits or deletes it."""

    list_display = ["op", "door", "bewoner"]
    list_select_related = ["door", "bewoner"]
    list_filter = [("door", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*BEWONER_ZOEKEN, "door__first_name", "door__last_name", "door__email"]
    date_hierarchy = "op"
    readonly_fields = ["op", "door", "bewoner"]

    def has_delete_permission(self, request, obj=None):
        return False
