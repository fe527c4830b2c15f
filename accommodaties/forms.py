"""Forms for booking, moving, cancelling and deciding on bookings.

The forms check what a field can check on its own (required, type, length) and turn a day and
two times into time-zone aware moments. Every booking rule lives in ``accommodaties.services``;
its ``ValidationError`` is put back on the form next to the right field, the input kept.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijk.lib.forms import (
    DATE,
    TIME,
    DatumBereikMixin,
    DatumEnTijdenMixin,
    ServiceErrorsMixin,
    aantal_personen_veld,
    datum_en_tijden_velden,
)

from .models import Accommodatie, Openingstijd, Reeks, Reservering, Sluiting


class BoekenFormMixin(DatumEnTijdenMixin):
    fout_velden = {"begin": "van", "einde": "tot", "interval_weken": "herhalen"}


def _aantal_personen(accommodatie: Accommodatie):
    return aantal_personen_veld(
        help_text=_("In deze ruimte passen hoogstens %(max)s mensen.")
        % {"max": accommodatie.capaciteit}
    )


class ReserveringForm(BoekenFormMixin, forms.Form):
    HERHALEN = [
        (0, _("Eén keer")),
        (Reeks.Interval.WEKELIJKS, _("Elke week")),
        (Reeks.Interval.TWEEWEKELIJKS, _("Om de week")),
    ]

    doel = forms.CharField(
        label=_("Waarvoor wil je de ruimte gebruiken?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: koffieochtend, verjaardag, vergadering van de buurtvereniging."),
    )
    namens = forms.CharField(
        label=_("Boek je voor een initiatief of groep? Schrijf dan de naam op."),
        max_length=200,
        required=False,
    )
    herhalen = forms.TypedChoiceField(
        label=_("Hoe vaak?"),
        choices=HERHALEN,
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
    )
    tot_en_met = forms.DateField(
        label=_("Herhalen tot en met"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Alleen nodig als je elke week of om de week boekt."),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 30-06-2030.")},
    )
    # Set by the page that lists conflicting dates of a series: "book the other dates".
    alleen_vrije = forms.BooleanField(required=False, widget=forms.HiddenInput)

    field_order = ["datum", "van", "tot", "aantal_personen", "doel", "namens", "herhalen"]

    def __init__(self, *args, accommodatie: Accommodatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(datum_en_tijden_velden())
        self.fields["aantal_personen"] = _aantal_personen(accommodatie)
        self.order_fields(self.field_order)
        self.fields["tot"].help_text = _("Boek minstens %(min)s en hoogstens %(max)s minuten.") % {
            "min": accommodatie.min_duur_minuten,
            "max": accommodatie.max_duur_minuten,
        }

    def clean(self):
        data = super().clean()
        if data.get("herhalen") and not data.get("tot_en_met"):
            self.add_error("tot_en_met", _("Tot wanneer wil je herhalen? Kies een datum."))
        return data


class VerplaatsForm(BoekenFormMixin, forms.Form):
    def __init__(self, *args, reservering: Reservering, **kwargs):
        begin = timezone.localtime(reservering.begin)
        einde = timezone.localtime(reservering.einde)
        kwargs.setdefault(
            "initial",
            {
                "datum": begin.date(),
                "van": begin.time(),
                "tot": einde.time(),
                "aantal_personen": reservering.aantal_personen,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields.update(datum_en_tijden_velden())
        self.fields["aantal_personen"] = _aantal_personen(reservering.accommodatie)


class RedenForm(ServiceErrorsMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, verplicht: bool = True, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden"].required = verplicht
        if label:
            self.fields["reden"].label = label
        self.fields["reden"].error_messages["required"] = _("Schrijf kort op waarom.")


# --- keepers: the facility's settings, opening hours and closures --------------------------


class AccommodatieForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = Accommodatie
        fields = [
            "beschrijving",
            "adres",
            "capaciteit",
            "rolstoeltoegankelijk",
            "ringleiding",
            "toegankelijk_toilet",
            "toegankelijkheid",
            "huisregels",
            "prijsinformatie",
            "wie_mag_boeken",
            "goedkeuring_nodig",
            "min_duur_minuten",
            "max_duur_minuten",
            "buffer_minuten",
            "vooruit_dagen",
            "annuleren_uren_vooraf",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "toegankelijkheid": forms.Textarea(attrs={"rows": 2}),
            "huisregels": forms.Textarea(attrs={"rows": 4}),
            "prijsinformatie": forms.Textarea(attrs={"rows": 2}),
            "wie_mag_boeken": forms.RadioSelect,
        }


class OpeningstijdForm(forms.ModelForm):
    class Meta:
        model = Openingstijd
        fields = ["weekdag", "van", "tot"]
        widgets = {
            "van": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "tot": forms.TimeInput(attrs=TIME, format="%H:%M"),
        }


DATETIME = {"type": "datetime-local"}


class SluitingForm(DatumBereikMixin, forms.ModelForm):
    class Meta:
        model = Sluiting
        fields = ["van", "tot", "reden"]
        widgets = {
            "van": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
            "tot": forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        }
        error_messages = {
            "van": {"invalid": _("Vul een datum en tijd in.")},
            "tot": {"invalid": _("Vul een datum en tijd in.")},
        }


OpeningstijdFormSet = forms.inlineformset_factory(
    Accommodatie, Openingstijd, form=OpeningstijdForm, extra=2, can_delete=True
)
SluitingFormSet = forms.inlineformset_factory(
    Accommodatie, Sluiting, form=SluitingForm, extra=1, can_delete=True
)
