"""Activities and their meetings: planning (one-off or a series), changing, cancelling and
moving one meeting. Who signed up hears of every change; a meeting's room booking follows it
(``ruimtes``)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meldingen.services import melding_send_many

from ..models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from ..permissions import eis_organisator
from .aanmeldingen import schuif_door, wanneer
from .herhaling import MAX_VOORUIT, herhaal_momenten, regel_voor
from .ruimtes import bijeenkomst_ruimte_sync


def _check_tijden(begin, einde, herhaling, tot_en_met, *, now) -> dict:
    fouten: dict[str, list] = {}

    def fout(veld, bericht):
        fouten.setdefault(veld, []).append(bericht)

    if einde <= begin:
        fout("einde", _("Het einde moet na het begin liggen."))
    if begin < now:
        fout("begin", _("Dit moment is al voorbij. Kies een tijd in de toekomst."))
    if begin > now + MAX_VOORUIT:
        fout("begin", _("Plan hoogstens twee jaar vooruit."))
    if herhaling != Activiteit.Herhaling.GEEN:
        if tot_en_met is None:
            fout("tot_en_met", _("Tot wanneer herhaalt het? Kies een einddatum."))
        elif tot_en_met < timezone.localtime(begin).date():
            fout("tot_en_met", _("De einddatum moet na de eerste keer liggen."))
        elif tot_en_met > (now + MAX_VOORUIT).date():
            fout(
                "tot_en_met",
                _("Een reeks loopt hoogstens twee jaar vooruit. Kies een eerdere einddatum."),
            )
    return fouten


def activiteit_create(
    *,
    initiatief: Initiatief,
    door,
    titel: str,
    begin: datetime,
    einde: datetime,
    beschrijving: str = "",
    locatie: str = "",
    accommodatie=None,
    capaciteit: int | None = None,
    aanmelden_nodig: bool = True,
    herhaling: str = Activiteit.Herhaling.GEEN,
    tot_en_met: date | None = None,
    now: datetime | None = None,
) -> Activiteit:
    eis_organisator(door, initiatief)
    now = now or timezone.now()
    if herhaling == Activiteit.Herhaling.GEEN:
        tot_en_met = None
    fouten = _check_tijden(begin, einde, herhaling, tot_en_met, now=now)
    if capaciteit is not None and capaciteit < 1:
        fouten.setdefault("capaciteit", []).append(_("Vul minstens 1 in, of laat het leeg."))
    if fouten:
        raise ValidationError(fouten)
    activiteit = Activiteit(
        initiatief=initiatief,
        titel=(titel or "").strip(),
        beschrijving=(beschrijving or "").strip(),
        locatie=(locatie or "").strip(),
        accommodatie=accommodatie,
        capaciteit=capaciteit,
        aanmelden_nodig=aanmelden_nodig,
        herhaling=herhaling,
        tot_en_met=tot_en_met,
        regel=regel_voor(herhaling, tot_en_met, begin),
        aangemaakt_door=door,
    )
    activiteit.full_clean(exclude=["aangemaakt_door"])
    with transaction.atomic():
        activiteit.save()
        Bijeenkomst.objects.bulk_create(
            Bijeenkomst(activiteit=activiteit, begin=b, einde=e, volgens_regel=b)
            for b, e in herhaal_momenten(begin, einde, activiteit.regel)
        )
    eerste = activiteit.bijeenkomsten.order_by("begin").first()
    ontvangers = list(
        initiatief.leden.filter(
            is_active=True,
            lidmaatschappen__initiatief=initiatief,
            lidmaatschappen__status=Lidmaatschap.Status.LID,
            lidmaatschappen__nieuwe_activiteiten_melden=True,
        ).exclude(pk=door.pk)
    )  # the members at this moment
    transaction.on_commit(
        lambda: melding_send_many(
            ontvangers,
            "activiteit_nieuw",
            titel=_("Nieuw bij %(initiatief)s: %(titel)s"),
            tekst=_("De eerste keer is op %(wanneer)s."),
            url=activiteit.get_absolute_url(),
            params={
                "initiatief": initiatief.naam,
                "titel": activiteit.titel,
                "wanneer": wanneer(eerste),
            },
        )
    )
    return activiteit


def activiteit_update(
    *,
    activiteit: Activiteit,
    door,
    titel: str,
    beschrijving: str = "",
    locatie: str = "",
    capaciteit: int | None = None,
    aanmelden_nodig: bool = True,
) -> Activiteit:
    """Words, place and number of places. The times of single meetings change with
    ``bijeenkomst_move``; a lower number of places may not push people out.

    ``activiteit`` must still hold the stored values (do not let a ModelForm write the new
    capacity onto it first): the old capacity decides whether the waiting lists move up."""
    eis_organisator(door, activiteit.initiatief)
    if capaciteit is not None:
        if capaciteit < 1:
            raise ValidationError({"capaciteit": [_("Vul minstens 1 in, of laat het leeg.")]})
        drukste = (
            activiteit.bijeenkomsten.komend()
            .met_tellingen()
            .order_by("-aantal_aangemeld")
            .values_list("aantal_aangemeld", flat=True)
            .first()
        )
        if drukste and capaciteit < drukste:
            raise ValidationError(
                {
                    "capaciteit": [
                        ngettext(
                            "Er is al %(aantal)s persoon aangemeld voor een van de keren. Kies "
                            "minstens %(aantal)s plek, of vraag mensen eerst af te zeggen.",
                            "Er zijn al %(aantal)s mensen aangemeld voor een van de keren. Kies "
                            "minstens %(aantal)s plekken, of vraag mensen eerst af te zeggen.",
                            drukste,
                        )
                        % {"aantal": drukste}
                    ]
                }
            )
    activiteit.titel = (titel or "").strip()
    activiteit.beschrijving = (beschrijving or "").strip()
    activiteit.locatie = (locatie or "").strip()
    activiteit.aanmelden_nodig = aanmelden_nodig
    oud = activiteit.capaciteit
    activiteit.capaciteit = capaciteit
    activiteit.full_clean(exclude=["aangemaakt_door"])
    activiteit.save()
    if capaciteit is None or (oud is not None and capaciteit > oud):
        for bijeenkomst in activiteit.bijeenkomsten.komend():
            schuif_door(bijeenkomst)
    return activiteit


def bijeenkomst_cancel(*, bijeenkomst: Bijeenkomst, door, reden: str = "") -> Bijeenkomst:
    eis_organisator(door, bijeenkomst.activiteit.initiatief)
    changed = Bijeenkomst.objects.filter(
        pk=bijeenkomst.pk, status=Bijeenkomst.Status.GEPLAND
    ).update(status=Bijeenkomst.Status.GEANNULEERD, reden=(reden or "").strip()[:300])
    if not changed:
        raise ValidationError(_("Deze keer gaat al niet door."))
    bijeenkomst.refresh_from_db()
    _meld_aangemelden(
        bijeenkomst,
        titel=_("%(titel)s op %(wanneer)s gaat niet door"),
        tekst=_("Reden: %(reden)s") if bijeenkomst.reden else "",
    )
    # The room is given back; what could not be done is told to the organiser.
    bijeenkomst.ruimte_bericht = bijeenkomst_ruimte_sync(bijeenkomst, door=door, geannuleerd=True)
    return bijeenkomst


def bijeenkomst_move(
    *, bijeenkomst: Bijeenkomst, door, begin: datetime, einde: datetime, now=None
) -> Bijeenkomst:
    eis_organisator(door, bijeenkomst.activiteit.initiatief)
    now = now or timezone.now()
    if bijeenkomst.is_geannuleerd:
        raise ValidationError(_("Deze keer gaat niet door. Verplaatsen kan dan niet."))
    fouten = _check_tijden(begin, einde, Activiteit.Herhaling.GEEN, None, now=now)
    if fouten:
        raise ValidationError(fouten)
    was = wanneer(bijeenkomst)
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(begin=begin, einde=einde)
    bijeenkomst.refresh_from_db()
    _meld_aangemelden(
        bijeenkomst,
        titel=_("%(titel)s is verplaatst naar %(wanneer)s"),
        tekst=_("Eerst was het %(was)s. Kun je niet meer? Zeg dan af op de website."),
        extra={"was": was},
    )
    # The room booking moves along, if the room is free then.
    bijeenkomst.ruimte_bericht = bijeenkomst_ruimte_sync(bijeenkomst, door=door, geannuleerd=False)
    return bijeenkomst


def _meld_aangemelden(bijeenkomst: Bijeenkomst, *, titel, tekst, extra=None) -> None:
    ontvangers = [
        a.user
        for a in bijeenkomst.aanmeldingen.filter(
            status__in=Aanmelding.ACTIEF,
            user__is_active=True,
        ).select_related("user")
    ]
    melding_send_many(
        ontvangers,
        "activiteit_gewijzigd",
        titel=titel,
        tekst=tekst,
        url=bijeenkomst.get_absolute_url(),
        params={
            "titel": bijeenkomst.activiteit.titel,
            "wanneer": wanneer(bijeenkomst),
            "reden": bijeenkomst.reden,
            **(extra or {}),
        },
    )
