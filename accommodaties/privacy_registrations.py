"""Export and erasure of the data this app keeps about a person (their bookings)."""

from django.utils import timezone

from bewoners import privacy


def _export(user):
    from .models import Reservering

    return {
        "reserveringen": [
            {
                "accommodatie": r.accommodatie.naam,
                "begin": r.begin,
                "einde": r.einde,
                "aantal_personen": r.aantal_personen,
                "doel": r.doel,
                "namens": r.namens,
                "status": r.status,
                "reden": r.reden,
                "aangevraagd_op": r.aangemaakt_op,
            }
            for r in Reservering.objects.filter(geboekt_door=user).select_related("accommodatie")
        ],
        "beheerder_van": list(user.beheerde_accommodaties.values_list("naam", flat=True)),
    }


def _erase(user):
    from .models import Reservering

    now = timezone.now()
    # Future bookings free their slot; past ones keep an anonymous skeleton for the figures
    # (facility use), without the words.
    Reservering.objects.filter(
        geboekt_door=user, status__in=Reservering.ACTIEF, begin__gt=now
    ).update(status=Reservering.Status.GEANNULEERD, geannuleerd_op=now)
    Reservering.objects.filter(geboekt_door=user).update(doel="", namens="", reden="")
    user.beheerde_accommodaties.clear()


privacy.register("accommodaties", export=_export, erase=_erase, order=100)
