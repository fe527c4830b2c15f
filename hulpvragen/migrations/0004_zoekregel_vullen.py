"""Fill the matching search table (``Zoekregel``) for the offers that are active now.

Self-contained (historical models), the same rules as ``hulpvragen.zoekindex.rows_for``.
"""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    Aanbod = apps.get_model("hulpvragen", "Aanbod")
    Zoekregel = apps.get_model("hulpvragen", "Zoekregel")
    Profiel = apps.get_model("bewoners", "Profiel")
    db = schema_editor.connection.alias
    skills: dict[int, set[int]] = {}
    for user_id, cat_id in Profiel.kan_categorieen.through.objects.using(db).values_list(
        "profiel__user_id", "categorie_id"
    ):
        skills.setdefault(user_id, set()).add(cat_id)
    ids = list(Aanbod.objects.using(db).filter(actief=True).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        cats: dict[int, set[int]] = {}
        for aanbod_id, cat_id in Aanbod.categorieen.through.objects.using(db).filter(
            aanbod_id__in=chunk
        ).values_list("aanbod_id", "categorie_id"):
            cats.setdefault(aanbod_id, set()).add(cat_id)
        named: dict[int, list[int]] = {}
        for aanbod_id, buurt_id in Aanbod.buurten.through.objects.using(db).filter(
            aanbod_id__in=chunk
        ).values_list("aanbod_id", "buurt_id"):
            named.setdefault(aanbod_id, []).append(buurt_id)
        rows = []
        for a in Aanbod.objects.using(db).filter(pk__in=chunk):
            reach = {}
            if a.bereik == "overal":
                reach[None] = 0
            elif a.bereik == "buurten":
                for b in named.get(a.pk, []):
                    reach[b] = 1
            if a.buurt_id is not None:
                reach[a.buurt_id] = 2
            soort = {c: False for c in skills.get(a.helper_id, ())}
            soort.update({c: True for c in cats.get(a.pk, ())})
            rows += [
                Zoekregel(
                    aanbod_id=a.pk,
                    helper_id=a.helper_id,
                    categorie_id=c,
                    buurt_id=b,
                    expliciet=expliciet,
                    nabijheid=nabijheid,
                    beschikbaarheid=a.beschikbaarheid,
                    max_per_week=a.max_per_week,
                )
                for c, expliciet in sorted(soort.items())
                for b, nabijheid in reach.items()
            ]
        Zoekregel.objects.using(db).bulk_create(rows, batch_size=BATCH)


def empty(apps, schema_editor):
    apps.get_model("hulpvragen", "Zoekregel").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bewoners", "0004_buurt_buurtassistenten"),
        ("hulpvragen", "0003_zoekregel"),
    ]

    operations = [migrations.RunPython(fill, empty)]
