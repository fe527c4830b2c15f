"""The two roles across coöperaties (issue 14), held by the account's own Django groups: the
platform beheerder (sets coöperaties up: the coöperaties and their domain names in the admin,
nothing of their residents) and the network's board (the federation report)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PLATFORM_PERMISSIONS = {
    "platformbeheerder": [
        f"cooperaties.{actie}_{model}"
        for model in ("cooperatie", "domein")
        for actie in ("add", "change", "delete", "view")
    ],
    "netwerkbestuur": [],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, rechten in PLATFORM_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=rol)
        for recht in rechten:
            app_label, codename = recht.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=PLATFORM_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bewoners", "0006_lidmaatschap_per_cooperatie"),
        ("cooperaties", "0002_eerste_cooperatie"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
