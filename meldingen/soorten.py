"""Registry of notification kinds. Each app registers its kinds in ``AppConfig.ready()``.

A kind has a code, a label and a one-line explanation of when it comes (for the preferences
page), a default channel, and a template set ``meldingen/email/<code>_subject.txt``,
``<code>.txt`` and ``<code>.html`` (looked up in the registering app's templates too).

The preferences page groups the kinds under plain headings (``Groep``) and shows a person only
the kinds that concern them: ``voor`` is a predicate ``voor(user) -> bool`` given by the
registering app (a buurtassistent's kinds only to buurtassistenten, a keeper's only to keepers);
without it a kind concerns every resident. A kind with ``kan_uit=False`` cannot be switched
off (a cancelled appointment: nobody should wait for nothing); choosing "uit" for it counts as
"only on the website".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Kanaal


class Groep(models.TextChoices):
    """The headings of the preferences page, in this order."""

    HULP = "hulp", _("Hulp")
    RUIMTES = "ruimtes", _("Ruimtes")
    MEEDOEN = "meedoen", _("Meedoen")
    COORDINATIE = "coordinatie", _("Coördinatie")
    ALGEMEEN = "algemeen", _("Algemeen")


@dataclass(frozen=True)
class Soort:
    code: str
    label: str
    standaard: str = Kanaal.EMAIL
    beschrijving: str = ""
    groep: str = Groep.ALGEMEEN
    voor: Callable | None = None
    kan_uit: bool = True

    def geldt_voor(self, user) -> bool:
        """Does this kind concern ``user`` (in the current coöperatie)?"""
        return self.voor is None or bool(self.voor(user))

    @property
    def kanalen(self) -> list[tuple[str, str]]:
        """The choices of channel for this kind ("uit" only when it can be switched off)."""
        return [(k, label) for k, label in Kanaal.choices if self.kan_uit or k != Kanaal.UIT]


_soorten: dict[str, Soort] = {}

# The code is part of template names (``meldingen/email/<code>.txt``); these names are taken.
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")  # fits Melding.soort
_RESERVED = {"default", "digest", "base"}


def register(
    code: str,
    label,
    *,
    standaard: str = Kanaal.EMAIL,
    beschrijving="",
    groep: str = Groep.ALGEMEEN,
    voor: Callable | None = None,
    kan_uit: bool = True,
) -> Soort:
    if not _CODE_RE.match(code) or code in _RESERVED:
        raise ValueError(f"Ongeldige code voor een meldingsoort: {code!r}.")
    if standaard not in Kanaal.values:
        raise ValueError(f"Onbekend kanaal {standaard!r} voor meldingsoort {code!r}.")
    if groep not in Groep.values:
        raise ValueError(f"Onbekende groep {groep!r} voor meldingsoort {code!r}.")
    if not kan_uit and standaard == Kanaal.UIT:
        raise ValueError(f"Meldingsoort {code!r} kan niet uit, maar staat standaard uit.")
    soort = Soort(
        code=code,
        label=label,
        standaard=standaard,
        beschrijving=beschrijving,
        groep=groep,
        voor=voor,
        kan_uit=kan_uit,
    )
    _soorten[code] = soort
    return soort


def get(code: str) -> Soort:
    try:
        return _soorten[code]
    except KeyError:
        raise LookupError(f"Onbekende meldingsoort: {code!r}. Registreer die in apps.py.") from None


def all_soorten() -> list[Soort]:
    return sorted(_soorten.values(), key=lambda s: str(s.label))


def voor_persoon(user) -> list[Soort]:
    """The kinds that concern ``user``, by group (in ``Groep`` order), then by label. Each
    predicate is asked once, so the number of queries does not grow with the kinds."""
    antwoorden: dict[Callable, bool] = {}

    def geldt(soort: Soort) -> bool:
        if soort.voor is None:
            return True
        if soort.voor not in antwoorden:
            antwoorden[soort.voor] = soort.geldt_voor(user)
        return antwoorden[soort.voor]

    volgorde = {groep: i for i, groep in enumerate(Groep.values)}
    gekozen = [s for s in _soorten.values() if geldt(s)]
    return sorted(gekozen, key=lambda s: (volgorde[s.groep], str(s.label)))


WELKOM = register(
    "welkom",
    _("Welkom in de wijk"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Eén keer: als je je profiel hebt ingevuld."),
)
BUURTASSISTENT_BERICHT = register(
    "buurtassistent_bericht",
    _("Berichten van de buurtassistent"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een buurtassistent je iets laat weten."),
)
