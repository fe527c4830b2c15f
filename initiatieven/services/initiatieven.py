"""Initiatives and their members: starting, changing and stopping an initiative; the
beheerder's approval of a new one; joining, deciding on a request to join, and leaving.

A resident's new initiative waits for the beheerder's approval (``Status.WACHT``): the
beheerders hear of it, and the organisers hear the decision. Refused, it shows the reason to
its organisers; when they change it, it waits again. Its web address (``slug``) is made from
the name once, when it starts, and stays.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bewoners.models import User
from bewoners.roles import Rol, met_rol
from meldingen.services import melding_send, melding_send_many

from ..models import GERESERVEERDE_SLUGS, Bijeenkomst, Initiatief, Lidmaatschap
from ..permissions import eis_keurder, eis_organisator, mag_initiatief_keuren
from .activiteiten import bijeenkomst_cancel

SLUG_BASIS_MAX = 110  # room for "-<number>" within the field's 120


def slug_basis(naam: str) -> str:
    """The web address a name gives, before a number is added; empty without letters or
    digits."""
    return slugify(naam)[:SLUG_BASIS_MAX].strip("-")


def vrije_slug(naam: str) -> str:
    """``basis``, or ``basis-2``, ``basis-3``...: the first that no initiative of this
    coöperatie has and that is no word of the website's own URLs."""
    basis = slug_basis(naam)
    if not basis:
        raise ValidationError({"naam": _("Gebruik ook letters of cijfers in de naam.")})
    bezet = set(Initiatief.objects.filter(slug__startswith=basis).values_list("slug", flat=True))
    bezet |= GERESERVEERDE_SLUGS
    slug, nummer = basis, 1
    while slug in bezet:
        nummer += 1
        slug = f"{basis}-{nummer}"
    return slug


def _beheerders():
    return met_rol(User.objects.filter(is_active=True), Rol.BEHEERDER)


def _te_keuren_melden(initiatief: Initiatief) -> None:
    """Tell the beheerders there is an initiative to approve; the link opens the queue."""
    url = reverse("admin:initiatieven_initiatief_changelist") + "?status__exact=wacht"
    melding_send_many(
        _beheerders(),
        "initiatief_te_keuren",
        titel=_("Nieuw initiatief wacht op goedkeuring: %(initiatief)s"),
        tekst=_("Kijk het na en keur het goed of af in het beheer."),
        url=url,
        params={"initiatief": initiatief.naam},
    )


def initiatief_create(*, door, goedgekeurd: bool | None = None, **velden) -> Initiatief:
    """Start an initiative: ``door`` organises it. A resident's waits for the beheerder's
    approval; a beheerder's is public at once (``goedgekeurd=True``: approved already, for a
    seed or an import by the operator, never from a page). The web address is made from the
    name unless a ``slug`` is given (the demo's fixed addresses)."""
    buurten = velden.pop("buurten", [])
    velden.pop("status", None)
    if goedgekeurd is None:
        goedgekeurd = mag_initiatief_keuren(door)
    velden["status"] = Initiatief.Status.ACTIEF if goedgekeurd else Initiatief.Status.WACHT
    gekozen_slug = velden.pop("slug", "")
    initiatief = Initiatief(slug=gekozen_slug or vrije_slug(velden.get("naam") or ""), **velden)
    initiatief.full_clean()
    with transaction.atomic():
        for poging in range(3):
            try:
                with transaction.atomic():  # a savepoint: a taken address is tried again
                    initiatief.save()
                    break
            except IntegrityError:
                # Someone took the same address at the same moment: the next free one.
                if poging == 2 or gekozen_slug:
                    raise
                initiatief.pk = None
                initiatief.slug = vrije_slug(initiatief.naam)
        initiatief.buurten.set(buurten)
        initiatief.organisatoren.add(door)
        Lidmaatschap.objects.create(
            initiatief=initiatief,
            user=door,
            status=Lidmaatschap.Status.LID,
            lid_sinds=timezone.now(),
        )
    if not goedgekeurd:
        _te_keuren_melden(initiatief)
    return initiatief


