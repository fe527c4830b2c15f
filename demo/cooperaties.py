"""The demo coöperaties: two villages, each its own platform on its own address (issue 14).

``seed_demo`` seeds both; ``seed_demo --cooperatie SLUG`` one of them (made first when it is
a demo coöperatie that is not there yet). Each has its own buurten, categories, residents,
staff, requests, rooms, initiatives and coordination work:

* **Wijkcoöperatie De Buurt** (``debuurt``): the installation's first coöperatie, the one the
  data migration made and the installation's own address (``http://127.0.0.1:8000``) opens.
  Its accounts keep the addresses they always had: ``bewoner1..50@demo.wijk``,
  ``buurtassistent@demo.wijk``, ``bestuur@demo.wijk``, ``beheer@demo.wijk``. If it is still
  exactly as the migration made it ("Wijkcoöperatie De Buurt", ``wijkcooperatie-de-buurt``),
  it gets the short demo slug, so its address reads ``http://debuurt.localhost:8000``; a
  coöperatie with another name or slug keeps them.
* **Dorpscoöperatie Het Veer** (``hetveer``): the village across the river, with its own
  colour and its own addresses (``bewoner1@hetveer.demo.wijk``, ...).

The apps' fixed sets (``demo.<app>.vast``) are written for the first village; the second
reads them through ``DemoCooperatie.tekst`` and ``DemoCooperatie.slug_van``, which put its
own place names in (Buurthuis De Linde in Oud-Zuid becomes Buurthuis De Veerman in the
Dorpskern), so no room, initiative or partner of one village shows up in the other.

One person takes part in both: ``bewoner3@demo.wijk`` (Corrie), who cycles over to Het Veer
to help there, is a resident in Het Veer too: one login, a membership in each place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify

from cooperaties.huidige import huidige
from cooperaties.models import Cooperatie
from cooperaties.selectors import EIGEN_HOSTS, adres_van

from .bewoners import BUURTEN, STRATEN

# The accounts every demo coöperatie has, by the part of their e-mail before the @.
BUURTASSISTENT = "buurtassistent"
BESTUUR = "bestuur"
BEHEER = "beheer"
AANTAL_BEWONERS = 50


@dataclass(frozen=True)
class Gast:
    """Someone of another demo coöperatie who takes part here too (a membership here)."""

    email: str
    buurt: int  # index in this coöperatie's ``buurten``
    aanbod: tuple[str, str]  # (title, description) of the help offered here
    categorie: str  # its category slug


@dataclass(frozen=True)
class DemoCooperatie:
    naam: str
    slug: str
    kleur: str
    maildomein: str  # bewoner1@<maildomein>
    woonplaats: str
    # (naam, slug, postcodes, beschrijving), in the roles of ``demo.bewoners.BUURTEN``: the
    # old centre, the park, the new houses by the water, the quiet part with many elderly.
    buurten: tuple[tuple[str, str, str, str], ...]
    straten: tuple[str, ...]
    # First names of the buurtassistent, the bestuurslid and the beheerder.
    staf: tuple[str, str, str]
    intake: tuple[str, str]  # the resident without e-mail entered by intake
    namen_vanaf: int = 0  # where the residents' names start in VOORNAMEN / ACHTERNAMEN
    # The first village's place names in the fixed sets' texts, and this village's.
    plaatsen: tuple[tuple[str, str], ...] = ()
    gasten: tuple[Gast, ...] = ()
    beheer_is_superuser: bool = False  # the first's beheerder is the installation's superuser
    email_contact: str = ""
    telefoon: str = ""
    _slugs: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        slugs = tuple((slugify(oud), slugify(nieuw)) for oud, nieuw in self.plaatsen)
        object.__setattr__(self, "_slugs", slugs)

    # -- accounts ------------------------------------------------------------------------------
    def email(self, wie: str) -> str:
        """``email("bewoner1")`` → ``"bewoner1@demo.wijk"`` (in this coöperatie)."""
        return f"{wie}@{self.maildomein}"

    def bewoner(self, n: int) -> str:
        return self.email(f"bewoner{n}")

    @property
    def bewoner_regex(self) -> str:
        """The e-mails of this coöperatie's demo residents, for ``email__regex``."""
        return rf"^bewoner[0-9]+@{re.escape(self.maildomein)}$"

    # -- the fixed sets' texts, in this village ------------------------------------------------
    def tekst(self, tekst: str) -> str:
        """A text of the fixed sets with this village's place names and e-mail addresses."""
        for oud, nieuw in self.plaatsen:
            tekst = tekst.replace(oud, nieuw)
        if self.maildomein != EERSTE.maildomein:
            tekst = tekst.replace(f"@{EERSTE.maildomein}", f"@{self.maildomein}")
        return tekst

    def slug_van(self, slug: str) -> str:
        """A slug of the fixed sets (a buurt, room or initiative) in this village."""
        for oud, nieuw in self._slugs:
            slug = slug.replace(oud, nieuw)
        return slug

    def velden(self, velden: dict) -> dict:
        """``velden`` with every text in this village (``tekst``)."""
        return {k: self.tekst(v) if isinstance(v, str) else v for k, v in velden.items()}


