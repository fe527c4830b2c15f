"""Who may see and do what with initiatives, activities and meetings.

- Initiatives that are active or paused, their activities, meetings and the agenda: everyone,
  also without logging in. A stopped initiative is history: only its organisers (and the
  beheerder role) still open it; for anyone else it is a 404.
- Members: anonymous visitors and non-members see how many there are. Members see each
  other's first name, or full name and e-mail when that member chose to show them.
  Organisers see every member with contact details, on the members page.
- Changing an initiative, planning, cancelling or moving, deciding on members and attendance:
  its organisers (and the beheerder role); anyone else who can see the page gets a 403.
- Starting an initiative: a resident who gave consent to use their details.
"""

from __future__ import annotations

from django.db.models import Q

from bewoners.permissions import register_contact_rule
from bewoners.roles import Rol, has_role
from bewoners.services import profiel_for

from .models import Activiteit, Bijeenkomst, Initiatief, Lidmaatschap
from .services import is_lid, is_organisator  # noqa: F401 - re-exported: one rule, one place


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def zichtbare_initiatieven(user):
    """Initiatives whose pages ``user`` may open."""
    if not _authenticated(user):
        return Initiatief.objects.zichtbaar()
    if has_role(user, Rol.BEHEERDER):
        return Initiatief.objects.all()
    eigen = Initiatief.objects.van_organisator(user).values("pk")
    return Initiatief.objects.filter(~Q(status=Initiatief.Status.GESTOPT) | Q(pk__in=eigen))


def zichtbare_activiteiten(user):
    return Activiteit.objects.filter(initiatief__in=zichtbare_initiatieven(user).values("pk"))


def zichtbare_bijeenkomsten(user):
    return Bijeenkomst.objects.filter(
        activiteit__initiatief__in=zichtbare_initiatieven(user).values("pk")
    )


def mag_initiatief_starten(user) -> bool:
    return _authenticated(user) and profiel_for(user).heeft_toestemming


def organisator_van_lid(viewer, subject) -> bool:
    """An organiser sees the contact details of their initiative's members (the leden page)."""
    if not _authenticated(viewer) or viewer.pk == subject.pk:
        return False
    return Lidmaatschap.objects.filter(
        user=subject,
        status=Lidmaatschap.Status.LID,
        initiatief__organisatoren=viewer,
    ).exists()


register_contact_rule(organisator_van_lid)
