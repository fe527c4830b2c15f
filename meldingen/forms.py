from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import services, soorten
from .models import Instellingen, Voorkeur

KANAAL_FOUTEN = {
    "required": _("Kies hoe je dit wilt horen."),
    "invalid_choice": _("Kies een van de mogelijkheden hieronder."),
}


def field_name(soort) -> str:
    return f"kanaal_{soort.code}"


class VoorkeurenForm(forms.Form):
    """Per kind of melding that concerns the person a choice of channel, plus the daily digest.

    Only the kinds that concern the person in this coöperatie (``soorten.voor_persoon``) are
    fields; the preferences of the other kinds stay as they are.
    """

    dagelijkse_samenvatting = forms.BooleanField(
        required=False,
        label=_("Stuur mij één e-mail per dag met alles bij elkaar"),
        help_text=_(
            "Dan krijg je niet bij elke melding meteen een e-mail, maar elke ochtend één overzicht."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.soorten = soorten.voor_persoon(user)
        gekozen = dict(Voorkeur.objects.filter(user=user).values_list("soort", "kanaal"))
        for soort in self.soorten:
            kanalen = soort.kanalen
            keuze = gekozen.get(soort.code, soort.standaard)
            self.fields[field_name(soort)] = forms.ChoiceField(
                label=soort.label,
                help_text=soort.beschrijving,
                choices=kanalen,
                widget=forms.RadioSelect,
                initial=keuze if keuze in dict(kanalen) else soort.standaard,
                error_messages=KANAAL_FOUTEN,
            )
        self.fields["dagelijkse_samenvatting"].initial = Instellingen.objects.filter(
            user=user, dagelijkse_samenvatting=True
        ).exists()
        self.order_fields([*(field_name(s) for s in self.soorten), "dagelijkse_samenvatting"])

    def groepen(self) -> list[dict]:
        """The kinds' fields under their headings, in the order of ``soorten.Groep``."""
        groepen: list[dict] = []
        for soort in self.soorten:
            if not groepen or groepen[-1]["code"] != soort.groep:
                groepen.append(
                    {"code": soort.groep, "kop": soorten.Groep(soort.groep).label, "velden": []}
                )
            groepen[-1]["velden"].append({"soort": soort, "veld": self[field_name(soort)]})
        return groepen

    def save(self) -> None:
        """Store only what changed, so a kind never touched keeps following its default."""
        with transaction.atomic():
            for soort in self.soorten:
                name = field_name(soort)
                if name in self.changed_data:
                    services.voorkeur_set(self.user, soort.code, self.cleaned_data[name])
            if "dagelijkse_samenvatting" in self.changed_data:
                services.samenvatting_set(
                    self.user, aan=self.cleaned_data["dagelijkse_samenvatting"]
                )
