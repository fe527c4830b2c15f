from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import permissions, privacy, services
from .models import Buurt, Categorie, Profiel, User
from .roles import Rol, has_role, met_rol, vergeet_rollen

# Set by the application (consent, onboarding, timestamps), never typed in by hand.
PROFIEL_AUDIT_FIELDS = [
    "toestemming_op",
    "toestemming_ingetrokken_op",
    "onboarding_voltooid_op",
    "aangemaakt_op",
    "bijgewerkt_op",
]


class ProfielInline(admin.StackedInline):
    model = Profiel
    can_delete = False
    extra = 0
    autocomplete_fields = ["buurt"]
    filter_horizontal = ["kan_categorieen", "nodig_categorieen", "rollen"]
    readonly_fields = PROFIEL_AUDIT_FIELDS
    max_num = 1  # the profile in this coöperatie (the admin of one coöperatie shows its own)


class RolFilter(admin.SimpleListFilter):
    title = _("rol in deze coöperatie")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return list(Rol.choices)

    def queryset(self, request, queryset):
        if self.value() in Rol.values:
            return met_rol(queryset, self.value())
        return queryset


class HasMFAFilter(admin.SimpleListFilter):
    title = _("tweede stap (2FA)")
    parameter_name = "mfa"

    def lookups(self, request, model_admin):
        return [("ja", _("ingesteld")), ("nee", _("niet ingesteld"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(authenticator__isnull=False).distinct()
        if self.value() == "nee":
            return queryset.filter(authenticator__isnull=True)
        return queryset


class InzageMixin:
    """The admin's change page of a record with someone's private data is a look at it: it is
    recorded in that person's access log (``bewoners.permissions.inzage``), like the
    coordination pages. ``inzage_persoon(obj)`` says whose data the record holds."""

    def inzage_persoon(self, obj):
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if getattr(response, "status_code", None) == 200:
            obj = self.get_object(request, admin.utils.unquote(object_id))
            if obj is not None:
                persoon = self.inzage_persoon(obj)
                permissions.inzage(
                    request.user, persoon, _("Beheer: %(wat)s") % {"wat": obj._meta.verbose_name}
                )
        return response


@admin.register(User)
class UserAdmin(InzageMixin, DjangoUserAdmin):
    def inzage_persoon(self, obj):
        return obj

    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "buurt",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = [RolFilter, "is_active", "is_staff", HasMFAFilter, "profiel__buurt"]
    list_select_related = ["profiel__buurt"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined", "verwijderd_op"]
    inlines = [ProfielInline]
    actions = ["erase_accounts"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (
            _("Rollen en rechten"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "user_permissions"),
                "description": _(
                    "De rollen (bewoner, buurtassistent, bestuur, beheerder) horen bij het "
                    "profiel in deze coöperatie: zet ze hieronder bij het profiel. Beheerders "
                    "krijgen automatisch toegang tot dit beheer. Buurtassistenten, bestuur en "
                    "beheerders moeten een tweede stap (authenticator-app) instellen."
                ),
            },
        ),
        (_("Datums"), {"fields": ("last_login", "date_joined", "verwijderd_op")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "password1", "password2"),
            },
        ),
    )

    @admin.display(description=_("buurt"), ordering="profiel__buurt__naam")
    def buurt(self, obj):
        profiel = getattr(obj, "profiel", None)
        return profiel.buurt if profiel else None

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Profiel:  # the inline profile, saved with its skills
            for profiel, velden in formset.changed_objects:
                services.profiel_gewijzigd(profiel, velden=velden)

    def get_queryset(self, request):
        # The people of this coöperatie (a membership here): one login serves every
        # coöperatie, but the admin of one shows only its own.
        return super().get_queryset(request).filter(profiel__id__isnull=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        # Made here: a member of this coöperatie (also when the profile form stayed empty).
        Profiel.objects.get_or_create(user=user)
        # The beheerder role is the technical admin: it needs the admin site.
        vergeet_rollen(user)
        if has_role(user, Rol.BEHEERDER) and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])

    @admin.action(description=_("Gegevens wissen (account verwijderen)"), permissions=["delete"])
    def erase_accounts(self, request, queryset):
        count = 0
        for user in queryset.filter(verwijderd_op__isnull=True):
            privacy.erase_user(user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account gewist.", "%(count)d accounts gewist.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "postcodes"]
    search_fields = ["naam", "postcodes"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Categorie)
class CategorieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "beschrijving"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Profiel)
class ProfielAdmin(InzageMixin, admin.ModelAdmin):
    def inzage_persoon(self, obj):
        return obj.user

    list_display = [
        "user",
        "buurt",
        "heeft_toestemming",
        "onboarding_voltooid_op",
        "nieuw_in_wijk_sinds",
    ]
    list_filter = [
        "buurt",
        ("toestemming_op", admin.EmptyFieldListFilter),
        "heeft_auto",
        "heeft_fiets",
    ]
    list_select_related = ["user", "buurt"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "postcode"]
    autocomplete_fields = ["user", "buurt"]
    filter_horizontal = ["kan_categorieen", "nodig_categorieen", "rollen"]
    readonly_fields = PROFIEL_AUDIT_FIELDS
    max_num = 1  # the profile in this coöperatie (the admin of one coöperatie shows its own)
    date_hierarchy = "aangemaakt_op"

    @admin.display(boolean=True, description=_("toestemming"))
    def heeft_toestemming(self, obj):
        return obj.heeft_toestemming

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the skills
        services.profiel_gewijzigd(form.instance, velden=form.changed_data)
