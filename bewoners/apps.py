from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewonersConfig(AppConfig):
    name = "bewoners"
    verbose_name = _("Bewoners")

    def ready(self):
        from . import privacy_registrations  # noqa: F401  (registers this app's export/erasure)
