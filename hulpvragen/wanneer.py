"""When a help request needs help, in words, the house way (``wijk.lib.datums``).

For pages (the ``wanneer_tekst`` filter) and for meldingen (rendered in the reader's language).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from wijk.lib import datums

from .models import Hulpvraag, Wanneer


def _tijd(hulpvraag: Hulpvraag) -> str:
    if hulpvraag.tijd_van and hulpvraag.tijd_tot:
        return f"{hulpvraag.tijd_van:%H:%M}–{hulpvraag.tijd_tot:%H:%M}"
    return ""


def wanneer_tekst(hulpvraag: Hulpvraag) -> str:
    """'dinsdag 12 maart, 10:00–12:00', 'flexibel, vóór dinsdag 12 maart', 'elke dinsdag,
    10:00–12:00 (tot 30 april)'. No queries."""
    tijd = _tijd(hulpvraag)
    if hulpvraag.wanneer == Wanneer.DATUM and hulpvraag.datum:
        dag = datums.dag(hulpvraag.datum)
        return f"{dag}, {tijd}" if tijd else dag
    if hulpvraag.wanneer == Wanneer.FLEXIBEL and hulpvraag.uiterlijk:
        tekst = _("flexibel, vóór %(datum)s") % {"datum": datums.dag(hulpvraag.uiterlijk)}
        return f"{tekst} ({tijd})" if tijd else tekst
    if hulpvraag.wanneer == Wanneer.WEKELIJKS and hulpvraag.weekdag is not None:
        tekst = _("elke %(dag)s") % {"dag": hulpvraag.get_weekdag_display()}
        if tijd:
            tekst = f"{tekst}, {tijd}"
        if hulpvraag.herhalen_tot:
            tekst += " " + _("(tot %(datum)s)") % {
                "datum": datums.korte_dag(hulpvraag.herhalen_tot)
            }
        return tekst
    return str(hulpvraag.get_wanneer_display())


def op_dag(hulpvraag: Hulpvraag, dag: date) -> str:
    """The help on ``dag`` (a day it takes place): 'zaterdag 12 december, 10:00–12:00'."""
    if hulpvraag.tijd_van is None:
        return datums.dag(dag)
    begin = timezone.make_aware(datetime.combine(dag, hulpvraag.tijd_van))
    einde = (
        timezone.make_aware(datetime.combine(dag, hulpvraag.tijd_tot))
        if hulpvraag.tijd_tot
        else None
    )
    return datums.tijdvak(begin, einde)
