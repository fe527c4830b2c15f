"""Forms for help requests, offers and the steps of a match.

The forms only check what a field can check on its own (required, length, type). The model's
``clean()`` runs in the service (``full_clean``); its ``ValidationError`` is put back on the form
with ``add_service_error`` so the person sees it next to the field, with their input kept.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bewoners.forms import AvailabilityField
from bewoners.models import Buurt, Categorie
from wijk.lib.forms import DatumBereikMixin, ServiceErrorsMixin

from . import services
from .models import WANNEER_VELDEN, Aanbod, Bereik, Hulpvraag, Match

DATE = {"type": "date"}
TIME = {"type": "time"}


class ServiceForm(ServiceErrorsMixin, forms.ModelForm):
    """A ModelForm whose model validation and saving are done by a service.

    ``_post_clean`` would copy the data onto ``instance`` and run ``full_clean``; the service does
    both, so here it does nothing and the instance stays as it was until the service succeeds.
    """

    def _post_clean(self):
        pass


class HulpvraagForm(DatumBereikMixin, ServiceForm):
    categorie = forms.ModelChoiceField(
        label=_("Waarbij heb je hulp nodig?"),
        queryset=Categorie.objects.actief(),
        empty_label=_("Kies een soort hulp"),
    )

    class Meta:
        model = Hulpvraag
        fields = services.HULPVRAAG_VELDEN
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "prive_details": forms.Textarea(attrs={"rows": 3}),
            "wanneer": forms.RadioSelect,
            "urgentie": forms.RadioSelect,
            "datum": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "uiterlijk": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "herhalen_tot": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "tijd_van": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "tijd_tot": forms.TimeInput(attrs=TIME, format="%H:%M"),
        }
        labels = {
            "titel": _("Korte titel"),
            "beschrijving": _("Wat moet er gebeuren?"),
            "prive_details": _("Privé-details"),
            "wanneer": _("Wanneer heb je hulp nodig?"),
            "datum": _("Op welke dag?"),
            "tijd_van": _("Van (tijd)"),
            "tijd_tot": _("Tot (tijd)"),
            "uiterlijk": _("Uiterlijk klaar op"),
            "weekdag": _("Op welke dag van de week?"),
            "herhalen_tot": _("Tot wanneer? (mag leeg blijven)"),
            "urgentie": _("Hoe dringend is het?"),
        }
        help_texts = {
            "titel": _("Bijvoorbeeld: 'Vervoer naar het ziekenhuis'. Hoogstens 100 tekens."),
            "datum": _("Alleen bij 'Op een vaste dag en tijd'."),
            "uiterlijk": _("Alleen bij 'Flexibel, vóór een datum'."),
            "weekdag": _("Alleen bij 'Elke week'."),
            "herhalen_tot": _("Alleen bij 'Elke week'. Leeg: zolang het nodig is."),
            "tijd_van": _("Nodig bij 'vaste dag' en 'elke week'. Bij 'flexibel' mag het leeg."),
            "tijd_tot": _("Nodig bij 'vaste dag' en 'elke week'. Bij 'flexibel' mag het leeg."),
        }

    # The parts of the page, in order: (title, fields, intro).
    WAT = ("categorie", "titel", "beschrijving", "prive_details")
    WANNEER_GROEPEN = (
        (_("Alleen bij 'Op een vaste dag en tijd'"), ("datum",)),
        (_("Alleen bij 'Flexibel, vóór een datum'"), ("uiterlijk",)),
        (_("Alleen bij 'Elke week'"), ("weekdag", "herhalen_tot")),
        (_("Hoe laat? Bij 'vaste dag' en 'elke week'"), ("tijd_van", "tijd_tot")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekdag"].widget.choices = [
            ("", _("Kies een dag")),
            *list(self.fields["weekdag"].choices)[1:],
        ]
        # The empty choice of a radio list with a default is not needed.
        for name in ("wanneer", "urgentie"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0] != ""]

    WHEN_FIELDS = WANNEER_VELDEN

    def clean(self):
        cleaned = super().clean()
        # With a field error the service is not called. Then show the model's checks of the
        # when-fields now as well, so the person sees every problem in one go.
        if self.errors and cleaned.get("wanneer"):
            probe = Hulpvraag(**{name: cleaned.get(name) for name in self.WHEN_FIELDS})
            probe._state.adding = self.instance._state.adding
            try:
                probe.clean()
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    if field not in self.errors:
                        self.add_error(field, errors)
        return cleaned

    def wat_velden(self):
        return [self[name] for name in self.WAT]

    def wanneer_groepen(self):
        return [(titel, [self[name] for name in names]) for titel, names in self.WANNEER_GROEPEN]


class AanbodForm(ServiceForm):
    categorieen = forms.ModelMultipleChoiceField(
        label=_("Waarmee kun je helpen?"),
        queryset=Categorie.objects.actief(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één onderwerp.")},
    )
    beschikbaarheid = AvailabilityField(
        label=_("Wanneer kun je meestal?"),
        help_text=_("Kies de dagdelen waarop je meestal kunt helpen."),
    )
    buurten = forms.ModelMultipleChoiceField(
        label=_("Ook in deze buurten"),
        queryset=Buurt.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Alleen nodig bij 'In mijn buurt en de buurten die ik kies'."),
    )

    class Meta:
        model = Aanbod
        fields = [
            "titel",
            "beschrijving",
            "categorieen",
            "beschikbaarheid",
            "bereik",
            "buurten",
            "max_per_week",
            "actief",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "bereik": forms.RadioSelect,
        }
        labels = {
            "titel": _("Korte titel"),
            "beschrijving": _("Wat bied je aan?"),
            "actief": _("Mijn aanbod staat aan (niet op pauze)"),
        }
        help_texts = {
            "titel": _("Bijvoorbeeld: 'Kleine klussen op zaterdag'. Hoogstens 100 tekens."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["bereik"]
        field.choices = [c for c in field.choices if c[0] != ""]
        if not self.instance.pk:
            self.initial.setdefault("bereik", Bereik.EIGEN_BUURT)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("bereik") != Bereik.BUURTEN:
            data["buurten"] = []
        return data


class MatchForm(ServiceErrorsMixin, forms.Form):
    pass


class AfwijzenForm(MatchForm):
    reden = forms.CharField(
        label=_("Waarom niet? (mag leeg blijven)"),
        max_length=Match._meta.get_field("reden").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: 'Die dag kan ik niet'. De aanvrager ziet dit niet."),
    )


class AfzeggenForm(MatchForm):
    reden = forms.CharField(
        label=_("Waarom gaat het niet door?"),
        max_length=Match._meta.get_field("reden").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De ander krijgt dit te lezen. Hoogstens 300 tekens."),
        error_messages={"required": _("Schrijf kort op waarom het niet doorgaat.")},
    )


class UrenField(forms.DecimalField):
    """Hours as people type them: "1,5" or "1.5" (a plain text box, so no browser rounding)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class AfrondenForm(MatchForm):
    uren = UrenField(
        label=_("Hoeveel uur heeft het gekost? (mag leeg blijven)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Bijvoorbeeld 1,5. Dit helpt de coöperatie te laten zien wat buren doen."),
    )
    bedankje = forms.CharField(
        label=_("Een kort bedankje of opmerking (mag leeg blijven)"),
        max_length=Match._meta.get_field("bedankje").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
