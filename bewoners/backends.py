"""Django's permissions from a person's roles in the current coöperatie (issue 14).

The roles live on the profile of each coöperatie (``Profiel.rollen``), not on the account:
the admin permissions a role carries (the groups' permissions) hold where the person has that
role, and nowhere else.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .roles import roles_of


class RollenBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(group__name__in=sorted(roles_of(user_obj)))
