"""Who may see and do what with initiatives, activities and meetings.

- Initiatives that are active or paused, their activities, meetings and the agenda: everyone,
  also without logging in. A stopped initiative is history: only its organisers (and the
  beheerder role) still open it; for anyone else it is a 404.
- A resident's new initiative waits for the beheerder's approval: until then (and when it was
  refused) only its organisers and the beheerder role open it; it is in no list, agenda or
  feed. Approving or refusing it: the beheerder role (``mag_initiatief_keuren``). A beheerder
  who starts one needs nobody's approval.
- Members: anonymous visitors and non-members see how many there are. Members see each
  other's first name, or full name and e-mail when that member chose to show them.
  Organisers see every member with contact details, on the members page.
- Changing an initiative, planning, cancelling or moving, deciding on members and attendance:
  its organisers (and the beheerder role); anyone else who can see the page gets a 403.
- Starting an initiative: a resident who gave consent to use their details.
- Rooms "for members of initiatives" (``accommodaties``): members of an active initiative may
  book them (``is_lid_van_een_initiatief``, registered with ``accommodaties`` at start-up).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from accommodaties.permissions import register_initiatief_regel
from bewoners.permissions import Gegeven, register_relatie
from bewoners.roles import Rol, has_role
from bewoners.services import profiel_hier

from .models import Aanmelding, Activiteit, Bijeenkomst, Initiatief, Lidmaatschap


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_organisator(user, initiatief: Initiatief) -> bool:
    if not _authenticated(user):
        return False
    if has_role(user, Rol.BEHEERDER):
        return True
    return initiatief.organisatoren.filter(pk=user.pk).exists()


def eis_organisator(user, initiatief: Initiatief) -> None:
    """Only its organisers change an initiative and what belongs to it; else a 403."""
    if not is_organisator(user, initiatief):
        raise PermissionDenied


def is_lid(user, initiatief: Initiatief) -> bool:
    if not _authenticated(user):
        return False
    return initiatief.lidmaatschappen.filter(user=user, status=Lidmaatschap.Status.LID).exists()


def is_lid_van_een_initiatief(user) -> bool:
    """Rooms "for members of initiatives": a member of an active initiative."""
    return Lidmaatschap.objects.filter(
        user_id=user.pk,
        status=Lidmaatschap.Status.LID,
        initiatief__status=Initiatief.Status.ACTIEF,
    ).exists()


register_initiatief_regel(is_lid_van_een_initiatief)


def zichtbare_initiatieven(user):
    """Initiatives whose pages ``user`` may open."""
    if not _authenticated(user):
        return Initiatief.objects.zichtbaar()
    if has_role(user, Rol.BEHEERDER):
        return Initiatief.objects.all()
    eigen = Initiatief.objects.van_organisator(user).values("pk")
    return Initiatief.objects.filter(Q(status__in=Initiatief.PUBLIEK) | Q(pk__in=eigen))


def zichtbare_activiteiten(user):
    return Activiteit.objects.filter(initiatief__in=zichtbare_initiatieven(user).values("pk"))


def zichtbare_bijeenkomsten(user):
    return Bijeenkomst.objects.filter(
        activiteit__initiatief__in=zichtbare_initiatieven(user).values("pk")
    )


def mag_initiatief_starten(user) -> bool:
    if not _authenticated(user):
        return False
    profiel = profiel_hier(user)
    return profiel is not None and profiel.heeft_toestemming


def organiseert_een_initiatief(user) -> bool:
    """Organises at least one initiative: requests to join concern them."""
    return _authenticated(user) and Initiatief.objects.van_organisator(user).exists()


def mag_initiatief_keuren(user) -> bool:
    """Approve or refuse a new initiative: the beheerder role."""
    return has_role(user, Rol.BEHEERDER)


def eis_keurder(user) -> None:
    if not mag_initiatief_keuren(user):
        raise PermissionDenied


def relatie_lidmaatschap(kijker, ids) -> dict[int, set[str]]:
    """An organiser sees the contact data of their initiative's members (the leden page) and
    the full name of who asks to join or signs up for a meeting (attendance); a member sees the
    full name and e-mail of fellow members who chose to show them. Three queries for all
    ``ids``."""
    grants: dict[int, set[str]] = {}
    bij_organisator = Lidmaatschap.objects.filter(
        user__in=ids, initiatief__organisatoren=kijker
    ).values_list("user_id", "status")
    for user_id, status in bij_organisator:
        if status == Lidmaatschap.Status.LID:
            grants.setdefault(user_id, set()).add(Gegeven.CONTACT)
        else:
            grants.setdefault(user_id, set()).add("naam")
    mijn = Lidmaatschap.objects.filter(user=kijker, status=Lidmaatschap.Status.LID)
    medeleden = Lidmaatschap.objects.filter(
        user__in=ids,
        status=Lidmaatschap.Status.LID,
        toon_naam_en_contact=True,
        initiatief__in=mijn.values("initiatief"),
    ).values_list("user_id", flat=True)
    for user_id in medeleden:
        grants.setdefault(user_id, set()).update({"naam", "email"})
    aanmelders = Aanmelding.objects.filter(
        user__in=ids, bijeenkomst__activiteit__initiatief__organisatoren=kijker
    ).values_list("user_id", flat=True)
    for user_id in aanmelders:
        grants.setdefault(user_id, set()).add("naam")
    return grants


register_relatie(relatie_lidmaatschap)


def mag_initiatief_zien(user, initiatief) -> bool:
    """The pages of an initiative (``zichtbare_initiatieven``); else a 404."""
    return zichtbare_initiatieven(user).filter(pk=initiatief.pk).exists()


def mag_activiteit_zien(user, activiteit) -> bool:
    return zichtbare_activiteiten(user).filter(pk=activiteit.pk).exists()


def mag_bijeenkomst_zien(user, bijeenkomst) -> bool:
    return zichtbare_bijeenkomsten(user).filter(pk=bijeenkomst.pk).exists()


def organiseert_activiteit(user, activiteit) -> bool:
    """Change an activity or book a room for it: the organisers of its initiative."""
    return is_organisator(user, activiteit.initiatief)


def organiseert_bijeenkomst(user, bijeenkomst) -> bool:
    """Cancel or move a meeting, keep its attendance: the organisers of its initiative."""
    return is_organisator(user, bijeenkomst.activiteit.initiatief)
