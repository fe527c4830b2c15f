"""Keeps ``Zoekregel``, the matching engine's search table, in step with offers and profiles.

One row per (active offer, category it can serve, buurt it reaches):

* categories: the ones the offer lists (``expliciet``) plus the helper's profile skills;
* buurten: the helper's own buurt (``nabijheid`` 2) for every reach; the named buurten (1) for
  ``bereik="buurten"``; one row with ``buurt`` NULL (0) for ``bereik="overal"``.

``rebuild_for_aanbod`` is called by the services after an offer is created, edited or paused;
``follow_profiel`` after a change to the helper's profile: it is registered with
``bewoners.services.register_profiel_gewijzigd`` at start-up (``HulpvragenConfig.ready``), and
bewoners calls it wherever a profile's buurt or skills change.
"""

from __future__ import annotations

from bewoners.models import Profiel
from cooperaties.models import HuidigeCooperatie

from .models import Aanbod, Bereik, Match, Zoekregel

N = Zoekregel.Nabijheid


def rows_for(
    aanbod: Aanbod, *, categorieen, skills, buurten, laatst_gevraagd_op=None
) -> list[Zoekregel]:
    """The rows for one offer, given its category ids, the helper's skill ids and named buurten."""
    if not aanbod.actief:
        return []
    reach: dict[int | None, int] = {}
    if aanbod.bereik == Bereik.OVERAL:
        reach[None] = N.OVERAL
    elif aanbod.bereik == Bereik.BUURTEN:
        for b in buurten:
            reach[b] = N.GENOEMDE_BUURT
    if aanbod.buurt_id is not None:
        reach[aanbod.buurt_id] = N.EIGEN_BUURT
    cats = dict.fromkeys(skills, False)
    cats.update(dict.fromkeys(categorieen, True))
    return [
        Zoekregel(
            aanbod_id=aanbod.pk,
            helper_id=aanbod.helper_id,
            categorie_id=c,
            buurt_id=b,
            expliciet=expliciet,
            nabijheid=nabijheid,
            beschikbaarheid=aanbod.beschikbaarheid,
            max_per_week=aanbod.max_per_week,
            laatst_gevraagd_op=laatst_gevraagd_op,
        )
        for c, expliciet in sorted(cats.items())
        for b, nabijheid in reach.items()
    ]


def _skills(helper_id: int) -> list[int]:
    """The skills of the helper's profile in the current coöperatie (a through table is no
    tenant table: the coöperatie comes from the profile; one in another coöperatie has that
    coöperatie's categories)."""
    return list(
        Profiel.kan_categorieen.through.objects.filter(
            profiel__user_id=helper_id, profiel__cooperatie_id=HuidigeCooperatie()
        ).values_list("categorie_id", flat=True)
    )


def rebuild_for_aanbod(aanbod: Aanbod, *, skills: list[int] | None = None) -> None:
    """Replace the rows of ``aanbod`` (none when it is paused)."""
    Zoekregel.objects.filter(aanbod_id=aanbod.pk).delete()
    if not aanbod.actief:
        return
    rows = rows_for(
        aanbod,
        categorieen=set(aanbod.categorieen.values_list("pk", flat=True)),
        skills=_skills(aanbod.helper_id) if skills is None else skills,
        buurten=list(aanbod.buurten.values_list("pk", flat=True)),
        laatst_gevraagd_op=last_asked(aanbod.helper_id),
    )
    Zoekregel.objects.bulk_create(rows)


def last_asked(helper_id: int):
    """When ``helper_id`` was last proposed for any request (None: never)."""
    return (
        Match.objects.filter(helper_id=helper_id)
        .order_by("-aangemaakt_op")
        .values_list("aangemaakt_op", flat=True)
        .first()
    )


def mark_asked(helper_ids, when) -> None:
    """Record that these helpers were just asked (one UPDATE for all)."""
    Zoekregel.objects.filter(helper_id__in=list(helper_ids)).update(laatst_gevraagd_op=when)


def rebuild_for_helper(user) -> None:
    """Replace the rows of every offer of ``user`` (after a profile change)."""
    user_id = getattr(user, "pk", user)
    Zoekregel.objects.filter(helper_id=user_id).delete()
    offers = list(Aanbod.objects.filter(helper_id=user_id, actief=True))
    if not offers:
        return
    skills = _skills(user_id)
    for aanbod in offers:
        rebuild_for_aanbod(aanbod, skills=skills)


def follow_profiel(*, profiel, velden: frozenset[str] | None = None) -> None:
    """After a saved change to a helper's profile: the offers carry a copy of the helper's buurt
    (reach "eigen buurt"), and the rows follow that buurt and the profile's skills.

    ``velden``: the changed fields, or None when unknown. The rows are rebuilt when the buurt
    moved, or when the skills (``kan_categorieen``) may have changed.
    """
    # exclude() on a nullable column also picks up the offers whose buurt is NULL.
    moved = (
        Aanbod.objects.filter(helper_id=profiel.user_id)
        .exclude(buurt_id=profiel.buurt_id)
        .update(buurt_id=profiel.buurt_id)
    )
    if moved or velden is None or "kan_categorieen" in velden:
        rebuild_for_helper(profiel.user_id)
