from django.conf import settings


def wijk(request):
    """The coöperatie's name for the header (the unread count: meldingen.context_processors)."""
    return {"wijk_naam": settings.WIJK_NAAM}
