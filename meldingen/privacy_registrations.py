"""Export and erasure of the data the ``meldingen`` app keeps (imported by ``apps.ready``)."""

from bewoners import privacy

from .models import Instellingen, Melding, Voorkeur


def _export(user):
    return {
        "meldingen": list(
            Melding.objects.for_user(user).values(
                "soort",
                "titel",
                "tekst",
                "url",
                "aangemaakt_op",
                "gelezen_op",
                "email_verzonden_op",
            )
        ),
        "voorkeuren": {v.soort: v.kanaal for v in Voorkeur.objects.filter(user=user)},
        "dagelijkse_samenvatting": Instellingen.objects.filter(
            user=user, dagelijkse_samenvatting=True
        ).exists(),
    }


def _erase(user):
    Melding.objects.filter(ontvanger=user).delete()
    Voorkeur.objects.filter(user=user).delete()
    Instellingen.objects.filter(user=user).delete()


privacy.register("meldingen", export=_export, erase=_erase, order=500)
