"""The buurtassistent's work: the access log, contact moments and follow-ups, referrals,
assisted intake, acting on a resident's behalf (always recorded), and the welcome flow.

Access: the buurtassistent role (which requires a second factor, see ``bewoners.roles``).
A buurtassistent works for the residents of their own buurten (``Buurt.buurtassistenten``);
residents without a buurt, or of a buurt nobody is assigned to, are everyone's. Sensitive
notes show only to their author and to the buurtassistenten of the resident's buurt. Those
rules are in ``permissions``; what the pages read is in ``selectors`` and ``queues``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TypeVar

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accommodaties import services as accommodaties_services
from bewoners import permissions as bewoners_permissions
from bewoners.models import Buurt, Categorie, User
from bewoners.services import (
    account_email_set,
    bewoner_create_offline,
    profiel_gewijzigd,
    wachtwoord_link_send,
)
from hulpvragen import services as hulpvragen_services
from initiatieven import services as initiatieven_services

from .models import Contactmoment, Doorverwijzing, Intake, Inzage, Kanaal, Namens, Vervolg
from .permissions import eis_bewoner, is_buurtassistent

T = TypeVar("T")

WELKOM_VERVOLGEN = (
    (Vervolg.Reden.WELKOM_1, relativedelta(months=1)),
    (Vervolg.Reden.WELKOM_3, relativedelta(months=3)),
    (Vervolg.Reden.WELKOM_6, relativedelta(months=6)),
)


# --- the access log ------------------------------------------------------------------------------


def inzage_record(*, door, bewoner, wat: str = "") -> Inzage:
    """Every opening of a resident's coordination page, and every look of a buurtassistent at a
    resident's private or sensitive data elsewhere, is recorded (who, whom, what, when)."""
    return Inzage.objects.create(door=door, bewoner=bewoner, wat=str(wat)[:200])


# Looks at private data on other apps' pages reach the access log through the one rule.
bewoners_permissions.register_inzage_logger(
    lambda kijker, persoon, wat: inzage_record(door=kijker, bewoner=persoon, wat=wat)
)


# --- contact moments and follow-ups --------------------------------------------------------------


def contactmoment_create(
    *,
    door,
    bewoner,
    kanaal: str,
    notitie: str = "",
    gevoelig: bool = False,
    soort: str = Contactmoment.Soort.GEWOON,
    datum: datetime | None = None,
    vervolg_op: date | None = None,
) -> Contactmoment:
    eis_bewoner(door, bewoner)
    moment = Contactmoment(
        bewoner=bewoner,
        door=door,
        kanaal=kanaal,
        notitie=(notitie or "").strip(),
        gevoelig=gevoelig,
        soort=soort,
        datum=datum or timezone.now(),
    )
    fouten = {}
    if moment.datum > timezone.now() + timedelta(minutes=5):
        fouten["datum"] = [_("Een contactmoment ligt niet in de toekomst.")]
    if vervolg_op and vervolg_op < timezone.localdate():
        fouten["vervolg_op"] = [_("Kies voor het vervolg een datum vanaf vandaag.")]
    if fouten:
        raise ValidationError(fouten)
    moment.full_clean()
    with transaction.atomic():
        moment.save()
        if vervolg_op:
            Vervolg.objects.create(
                bewoner=bewoner,
                datum=vervolg_op,
                reden=Vervolg.Reden.AFSPRAAK,
                contactmoment=moment,
            )
        # A contact does the follow-ups that were due on its date (not later ones).
        Vervolg.objects.te_doen(timezone.localtime(moment.datum).date()).filter(
            bewoner=bewoner
        ).exclude(contactmoment=moment).update(gedaan_op=timezone.now(), gedaan_door=door)
    return moment


def vervolg_complete(*, vervolg: Vervolg, door) -> Vervolg:
    eis_bewoner(door, vervolg.bewoner)
    Vervolg.objects.filter(pk=vervolg.pk, gedaan_op__isnull=True).update(
        gedaan_op=timezone.now(), gedaan_door=door
    )
    vervolg.refresh_from_db()
    return vervolg


def vervolgen_create(*, now=None) -> int:
    """Periodic: 1, 3 and 6 months after a welcome contact, a follow-up (each once).

    Only residents who do not have all three yet are read, and the follow-ups are inserted in
    one statement that skips those that exist (the unique constraint), so a daily run stays
    cheap as the years go by."""
    klaar = Vervolg.objects.filter(reden=Vervolg.Reden.WELKOM_6).values("bewoner_id")
    welkom = (
        Contactmoment.objects.filter(soort=Contactmoment.Soort.WELKOM)
        .exclude(bewoner_id__in=klaar)
        .order_by("bewoner_id", "datum")
        .values_list("bewoner_id", "datum", "pk")
    )
    nieuw, gezien = [], set()
    for bewoner_id, datum, pk in welkom:
        if bewoner_id in gezien:
            continue  # the first welcome counts
        gezien.add(bewoner_id)
        dag = timezone.localtime(datum).date()
        nieuw += [
            Vervolg(bewoner_id=bewoner_id, reden=reden, datum=dag + na, contactmoment_id=pk)
            for reden, na in WELKOM_VERVOLGEN
        ]
    if not nieuw:
        return 0
    voor = Vervolg.objects.filter(bewoner_id__in=gezien).count()
    Vervolg.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=1000)
    return Vervolg.objects.filter(bewoner_id__in=gezien).count() - voor


