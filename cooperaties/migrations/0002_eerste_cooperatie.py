"""An installation that existed before coöperaties (one coöperatie per installation) gets its
one coöperatie here, named after ``WIJK_NAAM``; a fresh database gets its first one. Later
migrations put every tenant-owned row in it."""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify


def eerste_cooperatie(apps, schema_editor):
    Cooperatie = apps.get_model("cooperaties", "Cooperatie")
    if Cooperatie.objects.exists():
        return
    naam = settings.WIJK_NAAM
    Cooperatie.objects.create(naam=naam, slug=slugify(naam)[:40] or "wijk")


class Migration(migrations.Migration):
    dependencies = [("cooperaties", "0001_initial")]

    operations = [migrations.RunPython(eerste_cooperatie, migrations.RunPython.noop)]
