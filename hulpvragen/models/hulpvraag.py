"""Help requests (hulpvragen): the request, its kinds of "when" and the parts of the week it needs.

Privacy: ``Hulpvraag.prive_details`` may hold health information. Only the requester, the person
who entered the request for them, the accepted helper and buurtassistenten may read it; see
``hulpvragen.permissions``. Public lists show titel, beschrijving, categorie, buurt and when,
never an address.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bewoners.availability import ALL, DAGEN, bit
from cooperaties.models import VanCooperatie, per_cooperatie

from .base import AchtergrondMatchingQuerySet

# Parts of the day, as in ``bewoners.availability``: ochtend until 12:00, middag until 18:00.
DAGDEEL_GRENZEN = (time(12, 0), time(18, 0))


def dagdelen_in_window(van: time | None, tot: time | None) -> list[int]:
    """The parts of the day (0 ochtend, 1 middag, 2 avond) a time window touches."""
    if van is None or tot is None:
        return [0, 1, 2]
    start = (datetime.combine(date.min, van) - datetime.min).total_seconds()
    end = (datetime.combine(date.min, tot) - datetime.min).total_seconds()
    grenzen = [0, 12 * 3600, 18 * 3600, 24 * 3600]
    return [p for p in range(3) if start < grenzen[p + 1] and end > grenzen[p]]


class Urgentie(models.TextChoices):
    LAAG = "laag", _("Het heeft geen haast")
    NORMAAL = "normaal", _("Normaal")
    HOOG = "hoog", _("Het is dringend")


class Wanneer(models.TextChoices):
    DATUM = "datum", _("Op een vaste dag en tijd")
    FLEXIBEL = "flexibel", _("Flexibel, vóór een datum")
    WEKELIJKS = "wekelijks", _("Elke week")


# The fields that say when help is needed, in the order of the form.
WANNEER_VELDEN = (
    "wanneer",
    "datum",
    "tijd_van",
    "tijd_tot",
    "uiterlijk",
    "weekdag",
    "herhalen_tot",
)


class HulpvraagQuerySet(AchtergrondMatchingQuerySet):
    def open(self):
        return self.filter(status=Hulpvraag.Status.OPEN)

    def in_buurt(self, buurt):
        return self.filter(buurt=buurt)

    def van(self, user):
        return self.filter(aanvrager=user)

    def lopend(self):
        """Requests still running: open, or with an agreed helper (``Hulpvraag.is_active``)."""
        return self.filter(status__in=Hulpvraag.LOPEND)

    def zichtbaar(self):
        """What every logged-in resident may browse: open requests."""
        return self.open()

    def voor_lijst(self):
        """With what a row of a list shows (categorie, buurt)."""
        return self.select_related("categorie", "buurt")

    def voor_pagina(self):
        """With what the request's page shows (categorie, buurt, the requester)."""
        return self.select_related("categorie", "buurt", "aanvrager")

    def met_matches(self):
        """With each request's matches and their helpers, the latest first (one query)."""
        match = self.model._meta.get_field("matches").related_model
        matches = match.objects.select_related("helper").order_by("-aangemaakt_op", "-id")
        return self.prefetch_related(models.Prefetch("matches", queryset=matches))

    def verlopen_op(self, vandaag: date):
        """Open requests whose last possible day is before ``vandaag``."""
        return self.open().filter(
            Q(wanneer=Wanneer.DATUM, datum__lt=vandaag)
            | Q(wanneer=Wanneer.FLEXIBEL, uiterlijk__lt=vandaag)
            | Q(wanneer=Wanneer.WEKELIJKS, herhalen_tot__lt=vandaag)
        )


