"""Scale data: the buurtassistenten's work in proportion to the scale residents (bulk)."""

from __future__ import annotations

import time as clock
from datetime import date, time, timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone

from bewoners.models import Profiel, User
from bewoners.roles import Rol, met_rol
from buurtassistenten.models import Contactmoment, Doorverwijzing, Inzage, Kanaal, Vervolg
from buurtassistenten.services import WELKOM_VERVOLGEN
from demo.basis import BATCH, INSERT_BATCH, aware, schaal_bewoners

from .gegevens import (
    BEHOEFTEN,
    DEEL_CONTACT,
    DEEL_DOORVERWEZEN,
    DEEL_NIEUW,
    GEVOELIGE_NOTITIES,
    KANALEN,
    NOTITIES,
    WELKOM_NOTITIES,
)
from .vast import partners_maken


def aantallen(bewoners: int) -> dict[str, int]:
    """How many scale residents have contact moments, referrals, and are new in the wijk."""
    return {
        "contact": round(bewoners * DEEL_CONTACT),
        "doorverwezen": round(bewoners * DEEL_DOORVERWEZEN),
        "nieuw": round(bewoners * DEEL_NIEUW),
    }


def seed_scale(command, rng, scale) -> None:
    started = clock.monotonic()
    schaal = schaal_bewoners().filter(is_active=True)
    bewoners = list(schaal.order_by("pk").values_list("pk", flat=True))
    doel = aantallen(len(bewoners))
    assistenten = list(
        met_rol(User.objects.filter(is_active=True), Rol.BUURTASSISTENT)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    ) or [None]
    partners = [p for p in partners_maken() if p.actief]
    now = timezone.now()

    # Welcome contacts of newcomers do not count here: those come with the newcomers.
    met_contact = set(
        Contactmoment.objects.filter(bewoner__in=schaal)
        .exclude(soort=Contactmoment.Soort.WELKOM)
        .values_list("bewoner_id", flat=True)
    )
    met_verwijzing = set(
        Doorverwijzing.objects.filter(bewoner__in=schaal).values_list("bewoner_id", flat=True)
    )
    nieuw = set(
        Profiel.objects.filter(user__in=schaal, nieuw_in_wijk_sinds__isnull=False).values_list(
            "user_id", flat=True
        )
    )

    def kies(aantal, uit):
        uit = sorted(uit)
        return rng.sample(uit, k=max(0, min(aantal, len(uit))))

    contact = kies(doel["contact"] - len(met_contact), set(bewoners) - met_contact)
    # Referrals mostly follow a contact, but not always.
    verwijzen = kies(
        doel["doorverwezen"] - len(met_verwijzing),
        (met_contact | set(contact)) - met_verwijzing,
    )
    if len(verwijzen) < doel["doorverwezen"] - len(met_verwijzing):
        verwijzen += kies(
            doel["doorverwezen"] - len(met_verwijzing) - len(verwijzen),
            set(bewoners) - met_verwijzing - set(verwijzen),
        )
    nieuwkomers = kies(doel["nieuw"] - len(nieuw), set(bewoners) - nieuw)

    gemaakt = {"contactmomenten": 0, "vervolgafspraken": 0, "doorverwijzingen": 0, "inzages": 0}
    for start in range(0, len(contact), BATCH):
        with transaction.atomic():
            for k, v in _schaal_contacten(
                rng, contact[start : start + BATCH], assistenten, now
            ).items():
                gemaakt[k] += v
    for start in range(0, len(verwijzen), BATCH):
        with transaction.atomic():
            gemaakt["doorverwijzingen"] += _schaal_verwijzingen(
                rng, verwijzen[start : start + BATCH], assistenten, partners, now
            )
    for start in range(0, len(nieuwkomers), BATCH):
        with transaction.atomic():
            for k, v in _schaal_nieuwkomers(
                rng, nieuwkomers[start : start + BATCH], assistenten, now
            ).items():
                gemaakt[k] += v
    if not (contact or verwijzen or nieuwkomers):
        command.stdout.write("De buurtassistenten-schaaldata is er al.")
        return
    command.stdout.write(
        f"Buurtassistenten-schaal: {len(contact)} bewoners met contact, {len(verwijzen)} "
        f"doorverwezen, {len(nieuwkomers)} nieuwkomers; "
        + ", ".join(f"{v} {k}" for k, v in gemaakt.items())
        + f", in {clock.monotonic() - started:.1f} s."
    )


def _bulk(model, rijen) -> list:
    rijen = model.objects.bulk_create(rijen, batch_size=INSERT_BATCH)
    if rijen and rijen[0].pk is None:  # databases that do not return ids
        raise RuntimeError("bulk_create gaf geen id's terug")
    return rijen


def _aangemaakt_is_datum(momenten) -> None:
    """``aangemaakt_op`` is set on insert; history was recorded on the day itself."""
    pks = [m.pk for m in momenten]
    for start in range(0, len(pks), INSERT_BATCH):
        Contactmoment.objects.filter(pk__in=pks[start : start + INSERT_BATCH]).update(
            aangemaakt_op=F("datum")
        )


