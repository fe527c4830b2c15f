"""What the demo tests share."""

from io import StringIO

from django.core.management import call_command


def seed_demo(*args: str) -> None:
    """Run ``manage.py seed_demo`` with ``args``, without its printed report."""
    call_command("seed_demo", *args, stdout=StringIO())
