"""What the three bench commands share (demo.bench)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["bench_bookings", "bench_matching", "bench_reports"])
def test_bench_refuses_sqlite_without_the_flag(command):
    if connection.vendor == "postgresql":
        pytest.skip("only meaningful on SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(command, stdout=StringIO())
