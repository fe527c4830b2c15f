"""Who may see and do what with help requests and matches.

- Public (any logged-in resident): titel, beschrijving, categorie, buurt and when of open
  requests and active offers. Never an address.
- Private details of a request: the requester, who entered it for them, the accepted helper and
  the buurtassistenten who work for the requester (``bewoners.permissions``); a buurtassistent of
  another buurt sees what any resident sees, and may not change the request.
- A match: its helper, the requester and the buurtassistenten who work for the requester.
- The calendar entry (.ics) of an agreed help with a date: its helper and its requester.
- Contact data of the other side (``relatie_match``, registered with ``bewoners.permissions``):
  only inside an accepted (or completed) match. The helper sees the requester's contact data and
  home address (the help is mostly at home); the requester sees the helper's contact data, not
  their address. The match page and the profile page ask the same rule, so they agree.
"""

from django.db.models import Q

from bewoners.permissions import Gegeven, is_buurtassistent_voor, register_relatie

from .models import Aanbod, Match


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_coordinator_voor(user, hulpvraag) -> bool:
    """A buurtassistent who works for the requester of ``hulpvraag``."""
    return is_buurtassistent_voor(user, hulpvraag.aanvrager)


def mag_plaatsen(user) -> bool:
    """Post a request or an offer, or have an offer asked again: consent in the profile."""
    profiel = getattr(user, "profiel", None)
    return profiel is not None and profiel.heeft_toestemming


def mag_gevraagd_worden(helper) -> bool:
    """Be asked to help, by the engine or by a buurtassistent: active, consent given."""
    return helper.is_active and mag_plaatsen(helper)


def can_edit_hulpvraag(user, hulpvraag) -> bool:
    """Change or withdraw: the requester, who entered it for them, their buurtassistent."""
    if not _authenticated(user):
        return False
    if user.pk in (hulpvraag.aanvrager_id, hulpvraag.ingevoerd_door_id):
        return True
    return is_coordinator_voor(user, hulpvraag)


def can_see_prive_details(user, hulpvraag) -> bool:
    if not _authenticated(user):
        return False
    if user.pk in (hulpvraag.aanvrager_id, hulpvraag.ingevoerd_door_id):
        return True
    if Match.objects.geaccepteerd().filter(hulpvraag=hulpvraag, helper=user).exists():
        return True
    return is_coordinator_voor(user, hulpvraag)


def can_view_hulpvraag(user, hulpvraag) -> bool:
    """Open requests are public to residents; closed ones only to those involved."""
    if not _authenticated(user):
        return False
    if hulpvraag.is_open or can_see_prive_details(user, hulpvraag):
        return True
    return hulpvraag.matches.als_helper(user).exists()


def can_view_match(user, match) -> bool:
    if not _authenticated(user):
        return False
    if user.pk in (match.helper_id, match.hulpvraag.aanvrager_id):
        return True
    return is_coordinator_voor(user, match.hulpvraag)


def mag_afspraak_downloaden(user, match) -> bool:
    """The calendar entry of an agreed help (``feeds.match_ics``): its two sides only, while it
    is agreed and has a date (``Match.heeft_afspraak``)."""
    return (
        _authenticated(user)
        and user.pk in (match.helper_id, match.hulpvraag.aanvrager_id)
        and match.heeft_afspraak
    )


def relatie_match(kijker, ids) -> dict[int, set[str]]:
    """Both sides of an accepted match: the helper sees the requester's contact and home data,
    the requester the helper's contact data. One query for all ``ids``."""
    grants: dict[int, set[str]] = {}
    rijen = (
        Match.objects.geaccepteerd()
        .filter(
            Q(helper=kijker, hulpvraag__aanvrager__in=ids)
            | Q(hulpvraag__aanvrager=kijker, helper__in=ids)
        )
        .values_list("helper_id", "hulpvraag__aanvrager_id")
    )
    for helper_id, aanvrager_id in rijen:
        if helper_id == kijker.pk:
            grants.setdefault(aanvrager_id, set()).update({Gegeven.CONTACT, Gegeven.THUIS})
        else:
            grants.setdefault(helper_id, set()).add(Gegeven.CONTACT)
    return grants


register_relatie(relatie_match)


def zichtbaar_aanbod():
    """Offers every resident may browse: active, of an active helper who gave consent."""
    return Aanbod.objects.actief().filter(
        helper__is_active=True, helper__profiel__toestemming_op__isnull=False
    )


def can_view_aanbod(user, aanbod) -> bool:
    """An offer's page: its helper, the buurtassistenten who work for the helper, and every
    resident while it is on offer (``zichtbaar_aanbod``); else a 404."""
    if not _authenticated(user):
        return False
    return (
        aanbod.helper_id == user.pk
        or is_buurtassistent_voor(user, aanbod.helper)
        or zichtbaar_aanbod().filter(pk=aanbod.pk).exists()
    )


def is_eigen_aanbod(user, aanbod) -> bool:
    """Change or pause an offer: its helper only (``Aanbod.objects.van``); else a 404."""
    return _authenticated(user) and aanbod.helper_id == user.pk
