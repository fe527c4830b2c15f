import allauth.mfa.admin  # noqa: F401  (registered before it is replaced below)
import allauth.usersessions.admin  # noqa: F401
from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijk.lib.admin_nl import NederlandseRechten, kolom, met_titel, vernoem, vernoem_app

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
class UserAdmin(InzageMixin, NederlandseRechten, DjangoUserAdmin):
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


# --- Django's and allauth's models, in Dutch (wijk.lib.admin_nl) --------------------------------

admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(NederlandseRechten, DjangoGroupAdmin):
    pass


vernoem(UserSession, _("inlogsessie"), _("inlogsessies"))
vernoem(Authenticator, _("tweede inlogstap"), _("tweede inlogstappen"))
vernoem_app("usersessions", _("Inlogsessies"))
vernoem_app("mfa", _("Tweede inlogstap"))
admin.site.unregister(UserSession)
admin.site.unregister(Authenticator)


class AlleenBekijkenEnWissen:
    """Made by logging in and by setting up the second step, never typed in: the beheerder
    looks and can end a session or remove a second step (the person sets it up again)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UserSession)
class InlogsessieAdmin(AlleenBekijkenEnWissen, admin.ModelAdmin):
    gebruiker = kolom("user", _("gebruiker"))
    begonnen = kolom("created_at", _("begonnen op"))
    laatst_gezien = kolom("last_seen_at", _("laatst gezien op"))
    ip_adres = kolom("ip", _("IP-adres"))
    browser = kolom("user_agent", _("browser"))
    list_display = ["gebruiker", "begonnen", "laatst_gezien", "ip_adres", "browser"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "ip"]
    fields = readonly_fields = list_display


# allauth's names of the kinds ("TOTP Authenticator") in Dutch, as the account pages say them.
SOORTEN_STAP = {
    Authenticator.Type.TOTP: _("Authenticator-app"),
    Authenticator.Type.RECOVERY_CODES: _("Herstelcodes"),
    Authenticator.Type.WEBAUTHN: _("Beveiligingssleutel"),
}


class SoortStapFilter(admin.SimpleListFilter):
    title = _("soort")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return list(SOORTEN_STAP.items())

    def queryset(self, request, queryset):
        if self.value() in SOORTEN_STAP:
            return queryset.filter(type=self.value())
        return queryset


@admin.register(Authenticator)
class TweedeStapAdmin(AlleenBekijkenEnWissen, admin.ModelAdmin):
    gebruiker = kolom("user", _("gebruiker"))

    @admin.display(description=_("soort"), ordering="type")
    def soort(self, obj):
        return SOORTEN_STAP.get(obj.type, obj.type)

    ingesteld = kolom("created_at", _("ingesteld op"))
    laatst_gebruikt = kolom("last_used_at", _("laatst gebruikt op"))
    list_display = ["gebruiker", "soort", "ingesteld", "laatst_gebruikt"]
    list_select_related = ["user"]
    list_filter = [
        SoortStapFilter,
        ("created_at", met_titel(admin.DateFieldListFilter, _("ingesteld op"))),
        ("last_used_at", met_titel(admin.DateFieldListFilter, _("laatst gebruikt op"))),
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    fields = readonly_fields = list_display

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The page names the step as allauth's __str__ does ("TOTP Authenticator"): in Dutch.
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is not None and obj.type in SOORTEN_STAP:
            naam = SOORTEN_STAP[obj.type]
            extra_context = {
                **(extra_context or {}),
                "subtitle": naam,
                "original": Benoemd(obj, naam),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class Benoemd:
    """An object under another name in the admin's page (title and breadcrumbs); the rest of
    the page reads the object itself."""

    def __init__(self, obj, naam):
        self._obj, self._naam = obj, naam

    def __str__(self):
        return str(self._naam)

    def __getattr__(self, name):
        return getattr(self._obj, name)


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    # allauth's Dutch for its action reads "email addressen".
    @admin.action(description=_("Gekozen e-mailadressen bevestigen"))
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)
