from django import template

from bewoners.roles import has_role as _has_role

register = template.Library()


@register.filter
def has_role(user, rol: str) -> bool:
    """``{% if user|has_role:"buurtassistent" %}``"""
    return _has_role(user, rol)
