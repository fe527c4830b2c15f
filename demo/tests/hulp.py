"""What the demo tests share."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from cooperaties.huidige import huidige
from cooperaties.models import Cooperatie


def seed_demo(*args: str) -> None:
    """Run ``manage.py seed_demo`` with ``args``, without its printed report, for the test's
    coöperatie only (``--cooperatie``; the app parts' tests look at one coöperatie, and the
    second demo coöperatie would double their time). ``demo/tests/test_cooperaties.py``
    seeds both."""
    if "--cooperatie" not in args:
        cooperatie = huidige()
        if cooperatie is not None:
            slug = Cooperatie.objects.filter(pk=cooperatie.pk).values_list("slug", flat=True).get()
            args = (*args, "--cooperatie", slug)
    call_command("seed_demo", *args, stdout=StringIO())


def in_eigen_proces(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``manage.py *args`` in a process of its own, configured for a throw-away SQLite
    database in ``tmp_path`` (``db.sqlite3``) and eager tasks; its output is captured."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "",
    }
    env.pop("WIJK_REQUIRE_POSTGRES", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        # A guard against a hang, not a speed test: on a busy 2-core machine, with the other
        # pytest-xdist worker beside it, seeding the demo alone can take minutes.
        timeout=900,
    )
