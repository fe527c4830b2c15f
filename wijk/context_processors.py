from django.conf import settings


def wijk(request):
    """The coöperatie's name and the unread count for the header."""
    context = {"wijk_naam": settings.WIJK_NAAM}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from meldingen.models import Melding

        context["ongelezen_meldingen"] = lambda: Melding.objects.for_user(user).unread().count()
    return context
