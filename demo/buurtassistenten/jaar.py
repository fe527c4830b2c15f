"""A year of the buurtassistent's work in the demo: contacts, referrals and welcomes.

Part of the fixed demo set (``seed_fixed`` calls ``seed_jaar`` once, before its own newcomers
and contacts of the last weeks), so the board report's coördinatie and "new residents
welcomed" have figures for last quarter and this year. About twelve contact moments and three
referrals a month, as busy as the season (``demo.basis.seizoen``), with residents who had
joined by then, mostly in the buurtassistent's own buurten; old referrals are mostly done. Who
joined in the past year was welcomed a few days later (``WELKOM``), and the follow-ups of those
welcomes that were due are done (``vervolgen_gedaan``), each with its contact moment. The
newcomers the fixed set itself follows are left to it. Inserted with ``bulk_create``: the
services stamp the present. It does not depend on ``--seed``.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone

from buurtassistenten.models import Contactmoment, Doorverwijzing, Kanaal, Vervolg
from demo.basis import INSERT_BATCH, aware, seizoen
from demo.bewoners import AL_LID, NIEUW_IN_WIJK

from .gegevens import BEHOEFTEN, KANALEN, NOTITIES, WELKOM_NOTITIES

CONTACTEN_PER_MAAND = 12
VERWIJZINGEN_PER_MAAND = 3
DAGEN = 365
NIET_VERWELKOMD = {37, 49}  # still to welcome: the fixed set's newcomers list shows them


def seed_jaar(assistent, users: dict, partners: list, buurten: set[int]) -> set[int]:
    """Contacts, referrals and welcomes of the past year by ``assistent`` (in ``buurten``
    mostly); returns the ids of the residents welcomed here (see ``vervolgen_gedaan``)."""
    rng = random.Random("buurtassistenten-jaar")  # the same on every machine
    now = timezone.now()
    vandaag = timezone.localdate()
    eigen = [n for n, u in users.items() if u.profiel.buurt_id in buurten] or list(users)
    anderen = [n for n in users if n not in eigen] or eigen
    partners = [p for p in partners if p.actief]
    R = Doorverwijzing.Status

    def iemand(moment: datetime):
        """A resident who had joined by ``moment``: in the own buurten four times in five."""
        uit = eigen if rng.random() < 0.8 else anderen
        wie = [n for n in uit if users[n].date_joined < moment - timedelta(days=1)]
        return users[rng.choice(wie)] if wie else None

    momenten, verwijzingen, bijgewerkt = [], [], []
    dag = vandaag - timedelta(days=DAGEN)
    while dag < vandaag - timedelta(days=1):
        moment = aware(dag, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
        drukte = seizoen(dag) / 30.4
        if dag.weekday() < 5 and rng.random() < CONTACTEN_PER_MAAND * drukte * 7 / 5:
            bewoner = iemand(moment)
            if bewoner is not None:
                momenten.append(
                    Contactmoment(
                        bewoner=bewoner,
                        door=assistent,
                        datum=moment,
                        kanaal=rng.choice(KANALEN),
                        notitie=rng.choice(NOTITIES),
                    )
                )
        if partners and rng.random() < VERWIJZINGEN_PER_MAAND * drukte:
            bewoner = iemand(moment)
            if bewoner is not None:
                partner = rng.choice(partners)
                oud = (vandaag - dag).days
                r = rng.random()
                if oud > 60:
                    status = R.AFGEROND if r < 0.75 else R.OPGEPAKT
                else:
                    status = R.VERWEZEN if r < 0.4 else R.OPGEPAKT if r < 0.85 else R.AFGEROND
                verwijzingen.append(
                    Doorverwijzing(
                        bewoner=bewoner,
                        door=assistent,
                        partner=partner,
                        behoefte=rng.choice(BEHOEFTEN[partner.soort]),
                        status=status,
                        aangemaakt_op=moment,
                    )
                )
                later = 0 if status == R.VERWEZEN else rng.randint(2, min(40, max(oud - 1, 2)))
                bijgewerkt.append(later)
        dag += timedelta(days=1)

    # Who joined in the past year was welcomed a few days later.
    welkom = []
    for n, user in sorted(users.items()):
        if n <= AL_LID or n in NIEUW_IN_WIJK or n in NIET_VERWELKOMD:
            continue
        dag = timezone.localtime(user.date_joined).date() + timedelta(days=rng.randint(3, 12))
        if dag >= vandaag:
            continue
        welkom.append(user.pk)
        momenten.append(
            Contactmoment(
                bewoner=user,
                door=assistent,
                datum=aware(dag, time(rng.randint(10, 16))),
                kanaal=rng.choice((Kanaal.HUISBEZOEK, Kanaal.HUISBEZOEK, Kanaal.TELEFOON)),
                soort=Contactmoment.Soort.WELKOM,
                notitie=rng.choice(WELKOM_NOTITIES),
            )
        )

    momenten = Contactmoment.objects.bulk_create(momenten, batch_size=INSERT_BATCH)
    _aangemaakt_is_datum([m.pk for m in momenten])
    verwijzingen = Doorverwijzing.objects.bulk_create(verwijzingen, batch_size=INSERT_BATCH)
    per_dagen: dict[int, list[int]] = {}
    for verwijzing, dagen in zip(verwijzingen, bijgewerkt, strict=True):
        per_dagen.setdefault(dagen, []).append(verwijzing.pk)
    for dagen, pks in per_dagen.items():  # ``bijgewerkt_op`` is stamped on insert
        Doorverwijzing.objects.filter(pk__in=pks).update(
            bijgewerkt_op=Least(F("aangemaakt_op") + timedelta(days=dagen), now)
        )
    return set(welkom)


def vervolgen_gedaan(assistent, welkom: set[int]) -> None:
    """The welcome follow-ups (``services.vervolgen_create``) of the residents ``seed_jaar``
    welcomed that were due before today: done that day, each with its contact moment."""
    vandaag = timezone.localdate()
    rng = random.Random("buurtassistenten-vervolg")
    gedaan = list(
        Vervolg.objects.filter(bewoner_id__in=welkom, datum__lt=vandaag, gedaan_op__isnull=True)
    )
    momenten = Contactmoment.objects.bulk_create(
        [
            Contactmoment(
                bewoner_id=v.bewoner_id,
                door=assistent,
                datum=aware(v.datum, time(rng.randint(10, 16))),
                kanaal=Kanaal.TELEFOON,
                soort=Contactmoment.Soort.VERVOLG,
                notitie="Nagebeld na het welkom. Het gaat goed.",
            )
            for v in gedaan
        ],
        batch_size=INSERT_BATCH,
    )
    _aangemaakt_is_datum([m.pk for m in momenten])
    for vervolg, moment in zip(gedaan, momenten, strict=True):
        Vervolg.objects.filter(pk=vervolg.pk).update(gedaan_op=moment.datum, gedaan_door=assistent)


def _aangemaakt_is_datum(pks: list[int]) -> None:
    """``aangemaakt_op`` is stamped on insert; history was recorded on the day itself."""
    for start in range(0, len(pks), INSERT_BATCH):
        Contactmoment.objects.filter(pk__in=pks[start : start + INSERT_BATCH]).update(
            aangemaakt_op=F("datum")
        )