def initiatief_update(*, initiatief: Initiatief, door, **velden) -> Initiatief:
    """Change an initiative. Its address stays. Its organisers choose active, paused or
    stopped once it is approved; until then the status is the beheerder's. A refused one
    that is changed waits for approval again."""
    eis_organisator(door, initiatief)
    buurten = velden.pop("buurten", None)
    velden.pop("slug", None)
    # As stored: a form may have put its input on the instance already.
    vorige = Initiatief.objects.filter(pk=initiatief.pk).values_list("status", flat=True).get()
    was_gestopt = vorige == Initiatief.Status.GESTOPT
    was_afgewezen = vorige == Initiatief.Status.AFGEWEZEN
    status = velden.pop("status", None)
    initiatief.status = vorige
    if initiatief.is_goedgekeurd and status:
        if status not in Initiatief.GOEDGEKEURD:
            raise ValidationError({"status": _("Kies actief, gepauzeerd of gestopt.")})
        initiatief.status = status
    for naam, waarde in velden.items():
        setattr(initiatief, naam, waarde)
    opnieuw_keuren = was_afgewezen and not mag_initiatief_keuren(door)
    if opnieuw_keuren:
        initiatief.status = Initiatief.Status.WACHT
    initiatief.full_clean()
    with transaction.atomic():
        initiatief.save()
        if buurten is not None:
            initiatief.buurten.set(buurten)
    if opnieuw_keuren:
        _te_keuren_melden(initiatief)
    if initiatief.status == Initiatief.Status.GESTOPT and not was_gestopt:
        # Coming meetings do not take place: who signed up hears it, rooms are given back.
        for bijeenkomst in Bijeenkomst.objects.komend().van_initiatief(initiatief):
            bijeenkomst_cancel(
                bijeenkomst=bijeenkomst, door=door, reden=str(_("Het initiatief is gestopt."))
            )
    return initiatief


def _keuring_melden(initiatief: Initiatief, *, titel, tekst, params: dict) -> None:
    melding_send_many(
        initiatief.organisatoren.filter(is_active=True),
        "initiatief_keuring",
        titel=titel,
        tekst=tekst,
        url=initiatief.get_absolute_url(),
        params={"initiatief": initiatief.naam, **params},
    )


def initiatief_approve(*, initiatief: Initiatief, door) -> bool:
    """The beheerder approves a waiting (or refused) initiative: it is public from now on and
    its organisers hear it. False when it was approved already (nothing changes)."""
    eis_keurder(door)
    # A conditional update: two beheerders approving at once tell the organisers once.
    gewijzigd = Initiatief.objects.filter(
        pk=initiatief.pk, status__in=(Initiatief.Status.WACHT, Initiatief.Status.AFGEWEZEN)
    ).update(status=Initiatief.Status.ACTIEF, reden_afwijzing="")
    if not gewijzigd:
        return False
    initiatief.status, initiatief.reden_afwijzing = Initiatief.Status.ACTIEF, ""
    _keuring_melden(
        initiatief,
        titel=_("Je initiatief %(initiatief)s is goedgekeurd"),
        tekst=_("Iedereen kan het nu zien. Plan een activiteit, dan komt die in de agenda."),
        params={},
    )
    return True


def initiatief_reject(*, initiatief: Initiatief, door, reden: str) -> bool:
    """The beheerder refuses a waiting initiative, with a reason its organisers read. It stays
    hidden; changed by them, it waits again. False when it was not waiting."""
    eis_keurder(door)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Schrijf kort op waarom, voor de organisatoren.")})
    max_lengte = Initiatief._meta.get_field("reden_afwijzing").max_length
    if len(reden) > max_lengte:
        raise ValidationError(
            {"reden": _("Gebruik hoogstens %(max)s tekens.") % {"max": max_lengte}}
        )
    gewijzigd = Initiatief.objects.filter(pk=initiatief.pk, status=Initiatief.Status.WACHT).update(
        status=Initiatief.Status.AFGEWEZEN, reden_afwijzing=reden
    )
    if not gewijzigd:
        return False
    initiatief.status, initiatief.reden_afwijzing = Initiatief.Status.AFGEWEZEN, reden
    _keuring_melden(
        initiatief,
        titel=_("Je initiatief %(initiatief)s is nog niet goedgekeurd"),
        tekst=_(
            "Pas je initiatief aan, dan kijkt de beheerder er opnieuw naar. "
            "Dit zegt de beheerder: %(reden)s"
        ),
        params={"reden": reden},
    )
    return True


def lidmaatschap_create(*, initiatief: Initiatief, user) -> Lidmaatschap:
    if initiatief.status == Initiatief.Status.GESTOPT:
        raise ValidationError(_("Dit initiatief is gestopt. Je kunt geen lid meer worden."))
    if not initiatief.is_goedgekeurd:
        raise ValidationError(
            _("Dit initiatief wacht op goedkeuring. Je kunt nog geen lid worden.")
        )
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
