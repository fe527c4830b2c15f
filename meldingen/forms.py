from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import services, soorten
from .models import Instellingen, Kanaal, Voorkeur

KANAAL_FOUTEN = {
    "required": _("Kies hoe je dit wilt horen."),
    "invalid_choice": _("Kies een van de mogelijkheden hieronder."),
}


def field_name(soort) -> str:
    return f"kanaal_{soort.code}"


class VoorkeurenForm(forms.Form):
    """Per kind of melding a choice of channel, plus the daily digest."""

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
        self.soorten = soorten.all_soorten()
        gekozen = dict(Voorkeur.objects.filter(user=user).values_list("soort", "kanaal"))
        for soort in self.soorten:
            self.fields[field_name(soort)] = forms.ChoiceField(
                label=soort.label,
                help_text=soort.beschrijving,
                choices=Kanaal.choices,
                widget=forms.RadioSelect,
                initial=gekozen.get(soort.code, soort.standaard),
                error_messages=KANAAL_FOUTEN,
            )
        self.fields["dagelijkse_samenvatting"].initial = Instellingen.objects.filter(
            user=user, dagelijkse_samenvatting=True
        ).exists()
        self.order_fields([*(field_name(s) for s in self.soorten), "dagelijkse_samenvatting"])

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
