from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = _("Hulpvragen en aanbod")

    def ready(self):
        # Importing registers this app's kinds of melding, its privacy sections, the contact
        # rule "the other side of an accepted match" and its demo data.
        from . import permissions, privacy_registrations, soorten  # noqa: F401
        from .demo import register_demo

        register_demo()
