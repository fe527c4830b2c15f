"""Booking many moments at once: a weekly or two-weekly series (``reservering_create_series``)
and a list of moments from another app (``reservering_create_many``, an initiative's
meetings). All or nothing unless ``alleen_vrije``; the keepers get one melding for all requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijk.lib import datums

from ..models import Accommodatie, Reeks, Reservering
from ..permissions import eis_mag_boeken
from .boeken import reservering_create
from .regels import _beheerders_melden, _wanneer, reservering_problemen


@dataclass
class ReeksUitkomst:
    reeks: Reeks | None
    geboekt: list[Reservering] = field(default_factory=list)
    # (date, Dutch reasons) of the dates that could not be booked
    niet_gelukt: list[tuple[date, list[str]]] = field(default_factory=list)

    @property
    def aanvragen(self) -> list[Reservering]:
        """The booked dates that wait for a keeper's decision (the facility needs approval)."""
        return [r for r in self.geboekt if r.status == Reservering.Status.AANGEVRAAGD]


def reeks_data(begin: datetime, *, interval_weken: int, tot_en_met: date) -> list[date]:
    """The dates of a weekly or two-weekly series from ``begin`` up to and including a date."""
    eerste = timezone.localtime(begin).date()
    stap = timedelta(weeks=interval_weken)
    data, dag = [], eerste
    while dag <= tot_en_met:
        data.append(dag)
        dag += stap
    return data


def _op_datum(moment: datetime, dag: date) -> datetime:
    """The same local wall-clock time on another day (keeps 10:00 across daylight saving)."""
    lokaal = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(dag, lokaal.time().replace(tzinfo=None)))


def reservering_create_series(
    *,
    accommodatie: Accommodatie,
    door,
    begin: datetime,
    einde: datetime,
    aantal_personen: int,
    doel: str,
    interval_weken: int,
    tot_en_met: date,
    namens: str = "",
    alleen_vrije: bool = False,
) -> ReeksUitkomst:
    """Book a series. When dates conflict, nothing is booked and ``niet_gelukt`` says which,
    unless ``alleen_vrije``: then the free dates are booked and the rest reported."""
    eis_mag_boeken(door, accommodatie)
    if interval_weken not in (1, 2):
        raise ValidationError({"interval_weken": _("Kies elke week of om de week.")})
    if tot_en_met < timezone.localtime(begin).date():
        raise ValidationError({"tot_en_met": _("De einddatum moet na de eerste datum liggen.")})
    if tot_en_met > timezone.localdate() + timedelta(days=accommodatie.vooruit_dagen):
        raise ValidationError(
            {
                "tot_en_met": _("Zo ver vooruit kun je nog niet boeken: hoogstens %(dagen)s dagen.")
                % {"dagen": accommodatie.vooruit_dagen}
            }
        )
    momenten = [
        (_op_datum(begin, dag), _op_datum(einde, dag))
        for dag in reeks_data(begin, interval_weken=interval_weken, tot_en_met=tot_en_met)
    ]

    def maak_reeks():
        return Reeks.objects.create(
            accommodatie=accommodatie,
            geboekt_door=door,
            interval_weken=interval_weken,
            tot_en_met=tot_en_met,
        )

    uitkomst = _reserveer_momenten(
        accommodatie=accommodatie,
        door=door,
        momenten=momenten,
        aantal_personen=aantal_personen,
        doel=doel,
        namens=namens,
        alleen_vrije=alleen_vrije,
        maak_reeks=maak_reeks,
    )
    aanvragen = uitkomst.aanvragen
    if aanvragen:
        _beheerders_melden(
            accommodatie,
            titel=_("Aanvraag voor %(ruimte)s: een reeks vanaf %(wanneer)s"),
            tekst=_(
                "%(naam)s wil de ruimte vaker boeken: %(doel)s (%(interval)s, tot en met %(tot)s)."
            ),
            params={
                "ruimte": accommodatie.naam,
                "wanneer": _wanneer(aanvragen[0]),
                "naam": door.display_name,
                "doel": aanvragen[0].doel,
                "interval": uitkomst.reeks.get_interval_weken_display(),
                "tot": datums.korte_dag(tot_en_met),
            },
        )
    return uitkomst


def reservering_create_many(
    *,
    accommodatie: Accommodatie,
    door,
    momenten: list[tuple[datetime, datetime]],
    aantal_personen: int,
    doel: str,
    namens: str = "",
    alleen_vrije: bool = False,
) -> ReeksUitkomst:
    """Book the room at each of ``momenten`` (begin, end), with every rule of ``reservering_create``:
    for other apps, such as an initiative's meetings. Like a series: when some moments are
    taken, nothing is booked and ``niet_gelukt`` says which, unless ``alleen_vrije``. The
    keepers get one melding for all requests."""
    eis_mag_boeken(door, accommodatie)
    uitkomst = _reserveer_momenten(
        accommodatie=accommodatie,
        door=door,
        momenten=momenten,
        aantal_personen=aantal_personen,
        doel=doel,
        namens=namens,
        alleen_vrije=alleen_vrije,
    )
    aanvragen = uitkomst.aanvragen
    if aanvragen:
        _beheerders_melden(
            accommodatie,
            titel=_("Aanvraag voor %(ruimte)s: %(doel)s, vanaf %(wanneer)s"),
            tekst=(
                ngettext(
                    "%(naam)s wil de ruimte %(aantal)s keer boeken, namens %(namens)s.",
                    "%(naam)s wil de ruimte %(aantal)s keer boeken, namens %(namens)s.",
                    len(aanvragen),
                )
                if namens
                else ngettext(
                    "%(naam)s wil de ruimte %(aantal)s keer boeken.",
                    "%(naam)s wil de ruimte %(aantal)s keer boeken.",
                    len(aanvragen),
                )
            )
            % {"naam": door.display_name, "aantal": len(aanvragen), "namens": namens},
            params={
                "ruimte": accommodatie.naam,
                "doel": aanvragen[0].doel,
                "wanneer": _wanneer(aanvragen[0]),
            },
        )
    return uitkomst


def _reserveer_momenten(
    *,
    accommodatie,
    door,
    momenten,
    aantal_personen,
    doel,
    namens,
    alleen_vrije,
    maak_reeks=None,
) -> ReeksUitkomst:
    uitkomst = ReeksUitkomst(reeks=None)
    vrij = []
    for b, e in momenten:
        dag = timezone.localtime(b).date()
        fouten = reservering_problemen(
            accommodatie, begin=b, einde=e, aantal_personen=aantal_personen
        )
        if fouten:
            uitkomst.niet_gelukt.append((dag, [str(m) for ms in fouten.values() for m in ms]))
        else:
            vrij.append((dag, b, e))
    if (uitkomst.niet_gelukt and not alleen_vrije) or not vrij:
        return uitkomst
    with transaction.atomic():
        if maak_reeks is not None:
            uitkomst.reeks = maak_reeks()
        for dag, b, e in vrij:
            try:
                with transaction.atomic():
                    uitkomst.geboekt.append(
                        reservering_create(
                            accommodatie=accommodatie,
                            door=door,
                            begin=b,
                            einde=e,
                            aantal_personen=aantal_personen,
                            doel=doel,
                            namens=namens,
                            reeks=uitkomst.reeks,
                            melden=False,
                        )
                    )
            except ValidationError as exc:  # taken in the meantime
                uitkomst.niet_gelukt.append((dag, exc.messages))
    return uitkomst
