from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Meldingen")

    def ready(self):
        from . import privacy_registrations  # noqa: F401
        from . import soorten  # noqa: F401  (registers this app's own kinds)
