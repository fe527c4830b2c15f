"""The meldingen every page and the start page show: read only when a template uses them."""

from django.utils.functional import SimpleLazyObject

from .models import Melding

# How many unread meldingen the start page lists ("Nieuw voor jou").
NIEUW_OP_START = 3


def meldingen(request):
    """The unread count for the header and the newest unread meldingen for the start page.

    Both are lazy: a page that does not show them runs no query for them, and a page that
    shows them runs one query each, however often the template reads them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "ongelezen_meldingen": lambda: Melding.objects.for_user(user).unread().count(),
        "nieuwe_meldingen": SimpleLazyObject(
            lambda: list(Melding.objects.for_user(user).in_inbox().unread()[:NIEUW_OP_START])
        ),
    }
