"""The four roles of the platform, kept as Django groups (created by a data migration).

Ask ``has_role(user, Rol.BUURTASSISTENT)``; never compare group names by hand.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    BEWONER = "bewoner", _("Bewoner")
    BUURTASSISTENT = "buurtassistent", _("Buurtassistent")
    BESTUUR = "bestuur", _("Bestuur")
    BEHEERDER = "beheerder", _("Beheerder")


def roles_of(user) -> set[str]:
    """The role names of ``user``, read once per request object and cached on it."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_wijk_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._wijk_roles = cached
    return cached


def has_role(user, *rollen: str) -> bool:
    """True when ``user`` has at least one of ``rollen``. Superusers have every role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(roles_of(user) & {str(r) for r in rollen})


def requires_mfa(user) -> bool:
    """Staff and the coordinating roles must use a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.is_superuser or has_role(user, *settings.WIJK_MFA_REQUIRED_ROLES)


def assign_role(user, rol: str) -> None:
    user.groups.add(Group.objects.get(name=str(rol)))
    if hasattr(user, "_wijk_roles"):
        del user._wijk_roles
