"""The four roles, per coöperatie: a person's profile there (their membership) holds them
(``Profiel.rollen``; the role names are Django groups, created by a data migration). A
buurtassistent in one coöperatie is a resident in the next.

Ask ``has_role(user, Rol.BUURTASSISTENT)``; never compare group names by hand.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperaties.huidige import huidige
from cooperaties.models import HuidigeCooperatie

from .models import Profiel


class Rol(models.TextChoices):
    BEWONER = "bewoner", _("Bewoner")
    BUURTASSISTENT = "buurtassistent", _("Buurtassistent")
    BESTUUR = "bestuur", _("Bestuur")
    BEHEERDER = "beheerder", _("Beheerder")


def roles_of(user) -> set[str]:
    """The role names of ``user`` in the current coöperatie, read once per request object
    (and coöperatie) and cached on it; one query."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cooperatie = huidige()
    sleutel = cooperatie.pk if cooperatie is not None else None
    bewaard = getattr(user, "_wijk_roles", None)
    if bewaard is None or bewaard[0] != sleutel:
        namen = set(
            Profiel.rollen.through.objects.filter(
                profiel__user_id=user.pk, profiel__cooperatie_id=HuidigeCooperatie()
            ).values_list("group__name", flat=True)
        )
        bewaard = (sleutel, namen)
        user._wijk_roles = bewaard
    return bewaard[1]


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
    """Give ``user`` the role ``rol`` in the current coöperatie (a profile there is made when
    there is none: a role is part of a membership)."""
    profiel, _nieuw = Profiel.objects.get_or_create(user=user)
    profiel.rollen.add(Group.objects.get(name=str(rol)))
    vergeet_rollen(user)


def remove_role(user, rol: str) -> None:
    """Take the role ``rol`` in the current coöperatie away from ``user``."""
    Profiel.rollen.through.objects.filter(
        profiel__user_id=user.pk,
        profiel__cooperatie_id=HuidigeCooperatie(),
        group__name=str(rol),
    ).delete()
    vergeet_rollen(user)


def vergeet_rollen(user) -> None:
    if hasattr(user, "_wijk_roles"):
        del user._wijk_roles


def met_rol(queryset, *rollen: str):
    """``queryset`` of users narrowed to those with one of ``rollen`` in the current
    coöperatie."""
    return queryset.filter(profiel__rollen__name__in=[str(r) for r in rollen]).distinct()
