# The beheerder approves new initiatives in the admin (the action "Goedkeuren" on the list of
# initiatives): the role gets to see and change initiatives there. Nothing else of this app.

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECHTEN = ["view_initiatief", "change_initiatief"]


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("initiatieven")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheerder, _nieuw = Group.objects.get_or_create(name="beheerder")
    beheerder.permissions.add(
        *Permission.objects.filter(content_type__app_label="initiatieven", codename__in=RECHTEN)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for groep in Group.objects.filter(name="beheerder"):
        groep.permissions.remove(
            *Permission.objects.filter(content_type__app_label="initiatieven", codename__in=RECHTEN)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatieven", "0003_goedkeuring"),
        ("bewoners", "0002_rollen_categorieen_site"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
