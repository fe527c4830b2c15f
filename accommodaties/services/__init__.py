"""Booking shared facilities: the one way in, for pages and for other apps.

``reservering_create(...)`` checks every rule in Python first (opening hours, closures, length, horizon,
capacity, who may book, overlap with other bookings plus the buffer) and raises a Dutch
``ValidationError``; then inserts. On PostgreSQL the exclusion constraint (migration 0002) is
the guarantee: when two people take the same slot at the same moment, the second insert fails
on it, and that becomes the same friendly message. On SQLite the facility row is written first
inside the transaction, which takes SQLite's write lock, so check and insert run one at a time.

Initiatives book rooms for their activities through ``reservering_create_series`` with the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bewoners.roles import Rol, has_role
from meldingen.services import melding_send, melding_send_many

from ..beschikbaarheid import beschikbaarheid, rooster  # noqa: F401 - public API
from ..models import Accommodatie, AgendaSleutel, Reeks, Reservering, WieMagBoeken

BEZET = _("Deze tijd is al bezet. Kies een andere tijd; in de agenda zie je wat nog vrij is.")


def is_beheerder(user, accommodatie: Accommodatie) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Rol.BEHEERDER):
        return True
    return accommodatie.beheerders.filter(pk=user.pk).exists()


def boek_bezwaar(user, accommodatie: Accommodatie):
    """Why ``user`` may not book ``accommodatie`` at all (a Dutch text), or None when they may."""
    if not accommodatie.actief:
        return _("Deze ruimte kun je nu niet boeken.")
    if is_beheerder(user, accommodatie):
        return None
    profiel = getattr(user, "profiel", None)
    if profiel is None or not profiel.heeft_toestemming:
        return _("Geef eerst toestemming in je profiel. Daarna kun je boeken.")
    if accommodatie.wie_mag_boeken == WieMagBoeken.BEHEERDERS:
        return _("Deze ruimte boeken alleen beheerders. Vraag het de beheerder van %(naam)s.") % {
            "naam": accommodatie.naam
        }
    if accommodatie.wie_mag_boeken == WieMagBoeken.INITIATIEVEN and not any(
        regel(user) for regel in _initiatief_regels
    ):
        return _(
            "Deze ruimte is voor initiatieven. Word lid van een initiatief, of vraag het de "
            "beheerder van %(naam)s."
        ) % {"naam": accommodatie.naam}
    return None


# "Is this person a member of an initiative?" Registered by the app that knows (initiatieven),
# so this app does not import it: rooms "for members of initiatives" use these rules.
_initiatief_regels: list = []


def register_initiatief_regel(regel) -> None:
    """``regel(user) -> bool``: does ``user`` belong to an initiative that may book rooms?"""
    _initiatief_regels.append(regel)


def _check_may_book(user, accommodatie: Accommodatie) -> None:
    bezwaar = boek_bezwaar(user, accommodatie)
    if bezwaar:
        raise ValidationError(bezwaar)


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


def _lock_for_check(accommodatie: Accommodatie) -> None:
    """On SQLite: take the write lock now, so the check and the insert run one at a time."""
    if connection.vendor == "sqlite":
        # A write that changes nothing (not even "bijgewerkt op") but takes the lock.
        Accommodatie.objects.filter(pk=accommodatie.pk).update(id=F("id"))


def reservering_create(
    *,
    accommodatie: Accommodatie,
    door,
    begin: datetime,
    einde: datetime,
    aantal_personen: int,
    doel: str,
    namens: str = "",
    reeks: Reeks | None = None,
    melden: bool = True,
) -> Reservering:
    """Book ``accommodatie`` for ``door``. Raises a Dutch ``ValidationError`` when it cannot be.

    A request (the facility needs approval) is announced to its keepers, unless ``melden`` is
    off (a series announces itself once)."""
    _check_may_book(door, accommodatie)
    beheerder = is_beheerder(door, accommodatie)
    try:
        with transaction.atomic():
            _lock_for_check(accommodatie)
            fouten = reservering_problemen(
                accommodatie, begin=begin, einde=einde, aantal_personen=aantal_personen
            )
            if fouten:
                raise ValidationError(fouten)
            now = timezone.now()
            reservering = Reservering(
                accommodatie=accommodatie,
                geboekt_door=door,
                begin=begin,
                einde=einde,
                bezet_tot=einde + accommodatie.buffer,
                aantal_personen=aantal_personen,
                doel=(doel or "").strip(),
                namens=(namens or "").strip(),
                reeks=reeks,
                status=(
                    Reservering.Status.AANGEVRAAGD
                    if accommodatie.goedkeuring_nodig and not beheerder
                    else Reservering.Status.BEVESTIGD
                ),
            )
            if reservering.status == Reservering.Status.BEVESTIGD:
                reservering.bevestigd_op = now
            reservering.full_clean(exclude=["bezet_tot"])
            reservering.save()
    except IntegrityError as exc:
        # The exclusion constraint: someone else took this slot at the same moment.
        raise ValidationError({"begin": [BEZET]}) from exc
    if melden and reservering.status == Reservering.Status.AANGEVRAAGD:
        melding_send_many(
            accommodatie.beheerders.filter(is_active=True),
            "reservering_aanvraag",
            titel=_("Aanvraag voor %(ruimte)s op %(wanneer)s"),
            tekst=_("%(naam)s wil de ruimte boeken: %(doel)s (%(aantal)s mensen)."),
            url=reverse("accommodaties:beheer"),
            params={
                "ruimte": accommodatie.naam,
                "wanneer": _wanneer(reservering),
                "naam": door.display_name,
                "doel": reservering.doel,
                "aantal": reservering.aantal_personen,
            },
        )
    return reservering


def _wanneer(reservering: Reservering) -> str:
    begin = timezone.localtime(reservering.begin)
    einde = timezone.localtime(reservering.einde)
    return f"{begin:%d-%m-%Y %H:%M}–{einde:%H:%M}"


# --- series ------------------------------------------------------------------------------------


@dataclass
class ReeksUitkomst:
    reeks: Reeks | None
    geboekt: list[Reservering] = field(default_factory=list)
    # (date, Dutch reasons) of the dates that could not be booked
    niet_gelukt: list[tuple[date, list[str]]] = field(default_factory=list)


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
    _check_may_book(door, accommodatie)
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
    aanvragen = [r for r in uitkomst.geboekt if r.status == Reservering.Status.AANGEVRAAGD]
    if aanvragen:
        melding_send_many(
            accommodatie.beheerders.filter(is_active=True),
            "reservering_aanvraag",
            titel=_("Aanvraag voor %(ruimte)s: een reeks vanaf %(wanneer)s"),
            tekst=_(
                "%(naam)s wil de ruimte vaker boeken: %(doel)s (%(interval)s, tot en met %(tot)s)."
            ),
            url=reverse("accommodaties:beheer"),
            params={
                "ruimte": accommodatie.naam,
                "wanneer": _wanneer(aanvragen[0]),
                "naam": door.display_name,
                "doel": aanvragen[0].doel,
                "interval": uitkomst.reeks.get_interval_weken_display(),
                "tot": tot_en_met.strftime("%d-%m-%Y"),
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
    _check_may_book(door, accommodatie)
    uitkomst = _reserveer_momenten(
        accommodatie=accommodatie,
        door=door,
        momenten=momenten,
        aantal_personen=aantal_personen,
        doel=doel,
        namens=namens,
        alleen_vrije=alleen_vrije,
    )
    aanvragen = [r for r in uitkomst.geboekt if r.status == Reservering.Status.AANGEVRAAGD]
    if aanvragen:
        melding_send_many(
            accommodatie.beheerders.filter(is_active=True),
            "reservering_aanvraag",
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
            url=reverse("accommodaties:beheer"),
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


# --- approval and cancelling ------------------------------------------------------------------


def _besluit(reservering: Reservering, *, door, status: str, reden: str = "") -> Reservering:
    if not is_beheerder(door, reservering.accommodatie):
        raise PermissionDenied
    now = timezone.now()
    velden = {"status": status, "beoordeeld_door": door, "reden": (reden or "").strip()}
    velden["bevestigd_op" if status == Reservering.Status.BEVESTIGD else "geweigerd_op"] = now
    changed = Reservering.objects.filter(
        pk=reservering.pk, status=Reservering.Status.AANGEVRAAGD
    ).update(**velden)
    if not changed:
        raise ValidationError(_("Over deze aanvraag is al beslist, of hij is afgezegd."))
    reservering.refresh_from_db()
    melding_send(
        reservering.geboekt_door,
        "reservering_besluit",
        titel=(
            _("Je boeking van %(ruimte)s op %(wanneer)s is bevestigd")
            if status == Reservering.Status.BEVESTIGD
            else _("Je boeking van %(ruimte)s op %(wanneer)s kan niet doorgaan")
        ),
        tekst=_("Reden: %(reden)s") if reservering.reden else "",
        url=reservering.get_absolute_url(),
        params={
            "ruimte": reservering.accommodatie.naam,
            "wanneer": _wanneer(reservering),
            "reden": reservering.reden,
        },
    )
    return reservering


def reservering_approve(*, reservering: Reservering, door) -> Reservering:
    return _besluit(reservering, door=door, status=Reservering.Status.BEVESTIGD)


def reservering_reject(*, reservering: Reservering, door, reden: str) -> Reservering:
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Schrijf kort op waarom het niet kan.")})
    return _besluit(reservering, door=door, status=Reservering.Status.GEWEIGERD, reden=reden)


def reservering_cancel(*, reservering: Reservering, door, reden: str = "") -> Reservering:
    """The booker cancels until the deadline; a keeper at any time, with a reason."""
    accommodatie = reservering.accommodatie
    beheerder = is_beheerder(door, accommodatie)
    eigen = reservering.geboekt_door_id == door.pk
    if not (eigen or beheerder):
        raise PermissionDenied
    reden = (reden or "").strip()
    if len(reden) > Reservering._meta.get_field("reden").max_length:
        raise ValidationError({"reden": _("Houd de reden kort: hoogstens 300 tekens.")})
    if not eigen:
        if not reden:
            raise ValidationError({"reden": _("Schrijf kort op waarom de boeking niet doorgaat.")})
    else:
        grens = reservering.begin - timedelta(hours=accommodatie.annuleren_uren_vooraf)
        if timezone.now() > grens and not beheerder:
            raise ValidationError(
                ngettext(
                    "Afzeggen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als het "
                    "toch niet doorgaat.",
                    "Afzeggen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als het "
                    "toch niet doorgaat.",
                    accommodatie.annuleren_uren_vooraf,
                )
                % {"uren": accommodatie.annuleren_uren_vooraf}
            )
    changed = Reservering.objects.filter(pk=reservering.pk, status__in=Reservering.ACTIEF).update(
        status=Reservering.Status.GEANNULEERD, geannuleerd_op=timezone.now(), reden=reden
    )
    if not changed:
        raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    reservering.refresh_from_db()
    ontvangers = (
        list(accommodatie.beheerders.filter(is_active=True).exclude(pk=door.pk))
        if eigen
        else [reservering.geboekt_door]
    )
    melding_send_many(
        ontvangers,
        "reservering_geannuleerd",
        titel=_("De boeking van %(ruimte)s op %(wanneer)s gaat niet door"),
        tekst=_("Reden: %(reden)s") if reden else "",
        url=reservering.get_absolute_url(),
        params={"ruimte": accommodatie.naam, "wanneer": _wanneer(reservering), "reden": reden},
    )
    return reservering


def reservering_move(
    *,
    reservering: Reservering,
    door,
    begin: datetime,
    einde: datetime,
    aantal_personen: int | None = None,
) -> Reservering:
    """Move one booking (also a single date of a series) to another time, with the same rules.

    The booker may do so until the cancellation deadline, a keeper at any time. When the
    facility needs approval and the booker is not a keeper, the moved booking is a request
    again. Keepers are told of a booker's move; the booker of a keeper's.
    """
    accommodatie = reservering.accommodatie
    beheerder = is_beheerder(door, accommodatie)
    eigen = reservering.geboekt_door_id == door.pk
    if not (eigen or beheerder):
        raise PermissionDenied
    if not reservering.is_actief:
        raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    if not beheerder:
        grens = reservering.begin - timedelta(hours=accommodatie.annuleren_uren_vooraf)
        if timezone.now() > grens:
            raise ValidationError(
                ngettext(
                    "Veranderen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als "
                    "het anders moet.",
                    "Veranderen kan tot %(uren)s uur van tevoren. Bel of mail de beheerder als "
                    "het anders moet.",
                    accommodatie.annuleren_uren_vooraf,
                )
                % {"uren": accommodatie.annuleren_uren_vooraf}
            )
    if aantal_personen is None:
        aantal_personen = reservering.aantal_personen
    was = _wanneer(reservering)
    try:
        with transaction.atomic():
            _lock_for_check(accommodatie)
            fouten = reservering_problemen(
                accommodatie,
                begin=begin,
                einde=einde,
                aantal_personen=aantal_personen,
                negeer=reservering,
            )
            if fouten:
                raise ValidationError(fouten)
            velden = {
                "begin": begin,
                "einde": einde,
                "bezet_tot": einde + accommodatie.buffer,
                "aantal_personen": aantal_personen,
            }
            opnieuw_vragen = (
                accommodatie.goedkeuring_nodig
                and not is_beheerder(reservering.geboekt_door, accommodatie)
                and not beheerder
            )
            if opnieuw_vragen:
                velden.update(status=Reservering.Status.AANGEVRAAGD, bevestigd_op=None)
            changed = Reservering.objects.filter(
                pk=reservering.pk, status__in=Reservering.ACTIEF
            ).update(**velden)
            if not changed:
                raise ValidationError(_("Deze boeking was al afgezegd of afgewezen."))
    except IntegrityError as exc:
        raise ValidationError({"begin": [BEZET]}) from exc
    reservering.refresh_from_db()
    params = {
        "ruimte": accommodatie.naam,
        "was": was,
        "wanneer": _wanneer(reservering),
        "naam": reservering.geboekt_door.display_name,
    }
    if eigen:
        melding_send_many(
            accommodatie.beheerders.filter(is_active=True).exclude(pk=door.pk),
            "reservering_aanvraag",
            titel=_("Boeking van %(ruimte)s verplaatst naar %(wanneer)s"),
            tekst=(
                _(
                    "%(naam)s wil nu op %(wanneer)s (was %(was)s). Keur het opnieuw goed of wijs het af."
                )
                if reservering.status == Reservering.Status.AANGEVRAAGD
                else _("%(naam)s heeft de boeking verplaatst (was %(was)s).")
            ),
            url=reverse("accommodaties:beheer"),
            params=params,
        )
    else:
        melding_send(
            reservering.geboekt_door,
            "reservering_besluit",
            titel=_("Je boeking van %(ruimte)s is verplaatst naar %(wanneer)s"),
            tekst=_("De beheerder heeft je boeking verplaatst. Eerst was het %(was)s."),
            url=reservering.get_absolute_url(),
            params=params,
        )
    return reservering


def reserveringen_lapse(*, now=None) -> int:
    """Requests nobody decided on before their start lapse (refused, with a reason)."""
    now = now or timezone.now()
    te_laat = list(
        Reservering.objects.filter(
            status=Reservering.Status.AANGEVRAAGD, begin__lte=now
        ).select_related("accommodatie", "geboekt_door")
    )
    for reservering in te_laat:
        changed = Reservering.objects.filter(
            pk=reservering.pk, status=Reservering.Status.AANGEVRAAGD
        ).update(
            status=Reservering.Status.GEWEIGERD,
            geweigerd_op=now,
            reden=Reservering.NIET_OP_TIJD,
        )
        if changed:
            melding_send(
                reservering.geboekt_door,
                "reservering_besluit",
                titel=_("Je aanvraag voor %(ruimte)s op %(wanneer)s is vervallen"),
                tekst=_("De beheerder heeft niet op tijd gereageerd. Sorry! Boek gerust opnieuw."),
                url=reservering.get_absolute_url(),
                params={"ruimte": reservering.accommodatie.naam, "wanneer": _wanneer(reservering)},
            )
    return len(te_laat)


# --- the personal calendar link --------------------------------------------------------------


def agenda_sleutel_voor(*, user) -> AgendaSleutel:
    """The secret of ``user``'s personal calendar-feed link, made the first time it is asked for.
    Other apps (initiatieven) get the link through here instead of writing the model."""
    return AgendaSleutel.voor(user)
