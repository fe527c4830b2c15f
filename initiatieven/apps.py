from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatieven en activiteiten")

    def ready(self):
        # Importing registers this app's kinds of melding, the rule that members of an
        # initiative may book rooms meant for initiatives, the contact rule "organiser and
        # member" and its privacy section.
        from . import permissions, privacy_registrations, ruimtes, soorten  # noqa: F401
        from .demo import register_demo

        register_demo()  # its demo data for seed_demo
