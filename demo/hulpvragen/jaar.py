"""A year of help in the demo: requests, proposals and agreed help over the past twelve months.

Part of the fixed demo set (``seed_fixed`` calls ``seed_jaar`` once, after the current offers
exist), so the board report shows real figures and trends for last quarter and this year. About
twenty requests a month, more in autumn and winter and fewer in the summer holidays
(``demo.basis.seizoen``); the garden in spring and summer, company and shopping in winter. Each
request's day has passed: four in five were done (a helper said yes, the help was given, with hours
and often a thank-you), some expired with nobody found (and were escalated after 48 hours),
some were withdrawn. Helpers are the demo residents with an offer in the request's category;
who asks or helps had joined by then (``demo.bewoners.dagen_lid``). Inserted with the ORM in
bulk: the services refuse past dates. It does not depend on ``--seed``.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from bewoners.models import Categorie
from demo.basis import INSERT_BATCH, aware, seizoen
from hulpvragen.models import Aanbod, Hulpvraag, Match

from .gegevens import BEDANKJES, REDENEN_NEE, TIJDVAKKEN, VRAGEN

PER_MAAND = 20  # requests in an ordinary month
DAGEN = 365
RECENT = 3  # the newest history is this many days old (the current set is newer)

# Categories that ask for more (or less) help in a month than others do.
SEIZOEN_SOORT = {
    "tuin": (0.2, 0.3, 1.5, 2.0, 2.0, 1.5, 1.0, 1.0, 1.2, 1.5, 0.8, 0.2),
    "gezelschap": (1.5, 1.3, 1.0, 0.8, 0.7, 0.7, 0.8, 0.8, 0.9, 1.2, 1.4, 1.8),
    "boodschappen": (1.4, 1.3, 1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.4),
}


def seed_jaar(users: dict, now: datetime) -> tuple[int, int]:
    """A year of finished requests with their matches; returns (requests, matches) made."""
    rng = random.Random("hulpvragen-jaar")  # the same on every machine
    lid_sinds = {n: u.date_joined for n, u in users.items()}
    aanbod = {}  # category slug -> [(offer, helper number)]
    nummer = {u.pk: n for n, u in users.items()}
    for a in Aanbod.objects.filter(helper__in=users.values()).prefetch_related("categorieen"):
        for categorie in a.categorieen.all():
            aanbod.setdefault(categorie.slug, []).append((a, nummer[a.helper_id]))
    if not aanbod:
        return 0, 0
    categorieen = {c.slug: c for c in Categorie.objects.filter(slug__in=aanbod)}
    slugs = sorted(categorieen)
    vragers = [n for n, u in users.items() if u.profiel.heeft_toestemming]

    vragen, plannen = [], []
    for dag, status in _rooster(rng):
        aangemaakt = aware(dag, time(rng.randint(8, 20), rng.randrange(60)))
        # A category someone could help with then (a helper who had joined).
        soorten = [s for s in slugs if any(lid_sinds[n] < aangemaakt for _a, n in aanbod[s])]
        wie = [n for n in vragers if lid_sinds[n] < aangemaakt - timedelta(days=2)]
        if not soorten or not wie:
            continue
        gewicht = [SEIZOEN_SOORT.get(s, (1,) * 12)[dag.month - 1] for s in soorten]
        slug = rng.choices(soorten, weights=gewicht)[0]
        h = _vraag(rng, users[rng.choice(wie)], categorieen[slug], aangemaakt, now)
        helpers = list(  # one offer per helper
            {
                n: (a, n)
                for a, n in aanbod[slug]
                if users[n].pk != h.aanvrager_id and lid_sinds[n] < aangemaakt
            }.values()
        )
        h.status = status
        plannen.append(_plan(rng, h, helpers, now))
        vragen.append(h)
    Hulpvraag.objects.bulk_create(vragen, batch_size=INSERT_BATCH)
    matches = [
        Match(hulpvraag_id=h.pk, **velden)
        for h, plan in zip(vragen, plannen, strict=True)
        for velden in plan
    ]
    Match.objects.bulk_create(matches, batch_size=INSERT_BATCH)
    return len(vragen), len(matches)


def _rooster(rng):
    """(day, state) of each request: per month of the past year about ``PER_MAAND`` as busy as
    the season (a month partly in the year: its part), on random days; four in five done, the
    rest withdrawn or expired."""
    vandaag = timezone.localdate()
    eerste, laatste = vandaag - timedelta(days=DAGEN), vandaag - timedelta(days=RECENT)
    maand = eerste.replace(day=1)
    while maand <= laatste:
        volgende = (maand + timedelta(days=32)).replace(day=1)
        dagen = [
            maand + timedelta(days=i)
            for i in range((volgende - maand).days)
            if eerste <= maand + timedelta(days=i) <= laatste
        ]
        aantal = round(PER_MAAND * seizoen(maand) * len(dagen) / (volgende - maand).days)
        staten = ["afgerond"] * aantal
        for i in range(aantal // 10):
            staten[i * 10] = "ingetrokken" if i % 2 else "verlopen"
        rng.shuffle(staten)
        yield from zip(sorted(rng.choices(dagen, k=aantal)), staten, strict=True)
        maand = volgende


def _vraag(rng, aanvrager, categorie, aangemaakt: datetime, now: datetime) -> Hulpvraag:
    """An unsaved request of ``aanvrager`` made at ``aangemaakt``, whose last day has passed."""
    titel, beschrijving = rng.choice(VRAGEN[categorie.slug])
    dag = timezone.localtime(aangemaakt).date()
    ruimte = (timezone.localtime(now).date() - dag).days - 1  # days until yesterday
    van, tot = rng.choice(TIJDVAKKEN)
    r = rng.random()
    if r < 0.08 and ruimte > 60:
        wanneer = {
            "wanneer": "wekelijks",
            "weekdag": rng.randrange(7),
            "herhalen_tot": dag + timedelta(days=rng.randint(14, 42)),
        }
    elif r < 0.35:
        wanneer = {"wanneer": "flexibel", "uiterlijk": dag + timedelta(days=rng.randint(2, 14))}
        if rng.random() > 0.3:
            van = tot = None
    else:
        wanneer = {"wanneer": "datum", "datum": dag + timedelta(days=rng.randint(1, 10))}
    laatste = next(v for k, v in wanneer.items() if k in ("datum", "uiterlijk", "herhalen_tot"))
    if (laatste - dag).days > ruimte:  # still to come: make it yesterday at the latest
        wanneer[next(k for k in wanneer if k in ("datum", "uiterlijk", "herhalen_tot"))] = (
            dag + timedelta(days=max(ruimte, 0))
        )
    h = Hulpvraag(
        aanvrager=aanvrager,
        categorie=categorie,
        titel=titel,
        beschrijving=beschrijving,
        buurt_id=aanvrager.profiel.buurt_id,
        urgentie=rng.choice(("laag", "normaal", "normaal", "normaal", "hoog")),
        status="afgerond",
        aangemaakt_op=aangemaakt,
        matching_gevraagd_op=aangemaakt,
        gematcht_gezocht_op=aangemaakt,
        tijd_van=van,
        tijd_tot=tot,
        **wanneer,
    )
    h.dagdelen = h.compute_dagdelen()  # bulk_create skips save()
    return h


def _laatste_dag(h: Hulpvraag):
    return h.datum or h.uiterlijk or h.herhalen_tot


def _plan(rng, h: Hulpvraag, helpers: list, now: datetime) -> list[dict]:
    """The matches of ``h`` (fields for ``Match``), and its own state and moments."""
    gekozen = rng.sample(helpers, k=min(len(helpers), rng.choice((1, 1, 2, 2, 3))))
    if not gekozen:
        h.status = "verlopen" if h.status == "afgerond" else h.status
    begint = aware(_laatste_dag(h), h.tijd_van or time(10))
    # The engine proposes within minutes; sometimes the buurtassistent finds someone later.
    moment = h.aangemaakt_op + timedelta(minutes=rng.randint(1, 20))
    if h.status != "afgerond" and rng.random() < 0.3:
        moment += timedelta(hours=rng.randint(20, 60))
    matches = []
    for i, (aanbod, _n) in enumerate(gekozen):
        laatst = i == len(gekozen) - 1
        velden = {
            "helper_id": aanbod.helper_id,
            "aanbod": aanbod,
            "score": round(0.5 + rng.random() * 0.45, 4),
            "score_delen": {"categorie": 1.0, "nabijheid": round(rng.random(), 2)},
            "uitleg": [h.categorie.naam],
            "aangemaakt_op": moment,
            "verloopt_op": moment + timedelta(hours=24),
        }
        # A yes within hours, before the help begins.
        ja = moment + min(
            timedelta(hours=rng.choice((1, 2, 3, 5, 8, 12, 20))), (begint - moment) * 0.8
        )
        if laatst and h.status in ("afgerond", "ingetrokken") and ja < begint:
            velden["geaccepteerd_op"] = ja
            if h.status == "afgerond":
                if h.wanneer == "flexibel":  # some day after the yes, before the last day
                    einde = min(ja + timedelta(hours=rng.randint(4, 72)), begint)
                else:
                    einde = aware(_laatste_dag(h), h.tijd_tot or time(16))
                klaar = min(max(einde, ja) + timedelta(hours=rng.randint(0, 30)), now)
                velden.update(
                    status="afgerond",
                    afgerond_op=klaar,
                    afgerond_door_id=aanbod.helper_id if rng.random() < 0.6 else h.aanvrager_id,
                    uren=Decimal(rng.choice(("0.50", "1.00", "1.00", "1.50", "2.00", "3.00"))),
                    bedankje=rng.choice(BEDANKJES),
                )
                h.gematcht_op, h.afgerond_op = ja, klaar
            else:  # withdrawn after a helper had said yes: the help was cancelled with it
                weg = min(ja + timedelta(hours=rng.randint(2, 48)), begint)
                velden.update(
                    status="geannuleerd", geannuleerd_op=weg, reden="De hulpvraag is ingetrokken."
                )
                h.ingetrokken_op = weg
        elif rng.random() < 0.5:
            velden.update(
                status="afgewezen",
                afgewezen_op=moment + timedelta(hours=rng.randint(1, 10)),
                reden=rng.choice(REDENEN_NEE),
            )
        else:
            velden.update(
                status="verlopen",
                verlopen_op=moment + timedelta(hours=24),
                reden="Geen antwoord op tijd.",
            )
        matches.append(velden)
        moment = velden.get("afgewezen_op") or velden.get("verlopen_op") or moment
        moment += timedelta(minutes=rng.randint(1, 30))
    if h.status == "afgerond" and h.gematcht_op is None:  # nobody said yes after all
        h.status = "verlopen"
    if h.status == "ingetrokken" and h.ingetrokken_op is None:
        h.ingetrokken_op = h.aangemaakt_op + timedelta(hours=rng.randint(3, 72))
    if h.status == "verlopen":
        h.verlopen_op = min(aware(_laatste_dag(h) + timedelta(days=1), time(3)), now)
    if h.gematcht_op is None and h.ingetrokken_op is None:
        h.geescaleerd_op = h.aangemaakt_op + timedelta(hours=48)
    if h.gematcht_op is not None and h.gematcht_op - h.aangemaakt_op > timedelta(hours=48):
        h.geescaleerd_op = h.aangemaakt_op + timedelta(hours=48)
    return matches
