"""The admin in Dutch where Django and allauth leave English: permission names, and the labels
of fields that have no Dutch name of their own.

Permission names ("Can add buurt") are made by Django in English when the migrations run and
stored in the database; Django's catalogue has no pattern to translate them. ``RechtenVeld``
shows each of the four standard permissions of a model in Dutch from its code name and the
model's (translated) name, in the language of the page: "Bewoners | buurt | Kan buurt
toevoegen". Other permissions keep their own name.

Fields of allauth's models (``user``, ``created_at``) have no verbose name, so their English
field name shows. The admin classes give them Dutch labels: ``kolom`` for the list and the
read-only page, ``met_titel`` for the filter sidebar. Changing the fields' verbose names would
need migrations in a package's app; the model's own name (``vernoem``) is set on the model's
options only, which the migrations do not read (they read ``Meta``'s original attributes).
"""

from django import forms
from django.contrib.admin.utils import display_for_field
from django.utils.translation import gettext_lazy as _

ACTIES = {
    "add": _("Kan %(naam)s toevoegen"),
    "change": _("Kan %(naam)s wijzigen"),
    "delete": _("Kan %(naam)s verwijderen"),
    "view": _("Kan %(naam)s bekijken"),
}


def rechtnaam(recht) -> str:
    """A permission as the admin shows it, in the page's language."""
    soort = recht.content_type
    model = soort.model_class()
    if model is None:
        return str(recht)
    opts = model._meta
    actie, _sep, rest = recht.codename.partition("_")
    naam = recht.name
    if actie in ACTIES and rest == opts.model_name:
        naam = ACTIES[actie] % {"naam": opts.verbose_name}
    app = opts.app_config.verbose_name
    return f"{app} | {opts.verbose_name} | {naam}"


class RechtenVeld(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return rechtnaam(obj)


class NederlandseRechten:
    """For a ModelAdmin with a permissions field (groups, users): the permissions in Dutch."""

    rechtenvelden = ("permissions", "user_permissions")

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in self.rechtenvelden:
            kwargs["form_class"] = RechtenVeld
            queryset = kwargs.get("queryset") or db_field.remote_field.model._default_manager
            kwargs["queryset"] = queryset.select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def kolom(veld: str, label, *, ordering: bool = True):
    """A column (or read-only field) for the model field ``veld`` under a Dutch ``label``, shown
    as the admin shows the field itself."""

    def waarde(*args):  # a method of the admin class, or a plain function in list_display
        obj = args[-1]
        field = obj._meta.get_field(veld)
        value = getattr(obj, veld)
        if field.is_relation:
            return value if value is not None else "-"
        return display_for_field(value, field, "-")

    waarde.short_description = label
    if ordering:
        waarde.admin_order_field = veld
    waarde.__name__ = f"kolom_{veld}"
    return waarde


def met_titel(filter_class, titel):
    """``filter_class`` (a field's list filter) under a Dutch title in the filter sidebar."""

    class MetTitel(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = titel

    MetTitel.__name__ = f"{filter_class.__name__}MetTitel"
    return MetTitel


def vernoem(model, enkelvoud, meervoud) -> None:
    """The name of a package's model in the admin (lists, titles, breadcrumbs, permissions)."""
    model._meta.verbose_name = enkelvoud
    model._meta.verbose_name_plural = meervoud


def vernoem_app(label: str, naam) -> None:
    """The name of a package's app in the admin (its list, breadcrumbs and permissions)."""
    from django.apps import apps

    apps.get_app_config(label).verbose_name = naam
