from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        # Importing registers the privacy hooks and this app's own kinds of melding.
        from bewoners import services as bewoners_services

        from . import privacy_registrations, services, soorten  # noqa: F401

        # bewoners (below meldingen) calls this when a resident finishes the welcome flow.
        bewoners_services.register_onboarding_voltooid(services.welkomstmelding_send)
