"""Small template helpers for the hulpvragen pages and the start page."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hulpvragen.models import Match, Wanneer

register = template.Library()


def _tijd(hulpvraag) -> str:
    if hulpvraag.tijd_van and hulpvraag.tijd_tot:
        return f"{hulpvraag.tijd_van:%H:%M}–{hulpvraag.tijd_tot:%H:%M}"
    return ""


@register.filter
def wanneer_tekst(hulpvraag) -> str:
    """When the help is needed, in words: 'dinsdag 12 maart, 10:00–12:00'. No extra queries."""
    tijd = _tijd(hulpvraag)
    if hulpvraag.wanneer == Wanneer.DATUM and hulpvraag.datum:
        dag = date_format(hulpvraag.datum, "l j F")
        return f"{dag}, {tijd}" if tijd else dag
    if hulpvraag.wanneer == Wanneer.FLEXIBEL and hulpvraag.uiterlijk:
        tekst = _("flexibel, vóór %(datum)s") % {"datum": date_format(hulpvraag.uiterlijk, "l j F")}
        return f"{tekst} ({tijd})" if tijd else tekst
    if hulpvraag.wanneer == Wanneer.WEKELIJKS and hulpvraag.weekdag is not None:
        tekst = _("elke %(dag)s") % {"dag": hulpvraag.get_weekdag_display()}
        if tijd:
            tekst = f"{tekst}, {tijd}"
        if hulpvraag.herhalen_tot:
            tekst += " " + _("(tot %(datum)s)") % {
                "datum": date_format(hulpvraag.herhalen_tot, "j F")
            }
        return tekst
    return str(hulpvraag.get_wanneer_display())


@register.simple_tag
def wachtende_voorstellen(user) -> int:
    """How many proposals wait for ``user``'s answer as a helper (one query)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Match.objects.filter(helper=user, status=Match.Status.VOORGESTELD).count()
