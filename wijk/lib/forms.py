from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
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
