"""Initial data: the four roles with their permissions, the categories, and the site name."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORIEEN = [
    ("klussen", "Klussen", "Kleine klusjes in en om het huis"),
    ("tuin", "Tuin", "Tuinieren, snoeien, onkruid wieden"),
    ("vervoer", "Vervoer", "Rijden naar het ziekenhuis, de huisarts of familie"),
    ("boodschappen", "Boodschappen", "Samen of voor iemand boodschappen doen"),
    ("gezelschap", "Gezelschap", "Een praatje, samen koffie drinken, wandelen"),
    ("digitale-hulp", "Digitale hulp", "Hulp met computer, telefoon, DigiD en internet"),
    ("administratie", "Administratie", "Post, formulieren en geldzaken op orde"),
    ("koken", "Koken en maaltijden", "Samen koken of een maaltijd brengen"),
    ("bewegen", "Bewegen", "Wandelen, fietsen, sporten, zwemmen"),
    ("huisdieren", "Huisdieren", "De hond uitlaten, op de kat passen"),
    ("taal", "Taal", "Nederlands oefenen, voorlezen, vertalen"),
    ("kinderen", "Kinderen en jongeren", "Oppassen, huiswerkhulp"),
    ("mantelzorg", "Mantelzorg ontlasten", "Even de zorg overnemen zodat een mantelzorger kan rusten"),
    ("reparatie", "Repareren", "Fietsen, kleding, apparaten repareren"),
]

# Role -> list of "app_label.codename" permissions. Bewoners use the site, not the admin.
ROLE_PERMISSIONS = {
    "bewoner": [],
    "buurtassistent": [
        "bewoners.view_user",
        "bewoners.view_profiel",
        "bewoners.change_profiel",
        "bewoners.view_buurt",
        "bewoners.view_categorie",
        "meldingen.view_melding",
    ],
    "bestuur": [
        "bewoners.view_buurt",
        "bewoners.view_categorie",
    ],
    "beheerder": [
        "bewoners.view_user",
        "bewoners.change_user",
        "bewoners.view_profiel",
        "bewoners.change_profiel",
        "bewoners.add_buurt",
        "bewoners.change_buurt",
        "bewoners.delete_buurt",
        "bewoners.view_buurt",
        "bewoners.add_categorie",
        "bewoners.change_categorie",
        "bewoners.delete_categorie",
        "bewoners.view_categorie",
        "meldingen.view_melding",
        "auth.view_group",
    ],
}


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    Categorie = apps.get_model("bewoners", "Categorie")
    for i, (slug, naam, beschrijving) in enumerate(CATEGORIEEN):
        Categorie.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "beschrijving": beschrijving, "volgorde": i * 10}
        )

    Site = apps.get_model("sites", "Site")
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    Site.objects.update_or_create(id=settings.SITE_ID, defaults={"domain": domain, "name": settings.WIJK_NAAM})


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bewoners", "0001_initial"),
        ("meldingen", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sites", "0002_alter_domain_unique"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
