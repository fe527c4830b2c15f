"""Personal data of another person in templates, only through the one rule.

``{% persoonsgegeven persoon "telefoon" as telefoon %}`` gives the value when the viewer (the
request's user) may see it under ``bewoners.permissions``, else ``""``. Fields: see
``bewoners.permissions.VELDEN`` (voornaam, buurt, naam, email, telefoon, adres, postcode,
woonplaats, nodig). ``wat="..."`` says where private data was looked at, for the access log.
``{% mag_zien persoon "contact" as toon_contact %}`` asks for a whole class. Templates never read
``profiel.adres``, ``profiel.telefoon``, ``user.email`` or ``profiel.wat_heb_je_nodig`` of another
person directly (``wijk/tests/test_toegang_templates.py`` checks that). A view that lists many
people first decides them at once with ``bewoners.permissions.zicht(request).bepaal(personen)``,
so the page keeps a constant number of queries.
"""

from django import template

from bewoners.permissions import zicht

register = template.Library()


def _request(context):
    request = context.get("request")
    if request is None:
        raise template.TemplateSyntaxError("persoonsgegeven needs the request in the context")
    return request


@register.simple_tag(takes_context=True)
def persoonsgegeven(context, persoon, veld: str, wat: str = ""):
    if persoon is None:
        return ""
    waarde = zicht(_request(context)).toon(persoon, veld, wat=wat)
    return "" if waarde is None else waarde


@register.simple_tag(takes_context=True)
def mag_zien(context, persoon, gegeven: str) -> bool:
    """``{% mag_zien persoon "contact" as toon_contact %}``"""
    if persoon is None:
        return False
    return zicht(_request(context)).mag_zien(persoon, gegeven)
