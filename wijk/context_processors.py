from django.conf import settings


def wijk(request):
    """The coöperatie's name, colour and logo for the header (the unread count: meldingen.context_processors)."""
    cooperatie = getattr(request, "cooperatie", None)
    return {
        "wijk_naam": cooperatie.naam if cooperatie else settings.WIJK_NAAM,
        "wijk_kleur": cooperatie.kleur if cooperatie else "#386b1c",
        "wijk_logo_versie": cooperatie.logo_versie if cooperatie else 0,
    }
