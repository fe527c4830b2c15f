from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuurtassistentenConfig(AppConfig):
    name = "buurtassistenten"
    verbose_name = _("Buurtassistenten")

    def ready(self):
        # Importing registers this app's privacy section (export and erasure).
        # Importing registers the access log with bewoners.permissions (looks at private data).
        from . import (
            privacy_registrations,  # noqa: F401
            services,  # noqa: F401
            telling,
        )

        # A change to what the outreach signals are made of marks their count stale.
        telling.verbinden()
