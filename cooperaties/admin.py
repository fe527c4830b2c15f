from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Cooperatie, Domein
from .selectors import vergeet_hosts


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new name, a domain more or less, switched off: hosts are looked up again.
        transaction.on_commit(vergeet_hosts)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(vergeet_hosts)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(vergeet_hosts)

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
