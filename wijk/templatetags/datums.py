"""The house way of writing dates in templates (see ``wijk.lib.datums``); built in, no load needed.

``{{ hulpvraag.datum|dag }}`` → "zaterdag 12 december"; ``{{ melding.aangemaakt_op|dag_tijd }}``
→ "zaterdag 12 december, 14:00"; ``{% tijdvak reservering.begin reservering.einde %}`` →
"zaterdag 12 december, 14:00–16:00". Add ``jaar=True`` through the lib functions where a year
must always show (a document to keep).
"""

from django import template

from wijk.lib import datums

register = template.Library()

register.filter("dag", datums.dag)
register.filter("korte_dag", datums.korte_dag)
register.filter("dag_tijd", datums.dag_tijd)
register.filter("tijd_kort", datums.tijd)


@register.simple_tag
def tijdvak(begin, einde):
    return datums.tijdvak(begin, einde)
