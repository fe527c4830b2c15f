from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatieven en activiteiten")

    def ready(self):
        # Importing registers this app's kinds of melding, its privacy section, and (in
        # permissions) the contact rule "organiser and member" and the rule that members of an
        # initiative may book rooms meant for initiatives.
        from . import permissions, privacy_registrations, soorten  # noqa: F401
