"""Admin for the business case values. The bestuur sets them on the business case page; here a
beheerder can look at them and correct them (who changed it last is kept)."""

from django.contrib import admin

from .models import Waardering


@admin.register(Waardering)
class WaarderingAdmin(admin.ModelAdmin):
    list_display = ["sleutel", "bedrag", "bijgewerkt_door", "bijgewerkt_op"]
    fields = ["sleutel", "bedrag", "toelichting", "bijgewerkt_door", "bijgewerkt_op"]
    readonly_fields = ["bijgewerkt_door", "bijgewerkt_op"]

    def save_model(self, request, obj, form, change):
        obj.bijgewerkt_door = request.user
        super().save_model(request, obj, form, change)
