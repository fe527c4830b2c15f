from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    """The platform above the coöperaties: setting them up, exporting and removing one as a
    whole, and the network's view of all of them (issue 14). Only demo data sits above it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "netwerk"
    verbose_name = _("Netwerk")
