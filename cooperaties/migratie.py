"""Helpers for the migrations that put existing rows in a coöperatie (issue 14).

A database from before the tenancy has one coöperatie's rows and no ``cooperatie`` column. The
migration of each app adds the column empty, fills it with the installation's first
coöperatie (``cooperaties`` 0002 made it from ``WIJK_NAAM``) and only then makes it required:
an upgrade puts every row in that one coöperatie and loses nothing.
"""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


def kolom_leeg(model_name: str) -> migrations.AddField:
    """Step 1: the column, empty for the rows that are there."""
    return migrations.AddField(
        model_name=model_name,
        name="cooperatie",
        field=models.ForeignKey(
            editable=False,
            null=True,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="cooperaties.cooperatie",
            verbose_name="coöperatie",
        ),
    )


def naar_eerste_cooperatie(app_label: str, *model_names: str) -> migrations.RunPython:
    """Step 2: every row without a coöperatie goes to the first one."""

    def vullen(apps, schema_editor):
        Cooperatie = apps.get_model("cooperaties", "Cooperatie")
        eerste = Cooperatie.objects.order_by("pk").first()
        for naam in model_names:
            model = apps.get_model(app_label, naam)
            zonder = model._base_manager.filter(cooperatie__isnull=True)
            if eerste is None:
                if zonder.exists():
                    raise RuntimeError(
                        f"{app_label}.{naam} has rows but the database has no coöperatie"
                    )
                continue
            zonder.update(cooperatie=eerste)
        if schema_editor.connection.vendor == "postgresql":
            # The foreign keys are checked at the commit; check them now, so the next step
            # may alter these tables in the same transaction ("pending trigger events").
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return migrations.RunPython(vullen, migrations.RunPython.noop, elidable=False)


def kolom_verplicht(model_name: str) -> migrations.AlterField:
    """Step 3: the column is required, and a new row takes the current coöperatie."""
    import cooperaties.models

    return migrations.AlterField(
        model_name=model_name,
        name="cooperatie",
        field=models.ForeignKey(
            default=cooperaties.models.huidige_cooperatie_id,
            editable=False,
            on_delete=django.db.models.deletion.CASCADE,
            related_name="+",
            to="cooperaties.cooperatie",
            verbose_name="coöperatie",
        ),
    )
