from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperatiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cooperaties"
    verbose_name = _("Coöperaties")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from . import checks, rls  # noqa: F401 - checks registers itself

        # The second wall (PostgreSQL's row-level security): on every connection, and built
        # after every migrate.
        connection_created.connect(rls.installeer, dispatch_uid="wijk-rls-installeer")
        pre_migrate.connect(rls.voor_migreren, dispatch_uid="wijk-rls-voor")
        post_migrate.connect(rls.na_migreren, dispatch_uid="wijk-rls-na")
