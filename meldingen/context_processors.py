"""The meldingen every page and the start page show: read only when a template uses them."""

from django.utils.functional import SimpleLazyObject

from bewoners.services import per_persoon_bewaard

from .models import Melding

# How many unread meldingen the start page lists ("Nieuw voor jou").
NIEUW_OP_START = 3


def ongelezen(user) -> int:
    """How many unread meldingen ``user`` has here: kept in the cache between requests
    (``bewoners.per_persoon``; ``meldingen.services`` forgets it on every change)."""
    return per_persoon_bewaard(
        user, "ongelezen", lambda: Melding.objects.for_user(user).unread().count()
    )


def meldingen(request):
    """The unread count for the header and the newest unread meldingen for the start page.

    Both are lazy: a page that does not show them runs nothing for them, and a page that shows
    them reads each once, however often the template reads them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    aantal = []

    def ongelezen_meldingen() -> int:
        if not aantal:
            aantal.append(ongelezen(user))
        return aantal[0]

    return {
        "ongelezen_meldingen": ongelezen_meldingen,
        "nieuwe_meldingen": SimpleLazyObject(
            lambda: list(Melding.objects.for_user(user).in_inbox().unread()[:NIEUW_OP_START])
        ),
    }
