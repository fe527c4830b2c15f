"""Registry of notification kinds. Each app registers its kinds in ``AppConfig.ready()``.

A kind has a code, a label for the preferences page, a default channel, and a template set
``meldingen/email/<code>_subject.txt``, ``<code>.txt`` and ``<code>.html`` (looked up in the
registering app's templates too).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Kanaal


@dataclass(frozen=True)
class Soort:
    code: str
    label: str
    standaard: str = Kanaal.EMAIL
    beschrijving: str = ""


_soorten: dict[str, Soort] = {}

# The code is part of template names (``meldingen/email/<code>.txt``); these names are taken.
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")  # fits Melding.soort
_RESERVED = {"default", "digest", "base"}


def register(code: str, label, *, standaard: str = Kanaal.EMAIL, beschrijving="") -> Soort:
    if not _CODE_RE.match(code) or code in _RESERVED:
        raise ValueError(f"Ongeldige code voor een meldingsoort: {code!r}.")
    if standaard not in Kanaal.values:
        raise ValueError(f"Onbekend kanaal {standaard!r} voor meldingsoort {code!r}.")
    soort = Soort(code=code, label=label, standaard=standaard, beschrijving=beschrijving)
    _soorten[code] = soort
    return soort


def get(code: str) -> Soort:
    try:
        return _soorten[code]
    except KeyError:
        raise LookupError(f"Onbekende meldingsoort: {code!r}. Registreer die in apps.py.") from None


def all_soorten() -> list[Soort]:
    return sorted(_soorten.values(), key=lambda s: str(s.label))


WELKOM = register(
    "welkom",
    _("Welkom in de wijk"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Een welkomstbericht als je je profiel hebt ingevuld."),
)
BUURTASSISTENT_BERICHT = register(
    "buurtassistent_bericht",
    _("Berichten van de buurtassistent"),
    standaard=Kanaal.EMAIL,
    beschrijving=_("Als een buurtassistent je iets laat weten."),
)
