from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rapportages"
    verbose_name = _("Rapportages")
