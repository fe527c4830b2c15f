"""The fixed, readable demo set of the buurtassistent's work (see ``demo.buurtassistenten``)."""

from __future__ import annotations

from datetime import time, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from bewoners.models import Buurt, Categorie, Profiel, User
from buurtassistenten import services
from buurtassistenten.models import (
    Behoefte,
    Contactmoment,
    Doorverwijzing,
    Intake,
    Inzage,
    Kanaal,
    Vervolg,
    Wijkpartner,
)
from demo.basis import aware, demo_bewoners
from demo.cooperaties import BUURTASSISTENT, huidige_demo
from hulpvragen import services as hulpvragen_services
from initiatieven.models import Bijeenkomst
from meldingen.models import Melding

from .gegevens import (
    ASSISTENT_BUURTEN,
    GEBRUIKT,
    INTAKE_ADRES,
    PARTNERS,
    WELKOM_NOTITIES,
    S,
)
from .jaar import seed_jaar, vervolgen_gedaan


def partners_maken() -> list[Wijkpartner]:
    """The demo partners of the current demo coöperatie's village (by name; existing ones are
    left as they are)."""
    demo = huidige_demo()
    buurten = {b.slug: b for b in Buurt.objects.all()}
    partners = []
    for naam, soort, contact, slugs, actief in PARTNERS:
        partner, nieuw = Wijkpartner.objects.get_or_create(
            naam=demo.tekst(naam),
            defaults={"soort": soort, "contact": demo.tekst(contact), "actief": actief},
        )
        if nieuw:
            eigen = [demo.slug_van(s) for s in slugs]
            partner.buurten.set([buurten[s] for s in eigen if s in buurten])
        partners.append(partner)
    return partners


def seed_fixed(command) -> bool:
    """The readable demo set; returns False when it was already there (or nobody to use)."""
    demo = huidige_demo()
    voornaam, achternaam = demo.intake
    if Intake.objects.filter(
        bewoner__first_name=voornaam,
        bewoner__last_name=achternaam,
        door__email=demo.email(BUURTASSISTENT),
    ).exists():
        return False
    assistent = User.objects.filter(email=demo.email(BUURTASSISTENT), is_active=True).first()
    users = demo_bewoners(alleen_actief=True)
    if assistent is None or not users.keys() >= GEBRUIKT:
        return False
    melding_voor = Melding.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        partners = {p.naam: p for p in partners_maken()}
        eigen = set()
        for buurt in Buurt.objects.filter(slug__in=map(demo.slug_van, ASSISTENT_BUURTEN)):
            buurt.buurtassistenten.add(assistent)
            eigen.add(buurt.pk)
        # A year of work before the last weeks (the board report's quarters and year).
        welkom = seed_jaar(assistent, users, list(partners.values()), eigen)
        _demo_nieuwkomers(assistent, users)
        vervolgen_gedaan(assistent, welkom)
        _demo_contacten(assistent, users, partners)
        truus = _demo_intake(assistent)
        _demo_inzages(assistent, [users[1], users[8], users[9], users[16], truus])
        # Meldingen made here (a helper proposed for Truus's request, her sign-up) stay in the
        # inboxes; none is e-mailed, also not by a worker after the commit.
        Melding.objects.filter(pk__gt=melding_voor, email_gewenst=True).update(email_gewenst=False)
    return True


def _moment(bewoner, door, dagen_geleden, kanaal, notitie="", *, uur=10, **velden):
    datum = aware(timezone.localdate() - timedelta(days=dagen_geleden), time(uur))
    moment = Contactmoment.objects.create(
        bewoner=bewoner, door=door, datum=datum, kanaal=kanaal, notitie=notitie, **velden
    )
    Contactmoment.objects.filter(pk=moment.pk).update(aangemaakt_op=datum)
    return moment


def _verwijzing(bewoner, door, partner, behoefte, status, dagen_geleden, bijgewerkt_geleden):
    verwezen = aware(timezone.localdate() - timedelta(days=dagen_geleden), time(11))
    verwijzing = Doorverwijzing.objects.create(
        bewoner=bewoner,
        door=door,
        partner=partner,
        behoefte=behoefte,
        status=status,
        aangemaakt_op=verwezen,
    )
    Doorverwijzing.objects.filter(pk=verwijzing.pk).update(
        bijgewerkt_op=aware(timezone.localdate() - timedelta(days=bijgewerkt_geleden), time(15))
    )
    return verwijzing


