"""The values the board sets for the maatschappelijke business case (issue 7).

The report itself stores nothing: it reads the other apps' data. Only these few values are kept
here: what the board says one hour of volunteer work, one prevented contact with formal care and
one visit to an activity are worth to society, each with the assumption behind it. There is at
most one row per ``sleutel``; ``rapportages.businesscase`` multiplies them by the volumes of a
period.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperaties.models import VanCooperatie


class Waardering(VanCooperatie):
    class Sleutel(models.TextChoices):
        VRIJWILLIGERSUUR = "vrijwilligersuur", _("euro per uur vrijwilligerswerk")
        VOORKOMEN_ZORGCONTACT = (
            "voorkomen_zorgcontact",
            _("euro per voorkomen contact met formele zorg"),
        )
        ACTIVITEIT_DEELNAME = "activiteit_deelname", _("euro per deelname aan een activiteit")

    sleutel = models.CharField(_("waarde voor"), max_length=40, choices=Sleutel.choices)
    bedrag = models.DecimalField(
        _("bedrag in euro"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    toelichting = models.TextField(
        _("aanname"),
        blank=True,
        help_text=_("Waarom dit bedrag? Dit staat naast elk bedrag dat ermee is berekend."),
    )
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("waardering")
        verbose_name_plural = _("waarderingen")
        ordering = ["sleutel"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bedrag__gte=0), name="waardering_bedrag_niet_negatief"
            ),
            models.UniqueConstraint(fields=["cooperatie", "sleutel"], name="waardering_uniek"),
        ]

    def __str__(self):
        return f"{self.get_sleutel_display()}: € {self.bedrag}"


class Maandtelling(VanCooperatie):
    """The board report's monthly pre-aggregate (issue 16): additive counts per local month ×
    buurt × soort hulp of one ``reeks`` (what is counted, by which date), kept by the hourly
    task (``rapportages.maandcijfers.bijwerken``). A row of ``reeks`` ``KLAAR`` per month says
    when that month was counted; a report uses a month only while it is whole in its period
    and was counted 48 hours or more after it ended, and counts the rest from the rows."""

    KLAAR = "klaar"

    reeks = models.CharField(max_length=30)
    maand = models.DateField()
    buurt = models.ForeignKey(
        "bewoners.Buurt",
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # a copy of a count: the hourly task follows a removed buurt
        null=True,
        related_name="+",
    )
    categorie = models.ForeignKey(
        "bewoners.Categorie",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    aantal = models.PositiveIntegerField(default=0)
    gematcht = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    niet_gematcht_48u = models.PositiveIntegerField(default=0)
    gekomen = models.PositiveIntegerField(default=0)
    niet_gekomen = models.PositiveIntegerField(default=0)
    uren = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    # What does not add up (hours for a percentile, distinct helpers, residents helped): the
    # values themselves, merged over the months of a period.
    waarden = models.JSONField(default=list, blank=True)
    berekend_op = models.DateTimeField()

    class Meta:
        verbose_name = _("maandtelling")
        verbose_name_plural = _("maandtellingen")
        indexes = [models.Index(fields=["cooperatie", "maand", "reeks"], name="maandtelling")]

    def __str__(self):
        return f"{self.reeks} {self.maand:%Y-%m}: {self.aantal}"
