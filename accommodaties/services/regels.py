"""The booking rules, checked in Python before every insert or move, and the small pieces the
booking services share (the lock on SQLite, a booking's time as text, the melding to the keepers or
the booker)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import DatabaseError, IntegrityError, connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send, melding_send_many
from wijk.lib import datums

from ..models import Accommodatie, Reservering

BEZET = _("Deze tijd is al bezet. Kies een andere tijd; in de agenda zie je wat nog vrij is.")


def reservering_problemen(
    accommodatie: Accommodatie,
    *,
    begin: datetime,
    einde: datetime,
    aantal_personen: int,
    now: datetime | None = None,
    negeer: Reservering | None = None,
) -> dict[str, list]:
    """Every rule a booking breaks, as ``{field: [Dutch message, ...]}``; empty when fine."""
    now = now or timezone.now()
    fouten: dict[str, list] = {}

    def fout(veld, bericht):
        fouten.setdefault(veld, []).append(bericht)

    if timezone.is_naive(begin) or timezone.is_naive(einde):
        raise ValueError("begin en einde moeten een tijdzone hebben")
    if einde <= begin:
        fout("einde", _("Het einde moet na het begin liggen."))
        return fouten
    if begin < now:
        fout("begin", _("Dit moment is al voorbij. Kies een tijd in de toekomst."))
    if begin > now + timedelta(days=accommodatie.vooruit_dagen):
        fout(
            "begin",
            _("Zo ver vooruit kun je nog niet boeken: hoogstens %(dagen)s dagen.")
            % {"dagen": accommodatie.vooruit_dagen},
        )
    minuten = (einde - begin).total_seconds() / 60
    if minuten < accommodatie.min_duur_minuten:
        fout(
            "einde",
            _("Boek minstens %(min)s minuten.") % {"min": accommodatie.min_duur_minuten},
        )
    if minuten > accommodatie.max_duur_minuten:
        fout(
            "einde",
            _("Boek hoogstens %(max)s minuten achter elkaar.")
            % {"max": accommodatie.max_duur_minuten},
        )
    if aantal_personen is None or aantal_personen < 1:
        fout("aantal_personen", _("Met hoeveel mensen kom je? Vul minstens 1 in."))
    elif aantal_personen > accommodatie.capaciteit:
        fout(
            "aantal_personen",
            _("Er passen hoogstens %(max)s mensen in deze ruimte.")
            % {"max": accommodatie.capaciteit},
        )
    if not binnen_openingstijden(accommodatie, begin, einde):
        fout("begin", _("De ruimte is dan niet open. Kijk bij de openingstijden."))
    sluiting = accommodatie.sluitingen.filter(van__lt=einde, tot__gt=begin).first()
    if sluiting is not None:
        fout(
            "begin",
            _("De ruimte is dan dicht: %(reden)s.") % {"reden": sluiting.reden or _("gesloten")},
        )
    bezet = Reservering.objects.overlapt(accommodatie, begin, einde + accommodatie.buffer)
    # The other side's buffer counts too: it occupies up to its own ``bezet_tot``.
    if negeer is not None:
        bezet = bezet.exclude(pk=negeer.pk)
    if bezet.exists():
        fout("begin", BEZET)
    return fouten


def binnen_openingstijden(accommodatie: Accommodatie, begin: datetime, einde: datetime) -> bool:
    """Does ``[begin, einde)`` fall within one opening period of that day (local time)?"""
    lokaal_begin = timezone.localtime(begin)
    lokaal_einde = timezone.localtime(einde)
    if lokaal_einde.date() != lokaal_begin.date():
        return False
    return accommodatie.openingstijden.filter(
        weekdag=lokaal_begin.weekday(), van__lte=lokaal_begin.time(), tot__gte=lokaal_einde.time()
    ).exists()


def is_botsing(exc: DatabaseError) -> bool:
    """Did the database refuse a write because another booking took the slot at the same
    moment? The exclusion constraint says so (IntegrityError); and two transactions that insert
    overlapping bookings at once may each wait for the other's row, so PostgreSQL ends one of
    them as a deadlock (SQLSTATE 40P01; its docs warn of this for exclusion constraints). The
    other one commits and holds the slot: for this booking the answer is the same, "taken"."""
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.__cause__, "sqlstate", None) == "40P01"


def _lock_for_check(accommodatie: Accommodatie) -> None:
    """On SQLite: take the write lock now, so the check and the insert run one at a time."""
    if connection.vendor == "sqlite":
        # A write that changes nothing (not even "bijgewerkt op") but takes the lock.
        Accommodatie.objects.filter(pk=accommodatie.pk).update(id=F("id"))


def _wanneer(reservering: Reservering) -> str:
    """ "dinsdag 5 maart, 10:00–12:00" (``wijk.lib.datums``)."""
    return datums.tijdvak(reservering.begin, reservering.einde)


def _beheerders_melden(
    accommodatie: Accommodatie, *, titel, tekst, params: dict, behalve=None
) -> None:
    """One melding ("reservering_aanvraag", linking to the keepers' page) to the active keepers
    of ``accommodatie``, apart from ``behalve`` (the keeper who did it)."""
    beheerders = accommodatie.beheerders.filter(is_active=True)
    if behalve is not None:
        beheerders = beheerders.exclude(pk=behalve.pk)
    melding_send_many(
        beheerders,
        "reservering_aanvraag",
        titel=titel,
        tekst=tekst,
        url=reverse("accommodaties:beheer"),
        params=params,
    )


def _boeker_melden(reservering: Reservering, *, titel, tekst, params: dict) -> None:
    """One melding ("reservering_besluit", linking to the booking) to its booker."""
    melding_send(
        reservering.geboekt_door,
        "reservering_besluit",
        titel=titel,
        tekst=tekst,
        url=reservering.get_absolute_url(),
        params=params,
    )
