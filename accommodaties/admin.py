from django.contrib import admin

from .models import Accommodatie, AgendaSleutel, Openingstijd, Reeks, Reservering, Sluiting


class OpeningstijdInline(admin.TabularInline):
    model = Openingstijd
    extra = 0


class SluitingInline(admin.TabularInline):
    model = Sluiting
    extra = 0


@admin.register(Accommodatie)
class AccommodatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "buurt", "capaciteit", "goedkeuring_nodig", "wie_mag_boeken", "actief"]
    list_filter = ["actief", "goedkeuring_nodig", "wie_mag_boeken", "buurt", "rolstoeltoegankelijk"]
    search_fields = ["naam", "adres", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["beheerders"]
    readonly_fields = ["aangemaakt_op", "bijgewerkt_op"]
    inlines = [OpeningstijdInline, SluitingInline]


@admin.register(Reservering)
class ReserveringAdmin(admin.ModelAdmin):
    """Read-mostly: bookings are made and changed through the booking service (its rules and
    the no-overlap guarantee); here one can look, search and filter."""

    list_display = ["accommodatie", "begin", "einde", "geboekt_door", "aantal_personen", "status"]
    list_filter = ["status", "accommodatie"]
    search_fields = ["doel", "namens", "geboekt_door__email", "accommodatie__naam"]
    date_hierarchy = "begin"
    list_select_related = ["accommodatie", "geboekt_door"]
    readonly_fields = [f.name for f in Reservering._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Reeks)
class ReeksAdmin(admin.ModelAdmin):
    list_display = ["accommodatie", "geboekt_door", "interval_weken", "tot_en_met"]
    list_select_related = ["accommodatie", "geboekt_door"]
    readonly_fields = [
        "accommodatie",
        "geboekt_door",
        "interval_weken",
        "tot_en_met",
        "aangemaakt_op",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(AgendaSleutel)
class AgendaSleutelAdmin(admin.ModelAdmin):
    """Look only: who has a calendar-feed link and since when. The secret itself is not shown;
    a person makes a new link on their own calendar page."""

    list_display = ["user", "aangemaakt_op"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = ["user", "aangemaakt_op"]
    readonly_fields = ["user", "aangemaakt_op"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
