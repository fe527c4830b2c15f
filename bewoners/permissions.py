"""Who may see what of a resident.

Private fields (address, phone, health-related needs) are visible to the resident themself
and to buurtassistenten. Later apps add their own reasons through ``register_contact_rule``,
for example "the other side of an accepted match may see contact details".
"""

from collections.abc import Callable

from .roles import Rol, has_role

_contact_rules: list[Callable] = []


def register_contact_rule(rule: Callable) -> None:
    """``rule(viewer, subject) -> bool``: may ``viewer`` see ``subject``'s contact details?"""
    _contact_rules.append(rule)


def can_see_private(viewer, subject) -> bool:
    """Address, phone and 'wat heb je nodig' (may contain health information)."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    return viewer.pk == subject.pk or has_role(viewer, Rol.BUURTASSISTENT)


def can_see_contact(viewer, subject) -> bool:
    """Phone, address and e-mail: private viewers, plus whatever later apps allow."""
    if can_see_private(viewer, subject):
        return True
    return any(rule(viewer, subject) for rule in _contact_rules)


def can_view_profile(viewer, subject) -> bool:
    """Residents see each other's public profile only when that person gave consent."""
    if not getattr(viewer, "is_authenticated", False) or not subject.is_active:
        return False
    if can_see_private(viewer, subject):
        return True
    profiel = getattr(subject, "profiel", None)
    return profiel is not None and profiel.heeft_toestemming
