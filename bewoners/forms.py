from django import forms
from django.utils.translation import gettext_lazy as _

from wijk.lib.forms import DatumBereikMixin

from .availability import DAGDELEN, DAGEN, DAGEN_KORT, Beschikbaarheid
from .models import Buurt, Profiel, Taal, normalize_postcode

TELEFOON_CHARS = set("0123456789+ -()")


class AvailabilityWidget(forms.CheckboxSelectMultiple):
    """A week table: one row per day, a checkbox per part of the day."""

    template_name = "bewoners/widgets/beschikbaarheid.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [opt for _group, opts, _i in context["widget"]["optgroups"] for opt in opts]
        context["widget"]["rows"] = [
            (DAGEN[d], DAGEN_KORT[d], options[d * 3 : d * 3 + 3]) for d in range(7)
        ]
        context["widget"]["dagdelen"] = DAGDELEN
        return context


class AvailabilityField(forms.MultipleChoiceField):
    """Weekday × part-of-day checkboxes, stored as one integer mask."""

    def __init__(self, **kwargs):
        choices = [(f"{d}-{p}", f"{DAGEN[d]} {DAGDELEN[p]}") for d in range(7) for p in range(3)]
        kwargs.setdefault("widget", AvailabilityWidget)
        super().__init__(choices=choices, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return Beschikbaarheid(value).slots()
        return value

    def clean(self, value):
        slots = super().clean(value)
        return Beschikbaarheid.from_slots(slots).mask


class OverJouForm(DatumBereikMixin, forms.ModelForm):
    """Step 'Over jou': name and private contact details."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)

    class Meta:
        model = Profiel
        fields = ["adres", "postcode", "woonplaats", "buurt", "telefoon", "nieuw_in_wijk_sinds"]
        widgets = {
            "nieuw_in_wijk_sinds": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
            "adres": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "woonplaats": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "telefoon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "adres": _("Alleen jij en de buurtassistent zien je adres."),
            "telefoon": _(
                "Alleen zichtbaar voor de buurtassistent en voor iemand met wie je een afspraak hebt."
            ),
            "nieuw_in_wijk_sinds": _(
                "Woon je hier nog niet zo lang? Dan heten we je graag welkom."
            ),
            "postcode": _("Hiermee vinden we je buurt."),
            "buurt": _("Weet je het niet? Laat dit leeg. Dan kiezen we de buurt van je postcode."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.order_fields(["first_name", "last_name", *self.Meta.fields])

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
        postcode = normalize_postcode(self.cleaned_data["postcode"])
        return f"{postcode[:4]} {postcode[4:]}" if postcode else ""

    def clean(self):
        """The buurt: the person's own choice, else the buurt of the postcode. When a chosen
        buurt and the postcode's buurt differ, nothing is saved until the person says which
        one is right (``buurt_keuze``); a buurt confirmed once is not asked again."""
        cleaned = super().clean()
        self.buurt_via_postcode = None
        if "postcode" in self.errors or "buurt" in self.errors:
            return cleaned
        postcode = cleaned.get("postcode") or ""
        gekozen = cleaned.get("buurt")
        van_postcode = Buurt.objects.for_postcode(postcode) if postcode else None
        if gekozen is None:
            cleaned["buurt"] = van_postcode
            if van_postcode is not None and van_postcode.pk != self.instance.buurt_id:
                self.buurt_via_postcode = van_postcode
            return cleaned
        if van_postcode is None or van_postcode == gekozen:
            return cleaned
        eerder = normalize_postcode(self.initial.get("postcode") or "")
        if eerder == normalize_postcode(postcode) and self.instance.buurt_id == gekozen.pk:
            return cleaned  # confirmed before: the person lives where they said
        keuzes = {van_postcode.pk: van_postcode, gekozen.pk: gekozen}
        antwoord = self.data.get(self.add_prefix("buurt_keuze"), "")
        if antwoord.isdigit() and int(antwoord) in keuzes:
            cleaned["buurt"] = keuzes[int(antwoord)]
            return cleaned
        self._vraag_buurt(postcode=postcode, van_postcode=van_postcode, gekozen=gekozen)
        return cleaned

    def _vraag_buurt(self, *, postcode, van_postcode, gekozen):
        """Add the question "which buurt is right?" right after the buurt field."""
        vraag = forms.ChoiceField(
            label=_("Welke buurt klopt?"),
            choices=[
                (van_postcode.pk, _("%(buurt)s (hoort bij je postcode)") % {"buurt": van_postcode}),
                (gekozen.pk, _("%(buurt)s (die koos je zelf)") % {"buurt": gekozen}),
            ],
            widget=forms.RadioSelect,
            help_text=_(
                "Woon je op de grens van twee buurten? Kies dan de buurt waar je bij wilt horen. "
                "De buurtassistent van die buurt helpt je."
            ),
        )
        velden = {}
        for naam, veld in self.fields.items():
            velden[naam] = veld
            if naam == "buurt":
                velden["buurt_keuze"] = vraag
        self.fields = velden
        self.add_error(
            "buurt_keuze",
            forms.ValidationError(
                _(
                    "Postcode %(postcode)s hoort bij buurt %(van_postcode)s, maar je koos "
                    "%(gekozen)s. Kies welke buurt klopt. We hebben nog niets opgeslagen."
                ),
                code="buurt_postcode",
                params={"postcode": postcode, "van_postcode": van_postcode, "gekozen": gekozen},
            ),
        )

    def save(self, commit=True):
        profiel = super().save(commit=False)
        profiel.user.first_name = self.cleaned_data["first_name"]
        profiel.user.last_name = self.cleaned_data["last_name"]
        profiel.buurt = self.cleaned_data.get("buurt")
        if commit:
            profiel.user.save(update_fields=["first_name", "last_name"])
            profiel.save()
            self._save_m2m()
        return profiel


class VierVragenForm(forms.ModelForm):
    """Step 'De vier vragen'."""

    class Meta:
        model = Profiel
        fields = [
            "wat_wil_je",
            "kan_categorieen",
            "wat_kun_je",
            "nodig_categorieen",
            "wat_heb_je_nodig",
            "wat_heb_je_te_bieden",
        ]
        widgets = {
            "kan_categorieen": forms.CheckboxSelectMultiple,
            "nodig_categorieen": forms.CheckboxSelectMultiple,
            "wat_wil_je": forms.Textarea(attrs={"rows": 3}),
            "wat_kun_je": forms.Textarea(attrs={"rows": 3}),
            "wat_heb_je_nodig": forms.Textarea(attrs={"rows": 3}),
            "wat_heb_je_te_bieden": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "wat_wil_je": _("Wat wil je?"),
            "kan_categorieen": _("Waar kun je mee helpen?"),
            "wat_kun_je": _("Wat kun je? Vertel er iets over"),
            "nodig_categorieen": _("Waar heb je hulp bij nodig?"),
            "wat_heb_je_nodig": _("Wat heb je nodig? Vertel er iets over"),
            "wat_heb_je_te_bieden": _("Wat heb je te bieden?"),
        }
        help_texts = {
            "wat_wil_je": _("Bijvoorbeeld: nieuwe mensen leren kennen, meer bewegen, iets leren."),
            "wat_kun_je": _("Bijvoorbeeld: ik kan goed koken, ik ben handig met computers."),
            "wat_heb_je_nodig": _(
                "Alleen jij en de buurtassistent lezen dit. Schrijf alleen op wat je kwijt wilt."
            ),
            "wat_heb_je_te_bieden": _(
                "Bijvoorbeeld: tijd op zaterdag, gereedschap, een auto, een ruimte."
            ),
        }


class PraktischForm(forms.ModelForm):
    """Step 'Praktisch': availability, languages, mobility."""

    beschikbaarheid = AvailabilityField(
        label=_("Wanneer kun je meestal?"),
        help_text=_("Kies de dagdelen waarop je meestal tijd hebt. Je kunt dit altijd veranderen."),
    )
    talen = forms.MultipleChoiceField(
        label=_("Welke talen spreek je?"),
        choices=Taal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Profiel
        fields = ["beschikbaarheid", "talen", "heeft_auto", "heeft_fiets"]


class ToestemmingForm(forms.Form):
    toestemming = forms.BooleanField(
        label=_(
            "Ik geef toestemming dat de coöperatie mijn gegevens gebruikt om hulp en activiteiten te regelen."
        ),
        help_text=_(
            "We gebruiken je gegevens alleen hiervoor. Je kunt je toestemming altijd intrekken "
            "en je gegevens downloaden of laten wissen."
        ),
        error_messages={"required": _("Zonder je toestemming kunnen we je profiel niet bewaren.")},
    )


class ProfielForm(OverJouForm):
    """The whole profile on one page (for editing after onboarding)."""

    class Meta(OverJouForm.Meta):
        fields = [*OverJouForm.Meta.fields, *VierVragenForm.Meta.fields, *PraktischForm.Meta.fields]
        widgets = {**OverJouForm.Meta.widgets, **VierVragenForm.Meta.widgets}
        labels = VierVragenForm.Meta.labels
        help_texts = {**OverJouForm.Meta.help_texts, **VierVragenForm.Meta.help_texts}

    beschikbaarheid = PraktischForm.base_fields["beschikbaarheid"]
    talen = PraktischForm.base_fields["talen"]

    # The same three parts as the welcome flow, in the same order.
    sections = (
        (_("Over jou"), ("first_name", "last_name", *OverJouForm.Meta.fields)),
        (_("De vier vragen"), tuple(VierVragenForm.Meta.fields)),
        (_("Praktisch"), tuple(PraktischForm.Meta.fields)),
    )

    def fieldsets(self):
        """The sections' fields; the question "which buurt is right?" (only when the chosen
        buurt and the postcode's differ) right after the buurt."""
        return [
            (
                title,
                [
                    self[naam]
                    for name in names
                    for naam in (name, "buurt_keuze")
                    if naam == name or (name == "buurt" and naam in self.fields)
                ],
            )
            for title, names in self.sections
        ]


class AccountVerwijderenForm(forms.Form):
    bevestiging = forms.CharField(
        label=_("Typ VERWIJDER om te bevestigen"),
        help_text=_("Je kunt dit niet terugdraaien."),
    )

    def clean_bevestiging(self):
        value = self.cleaned_data["bevestiging"].strip().upper()
        if value != "VERWIJDER":
            raise forms.ValidationError(_("Typ het woord VERWIJDER om te bevestigen."))
        return value
