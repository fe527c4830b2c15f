"""The course of ``bench_cooperaties`` (see the command's text): one coöperatie seeded and
kept, the same database grown to many, both measured side by side, the cost of row-level
security, and the tables at the end."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from bewoners.models import Profiel
from cooperaties import rls
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie
from cooperaties.services import cooperatie_create
from demo import kloon
from demo.bench import build, toon
from demo.management.commands.bench_reports import belasting

from .meten import FIGUREN, MIGRATES, meet_naast_elkaar
from .muur import meet_muur
from .tabellen import print_doel, print_muur, print_per_cooperatie, print_tabel, print_trage
from .vullen import kopie_maken, kopie_weg, per_cooperatie, vacuum_analyze


class Meting:
    """One run of the benchmark in the bench database (the command has made it current):
    ``opties`` are the command's options, ``schrijf`` prints a line of its output."""

    def __init__(self, opties: dict, *, keep: bool, schrijf):
        self.begin = time.monotonic()
        self.opties = opties
        self.keep = keep
        self.schrijf = schrijf

    def run(self) -> None:
        o = self.opties
        naam = connection.settings_dict["NAME"]
        naast_elkaar = connection.vendor == "postgresql"
        if naast_elkaar:
            self.schrijf(
                f"Database {naam} (PostgreSQL {toon('server_version')}, jit = {toon('jit')}, "
                f"shared_buffers = {toon('shared_buffers')}, rol van de app: "
                f"{settings.WIJK_DB_ROL or '(geen: zonder tweede muur)'}){belasting()}"
            )
        else:
            self.schrijf("Database: SQLite in het geheugen (rookproef, de cijfers zeggen weinig)")
        eerste = Cooperatie.objects.order_by("pk").first()
        with rls.over_alle_cooperaties():
            gevuld = Profiel.objects.alle_cooperaties().exists()
        if Cooperatie.objects.count() > 1 or gevuld:
            raise CommandError(
                "De benchmarkdatabase is al gevuld (--keep van een vorige keer?): gooi hem weg "
                "of draai zonder --keep."
            )
        meten = {k: o[k] for k in ("runs", "matches", "migrates", "rondes")}

        # -- 1. one coöperatie -----------------------------------------------------------------
        self.schrijf("")
        self.schrijf(f"1. Eén coöperatie ({eerste.naam}): seed_demo --scale {o['bewoners']}…")
        with in_cooperatie(eerste):
            seed_s = build(o["bewoners"], seed=o["seed"])
        eerste.refresh_from_db()  # seed_demo may give the first coöperatie its demo slug
        vacuum_analyze()
        klein_aantallen = per_cooperatie()
        self.schrijf(
            f"  gevuld in {seed_s:.1f} s: "
            + ", ".join(f"{per.get(eerste.pk, 0)} {wat}" for wat, per in klein_aantallen.items())
        )
        kopie = f"{naam}_een"
        if naast_elkaar:
            kopie_maken(kopie)
            self.schrijf(f"  bewaard als database {kopie}, om straks naast de grote te meten")
        else:
            started = time.monotonic()
            klein = meet_naast_elkaar({"klein": None}, eerste, **meten)[0]["klein"]
            self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s")
        try:
            self.groei_en_meet(
                eerste,
                kopie if naast_elkaar else None,
                klein_aantallen,
                seed_s,
                klein=None if naast_elkaar else klein,
                meten=meten,
            )
        finally:
            if naast_elkaar and not self.keep:
                kopie_weg(kopie)

    def groei_en_meet(self, eerste, kopie, klein_aantallen, seed_s, *, klein, meten) -> None:
        o = self.opties
        # -- 2. grown to many coöperaties ------------------------------------------------------
        self.schrijf("")
        extra = o["cooperaties"] - 1
        self.schrijf(f"2. {extra} coöperaties erbij, elk een kopie van de eerste (demo.kloon)…")
        started = time.monotonic()
        doelen = [
            cooperatie_create(naam=f"Meetcoöperatie {n}", slug=f"meet-{n}")
            for n in range(2, o["cooperaties"] + 1)
        ]
        gemaakt = kloon.kopieer(eerste, doelen, melden=lambda t: self.schrijf(f"  {t}"))
        kopie_s = time.monotonic() - started
        started = time.monotonic()
        vacuum_analyze()
        analyze_s = time.monotonic() - started
        rijen = sum(gemaakt.values())
        self.schrijf(
            f"  samen {rijen} rijen in {len(gemaakt)} tabellen in {kopie_s:.1f} s "
            f"({rijen / max(kopie_s, 1e-9):.0f} per seconde), VACUUM ANALYZE {analyze_s:.1f} s "
            f"(seed_demo deed één coöperatie in {seed_s:.1f} s: {extra} zo ~"
            f"{extra * seed_s / 60:.0f} min)"
        )
        print_per_cooperatie(self.schrijf, per_cooperatie(), eerste, klein_aantallen)
        started = time.monotonic()
        kruis = kloon.kruisende_verwijzingen()
        fout = {k: v for k, v in kruis.items() if v}
        self.schrijf(
            f"  Verwijzingen naar een andere coöperatie of een niet-lid: {sum(fout.values())} "
            f"({len(kruis)} soorten verwijzingen nagelopen in {time.monotonic() - started:.1f} s)"
            + (f": {fout}" if fout else "")
        )
        if fout:
            raise CommandError("De kopieën verwijzen buiten hun coöperatie: zie hierboven.")

        # -- 3. side by side --------------------------------------------------------------------
        self.schrijf("")
        started = time.monotonic()
        if kopie:
            self.schrijf(
                f"3. Om de beurt gemeten ({meten['rondes']} rondes: {kopie} en de gegroeide "
                "database), de eerste coöperatie…"
            )
            uitslag, verhouding = meet_naast_elkaar(
                {"klein": kopie, "groot": None}, eerste, **meten
            )
            klein, groot = uitslag["klein"], uitslag["groot"]
        else:
            self.schrijf("3. Gemeten na de groei (SQLite: de kleine maat was vóór de groei)…")
            groot = meet_naast_elkaar({"groot": None}, eerste, **meten)[0]["groot"]
            verhouding = {k: groot[k] / klein[k] for k, _ in MIGRATES if k in klein}
            verhouding |= {k: groot[k]["ms"] / klein[k]["ms"] for k, _ in FIGUREN}
        laatste = doelen[-1]
        laatst = meet_naast_elkaar(
            {"laatste": None},
            laatste,
            runs=max(1, o["runs"] // 2),
            matches=max(1, o["matches"] // 2),
            migrates=0,
            rondes=1,
        )[0]["laatste"]
        self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s{belasting()}")
        print_trage(self.schrijf, o, klein, groot, eerste)

        # -- 4. the cost of the second wall ----------------------------------------------------
        muur = None
        if not o["zonder_rls"]:
            started = time.monotonic()
            muur = meet_muur(self.schrijf, o, eerste)
            if muur is not None:
                self.schrijf(f"  gemeten in {time.monotonic() - started:.0f} s{belasting()}")

        print_tabel(self.schrijf, o, klein, groot, laatst, verhouding, laatste, bool(kopie))
        print_muur(self.schrijf, o, muur)
        print_doel(self.schrijf, klein, groot, verhouding, muur)
        self.schrijf(
            f"Vullen: één coöperatie {seed_s:.1f} s (seed_demo), de {extra} andere "
            f"{kopie_s + analyze_s:.1f} s (kopiëren en VACUUM ANALYZE); de hele meting "
            f"{time.monotonic() - self.begin:.0f} s."
        )
