"""Scale data: requests, offers and matches in proportion to the scale residents (bulk)."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bewoners.availability import ALL
from bewoners.models import Buurt, Categorie, Profiel
from cooperaties.models import HuidigeCooperatie
from demo.basis import BATCH, INSERT_BATCH, SCHAAL_PREFIX
from hulpvragen import selectors
from hulpvragen.models import Aanbod, Hulpvraag, Match, Zoekregel

from .gegevens import AANBIEDINGEN, BEDANKJES, REDENEN_NEE, TIJDVAKKEN, VRAGEN


def seed_scale(command, rng, scale: int) -> None:
    """Requests, offers and matches in proportion to the scale residents (bulk inserts)."""
    started = clock.monotonic()
    target = scale * 24 // 10  # one per ten residents per month, for 24 months
    have_vragen = Hulpvraag.objects.filter(aanvrager__email__startswith=SCHAAL_PREFIX).count()
    have_aanbod = Aanbod.objects.filter(helper__email__startswith=SCHAAL_PREFIX).count()
    if have_vragen >= target and have_aanbod >= target:
        command.stdout.write(f"Er zijn al {have_vragen} schaal-hulpvragen en {have_aanbod} aanbod.")
        return
    residents = list(
        Profiel.objects.filter(user__email__startswith=SCHAAL_PREFIX)
        .order_by("user_id")
        .values_list("user_id", "buurt_id", "beschikbaarheid")
    )
    if not residents:
        return
    categorieen = list(Categorie.objects.actief().values_list("pk", "slug", "naam"))
    buurt_ids = list(Buurt.objects.values_list("pk", flat=True))
    now = timezone.now()

    with transaction.atomic():
        offers_by_cat = _scale_offers(
            rng, residents, categorieen, buurt_ids, max(0, target - have_aanbod), now
        )
    t_aanbod = clock.monotonic() - started
    if not offers_by_cat:  # requests still need helpers to match with
        offers_by_cat = _existing_offers_by_cat()
    n_vragen, n_matches = _scale_requests(
        rng, residents, categorieen, offers_by_cat, max(0, target - have_vragen), now
    )
    elapsed = clock.monotonic() - started
    command.stdout.write(
        f"{target - have_aanbod} aanbod in {t_aanbod:.1f} s, {n_vragen} hulpvragen en "
        f"{n_matches} matches; samen {elapsed:.1f} s."
    )


def _existing_offers_by_cat():
    by_cat: dict[int, list[tuple[int, int]]] = {}
    # A through table is no tenant table: the coöperatie comes from the offer.
    rows = Aanbod.categorieen.through.objects.filter(
        aanbod__cooperatie_id=HuidigeCooperatie(), aanbod__helper__email__startswith=SCHAAL_PREFIX
    ).values_list("categorie_id", "aanbod_id", "aanbod__helper_id")
    for categorie_id, aanbod_id, helper_id in rows.iterator(chunk_size=20000):
        by_cat.setdefault(categorie_id, []).append((aanbod_id, helper_id))
    return by_cat


def _scale_offers(rng, residents, categorieen, buurt_ids, todo, now):
    """``todo`` offers: every helper of a pool one, a frequent few the rest; old ones paused."""
    if todo <= 0:
        return {}
    n = len(residents)
    pool = rng.sample(range(n), k=max(1, min(n, int(n * 0.4), todo)))
    frequent = pool[: max(1, len(pool) // 5)]
    plan = []  # (resident index, days ago)
    for j in range(todo):
        idx = pool[j] if j < len(pool) else frequent[rng.randrange(len(frequent))]
        plan.append((idx, rng.random() * 730))
    latest: dict[int, int] = {}
    for j, (idx, ago) in enumerate(plan):
        if idx not in latest or ago < plan[latest[idx]][1]:
            latest[idx] = j
    latest_jobs = set(latest.values())

    cat_pks = [c[0] for c in categorieen]
    slug_of = {c[0]: c[1] for c in categorieen}
    through_cat = Aanbod.categorieen.through
    through_buurt = Aanbod.buurten.through
    skills = _skills_by_helper()
    by_cat: dict[int, list[tuple[int, int]]] = {}
    for start in range(0, todo, BATCH):
        objs, cats, named = [], [], []
        for j in range(start, min(start + BATCH, todo)):
            idx, ago = plan[j]
            user_id, buurt_id, beschikbaar = residents[idx]
            aangemaakt = now - timedelta(days=ago)
            actief = j in latest_jobs and rng.random() < 0.6 or ago < 30 and rng.random() < 0.5
            gekozen = rng.sample(cat_pks, k=rng.choice((1, 1, 2, 2, 3)))
            r = rng.random()
            bereik = "eigen_buurt" if r < 0.6 else "buurten" if r < 0.85 else "overal"
            titel, beschrijving = AANBIEDINGEN.get(
                slug_of[gekozen[0]], ("Hulp in de buurt", "Ik help graag.")
            )
            objs.append(
                Aanbod(
                    helper_id=user_id,
                    titel=titel,
                    beschrijving=beschrijving,
                    beschikbaarheid=beschikbaar or ALL,
                    bereik=bereik,
                    buurt_id=buurt_id,
                    actief=actief,
                    gepauzeerd_op=None
                    if actief
                    else aangemaakt + timedelta(days=rng.random() * min(ago, 120)),
                    max_per_week=rng.choice((1, 2, 2, 2, 3, 5)),
                    aangemaakt_op=aangemaakt,
                )
            )
            cats.append(gekozen)
            if bereik == "buurten":
                others = [b for b in buurt_ids if b != buurt_id]
                named.append(rng.sample(others, k=min(len(others), rng.randint(1, 2))))
            else:
                named.append([])
        Aanbod.objects.bulk_create(objs, batch_size=INSERT_BATCH)
        if objs and objs[0].pk is None:  # databases that do not return ids
            raise RuntimeError("bulk_create gaf geen id's terug")
        through_cat.objects.bulk_create(
            [
                through_cat(aanbod_id=o.pk, categorie_id=c)
                for o, cs in zip(objs, cats, strict=True)
                for c in cs
            ],
            batch_size=INSERT_BATCH,
        )
        through_buurt.objects.bulk_create(
            [
                through_buurt(aanbod_id=o.pk, buurt_id=b)
                for o, bs in zip(objs, named, strict=True)
                for b in bs
            ],
            batch_size=INSERT_BATCH,
        )
        # The matching search table for the active ones (the services do this one by one).
        Zoekregel.objects.bulk_create(
            [
                row
                for o, cs, bs in zip(objs, cats, named, strict=True)
                if o.actief
                for row in selectors.zoekregels_voor(
                    o, categorieen=set(cs), skills=skills.get(o.helper_id, ()), buurten=bs
                )
            ],
            batch_size=INSERT_BATCH,
        )
        for o, cs in zip(objs, cats, strict=True):
            for c in cs:
                by_cat.setdefault(c, []).append((o.pk, o.helper_id))
    return by_cat


def _skills_by_helper() -> dict[int, list[int]]:
    skills: dict[int, list[int]] = {}
    rows = Profiel.kan_categorieen.through.objects.filter(
        profiel__cooperatie_id=HuidigeCooperatie(), profiel__user__email__startswith=SCHAAL_PREFIX
    ).values_list("profiel__user_id", "categorie_id")
    for user_id, categorie_id in rows.iterator(chunk_size=20000):
        skills.setdefault(user_id, []).append(categorie_id)
    return skills


def _when(rng, aangemaakt: datetime) -> dict:
    r = rng.random()
    dag = timezone.localtime(aangemaakt).date()
    if r < 0.6:
        van, tot = rng.choice(TIJDVAKKEN)
        return {
            "wanneer": "datum",
            "datum": dag + timedelta(days=rng.randint(1, 14)),
            "tijd_van": van,
            "tijd_tot": tot,
        }
    if r < 0.85:
        van, tot = rng.choice(TIJDVAKKEN) if rng.random() < 0.3 else (None, None)
        return {
            "wanneer": "flexibel",
            "uiterlijk": dag + timedelta(days=rng.randint(3, 21)),
            "tijd_van": van,
            "tijd_tot": tot,
        }
    van, tot = rng.choice(TIJDVAKKEN)
    return {
        "wanneer": "wekelijks",
        "weekdag": rng.randrange(7),
        "tijd_van": van,
        "tijd_tot": tot,
        "herhalen_tot": dag + timedelta(days=rng.randint(14, 120)),
    }


def _laatste_dag(fields: dict) -> date:
    return fields.get("datum") or fields.get("uiterlijk") or fields.get("herhalen_tot")


def _scale_requests(rng, residents, categorieen, offers_by_cat, todo, now):
    """``todo`` requests over two years, each with the matches its state implies."""
    if todo <= 0:
        return 0, 0
    n = len(residents)
    askers = rng.sample(range(n), k=max(1, int(n * 0.3)))
    today = timezone.localdate()
    slug_of = {c[0]: c[1] for c in categorieen}
    naam_of = {c[0]: c[2] for c in categorieen}
    cat_pks = [c[0] for c in categorieen]
    made_vragen = made_matches = 0
    for start in range(0, todo, BATCH):
        vragen, plans = [], []
        for _j in range(start, min(start + BATCH, todo)):
            user_id, buurt_id, _b = residents[askers[rng.randrange(len(askers))]]
            ago = rng.random() * 730
            aangemaakt = now - timedelta(days=ago)
            fields = _when(rng, aangemaakt)
            categorie_id = rng.choice(cat_pks)
            titel, beschrijving = rng.choice(VRAGEN.get(slug_of[categorie_id], [("Hulp", "Hulp")]))
            r = rng.random()
            if _laatste_dag(fields) < today:
                status = "afgerond" if r < 0.7 else "verlopen" if r < 0.85 else "ingetrokken"
            elif ago < 2:
                status = "open" if r < 0.7 else "gematcht" if r < 0.95 else "ingetrokken"
            else:
                status = "gematcht" if r < 0.6 else "open" if r < 0.9 else "ingetrokken"
            h = Hulpvraag(
                aanvrager_id=user_id,
                categorie_id=categorie_id,
                titel=titel,
                beschrijving=beschrijving,
                buurt_id=buurt_id,
                urgentie=rng.choice(("laag", "normaal", "normaal", "normaal", "hoog")),
                status=status,
                aangemaakt_op=aangemaakt,
                matching_gevraagd_op=aangemaakt,
                gematcht_gezocht_op=aangemaakt,
                **fields,
            )
            h.dagdelen = h.compute_dagdelen()  # bulk_create skips save()
            plans.append(_plan_matches(rng, h, offers_by_cat.get(categorie_id, []), now))
            vragen.append(h)
        with transaction.atomic():
            Hulpvraag.objects.bulk_create(vragen, batch_size=INSERT_BATCH)
            matches = []
            for h, plan in zip(vragen, plans, strict=True):
                for aanbod_id, helper_id, status, gemaakt, extra in plan:
                    matches.append(
                        Match(
                            hulpvraag_id=h.pk,
                            helper_id=helper_id,
                            aanbod_id=aanbod_id,
                            status=status,
                            score=round(0.4 + rng.random() * 0.55, 4),
                            score_delen={"categorie": 1.0, "belasting": 0.5},
                            uitleg=[naam_of[h.categorie_id]],
                            aangemaakt_op=gemaakt,
                            verloopt_op=gemaakt + timedelta(hours=24),
                            **extra,
                        )
                    )
            Match.objects.bulk_create(matches, batch_size=INSERT_BATCH)
        made_vragen += len(vragen)
        made_matches += len(matches)
    return made_vragen, made_matches


def _plan_matches(rng, h, offers, now):
    """The matches a request in ``h.status`` has had: (aanbod, helper, status, made, fields).

    Also sets the request's own timestamps for its state.
    """
    if not offers:
        return []
    wanted = {"afgerond": 2, "gematcht": 2, "verlopen": 2, "ingetrokken": 1, "open": 2}[h.status]
    aantal = rng.randint(1, wanted + 1)
    helpers, picks = set(), []
    for _poging in range(aantal * 3):
        aanbod_id, helper_id = offers[rng.randrange(len(offers))]
        if helper_id != h.aanvrager_id and helper_id not in helpers:
            helpers.add(helper_id)
            picks.append((aanbod_id, helper_id))
            if len(picks) == aantal:
                break
    t0 = h.aangemaakt_op + timedelta(minutes=rng.randint(1, 30))
    # the moment the request's state ended: shortly before its last day, never in the future
    einde = min(now, t0 + timedelta(hours=rng.randint(4, 72)))
    plan = []
    for i, (aanbod_id, helper_id) in enumerate(picks):
        last = i == len(picks) - 1
        gemaakt = t0 + timedelta(hours=i * 2)
        if gemaakt > now:
            gemaakt = now - timedelta(minutes=len(picks) - i)
        nee = (
            (
                "afgewezen",
                {"afgewezen_op": gemaakt + timedelta(hours=3), "reden": rng.choice(REDENEN_NEE)},
            )
            if rng.random() < 0.5
            else (
                "verlopen",
                {"verlopen_op": gemaakt + timedelta(hours=24), "reden": "Geen antwoord op tijd."},
            )
        )
        if h.status in ("afgerond", "gematcht") and last:
            geaccepteerd = gemaakt + timedelta(hours=rng.randint(1, 20))
            extra = {"geaccepteerd_op": geaccepteerd}
            h.gematcht_op = geaccepteerd
            if h.status == "afgerond":
                klaar = timezone.make_aware(datetime.combine(_laatste_dag(_fields(h)), time(17)))
                klaar = min(max(klaar, geaccepteerd), now)
                extra.update(
                    afgerond_op=klaar,
                    afgerond_door_id=helper_id if rng.random() < 0.6 else h.aanvrager_id,
                    uren=Decimal(rng.choice(("0.50", "1.00", "1.50", "2.00", "3.00"))),
                    bedankje=rng.choice(BEDANKJES),
                )
                h.afgerond_op = klaar
            plan.append(
                (
                    aanbod_id,
                    helper_id,
                    h.status == "afgerond" and "afgerond" or "geaccepteerd",
                    gemaakt,
                    extra,
                )
            )
        elif h.status == "ingetrokken" and last and rng.random() < 0.5:
            extra = {
                "geaccepteerd_op": gemaakt + timedelta(hours=2),
                "geannuleerd_op": einde,
                "reden": "De hulpvraag is ingetrokken.",
            }
            plan.append((aanbod_id, helper_id, "geannuleerd", gemaakt, extra))
        elif h.status == "open" and last and now - gemaakt < timedelta(hours=24):
            plan.append((aanbod_id, helper_id, "voorgesteld", gemaakt, {}))
        else:
            status, extra = nee
            plan.append((aanbod_id, helper_id, status, gemaakt, extra))
    if h.status == "verlopen":
        h.verlopen_op = timezone.make_aware(
            datetime.combine(_laatste_dag(_fields(h)) + timedelta(days=1), time(3))
        )
    elif h.status == "ingetrokken":
        h.ingetrokken_op = einde
    elif h.status == "open" and now - h.aangemaakt_op > timedelta(hours=48):
        h.geescaleerd_op = h.aangemaakt_op + timedelta(hours=48)
    return plan


def _fields(h) -> dict:
    return {"datum": h.datum, "uiterlijk": h.uiterlijk, "herhalen_tot": h.herhalen_tot}
