from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # Importing registers the privacy hooks and this app's own kinds of melding.
        from . import privacy_registrations, soorten  # noqa: F401
