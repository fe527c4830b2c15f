"""Export and erasure of the data this app keeps about a person."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bewoners import privacy
from meldingen.services import melding_send, meldingen_forget

from . import services
from .models import Aanbod, Hulpvraag, Match


def _export(user):
    return {
        "hulpvragen": [
            {
                "titel": h.titel,
                "categorie": h.categorie.naam,
                "beschrijving": h.beschrijving,
                "prive_details": h.prive_details,
                "wanneer": h.wanneer,
                "datum": h.datum,
                "tijd_van": h.tijd_van,
                "tijd_tot": h.tijd_tot,
                "uiterlijk": h.uiterlijk,
                "weekdag": h.weekdag,
                "herhalen_tot": h.herhalen_tot,
                "urgentie": h.urgentie,
                "status": h.status,
                "geplaatst_op": h.aangemaakt_op,
                "ingevoerd_door_buurtassistent": h.ingevoerd_door_id is not None,
            }
            for h in Hulpvraag.objects.filter(aanvrager=user).select_related("categorie")
        ],
        "aanbod": [
            {
                "titel": a.titel,
                "beschrijving": a.beschrijving,
                "onderwerpen": [c.naam for c in a.categorieen.all()],
                "bereik": a.bereik,
                "actief": a.actief,
                "max_per_week": a.max_per_week,
                "geplaatst_op": a.aangemaakt_op,
            }
            for a in Aanbod.objects.filter(helper=user).prefetch_related("categorieen")
        ],
        "matches": [
            {
                "hulpvraag": m.hulpvraag.titel,
                "rol": "helper" if m.helper_id == user.pk else "aanvrager",
                "status": m.status,
                "waarom": m.uitleg,
                "voorgesteld_op": m.aangemaakt_op,
                "geaccepteerd_op": m.geaccepteerd_op,
                "afgerond_op": m.afgerond_op,
                "uren": m.uren,
                "bedankje": m.bedankje,
                "reden": m.reden if m.helper_id == user.pk else "",
            }
            for m in Match.objects.van(user).select_related("hulpvraag")
        ],
    }


def _forget_in_others_inboxes(user) -> int:
    """Meldingen of other people about this person's requests and matches lose their words.

    Their titles quote the request or name the person ("Henk helpt je met ..."). The melding
    itself stays (it is part of the other person's history), with a neutral title.
    """
    urls = [
        *(h.get_absolute_url() for h in Hulpvraag.objects.filter(aanvrager=user).only("pk")),
        *(m.get_absolute_url() for m in Match.objects.van(user).only("pk")),
    ]
    return meldingen_forget(
        urls=urls, behalve=user, titel=str(_("Bericht over een account dat is verwijderd"))
    )


def _erase(user):
    now = timezone.now()
    _forget_in_others_inboxes(user)
    # Waiting proposals and agreed helps end; the other side keeps a record without free text.
    ending = list(
        Match.objects.van(user)
        .lopend()
        .select_related("hulpvraag", "hulpvraag__aanvrager", "helper")
    )
    Match.objects.filter(pk__in=[m.pk for m in ending]).update(
        status=Match.Status.GEANNULEERD, geannuleerd_op=now
    )
    for match in ending:
        if match.helper_id != user.pk:
            if match.status == Match.Status.GEACCEPTEERD:  # the requester leaves: tell the helper
                melding_send(
                    match.helper,
                    "hulp_geannuleerd",
                    titel=gettext_lazy("Een afspraak om te helpen gaat niet door"),
                    tekst=gettext_lazy("De aanvrager is niet meer actief. Dank je wel!"),
                    url=match.get_absolute_url(),
                )
            continue
        # The helper leaves someone else's request: it must not stay 'gematcht' without a
        # helper. It opens again, the requester is told, and matching looks for someone else.
        hulpvraag = match.hulpvraag
        if match.status == Match.Status.GEACCEPTEERD:
            Hulpvraag.objects.filter(pk=hulpvraag.pk, status=Hulpvraag.Status.GEMATCHT).update(
                status=Hulpvraag.Status.OPEN, gematcht_op=None
            )
            melding_send(
                hulpvraag.aanvrager,
                "hulp_geannuleerd",
                titel=gettext_lazy("De afspraak voor '%(titel)s' gaat niet door"),
                tekst=gettext_lazy("De helper is niet meer actief. We zoeken iemand anders."),
                url=hulpvraag.get_absolute_url(),
                params={"titel": hulpvraag.titel},
            )
        if Hulpvraag.objects.filter(pk=hulpvraag.pk, status=Hulpvraag.Status.OPEN).exists():
            services.hulpvraag_queue_matching(hulpvraag)
    Match.objects.van(user).update(bedankje="", reden="", uitleg=[])
    # Requests keep an anonymous skeleton (categorie, buurt, dates, status) for the figures;
    # every free text goes. Open ones are withdrawn.
    Hulpvraag.objects.van(user).lopend().update(
        status=Hulpvraag.Status.INGETROKKEN, ingetrokken_op=now
    )
    Hulpvraag.objects.filter(aanvrager=user).update(
        titel=str(_("(verwijderd)")), beschrijving="", prive_details=""
    )
    Aanbod.objects.filter(helper=user).delete()


privacy.register("hulpvragen", export=_export, erase=_erase, order=100)
