"""The course of a ``bench_pages`` run: the small database (one request at a time), then the
large one (one request at a time, then gunicorn and wrk, then the queries per page), then the
tables and the targets."""

from __future__ import annotations

import secrets
import time
from importlib import import_module

import environ
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from accommodaties.models import Reservering
from bewoners.models import User
from cooperaties.huidige import huidige
from demo.basis import SCHAAL_PREFIX
from demo.bench import analyze, build, eigen_database
from hulpvragen.models import Aanbod, Hulpvraag
from initiatieven.models import Bijeenkomst
from meldingen.models import Melding

from . import meten, personen, servers, tabellen

# The periodic work whose results the measured pages read (wijk/settings.py, the beat).
BEAT = ["rapportages.tasks.rapporten_voorberekenen", "buurtassistenten.tasks.signalen_tellen"]

DATAMIGRATIES = [
    "bewoners.migrations.0002_rollen_categorieen_site",
    "bewoners.migrations.0007_platformrollen",
    "initiatieven.migrations.0004_beheerder_keurt",
]


def gevuld(size: int) -> bool:
    """Whether the current database already holds ``size`` scale residents (``--keep``)."""
    return User.objects.filter(email__startswith=SCHAAL_PREFIX).count() >= size


def referentiegegevens() -> None:
    """Roles and categories as the data migrations make them, in a SQLite file made straight
    from the models (a smoke test; ``eigen_database`` made the first coöperatie). As the test
    suite's ``reference_data`` does: the migrations' own functions, with the registry's
    ``models_module`` put back afterwards."""
    if connection.vendor != "sqlite" or Group.objects.exists():
        return
    bewaard = {c.label: c.models_module for c in apps.get_app_configs()}
    try:
        for naam in DATAMIGRATIES:
            import_module(naam).forwards(apps, None)
    finally:
        for config in apps.get_app_configs():
            config.models_module = bewaard[config.label]


def aantallen() -> dict:
    return {
        "bewoners": User.objects.hier().count(),
        "hulpvragen": Hulpvraag.objects.count(),
        "aanbod": Aanbod.objects.count(),
        "bijeenkomsten": Bijeenkomst.objects.count(),
        "reserveringen": Reservering.objects.count(),
        "meldingen": Melding.objects.count(),
    }


class Meting:
    def __init__(self, opties: dict, *, keep: bool, schrijf):
        self.o = opties
        self.keep = keep
        self.schrijf = schrijf
        # A fresh key for this run, shared with the gunicorns: the sessions made here by
        # logging in are theirs too.
        self.secret_key = secrets.token_urlsafe(50)

    def vullen(self, label: str, size: int) -> None:
        referentiegegevens()
        seed_s = None if self.keep and gevuld(size) else build(size, seed=self.o["seed"])
        analyze()
        tabellen.print_aantallen(self.schrijf, label, aantallen(), seed_s)

    def browsers(self) -> dict:
        cache.clear()  # the cache of this run only: codes of the second factor used before
        # Sessions of an earlier run (--keep) were signed with its own key: of no use now.
        Session.objects.all().delete()
        return {wie: personen.inloggen(user) for wie, user in personen.mensen().items()}

    def beat(self) -> None:
        """What Celery beat keeps in production, done once before measuring (after the
        browsers, whose ``cache.clear()`` would drop the reports computed ahead): the report's
        monthly counts and usual periods, and the dashboard's signal counts. By name: demo
        imports no app's tasks module."""
        from celery import current_app

        current_app.loader.import_default_modules()
        cooperatie = huidige()
        for naam in BEAT:
            begin = time.monotonic()
            current_app.tasks[naam].apply(args=[cooperatie.pk], throw=True)
            self.schrijf(f"  {naam}: {time.monotonic() - begin:.1f} s")

    def run(self) -> bool:
        o = self.o
        platform = settings.WIJK_PLATFORMDOMEIN
        vandaag = timezone.localdate()
        with override_settings(
            SECRET_KEY=self.secret_key,
            CACHES={"default": environ.Env.cache_url_config(o["cache_url"])},
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            DEBUG=False,
            WIJK_HOSTS_ONTHOUDEN=3600,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, f".{platform}", platform],
        ):
            tabellen.print_machine(self.schrijf)
            with eigen_database("_bench_pages_klein", keep=self.keep, sqlite_bestand=True):
                self.vullen(f"klein ({o['klein']})", o["klein"])
                browsers = self.browsers()
                self.beat()
                klein = meten.een_voor_een(browsers, o["runs"], vandaag)
            with eigen_database("_bench_pages", keep=self.keep, sqlite_bestand=True):
                self.vullen(f"groot ({o['scale']})", o["scale"])
                browsers = self.browsers()
                self.beat()
                groot = meten.een_voor_een(browsers, o["runs"], vandaag)
                paginas = personen.paginas()
                begin = time.monotonic()
                with servers.gunicorns(
                    workers=o["workers"],
                    secret_key=self.secret_key,
                    cache_url=o["cache_url"],
                    host=personen.host(),
                ) as (app, kaal):
                    self.schrijf(
                        f"  gunicorn klaar in {time.monotonic() - begin:.0f} s (app op poort "
                        f"{app.poort}, kaal op {kaal.poort})"
                    )
                    meten.controleer(app, kaal, paginas, browsers)
                    last = meten.onder_belasting(app, kaal, paginas, browsers, o, self.schrijf)
                proces = meten.in_proces(browsers, paginas, o["runs"])
                tabellen.print_belasting(self.schrijf, o, paginas, last, proces)
                tabellen.print_een_voor_een(self.schrijf, o, klein, groot)
                tabellen.print_machine(self.schrijf)
                return tabellen.print_doel(self.schrijf, paginas, last, klein, groot)
