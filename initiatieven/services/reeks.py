"""Signing up for every coming meeting of a series at once, and cancelling them at once.

The same rules as for one meeting (``aanmeldingen``): the activity needs signing up, the
initiative is active, the person gave consent; a meeting that is full puts the person on its
waiting list. All in one transaction, with the coming meetings' rows locked first (in time
order, as one sign-up locks its one row), so places cannot be taken twice. A fixed number of
queries, whatever the number of meetings; only the notices to people who move up from a
waiting list cost a bulk insert per meeting where someone moves up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send, melding_send_many
from wijk.lib import datums

from ..models import Aanmelding, Activiteit, Bijeenkomst, Initiatief
from .aanmeldingen import wanneer


@dataclass
class ReeksUitkomst:
    aangemeld: list[Bijeenkomst] = field(default_factory=list)  # newly signed up
    wachtlijst: list[Bijeenkomst] = field(default_factory=list)  # full: on the waiting list
    al: int = 0  # already signed up or on the waiting list before
    afgemeld: int = 0  # cancelled (``reeks_afmelden``)


def komende_keren(activiteit: Activiteit, now=None):
    """The meetings of ``activiteit`` one can still sign up for: planned, not ended."""
    return Bijeenkomst.objects.filter(
        activiteit=activiteit,
        status=Bijeenkomst.Status.GEPLAND,
        einde__gt=now or timezone.now(),
    ).order_by("begin", "id")


def _lock_alle(activiteit: Activiteit, now) -> list[Bijeenkomst]:
    """Lock the coming meetings' rows for the rest of the transaction; in time order."""
    keren = komende_keren(activiteit, now)
    if connection.vendor == "sqlite":
        # SQLite locks the whole database on the first write; a write that changes nothing.
        Bijeenkomst.objects.filter(pk__in=keren.values("pk")).update(id=F("id"))
        return list(keren)
    return list(keren.select_for_update(of=("self",)))


def _eis_aanmelden_kan(activiteit: Activiteit, user) -> None:
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


def reeks_aanmelden(*, activiteit: Activiteit, user, now=None) -> ReeksUitkomst:
    """Sign ``user`` up for every coming meeting of ``activiteit``; onto the waiting list of
    those that are full. Meetings they were signed up for already stay as they are."""
    now = now or timezone.now()
    _eis_aanmelden_kan(activiteit, user)
    uitkomst = ReeksUitkomst()
    with transaction.atomic():
        keren = _lock_alle(activiteit, now)
        if not keren:
            raise ValidationError(_("Er komen geen keren meer."))
        ids = [keer.pk for keer in keren]
        aangemeld = dict(
            Aanmelding.objects.filter(bijeenkomst__in=ids, status=Aanmelding.Status.AANGEMELD)
            .order_by()
            .values("bijeenkomst")
            .annotate(n=Count("id"))
            .values_list("bijeenkomst", "n")
        )
        eigen = {
            a.bijeenkomst_id: a for a in Aanmelding.objects.filter(bijeenkomst__in=ids, user=user)
        }
        nieuw, opnieuw = [], []
        for keer in keren:
            bestaand = eigen.get(keer.pk)
            if bestaand and bestaand.status != Aanmelding.Status.AFGEMELD:
                uitkomst.al += 1
                continue
            vol = (
                activiteit.capaciteit is not None
                and aangemeld.get(keer.pk, 0) >= activiteit.capaciteit
            )
            status = Aanmelding.Status.WACHTLIJST if vol else Aanmelding.Status.AANGEMELD
            (uitkomst.wachtlijst if vol else uitkomst.aangemeld).append(keer)
            if bestaand:
                bestaand.status, bestaand.aangemeld_op, bestaand.aanwezig = status, now, None
                opnieuw.append(bestaand)
            else:
                nieuw.append(
                    Aanmelding(bijeenkomst=keer, user=user, status=status, aangemeld_op=now)
                )
        if opnieuw:
            Aanmelding.objects.bulk_update(opnieuw, ["status", "aangemeld_op", "aanwezig"])
        if nieuw:
            Aanmelding.objects.bulk_create(nieuw)
    if uitkomst.aangemeld or uitkomst.wachtlijst:
        _meld_aanmelding(activiteit, user, uitkomst)
    return uitkomst


