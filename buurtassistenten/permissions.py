"""Who may use the coordination pages (``/coordinatie/``).

- Every coordination page: the buurtassistent role only (which must use a second factor, see
  ``bewoners.middleware``); anyone else who is logged in gets a 403, before anything is looked
  up, so they learn nothing about who exists.
- A resident's page and everything done for them (contact moments, follow-ups, referrals,
  acting on their behalf): the buurtassistenten who work for that resident, i.e. for their
  buurt, or for residents of a buurt nobody follows or without a buurt
  (``bewoners.permissions.is_buurtassistent_voor``, the one rule). Others get a 403.
- A help request on the coordination pages: the buurtassistenten who work for its requester.
- Sensitive notes: their author and the buurtassistenten assigned to the resident's buurt
  (``mag_notitie_lezen``; the contact log applies it in ``selectors.zichtbare_contactmomenten``).

The role and the one rule live in ``bewoners.permissions``; this module names them, and the
rules built on them, for the services, the views and the URL declarations (``wijk.lib.toegang``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from bewoners import permissions as bewoners_permissions
from bewoners.models import Buurt

is_buurtassistent = bewoners_permissions.is_buurtassistent


def eis_buurtassistent(user) -> None:
    """A 403 for anyone without the buurtassistent role."""
    if not is_buurtassistent(user):
        raise PermissionDenied


def mag_bewoner_zien(user, bewoner) -> bool:
    """One rule, in ``bewoners.permissions``: the buurtassistent works for this resident."""
    return bewoners_permissions.is_buurtassistent_voor(user, bewoner)


def eis_bewoner(user, bewoner) -> None:
    """A 403 unless ``user`` works for ``bewoner`` (``mag_bewoner_zien``)."""
    if not mag_bewoner_zien(user, bewoner):
        raise PermissionDenied


def is_toegewezen(user, bewoner) -> bool:
    """Is ``user`` one of the buurtassistenten assigned to ``bewoner``'s buurt?"""
    profiel = getattr(bewoner, "profiel", None)
    if profiel is None or profiel.buurt_id is None:
        return False
    return Buurt.objects.filter(pk=profiel.buurt_id, buurtassistenten=user).exists()


def mag_notitie_lezen(user, moment, *, toegewezen: bool) -> bool:
    """The note of a contact moment: a sensitive one only for its author and the assigned
    buurtassistenten (``toegewezen``: ``is_toegewezen`` for the moment's resident, asked once
    for a whole log). Others see that there was a contact."""
    return not moment.gevoelig or toegewezen or moment.door_id == user.pk


def mag_vervolg_afronden(user, vervolg) -> bool:
    """Tick off a follow-up: who works for its resident."""
    return mag_bewoner_zien(user, vervolg.bewoner)


def mag_doorverwijzing_bijwerken(user, verwijzing) -> bool:
    """Change the state of a referral: who works for its resident."""
    return mag_bewoner_zien(user, verwijzing.bewoner)


def mag_hulpvraag_coordineren(user, hulpvraag) -> bool:
    """Match a request by hand, confirm or cancel its proposals, close it: who works for its
    requester."""
    return mag_bewoner_zien(user, hulpvraag.aanvrager)
