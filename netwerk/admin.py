"""The platform beheerder's admin: the coöperaties of the installation and their domain names.
A coöperatie's own beheerder sets its name, contact, face and own choices here too, for their
own coöperatie only.

A new coöperatie is set up in one form: its buurten with their postcodes, its categories and
the e-mail address of its first beheerder (invited by e-mail). No resident data is shown here;
exporting and removing a whole coöperatie are the operator's commands (they hold everyone's
data), ``cooperatie_exporteren`` and ``cooperatie_verwijderen``.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bewoners.roles import Rol, has_role
from bewoners.services import STANDAARD_CATEGORIEEN
from cooperaties.models import Cooperatie, Domein
from cooperaties.selectors import vergeet_hosts
from cooperaties.services import logo_png, logo_zetten

from .permissions import is_platformbeheerder
from .services import buurten_lezen, categorieen_lezen, cooperatie_inrichten


def _eigen_beheerder(request, obj=None) -> bool:
    """The beheerder of the coöperatie the admin is opened on, for that coöperatie only: its
    name, contact, face and own choices are theirs to set."""
    cooperatie = getattr(request, "cooperatie", None)
    if cooperatie is None or not has_role(request.user, Rol.BEHEERDER):
        return False
    return obj is None or obj.pk == cooperatie.pk


class DomeinInline(admin.TabularInline):
    model = Domein
    extra = 1

    # Which address opens a coöperatie is the platform's to decide.
    def has_view_permission(self, request, obj=None):
        return is_platformbeheerder(request.user) or _eigen_beheerder(request, obj)

    def has_add_permission(self, request, obj=None):
        return is_platformbeheerder(request.user)

    def has_change_permission(self, request, obj=None):
        return is_platformbeheerder(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_platformbeheerder(request.user)


class CooperatieForm(forms.ModelForm):
    logo_bestand = forms.ImageField(
        label=_("logo"),
        required=False,
        help_text=_("Een PNG- of JPG-bestand van hoogstens 2 MB. Wordt kleiner gemaakt."),
    )
    logo_weghalen = forms.BooleanField(label=_("logo weghalen"), required=False)

    class Meta:
        model = Cooperatie
        fields = [
            "naam",
            "slug",
            "actief",
            "email",
            "telefoon",
            "kleur",
            "privacyverklaring",
            "modules",
            "matching_k",
            "voorstel_geldig_uren",
            "escalatie_na_uren",
            "paginagrootte",
            "gewichten",
        ]

    def clean_logo_bestand(self):
        bestand = self.cleaned_data.get("logo_bestand")
        if bestand:
            try:
                logo_png(bestand)
            except ValidationError as fout:
                raise ValidationError(fout.message_dict["logo"]) from None
        return bestand


class CooperatieNieuwForm(CooperatieForm):
    buurten = forms.CharField(
        label=_("buurten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eén buurt per regel: de naam, een dubbele punt en de postcodes. "
            "Bijvoorbeeld: De Linde: 3541, 3542AB"
        ),
    )
    categorieen = forms.CharField(
        label=_("categorieën"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Eén soort hulp per regel. De beheerder kan ze later aanpassen."),
    )
    beheerder_email = forms.EmailField(
        label=_("e-mailadres van de eerste beheerder"),
        required=False,
        help_text=_("Krijgt een uitnodiging per e-mail om een wachtwoord te kiezen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorieen"].initial = "\n".join(
            str(n) for _s, n, _u in STANDAARD_CATEGORIEEN
        )

    def clean_buurten(self):
        return buurten_lezen(self.cleaned_data.get("buurten", ""))

    def clean_categorieen(self):
        return categorieen_lezen(self.cleaned_data.get("categorieen", ""))


@admin.register(Cooperatie)
class CooperatieAdmin(admin.ModelAdmin):
    form = CooperatieForm
    list_display = ("naam", "slug", "actief", "aangemaakt_op")
    list_filter = ("actief",)
    search_fields = ("naam", "slug", "domeinen__host")
    prepopulated_fields = {"slug": ("naam",)}
    inlines = [DomeinInline]
    fieldsets = (
        (None, {"fields": ("naam", "slug", "actief")}),
        (
            _("Contact en uiterlijk"),
            {
                "fields": (
                    "email",
                    "telefoon",
                    "kleur",
                    "logo_bestand",
                    "logo_weghalen",
                    "privacyverklaring",
                )
            },
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
    nieuw_fieldsets = (
        (
            _("Start"),
            {"fields": ("buurten", "categorieen", "beheerder_email")},
        ),
    )

    def get_queryset(self, request):
        coops = super().get_queryset(request).defer("logo")
        if is_platformbeheerder(request.user):
            return coops
        cooperatie = getattr(request, "cooperatie", None)
        return coops.filter(pk=cooperatie.pk if cooperatie else None)

    # The platform beheerder: every coöperatie. The beheerder of a coöperatie: their own, on
    # its own address, without its short name, address or on/off switch.
    def has_module_permission(self, request):
        return is_platformbeheerder(request.user) or _eigen_beheerder(request)

    def has_view_permission(self, request, obj=None):
        return is_platformbeheerder(request.user) or _eigen_beheerder(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_platformbeheerder(request.user) or _eigen_beheerder(request, obj)

    def has_add_permission(self, request):
        return is_platformbeheerder(request.user)

    def get_readonly_fields(self, request, obj=None):
        if is_platformbeheerder(request.user):
            return ()
        return ("slug", "actief")

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if is_platformbeheerder(request.user) else {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CooperatieNieuwForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets + self.nieuw_fieldsets
        return self.fieldsets

    def has_delete_permission(self, request, obj=None):
        # Removing a coöperatie removes every row of it and the accounts that took part
        # nowhere else: the operator's command (after an export), never one click.
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("logo_weghalen"):
            logo_zetten(obj, None)
        elif form.cleaned_data.get("logo_bestand"):
            logo_zetten(obj, form.cleaned_data["logo_bestand"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            cooperatie_inrichten(
                form.instance,
                buurten=form.cleaned_data.get("buurten") or (),
                categorieen=form.cleaned_data.get("categorieen") or [],
                beheerder_email=form.cleaned_data.get("beheerder_email") or "",
            )
        # A new name, a domain more or less, switched off: hosts are looked up again.
        transaction.on_commit(vergeet_hosts)
