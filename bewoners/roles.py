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

from . import per_persoon
from .models import Profiel, User


class Rol(models.TextChoices):
    BEWONER = "bewoner", _("Bewoner")
    BUURTASSISTENT = "buurtassistent", _("Buurtassistent")
    BESTUUR = "bestuur", _("Bestuur")
    BEHEERDER = "beheerder", _("Beheerder")


def roles_of(user) -> set[str]:
    """The role names of ``user`` in the current coöperatie, read once per request object
    (and coöperatie) and cached on it; kept in the cache between requests (``per_persoon``,
    forgotten on every change), else one query, which reads the platform roles too."""
    return _rollen(user)[0]


def _rollen(user) -> tuple[set[str], set[str]]:
    """(roles in the current coöperatie, platform roles) of ``user``."""
    if not getattr(user, "is_authenticated", False):
        return set(), set()
    cooperatie = huidige()
    sleutel = cooperatie.pk if cooperatie is not None else None
    bewaard = getattr(user, "_wijk_roles", None)
    if bewaard is None or bewaard[0] != sleutel:
        hier, platform = per_persoon.bewaard(user, "rollen", lambda: _lees_rollen(user))
        bewaard = (sleutel, set(hier), set(platform))
        user._wijk_roles = bewaard
    return bewaard[1], bewaard[2]


def _lees_rollen(user) -> tuple[frozenset[str], frozenset[str]]:
    """(roles in the current coöperatie, platform roles) of ``user``, in one query."""
    hier = Profiel.rollen.through.objects.filter(
        profiel__user_id=user.pk, profiel__cooperatie_id=HuidigeCooperatie()
    ).values_list("group__name", flat=True)
    overal = User.groups.through.objects.filter(
        user_id=user.pk, group__name__in=PlatformRol.values
    ).values_list("group__name", flat=True)
    namen = set(hier.union(overal))
    platform = namen & set(PlatformRol.values)
    return frozenset(namen - platform), frozenset(platform)


class PlatformRol(models.TextChoices):
    """The roles across coöperaties, held by the account itself (its Django groups), not by a
    membership. The platform beheerder sets coöperaties up and sees no resident data; the
    network's board sees the federation report (figures per coöperatie and totals)."""

    PLATFORMBEHEERDER = "platformbeheerder", _("Platformbeheerder")
    NETWERKBESTUUR = "netwerkbestuur", _("Netwerkbestuur")


def platform_roles_of(user) -> set[str]:
    """The platform roles of ``user`` (read with the roles here, in the same query)."""
    return _rollen(user)[1]


def has_platform_role(user, *rollen: str) -> bool:
    """True when ``user`` holds one of the platform ``rollen``. Superusers hold every one."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(platform_roles_of(user) & {str(r) for r in rollen})


def assign_platform_role(user, rol: str) -> None:
    if str(rol) not in PlatformRol.values:
        raise ValueError(f"{rol!r} is no platform role")
    user.groups.add(Group.objects.get(name=str(rol)))
    vergeet_rollen(user)


def remove_platform_role(user, rol: str) -> None:
    user.groups.remove(*Group.objects.filter(name=str(rol)))
    vergeet_rollen(user)


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
    return (
        user.is_staff
        or user.is_superuser
        or has_role(user, *settings.WIJK_MFA_REQUIRED_ROLES)
        or bool(platform_roles_of(user))
    )


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
    """The roles of ``user`` changed: read them again (on this object and in the cache)."""
    if hasattr(user, "_wijk_roles"):
        del user._wijk_roles
    per_persoon.vergeten([user.pk])


def met_rol(queryset, *rollen: str):
    """``queryset`` of users narrowed to those with one of ``rollen`` in the current
    coöperatie."""
    return queryset.filter(profiel__rollen__name__in=[str(r) for r in rollen]).distinct()
