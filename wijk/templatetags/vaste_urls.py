"""``{% vaste_url "naam" %}``: the address of a page that takes no arguments, reversed once per
process (issue 16).

The layout (templates/base.html) links to some fifteen pages on every request; ``{% url %}``
reverses each every time (~40 µs apiece on the 2-core machine: most of the menu's cost). The
address of a page without arguments changes only with the URLconf and the script prefix, which
are part of the key.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_adressen: dict[tuple[str, str, str], str] = {}


@register.simple_tag
def vaste_url(naam: str) -> str:
    """``reverse(naam)``, remembered (escaped by the template like ``{% url %}``)."""
    sleutel = (naam, get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    adres = _adressen.get(sleutel)
    if adres is None:
        adres = _adressen[sleutel] = reverse(naam)
    return adres
