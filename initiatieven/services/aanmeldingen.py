"""Signing up, the waiting list and attendance.

Places: signing up and cancelling lock the meeting's row first (``select_for_update`` on
PostgreSQL; on SQLite a write that takes the database's write lock), then count. So two
residents taking the last place at the same moment cannot both get it, and a cancel moves
exactly the first person of the waiting list up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send, melding_send_many
from wijk.lib import datums

from ..models import Aanmelding, Bijeenkomst, Initiatief
from ..permissions import eis_organisator


def wanneer(bijeenkomst: Bijeenkomst) -> str:
    """ "dinsdag 5 maart, 10:00–11:30": the house way (``wijk.lib.datums``)."""
    return datums.tijdvak(bijeenkomst.begin, bijeenkomst.einde)


def _lock(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    """Lock the meeting's row for the rest of the transaction (counts are then stable)."""
    if connection.vendor == "sqlite":
        # SQLite locks the whole database on the first write; a write that changes nothing.
        Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(id=F("id"))
        return Bijeenkomst.objects.select_related("activiteit").get(pk=bijeenkomst.pk)
    return (
        Bijeenkomst.objects.select_for_update(of=("self",))
        .select_related("activiteit")
        .get(pk=bijeenkomst.pk)
    )


def _aantal_aangemeld(bijeenkomst: Bijeenkomst) -> int:
    return bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).count()


@dataclass
class AanmeldUitkomst:
    aanmelding: Aanmelding
    wachtlijst_plek: int | None = None  # 1 = first on the waiting list
    gewijzigd: bool = True
    doorgeschoven: list = field(default_factory=list)


def aanmelding_create(*, bijeenkomst: Bijeenkomst, user, now=None) -> AanmeldUitkomst:
    """Sign ``user`` up; when the meeting is full, onto the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        bijeenkomst = _lock(bijeenkomst)
        activiteit = bijeenkomst.activiteit
        if bijeenkomst.is_geannuleerd:
            raise ValidationError(_("Deze keer gaat niet door."))
        if bijeenkomst.einde <= now:
            raise ValidationError(_("Deze keer is al voorbij."))
        if not activiteit.aanmelden_nodig:
            raise ValidationError(_("Aanmelden is niet nodig. Kom gerust langs!"))
        if activiteit.initiatief.status != Initiatief.Status.ACTIEF:
            raise ValidationError(_("Dit initiatief is nu niet actief."))
        profiel = getattr(user, "profiel", None)
        if profiel is None or not profiel.heeft_toestemming:
            # The organisers see who signed up: that needs the person's consent.
            raise ValidationError(
                _("Geef eerst toestemming in je profiel. Daarna kun je je aanmelden.")
            )
        bestaand = Aanmelding.objects.filter(bijeenkomst=bijeenkomst, user=user).first()
        if bestaand and bestaand.status != Aanmelding.Status.AFGEMELD:
            return AanmeldUitkomst(
                aanmelding=bestaand,
                wachtlijst_plek=_wachtlijst_plek(bestaand),
                gewijzigd=False,
            )
        vol = (
            activiteit.capaciteit is not None
            and _aantal_aangemeld(bijeenkomst) >= activiteit.capaciteit
        )
        status = Aanmelding.Status.WACHTLIJST if vol else Aanmelding.Status.AANGEMELD
        if bestaand:
            bestaand.status, bestaand.aangemeld_op, bestaand.aanwezig = status, now, None
            bestaand.save(update_fields=["status", "aangemeld_op", "aanwezig"])
            aanmelding = bestaand
        else:
            aanmelding = Aanmelding.objects.create(
                bijeenkomst=bijeenkomst, user=user, status=status, aangemeld_op=now
            )
    plek = _wachtlijst_plek(aanmelding)
    params = {"titel": activiteit.titel, "wanneer": wanneer(bijeenkomst), "plek": plek}
    melding_send(
        user,
        "activiteit_aanmelding",
        titel=(
            _("Je staat op de wachtlijst voor %(titel)s op %(wanneer)s")
            if plek
            else _("Je bent aangemeld voor %(titel)s op %(wanneer)s")
        ),
        tekst=(
            _("Je bent nummer %(plek)s. Komt er een plek vrij, dan hoor je het meteen.")
            if plek
            else ""
        ),
        url=bijeenkomst.get_absolute_url(),
        params=params,
    )
    return AanmeldUitkomst(aanmelding=aanmelding, wachtlijst_plek=plek)


def _wachtlijst_plek(aanmelding: Aanmelding) -> int | None:
    if aanmelding.status != Aanmelding.Status.WACHTLIJST:
        return None
    return (
        Aanmelding.objects.filter(
            bijeenkomst_id=aanmelding.bijeenkomst_id,
            status=Aanmelding.Status.WACHTLIJST,
            aangemeld_op__lte=aanmelding.aangemeld_op,
        )
        .exclude(aangemeld_op=aanmelding.aangemeld_op, id__gt=aanmelding.id)
        .count()
    )


def aanmelding_cancel(*, bijeenkomst: Bijeenkomst, user) -> list[Aanmelding]:
    """Cancel ``user``'s sign-up (or place on the waiting list). Returns who moved up."""
    with transaction.atomic():
        bijeenkomst = _lock(bijeenkomst)
        changed = Aanmelding.objects.filter(
            bijeenkomst=bijeenkomst,
            user=user,
            status__in=Aanmelding.ACTIEF,
        ).update(status=Aanmelding.Status.AFGEMELD)
        if not changed:
            raise ValidationError(_("Je was niet aangemeld voor deze keer."))
        doorgeschoven = schuif_door(bijeenkomst, locked=True)
    return doorgeschoven


