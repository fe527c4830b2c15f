"""Initiatives and their members: starting, changing and stopping an initiative; joining,
deciding on a request to join, and leaving."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send, melding_send_many

from ..models import Bijeenkomst, Initiatief, Lidmaatschap
from ..permissions import eis_organisator
from .activiteiten import bijeenkomst_cancel


def initiatief_create(*, door, **velden) -> Initiatief:
    buurten = velden.pop("buurten", [])
    initiatief = Initiatief(**velden)
    initiatief.full_clean()
    with transaction.atomic():
        initiatief.save()
        initiatief.buurten.set(buurten)
        initiatief.organisatoren.add(door)
        Lidmaatschap.objects.create(
            initiatief=initiatief,
            user=door,
            status=Lidmaatschap.Status.LID,
            lid_sinds=timezone.now(),
        )
    return initiatief


def initiatief_update(*, initiatief: Initiatief, door, **velden) -> Initiatief:
    eis_organisator(door, initiatief)
    buurten = velden.pop("buurten", None)
    was_gestopt = initiatief.status == Initiatief.Status.GESTOPT
    for naam, waarde in velden.items():
        setattr(initiatief, naam, waarde)
    initiatief.full_clean()
    with transaction.atomic():
        initiatief.save()
        if buurten is not None:
            initiatief.buurten.set(buurten)
    if initiatief.status == Initiatief.Status.GESTOPT and not was_gestopt:
        # Coming meetings do not take place: who signed up hears it, rooms are given back.
        for bijeenkomst in Bijeenkomst.objects.komend().van_initiatief(initiatief):
            bijeenkomst_cancel(
                bijeenkomst=bijeenkomst, door=door, reden=str(_("Het initiatief is gestopt."))
            )
    return initiatief


def lidmaatschap_create(*, initiatief: Initiatief, user) -> Lidmaatschap:
    if initiatief.status == Initiatief.Status.GESTOPT:
        raise ValidationError(_("Dit initiatief is gestopt. Je kunt geen lid meer worden."))
    open_ = initiatief.aanmelden == Initiatief.Aanmelden.OPEN
    lid, gemaakt = Lidmaatschap.objects.get_or_create(
        initiatief=initiatief,
        user=user,
        defaults={
            "status": Lidmaatschap.Status.LID if open_ else Lidmaatschap.Status.AANGEVRAAGD,
            "lid_sinds": timezone.now() if open_ else None,
        },
    )
    if not gemaakt:
        return lid
    if lid.status == Lidmaatschap.Status.AANGEVRAAGD:
        melding_send_many(
            initiatief.organisatoren.filter(is_active=True),
            "initiatief_lid_aanvraag",
            titel=_("%(naam)s wil lid worden van %(initiatief)s"),
            tekst=_("Keur de aanvraag goed of af op de pagina van het initiatief."),
            url=initiatief.get_absolute_url() + "leden/",
            params={"naam": user.display_name, "initiatief": initiatief.naam},
        )
    return lid


def lidmaatschap_decide(*, lidmaatschap: Lidmaatschap, door, goedgekeurd: bool) -> None:
    initiatief = lidmaatschap.initiatief
    eis_organisator(door, initiatief)
    if lidmaatschap.status != Lidmaatschap.Status.AANGEVRAAGD:
        raise ValidationError(_("Over deze aanvraag is al beslist."))
    user = lidmaatschap.user
    if goedgekeurd:
        Lidmaatschap.objects.filter(pk=lidmaatschap.pk).update(
            status=Lidmaatschap.Status.LID, lid_sinds=timezone.now()
        )
        titel = _("Je bent nu lid van %(initiatief)s")
    else:
        lidmaatschap.delete()
        titel = _("Je aanvraag voor %(initiatief)s is niet goedgekeurd")
    melding_send(
        user,
        "initiatief_lid_besluit",
        titel=titel,
        url=initiatief.get_absolute_url(),
        params={"initiatief": initiatief.naam},
    )


def lidmaatschap_cancel(*, initiatief: Initiatief, user) -> None:
    if (
        initiatief.organisatoren.filter(pk=user.pk).exists()
        and initiatief.organisatoren.count() == 1
    ):
        raise ValidationError(
            _("Je bent de enige organisator. Maak eerst iemand anders organisator.")
        )
    with transaction.atomic():
        initiatief.organisatoren.remove(user)
        Lidmaatschap.objects.filter(initiatief=initiatief, user=user).delete()
