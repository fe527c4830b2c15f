from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewonersConfig(AppConfig):
    name = "bewoners"
    verbose_name = _("Bewoners")

    def ready(self):
        from . import per_persoon, privacy_registrations  # noqa: F401  (export/erasure)

        per_persoon.verbind()  # a change of roles makes the kept answers out of date