class Hulpvraag(VanCooperatie):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEMATCHT = "gematcht", _("Gematcht")
        AFGEROND = "afgerond", _("Afgerond")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")
        VERLOPEN = "verlopen", _("Verlopen")

    LOPEND = (Status.OPEN, Status.GEMATCHT)

    aanvrager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hulpvragen",
        verbose_name=_("aanvrager"),
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ingevoerde_hulpvragen",
        verbose_name=_("ingevoerd door"),
        help_text=_("De buurtassistent die deze hulpvraag namens de bewoner heeft ingevoerd."),
    )
    categorie = models.ForeignKey(
        "bewoners.Categorie",
        on_delete=models.PROTECT,
        related_name="hulpvragen",
        verbose_name=_("soort hulp"),
    )
    titel = models.CharField(_("korte titel"), max_length=100)
    beschrijving = models.TextField(
        _("beschrijving"),
        max_length=2000,
        help_text=_("Dit zien alle bewoners. Zet hier geen adres of gezondheidsinformatie in."),
    )
    prive_details = models.TextField(
        _("privé-details"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Alleen de helper die ja zegt en de buurtassistent zien dit. "
            "Bijvoorbeeld: adres, waar je naartoe moet, wat er met je gezondheid is."
        ),
    )
    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hulpvragen",
        verbose_name=_("buurt"),
    )

    wanneer = models.CharField(
        _("wanneer"), max_length=10, choices=Wanneer.choices, default=Wanneer.DATUM
    )
    datum = models.DateField(_("datum"), null=True, blank=True)
    tijd_van = models.TimeField(_("van"), null=True, blank=True)
    tijd_tot = models.TimeField(_("tot"), null=True, blank=True)
    uiterlijk = models.DateField(_("uiterlijk op"), null=True, blank=True)
    weekdag = models.PositiveSmallIntegerField(
        _("weekdag"),
        null=True,
        blank=True,
        choices=[(i, d) for i, d in enumerate(DAGEN)],
    )
    herhalen_tot = models.DateField(_("herhalen tot"), null=True, blank=True)
    # The parts of the week the request needs (same 21-bit mask as a profile's availability),
    # derived from the fields above on save; the matching engine filters on it.
    dagdelen = models.PositiveIntegerField(_("dagdelen"), default=0, editable=False)

    urgentie = models.CharField(
        _("hoe dringend"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )

    aangemaakt_op = models.DateTimeField(_("geplaatst op"), default=timezone.now, editable=False)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    gematcht_op = models.DateTimeField(_("gematcht op"), null=True, blank=True, editable=False)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True, editable=False)
    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"), null=True, blank=True, editable=False
    )
    verlopen_op = models.DateTimeField(_("verlopen op"), null=True, blank=True, editable=False)
    geescaleerd_op = models.DateTimeField(
        _("naar buurtassistent op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Gezet als er na de wachttijd nog geen helper was; het dashboard toont dit."),
    )
    # Bookkeeping for the background work: when matching was asked for and when it last ran.
    # The sweep re-queues requests whose matching was asked for but never ran (a lost message).
    matching_gevraagd_op = models.DateTimeField(null=True, blank=True, editable=False)
    gematcht_gezocht_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = per_cooperatie(HulpvraagQuerySet)

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(
                fields=["cooperatie", "status", "buurt", "aangemaakt_op"],
                name="hulpvraag_status_buurt",
            ),
            models.Index(fields=["cooperatie", "aanvrager", "status"], name="hulpvraag_aanvrager"),
            models.Index(fields=["cooperatie", "status", "datum"], name="hulpvraag_status_datum"),
            # The board report counts per period on these moments.
            models.Index(fields=["cooperatie", "aangemaakt_op"], name="hulpvraag_aangemaakt"),
            models.Index(fields=["cooperatie", "gematcht_op"], name="hulpvraag_gematcht"),
            models.Index(fields=["cooperatie", "afgerond_op"], name="hulpvraag_afgerond"),
        ]

    def __str__(self):
        return self.titel

    def save(self, *args, **kwargs):
        self.dagdelen = self.compute_dagdelen()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "dagdelen"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("hulpvragen:hulpvraag_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_active(self) -> bool:
        return self.status in self.LOPEND

    def compute_dagdelen(self) -> int:
        delen = dagdelen_in_window(self.tijd_van, self.tijd_tot)
        if self.wanneer == Wanneer.DATUM and self.datum:
            dagen = [self.datum.weekday()]
        elif self.wanneer == Wanneer.WEKELIJKS and self.weekdag is not None:
            dagen = [self.weekdag]
        elif self.wanneer == Wanneer.FLEXIBEL:
            if self.tijd_van is None:
                return ALL
            dagen = list(range(7))
        else:
            return 0
        mask = 0
        for dag in dagen:
            for deel in delen:
                mask |= bit(dag, deel)
        return mask

    def laatste_dag(self) -> date | None:
        """The last day this request can still be helped with (None: no end)."""
        if self.wanneer == Wanneer.DATUM:
            return self.datum
        if self.wanneer == Wanneer.FLEXIBEL:
            return self.uiterlijk
        return self.herhalen_tot

    def volgende_keer(self, vandaag: date | None = None) -> date | None:
        """The next day the help takes place (for reminders); None when unknown or past."""
        vandaag = vandaag or timezone.localdate()
        if self.wanneer == Wanneer.DATUM:
            return self.datum if self.datum and self.datum >= vandaag else None
        if self.wanneer == Wanneer.WEKELIJKS and self.weekdag is not None:
            volgende = vandaag + timedelta(days=(self.weekdag - vandaag.weekday()) % 7)
            if self.herhalen_tot and volgende > self.herhalen_tot:
                return None
            return volgende
        return None

    def begint_op(self, geaccepteerd_op: datetime | None) -> datetime | None:
        """The moment the help begins, for a helper agreed at ``geaccepteerd_op``: a dated
        request at its date and start time (local time); a weekly one at its first occurrence
        that has not ended before the agreement; a flexible one ("vóór") or one without a date
        from the agreement itself. None when nothing is known (no agreement yet)."""
        if self.wanneer == Wanneer.DATUM and self.datum:
            return timezone.make_aware(datetime.combine(self.datum, self.tijd_van or time.min))
        if self.wanneer == Wanneer.WEKELIJKS and self.weekdag is not None and geaccepteerd_op:
            akkoord = timezone.localtime(geaccepteerd_op)
            dag = akkoord.date() + timedelta(days=(self.weekdag - akkoord.weekday()) % 7)
            einde = timezone.make_aware(datetime.combine(dag, self.tijd_tot or time.max))
            if einde <= akkoord:
                dag += timedelta(days=7)
            return timezone.make_aware(datetime.combine(dag, self.tijd_van or time.min))
        return geaccepteerd_op

    def clean(self):
        super().clean()
        errors = {}
        vandaag = timezone.localdate()
        if self.tijd_van and self.tijd_tot and self.tijd_tot <= self.tijd_van:
            errors["tijd_tot"] = _("De eindtijd moet later zijn dan de begintijd.")
        if bool(self.tijd_van) != bool(self.tijd_tot):
            errors["tijd_tot" if self.tijd_van else "tijd_van"] = _(
                "Vul een begintijd én een eindtijd in, of laat ze allebei leeg."
            )
        if self.wanneer == Wanneer.DATUM:
            if not self.datum:
                errors["datum"] = _("Kies de dag waarop je hulp nodig hebt.")
            elif self.datum < vandaag and self._state.adding:
                errors["datum"] = _("Deze datum is al voorbij. Kies vandaag of een dag later.")
            if not self.tijd_van and "tijd_van" not in errors and "tijd_tot" not in errors:
                errors["tijd_van"] = _("Vul in hoe laat je hulp nodig hebt (van en tot).")
        elif self.wanneer == Wanneer.FLEXIBEL:
            if not self.uiterlijk:
                errors["uiterlijk"] = _("Vul in vóór welke datum het klaar moet zijn.")
            elif self.uiterlijk < vandaag and self._state.adding:
                errors["uiterlijk"] = _("Deze datum is al voorbij. Kies vandaag of een dag later.")
        elif self.wanneer == Wanneer.WEKELIJKS:
            if self.weekdag is None:
                errors["weekdag"] = _("Kies op welke dag van de week je hulp nodig hebt.")
            if not self.tijd_van and "tijd_van" not in errors and "tijd_tot" not in errors:
                errors["tijd_van"] = _("Vul in hoe laat je hulp nodig hebt (van en tot).")
            if self.herhalen_tot and self.herhalen_tot < vandaag and self._state.adding:
                errors["herhalen_tot"] = _("Deze datum is al voorbij.")
        if errors:
            raise ValidationError(errors)
