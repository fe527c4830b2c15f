"""Benchmark of availability and booking: ``python manage.py bench_bookings``.

It never touches the configured database's data: it creates a database of its own next to it,
``<NAME>_bench_bookings`` (dropped first if it exists, and dropped again afterwards), migrates
it and measures two things. It prints figures; it is not a test with a time limit.

1. **A month of availability** for one facility: ``services.beschikbaarheid`` for the next
   calendar month (30 or 31 days) and ``services.rooster`` built from it; the median of several
   runs and the number of queries. First with 0 bookings, then again after bulk-inserting
   ``--boekingen`` (10,000) non-overlapping bookings within the opening hours, from years back
   until a month after the measured one, so that month holds a realistic number (two or three a
   day) and the table is large. The ratio large/small is printed.
2. **Booking at the same time** on one facility: ``--threads`` threads, each with its own
   database connection (closed at the end), book through ``services.reservering_create``: first into
   distinct slots (everything should succeed), then all threads into the same slots at the same
   moment (one per slot should succeed, the others get the friendly "al bezet" refusal).
   Printed: attempts, successes, refusals, other errors, and successes and attempts per second.
   The facility confirms bookings without approval, so no melding or e-mail is part of the
   measured work. Afterwards every facility is checked: no two active bookings overlap.

PostgreSQL only (the figures mean nothing elsewhere); ``--allow-sqlite`` runs it on a
temporary SQLite file as a smoke test.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from contextlib import suppress
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accommodaties import services
from accommodaties.models import Accommodatie, Openingstijd, Reservering
from bewoners.models import Buurt, Profiel, User
from cooperaties.huidige import meenemen
from demo import accommodaties as demo
from demo.bench import (
    EIGEN_DATABASE,
    analyze,
    eigen_database,
    eis_postgresql,
    gedeelde_argumenten,
    toon,
)
from demo.bewoners import VOORNAMEN

# The measured facility: the big hall of a community centre (three periods on weekdays).
MEETZAAL_SOORT = demo.SCHAAL_SOORTEN[0]
DRUKTE = 0.6  # two or three bookings a day
SLOT_MINUTEN = 60


def volgende_maand(vandaag: date) -> tuple[date, date]:
    """The first day of next month and the first day of the month after."""
    van = (vandaag.replace(day=1) + timedelta(days=32)).replace(day=1)
    tot = (van + timedelta(days=32)).replace(day=1)
    return van, tot


def _bewoners(aantal: int, buurt) -> list:
    """``aantal`` residents with consent (no password), made in bulk."""
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"bench-{i}@bench.wijk",
            password="!",  # unusable
            first_name=VOORNAMEN[i % len(VOORNAMEN)],
        )
        for i in range(aantal)
    )
    if users and users[0].pk is None:  # databases that do not return ids
        users = list(User.objects.filter(email__endswith="@bench.wijk").order_by("pk"))
    Profiel.objects.bulk_create(
        Profiel(user=u, buurt=buurt, toestemming_op=now, onboarding_stap=4) for u in users
    )
    return users


def _ruimte(naam: str, slug: str, buurt, *, openingstijden, keepers, **velden):
    ruimte = Accommodatie.objects.create(naam=naam, slug=slug, buurt=buurt, **velden)
    ruimte.beheerders.add(*keepers)
    Openingstijd.objects.bulk_create(
        Openingstijd(accommodatie=ruimte, weekdag=dag, van=a, tot=b)
        for dag, perioden in sorted(openingstijden.items())
        for a, b in perioden
    )
    return ruimte


def meet_maand(ruimte, *, van: date, tot: date, runs: int) -> dict:
    """Time ``beschikbaarheid`` + ``rooster`` for ``[van, tot)``: median of ``runs``, queries."""

    def een_keer():
        dagen = services.beschikbaarheid(ruimte, van=van, tot=tot)
        return dagen, services.rooster(dagen)

    een_keer()  # warm up (imports, caches, the first connection)
    with CaptureQueriesContext(connection) as captured:
        dagen, rijen = een_keer()
    tijden, deel_b, deel_r = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        dagen = services.beschikbaarheid(ruimte, van=van, tot=tot)
        tussen = time.perf_counter()
        services.rooster(dagen)
        klaar = time.perf_counter()
        tijden.append((klaar - started) * 1000)
        deel_b.append((tussen - started) * 1000)
        deel_r.append((klaar - tussen) * 1000)
    in_maand = {s.reservering.pk for d in dagen for s in d.stukken if s.reservering is not None}
    return {
        "median_ms": statistics.median(tijden),
        "min_ms": min(tijden),
        "max_ms": max(tijden),
        "beschikbaarheid_ms": statistics.median(deel_b),
        "rooster_ms": statistics.median(deel_r),
        "queries": len(captured.captured_queries),
        "dagen": len(dagen),
        "rijen": len(rijen),
        "in_maand": len(in_maand),
    }


def vul(ruimte, aantal: int, *, eind: date, boekers: list[int], keepers: list[int], seed: int):
    """Bulk-insert the last ``aantal`` bookings of a schedule that ends on ``eind``."""
    rng = random.Random(seed)
    soort, _patroon, _velden, openingstijden, _drukte = MEETZAAL_SOORT
    dagen = max(60, aantal // 2)
    while True:
        momenten = demo.plan_boekingen(
            rng,
            openingstijden=openingstijden,
            van=eind - timedelta(days=dagen),
            tot=eind,
            buffer=ruimte.buffer,
            min_duur=ruimte.min_duur_minuten,
            max_duur=ruimte.max_duur_minuten,
            drukte=DRUKTE,
        )
        if len(momenten) >= aantal or dagen > 100_000:
            break
        dagen *= 2
    objecten = demo.reserveringen_voor(
        rng,
        ruimte,
        momenten[len(momenten) - aantal :] if aantal else [],
        boekers=boekers,
        keepers=keepers,
        soort=soort,
        now=timezone.now(),
    )
    return demo.bulk_insert(objecten)


def vrije_slots(openingstijden, *, vanaf: date, aantal: int, buffer: timedelta) -> list:
    """``aantal`` slots of an hour, one after the other (buffer apart), from ``vanaf`` on."""
    slots, dag = [], vanaf
    while len(slots) < aantal:
        for open_van, open_tot in sorted(openingstijden.get(dag.weekday(), ())):
            begin = timezone.make_aware(datetime.combine(dag, open_van))
            sluit = timezone.make_aware(datetime.combine(dag, open_tot))
            while begin + timedelta(minutes=SLOT_MINUTEN) <= sluit and len(slots) < aantal:
                slots.append((begin, begin + timedelta(minutes=SLOT_MINUTEN)))
                begin += timedelta(minutes=SLOT_MINUTEN) + buffer
        dag += timedelta(days=1)
    return slots


def gelijktijdig(ruimte_pk: int, user_pks: list[int], plannen: list[list], *, botsend: bool):
    """Each thread ``i`` books as ``user_pks[i]`` the slots ``plannen[i]``; returns figures.

    With ``botsend`` the threads wait for each other before every attempt, so attempts on the
    same slot really happen at the same moment.
    """
    n = len(user_pks)
    start = threading.Barrier(n + 1, timeout=120)
    ronde = threading.Barrier(n, timeout=120)
    uitkomst = [{"gelukt": 0, "geweigerd": 0, "constraint": 0, "anders": []} for _ in range(n)]

    def werk(i):
        telling = uitkomst[i]
        try:
            # Load in this thread's own connection, before the clock starts.
            ruimte = Accommodatie.objects.get(pk=ruimte_pk)
            wie = User.objects.select_related("profiel").get(pk=user_pks[i])
            start.wait()
            for begin, einde in plannen[i]:
                if botsend:
                    ronde.wait()
                try:
                    services.reservering_create(
                        accommodatie=ruimte,
                        door=wie,
                        begin=begin,
                        einde=einde,
                        aantal_personen=4,
                        doel="Meting",
                    )
                    telling["gelukt"] += 1
                except ValidationError as exc:
                    telling["geweigerd"] += 1
                    # Refused by the database (the exclusion constraint) rather than the check.
                    if isinstance(exc.__cause__, IntegrityError):
                        telling["constraint"] += 1
                except Exception as exc:  # noqa: BLE001 - counted and shown, not hidden
                    telling["anders"].append(repr(exc))
        except threading.BrokenBarrierError:
            telling["anders"].append("afgebroken: een andere thread liep vast")
        except Exception as exc:  # noqa: BLE001
            telling["anders"].append(repr(exc))
            start.abort()
            ronde.abort()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=meenemen(werk), args=(i,), name=f"bench-{i}") for i in range(n)
    ]
    for t in threads:
        t.start()
    with suppress(threading.BrokenBarrierError):
        start.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    seconden = time.perf_counter() - started
    anders = [a for u in uitkomst for a in u["anders"]]
    pogingen = sum(len(p) for p in plannen)
    gelukt = sum(u["gelukt"] for u in uitkomst)
    return {
        "pogingen": pogingen,
        "gelukt": gelukt,
        "geweigerd": sum(u["geweigerd"] for u in uitkomst),
        "constraint": sum(u["constraint"] for u in uitkomst),
        "anders": len(anders),
        "fouten": anders[:3],
        "seconden": seconden,
        "gelukt_per_s": gelukt / seconden if seconden else 0.0,
        "pogingen_per_s": pogingen / seconden if seconden else 0.0,
    }


def controleer_overlap() -> tuple[int, list]:
    """All active bookings and the overlapping pairs among them (there must be none)."""
    per_ruimte: dict[int, list] = {}
    for r in Reservering.objects.actief().order_by("accommodatie_id", "begin").iterator():
        per_ruimte.setdefault(r.accommodatie_id, []).append(r)
    paren = [p for lijst in per_ruimte.values() for p in demo.overlappen(lijst)]
    return sum(len(lijst) for lijst in per_ruimte.values()), paren


class Command(BaseCommand):
    help = (
        "Meet hoe snel de beschikbaarheid van een maand is (bij 0 en bij 10.000 boekingen) en "
        "hoeveel boekingen per seconde lukken als meerdere mensen tegelijk boeken. Maakt een "
        f"eigen database <NAAM>_bench_bookings {EIGEN_DATABASE}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--boekingen", type=int, default=10000, help="Boekingen voor de grote meting."
        )
        parser.add_argument("--runs", type=int, default=9, help="Metingen per grootte (mediaan).")
        parser.add_argument("--threads", type=int, default=4, help="Threads die tegelijk boeken.")
        parser.add_argument(
            "--pogingen", type=int, default=200, help="Boekpogingen per soort (samen)."
        )
        gedeelde_argumenten(parser)

    def handle(self, *args, boekingen, runs, threads, pogingen, seed, allow_sqlite, **options):
        eis_postgresql("bench_bookings", allow_sqlite=allow_sqlite)
        if threads < 1 or pogingen < threads or runs < 1 or boekingen < 0:
            raise CommandError("Kies --threads >= 1, --pogingen >= --threads, --runs >= 1.")
        # Never send e-mail, and do not log every query (DEBUG), whatever the settings say.
        with (
            eigen_database("_bench_bookings", sqlite_bestand=True),
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", DEBUG=False
            ),
        ):
            self.print_database()
            self.run(boekingen=boekingen, runs=runs, threads=threads, pogingen=pogingen, seed=seed)

    def print_database(self) -> None:
        naam = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            self.stdout.write(
                f"Database {naam} (PostgreSQL {toon('server_version')}, jit = {toon('jit')})"
            )
        else:
            self.stdout.write(f"Database {naam} (SQLite: rookproef, de cijfers zeggen weinig)")

    def run(self, *, boekingen, runs, threads, pogingen, seed) -> None:
        _soort, _patroon, velden, openingstijden, _drukte = MEETZAAL_SOORT
        buurt = Buurt.objects.create(naam="Meetbuurt", slug="meetbuurt")
        mensen = _bewoners(max(threads, 20), buurt)
        keeper = mensen[0]
        boekers = [u.pk for u in mensen[1:]]

        # 1. A month of availability, with 0 and with many bookings.
        zaal = _ruimte(
            "Meetzaal",
            "meetzaal",
            buurt,
            openingstijden=openingstijden,
            keepers=[keeper],
            vooruit_dagen=120,
            **velden,
        )
        van, tot = volgende_maand(timezone.localdate())
        analyze()
        klein = meet_maand(zaal, van=van, tot=tot, runs=runs)
        started = time.monotonic()
        gemaakt = vul(
            zaal,
            boekingen,
            eind=tot + timedelta(days=30),
            boekers=boekers,
            keepers=[keeper.pk],
            seed=seed,
        )
        vul_s = time.monotonic() - started
        analyze()
        groot = meet_maand(zaal, van=van, tot=tot, runs=runs)
        self.print_maand(van, tot, runs, klein, groot, gemaakt, vul_s)

        # 2. Booking at the same time on one facility (confirmed at once, buffer 15 minutes).
        open_elke_dag = demo.uren(ma_di_wo_do_vr_za_zo="8-22")
        gym = _ruimte(
            "Botszaal",
            "botszaal",
            buurt,
            openingstijden=open_elke_dag,
            keepers=[keeper],
            capaciteit=30,
            goedkeuring_nodig=False,
            buffer_minuten=15,
            min_duur_minuten=30,
            max_duur_minuten=240,
            vooruit_dagen=3650,
        )
        rondes = pogingen // threads
        slots = vrije_slots(
            open_elke_dag,
            vanaf=timezone.localdate() + timedelta(days=1),
            aantal=rondes * threads + rondes,
            buffer=gym.buffer,
        )
        apart, samen = slots[: rondes * threads], slots[rondes * threads :]
        wie = boekers[:threads]
        uitslagen = [
            (
                "verschillend",
                gelijktijdig(
                    gym.pk, wie, [apart[i::threads] for i in range(threads)], botsend=False
                ),
            ),
            ("botsend", gelijktijdig(gym.pk, wie, [samen] * threads, botsend=True)),
        ]
        totaal, paren = controleer_overlap()
        self.print_gelijktijdig(threads, uitslagen, totaal, paren)
        if paren or any(u["anders"] for _naam, u in uitslagen):
            raise CommandError("De meting ging mis: zie hierboven.")

    def print_maand(self, van, tot, runs, klein, groot, gemaakt, vul_s) -> None:
        laatste = tot - timedelta(days=1)
        self.stdout.write("")
        self.stdout.write(
            f"Beschikbaarheid van een maand + weekrooster ({van:%d-%m-%Y} t/m {laatste:%d-%m-%Y}, "
            f"{klein['dagen']} dagen), mediaan van {runs} metingen:"
        )
        self.stdout.write(
            f"  {'boekingen':>9} {'in de maand':>12} {'mediaan ms':>11} {'min ms':>7} "
            f"{'max ms':>7} {'waarvan beschikbaarheid':>24} {'rooster':>8} {'queries':>8}"
        )
        for aantal, r in ((0, klein), (gemaakt, groot)):
            self.stdout.write(
                f"  {aantal:>9} {r['in_maand']:>12} {r['median_ms']:>11.2f} {r['min_ms']:>7.2f} "
                f"{r['max_ms']:>7.2f} {r['beschikbaarheid_ms']:>24.2f} {r['rooster_ms']:>8.2f} "
                f"{r['queries']:>8}"
            )
        self.stdout.write(
            f"  Verhouding {gemaakt}/0: tijd {groot['median_ms'] / klein['median_ms']:.2f}, "
            f"queries {klein['queries']} en {groot['queries']}. "
            f"({gemaakt} boekingen ingevoegd in {vul_s:.1f} s.)"
        )

    def print_gelijktijdig(self, threads, uitslagen, totaal, paren) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Tegelijk boeken op één ruimte via services.reservering_create ({threads} threads, elk een "
            "eigen verbinding):"
        )
        self.stdout.write(
            f"  {'slots':<13} {'pogingen':>8} {'gelukt':>7} {'geweigerd':>9} "
            f"{'(database)':>10} {'anders':>7} {'tijd s':>7} {'gelukt/s':>9} {'pogingen/s':>11}"
        )
        for naam, u in uitslagen:
            self.stdout.write(
                f"  {naam:<13} {u['pogingen']:>8} {u['gelukt']:>7} {u['geweigerd']:>9} "
                f"{u['constraint']:>10} {u['anders']:>7} {u['seconden']:>7.2f} "
                f"{u['gelukt_per_s']:>9.1f} "
                f"{u['pogingen_per_s']:>11.1f}"
            )
            for fout in u["fouten"]:
                self.stdout.write(f"    fout: {fout}")
        self.stdout.write(
            "  (database): geweigerd door de database (de exclusion constraint), niet al door de "
            "controle vooraf."
        )
        if paren:
            self.stdout.write(
                f"  Controle: {len(paren)} overlappende paren! Bijvoorbeeld {paren[0]}"
            )
        else:
            self.stdout.write(f"  Controle: {totaal} actieve boekingen, geen twee overlappen.")
