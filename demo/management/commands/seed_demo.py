"""Demo and scale data.

``python manage.py seed_demo [--cooperatie SLUG]`` (idempotent) creates, in one coöperatie, buurten, residents with varied profiles, a
buurtassistent, a bestuurslid and a beheerder with known passwords, printed at the end.
``--scale N`` adds N residents with bulk inserts for performance work.

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
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from bewoners.availability import ALL
from bewoners.models import Buurt, Categorie, Profiel, Taal, User
from bewoners.roles import Rol
from cooperaties.commando import CooperatieCommand
from demo import accommodaties, buurtassistenten, hulpvragen, initiatieven
from demo.bewoners import (
    ACHTERNAMEN,
    BIEDEN,
    BUURTEN,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    KAN,
    NODIG,
    STRATEN,
    VOORNAMEN,
    WIL,
)
from meldingen.models import Melding

# The apps' parts after the residents, in an order the arrows allow: a part may use what the
# parts before it made (initiatives meet in the demo rooms; the buurtassistent signs a
# resident up for an initiative's activity and posts a help request).
DELEN = [hulpvragen.DEEL, accommodaties.DEEL, initiatieven.DEEL, buurtassistenten.DEEL]


class Command(CooperatieCommand):
    help = (
        "Maakt demogegevens aan (idempotent). Met --scale N: N extra bewoners voor prestatietests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Aantal extra bewoners (bulk).")
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde voor het toeval.")

    def handle(self, *args, scale: int, seed: int, **options):
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            buurten = self.seed_buurten()
            categorieen = list(Categorie.objects.actief())
            self.seed_residents(rng, buurten, categorieen)
            accounts = self.seed_staff(buurten)
            self.seed_meldingen()
        if scale:
            self.seed_scale(rng, scale, buurten, categorieen)
        # Demo activity notifies demo people (in the inbox); their e-mails go nowhere, so a
        # seed never mails anyone and `make run` does not print a screenful of mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for deel in DELEN:
                deel(self, rng, scale)
        self.stdout.write(
            self.style.SUCCESS(f"Demogegevens klaar in {time.monotonic() - started:.1f} s.")
        )
        self.print_accounts(accounts)

    # -- buurten ---------------------------------------------------------------------------
    def seed_buurten(self) -> list[Buurt]:
        buurten = []
        for naam, slug, postcodes, beschrijving in BUURTEN:
            buurt, _ = Buurt.objects.get_or_create(
                slug=slug,
                defaults={"naam": naam, "postcodes": postcodes, "beschrijving": beschrijving},
            )
            buurten.append(buurt)
        return buurten

    # -- ~50 residents with varied profiles -------------------------------------------------
    def seed_residents(self, rng, buurten, categorieen) -> None:
        bewoner_group = Group.objects.get(name=Rol.BEWONER)
        today = timezone.localdate()
        password = make_password(DEMO_PASSWORD)  # hash once: hashing is slow on purpose
        for i in range(50):
            email = f"bewoner{i + 1}@demo.wijk"
            if User.objects.filter(email=email).exists():
                continue
            buurt = buurten[i % len(buurten)]
            user = User.objects.create(
                email=email,
                password=password,
                first_name=VOORNAMEN[i % len(VOORNAMEN)],
                last_name=ACHTERNAMEN[(i * 7) % len(ACHTERNAMEN)],
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
                adres=f"{rng.choice(STRATEN)} {rng.randint(1, 180)}",
                postcode=f"{buurt.postcode_list[0][:4]} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
                woonplaats="Wijkdorp",
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
            profiel.rollen.add(bewoner_group)
            profiel.kan_categorieen.set(rng.sample(categorieen, k=rng.randint(1, 3)))
            if profiel.wat_heb_je_nodig:
                profiel.nodig_categorieen.set(rng.sample(categorieen, k=rng.randint(1, 2)))

    # -- staff with known passwords and TOTP -------------------------------------------------
    def seed_staff(self, buurten) -> list[tuple[str, str, str]]:
        people = [
            (
                "buurtassistent@demo.wijk",
                "Aisha",
                "Buurtassistent",
                [Rol.BEWONER, Rol.BUURTASSISTENT],
                False,
            ),
            ("bestuur@demo.wijk", "Bert", "Bestuurslid", [Rol.BEWONER, Rol.BESTUUR], False),
            ("beheer@demo.wijk", "Bea", "Beheerder", [Rol.BEHEERDER], True),
        ]
        accounts = []
        for email, first, last, roles, superuser in people:
            user = User.objects.filter(email=email).first()
            if user is None:
                make = User.objects.create_superuser if superuser else User.objects.create_user
                user = make(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            profiel = Profiel.objects.filter(user=user).first() or Profiel.objects.create(
                user=user,
                buurt=buurten[0],
                toestemming_op=timezone.now(),
                onboarding_stap=4,
                onboarding_voltooid_op=timezone.now(),
            )
            profiel.rollen.add(*Group.objects.filter(name__in=[str(r) for r in roles]))
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
            accounts.append(
                (", ".join(str(r) for r in roles if r != Rol.BEWONER), email, DEMO_PASSWORD)
            )
        accounts.append(("bewoner", "bewoner1@demo.wijk", DEMO_PASSWORD))
        return accounts

    # -- a welcome notification in each demo inbox ------------------------------------------
    def seed_meldingen(self) -> None:
        ontvangers = User.objects.filter(
            email__endswith="@demo.wijk", profiel__id__isnull=False
        ).exclude(meldingen__soort="welkom")
        Melding.objects.bulk_create(
            Melding(
                ontvanger=user,
                soort="welkom",
                titel="Welkom in de wijk!",
                tekst="Fijn dat je meedoet. Kijk rond en vul je profiel aan.",
                url=reverse("bewoners:start"),
            )
            for user in ontvangers.exclude(email__startswith="schaal-")
        )

    # -- N residents in bulk ------------------------------------------------------------------
    def seed_scale(self, rng, scale: int, buurten, categorieen) -> None:
        started = time.monotonic()
        existing = User.objects.filter(email__startswith="schaal-").count()
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
                            email=f"schaal-{n}@demo.wijk",
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

    def print_accounts(self, accounts) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for rol, email, _pw in accounts:
            self.stdout.write(f"  {rol:<28} {email}")
        self.stdout.write(
            "Buurtassistent, bestuur en beheer loggen in met een tweede stap (TOTP). "
            f"Zet deze sleutel in je authenticator-app: {DEMO_TOTP_SECRET}"
        )
        self.stdout.write(
            f"  otpauth://totp/Wijk%20demo?secret={DEMO_TOTP_SECRET}&issuer=Wijk%20demo"
        )
