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
