"""Who may see and do what with meldingen (notifications).

- A melding is for its recipient only: the inbox, opening it and marking it read. For anyone
  else it is a 404 (the views load it through ``Melding.objects.for_user``), so nobody learns
  that it exists.
- The inbox and the notification preferences: every logged-in person, for themselves.
"""

from .models import Melding


def eigen_meldingen(user):
    """The meldingen ``user`` may open: their own."""
    if not getattr(user, "is_authenticated", False):
        return Melding.objects.none()
    return Melding.objects.for_user(user)


def is_eigen_melding(user, melding) -> bool:
    """May ``user`` open (and mark read) this melding?"""
    return eigen_meldingen(user).filter(pk=melding.pk).exists()