def _demo_nieuwkomers(assistent, users) -> None:
    """New in the wijk: three welcomed (follow-ups overdue, due today, one done), three not."""
    vandaag = timezone.localdate()
    # bewoner<n>: (new since, days ago; the day of the welcome or None)
    plan = {
        1: (80, vandaag - relativedelta(months=1, days=40)),  # welkom_1 done, welkom_3 to come
        13: (40, vandaag - relativedelta(months=1)),  # welkom_1 due (today)
        25: (60, vandaag - relativedelta(months=1, days=14)),  # welkom_1 two weeks overdue
        37: (12, None),
        49: (25, None),
        4: (5, None),
    }
    for n, (sinds, welkom) in plan.items():
        Profiel.objects.filter(user=users[n]).update(
            nieuw_in_wijk_sinds=vandaag - timedelta(days=sinds)
        )
        if welkom is not None:
            _moment(
                users[n],
                assistent,
                (vandaag - welkom).days,
                Kanaal.HUISBEZOEK,
                WELKOM_NOTITIES[n % len(WELKOM_NOTITIES)],
                soort=Contactmoment.Soort.WELKOM,
            )
    services.vervolgen_create()
    # bewoner1's first follow-up was done: a phone call that day.
    eerste = Vervolg.objects.get(bewoner=users[1], reden=Vervolg.Reden.WELKOM_1)
    moment = _moment(
        users[1],
        assistent,
        (vandaag - eerste.datum).days,
        Kanaal.TELEFOON,
        "Nagebeld na een maand. Gaat naar de wandelclub en het repair café.",
        soort=Contactmoment.Soort.VERVOLG,
        uur=14,
    )
    Vervolg.objects.filter(pk=eerste.pk).update(gedaan_op=moment.datum, gedaan_door=assistent)


def _demo_contacten(assistent, users, partners) -> None:
    """Contact moments, follow-ups and referrals in Aisha's buurten."""
    vandaag = timezone.localdate()
    P = {p.soort: p for p in partners.values() if p.actief}
    R = Doorverwijzing.Status
    afspraak = Vervolg.Reden.AFSPRAAK

    def vervolg(bewoner, moment, dagen, gedaan=False):
        datum = vandaag + timedelta(days=dagen)
        Vervolg.objects.create(
            bewoner=bewoner,
            datum=datum,
            reden=afspraak,
            contactmoment=moment,
            gedaan_op=aware(datum, time(11)) if gedaan else None,
            gedaan_door=assistent if gedaan else None,
        )

    # bewoner5: DigiD; call back was due two days ago.
    moment = _moment(
        users[5],
        assistent,
        20,
        Kanaal.TELEFOON,
        "Vraagt hulp bij DigiD. Digitaal spreekuur genoemd.",
    )
    vervolg(users[5], moment, -2)
    # bewoner9: alone a lot (sensitive); referred to welzijn, taken up; call back today.
    moment = _moment(
        users[9],
        assistent,
        12,
        Kanaal.HUISBEZOEK,
        "Is sinds de dood van haar man veel alleen. Durft niet alleen naar een activiteit.",
        gevoelig=True,
    )
    _verwijzing(users[9], assistent, P[S.WELZIJN], Behoefte.EENZAAMHEID, R.OPGEPAKT, 12, 5)
    vervolg(users[9], moment, 0)
    # bewoner8: behind with the rent (sensitive); two referrals just made; a visit next week.
    moment = _moment(
        users[8],
        assistent,
        3,
        Kanaal.HUISBEZOEK,
        "Achterstand met de huur. Heeft een brief van de woningcorporatie gekregen.",
        gevoelig=True,
    )
    _verwijzing(users[8], assistent, P[S.WONINGCORPORATIE], Behoefte.WONEN, R.VERWEZEN, 3, 3)
    _verwijzing(users[8], assistent, P[S.GEMEENTE], Behoefte.GELD, R.VERWEZEN, 3, 3)
    vervolg(users[8], moment, 7)
    # bewoner12: a carer; referral done; the agreed call back was done.
    moment = _moment(
        users[12],
        assistent,
        45,
        Kanaal.INLOOP,
        "Zorgt voor haar moeder. Zoekt af en toe iemand die het overneemt.",
    )
    _verwijzing(users[12], assistent, P[S.WELZIJN], Behoefte.MANTELZORG, R.AFGEROND, 45, 20)
    vervolg(users[12], moment, -30, gedaan=True)
    _moment(
        users[12],
        assistent,
        30,
        Kanaal.TELEFOON,
        "Teruggebeld. Er komt elke week een vrijwilliger.",
        soort=Contactmoment.Soort.VERVOLG,
    )
    # bewoner16: the stairs are hard (sensitive); huisarts taken up, an adjustment done.
    _moment(
        users[16],
        assistent,
        60,
        Kanaal.HUISBEZOEK,
        "Heeft moeite met de trap. Wil kijken naar aanpassingen in huis.",
        gevoelig=True,
    )
    _verwijzing(users[16], assistent, P[S.HUISARTS], Behoefte.ZORG, R.OPGEPAKT, 60, 50)
    _verwijzing(users[16], assistent, P[S.WONINGCORPORATIE], Behoefte.WONEN, R.AFGEROND, 58, 15)
    # bewoner17 and bewoner21: short contacts without anything to follow up.
    _moment(users[17], assistent, 6, Kanaal.EMAIL, "Vraagt of de koffieochtend toegankelijk is.")
    _moment(users[21], assistent, 1, Kanaal.TELEFOON, "Belde over de buurtbus.", uur=16)
    # bewoner22 (Parkwijk, nobody's buurt): the wijkteam helps with daily things.
    moment = _moment(
        users[22], assistent, 25, Kanaal.TELEFOON, "Redt het thuis niet goed na een val."
    )
    _verwijzing(users[22], assistent, P[S.WIJKTEAM], Behoefte.DAGELIJKS, R.VERWEZEN, 25, 25)
    vervolg(users[22], moment, -5)


