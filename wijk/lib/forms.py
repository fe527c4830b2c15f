from datetime import datetime

from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WijkFormRenderer(TemplatesSetting):
    """Render forms with the project's templates: the accessible layout in templates/forms/."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


TE_LANG = _("Dit is te lang: gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")


def friendly_max_length(form) -> None:
    """A plain Dutch message when a text is too long (Django's own is formal)."""
    for field in form.fields.values():
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = TE_LANG


class ServiceErrorsMixin:
    """Plain Dutch length messages, and a service's ``ValidationError`` placed on the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        friendly_max_length(self)

    def add_service_error(self, exc: ValidationError) -> None:
        """Errors for known fields go to those fields; the rest to the top of the form."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, exc)


class DatumEnTijdenMixin(ServiceErrorsMixin):
    """A day and two times (fields ``datum``, ``van``, ``tot``) become the aware moments
    ``begin`` and ``einde`` in ``cleaned_data``. A service's errors on ``begin``/``einde`` (and
    whatever ``fout_velden`` maps) land on the form's own fields."""

    fout_velden = {"begin": "van", "einde": "tot"}

    def add_service_error(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            exc = ValidationError(
                {
                    self.fout_velden.get(veld, veld): fouten
                    for veld, fouten in exc.error_dict.items()
                }
            )
        super().add_service_error(exc)

    def clean(self):
        data = super().clean()
        datum, van, tot = data.get("datum"), data.get("van"), data.get("tot")
        if datum and van and tot:
            if tot <= van:
                self.add_error("tot", _("Het einde moet na het begin liggen."))
            else:
                data["begin"] = timezone.make_aware(datetime.combine(datum, van))
                data["einde"] = timezone.make_aware(datetime.combine(datum, tot))
        return data
