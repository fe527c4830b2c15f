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
  (``services.zichtbare_contactmomenten``).

The rules themselves live in ``bewoners.permissions`` and ``buurtassistenten.services``; this
module names them for the views and for the URL declarations (``wijk.lib.toegang``).
"""

from .services import is_buurtassistent, mag_bewoner_zien  # noqa: F401 - re-exported


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