# --- referrals -----------------------------------------------------------------------------------


def doorverwijzing_create(*, door, bewoner, partner, behoefte: str) -> Doorverwijzing:
    eis_bewoner(door, bewoner)
    if not partner.actief:
        raise ValidationError({"partner": [_("Deze partner werkt niet meer met ons samen.")]})
    verwijzing = Doorverwijzing(bewoner=bewoner, partner=partner, behoefte=behoefte, door=door)
    verwijzing.full_clean()
    verwijzing.save()
    return verwijzing


def doorverwijzing_set_status(*, verwijzing: Doorverwijzing, door, status: str) -> Doorverwijzing:
    eis_bewoner(door, verwijzing.bewoner)
    if status not in Doorverwijzing.Status.values:
        raise ValidationError({"status": [_("Kies een status uit de lijst.")]})
    Doorverwijzing.objects.filter(pk=verwijzing.pk).update(
        status=status, bijgewerkt_op=timezone.now()
    )
    verwijzing.refresh_from_db()
    return verwijzing


# --- assisted intake and handing over the account ------------------------------------------------


def namens_record(*, door, voor, wat: str, object_id=None, omschrijving: str = "") -> Namens:
    return Namens.objects.create(
        door=door, voor=voor, wat=wat, object_id=object_id, omschrijving=omschrijving[:200]
    )


@transaction.atomic
def intake_create(
    *,
    door,
    first_name: str,
    last_name: str = "",
    telefoon: str = "",
    adres: str = "",
    postcode: str = "",
    woonplaats: str = "",
    buurt: Buurt | None = None,
    toestemming_hoe: str,
    nieuw_in_wijk: bool = False,
    notitie: str = "",
    kanaal: str = Kanaal.HUISBEZOEK,
    wat_wil_je: str = "",
    kan_categorieen: Iterable[Categorie] = (),
    wat_kun_je: str = "",
    nodig_categorieen: Iterable[Categorie] = (),
    wat_heb_je_nodig: str = "",
    wat_heb_je_te_bieden: str = "",
) -> User:
    """A resident without e-mail, entered by a buurtassistent, with the consent recorded and
    the answers to the four questions on their profile (as the welcome flow would save them)."""
    if not is_buurtassistent(door):
        raise PermissionDenied
    if toestemming_hoe not in Intake.Toestemming.values:
        raise ValidationError(
            {"toestemming_hoe": [_("Zonder toestemming kun je iemand niet inschrijven.")]}
        )
    if not (first_name or "").strip():
        raise ValidationError({"first_name": [_("Vul een voornaam in.")]})
    bewoner = bewoner_create_offline(
        first_name=first_name.strip(),
        last_name=(last_name or "").strip(),
        telefoon=(telefoon or "").strip(),
        adres=(adres or "").strip(),
        postcode=(postcode or "").strip(),
        woonplaats=(woonplaats or "").strip(),
        nieuw_in_wijk_sinds=timezone.localdate() if nieuw_in_wijk else None,
        buurt=buurt,
        wat_wil_je=(wat_wil_je or "").strip(),
        wat_kun_je=(wat_kun_je or "").strip(),
        wat_heb_je_nodig=(wat_heb_je_nodig or "").strip(),
        wat_heb_je_te_bieden=(wat_heb_je_te_bieden or "").strip(),
    )
    kan, nodig = list(kan_categorieen or ()), list(nodig_categorieen or ())
    if kan or nodig:
        profiel = bewoner.profiel
        profiel.kan_categorieen.set(kan)
        profiel.nodig_categorieen.set(nodig)
        # Skills feed the matching (as a change in the welcome flow would).
        profiel_gewijzigd(profiel, velden=["kan_categorieen"])
    Intake.objects.create(bewoner=bewoner, door=door, toestemming_hoe=toestemming_hoe)
    Contactmoment.objects.create(
        bewoner=bewoner,
        door=door,
        kanaal=kanaal,
        soort=Contactmoment.Soort.INTAKE,
        notitie=(notitie or "").strip()[:1000],
    )
    return bewoner


