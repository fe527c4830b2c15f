from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Instellingen, Melding, Voorkeur


class EmailStatusFilter(admin.SimpleListFilter):
    title = _("e-mail")
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [
            ("wacht", _("wacht op verzenden")),
            ("verstuurd", _("verstuurd")),
            ("geen", _("geen e-mail")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "wacht":
            return queryset.email_pending()
        if self.value() == "verstuurd":
            return queryset.filter(email_verzonden_op__isnull=False)
        if self.value() == "geen":
            return queryset.filter(email_gewenst=False)
        return queryset


class GelezenFilter(admin.SimpleListFilter):
    title = _("gelezen")
    parameter_name = "gelezen"

    def lookups(self, request, model_admin):
        return [("ja", _("gelezen")), ("nee", _("ongelezen"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nee"):
            return queryset.filter(gelezen_op__isnull=self.value() == "nee")
        return queryset


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = [
        "titel",
        "ontvanger",
        "soort",
        "aangemaakt_op",
        "is_read",
        "email_gewenst",
        "email_verzonden_op",
    ]
    list_filter = ["soort", GelezenFilter, EmailStatusFilter]
    search_fields = ["titel", "ontvanger__email"]
    date_hierarchy = "aangemaakt_op"
    list_select_related = ["ontvanger"]
    raw_id_fields = ["ontvanger"]
    readonly_fields = ["aangemaakt_op", "email_verzonden_op", "gelezen_op"]

    @admin.display(boolean=True, description=_("gelezen"), ordering="gelezen_op")
    def is_read(self, obj):
        return obj.is_read


@admin.register(Voorkeur)
class VoorkeurAdmin(admin.ModelAdmin):
    list_display = ["user", "soort", "kanaal"]
    list_filter = ["soort", "kanaal"]
    search_fields = ["user__email", "soort"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(Instellingen)
class InstellingenAdmin(admin.ModelAdmin):
    list_display = ["user", "dagelijkse_samenvatting", "laatste_samenvatting_op"]
    list_filter = ["dagelijkse_samenvatting"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["laatste_samenvatting_op"]
