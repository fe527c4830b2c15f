"""Forms for the assisted intake, for acting on a resident's behalf and for matching by hand.

The forms check what a field can check on its own (required, type, length, a phone number, a
postcode); every rule about the resident, the request, the meeting or the room lives in the
services (``buurtassistenten.services`` and the apps it calls). Their ``ValidationError`` is put
back on the form next to the right field, the input kept.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accommodaties.models import Accommodatie
from bewoners.forms import TELEFOON_CHARS
from bewoners.models import Buurt, Categorie, User, normalize_postcode, validate_postcode
from initiatieven.models import Bijeenkomst, Initiatief
from wijk.lib import datums
from wijk.lib.forms import (
    DatumEnTijdenMixin,
    ServiceErrorsMixin,
    aantal_personen_veld,
    datum_en_tijden_velden,
)

from .models import Intake, Kanaal

# How far ahead the sign-up form lists meetings: enough for a phone call, a short list.
AANMELDEN_WEKEN = 8


def buurten_voor(user):
    """The buurten ``user`` may enter residents in: their own, and those nobody follows."""
    buurten = Buurt.objects.all()
    if user.is_superuser:
        return buurten
    return buurten.filter(Q(buurtassistenten=user) | Q(buurtassistenten__isnull=True)).distinct()


class IntakeForm(ServiceErrorsMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul een voornaam in.")},
    )
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=_("Zo kunnen jij en later een helper de bewoner bellen."),
    )
    adres = forms.CharField(label=_("Straat en huisnummer"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        help_text=_("Bijvoorbeeld 3541 AB. Hiermee vinden we de buurt."),
    )
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    buurt = forms.ModelChoiceField(
        label=_("Buurt"),
        queryset=Buurt.objects.none(),
        required=False,
        empty_label=_("Zoek de buurt via de postcode"),
        help_text=_("Kies de buurt als we die niet via de postcode vinden."),
    )
    nieuw_in_wijk = forms.BooleanField(
        label=_("Nieuw in de wijk (woont hier nog niet zo lang)"), required=False
    )
    # The four questions of every profile (seed 000), asked in the conversation; the labels
    # are those of the welcome flow (``bewoners.forms.VierVragenForm``). All may stay empty.
    wat_wil_je = forms.CharField(
        label=_("Wat wil je?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: nieuwe mensen leren kennen, meer bewegen, iets leren."),
    )
    kan_categorieen = forms.ModelMultipleChoiceField(
        label=_("Waar kun je mee helpen?"),
        queryset=Categorie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies onderwerpen uit de lijst."),
            "invalid_pk_value": _("Kies onderwerpen uit de lijst."),
        },
    )
    wat_kun_je = forms.CharField(
        label=_("Wat kun je? Vertel er iets over"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: ik kan goed koken, ik ben handig met computers."),
    )
    nodig_categorieen = forms.ModelMultipleChoiceField(
        label=_("Waar heb je hulp bij nodig?"),
        queryset=Categorie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies onderwerpen uit de lijst."),
            "invalid_pk_value": _("Kies onderwerpen uit de lijst."),
        },
    )
    wat_heb_je_nodig = forms.CharField(
        label=_("Wat heb je nodig? Vertel er iets over"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Alleen de bewoner en de buurtassistent lezen dit. Schrijf alleen op wat de bewoner "
            "kwijt wil. Geen diagnoses of medische details."
        ),
    )
    wat_heb_je_te_bieden = forms.CharField(
        label=_("Wat heb je te bieden?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: tijd op zaterdag, gereedschap, een auto, een ruimte."),
    )
    toestemming_hoe = forms.ChoiceField(
        label=_("Hoe gaf de bewoner toestemming?"),
        choices=Intake.Toestemming.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De bewoner weet dat de coöperatie deze gegevens bewaart, en dat jij namens hem of "
            "haar hulp mag vragen."
        ),
        error_messages={
            "required": _(
                "Kies hoe de bewoner toestemming gaf. Zonder toestemming kun je iemand niet "
                "inschrijven."
            ),
            "invalid_choice": _("Kies een van de manieren in de lijst."),
        },
    )
    kanaal = forms.ChoiceField(
        label=_("Hoe sprak je de bewoner?"),
        choices=Kanaal.choices,
        initial=Kanaal.HUISBEZOEK,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe je de bewoner sprak."),
            "invalid_choice": _("Kies een van de manieren in de lijst."),
        },
    )
    notitie = forms.CharField(
        label=_("Korte notitie (mag leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en feitelijk. Geen diagnoses of medische details."),
    )

    GROEPEN = (
        (_("Wie is het?"), "", ("first_name", "last_name", "telefoon")),
        (
            _("Waar woont de bewoner?"),
            "",
            ("adres", "postcode", "woonplaats", "buurt", "nieuw_in_wijk"),
        ),
        (
            _("De vier vragen"),
            _(
                "Stel de bewoner de vier vragen. Vul in wat de bewoner vertelt. Alles mag leeg "
                "blijven: je kunt het later samen aanvullen."
            ),
            (
                "wat_wil_je",
                "kan_categorieen",
                "wat_kun_je",
                "nodig_categorieen",
                "wat_heb_je_nodig",
                "wat_heb_je_te_bieden",
            ),
        ),
        (_("Toestemming en gesprek"), "", ("toestemming_hoe", "kanaal", "notitie")),
    )

    def __init__(self, *args, door, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buurt"].queryset = buurten_voor(door)
        for naam in ("kan_categorieen", "nodig_categorieen"):
            self.fields[naam].queryset = Categorie.objects.actief()
        autocomplete = {
            "first_name": "off",
            "last_name": "off",
            "telefoon": "off",
            "adres": "off",
            "postcode": "off",
            "woonplaats": "off",
        }
        # Someone else's details: the browser must not fill in the buurtassistent's own.
        for naam, waarde in autocomplete.items():
            self.fields[naam].widget.attrs["autocomplete"] = waarde

    def groepen(self):
        return [
            (titel, uitleg, [self[naam] for naam in namen]) for titel, uitleg, namen in self.GROEPEN
        ]

    def clean_telefoon(self):
        telefoon = self.cleaned_data["telefoon"].strip()
        if telefoon and (
            not set(telefoon) <= TELEFOON_CHARS or sum(c.isdigit() for c in telefoon) < 10
        ):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met minstens 10 cijfers, zoals 06 12345678."),
                code="invalid_phone",
            )
        return telefoon

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcode:
            return ""
        validate_postcode(postcode)
        postcode = normalize_postcode(postcode)
        return f"{postcode[:4]} {postcode[4:]}"

    def clean(self):
        data = super().clean()
        postcode = data.get("postcode")
        if postcode and not data.get("buurt") and "buurt" not in self.errors:
            # The postcode will decide the buurt: it must be one this buurtassistent works in.
            buurt = Buurt.objects.for_postcode(postcode)
            if buurt is not None and not self.fields["buurt"].queryset.filter(pk=buurt.pk).exists():
                self.add_error(
                    "postcode",
                    _(
                        "Deze postcode hoort bij %(buurt)s. Die buurt heeft een eigen "
                        "buurtassistent: vraag die om de intake te doen."
                    )
                    % {"buurt": buurt.naam},
                )
        return data


class BijeenkomstChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, bijeenkomst):
        wanneer = datums.dag_tijd(bijeenkomst.begin)
        capaciteit = bijeenkomst.activiteit.capaciteit
        # ``aantal_aangemeld`` comes from ``met_tellingen()``: no query per option.
        if capaciteit is None:
            plekken = _("plek genoeg")
        else:
            vrij = capaciteit - bijeenkomst.aantal_aangemeld
            if vrij > 0:
                plekken = ngettext("nog %(n)s plek", "nog %(n)s plekken", vrij) % {"n": vrij}
            else:
                plekken = _("vol, wachtlijst")
        activiteit = bijeenkomst.activiteit
        return f"{wanneer} · {activiteit.titel} ({activiteit.initiatief.naam}) · {plekken}"


class AanmeldenNamensForm(ServiceErrorsMixin, forms.Form):
    bijeenkomst = BijeenkomstChoiceField(
        label=_("Welke activiteit?"),
        queryset=Bijeenkomst.objects.none(),
        empty_label=_("Kies een activiteit"),
        help_text=_("Is het vol, dan komt de bewoner op de wachtlijst."),
        error_messages={
            "required": _("Kies een activiteit."),
            "invalid_choice": _("Deze activiteit kun je niet (meer) kiezen. Kies een andere."),
        },
    )

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bijeenkomst"].queryset = komende_bijeenkomsten(now=now)


def komende_bijeenkomsten(*, now=None):
    """Planned meetings of active initiatives that need signing up, in the coming weeks, with
    their counts (one query)."""
    now = now or timezone.now()
    return (
        Bijeenkomst.objects.komend(now)
        .filter(
            begin__lt=now + timedelta(weeks=AANMELDEN_WEKEN),
            activiteit__aanmelden_nodig=True,
            activiteit__initiatief__status=Initiatief.Status.ACTIEF,
        )
        .select_related("activiteit", "activiteit__initiatief")
        .met_tellingen()
    )


class BoekenNamensForm(DatumEnTijdenMixin, forms.Form):
    accommodatie = forms.ModelChoiceField(
        label=_("Welke ruimte?"),
        queryset=Accommodatie.objects.none(),
        empty_label=_("Kies een ruimte"),
        error_messages={
            "required": _("Kies een ruimte."),
            "invalid_choice": _("Deze ruimte kun je niet boeken. Kies een andere."),
        },
    )
    doel = forms.CharField(
        label=_("Waarvoor is de ruimte?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: verjaardag, koffieochtend, bijeenkomst van de familie."),
    )

    field_order = ["accommodatie", "datum", "van", "tot", "aantal_personen", "doel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accommodatie"].queryset = Accommodatie.objects.actief().order_by("naam")
        self.fields.update(datum_en_tijden_velden())
        self.fields["aantal_personen"] = aantal_personen_veld()
        self.order_fields(self.field_order)


class ClaimForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de bewoner"),
        max_length=254,
        help_text=_(
            "De bewoner krijgt op dit adres een link om zelf een wachtwoord te kiezen. "
            "Daarna kan hij of zij zelf inloggen."
        ),
        error_messages={
            "required": _("Vul het e-mailadres van de bewoner in."),
            "invalid": _("Vul een e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class VoorstelForm(forms.Form):
    """One helper for a request: ask them (a proposal), or confirm after a phone call. Only
    people who take part in this coöperatie."""

    helper = forms.ModelChoiceField(queryset=User.objects.none())
    bevestigd = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = User.objects.hier().filter(is_active=True)


class HelperZoekForm(forms.Form):
    """Find a volunteer for a request by hand: by name, by what they can do, by buurt."""

    zoek = forms.CharField(
        label=_("Naam"),
        max_length=100,
        required=False,
        help_text=_("Een voornaam. Een achternaam vind je bij bewoners uit je eigen buurten."),
    )
    soort = forms.ModelChoiceField(
        label=_("Kan helpen met"),
        queryset=Categorie.objects.none(),
        required=False,
        empty_label=_("Alle soorten hulp"),
        error_messages={"invalid_choice": _("Kies een soort hulp uit de lijst.")},
    )
    buurt = forms.ModelChoiceField(
        label=_("Woont in"),
        queryset=Buurt.objects.none(),
        required=False,
        empty_label=_("Alle buurten"),
        error_messages={"invalid_choice": _("Kies een buurt uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].queryset = Categorie.objects.actief()
        self.fields["buurt"].queryset = Buurt.objects.order_by("naam")
        self.fields["zoek"].widget.attrs["autocomplete"] = "off"

    def zoekt(self) -> bool:
        """Valid, and at least one field filled in."""
        return self.is_valid() and any(
            [
                self.cleaned_data["zoek"].strip(),
                self.cleaned_data["soort"],
                self.cleaned_data["buurt"],
            ]
        )


class AfzeggenNamensForm(ServiceErrorsMixin, forms.Form):
    reden = forms.CharField(
        label=_("Waarom gaat het niet door?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De helper en de aanvrager krijgen dit te lezen. Hoogstens 300 tekens."),
        error_messages={"required": _("Schrijf kort op waarom het niet doorgaat.")},
    )
