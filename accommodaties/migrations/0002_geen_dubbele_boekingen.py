"""No double bookings on PostgreSQL: an exclusion constraint over [begin, bezet_tot) per facility.

Only active bookings (requested or confirmed) take part; the range is half-open, so a booking
that starts exactly when the previous one (plus its buffer) ends is fine. The ``=`` on the
facility needs the btree_gist extension. SQLite has no such constraint; there the booking
service serialises the check and the insert (see ``accommodaties.services``).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "reservering_geen_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE accommodaties_reservering ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (accommodatie_id WITH =, "
        "tstzrange(begin, bezet_tot, '[)') WITH &&) "
        "WHERE (status IN ('aangevraagd', 'bevestigd'))"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE accommodaties_reservering DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("accommodaties", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
