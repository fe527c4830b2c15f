from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = _("Hulpvragen en aanbod")

    def ready(self):
        # Importing registers this app's kinds of melding, its privacy sections, the contact
        # rule "the other side of an accepted match" and the signals that keep
        # the matching search table in step with profiles.
        from . import permissions, privacy_registrations, signals, soorten  # noqa: F401
