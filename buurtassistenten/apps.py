from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuurtassistentenConfig(AppConfig):
    name = "buurtassistenten"
    verbose_name = _("Buurtassistenten")
