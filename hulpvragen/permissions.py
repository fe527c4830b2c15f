"""Who may see and do what with help requests and matches.

- Public (any logged-in resident): titel, beschrijving, categorie, buurt and when of open
  requests and active offers. Never an address.
- Private details of a request: the requester, who entered it for them, the accepted helper and
  buurtassistenten.
- Contact details (phone, address, e-mail) of the other side: only inside an accepted match
  (registered as a contact rule with ``bewoners.permissions``).
- A match: its helper, the requester and buurtassistenten.
"""

from bewoners.permissions import register_contact_rule
from bewoners.roles import Rol, has_role

from .models import Match


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_coordinator(user) -> bool:
    return has_role(user, Rol.BUURTASSISTENT)


def can_see_prive_details(user, hulpvraag) -> bool:
    if not _authenticated(user):
        return False
    if user.pk in (hulpvraag.aanvrager_id, hulpvraag.ingevoerd_door_id) or is_coordinator(user):
        return True
    return Match.objects.geaccepteerd().filter(hulpvraag=hulpvraag, helper=user).exists()


def can_view_hulpvraag(user, hulpvraag) -> bool:
    """Open requests are public to residents; closed ones only to those involved."""
    if not _authenticated(user):
        return False
    if hulpvraag.is_open or can_see_prive_details(user, hulpvraag):
        return True
    return hulpvraag.matches.filter(helper=user).exists()


def can_view_match(user, match) -> bool:
    if not _authenticated(user):
        return False
    return user.pk in (match.helper_id, match.hulpvraag.aanvrager_id) or is_coordinator(user)


def in_accepted_match(viewer, subject) -> bool:
    """The two sides of an accepted (or completed) match may see each other's contact details."""
    if not _authenticated(viewer) or viewer.pk == subject.pk:
        return False
    return Match.objects.geaccepteerd().tussen(viewer, subject).exists()


register_contact_rule(in_accepted_match)