EERSTE = DemoCooperatie(
    naam="Wijkcoöperatie De Buurt",
    slug="debuurt",
    kleur="#1f6f43",
    maildomein="demo.wijk",
    woonplaats="Wijkdorp",
    buurten=tuple(BUURTEN),
    straten=tuple(STRATEN),
    staf=("Aisha", "Bert", "Bea"),
    intake=("Truus", "Hoekstra"),
    beheer_is_superuser=True,
    email_contact="info@demo.wijk",
    telefoon="030 123 00 00",
)

HET_VEER = DemoCooperatie(
    naam="Dorpscoöperatie Het Veer",
    slug="hetveer",
    kleur="#1d4e89",
    maildomein="hetveer.demo.wijk",
    woonplaats="Veerdorp",
    buurten=(
        (
            "Dorpskern",
            "dorpskern",
            "4121",
            "De oude kern met de kerk, het veerhuis en het buurthuis.",
        ),
        ("Boomgaard", "boomgaard", "4122", "Tussen de oude fruitbomen, veel gezinnen."),
        ("Veerhaven", "veerhaven", "4123", "Nieuwbouw aan de haven, veel nieuwe bewoners."),
        ("De Vliet", "de-vliet", "4124, 4125AB", "Rustig langs het water, veel ouderen."),
    ),
    straten=(
        "Dijkweg",
        "Veerstraat",
        "Kerkstraat",
        "Havenkade",
        "Boomgaardlaan",
        "Vlietpad",
        "Molenweg",
    ),
    staf=("Joris", "Fenna", "Ruben"),
    intake=("Gerda", "Verbeek"),
    namen_vanaf=13,
    plaatsen=(
        ("Oud-Zuid", "Dorpskern"),
        ("Parkwijk", "Boomgaard"),
        ("Parklaan", "Boomgaardlaan"),
        ("Terwijde", "Veerhaven"),
        ("Wetering", "Vliet"),
        ("Wijkdorp", "Veerdorp"),
        ("Lindelaan", "Veerstraat"),
        ("De Linde", "De Veerman"),
        ("Het Anker", "De Golfslag"),
        ("Ankerkade", "Havenkade"),
        ("Het Dorp", "Rivierland"),
        ("de polder", "de uiterwaarden"),
        ("Gezondheidscentrum", "Gezondheidshuis"),
        ("Gemeenschapstuin", "Pluktuin"),
        ("gemeenschapstuin", "pluktuin"),
        ("De Trapper", "De Dijkrijders"),
        ("De Brug", "De Pont"),
    ),
    gasten=(
        Gast(
            email=EERSTE.bewoner(3),
            buurt=0,
            aanbod=(
                "Boodschappen op de fiets",
                "Ik woon in Wijkdorp en fiets vaak over het veer. Ik neem graag boodschappen "
                "mee of fiets een rondje met je.",
            ),
            categorie="boodschappen",
        ),
    ),
    email_contact="info@hetveer.demo.wijk",
    telefoon="0347 12 34 56",
)

# In the order seed_demo makes and seeds them; the first is the installation's first.
DEMO_COOPERATIES = (EERSTE, HET_VEER)

# The data migration names the first coöperatie after WIJK_NAAM, Wijk's default being this.
MIGRATIE_NAAM = "Wijkcoöperatie De Buurt"


def demo_voor(cooperatie: Cooperatie) -> DemoCooperatie:
    """The demo set of ``cooperatie``: the installation's first coöperatie gets the first
    (whatever its name), a demo coöperatie its own; any other coöperatie (made with
    ``cooperatie_aanmaken``) the first village's set with addresses of its own
    (``bewoner1@<slug>.demo.wijk``), so its accounts never clash with another's."""
    eerste = Cooperatie.objects.order_by("pk").values_list("pk", flat=True).first()
    if cooperatie.pk == eerste:
        return EERSTE
    for demo in DEMO_COOPERATIES[1:]:
        if demo.slug == cooperatie.slug:
            return demo
    return replace(
        EERSTE,
        naam=cooperatie.naam,
        slug=cooperatie.slug,
        maildomein=f"{cooperatie.slug}.demo.wijk",
        staf=("Sam", "Kim", "Robin"),
        intake=("Riek", "Smits"),
        namen_vanaf=7,
        gasten=(),
        beheer_is_superuser=False,
    )


def huidige_demo() -> DemoCooperatie:
    """The demo set of the current coöperatie (the one ``seed_demo`` is seeding)."""
    cooperatie = huidige()
    if cooperatie is None:
        raise RuntimeError("Demogegevens horen bij een coöperatie: er is er nu geen.")
    return demo_voor(cooperatie)


def adressen(cooperatie: Cooperatie) -> list[str]:
    """Where a browser opens ``cooperatie``: its own address with the scheme and port of
    ``SITE_URL`` (``http://debuurt.localhost:8000``), and for the installation's first also
    ``SITE_URL`` itself when that is the installation's own host (``http://127.0.0.1:8000``)."""
    basis = urlsplit(settings.SITE_URL)
    poort = f":{basis.port}" if basis.port else ""
    eigen = [f"{basis.scheme}://{adres_van(cooperatie)}{poort}"]
    eerste = Cooperatie.objects.actief().order_by("pk").values_list("pk", flat=True).first()
    host = (basis.hostname or "").lower()
    if cooperatie.pk == eerste and (
        host in EIGEN_HOSTS or host == settings.WIJK_PLATFORMDOMEIN or f"[{host}]" in EIGEN_HOSTS
    ):
        eigen.append(settings.SITE_URL)
    return eigen
