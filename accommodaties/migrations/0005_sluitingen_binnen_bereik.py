"""Closures stored with a moment the app no longer accepts (issue 12).

Until the keeper's form checked its dates, a closure from 0001-01-01 00:00 could be stored. On
PostgreSQL that moment lies before the year 1 in UTC (a "BC" timestamp), which cannot be read
back, so every page that lists the facility's closures would fail on it. Such a closure keeps
its meaning with its ends moved to the edges of the range (a closure "since forever" starts on
31-12-1899, one "for ever" ends on 02-01-2200); one wholly outside the range is removed. Plain
UPDATEs and DELETEs with a filter: the bad rows are never loaded into Python. The range is that
of ``wijk.lib.forms``, written out with a day's margin (1900-01-01 00:00 in Amsterdam is still
1899-12-31 in UTC) so that this migration keeps doing the same.
"""

from datetime import datetime, timezone

from django.db import migrations

EERSTE_MOMENT = datetime(1899, 12, 31, tzinfo=timezone.utc)
NA_HET_LAATSTE_MOMENT = datetime(2200, 1, 2, tzinfo=timezone.utc)


def binnen_bereik(apps, schema_editor):
    Sluiting = apps.get_model("accommodaties", "Sluiting")
    sluitingen = Sluiting.objects.using(schema_editor.connection.alias)
    # Wholly outside the range: nothing left to keep.
    sluitingen.filter(tot__lte=EERSTE_MOMENT).delete()
    sluitingen.filter(van__gte=NA_HET_LAATSTE_MOMENT).delete()
    # Partly outside: the end that is out moves to the edge (``tot > van`` still holds).
    sluitingen.filter(van__lt=EERSTE_MOMENT).update(van=EERSTE_MOMENT)
    sluitingen.filter(tot__gt=NA_HET_LAATSTE_MOMENT).update(tot=NA_HET_LAATSTE_MOMENT)


class Migration(migrations.Migration):
    dependencies = [
        ("accommodaties", "0004_afgewezen"),
    ]

    operations = [
        migrations.RunPython(binnen_bereik, migrations.RunPython.noop, elidable=True),
    ]
