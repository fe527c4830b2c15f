from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from wijk.lib import datums


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


# The dates Wijk accepts in every form and every filter. Wide enough for any real use (when
# someone moved here, a report over past years, a booking or a series years ahead), narrow
# enough that nothing overflows: Python's dates end at 9999-12-31 (a day later is an error),
# and PostgreSQL stores a moment before the year 1 in UTC (0001-01-01 00:00 in Amsterdam) as a
# "BC" timestamp that can no longer be read back.
EERSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2199, 12, 31)


@deconstructible
class DatumBereikValidator:
    """A date (or the day of a date and time) between ``EERSTE_DATUM`` and ``LAATSTE_DATUM``."""

    code = "datum_bereik"
    message = _("Kies een datum tussen %(eerste)s en %(laatste)s.")

    def __call__(self, value) -> None:
        if value is None:
            return
        dag = value.date() if isinstance(value, datetime) else value
        if not EERSTE_DATUM <= dag <= LAATSTE_DATUM:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "eerste": datums.korte_dag(EERSTE_DATUM, jaar=True),
                    "laatste": datums.korte_dag(LAATSTE_DATUM, jaar=True),
                },
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DatumBereikValidator)

    def __hash__(self) -> int:
        return hash(self.code)


datum_in_bereik = DatumBereikValidator()

_PICKER_GRENZEN = {
    "date": (EERSTE_DATUM.isoformat(), LAATSTE_DATUM.isoformat()),
    "datetime-local": (f"{EERSTE_DATUM.isoformat()}T00:00", f"{LAATSTE_DATUM.isoformat()}T23:59"),
}


def begrens_datums(fields) -> None:
    """Give every date and date-time field ``datum_in_bereik`` (once), and its date picker the
    same ``min`` and ``max``. ``fields`` is a form's ``fields``."""
    for veld in fields.values():
        if not isinstance(veld, (forms.DateField, forms.DateTimeField)):
            continue
        if datum_in_bereik not in veld.validators:
            veld.validators.append(datum_in_bereik)
        soort = veld.widget.attrs.get("type") or getattr(veld.widget, "input_type", None)
        grenzen = _PICKER_GRENZEN.get(soort)
        if grenzen:
            veld.widget.attrs.setdefault("min", grenzen[0])
            veld.widget.attrs.setdefault("max", grenzen[1])


# The browser's own pickers: a day, and a time in steps of five minutes.
DATE = {"type": "date"}
TIME = {"type": "time", "step": 300}


def datum_en_tijden_velden(
    *, datum_label=None, van_label=None, tot_label=None
) -> dict[str, forms.Field]:
    """The fields ``datum``, ``van`` and ``tot`` of a ``DatumEnTijdenMixin`` form (new ones for
    each form), with plain Dutch messages and the date range of ``begrens_datums``. The labels
    are "Op welke dag?", "Van" and "Tot" unless given. ``form.fields.update(...)`` adds them."""
    velden = {
        "datum": forms.DateField(
            label=datum_label or _("Op welke dag?"),
            widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 14-03-2030.")},
        ),
        "van": forms.TimeField(
            label=van_label or _("Van"),
            widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
            error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 09:30.")},
        ),
        "tot": forms.TimeField(
            label=tot_label or _("Tot"),
            widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
            error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 11:00.")},
        ),
    }
    begrens_datums(velden)
    return velden


def aantal_personen_veld(*, help_text="") -> forms.IntegerField:
    """How many people come ("Met hoeveel mensen?"): a whole number, at least 1."""
    return forms.IntegerField(
        label=_("Met hoeveel mensen?"),
        min_value=1,
        help_text=help_text,
        error_messages={
            "min_value": _("Vul minstens 1 in."),
            "invalid": _("Vul een getal in."),
        },
    )


class DatumBereikMixin:
    """For every form (and django-filter ``FilterSet.Meta.form``) with a date or date-time field:
    only dates between ``EERSTE_DATUM`` and ``LAATSTE_DATUM`` pass, with a plain Dutch message.

    Fields that a form adds after ``__init__`` are covered too: the check is (re)applied when
    the form validates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        begrens_datums(self.fields)

    def full_clean(self):
        begrens_datums(self.fields)
        super().full_clean()


class FilterForm(DatumBereikMixin, forms.Form):
    """The form behind every ``FilterSet`` (``class Meta: form = FilterForm``)."""


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


class DatumEnTijdenMixin(DatumBereikMixin, ServiceErrorsMixin):
    """A day and two times (fields ``datum``, ``van``, ``tot``) become the aware moments
    ``begin`` and ``einde`` in ``cleaned_data``. A service's errors on ``begin``/``einde`` (and
    whatever ``fout_velden`` maps) land on the form's own fields. Dates outside the range of
    ``DatumBereikMixin`` are refused."""

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
