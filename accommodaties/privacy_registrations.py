"""Export and erasure of the data this app keeps about a person (their bookings)."""

from django.utils import timezone

from bewoners import privacy

from .models import AgendaSleutel, Reservering


def _export(user):
    # When the calendar-feed link was made, not the link: its secret is a key, not data.
    agenda_sleutel = AgendaSleutel.objects.filter(user=user).first()
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
            for r in Reservering.objects.van_boeker(user).select_related("accommodatie")
        ],
        "beheerder_van": list(user.beheerde_accommodaties.values_list("naam", flat=True)),
        "agenda_link_gemaakt_op": agenda_sleutel.aangemaakt_op if agenda_sleutel else None,
    }


def _erase(user):
    now = timezone.now()
    # Future bookings free their slot; past ones keep an anonymous skeleton for the figures
    # (facility use), without the words.
    Reservering.objects.filter(
        geboekt_door=user, status__in=Reservering.ACTIEF, begin__gt=now
    ).update(status=Reservering.Status.GEANNULEERD, geannuleerd_op=now)
    Reservering.objects.filter(geboekt_door=user).update(doel="", namens="", reden="")
    user.beheerde_accommodaties.clear()
    AgendaSleutel.objects.filter(user=user).delete()  # the calendar-feed link stops working


privacy.register("accommodaties", export=_export, erase=_erase, order=100)
