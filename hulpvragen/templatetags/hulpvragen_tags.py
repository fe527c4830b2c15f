"""Small template helpers for the hulpvragen pages and the start page."""

from django import template

from hulpvragen import weergave
from hulpvragen.models import Match
from hulpvragen.wanneer import wanneer_tekst

register = template.Library()


register.filter("wanneer_tekst", wanneer_tekst)


@register.simple_tag
def wachtende_voorstellen(user) -> int:
    """How many proposals wait for ``user``'s answer as a helper (one query)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Match.objects.filter(helper=user, status=Match.Status.VOORGESTELD).count()


# The browse lists' rows and filter form, rendered once per process for their values
# (hulpvragen.weergave).
register.simple_tag(weergave.hulpvraag_rij, name="hulpvraag_rij")
register.simple_tag(weergave.aanbod_rij, name="aanbod_rij")
register.simple_tag(weergave.filter_velden, name="filter_velden")
