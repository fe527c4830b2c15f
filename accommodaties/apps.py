from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodatiesConfig(AppConfig):
    name = "accommodaties"
    verbose_name = _("Accommodaties")

    def ready(self):
        # Importing registers this app's kinds of melding, its privacy section and the contact
        # rule "a keeper and the booker of an active booking".
        from . import permissions, privacy_registrations, soorten  # noqa: F401
