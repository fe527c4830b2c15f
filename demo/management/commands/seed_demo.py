"""Demo and scale data.

``python manage.py seed_demo`` (idempotent) makes the two demo coöperaties (``demo.cooperaties``:
the installation's first and a second village, each on its own address) and seeds each:
buurten, categories, residents with varied profiles, a buurtassistent, a bestuurslid and a
beheerder with known passwords, printed at the end with each coöperatie's address.
``--cooperatie SLUG`` seeds that one only (a demo coöperatie not there yet is made first).
``--scale N`` adds N residents with bulk inserts for performance work, to one coöperatie: the
one ``--cooperatie`` names, else the first.

Then the other apps' parts (``demo.<app>``) add theirs, each a ``demo.basis.Deel`` (a fixed
set, and with ``--scale`` data in proportion), called one after the other in ``DELEN``.
"""

from __future__ import annotations

import random
import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from bewoners.availability import ALL
from bewoners.models import Buurt, Categorie, Profiel, Taal, User
from bewoners.roles import Rol
from bewoners.services import standaard_categorieen_create
from cooperaties.commando import CooperatieCommand
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.selectors import vergeet_hosts
from demo import accommodaties, buurtassistenten, hulpvragen, initiatieven
from demo.basis import SCHAAL_PREFIX, lid_geworden, schaal_bewoners
from demo.bewoners import (
    ACHTERNAMEN,
    BIEDEN,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    KAN,
    NODIG,
    VOORNAMEN,
    WIL,
)
from demo.cooperaties import (
    AANTAL_BEWONERS,
    BEHEER,
    BESTUUR,
    BUURTASSISTENT,
    DEMO_COOPERATIES,
    EERSTE,
    MIGRATIE_NAAM,
    DemoCooperatie,
    adressen,
    huidige_demo,
)
from demo.hulpvragen.gegevens import mask
from demo.proberen import om_te_proberen
from hulpvragen import services as hulpvragen_services
from hulpvragen.models import Aanbod
from meldingen.models import Melding
from netwerk.services import cooperatie_opzetten

# The apps' parts after the residents, in an order the arrows allow: a part may use what the
# parts before it made (initiatives meet in the demo rooms; the buurtassistent signs a
# resident up for an initiative's activity and posts a help request).
DELEN = [hulpvragen.DEEL, accommodaties.DEEL, initiatieven.DEEL, buurtassistenten.DEEL]
OOK_LID = "bewoner, ook lid hier"  # someone of another demo coöperatie (DemoCooperatie.gasten)


