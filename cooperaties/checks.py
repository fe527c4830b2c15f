"""System checks of the tenancy: PostgreSQL without its second wall is said out loud."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.database, deploy=True)
def tweede_muur(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine and not settings.WIJK_DB_ROL:
        return [
            checks.Warning(
                "PostgreSQL without WIJK_DB_ROL: the application runs as the tables' owner, so "
                "row-level security (the second wall between coöperaties) does not hold.",
                hint="Create the roles with deploy/pg-rollen.sql and set WIJK_DB_ROL=wijk_app.",
                id="cooperaties.W001",
            )
        ]
    return []
