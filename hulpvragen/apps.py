from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HulpvragenConfig(AppConfig):
    name = "hulpvragen"
    verbose_name = _("Hulpvragen en aanbod")

    def ready(self):
        # Importing registers this app's kinds of melding, its privacy sections and the contact
        # rule "the other side of an accepted match".
        from bewoners.services import register_profiel_gewijzigd

        from . import permissions, privacy_registrations, soorten, zoekindex  # noqa: F401

        # The matching search table follows a helper's buurt and skills (bewoners calls it).
        register_profiel_gewijzigd(zoekindex.follow_profiel)
