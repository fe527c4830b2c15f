"""Shared facilities (accommodaties), their opening hours and closures, and bookings.

No double bookings: a booking occupies ``[begin, bezet_tot)``, where ``bezet_tot`` is its end
plus the facility's buffer (copied when booking). On PostgreSQL an exclusion constraint over
that half-open range and the facility, for active bookings (requested or confirmed), makes an
overlap impossible whatever the concurrency; it is created by migration ``0002`` (it cannot be
expressed on SQLite). ``accommodaties.services`` checks the same rule first, in Python, for a
friendly message, and on SQLite serialises the check and the insert.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from bewoners.availability import DAGEN
from cooperaties.models import VanCooperatie, per_cooperatie
from wijk.lib import datums

# The first parts of the app's own paths (/ruimtes/mijn/, /ruimtes/beheer/, ...): no facility
# may take one of them as its slug.
GERESERVEERDE_SLUGS = {"mijn", "beheer", "agenda", "boekingen"}


class WieMagBoeken(models.TextChoices):
    ALLE_BEWONERS = "alle_bewoners", _("Alle bewoners")
    INITIATIEVEN = "initiatieven", _("Leden van initiatieven")
    BEHEERDERS = "beheerders", _("Alleen beheerders")


class AccommodatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)

    def beheerd_door(self, user):
        return self.filter(beheerders=user)


class Accommodatie(VanCooperatie):
    naam = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    beschrijving = models.TextField(_("beschrijving"), blank=True, max_length=4000)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accommodaties",
        verbose_name=_("buurt"),
    )
    capaciteit = models.PositiveIntegerField(
        _("hoeveel mensen passen er?"), validators=[MinValueValidator(1)]
    )
    rolstoeltoegankelijk = models.BooleanField(_("toegankelijk met een rolstoel"), default=False)
    ringleiding = models.BooleanField(_("ringleiding"), default=False)
    toegankelijk_toilet = models.BooleanField(_("toegankelijk toilet"), default=False)
    toegankelijkheid = models.TextField(
        _("meer over toegankelijkheid"), blank=True, max_length=1000
    )
    huisregels = models.TextField(_("huisregels"), blank=True, max_length=4000)
    beheerders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="beheerde_accommodaties",
        verbose_name=_("beheerders"),
        help_text=_("Bewoners of medewerkers die aanvragen goedkeuren en het overzicht houden."),
    )
    goedkeuring_nodig = models.BooleanField(
        _("een beheerder moet elke aanvraag goedkeuren"), default=True
    )
    min_duur_minuten = models.PositiveIntegerField(
        _("kortste boeking (minuten)"), default=30, validators=[MinValueValidator(5)]
    )
    max_duur_minuten = models.PositiveIntegerField(
        _("langste boeking (minuten)"), default=240, validators=[MinValueValidator(5)]
    )
    buffer_minuten = models.PositiveIntegerField(
        _("tijd tussen twee boekingen (minuten)"),
        default=0,
        validators=[MaxValueValidator(240)],
        help_text=_("Voor opruimen en klaarzetten."),
    )
    vooruit_dagen = models.PositiveIntegerField(
        _("hoe ver vooruit boeken (dagen)"), default=90, validators=[MinValueValidator(1)]
    )
    annuleren_uren_vooraf = models.PositiveIntegerField(
        _("afzeggen kan tot zoveel uur vooraf"), default=24
    )
    wie_mag_boeken = models.CharField(
        _("wie mag boeken?"),
        max_length=20,
        choices=WieMagBoeken.choices,
        default=WieMagBoeken.ALLE_BEWONERS,
    )
    prijsinformatie = models.TextField(_("prijs"), blank=True, max_length=1000)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = per_cooperatie(AccommodatieQuerySet)

    class Meta:
        verbose_name = _("accommodatie")
        verbose_name_plural = _("accommodaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["cooperatie", "slug"], name="accommodatie_slug_uniek"),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("accommodaties:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in GERESERVEERDE_SLUGS:
            raise ValidationError(
                {"slug": _("De website gebruikt dit woord zelf al. Kies een ander.")}
            )
        if self.max_duur_minuten < self.min_duur_minuten:
            raise ValidationError(
                {
                    "max_duur_minuten": _(
                        "De langste boeking moet minstens zo lang zijn als de kortste."
                    )
                }
            )

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minuten)


class Openingstijd(VanCooperatie):
    """One opening period on a weekday (several per day are fine, e.g. morning and evening)."""

    accommodatie = models.ForeignKey(
        Accommodatie,
        on_delete=models.CASCADE,
        related_name="openingstijden",
        verbose_name=_("accommodatie"),
    )
    weekdag = models.PositiveSmallIntegerField(
        _("dag"), choices=[(i, d) for i, d in enumerate(DAGEN)]
    )
    van = models.TimeField(_("open van"))
    tot = models.TimeField(_("open tot"))

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["accommodatie", "weekdag", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gt=models.F("van")), name="openingstijd_tot_na_van"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekdag_display()} {self.van:%H:%M}–{self.tot:%H:%M}"

    def clean(self):
        super().clean()
        if self.van and self.tot and self.tot <= self.van:
            raise ValidationError({"tot": _("De sluitingstijd moet na de openingstijd liggen.")})


class SluitingQuerySet(models.QuerySet):
    def komend(self, now):
        """Closures not over at ``now`` (those a page lists and a keeper may still change)."""
        return self.filter(tot__gte=now)

    def tussen(self, van, tot):
        """Closures that meet ``(van, tot)``, in order."""
        return self.filter(tot__gt=van, van__lt=tot).order_by("van", "pk")


class Sluiting(VanCooperatie):
    """A dated exception: closed for a holiday, maintenance, ..."""

    accommodatie = models.ForeignKey(
        Accommodatie,
        on_delete=models.CASCADE,
        related_name="sluitingen",
        verbose_name=_("accommodatie"),
    )
    van = models.DateTimeField(_("dicht vanaf"))
    tot = models.DateTimeField(_("dicht tot"))
    reden = models.CharField(_("reden"), max_length=200, blank=True)

    objects = per_cooperatie(SluitingQuerySet)

    class Meta:
        verbose_name = _("sluiting")
        verbose_name_plural = _("sluitingen")
        ordering = ["accommodatie", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gt=models.F("van")), name="sluiting_tot_na_van"
            ),
        ]

    def __str__(self):
        return f"{self.accommodatie}: {self.reden or _('gesloten')}"

    def clean(self):
        super().clean()
        if self.van and self.tot and self.tot <= self.van:
            raise ValidationError({"tot": _("Het einde moet na het begin liggen.")})


class Reeks(VanCooperatie):
    """A repeating booking: weekly or every two weeks until a date."""

    class Interval(models.IntegerChoices):
        WEKELIJKS = 1, _("Elke week")
        TWEEWEKELIJKS = 2, _("Om de week")

    accommodatie = models.ForeignKey(
        Accommodatie,
        on_delete=models.CASCADE,
        related_name="reeksen",
        verbose_name=_("accommodatie"),
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reeksen",
        verbose_name=_("geboekt door"),
    )
    interval_weken = models.PositiveSmallIntegerField(
        _("hoe vaak"), choices=Interval.choices, default=Interval.WEKELIJKS
    )
    tot_en_met = models.DateField(_("tot en met"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")

    def __str__(self):
        return f"{self.accommodatie} · {self.get_interval_weken_display()}"


# A booking lies within one opening period of one day, plus a buffer of at most 240 minutes:
# from its begin to its ``bezet_tot`` is never longer than this.
LANGSTE_BEZETTING = timedelta(hours=28)


class ReserveringQuerySet(models.QuerySet):
    def actief(self):
        """Requested or confirmed: these hold their time slot."""
        return self.filter(status__in=Reservering.ACTIEF)

    def van_boeker(self, user):
        return self.filter(geboekt_door=user)

    def komend(self, now):
        """Not over at ``now``, the soonest first."""
        return self.filter(einde__gte=now).order_by("begin", "id")

    def voorbij(self, now):
        """Over at ``now``, the latest first."""
        return self.filter(einde__lt=now).order_by("-begin", "-id")

    def open_aanvragen(self, now):
        """Requests a keeper can still decide on (they start after ``now``), the soonest first."""
        return self.filter(status=Reservering.Status.AANGEVRAAGD, begin__gt=now).order_by(
            "begin", "id"
        )

    def voor_agenda(self, *, sinds, afgezegd_sinds):
        """For a personal calendar feed, in order: active bookings that end from ``sinds`` on,
        and those cancelled or refused since ``afgezegd_sinds`` (so calendar apps that have
        them take them out)."""
        S = Reservering.Status
        return (
            self.filter(einde__gte=sinds)
            .filter(
                Q(status__in=Reservering.ACTIEF)
                | Q(status=S.GEANNULEERD, geannuleerd_op__gte=afgezegd_sinds)
                | Q(status=S.GEWEIGERD, geweigerd_op__gte=afgezegd_sinds)
            )
            .order_by("begin", "pk")
        )

    def bezet_tussen(self, accommodatie, van, tot):
        """Active bookings of ``accommodatie`` whose occupied time meets ``(van, tot)``, in
        order."""
        return (
            self.actief()
            .filter(accommodatie=accommodatie, bezet_tot__gt=van, begin__lt=tot)
            .order_by("begin", "pk")
        )

    def overlapt(self, accommodatie, begin, bezet_tot):
        """Active bookings of ``accommodatie`` whose occupied range meets ``[begin, bezet_tot)``.

        The lower bound on ``begin`` changes no result (a booking never holds more than
        ``LANGSTE_BEZETTING``) but lets the index on (accommodatie, begin) skip the history.
        """
        return self.actief().filter(
            accommodatie=accommodatie,
            begin__lt=bezet_tot,
            begin__gt=begin - LANGSTE_BEZETTING,
            bezet_tot__gt=begin,
        )


class Reservering(VanCooperatie):
    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
        BEVESTIGD = "bevestigd", _("Bevestigd")
        GEWEIGERD = "geweigerd", _("Afgewezen")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    ACTIEF = (Status.AANGEVRAAGD, Status.BEVESTIGD)
    # Reasons the system writes are stored as their Dutch source text and shown in the
    # reader's language; reasons people type are shown as typed.
    NIET_OP_TIJD = gettext_noop("Niet op tijd beoordeeld.")
    SYSTEEM_REDENEN = {NIET_OP_TIJD}

    accommodatie = models.ForeignKey(
        Accommodatie,
        on_delete=models.CASCADE,
        related_name="reserveringen",
        verbose_name=_("accommodatie"),
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reserveringen",
        verbose_name=_("geboekt door"),
    )
    namens = models.CharField(
        _("namens (initiatief)"),
        max_length=200,
        blank=True,
        help_text=_("Als je boekt voor een initiatief: de naam ervan."),
    )
    doel = models.CharField(_("waarvoor?"), max_length=200)
    aantal_personen = models.PositiveIntegerField(
        _("met hoeveel mensen?"), validators=[MinValueValidator(1)]
    )
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    # The end plus the facility's buffer at the time of booking: the range the constraint uses.
    bezet_tot = models.DateTimeField(_("bezet tot"), editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.AANGEVRAAGD
    )
    reeks = models.ForeignKey(
        Reeks,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reserveringen",
        verbose_name=_("reeks"),
    )
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now, editable=False)
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True, editable=False)
    geweigerd_op = models.DateTimeField(_("geweigerd op"), null=True, blank=True, editable=False)
    geannuleerd_op = models.DateTimeField(
        _("geannuleerd op"), null=True, blank=True, editable=False
    )

    objects = per_cooperatie(ReserveringQuerySet)

    class Meta:
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen")
        ordering = ["begin", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=models.F("begin")), name="reservering_einde_na_begin"
            ),
            models.CheckConstraint(
                condition=Q(bezet_tot__gte=models.F("einde")), name="reservering_bezet_na_einde"
            ),
        ]
        indexes = [
            models.Index(
                fields=["cooperatie", "accommodatie", "begin"], name="reservering_acc_begin"
            ),
            models.Index(fields=["cooperatie", "geboekt_door", "begin"], name="reservering_boeker"),
            models.Index(fields=["cooperatie", "status", "begin"], name="reservering_status"),
        ]

    def __str__(self):
        return f"{self.accommodatie} · {datums.dag_tijd(self.begin)}"

    def get_absolute_url(self):
        return reverse("accommodaties:reservering_detail", kwargs={"pk": self.pk})

    @property
    def is_actief(self) -> bool:
        return self.status in self.ACTIEF

    def andere_in_reeks(self, now):
        """The other dates of this booking's series from ``now`` on, the soonest first."""
        return self.reeks.reserveringen.exclude(pk=self.pk).filter(begin__gte=now).order_by("begin")

    @property
    def reden_tekst(self) -> str:
        return gettext(self.reden) if self.reden in self.SYSTEEM_REDENEN else self.reden


def _nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(32)


class AgendaSleutel(VanCooperatie):
    """The secret in a person's calendar-feed link: calendar apps cannot log in, so the link is
    the key. One per person in each coöperatie; renewing it makes the old link stop working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agenda_sleutels",
        verbose_name=_("gebruiker"),
    )
    sleutel = models.CharField(_("sleutel"), max_length=64, default=_nieuwe_sleutel, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("agendasleutel")
        verbose_name_plural = _("agendasleutels")
        constraints = [
            # One per person in each coöperatie they take part in (links on its own host).
            models.UniqueConstraint(fields=["cooperatie", "user"], name="agendasleutel_een"),
            models.UniqueConstraint(fields=["cooperatie", "sleutel"], name="agendasleutel_uniek"),
        ]

    def __str__(self):
        return str(self.user)

    @classmethod
    def voor(cls, user) -> AgendaSleutel:
        """The key of ``user``, made the first time it is asked for."""
        sleutel, _created = cls.objects.get_or_create(user=user)
        return sleutel

    def vernieuw(self) -> None:
        """A new secret: the old link stops working at once."""
        self.sleutel = _nieuwe_sleutel()
        self.aangemaakt_op = timezone.now()
        self.save(update_fields=["sleutel", "aangemaakt_op"])
