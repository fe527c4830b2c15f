"""Demo and scale data for the buurtassistent's work (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set around ``buurtassistent@demo.wijk`` (Aisha) and the demo
  residents ``bewoner1..50@demo.wijk``: five partners (a huisartsenpraktijk, the wijkteam, a
  welzijnsorganisatie, a woningcorporatie and the gemeente's loket) and one that stopped;
  Aisha follows Oud-Zuid and De Wetering; contact moments over the last months, some with a
  sensitive note; follow-ups that are overdue, due today, done and still to come; referrals
  in each status; newcomers, three welcomed (their follow-ups after 1, 3 and 6 months come
  from ``services.vervolgen_create``) and three not yet; the access log of the pages Aisha
  opened. Truus Hoekstra has no e-mail: Aisha entered her with an intake
  (``services.intake_create``), posted a help request for her and signed her up for the digital help
  hour, both through ``services`` (so they are recorded as done on her behalf). History lies
  in the past, which the services refuse, so it is inserted with the ORM. The set is there
  when Truus's intake exists. It does not depend on ``--seed``.
* With ``--scale N``: in proportion to the scale residents (those whose e-mail starts with
  ``schaal-``): contact moments for about 5% of them over the last year (some sensitive,
  with follow-ups and the access log), referrals for about 1% (every status) and about 3%
  newcomers, most of them welcomed, with their welcome follow-ups. Everything is inserted
  with ``bulk_create``. Who already has data keeps it; more residents add in proportion.

E-mail: nothing is mailed. ``seed_demo`` runs the parts with the dummy e-mail backend; on top
of that, the meldingen the services make here (a helper proposed for Truus's request, her
sign-up) are marked as not to be e-mailed before they are committed, so a Celery worker with a
real mail server sends nothing either. The scale data makes no meldingen.
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone

from bewoners.models import Buurt, Categorie, Profiel, User
from bewoners.roles import Rol
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
from buurtassistenten.services import WELKOM_VERVOLGEN
from hulpvragen import services as hulpvragen_services
from initiatieven.models import Bijeenkomst
from meldingen.models import Melding

ASSISTENT = "buurtassistent@demo.wijk"
ASSISTENT_BUURTEN = ["oud-zuid", "de-wetering"]
SCHAAL_PREFIX = "schaal-"
BATCH = 5000  # residents handled in Python at a time
INSERT_BATCH = 1000  # rows per INSERT statement

# Shares of the scale residents.
DEEL_CONTACT = 0.05
DEEL_DOORVERWEZEN = 0.01
DEEL_NIEUW = 0.03

# The demo residents (bewoner<n>@demo.wijk) the fixed set uses. Their buurten, as seed_demo
# makes them: Oud-Zuid 1, 5, 9, 13, 17, 21, 25, 37, 49; De Wetering 4, 8, 12, 16; Parkwijk 22.
GEBRUIKT = {1, 4, 5, 8, 9, 12, 13, 16, 17, 21, 22, 25, 37, 49}

# The intake'd resident: the marker of the fixed set.
INTAKE_VOORNAAM = "Truus"
INTAKE_ACHTERNAAM = "Hoekstra"

S = Wijkpartner.Soort
# naam, soort, contact, buurten (slugs; empty: all), actief
PARTNERS = [
    (
        "Huisartsenpraktijk De Linde",
        S.HUISARTS,
        "Lindelaan 4, Wijkdorp. Praktijkondersteuner: 030 123 45 67, op werkdagen 8:00-10:00.",
        ["oud-zuid", "de-wetering"],
        True,
    ),
    (
        "Wijkteam Wijkdorp",
        S.WIJKTEAM,
        "wijkteam@demo.wijk of 030 765 43 21. Inloop op dinsdag 9:00-12:00 in De Linde.",
        [],
        True,
    ),
    (
        "Welzijn Wijkdorp",
        S.WELZIJN,
        "Maatjes, steun voor mantelzorgers en hulp bij formulieren. 030 555 12 12.",
        [],
        True,
    ),
    (
        "Woonstichting Het Dorp",
        S.WONINGCORPORATIE,
        "Huurdersloket: 030 222 33 44. Voor reparaties, aanpassingen in huis en overlast.",
        ["oud-zuid", "parkwijk", "terwijde"],
        True,
    ),
    (
        "Gemeente Wijkdorp, loket Zorg en Welzijn",
        S.GEMEENTE,
        "Wmo-loket en hulp bij geldzaken. Bel 14 030 of kom langs in het gemeentehuis.",
        [],
        True,
    ),
    (
        "Maaltijdservice Aan Tafel",
        S.WELZIJN,
        "Gestopt in het voorjaar. Verwijs voor maaltijden naar Welzijn Wijkdorp.",
        ["de-wetering"],
        False,
    ),
]
BEHOEFTEN = {
    S.HUISARTS: [Behoefte.ZORG],
    S.WIJKTEAM: [Behoefte.DAGELIJKS, Behoefte.MANTELZORG, Behoefte.ZORG],
    S.WELZIJN: [Behoefte.EENZAAMHEID, Behoefte.MANTELZORG, Behoefte.DAGELIJKS],
    S.WONINGCORPORATIE: [Behoefte.WONEN],
    S.GEMEENTE: [Behoefte.GELD, Behoefte.WONEN, Behoefte.ANDERS],
}

NOTITIES = [
    "Belde over de buurtbus. Uitgelegd hoe je een rit reserveert.",
    "Even langs geweest. Gaat goed, wil meedoen met de koffieochtend.",
    "Vraagt hulp bij een formulier van de gemeente.",
    "Kennisgemaakt op het inloopspreekuur.",
    "Zoekt iemand om samen mee te wandelen.",
    "Vraag over grofvuil. Doorgegeven aan de gemeente.",
    "Wil graag helpen in de moestuin. Gegevens van de moestuinclub gegeven.",
    "Teruggebeld. De klus is gedaan, ze is tevreden.",
    "Vraagt of er vervoer is naar de markt.",
    "",
]
GEVOELIGE_NOTITIES = [
    "Maakt zich zorgen over geld. Wil hulp bij het ordenen van de post.",
    "Voelt zich vaak alleen sinds de verhuizing.",
    "Zorgt voor haar man. Is erg moe en wil af en toe rust.",
    "Ruzie met de buren over geluid.",
    "Heeft een achterstand met de huur.",
]
WELKOM_NOTITIES = [
    "Welkomstbezoek. Folder van de wijk gegeven.",
    "Welkom geheten. Is benieuwd naar de activiteiten in de buurt.",
    "Kennismaking aan de deur. Belt zelf als ze iets nodig heeft.",
]
KANALEN = [Kanaal.TELEFOON, Kanaal.TELEFOON, Kanaal.HUISBEZOEK, Kanaal.EMAIL, Kanaal.INLOOP]


# --- hook --------------------------------------------------------------------------------------


def seed(command, rng, scale):
    started = clock.monotonic()
    if seed_fixed(command):
        command.stdout.write(
            f"Buurtassistenten-demo aangemaakt in {clock.monotonic() - started:.1f} s."
        )
    if scale:
        seed_scale(command, rng, scale)


def _aware(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def partners_maken() -> list[Wijkpartner]:
    """The demo partners (by name; existing ones are left as they are)."""
    buurten = {b.slug: b for b in Buurt.objects.all()}
    partners = []
    for naam, soort, contact, slugs, actief in PARTNERS:
        partner, nieuw = Wijkpartner.objects.get_or_create(
            naam=naam, defaults={"soort": soort, "contact": contact, "actief": actief}
        )
        if nieuw:
            partner.buurten.set([buurten[s] for s in slugs if s in buurten])
        partners.append(partner)
    return partners


# --- the fixed demo set ------------------------------------------------------------------------


def seed_fixed(command) -> bool:
    """The readable demo set; returns False when it was already there (or nobody to use)."""
    if Intake.objects.filter(
        bewoner__first_name=INTAKE_VOORNAAM,
        bewoner__last_name=INTAKE_ACHTERNAAM,
        door__email=ASSISTENT,
    ).exists():
        return False
    assistent = User.objects.filter(email=ASSISTENT, is_active=True).first()
    users = {
        int(u.email.removeprefix("bewoner").split("@")[0]): u
        for u in User.objects.filter(
            email__regex=r"^bewoner[0-9]+@demo\.wijk$", is_active=True
        ).select_related("profiel")
    }
    if assistent is None or not users.keys() >= GEBRUIKT:
        return False
    melding_voor = Melding.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        partners = {p.naam: p for p in partners_maken()}
        for buurt in Buurt.objects.filter(slug__in=ASSISTENT_BUURTEN):
            buurt.buurtassistenten.add(assistent)
        _demo_nieuwkomers(assistent, users)
        _demo_contacten(assistent, users, partners)
        truus = _demo_intake(assistent)
        _demo_inzages(assistent, [users[1], users[8], users[9], users[16], truus])
        # Meldingen made here (a helper proposed for Truus's request, her sign-up) stay in the
        # inboxes; none is e-mailed, also not by a worker after the commit.
        Melding.objects.filter(pk__gt=melding_voor, email_gewenst=True).update(email_gewenst=False)
    return True


def _moment(bewoner, door, dagen_geleden, kanaal, notitie="", *, uur=10, **velden):
    datum = _aware(timezone.localdate() - timedelta(days=dagen_geleden), time(uur))
    moment = Contactmoment.objects.create(
        bewoner=bewoner, door=door, datum=datum, kanaal=kanaal, notitie=notitie, **velden
    )
    Contactmoment.objects.filter(pk=moment.pk).update(aangemaakt_op=datum)
    return moment


def _verwijzing(bewoner, door, partner, behoefte, status, dagen_geleden, bijgewerkt_geleden):
    verwezen = _aware(timezone.localdate() - timedelta(days=dagen_geleden), time(11))
    verwijzing = Doorverwijzing.objects.create(
        bewoner=bewoner,
        door=door,
        partner=partner,
        behoefte=behoefte,
        status=status,
        aangemaakt_op=verwezen,
    )
    Doorverwijzing.objects.filter(pk=verwijzing.pk).update(
        bijgewerkt_op=_aware(timezone.localdate() - timedelta(days=bijgewerkt_geleden), time(15))
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
            gedaan_op=_aware(datum, time(11)) if gedaan else None,
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
    """Truus has no e-mail: entered by Aisha, a help request and a sign-up on her behalf."""
    truus = services.intake_create(
        door=assistent,
        first_name=INTAKE_VOORNAAM,
        last_name=INTAKE_ACHTERNAAM,
        telefoon="030 234 56 78",
        adres="Molenpad 12",
        postcode="3545 AB",
        woonplaats="Wijkdorp",
        buurt=Buurt.objects.filter(slug="de-wetering").first(),
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


# --- scale -------------------------------------------------------------------------------------


def aantallen(bewoners: int) -> dict[str, int]:
    """How many scale residents have contact moments, referrals, and are new in the wijk."""
    return {
        "contact": round(bewoners * DEEL_CONTACT),
        "doorverwezen": round(bewoners * DEEL_DOORVERWEZEN),
        "nieuw": round(bewoners * DEEL_NIEUW),
    }


def seed_scale(command, rng, scale) -> None:
    started = clock.monotonic()
    schaal = User.objects.filter(email__startswith=SCHAAL_PREFIX, is_active=True)
    bewoners = list(schaal.order_by("pk").values_list("pk", flat=True))
    doel = aantallen(len(bewoners))
    assistenten = list(
        User.objects.filter(groups__name=Rol.BUURTASSISTENT, is_active=True)
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
                    gedaan_op=_aware(datum, time(11)) if gedaan else None,
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
            _aware(dag + timedelta(days=rng.randint(2, 10)), time(rng.randint(9, 16))),
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
                    gedaan_op=_aware(datum, time(14)) if gedaan else None,
                    gedaan_door_id=moment.door_id if gedaan else None,
                )
            )
    _bulk(Vervolg, vervolgen)
    return {"contactmomenten": len(momenten), "vervolgafspraken": len(vervolgen)}