def schuif_door(bijeenkomst: Bijeenkomst, *, locked: bool = False) -> list[Aanmelding]:
    """Move the first people of the waiting list up while there is room; tell them."""
    if not locked:
        with transaction.atomic():
            return schuif_door(_lock(bijeenkomst), locked=True)
    if bijeenkomst.is_geannuleerd:
        return []  # nobody moves up for a meeting that does not take place
    capaciteit = bijeenkomst.activiteit.capaciteit
    wachtend = bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).order_by(
        "aangemeld_op", "id"
    )
    if capaciteit is not None:
        vrij = capaciteit - _aantal_aangemeld(bijeenkomst)
        if vrij <= 0:
            return []
        wachtend = wachtend[:vrij]
    doorgeschoven = list(wachtend.select_related("user"))
    if not doorgeschoven:
        return []
    Aanmelding.objects.filter(pk__in=[a.pk for a in doorgeschoven]).update(
        status=Aanmelding.Status.AANGEMELD
    )
    params = {"titel": bijeenkomst.activiteit.titel, "wanneer": wanneer(bijeenkomst)}

    def meld():
        melding_send_many(
            [a.user for a in doorgeschoven],
            "activiteit_doorgeschoven",
            titel=_("Er is plek voor je: %(titel)s op %(wanneer)s"),
            tekst=_("Iemand heeft afgezegd. Je bent nu aangemeld. Kun je niet? Zeg dan af."),
            url=bijeenkomst.get_absolute_url(),
            params=params,
        )

    transaction.on_commit(meld)
    return doorgeschoven


def aanwezigheid_save(*, bijeenkomst: Bijeenkomst, door, aanwezig: dict[int, bool | None]) -> int:
    """Organisers mark who came (``{user_id: True/False/None}``), once the meeting has begun."""
    eis_organisator(door, bijeenkomst.activiteit.initiatief)
    if bijeenkomst.is_geannuleerd:
        raise ValidationError(_("Deze keer ging niet door. Er is niets in te vullen."))
    if bijeenkomst.begin > timezone.now():
        raise ValidationError(_("Aanwezigheid vul je in als de activiteit begonnen is."))
    aantal = 0
    with transaction.atomic():
        for user_id, waarde in aanwezig.items():
            aantal += Aanmelding.objects.filter(
                bijeenkomst=bijeenkomst, user_id=user_id, status=Aanmelding.Status.AANGEMELD
            ).update(aanwezig=waarde)
    return aantal