def _schaal_contacten(rng, bewoners, assistenten, now) -> dict[str, int]:
    """One to four contact moments in the last year per resident, some sensitive; for about a
    quarter an agreed follow-up (done when it lay in the past, mostly); the pages opened."""
    vandaag = timezone.localdate()
    momenten, per_bewoner = [], []
    for bewoner_id in bewoners:
        door = rng.choice(assistenten)
        dagen = sorted(rng.sample(range(1, 366), k=rng.randint(1, 4)), reverse=True)
        rij = []
        for dag in dagen:
            gevoelig = rng.random() < 0.15
            rij.append(
                Contactmoment(
                    bewoner_id=bewoner_id,
                    door_id=door,
                    datum=now - timedelta(days=dag, minutes=rng.randint(0, 600)),
                    kanaal=rng.choice(KANALEN),
                    notitie=rng.choice(GEVOELIGE_NOTITIES if gevoelig else NOTITIES),
                    gevoelig=gevoelig,
                )
            )
        momenten += rij
        per_bewoner.append((bewoner_id, door, rij))
    momenten = _bulk(Contactmoment, momenten)
    _aangemaakt_is_datum(momenten)

    vervolgen, inzages = [], []
    for bewoner_id, door, rij in per_bewoner:
        laatste = rij[-1]
        if rng.random() < 0.25:
            datum = timezone.localtime(laatste.datum).date() + timedelta(days=rng.randint(3, 21))
            gedaan = datum < vandaag and rng.random() < 0.85
            vervolgen.append(
                Vervolg(
                    bewoner_id=bewoner_id,
                    datum=datum,
                    reden=Vervolg.Reden.AFSPRAAK,
                    contactmoment_id=laatste.pk,
                    gedaan_op=aware(datum, time(11)) if gedaan else None,
                    gedaan_door_id=door if gedaan else None,
                )
            )
        for moment in rij:
            for _keer in range(rng.randint(1, 2)):
                inzages.append(
                    Inzage(
                        door_id=door,
                        bewoner_id=bewoner_id,
                        op=min(now, moment.datum + timedelta(minutes=rng.randint(-30, 2880))),
                    )
                )
    _bulk(Vervolg, vervolgen)
    _bulk(Inzage, inzages)
    return {
        "contactmomenten": len(momenten),
        "vervolgafspraken": len(vervolgen),
        "inzages": len(inzages),
    }


def _schaal_verwijzingen(rng, bewoners, assistenten, partners, now) -> int:
    """One or two referrals each in the last year; old ones mostly done, new ones open."""
    if not partners:
        return 0
    R = Doorverwijzing.Status
    rijen, bijgewerkt = [], {}
    for bewoner_id in bewoners:
        door = rng.choice(assistenten)
        for _keer in range(rng.choice((1, 1, 1, 2))):
            partner = rng.choice(partners)
            dagen = rng.uniform(0, 365)
            r = rng.random()
            if dagen > 60:
                status = R.AFGEROND if r < 0.7 else R.OPGEPAKT if r < 0.9 else R.VERWEZEN
            else:
                status = R.VERWEZEN if r < 0.5 else R.OPGEPAKT if r < 0.9 else R.AFGEROND
            rijen.append(
                Doorverwijzing(
                    bewoner_id=bewoner_id,
                    partner=partner,
                    behoefte=rng.choice(BEHOEFTEN[partner.soort]),
                    status=status,
                    door_id=door,
                    aangemaakt_op=now - timedelta(days=dagen),
                )
            )
    rijen = _bulk(Doorverwijzing, rijen)
    # ``bijgewerkt_op`` is set on insert: a referral was last changed when it was made, or
    # (taken up, done) some days later.
    for rij in rijen:
        dagen = 0 if rij.status == R.VERWEZEN else rng.randint(2, 30)
        bijgewerkt.setdefault(dagen, []).append(rij.pk)
    for dagen, pks in bijgewerkt.items():
        Doorverwijzing.objects.filter(pk__in=pks).update(
            bijgewerkt_op=Least(F("aangemaakt_op") + timedelta(days=dagen), now)
        )
    return len(rijen)


def _schaal_nieuwkomers(rng, bewoners, assistenten, now) -> dict[str, int]:
    """New in the last six months; most of those here longer than a week were welcomed, with
    their follow-ups after 1, 3 and 6 months (as ``services.vervolgen_create`` makes them)."""
    vandaag = timezone.localdate()
    sinds = {bewoner_id: vandaag - timedelta(days=rng.randint(2, 180)) for bewoner_id in bewoners}
    per_dag: dict[date, list[int]] = {}
    for bewoner_id, dag in sinds.items():
        per_dag.setdefault(dag, []).append(bewoner_id)
    for dag, ids in per_dag.items():
        Profiel.objects.filter(user_id__in=ids).update(nieuw_in_wijk_sinds=dag)

    momenten = []
    for bewoner_id, dag in sinds.items():
        if (vandaag - dag).days < 7 or rng.random() > 0.75:
            continue  # not welcomed yet
        welkom = min(
            aware(dag + timedelta(days=rng.randint(2, 10)), time(rng.randint(9, 16))),
            now - timedelta(hours=1),
        )
        momenten.append(
            Contactmoment(
                bewoner_id=bewoner_id,
                door_id=rng.choice(assistenten),
                datum=welkom,
                kanaal=rng.choice((Kanaal.HUISBEZOEK, Kanaal.HUISBEZOEK, Kanaal.TELEFOON)),
                soort=Contactmoment.Soort.WELKOM,
                notitie=rng.choice(WELKOM_NOTITIES),
            )
        )
    momenten = _bulk(Contactmoment, momenten)
    _aangemaakt_is_datum(momenten)
    vervolgen = []
    for moment in momenten:
        dag = timezone.localtime(moment.datum).date()
        for reden, na in WELKOM_VERVOLGEN:
            datum = dag + na
            gedaan = datum < vandaag - timedelta(days=3) and rng.random() < 0.8
            vervolgen.append(
                Vervolg(
                    bewoner_id=moment.bewoner_id,
                    datum=datum,
                    reden=reden,
                    contactmoment_id=moment.pk,
                    gedaan_op=aware(datum, time(14)) if gedaan else None,
                    gedaan_door_id=moment.door_id if gedaan else None,
                )
            )
    _bulk(Vervolg, vervolgen)
    return {"contactmomenten": len(momenten), "vervolgafspraken": len(vervolgen)}
