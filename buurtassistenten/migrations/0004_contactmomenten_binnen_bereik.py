"""Contact moments and follow-ups stored with a date the app no longer accepts (issue 12).

Until the contact form checked its dates, a contact moment dated 0001-01-01 00:00 could be
stored. On PostgreSQL that moment lies before the year 1 in UTC (a "BC" timestamp), which cannot
be read back: the resident's coordination page, their data export and the admin's list failed
on it for good. Such a moment gets the time it was entered (``aangemaakt_op``) as its date; the
note stays. A follow-up planned after 2199 (any date up to 9999-12-31 was accepted, and a day
later does not exist) moves to 31-12-2199.

Both are plain UPDATEs with a filter: the bad rows are never loaded into Python. The range is
that of ``wijk.lib.forms`` (EERSTE_DATUM, LAATSTE_DATUM), written out here so that this
migration keeps doing the same when that constant changes.
"""

from datetime import date, datetime, timezone

from django.db import migrations
from django.db.models import F, Q

# A day's margin on both sides: the form's first moment, 1900-01-01 00:00 in Amsterdam, is
# still 1899-12-31 in UTC.
EERSTE_MOMENT = datetime(1899, 12, 31, tzinfo=timezone.utc)
NA_HET_LAATSTE_MOMENT = datetime(2200, 1, 2, tzinfo=timezone.utc)
EERSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2199, 12, 31)


def binnen_bereik(apps, schema_editor):
    db = schema_editor.connection.alias
    Contactmoment = apps.get_model("buurtassistenten", "Contactmoment")
    Vervolg = apps.get_model("buurtassistenten", "Vervolg")
    Contactmoment.objects.using(db).filter(
        Q(datum__lt=EERSTE_MOMENT) | Q(datum__gte=NA_HET_LAATSTE_MOMENT)
    ).update(datum=F("aangemaakt_op"))
    Vervolg.objects.using(db).filter(datum__gt=LAATSTE_DATUM).update(datum=LAATSTE_DATUM)
    Vervolg.objects.using(db).filter(datum__lt=EERSTE_DATUM).update(datum=EERSTE_DATUM)


class Migration(migrations.Migration):
    dependencies = [
        ("buurtassistenten", "0003_inzage_wat"),
    ]

    operations = [
        migrations.RunPython(binnen_bereik, migrations.RunPython.noop, elidable=True),
    ]
