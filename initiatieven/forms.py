"""Forms for initiatives, members, activities and meetings.

The forms check what a field can check on its own (required, type, length), turn a day and two
times into time-zone aware moments. The rules about times,
places and who may do what live in ``initiatieven.services``; its ``ValidationError`` is put
back on the form next to the right field, the input kept.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accommodaties.models import Accommodatie
from bewoners.models import Buurt
from wijk.lib.forms import DATE, DatumEnTijdenMixin, ServiceErrorsMixin, datum_en_tijden_velden

from .models import Aanmelding, Activiteit, Initiatief, Lidmaatschap
from .services.initiatieven import slug_basis

# --- initiatives -----------------------------------------------------------------------------


class InitiatiefForm(ServiceErrorsMixin, forms.ModelForm):
    """Start an initiative or change one. The web address is no field: the service makes it
    from the name when the initiative starts, and it stays. The status is a choice once the
    beheerder approved the initiative (active, paused, stopped)."""

    class Meta:
        model = Initiatief
        fields = [
            "naam",
            "thema",
            "beschrijving",
            "buurten",
            "aanmelden",
            "contact",
            "accommodatie",
            "adres",
            "status",
        ]
        labels = {
            "naam": _("Naam van het initiatief"),
            "thema": _("Thema"),
            "beschrijving": _("Wat doen jullie?"),
            "buurten": _("In welke buurten?"),
            "aanmelden": _("Hoe word je lid?"),
            "contact": _("Contact"),
            "accommodatie": _("Vaste ruimte"),
            "adres": _("Of een ander vast adres"),
            "status": _("Status"),
        }
        help_texts = {
            "beschrijving": _("Vertel in een paar zinnen wat jullie doen, en voor wie."),
            "buurten": _("Kies er geen als het voor de hele wijk is."),
            "accommodatie": _("Een ruimte van de coöperatie waar jullie meestal zijn."),
        }
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "buurten": forms.CheckboxSelectMultiple,
            "aanmelden": forms.RadioSelect,
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_goedgekeurd:
            self.fields["status"].choices = [
                (waarde, label)
                for waarde, label in Initiatief.Status.choices
                if waarde in Initiatief.GOEDGEKEURD
            ]
        else:
            del self.fields["status"]  # new or not approved yet: the beheerder decides
        self.fields["buurten"].queryset = Buurt.objects.order_by("naam")
        self.fields["accommodatie"].queryset = Accommodatie.objects.actief().order_by("naam")
        self.fields["accommodatie"].empty_label = _("Geen vaste ruimte")

    def clean_naam(self):
        naam = self.cleaned_data.get("naam") or ""
        if not self.instance.pk and not slug_basis(naam):
            # The web address is made from the name.
            raise ValidationError(_("Gebruik ook letters of cijfers in de naam."), code="slug")
        return naam

    def service_velden(self) -> dict:
        """The cleaned data as keyword arguments for ``initiatief_create`` / ``_update``."""
        return {naam: self.cleaned_data[naam] for naam in self.fields}


class LidInstellingenForm(forms.ModelForm):
    """A member's own choices: show my name and e-mail to other members, tell me what's new."""

    class Meta:
        model = Lidmaatschap
        fields = ["toon_naam_en_contact", "nieuwe_activiteiten_melden"]


class RedenForm(ServiceErrorsMixin, forms.Form):
    reden = forms.CharField(
        label=_("Waarom gaat het niet door?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wie zich heeft aangemeld, krijgt dit te lezen."),
        error_messages={"required": _("Schrijf kort op waarom.")},
    )


# --- activities and meetings -----------------------------------------------------------------


def _datum_en_tijden(datum_label):
    """Activities and meetings say "Begintijd" and "Eindtijd"."""
    return datum_en_tijden_velden(
        datum_label=datum_label, van_label=_("Begintijd"), tot_label=_("Eindtijd")
    )


def _capaciteit():
    return forms.IntegerField(
        label=_("Hoeveel plekken?"),
        required=False,
        min_value=1,
        help_text=_("Leeg laten als er geen maximum is."),
        error_messages={
            "min_value": _("Vul minstens 1 in, of laat het leeg."),
            "invalid": _("Vul een getal in."),
        },
    )


class _ActiviteitVelden(forms.Form):
    """The fields a new and a changed activity share."""

    titel = forms.CharField(
        label=_("Titel"),
        max_length=150,
        help_text=_("Kort en duidelijk, bijvoorbeeld: Samen wandelen."),
    )
    beschrijving = forms.CharField(
        label=_("Wat gaan jullie doen?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    locatie = forms.CharField(
        label=_("Waar?"),
        required=False,
        max_length=200,
        help_text=_("Een adres of een plek die iedereen kent, bijvoorbeeld: bij de kerk."),
    )
    aanmelden_nodig = forms.BooleanField(
        label=_("Mensen melden zich vooraf aan"),
        required=False,
        initial=True,
        help_text=_("Zet dit uit als iedereen zo mag aansluiten."),
    )


class ActiviteitForm(DatumEnTijdenMixin, _ActiviteitVelden):
    """A new activity: once, or a series until a date."""

    accommodatie = forms.ModelChoiceField(
        label=_("Of in een ruimte van de coöperatie"),
        queryset=Accommodatie.objects.none(),
        required=False,
        empty_label=_("Geen ruimte"),
        help_text=_("Een ruimte kiezen is nog geen boeking. Boek de ruimte zelf via Ruimtes."),
    )
    herhaling = forms.ChoiceField(
        label=_("Hoe vaak?"),
        choices=Activiteit.Herhaling.choices,
        initial=Activiteit.Herhaling.GEEN,
        widget=forms.RadioSelect,
    )
    tot_en_met = forms.DateField(
        label=_("Herhalen tot en met"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Alleen nodig als het vaker is. Hoogstens twee jaar vooruit."),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 30-06-2030.")},
    )

    field_order = [
        "titel",
        "beschrijving",
        "datum",
        "van",
        "tot",
        "herhaling",
        "tot_en_met",
        "locatie",
        "accommodatie",
        "capaciteit",
        "aanmelden_nodig",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_datum_en_tijden(_("Op welke dag? (de eerste keer)")))
        self.fields["capaciteit"] = _capaciteit()
        self.fields["accommodatie"].queryset = Accommodatie.objects.actief().order_by("naam")
        self.order_fields(self.field_order)

    def service_velden(self) -> dict:
        data = self.cleaned_data
        return {
            naam: data[naam]
            for naam in (
                "titel",
                "beschrijving",
                "locatie",
                "accommodatie",
                "capaciteit",
                "aanmelden_nodig",
                "herhaling",
                "tot_en_met",
                "begin",
                "einde",
            )
        }


class ActiviteitBewerkenForm(ServiceErrorsMixin, _ActiviteitVelden):
    """Words, place and places. Not a ModelForm: the service compares with the old number of
    places, so the activity must not change before it is called."""

    def __init__(self, *args, activiteit: Activiteit, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "titel": activiteit.titel,
                "beschrijving": activiteit.beschrijving,
                "locatie": activiteit.locatie,
                "capaciteit": activiteit.capaciteit,
                "aanmelden_nodig": activiteit.aanmelden_nodig,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["capaciteit"] = _capaciteit()
        self.order_fields(["titel", "beschrijving", "locatie", "capaciteit", "aanmelden_nodig"])


class VerplaatsForm(DatumEnTijdenMixin, forms.Form):
    def __init__(self, *args, bijeenkomst, **kwargs):
        begin = timezone.localtime(bijeenkomst.begin)
        einde = timezone.localtime(bijeenkomst.einde)
        kwargs.setdefault(
            "initial", {"datum": begin.date(), "van": begin.time(), "tot": einde.time()}
        )
        super().__init__(*args, **kwargs)
        self.fields.update(_datum_en_tijden(_("Nieuwe dag")))


class AanwezigheidForm(forms.Form):
    """One choice per person signed up: came, did not come, or not known."""

    KEUZES = [("", _("Weet ik niet")), ("ja", _("Was er")), ("nee", _("Was er niet"))]
    WAARDEN = {"": None, "ja": True, "nee": False}

    def __init__(self, *args, aanmeldingen: list[Aanmelding], **kwargs):
        super().__init__(*args, **kwargs)
        self.aanmeldingen = aanmeldingen
        for aanmelding in aanmeldingen:
            huidig = {True: "ja", False: "nee"}.get(aanmelding.aanwezig, "")
            self.fields[self.veldnaam(aanmelding)] = forms.ChoiceField(
                label=aanmelding.user.get_full_name() or aanmelding.user.display_name,
                choices=self.KEUZES,
                required=False,
                initial=huidig,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def veldnaam(aanmelding: Aanmelding) -> str:
        return f"aanwezig_{aanmelding.user_id}"

    def aanwezig(self) -> dict[int, bool | None]:
        return {
            a.user_id: self.WAARDEN[self.cleaned_data.get(self.veldnaam(a)) or ""]
            for a in self.aanmeldingen
        }
