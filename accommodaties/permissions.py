"""Who may see and do what with facilities and bookings.

- Facilities, their opening hours and when they are busy: every logged-in resident. Who booked
  and why: only the booker and the facility's keepers (and the beheerder role).
- A booking's page, its .ics and its actions: its booker and the facility's keepers; anyone
  else gets a 404, without learning that it exists.
- Contact details (phone, e-mail) between a keeper and the booker of an active booking that
  has not long ended: registered as a contact rule with ``bewoners.permissions``, so the keeper
  can hand over a key and the booker can reach the keeper.
- Who may book a facility at all (``boek_bezwaar``): keepers always; others with consent in
  their profile, when the facility is active and open to them. Rooms "for members of
  initiatives" ask the rules ``initiatieven`` registers (``register_initiatief_regel``).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.permissions import Gegeven, register_relatie
from bewoners.roles import Rol, has_role

from .models import Accommodatie, Reservering, WieMagBoeken


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_beheerder(user, accommodatie: Accommodatie) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, Rol.BEHEERDER):
        return True
    return accommodatie.beheerders.filter(pk=user.pk).exists()


# "Is this person a member of an initiative?" Registered by the app that knows (initiatieven),
# so this app does not import it: rooms "for members of initiatives" use these rules.
_initiatief_regels: list = []


def register_initiatief_regel(regel) -> None:
    """``regel(user) -> bool``: does ``user`` belong to an initiative that may book rooms?"""
    _initiatief_regels.append(regel)


def boek_bezwaar(user, accommodatie: Accommodatie, *, beheerder: bool | None = None):
    """Why ``user`` may not book ``accommodatie`` at all (a Dutch text), or None when they may.

    Every page that offers booking asks this once (the room page, its week grid and its list
    of free times): who may not book gets no booking links. ``beheerder``: the answer of
    ``is_beheerder`` when the caller has it already (one query less)."""
    if not accommodatie.actief:
        return _("Deze ruimte kun je nu niet boeken.")
    if is_beheerder(user, accommodatie) if beheerder is None else beheerder:
        return None
    profiel = getattr(user, "profiel", None)
    if profiel is None or not profiel.heeft_toestemming:
        return _("Geef eerst toestemming in je profiel. Daarna kun je boeken.")
    if accommodatie.wie_mag_boeken == WieMagBoeken.BEHEERDERS:
        return _("Deze ruimte boeken alleen beheerders. Vraag het de beheerder van %(naam)s.") % {
            "naam": accommodatie.naam
        }
    if accommodatie.wie_mag_boeken == WieMagBoeken.INITIATIEVEN and not any(
        regel(user) for regel in _initiatief_regels
    ):
        return _(
            "Deze ruimte is voor initiatieven. Word lid van een initiatief, of vraag het de "
            "beheerder van %(naam)s."
        ) % {"naam": accommodatie.naam}
    return None


def eis_mag_boeken(user, accommodatie: Accommodatie) -> None:
    """A ``ValidationError`` with the reason of ``boek_bezwaar``, when there is one."""
    bezwaar = boek_bezwaar(user, accommodatie)
    if bezwaar:
        raise ValidationError(bezwaar)


def beheerde_accommodaties(user):
    """The facilities ``user`` keeps: all for the beheerder role, else those they are keeper of."""
    if not _authenticated(user):
        return Accommodatie.objects.none()
    if has_role(user, Rol.BEHEERDER):
        return Accommodatie.objects.all()
    return Accommodatie.objects.beheerd_door(user)


def is_een_beheerder(user) -> bool:
    """Keeps at least one facility (or has the beheerder role): may open the keeper pages."""
    return _authenticated(user) and beheerde_accommodaties(user).exists()


def zichtbare_reserveringen(user):
    """Bookings whose page ``user`` may open: their own and those of facilities they keep."""
    if not _authenticated(user):
        return Reservering.objects.none()
    if has_role(user, Rol.BEHEERDER):
        return Reservering.objects.all()
    return Reservering.objects.filter(Q(geboekt_door=user) | Q(accommodatie__beheerders=user))


def relatie_boeking(kijker, ids) -> dict[int, set[str]]:
    """A keeper and the booker of an active booking (ended at most a day ago) see each other's
    contact data (not the address): one query for all ``ids``."""
    sinds = timezone.now() - timedelta(days=1)
    rijen = (
        Reservering.objects.actief()
        .filter(einde__gte=sinds)
        .filter(
            Q(geboekt_door=kijker, accommodatie__beheerders__in=ids)
            | Q(geboekt_door__in=ids, accommodatie__beheerders=kijker)
        )
        .values_list("geboekt_door_id", "accommodatie__beheerders")
    )
    grants: dict[int, set[str]] = {}
    for booker_id, keeper_id in rijen:
        ander = keeper_id if booker_id == kijker.pk else booker_id
        if ander != kijker.pk:
            grants.setdefault(ander, set()).add(Gegeven.CONTACT)
    return grants


register_relatie(relatie_boeking)


def mag_reservering_zien(user, reservering) -> bool:
    """A booking's page, its .ics, cancelling and moving it: its booker and the facility's
    keepers (``zichtbare_reserveringen``); anyone else gets a 404."""
    return zichtbare_reserveringen(user).filter(pk=reservering.pk).exists()


def beheert_reservering(user, reservering) -> bool:
    """Approve or refuse a booking: a keeper of its facility (or the beheerder role)."""
    return is_beheerder(user, reservering.accommodatie)


def agenda_sleutel_geldig(user, agenda_sleutel) -> bool:
    """A personal calendar feed (bookings here, activities in ``initiatieven``): calendar apps
    cannot log in, so the secret in the link is the key. Whoever has the link reads the feed
    of its owner while the owner's account is active; renewing the link ends the old one, and
    an unknown secret is a 404."""
    return bool(agenda_sleutel.user.is_active)
