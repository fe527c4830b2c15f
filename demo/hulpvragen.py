"""Demo and scale data for help requests, offers and matches (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set around the demo residents ``bewoner1..50@demo.wijk`` that
  ``seed_demo`` creates: offers, requests in every state (open, gematcht, afgerond, ingetrokken,
  verlopen, one escalated to the buurtassistent) and matches in every state. Current requests
  and offers go through the services (so matching runs, eagerly without a broker); history that
  lies in the past is inserted with the ORM, because the services refuse past dates. Someone
  logging in as ``bewoner1@demo.wijk`` sees their own requests with proposals and a proposal
  waiting for them as a helper. The marker is the first request's title for ``bewoner1``.
* With ``--scale N``: about one request and one offer per ten scale residents per month, two
  years back (N=100,000 gives ~240,000 of each), with matches in realistic states, via
  ``bulk_create`` in batches. Most old offers are paused; many helpers have just one offer.
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.availability import ALL, bit
from bewoners.models import Buurt, Categorie, Profiel, User
from hulpvragen import services, zoekindex
from hulpvragen.models import Aanbod, Hulpvraag, Match, Zoekregel
from meldingen.services import melding_send

# --- texts -----------------------------------------------------------------------------------

# Per category slug: (title, description) pairs for requests, and for offers.
VRAGEN = {
    "klussen": [
        ("Lamp ophangen in de gang", "Ik heb een nieuwe lamp, maar ik kan niet meer op een trap."),
        ("Kast in elkaar zetten", "Een kast van de bouwmarkt. De handleiding snap ik niet."),
        ("Gordijnen ophangen", "De rails zit er al, de gordijnen moeten er nog aan."),
        ("Schilderij ophangen", "Twee schilderijen in de woonkamer. Ik heb zelf geen boor."),
    ],
    "tuin": [
        ("Heg snoeien", "De heg in de voortuin is te hoog geworden voor mij."),
        ("Tuin winterklaar maken", "Bladeren opruimen en de planten afdekken."),
        ("Onkruid wieden", "Tussen de tegels groeit veel onkruid. Bukken lukt me niet meer."),
    ],
    "vervoer": [
        ("Vervoer naar het ziekenhuis", "Ik moet naar een afspraak en heb geen auto."),
        ("Naar de huisarts", "Een korte rit naar de huisarts en weer terug."),
        ("Rit naar mijn zus in het verpleeghuis", "Ze woont een half uur rijden hier vandaan."),
    ],
    "boodschappen": [
        ("Boodschappen op dinsdag", "Elke week de boodschappen voor mij doen of samen gaan."),
        ("Samen naar de markt", "Ik wil graag naar de markt, maar niet alleen."),
        ("Zware boodschappen naar boven", "Water en melk zijn te zwaar voor de trap."),
    ],
    "gezelschap": [
        ("Samen een kopje koffie", "Ik ben veel alleen en vind een praatje fijn."),
        ("Wandelen in het park", "Een rondje door het park, op mijn eigen tempo."),
        ("Samen een spelletje doen", "Ik speel graag rummikub of klaverjassen."),
    ],
    "digitale-hulp": [
        ("Hulp bij DigiD", "Ik moet inloggen met DigiD en weet niet hoe dat werkt."),
        ("Foto's van mijn telefoon op de computer", "Mijn telefoon is vol met foto's."),
        ("Videobellen met mijn kleinkinderen", "Ik wil leren videobellen op de tablet."),
    ],
    "administratie": [
        ("Hulp bij de belastingaangifte", "Ik krijg er een brief over en snap hem niet."),
        ("Post op orde brengen", "Er ligt een stapel post. Samen uitzoeken wat weg kan."),
    ],
    "koken": [
        ("Samen koken", "Ik kook niet graag voor één. Samen is gezelliger."),
        ("Een warme maaltijd brengen", "Na mijn operatie kan ik een paar weken niet koken."),
    ],
    "bewegen": [
        ("Samen fietsen", "Ik wil weer fietsen, maar durf het niet alleen."),
        ("Mee naar het zwembad", "Zwemmen is goed voor mijn rug. Wie gaat mee?"),
    ],
    "huisdieren": [
        ("Hond uitlaten", "Mijn hond moet elke dag een rondje. Ik ben even slecht ter been."),
        ("Op de kat passen", "Ik ga een week weg. Wie geeft de kat eten?"),
    ],
    "taal": [
        ("Nederlands oefenen", "Ik leer Nederlands en wil graag praten met iemand."),
        ("Voorlezen aan mijn dochter", "Ik lees nog niet goed genoeg Nederlands voor."),
    ],
    "kinderen": [
        ("Huiswerkhulp rekenen", "Mijn zoon zit in groep 7 en vindt rekenen moeilijk."),
        ("Oppas op woensdagmiddag", "Twee uurtjes oppassen, de kinderen zijn 4 en 6."),
    ],
    "mantelzorg": [
        ("Even de zorg overnemen", "Ik zorg voor mijn man. Een middag vrij zou fijn zijn."),
    ],
    "reparatie": [
        ("Fiets repareren", "Mijn achterband is lek en de bel doet het niet."),
        ("Broek korter maken", "Een nieuwe broek is te lang. Ik heb geen naaimachine."),
    ],
}
AANBIEDINGEN = {
    "klussen": ("Kleine klussen in huis", "Ik ben handig en heb gereedschap. Lampen, kastjes."),
    "tuin": ("Hulp in de tuin", "Ik heb groene vingers en help graag met snoeien en wieden."),
    "vervoer": ("Ik rijd je naar het ziekenhuis", "Ik heb een auto en tijd overdag."),
    "boodschappen": ("Boodschappen doen", "Ik ga toch naar de supermarkt, dus ik neem wat mee."),
    "gezelschap": ("Een kopje koffie en een praatje", "Ik kom graag langs voor gezelschap."),
    "digitale-hulp": ("Hulp met telefoon en computer", "DigiD, e-mail, foto's: ik help je."),
    "administratie": ("Hulp bij post en formulieren", "Ik werkte bij een bank. Ik help graag."),
    "koken": ("Samen koken of een maaltijd", "Ik kook vaak te veel. Eet gezellig mee."),
    "bewegen": ("Samen wandelen of fietsen", "Ik beweeg graag en liever niet alleen."),
    "huisdieren": ("Hond uitlaten", "Ik hou van dieren en loop graag een rondje."),
    "taal": ("Nederlands oefenen", "Ik ben juf geweest. Praten en lezen oefenen kan bij mij."),
    "kinderen": ("Oppassen en huiswerkhulp", "Ik studeer voor leraar en help kinderen graag."),
    "mantelzorg": ("Even de zorg overnemen", "Ik neem de zorg een middag over, zodat jij rust."),
    "reparatie": ("Fietsen en kleding repareren", "Ik heb een naaimachine en fietsgereedschap."),
}
BEDANKJES = [
    "Dank je wel, wat fijn dat je er was!",
    "Heel erg bedankt. Het ziet er prachtig uit.",
    "Dankjewel voor je hulp en het gezellige praatje.",
    "Super geholpen, tot de volgende keer!",
    "Fijn dat het zo snel kon. Bedankt!",
    "",
]
REDENEN_NEE = [
    "Ik ben die dag op vakantie.",
    "Het lukt me deze week niet.",
    "Dit kan ik helaas niet goed.",
    "",
]

TIJDVAKKEN = [
    (time(9, 0), time(11, 0)),
    (time(10, 0), time(12, 0)),
    (time(13, 0), time(15, 0)),
    (time(14, 0), time(16, 30)),
    (time(19, 0), time(21, 0)),
]

# The fixed demo set is there once this request of bewoner1 exists.
MARKER_TITEL = "Vervoer naar het ziekenhuis"
MARKER_EMAIL = "bewoner1@demo.wijk"

SCHAAL_PREFIX = "schaal-"
BATCH = 5000  # rows made in Python at a time
INSERT_BATCH = 1000  # rows per INSERT statement (large statements are slower to bind)


def mask(dagen, delen) -> int:
    return sum(bit(d, p) for d in dagen for p in delen)


# --- hook ------------------------------------------------------------------------------------


def seed(command, rng, scale):
    started = clock.monotonic()
    created = seed_fixed(command, rng)
    if created:
        command.stdout.write(f"Hulpvragen-demo aangemaakt in {clock.monotonic() - started:.1f} s.")
    if scale:
        seed_scale(command, rng, scale)


# --- the fixed demo set ----------------------------------------------------------------------


def seed_fixed(command, rng) -> bool:
    """The readable demo set; returns False when it was already there (or no residents).

    It does not depend on chance (``rng`` is unused), so it is the same on every machine.
    """
    if Hulpvraag.objects.filter(aanvrager__email=MARKER_EMAIL, titel=MARKER_TITEL).exists():
        return False
    users = {
        int(u.email.removeprefix("bewoner").split("@")[0]): u
        for u in User.objects.filter(email__regex=r"^bewoner[0-9]+@demo\.wijk$").select_related(
            "profiel"
        )
    }
    assistent = User.objects.filter(email="buurtassistent@demo.wijk").first()
    if not users.get(1) or assistent is None:
        return False
    cat = {c.slug: c for c in Categorie.objects.all()}
    now = timezone.now()
    today = timezone.localdate()

    def u(n):
        return users[n]

    def titel(slug, i=0):
        return VRAGEN[slug][i]

    # 1. Current offers, through the services (matching against open requests runs eagerly).
    aanbod = [
        (1, ["digitale-hulp"], "overal", mask(range(7), [2])),
        (5, ["klussen", "reparatie"], "eigen_buurt", mask(range(5), [1, 2])),
        (9, ["tuin"], "buurten", mask([5, 6], [0, 1])),
        (2, ["vervoer", "boodschappen"], "overal", mask(range(5), [0, 1])),
        (3, ["boodschappen", "gezelschap"], "buurten", ALL),
        (6, ["gezelschap", "bewegen"], "eigen_buurt", mask(range(7), [1])),
        (10, ["vervoer"], "overal", mask([0, 1, 2, 3, 4, 5], [0, 1])),
        (13, ["digitale-hulp", "klussen"], "eigen_buurt", mask(range(7), [1, 2])),
        (4, ["koken"], "eigen_buurt", mask(range(7), [2])),
        (7, ["huisdieren", "bewegen"], "overal", mask(range(7), [0, 2])),
        (11, ["taal", "kinderen"], "eigen_buurt", mask(range(5), [1])),
        (14, ["reparatie", "klussen"], "overal", mask([5], [0, 1])),
        (18, ["administratie", "digitale-hulp"], "overal", mask(range(5), [0, 1])),
        (22, ["huisdieren"], "eigen_buurt", ALL),
    ]
    alle_buurten = list(Buurt.objects.all())
    for n, slugs, bereik, beschikbaar in aanbod:
        helper = u(n)
        titel_a, beschrijving_a = AANBIEDINGEN[slugs[0]]
        extra = []
        if bereik == "buurten":
            extra = [b for b in alle_buurten if b.pk != helper.profiel.buurt_id][:2]
        services.aanbod_create(
            helper=helper,
            titel=titel_a,
            beschrijving=beschrijving_a,
            categorieen=[cat[s] for s in slugs],
            buurten=extra,
            bereik=bereik,
            beschikbaarheid=beschikbaar,
            max_per_week=3,
        )
    # An old offer that was paused (history: plain ORM).
    oud = Aanbod.objects.create(
        helper=u(5),
        titel="Schilderwerk binnen",
        beschrijving="Ik schilder graag een muur of een deur. Nu even geen tijd.",
        buurt=u(5).profiel.buurt,
        bereik="eigen_buurt",
        beschikbaarheid=mask([5], [0, 1]),
        actief=False,
        aangemaakt_op=now - timedelta(days=200),
        gepauzeerd_op=now - timedelta(days=90),
    )
    oud.categorieen.set([cat["klussen"]])

    # 2. History (past dates): afgerond, ingetrokken, verlopen, plus one escalated request.
    def oud_verzoek(n, slug, i, dagen_geleden, status, **extra):
        aangemaakt = now - timedelta(days=dagen_geleden)
        van, tot = TIJDVAKKEN[dagen_geleden % len(TIJDVAKKEN)]
        t, b = titel(slug, i)
        fields = {
            "wanneer": "datum",
            "datum": aangemaakt.date() + timedelta(days=4),
            "tijd_van": van,
            "tijd_tot": tot,
        }
        fields.update(extra)
        return Hulpvraag.objects.create(
            aanvrager=u(n),
            categorie=cat[slug],
            titel=t,
            beschrijving=b,
            buurt=u(n).profiel.buurt,
            status=status,
            aangemaakt_op=aangemaakt,
            **fields,
        )

    def oude_match(hulpvraag, n, status, uren_na=2, **extra):
        gemaakt = hulpvraag.aangemaakt_op + timedelta(minutes=5)
        velden = {
            "geaccepteerd": "geaccepteerd_op",
            "afgewezen": "afgewezen_op",
            "verlopen": "verlopen_op",
            "afgerond": "afgerond_op",
            "geannuleerd": "geannuleerd_op",
        }
        if status in ("afgerond", "geannuleerd"):
            extra.setdefault("geaccepteerd_op", gemaakt + timedelta(hours=1))
        if status in velden:
            extra.setdefault(velden[status], gemaakt + timedelta(hours=uren_na))
        return Match.objects.create(
            hulpvraag=hulpvraag,
            helper=u(n),
            aanbod=Aanbod.objects.filter(helper=u(n)).first(),
            status=status,
            score=0.8,
            score_delen={"categorie": 1.0, "nabijheid": 1.0},
            uitleg=["zelfde buurt", hulpvraag.categorie.naam],
            aangemaakt_op=gemaakt,
            verloopt_op=gemaakt + timedelta(hours=24),
            **extra,
        )

    with transaction.atomic():
        # bewoner1 was helped before: the request is done, with hours and a thank-you.
        klaar = oud_verzoek(1, "klussen", 2, 40, "afgerond")
        oude_match(klaar, 14, "verlopen", uren_na=24, reden="Geen antwoord op tijd.")
        oude_match(
            klaar,
            5,
            "afgerond",
            uren_na=100,
            uren=Decimal("1.50"),
            bedankje="Dank je wel, ze hangen mooi recht!",
            afgerond_door=u(1),
        )
        Hulpvraag.objects.filter(pk=klaar.pk).update(
            gematcht_op=klaar.aangemaakt_op + timedelta(hours=2),
            afgerond_op=klaar.aangemaakt_op + timedelta(hours=100),
        )
        for n, slug, i, dagen, helper, uren in [
            (21, "vervoer", 1, 25, 2, "2.00"),
            (28, "tuin", 1, 60, 9, "3.00"),
            (12, "boodschappen", 2, 15, 3, "0.75"),
            (25, "gezelschap", 1, 10, 6, "1.50"),
        ]:
            h = oud_verzoek(n, slug, i, dagen, "afgerond")
            oude_match(h, 10 if helper != 10 else 7, "afgewezen", reden=REDENEN_NEE[0])
            oude_match(
                h,
                helper,
                "afgerond",
                uren_na=90,
                uren=Decimal(uren),
                bedankje=BEDANKJES[dagen % 5],
                afgerond_door=u(helper),
            )
            Hulpvraag.objects.filter(pk=h.pk).update(
                gematcht_op=h.aangemaakt_op + timedelta(hours=3),
                afgerond_op=h.aangemaakt_op + timedelta(hours=90),
            )
        # Withdrawn: the agreed help was cancelled with it.
        weg = oud_verzoek(23, "reparatie", 0, 20, "ingetrokken")
        oude_match(weg, 14, "geannuleerd", uren_na=30, reden="De hulpvraag is ingetrokken.")
        Hulpvraag.objects.filter(pk=weg.pk).update(
            ingetrokken_op=weg.aangemaakt_op + timedelta(hours=30)
        )
        # Expired: nobody could, the day passed.
        voorbij = oud_verzoek(27, "boodschappen", 1, 12, "verlopen")
        oude_match(voorbij, 3, "afgewezen", reden="Ik ben die dag op vakantie.")
        oude_match(voorbij, 2, "verlopen", uren_na=24, reden="Geen antwoord op tijd.")
        Hulpvraag.objects.filter(pk=voorbij.pk).update(
            verlopen_op=voorbij.aangemaakt_op + timedelta(days=5)
        )
        # Escalated: open for three days without a helper; the buurtassistent was told.
        lastig = oud_verzoek(
            24,
            "administratie",
            0,
            3,
            "open",
            wanneer="flexibel",
            datum=None,
            tijd_van=None,
            tijd_tot=None,
            uiterlijk=today + timedelta(days=7),
        )
        oude_match(lastig, 18, "verlopen", uren_na=24, reden="Geen antwoord op tijd.")
        oude_match(lastig, 13, "afgewezen", reden="Dit kan ik helaas niet goed.")
        geescaleerd = lastig.aangemaakt_op + timedelta(hours=48)
        Hulpvraag.objects.filter(pk=lastig.pk).update(
            geescaleerd_op=geescaleerd, gematcht_gezocht_op=geescaleerd
        )
        for persoon in services.buurtassistenten_for(lastig.buurt):
            melding_send(
                persoon,
                "hulp_escalatie",
                titel=_("Hulpvraag wacht op een helper: %(titel)s"),
                tekst=_("In %(buurt)s is na %(uren)s uur nog geen helper gevonden."),
                url=lastig.get_absolute_url(),
                params={"titel": lastig.titel, "buurt": lastig.buurt.naam, "uren": 48},
            )

    # 3. Current requests through the services: matching proposes helpers right away.
    def nieuw(n, slug, i, **fields):
        t, b = titel(slug, i)
        hulpvraag = services.hulpvraag_create(
            aanvrager=u(n), categorie=cat[slug], titel=t, beschrijving=b, **fields
        )
        # What the queued task does; idempotent, and also works when the caller's transaction
        # has not committed yet (tests), when on_commit has not run the task.
        services.hulpvraag_match(hulpvraag.pk)
        return hulpvraag

    def op(dagen):
        return today + timedelta(days=dagen)

    nieuw(
        1,
        "vervoer",
        0,
        wanneer="datum",
        datum=op(3),
        tijd_van=time(9, 0),
        tijd_tot=time(12, 0),
        urgentie="hoog",
        prive_details="Afspraak bij de oogarts, poli 12. Ik loop met een rollator.",
    )
    nieuw(1, "digitale-hulp", 0, wanneer="flexibel", uiterlijk=op(10))
    nieuw(8, "tuin", 0, wanneer="flexibel", uiterlijk=op(14), urgentie="laag")
    nieuw(
        12,
        "boodschappen",
        0,
        wanneer="wekelijks",
        weekdag=1,
        tijd_van=time(10, 0),
        tijd_tot=time(12, 0),
        herhalen_tot=op(60),
    )
    nieuw(16, "klussen", 0, wanneer="datum", datum=op(5), tijd_van=time(14), tijd_tot=time(16))
    nieuw(20, "gezelschap", 0, wanneer="wekelijks", weekdag=3, tijd_van=time(14), tijd_tot=time(16))
    nieuw(29, "digitale-hulp", 1, wanneer="flexibel", uiterlijk=op(20))
    kast = nieuw(
        15, "klussen", 1, wanneer="datum", datum=op(4), tijd_van=time(19), tijd_tot=time(21)
    )
    hond = nieuw(19, "huisdieren", 0, wanneer="flexibel", uiterlijk=op(6))

    def voorstel(hulpvraag, helper_n):
        """A waiting proposal on ``hulpvraag``: the engine's, else one by the buurtassistent."""
        match = hulpvraag.matches.filter(status=Match.Status.VOORGESTELD).first()
        if match is None:
            match = services.match_propose(hulpvraag=hulpvraag, helper=u(helper_n), door=assistent)
        return match

    # Accepted (the other proposals lapse) and declined (the next candidate is proposed).
    gekozen = voorstel(kast, 5)
    services.match_accept(match_id=gekozen.pk, door=gekozen.helper)
    nee = voorstel(hond, 22)
    services.match_decline(
        match_id=nee.pk,
        door=nee.helper,
        reden="Ik heb zelf een hond die niet van andere honden houdt.",
    )
    services.hulpvraag_match(hond.pk)

    # bewoner1 has a proposal waiting as a helper.
    if not Match.objects.filter(helper=u(1), status=Match.Status.VOORGESTELD).exists():
        doel = Hulpvraag.objects.filter(
            aanvrager=u(29), titel=titel("digitale-hulp", 1)[0], status="open"
        ).first()
        if doel is not None and not doel.matches.filter(helper=u(1)).exists():
            services.match_propose(hulpvraag=doel, helper=u(1), door=assistent)
    return True


# --- scale -----------------------------------------------------------------------------------


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
    rows = Aanbod.categorieen.through.objects.filter(
        aanbod__helper__email__startswith=SCHAAL_PREFIX
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
                for row in zoekindex.rows_for(
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
        profiel__user__email__startswith=SCHAAL_PREFIX
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
