"""Initiatives, activities and sign-ups: the one way in, for pages and for other apps.

- Recurrence: ``herhaal_momenten`` turns a first meeting and a rule (python-dateutil's rrule)
  into local wall-clock moments, made aware afterwards: "every Tuesday 10:00" stays 10:00
  across daylight saving. Series end at most two years ahead.
- Places: signing up and cancelling lock the meeting's row first (``select_for_update`` on
  PostgreSQL; on SQLite a write that takes the database's write lock), then count. So two
  residents taking the last place at the same moment cannot both get it, and a cancel moves
  exactly the first person of the waiting list up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil import rrule
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bewoners.roles import Rol, has_role
from meldingen.services import melding_send, melding_send_many

from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from .ruimtes import bijeenkomst_ruimte_sync

MAX_VOORUIT = timedelta(days=2 * 366)  # a series ends at most two years ahead

REGELS = {
    Activiteit.Herhaling.WEKELIJKS: (rrule.WEEKLY, 1),
    Activiteit.Herhaling.TWEEWEKELIJKS: (rrule.WEEKLY, 2),
    Activiteit.Herhaling.MAANDELIJKS: (rrule.MONTHLY, 1),
}


# --- who may do what -----------------------------------------------------------------------


def is_organisator(user, initiatief: Initiatief) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Rol.BEHEERDER):
        return True
    return initiatief.organisatoren.filter(pk=user.pk).exists()


def is_lid(user, initiatief: Initiatief) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return initiatief.lidmaatschappen.filter(user=user, status=Lidmaatschap.Status.LID).exists()


def _eis_organisator(user, initiatief: Initiatief) -> None:
    if not is_organisator(user, initiatief):
        raise PermissionDenied


def _wanneer(bijeenkomst: Bijeenkomst) -> str:
    begin = timezone.localtime(bijeenkomst.begin)
    einde = timezone.localtime(bijeenkomst.einde)
    return f"{begin:%d-%m-%Y %H:%M}–{einde:%H:%M}"


# --- recurrence ------------------------------------------------------------------------------


def regel_voor(herhaling: str, tot_en_met: date | None, begin: datetime | None = None) -> str:
    """The RFC 5545 RRULE (without DTSTART) for a choice in the form; empty for one-off.

    Monthly means the same weekday in the same week of the month ("the second Tuesday"), or
    the last one when the first meeting is in the fifth week ("the last Friday")."""
    if herhaling == Activiteit.Herhaling.GEEN:
        return ""
    freq, interval = REGELS[herhaling]
    extra = {}
    if freq == rrule.MONTHLY and begin is not None:
        lokaal = timezone.localtime(begin)
        week = (lokaal.day - 1) // 7 + 1
        extra["byweekday"] = rrule.weekdays[lokaal.weekday()](-1 if week == 5 else week)
    regel = rrule.rrule(
        freq, interval=interval, until=datetime.combine(tot_en_met, datetime.max.time()), **extra
    )
    # str() gives "DTSTART:...\nRRULE:..."; keep the RRULE part.
    return str(regel).split("RRULE:", 1)[1].split("\n", 1)[0]


def herhaal_momenten(
    begin: datetime, einde: datetime, regel: str
) -> list[tuple[datetime, datetime]]:
    """The occurrences of a series as aware (begin, end) pairs; one pair when ``regel`` is empty.

    The rule runs over local wall-clock times (naive), which are made aware one by one: each
    occurrence keeps the local start time and length, also across daylight saving.
    """
    lokaal_begin = timezone.localtime(begin).replace(tzinfo=None)
    duur = timezone.localtime(einde).replace(tzinfo=None) - lokaal_begin
    momenten = list(rrule.rrulestr(regel, dtstart=lokaal_begin)) if regel else [lokaal_begin]
    return [(timezone.make_aware(m), timezone.make_aware(m + duur)) for m in momenten]


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


# --- initiatives and members ----------------------------------------------------------------


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
    _eis_organisator(door, initiatief)
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
        for bijeenkomst in Bijeenkomst.objects.komend().filter(activiteit__initiatief=initiatief):
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
    _eis_organisator(door, initiatief)
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


# --- activities --------------------------------------------------------------------------------


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
    _eis_organisator(door, initiatief)
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
                "wanneer": _wanneer(eerste),
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
    _eis_organisator(door, activiteit.initiatief)
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
            _schuif_door(bijeenkomst)
    return activiteit


def bijeenkomst_cancel(*, bijeenkomst: Bijeenkomst, door, reden: str = "") -> Bijeenkomst:
    _eis_organisator(door, bijeenkomst.activiteit.initiatief)
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
    _eis_organisator(door, bijeenkomst.activiteit.initiatief)
    now = now or timezone.now()
    if bijeenkomst.is_geannuleerd:
        raise ValidationError(_("Deze keer gaat niet door. Verplaatsen kan dan niet."))
    fouten = _check_tijden(begin, einde, Activiteit.Herhaling.GEEN, None, now=now)
    if fouten:
        raise ValidationError(fouten)
    was = _wanneer(bijeenkomst)
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
            status__in=(Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST),
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
            "wanneer": _wanneer(bijeenkomst),
            "reden": bijeenkomst.reden,
            **(extra or {}),
        },
    )


# --- signing up, the waiting list and attendance ----------------------------------------------


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
    params = {"titel": activiteit.titel, "wanneer": _wanneer(bijeenkomst), "plek": plek}
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
            status__in=(Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST),
        ).update(status=Aanmelding.Status.AFGEMELD)
        if not changed:
            raise ValidationError(_("Je was niet aangemeld voor deze keer."))
        doorgeschoven = _schuif_door(bijeenkomst, locked=True)
    return doorgeschoven


def _schuif_door(bijeenkomst: Bijeenkomst, *, locked: bool = False) -> list[Aanmelding]:
    """Move the first people of the waiting list up while there is room; tell them."""
    if not locked:
        with transaction.atomic():
            return _schuif_door(_lock(bijeenkomst), locked=True)
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
    params = {"titel": bijeenkomst.activiteit.titel, "wanneer": _wanneer(bijeenkomst)}

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
    _eis_organisator(door, bijeenkomst.activiteit.initiatief)
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


# --- reminders -------------------------------------------------------------------------------


def bijeenkomsten_remind(*, now=None) -> int:
    """The day before: everyone signed up for tomorrow's meetings hears it (once)."""
    now = now or timezone.now()
    morgen = timezone.localdate(now) + timedelta(days=1)
    van = timezone.make_aware(datetime.combine(morgen, datetime.min.time()))
    tot = van + timedelta(days=1)
    bijeenkomsten = list(
        Bijeenkomst.objects.gepland()
        .filter(
            begin__gte=van,
            begin__lt=tot,
            herinnerd_op__isnull=True,
            activiteit__initiatief__status=Initiatief.Status.ACTIEF,
        )
        .select_related("activiteit")
    )
    aantal = 0
    for bijeenkomst in bijeenkomsten:
        if not Bijeenkomst.objects.filter(pk=bijeenkomst.pk, herinnerd_op__isnull=True).update(
            herinnerd_op=now
        ):
            continue
        ontvangers = [
            a.user
            for a in bijeenkomst.aanmeldingen.filter(
                status=Aanmelding.Status.AANGEMELD, user__is_active=True
            ).select_related("user")
        ]
        melding_send_many(
            ontvangers,
            "activiteit_herinnering",
            titel=_("Morgen: %(titel)s om %(tijd)s"),
            tekst=_("Waar: %(plek)s. Kun je niet? Zeg dan af, dan kan iemand anders."),
            url=bijeenkomst.get_absolute_url(),
            params={
                "titel": bijeenkomst.activiteit.titel,
                "tijd": f"{timezone.localtime(bijeenkomst.begin):%H:%M}",
                "plek": bijeenkomst.activiteit.plek or "-",
            },
        )
        aantal += len(ontvangers)
    return aantal
