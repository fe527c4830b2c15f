from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatieven en activiteiten")

    def ready(self):
        # Importing registers this app's kinds of melding.
        from . import soorten  # noqa: F401