def _meld_aanmelding(activiteit: Activiteit, user, uitkomst: ReeksUitkomst) -> None:
    """One notice for the whole series (not one per meeting), as the one sign-up's kind."""
    tekst = ""
    if uitkomst.wachtlijst:
        tekst = _(
            "Deze keren waren vol. Daar sta je op de wachtlijst: %(vol)s. Komt er een plek "
            "vrij, dan hoor je het meteen."
        )
    melding_send(
        user,
        "activiteit_aanmelding",
        titel=_("Je bent aangemeld voor %(titel)s. Aantal keren: %(aantal)s"),
        tekst=tekst,
        url=activiteit.get_absolute_url(),
        params={
            "titel": activiteit.titel,
            "aantal": len(uitkomst.aangemeld) + len(uitkomst.wachtlijst),
            "vol": ", ".join(wanneer(keer) for keer in uitkomst.wachtlijst),
        },
    )


def reeks_afmelden(*, activiteit: Activiteit, user, now=None) -> ReeksUitkomst:
    """Cancel ``user``'s sign-ups (and places on waiting lists) for every coming meeting of
    ``activiteit``. Where a place comes free, the first of the waiting list moves up and
    hears it."""
    now = now or timezone.now()
    uitkomst = ReeksUitkomst()
    with transaction.atomic():
        keren = {keer.pk: keer for keer in _lock_alle(activiteit, now)}
        eigen = Aanmelding.objects.filter(
            bijeenkomst__in=list(keren), user=user, status__in=Aanmelding.ACTIEF
        )
        vrijgekomen = set(
            eigen.filter(status=Aanmelding.Status.AANGEMELD).values_list("bijeenkomst", flat=True)
        )
        uitkomst.afgemeld = eigen.update(status=Aanmelding.Status.AFGEMELD)
        if not uitkomst.afgemeld:
            raise ValidationError(_("Je was voor geen van de komende keren aangemeld."))
        doorgeschoven = _schuif_door_alle([keren[pk] for pk in sorted(vrijgekomen)], activiteit)
    for keer, wie in doorgeschoven:
        melding_send_many(
            wie,
            "activiteit_doorgeschoven",
            titel=_("Er is plek voor je: %(titel)s op %(wanneer)s"),
            tekst=_("Iemand heeft afgezegd. Je bent nu aangemeld. Kun je niet? Zeg dan af."),
            url=keer.get_absolute_url(),
            params={"titel": activiteit.titel, "wanneer": wanneer(keer)},
        )
    return uitkomst


def _schuif_door_alle(keren: list[Bijeenkomst], activiteit: Activiteit) -> list[tuple]:
    """Move the first of each waiting list up while there is room, for all ``keren`` at once
    (their rows are locked). Returns (meeting, [users]) per meeting where someone moved up."""
    if not keren:
        return []
    ids = [keer.pk for keer in keren]
    aangemeld = dict(
        Aanmelding.objects.filter(bijeenkomst__in=ids, status=Aanmelding.Status.AANGEMELD)
        .order_by()
        .values("bijeenkomst")
        .annotate(n=Count("id"))
        .values_list("bijeenkomst", "n")
    )
    wachtend = (
        Aanmelding.objects.filter(bijeenkomst__in=ids, status=Aanmelding.Status.WACHTLIJST)
        .select_related("user")
        .order_by("bijeenkomst", "aangemeld_op", "id")
    )
    per_keer: dict[int, list[Aanmelding]] = {}
    for aanmelding in wachtend:
        per_keer.setdefault(aanmelding.bijeenkomst_id, []).append(aanmelding)
    omhoog, uitkomst = [], []
    for keer in keren:
        rij = per_keer.get(keer.pk, [])
        if activiteit.capaciteit is not None:
            rij = rij[: max(activiteit.capaciteit - aangemeld.get(keer.pk, 0), 0)]
        if rij:
            omhoog += [a.pk for a in rij]
            uitkomst.append((keer, [a.user for a in rij]))
    if omhoog:
        Aanmelding.objects.filter(pk__in=omhoog).update(status=Aanmelding.Status.AANGEMELD)
    return uitkomst


def dagen(keren: list[Bijeenkomst]) -> str:
    """ "dinsdag 5 maart, dinsdag 12 maart": the days of ``keren``, for a message."""
    return ", ".join(datums.dag_tijd(keer.begin) for keer in keren)