def _demo_intake(assistent):
    """Truus has no e-mail: entered by Aisha, a help request and a sign-up on her behalf
    (in another demo coöperatie, its own resident without e-mail: ``DemoCooperatie.intake``)."""
    demo = huidige_demo()
    voornaam, achternaam = demo.intake
    buurt = Buurt.objects.filter(slug=demo.slug_van(INTAKE_ADRES["buurt"])).first()
    postcode = buurt.postcode_list[0][:4] if buurt is not None else INTAKE_ADRES["postcode"]
    truus = services.intake_create(
        door=assistent,
        first_name=voornaam,
        last_name=achternaam,
        telefoon=INTAKE_ADRES["telefoon"],
        adres=demo.straten[INTAKE_ADRES["straat"]] + " 12",
        postcode=f"{postcode} AB",
        woonplaats=demo.woonplaats,
        buurt=buurt,
        toestemming_hoe=Intake.Toestemming.MONDELING,
        notitie="Ingeschreven aan de keukentafel. Heeft geen computer en geen e-mail.",
    )
    # The visit was last week.
    bezoek = timezone.now() - timedelta(days=6)
    Intake.objects.filter(bewoner=truus).update(toestemming_op=bezoek, aangemaakt_op=bezoek)
    Contactmoment.objects.filter(bewoner=truus).update(datum=bezoek, aangemaakt_op=bezoek)
    hulpvraag = services.hulpvraag_create_namens(
        door=assistent,
        bewoner=truus,
        categorie=Categorie.objects.get(slug="boodschappen"),
        titel="Boodschappen op vrijdag",
        beschrijving="Ik heb geen auto en de winkel is ver. Wie gaat op vrijdag met mij mee?",
        prive_details="Bel aan bij de achterdeur. Telefoon: 030 234 56 78.",
        wanneer="wekelijks",
        weekdag=4,
        tijd_van=time(10),
        tijd_tot=time(12),
        herhalen_tot=timezone.localdate() + timedelta(days=60),
    )
    # What the queued matching task does (idempotent): helpers are proposed right away.
    hulpvragen_services.hulpvraag_match(hulpvraag.pk)
    spreekuur = (
        Bijeenkomst.objects.filter(
            activiteit__initiatief__slug="digitaal-spreekuur",
            activiteit__aanmelden_nodig=True,
            status=Bijeenkomst.Status.GEPLAND,
            begin__gt=timezone.now(),
        )
        .order_by("begin")
        .first()
    )
    if spreekuur is not None:
        services.aanmelding_create_namens(door=assistent, bewoner=truus, bijeenkomst=spreekuur)
    return truus


def _demo_inzages(assistent, bewoners) -> None:
    """The pages Aisha opened (the access log each of them sees in their export)."""
    now = timezone.now()
    Inzage.objects.bulk_create(
        Inzage(door=assistent, bewoner=bewoner, op=now - timedelta(days=dagen, hours=uur))
        for i, bewoner in enumerate(bewoners)
        for dagen, uur in ((i + 1, 2), (i * 3 + 4, 5))
    )