def account_claim(*, door, bewoner, email: str, request=None) -> None:
    """The resident takes over their account: their e-mail address is set and they get a link
    to choose a password (allauth's reset e-mail)."""
    eis_bewoner(door, bewoner)
    with transaction.atomic():
        email = account_email_set(user=bewoner, email=email)
        Intake.objects.filter(bewoner=bewoner).update(geclaimd_op=timezone.now())
        namens_record(door=door, voor=bewoner, wat=Namens.Wat.ACCOUNT, omschrijving=email)
    wachtwoord_link_send(email=email, request=request)


# --- acting on a resident's behalf: checked, done, recorded --------------------------------------


def _namens(
    *,
    door,
    voor,
    wat: str,
    actie: Callable[[], T],
    vastleggen: Callable[[T], tuple[int, str]],
) -> T:
    """Check that ``door`` works for ``voor`` (else ``PermissionDenied``), do ``actie`` and
    record it (``Namens``) with the number and description ``vastleggen`` takes from its result.
    A refused action (``ValidationError``) is not recorded."""
    eis_bewoner(door, voor)
    uitkomst = actie()
    object_id, omschrijving = vastleggen(uitkomst)
    namens_record(door=door, voor=voor, wat=wat, object_id=object_id, omschrijving=omschrijving)
    return uitkomst


def _koppeling(hulpvraag, helper) -> str:
    return f"{hulpvraag.titel} → {helper.display_name}"


def hulpvraag_create_namens(*, door, bewoner, **velden):
    return _namens(
        door=door,
        voor=bewoner,
        wat=Namens.Wat.HULPVRAAG,
        actie=lambda: hulpvragen_services.hulpvraag_create(aanvrager=bewoner, door=door, **velden),
        vastleggen=lambda hulpvraag: (hulpvraag.pk, hulpvraag.titel),
    )


def aanmelding_create_namens(*, door, bewoner, bijeenkomst):
    return _namens(
        door=door,
        voor=bewoner,
        wat=Namens.Wat.AANMELDING,
        actie=lambda: initiatieven_services.aanmelding_create(
            bijeenkomst=bijeenkomst, user=bewoner
        ),
        vastleggen=lambda _uitkomst: (bijeenkomst.pk, str(bijeenkomst)),
    )


def reservering_create_namens(*, door, bewoner, **velden):
    return _namens(
        door=door,
        voor=bewoner,
        wat=Namens.Wat.RESERVERING,
        actie=lambda: accommodaties_services.reservering_create(door=bewoner, **velden),
        vastleggen=lambda reservering: (reservering.pk, str(reservering)),
    )


def match_propose_namens(*, door, hulpvraag, helper, bevestigd: bool = False):
    """Propose one helper by hand, or (``bevestigd``, after a phone call with the helper)
    confirm directly: the helper then has the request as an accepted match."""

    def voorstellen():
        match = hulpvragen_services.match_propose(hulpvraag=hulpvraag, helper=helper, door=door)
        if bevestigd:
            match = hulpvragen_services.match_accept(
                match_id=match.pk, door=door, namens_helper=True
            )
        return match

    return _namens(
        door=door,
        voor=hulpvraag.aanvrager,
        wat=Namens.Wat.MATCH,
        actie=voorstellen,
        vastleggen=lambda match: (match.pk, _koppeling(hulpvraag, helper)),
    )


def match_accept_namens(*, door, match):
    """A helper who was already asked (by the engine or by hand) said yes on the phone: the
    buurtassistent confirms the proposal for them. Recorded like ``match_propose_namens``."""
    hulpvraag = match.hulpvraag
    return _namens(
        door=door,
        voor=hulpvraag.aanvrager,
        wat=Namens.Wat.MATCH,
        actie=lambda: hulpvragen_services.match_accept(
            match_id=match.pk, door=door, namens_helper=True
        ),
        vastleggen=lambda akkoord: (akkoord.pk, _koppeling(hulpvraag, akkoord.helper)),
    )


def match_cancel_namens(*, door, match, reden: str = ""):
    """Call off the agreed help for the requester (to find someone else); recorded."""
    hulpvraag = match.hulpvraag
    return _namens(
        door=door,
        voor=hulpvraag.aanvrager,
        wat=Namens.Wat.AFGEZEGD,
        actie=lambda: hulpvragen_services.match_cancel(match_id=match.pk, door=door, reden=reden),
        vastleggen=lambda afgezegd: (afgezegd.pk, _koppeling(hulpvraag, afgezegd.helper)),
    )


def hulpvraag_withdraw_namens(*, door, hulpvraag):
    """Withdraw the request for the requester (no help needed any more); recorded."""
    return _namens(
        door=door,
        voor=hulpvraag.aanvrager,
        wat=Namens.Wat.GESLOTEN,
        actie=lambda: hulpvragen_services.hulpvraag_withdraw(hulpvraag=hulpvraag, door=door),
        vastleggen=lambda gesloten: (gesloten.pk, gesloten.titel),
    )
