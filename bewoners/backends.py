"""Django's permissions from a person's roles in the current coöperatie (issue 14).

The roles live on the profile of each coöperatie (``Profiel.rollen``), not on the account:
the admin permissions a role carries (the groups' permissions) hold where the person has that
role, and nowhere else.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from .roles import PlatformRol, roles_of


class RollenBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        # The roles in the current coöperatie, and the platform roles the account holds (only
        # those: a coöperatie's role among the account's groups would hold everywhere).
        return Permission.objects.filter(
            Q(group__name__in=sorted(roles_of(user_obj)))
            | Q(group__name__in=PlatformRol.values, group__user=user_obj)
        ).distinct()
