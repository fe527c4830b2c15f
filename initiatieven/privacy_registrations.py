"""Export and erasure of the data this app keeps about a person.

Export: memberships (with the person's choices), the initiatives they organise, the
activities they created and every sign-up with its status and attendance.

Erasure:

- memberships are deleted, and the person is no longer an organiser; an initiative left
  without organisers stays (its members and history are other people's too) but is paused
  until someone takes it over;
- sign-ups for meetings still to come are cancelled through ``services.aanmelding_cancel``, so the
  first on the waiting list moves up (and hears so);
- sign-ups of meetings that have begun stay, without anything about the person, as the
  attendance figures of reports: they point to the anonymised account.
"""

from django.utils import timezone

from bewoners import privacy

from . import services
from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap


def _export(user):
    return {
        "lidmaatschappen": [
            {
                "initiatief": lid.initiatief.naam,
                "status": lid.status,
                "aangevraagd_op": lid.aangemaakt_op,
                "lid_sinds": lid.lid_sinds,
                "toon_naam_en_contact": lid.toon_naam_en_contact,
                "nieuwe_activiteiten_melden": lid.nieuwe_activiteiten_melden,
            }
            for lid in Lidmaatschap.objects.filter(user=user)
            .select_related("initiatief")
            .order_by("aangemaakt_op", "pk")
        ],
        "organisator_van": list(
            user.georganiseerde_initiatieven.order_by("naam").values_list("naam", flat=True)
        ),
        "activiteiten_aangemaakt": [
            {"initiatief": a.initiatief.naam, "titel": a.titel, "aangemaakt_op": a.aangemaakt_op}
            for a in Activiteit.objects.filter(aangemaakt_door=user)
            .select_related("initiatief")
            .order_by("aangemaakt_op", "pk")
        ],
        "aanmeldingen": [
            {
                "initiatief": a.bijeenkomst.activiteit.initiatief.naam,
                "activiteit": a.bijeenkomst.activiteit.titel,
                "begin": a.bijeenkomst.begin,
                "einde": a.bijeenkomst.einde,
                "status": a.status,
                "aangemeld_op": a.aangemeld_op,
                "aanwezig": a.aanwezig,
            }
            for a in Aanmelding.objects.filter(user=user)
            .select_related("bijeenkomst__activiteit__initiatief")
            .order_by("bijeenkomst__begin", "pk")
        ],
    }


def _erase(user):
    now = timezone.now()
    S = Aanmelding.Status
    komend = Aanmelding.objects.filter(
        user=user, status__in=Aanmelding.ACTIEF, bijeenkomst__begin__gt=now
    )
    # Meetings that go on: cancel as the person would, so the waiting list moves up.
    for aanmelding in komend.filter(bijeenkomst__status=Bijeenkomst.Status.GEPLAND).select_related(
        "bijeenkomst"
    ):
        services.aanmelding_cancel(bijeenkomst=aanmelding.bijeenkomst, user=user)
    # Meetings that do not go on: nobody moves up (and nobody is told there is a place).
    komend.update(status=S.AFGEMELD)

    georganiseerd = list(user.georganiseerde_initiatieven.values_list("pk", flat=True))
    user.georganiseerde_initiatieven.clear()
    Initiatief.objects.filter(
        pk__in=georganiseerd, status=Initiatief.Status.ACTIEF, organisatoren__isnull=True
    ).update(status=Initiatief.Status.GEPAUZEERD)
    Lidmaatschap.objects.filter(user=user).delete()
    # The activities stay; who created them is not kept.
    Activiteit.objects.filter(aangemaakt_door=user).update(aangemaakt_door=None)


privacy.register("initiatieven", export=_export, erase=_erase, order=100)
