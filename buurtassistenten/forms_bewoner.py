"""Forms of a resident's coordination page (contact moments, referrals) and of the partners.

The forms check what a field can check on its own (required, type, length). The rules (no
contact in the future, a follow-up from today on, only active partners) live in
``buurtassistenten.services``; its ``ValidationError`` is put back next to the right field.
A referral is a partner and a kind of need picked from lists: never a free-text diagnosis.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijk.lib.forms import DatumBereikMixin, ServiceErrorsMixin

from .models import Behoefte, Contactmoment, Doorverwijzing, Kanaal, Wijkpartner

DATE = {"type": "date"}
DATETIME = {"type": "datetime-local"}


class BewonerZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam, telefoonnummer of postcode"),
        max_length=100,
        required=False,
    )
    alle = forms.BooleanField(
        label=_("Zoek in de hele wijk, ook buiten mijn buurten"),
        required=False,
    )


class ContactmomentForm(DatumBereikMixin, ServiceErrorsMixin, forms.Form):
    datum = forms.DateTimeField(
        label=_("Wanneer was het contact?"),
        widget=forms.DateTimeInput(attrs=DATETIME, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Vul in wanneer het contact was."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 14-03-2030 10:30."),
        },
    )
    kanaal = forms.ChoiceField(
        label=_("Hoe?"),
        choices=Kanaal.choices,
        error_messages={
            "required": _("Kies hoe je contact had."),
            "invalid_choice": _("Kies uit de lijst hoe je contact had."),
        },
    )
    soort = forms.ChoiceField(
        label=_("Soort contact"),
        choices=Contactmoment.Soort.choices,
        initial=Contactmoment.Soort.GEWOON,
        error_messages={
            "required": _("Kies de soort contact."),
            "invalid_choice": _("Kies de soort contact uit de lijst."),
        },
    )
    notitie = forms.CharField(
        label=_("Korte notitie"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en feitelijk. Geen diagnoses of medische details."),
    )
    gevoelig = forms.BooleanField(
        label=_("Gevoelige notitie"),
        required=False,
        help_text=_(
            "Alleen jij en de buurtassistenten van de buurt van deze bewoner zien de notitie."
        ),
    )
    vervolg_op = forms.DateField(
        label=_("Vervolg op (mag leeg blijven)"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Op deze dag staat het vervolg in je lijst."),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 21-03-2030.")},
    )


class DoorverwijzingForm(ServiceErrorsMixin, forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Naar welke partner?"),
        queryset=Wijkpartner.objects.filter(actief=True),
        empty_label=_("Kies een partner"),
        error_messages={
            "required": _("Kies een partner."),
            "invalid_choice": _("Kies een partner uit de lijst."),
        },
    )
    behoefte = forms.ChoiceField(
        label=_("Waar gaat de vraag over?"),
        choices=[("", _("Kies een soort vraag")), *Behoefte.choices],
        help_text=_("Kies alleen de soort vraag. Schrijf hier geen diagnose op."),
        error_messages={
            "required": _("Kies waar de vraag over gaat."),
            "invalid_choice": _("Kies een soort vraag uit de lijst."),
        },
    )


class DoorverwijzingStatusForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Doorverwijzing.Status.choices,
        error_messages={
            "required": _("Kies een status."),
            "invalid_choice": _("Kies een status uit de lijst."),
        },
    )


class WijkpartnerForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = Wijkpartner
        fields = ["naam", "soort", "contact", "buurten", "actief"]
        labels = {
            "naam": _("Naam van de organisatie"),
            "contact": _("Hoe bereik je hen?"),
            "buurten": _("Voor welke buurten?"),
            "actief": _("We werken met deze partner samen"),
        }
        help_texts = {
            "contact": _("Bijvoorbeeld een telefoonnummer, e-mailadres of spreekuur."),
            "buurten": _("Kies niets als de partner voor de hele wijk werkt."),
            "actief": _("Haal het vinkje weg als je niet meer naar deze partner verwijst."),
        }
        widgets = {
            "contact": forms.Textarea(attrs={"rows": 3}),
            "buurten": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "naam": {"required": _("Vul de naam van de organisatie in.")},
            "soort": {
                "required": _("Kies de soort partner."),
                "invalid_choice": _("Kies de soort partner uit de lijst."),
            },
            "buurten": {"invalid_choice": _("Kies buurten uit de lijst.")},
        }

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        dubbel = Wijkpartner.objects.filter(naam__iexact=naam)
        if self.instance.pk:
            dubbel = dubbel.exclude(pk=self.instance.pk)
        if dubbel.exists():
            raise forms.ValidationError(_("Deze partner staat al in de lijst."))
        return naam
