from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Cooperatie, Domein


class DomeinInline(admin.TabularInline):
    model = Domein
    extra = 1


@admin.register(Cooperatie)
class CooperatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "slug", "actief", "aangemaakt_op")
    list_filter = ("actief",)
    search_fields = ("naam", "slug", "domeinen__host")
    prepopulated_fields = {"slug": ("naam",)}
    inlines = [DomeinInline]
    fieldsets = (
        (None, {"fields": ("naam", "slug", "actief")}),
        (
            _("Contact en uiterlijk"),
            {"fields": ("email", "telefoon", "kleur", "privacyverklaring")},
        ),
        (
            _("Eigen keuzes"),
            {
                "fields": (
                    "modules",
                    "matching_k",
                    "voorstel_geldig_uren",
                    "escalatie_na_uren",
                    "paginagrootte",
                    "gewichten",
                )
            },
        ),
    )