class Command(CooperatieCommand):
    help = (
        "Maakt de demo-coöperaties met demogegevens aan (idempotent); met --cooperatie SLUG "
        "alleen die. Met --scale N: N extra bewoners voor prestatietests."
    )

    alleen = False  # --cooperatie: that one only (set by execute)

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Aantal extra bewoners (bulk).")
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde voor het toeval.")

    def execute(self, *args, **options):
        # Without --cooperatie: every demo coöperatie (handle makes those not there yet). With
        # it: that one only, as any CooperatieCommand; a demo coöperatie is made first.
        slug = options.get("cooperatie")
        self.alleen = bool(slug)
        if slug and not Cooperatie.objects.filter(slug=slug).exists():
            if slug == EERSTE.slug:
                self.eerste_klaarzetten()
            for demo in DEMO_COOPERATIES[1:]:
                if demo.slug == slug:
                    self.demo_cooperatie_maken(demo)
        return super().execute(*args, **options)

    def handle(self, *args, scale: int, seed: int, **options):
        started = time.monotonic()
        cooperaties = [huidige()] if self.alleen else self.demo_cooperaties()
        overzicht = []
        for i, cooperatie in enumerate(cooperaties):
            with in_cooperatie(cooperatie):
                demo = huidige_demo()
                if len(cooperaties) > 1:
                    self.stdout.write(self.style.MIGRATE_HEADING(f"{cooperatie.naam}:"))
                # The first keeps the sequence it always had; another one is the same whether
                # it is seeded alone or with the others.
                rng = random.Random(seed if demo is EERSTE else f"{seed}:{cooperatie.slug}")
                accounts = self.seed_cooperatie(rng, scale if i == 0 else 0)
                gasten = [(e, self.cooperatie_van(e)) for rol, e in accounts if rol == OOK_LID]
                overzicht.append((cooperatie, om_te_proberen(demo, gasten=gasten)))
        self.stdout.write(
            self.style.SUCCESS(f"Demogegevens klaar in {time.monotonic() - started:.1f} s.")
        )
        self.print_accounts(overzicht)

    def seed_cooperatie(self, rng, scale: int) -> list[tuple[str, str]]:
        """Everything of the current coöperatie; returns its demo accounts (role, e-mail)."""
        with transaction.atomic():
            buurten = self.seed_buurten()
            categorieen = self.seed_categorieen()
            self.seed_residents(rng, buurten, categorieen)
            accounts = self.seed_staff(buurten)
            accounts += self.seed_gasten(buurten)
            self.seed_meldingen()
        if scale:
            self.seed_scale(rng, scale, buurten, categorieen)
        # Demo activity notifies demo people (in the inbox); their e-mails go nowhere, so a
        # seed never mails anyone and `make run` does not print a screenful of mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for deel in DELEN:
                deel(self, rng, scale)
            self.seed_gast_aanbod()
        return accounts

    # -- the demo coöperaties ----------------------------------------------------------------
    def demo_cooperaties(self) -> list[Cooperatie]:
        """The installation's first coöperatie and the other demo coöperaties, made when
        they are not there yet (in the order of ``DEMO_COOPERATIES``)."""
        cooperaties = [self.eerste_klaarzetten()]
        for demo in DEMO_COOPERATIES[1:]:
            cooperatie = Cooperatie.objects.filter(slug=demo.slug).first()
            if cooperatie is None:
                cooperatie = self.demo_cooperatie_maken(demo)
            if cooperatie.pk not in {c.pk for c in cooperaties}:
                cooperaties.append(cooperatie)
        return cooperaties

    def eerste_klaarzetten(self) -> Cooperatie:
        """The installation's first coöperatie. Still exactly as the data migration made it
        (Wijk's default name and its slug, no domain of its own)? Then it gets the demo's
        short slug, so its address reads well (``debuurt.localhost``), and the demo's contact
        details where it has none. Any other first coöperatie is left as it is."""
        eerste = Cooperatie.objects.order_by("pk").first()
        if eerste is None:  # kies_cooperatie explains how to make one
            return huidige()
        if (
            eerste.naam == MIGRATIE_NAAM == EERSTE.naam
            and eerste.slug == slugify(MIGRATIE_NAAM)
            and not eerste.domeinen.exists()
            and not Cooperatie.objects.filter(slug=EERSTE.slug).exists()
        ):
            eerste.slug = EERSTE.slug
            eerste.email = eerste.email or EERSTE.email_contact
            eerste.telefoon = eerste.telefoon or EERSTE.telefoon
            eerste.save(update_fields=["slug", "email", "telefoon"])
            transaction.on_commit(vergeet_hosts)
            self.stdout.write(f"{eerste.naam} heeft nu de korte naam {eerste.slug}.")
        return eerste

    def demo_cooperatie_maken(self, demo: DemoCooperatie) -> Cooperatie:
        """Set up as the platform beheerder does (with Wijk's standard categories; its buurten
        and people come from the seed, so nobody is invited by e-mail)."""
        cooperatie = cooperatie_opzetten(
            naam=demo.naam,
            slug=demo.slug,
            kleur=demo.kleur,
            email=demo.email_contact,
            telefoon=demo.telefoon,
        )
        self.stdout.write(f"Coöperatie {cooperatie.naam} aangemaakt ({cooperatie.slug}).")
        return cooperatie

    # -- buurten and categories ------------------------------------------------------------
    def seed_buurten(self) -> list[Buurt]:
        buurten = []
        for naam, slug, postcodes, beschrijving in huidige_demo().buurten:
            buurt, _ = Buurt.objects.get_or_create(
                slug=slug,
                defaults={"naam": naam, "postcodes": postcodes, "beschrijving": beschrijving},
            )
            buurten.append(buurt)
        return buurten

    def seed_categorieen(self) -> list[Categorie]:
        """The active categories; a coöperatie without any (one made without them) gets
        Wijk's standard set, which the demo's requests and offers use."""
        if not Categorie.objects.exists():
            standaard_categorieen_create()
        return list(Categorie.objects.actief())

    # -- ~50 residents with varied profiles -------------------------------------------------
    def seed_residents(self, rng, buurten, categorieen) -> None:
        demo = huidige_demo()
        bewoner_group = Group.objects.get(name=Rol.BEWONER)
        today = timezone.localdate()
        password = make_password(DEMO_PASSWORD)  # hash once: hashing is slow on purpose
        for i in range(AANTAL_BEWONERS):
            email = demo.bewoner(i + 1)
            if User.objects.filter(email=email).exists():
                continue
            buurt = buurten[i % len(buurten)]
            user = User.objects.create(
                email=email,
                password=password,
                first_name=VOORNAMEN[(i + demo.namen_vanaf) % len(VOORNAMEN)],
                last_name=ACHTERNAMEN[(i * 7 + demo.namen_vanaf) % len(ACHTERNAMEN)],
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            nieuw = i % 6 == 0
            profiel = Profiel.objects.create(
                user=user,
                buurt=buurt,
                wat_wil_je=rng.choice(WIL),
                wat_kun_je=rng.choice(KAN),
                wat_heb_je_nodig=rng.choice(NODIG),
                wat_heb_je_te_bieden=rng.choice(BIEDEN),
                adres=f"{rng.choice(demo.straten)} {rng.randint(1, 180)}",
                postcode=f"{buurt.postcode_list[0][:4]} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
                woonplaats=demo.woonplaats,
                telefoon=f"06 {rng.randint(10000000, 99999999)}",
                beschikbaarheid=rng.getrandbits(21) & ALL,
                talen=[
                    "nl",
                    *rng.sample([t for t in Taal.values if t != "nl"], k=rng.randint(0, 2)),
                ],
                heeft_auto=rng.random() < 0.4,
                heeft_fiets=rng.random() < 0.7,
                nieuw_in_wijk_sinds=today - timezone.timedelta(days=rng.randint(5, 120))
                if nieuw
                else None,
                toestemming_op=None if i % 17 == 16 else timezone.now(),
                onboarding_stap=4,
                onboarding_voltooid_op=None if i % 10 == 9 else timezone.now(),
            )
            lid_geworden(profiel, i + 1)  # a year of history: joined over time
            profiel.rollen.add(bewoner_group)
            profiel.kan_categorieen.set(rng.sample(categorieen, k=rng.randint(1, 3)))
            if profiel.wat_heb_je_nodig:
                profiel.nodig_categorieen.set(rng.sample(categorieen, k=rng.randint(1, 2)))

    # -- staff with known passwords and TOTP -------------------------------------------------
    def seed_staff(self, buurten) -> list[tuple[str, str]]:
        demo = huidige_demo()
        assistent, bestuurslid, beheerder = demo.staf
        people = [
            (
                demo.email(BUURTASSISTENT),
                assistent,
                "Buurtassistent",
                [Rol.BEWONER, Rol.BUURTASSISTENT],
            ),
            (demo.email(BESTUUR), bestuurslid, "Bestuurslid", [Rol.BEWONER, Rol.BESTUUR]),
            (demo.email(BEHEER), beheerder, "Beheerder", [Rol.BEHEERDER]),
        ]
        accounts = []
        for email, first, last, roles in people:
            user = User.objects.filter(email=email).first()
            if user is None:
                velden = {
                    "email": email,
                    "password": DEMO_PASSWORD,
                    "first_name": first,
                    "last_name": last,
                    "date_joined": timezone.now() - timezone.timedelta(days=800),
                }
                if Rol.BEHEERDER not in roles:
                    user = User.objects.create_user(**velden)
                elif demo.beheer_is_superuser:
                    # The first's beheerder is also the installation's superuser (as it
                    # always was); another's manages its own coöperatie in the admin, from
                    # the role there.
                    user = User.objects.create_superuser(**velden)
                else:
                    user = User.objects.create_user(**velden, is_staff=True)
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            profiel = Profiel.objects.filter(user=user).first() or Profiel.objects.create(
                user=user,
                buurt=buurten[0],
                toestemming_op=user.date_joined,
                onboarding_stap=4,
                onboarding_voltooid_op=user.date_joined,
            )
            profiel.rollen.add(*Group.objects.filter(name__in=[str(r) for r in roles]))
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
            accounts.append((", ".join(str(r) for r in roles if r != Rol.BEWONER), email))
        accounts.append(
            ("bewoner", f"{demo.bewoner(1)} (t/m bewoner{AANTAL_BEWONERS}@{demo.maildomein})")
        )
        return accounts

    # -- people of another demo coöperatie who take part here too ---------------------------
    def seed_gasten(self, buurten) -> list[tuple[str, str]]:
        """A membership here for ``DemoCooperatie.gasten``: the same login, a resident here
        too. Someone whose own coöperatie has not been seeded yet is left out (a later seed
        adds them)."""
        accounts = []
        bewoner_group = Group.objects.get(name=Rol.BEWONER)
        for gast in huidige_demo().gasten:
            user = User.objects.filter(email=gast.email).first()
            if user is None:
                continue
            accounts.append((OOK_LID, gast.email))
            if Profiel.objects.filter(user=user).exists():
                continue
            profiel = Profiel.objects.create(
                user=user,
                buurt=buurten[gast.buurt],
                wat_wil_je="Ook in het dorp aan de overkant iets voor anderen doen.",
                wat_kun_je="Ik fiets veel en ben graag onderweg.",
                wat_heb_je_te_bieden=gast.aanbod[1],
                beschikbaarheid=ALL,
                talen=["nl"],
                heeft_fiets=True,
                toestemming_op=timezone.now(),
                onboarding_stap=4,
                onboarding_voltooid_op=timezone.now(),
            )
            profiel.rollen.add(bewoner_group)
            profiel.kan_categorieen.set(Categorie.objects.filter(slug=gast.categorie))
        return accounts

    def seed_gast_aanbod(self) -> None:
        """The guests offer their help here, through the service; the matching it queues runs
        right away, and its meldingen stay in the inboxes (none is e-mailed, also not by a
        worker after the commit: the task reads this before it sends)."""
        for gast in huidige_demo().gasten:
            user = User.objects.hier().filter(email=gast.email).first()
            if user is None or Aanbod.objects.filter(helper=user).exists():
                continue
            titel, beschrijving = gast.aanbod
            melding_voor = Melding.objects.order_by("-pk").values_list("pk", flat=True).first()
            with transaction.atomic():
                aanbod = hulpvragen_services.aanbod_create(
                    helper=user,
                    titel=titel,
                    beschrijving=beschrijving,
                    categorieen=list(Categorie.objects.filter(slug=gast.categorie)),
                    buurten=[],
                    bereik="overal",
                    beschikbaarheid=mask([1, 3, 5], [0, 1]),
                    max_per_week=2,
                )
                hulpvragen_services.aanbod_match(aanbod.pk)  # what the queued task does
                Melding.objects.filter(pk__gt=melding_voor or 0, email_gewenst=True).update(
                    email_gewenst=False
                )

    # -- a welcome notification in each demo inbox ------------------------------------------
    def seed_meldingen(self) -> None:
        demo = huidige_demo()
        # Meldingen are the coöperatie's own: a welcome elsewhere does not count here.
        verwelkomd = Melding.objects.filter(soort="welkom").values("ontvanger_id")
        ontvangers = (
            User.objects.hier()
            .filter(
                Q(email__endswith=f"@{demo.maildomein}")
                | Q(email__in=[g.email for g in demo.gasten])
            )
            .exclude(pk__in=verwelkomd)
            .exclude(email__startswith=SCHAAL_PREFIX)
        )
        Melding.objects.bulk_create(
            Melding(
                ontvanger=user,
                soort="welkom",
                titel="Welkom in de wijk!",
                tekst="Fijn dat je meedoet. Kijk rond en vul je profiel aan.",
                url=reverse("bewoners:start"),
            )
            for user in ontvangers
        )

    # -- N residents in bulk ------------------------------------------------------------------
    def seed_scale(self, rng, scale: int, buurten, categorieen) -> None:
        started = time.monotonic()
        demo = huidige_demo()
        existing = schaal_bewoners().count()
        todo = max(0, scale - existing)
        if not todo:
            self.stdout.write(f"Er zijn al {existing} schaalbewoners.")
            return
        password = make_password(DEMO_PASSWORD)
        bewoner_group = Group.objects.get(name=Rol.BEWONER)
        through = Profiel.rollen.through
        kan_through = Profiel.kan_categorieen.through
        batch = 5000
        now = timezone.now()
        for start in range(existing, existing + todo, batch):
            stop = min(start + batch, existing + todo)
            with transaction.atomic():
                users = User.objects.bulk_create(
                    [
                        User(
                            email=demo.email(f"{SCHAAL_PREFIX}{n}"),
                            password=password,
                            first_name=VOORNAMEN[n % len(VOORNAMEN)],
                            last_name=ACHTERNAMEN[n % len(ACHTERNAMEN)],
                            date_joined=now - timezone.timedelta(days=rng.randint(0, 730)),
                        )
                        for n in range(start, stop)
                    ],
                    batch_size=batch,
                )
                if users and users[0].pk is None:  # databases that do not return ids
                    users = list(User.objects.filter(email__in=[u.email for u in users]))
                EmailAddress.objects.bulk_create(
                    [
                        EmailAddress(user=u, email=u.email, verified=True, primary=True)
                        for u in users
                    ],
                    batch_size=batch,
                )
                profielen = Profiel.objects.bulk_create(
                    [
                        Profiel(
                            user=u,
                            buurt=buurten[u.pk % len(buurten)],
                            wat_wil_je=rng.choice(WIL),
                            wat_kun_je=rng.choice(KAN),
                            wat_heb_je_te_bieden=rng.choice(BIEDEN),
                            beschikbaarheid=rng.getrandbits(21),
                            talen=["nl"],
                            heeft_auto=rng.random() < 0.4,
                            heeft_fiets=rng.random() < 0.7,
                            toestemming_op=now,
                            onboarding_stap=4,
                            onboarding_voltooid_op=now,
                        )
                        for u in users
                    ],
                    batch_size=batch,
                )
                if profielen and profielen[0].pk is None:
                    profielen = list(Profiel.objects.filter(user__in=users))
                through.objects.bulk_create(
                    [through(profiel_id=p.pk, group_id=bewoner_group.pk) for p in profielen],
                    batch_size=batch,
                )
                kan_through.objects.bulk_create(
                    [
                        kan_through(profiel_id=p.pk, categorie_id=c.pk)
                        for p in profielen
                        for c in rng.sample(categorieen, k=2)
                    ],
                    batch_size=batch,
                )
            self.stdout.write(f"  {stop - existing}/{todo} bewoners…")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{todo} schaalbewoners aangemaakt in {elapsed:.1f} s ({todo / elapsed:.0f} per seconde)."
        )

    def cooperatie_van(self, email: str) -> Cooperatie | None:
        """The demo coöperatie whose demo accounts have ``email``'s domain."""
        domein = email.rpartition("@")[2]
        if domein == EERSTE.maildomein:
            return Cooperatie.objects.order_by("pk").first()
        slugs = [d.slug for d in DEMO_COOPERATIES if d.maildomein == domein]
        return Cooperatie.objects.filter(slug__in=slugs).first()

    def print_accounts(self, overzicht) -> None:
        """Per coöperatie: where a browser opens it, and the demo accounts worth trying, one
        line each: e-mail, password, role and what to try (``demo.proberen``)."""
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for cooperatie, proberen in overzicht:
            adres, *ook = adressen(cooperatie)
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(cooperatie.naam))
            self.stdout.write(f"  {'adres':<34} {adres}")
            for ander in ook:
                self.stdout.write(f"  {'':<34} {ander} (het adres van de installatie)")
            for account in proberen:
                self.stdout.write(account.regel())
        self.stdout.write("")
        self.stdout.write(
            "Buurtassistent, bestuur en beheer loggen in met een tweede stap (TOTP). "
            f"Zet deze sleutel in je authenticator-app: {DEMO_TOTP_SECRET}"
        )
        self.stdout.write(
            f"  otpauth://totp/Wijk%20demo?secret={DEMO_TOTP_SECRET}&issuer=Wijk%20demo"
        )
