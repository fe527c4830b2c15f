"""Reminders: the day before a meeting, who signed up hears it (once)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldingen.services import melding_send_many
from wijk.lib import datums

from ..models import Aanmelding, Bijeenkomst


def bijeenkomsten_remind(*, now=None) -> int:
    """The day before: everyone signed up for tomorrow's meetings hears it (once)."""
    now = now or timezone.now()
    morgen = timezone.localdate(now) + timedelta(days=1)
    van = timezone.make_aware(datetime.combine(morgen, datetime.min.time()))
    tot = van + timedelta(days=1)
    bijeenkomsten = list(
        Bijeenkomst.objects.gepland()
        .beginnend_tussen(van, tot)
        .van_actieve_initiatieven()
        .filter(herinnerd_op__isnull=True)
        .select_related("activiteit")
    )
    aantal = 0
    for bijeenkomst in bijeenkomsten:
        if not Bijeenkomst.objects.filter(pk=bijeenkomst.pk, herinnerd_op__isnull=True).update(
            herinnerd_op=now
        ):
            continue
        ontvangers = [
            a.user
            for a in bijeenkomst.aanmeldingen.filter(
                status=Aanmelding.Status.AANGEMELD, user__is_active=True
            ).select_related("user")
        ]
        melding_send_many(
            ontvangers,
            "activiteit_herinnering",
            titel=_("Morgen: %(titel)s om %(tijd)s"),
            tekst=_("Waar: %(plek)s. Kun je niet? Zeg dan af, dan kan iemand anders."),
            url=bijeenkomst.get_absolute_url(),
            params={
                "titel": bijeenkomst.activiteit.titel,
                "tijd": datums.tijd(bijeenkomst.begin),
                "plek": bijeenkomst.activiteit.plek or "-",
            },
        )
        aantal += len(ontvangers)
    return aantal
