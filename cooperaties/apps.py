from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperatiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cooperaties"
    verbose_name = _("coöperaties")
