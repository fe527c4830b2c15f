"""The fixed, readable demo set of help requests, offers and matches (see ``demo.hulpvragen``)."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.availability import ALL
from bewoners.models import Buurt, Categorie, User
from demo.basis import demo_bewoners
from demo.cooperaties import BUURTASSISTENT, huidige_demo
from hulpvragen import services
from hulpvragen.models import Aanbod, Hulpvraag, Match
from meldingen.services import melding_send

from .gegevens import (
    AANBIEDINGEN,
    BEDANKJES,
    MARKER_BEWONER,
    MARKER_TITEL,
    REDENEN_NEE,
    TIJDVAKKEN,
    VRAGEN,
    mask,
)
from .jaar import seed_jaar


def seed_fixed(command) -> bool:
    """The readable demo set; returns False when it was already there (or no residents).

    It does not depend on chance, so it is the same on every machine.
    """
    demo = huidige_demo()
    marker = demo.bewoner(MARKER_BEWONER)
    if Hulpvraag.objects.filter(aanvrager__email=marker, titel=MARKER_TITEL).exists():
        return False
    users = demo_bewoners()
    assistent = User.objects.filter(email=demo.email(BUURTASSISTENT)).first()
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

        # A year of help before that (the board report's last quarter and this year).
        seed_jaar(users, now)

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
