"""Keep the matching search table (``Zoekregel``) right when a helper's profile changes."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from bewoners.models import Profiel

from . import zoekindex
from .models import Aanbod


@receiver(post_save, sender=Profiel, dispatch_uid="hulpvragen_zoekindex_profiel")
def profiel_saved(sender, instance: Profiel, created, raw=False, **kwargs):
    if raw or created:
        return
    # The offers carry a copy of the helper's buurt (reach "eigen buurt"). exclude() on a
    # nullable column also picks up the offers whose buurt is NULL.
    changed = (
        Aanbod.objects.filter(helper_id=instance.user_id)
        .exclude(buurt_id=instance.buurt_id)
        .update(buurt_id=instance.buurt_id)
    )
    if changed:
        zoekindex.rebuild_for_helper(instance.user_id)


@receiver(
    m2m_changed, sender=Profiel.kan_categorieen.through, dispatch_uid="hulpvragen_zoekindex_skills"
)
def skills_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        zoekindex.rebuild_for_helper(instance.user_id)
        return
    # From the category's side: pk_set holds profile ids (None after a clear).
    helpers = Aanbod.objects.filter(actief=True)
    if pk_set is not None:
        helpers = helpers.filter(helper__profiel__pk__in=pk_set)
    for user_id in set(helpers.values_list("helper_id", flat=True)):
        zoekindex.rebuild_for_helper(user_id)
