"""The demo accounts worth trying, with what each can show: ``seed_demo`` prints them per demo
coöperatie, one line each (e-mail, password, role, what to try).

What a line promises is read from the data the seed made (who keeps the hall, who organises
the initiative whose next meeting is full, who has not given consent yet), so the list stays
true when the demo sets change; an account the data does not show is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from accommodaties.models import Accommodatie, Reservering
from bewoners.models import Profiel, User
from bewoners.roles import Rol, has_role
from cooperaties.models import Cooperatie
from demo.basis import demo_bewoners
from demo.bewoners import DEMO_PASSWORD
from demo.cooperaties import BEHEER, BESTUUR, BUURTASSISTENT, DemoCooperatie
from initiatieven.models import Initiatief

from .initiatieven import VOL

TOTP = "inloggen met een tweede stap (sleutel hieronder)"


@dataclass(frozen=True)
class Proberen:
    email: str
    rol: str
    wat: str
    wachtwoord: str = DEMO_PASSWORD

    def regel(self) -> str:
        return f"  {self.email:<34} {self.wachtwoord}  {self.rol} — {self.wat}"


def om_te_proberen(demo: DemoCooperatie, *, gasten: list[tuple[str, Cooperatie | None]]) -> list:
    """The accounts of the current coöperatie worth trying (``demo``: its demo set; ``gasten``:
    people of another demo coöperatie who take part here, with their own coöperatie)."""
    bewoners = demo_bewoners()
    lijst = []
    if (een := bewoners.get(1)) is not None:
        organiseert = Initiatief.objects.filter(organisatoren=een).order_by("naam").first()
        wat = "eigen hulpvragen met voorstellen en een vraag om zelf te helpen (Hulp)"
        if organiseert is not None:
            wat += f"; organiseert {organiseert.naam} (Initiatieven)"
        if Reservering.objects.filter(geboekt_door=een, reeks__isnull=False).exists():
            wat += "; boekingen, ook elke week (Ruimtes > Mijn boekingen)"
        lijst.append(Proberen(een.email, "bewoner", wat))
    if (twee := bewoners.get(2)) is not None:
        zaal = Accommodatie.objects.filter(beheerders=twee).order_by("naam").first()
        if zaal is not None:
            lijst.append(
                Proberen(
                    twee.email,
                    "bewoner, beheerder van een ruimte",
                    f"beheert {zaal.naam}: aanvragen goedkeuren of afwijzen (Ruimtes > Beheer)",
                )
            )
    vol = (
        Initiatief.objects.filter(slug=demo.slug_van(VOL)).prefetch_related("organisatoren").first()
    )
    organisator = min(vol.organisatoren.all(), key=lambda u: u.pk, default=None) if vol else None
    if organisator is not None:
        lijst.append(
            Proberen(
                organisator.email,
                "bewoner, organisator",
                f"{vol.naam}: de volgende bijeenkomst is vol, met een wachtlijst",
            )
        )
    profielen = Profiel.objects.filter(user__in=bewoners.values()).select_related("user")
    onaf = profielen.filter(onboarding_voltooid_op__isnull=True).order_by("user_id").first()
    if onaf is not None:
        lijst.append(
            Proberen(
                onaf.user.email,
                "bewoner",
                "de welkomstroute is nog niet af: de startpagina vraagt om het profiel af te maken",
            )
        )
    zonder = (
        profielen.filter(toestemming_op__isnull=True, onboarding_voltooid_op__isnull=False)
        .order_by("user_id")
        .first()
    )
    if zonder is not None:
        lijst.append(
            Proberen(
                zonder.user.email,
                "bewoner",
                "geeft geen toestemming: de startpagina vraagt erom, boeken kan pas daarna",
            )
        )
    lijst += _staf(demo)
    for email, thuis in gasten:
        elders = f" (ook bewoner van {thuis.naam})" if thuis is not None else ""
        lijst.append(
            Proberen(
                email,
                "bewoner, ook lid hier",
                f"één login, lid in twee dorpen{elders}: kies het dorp met het adres",
            )
        )
    if bewoners:
        laatste = max(bewoners)
        lijst.append(
            Proberen(
                f"{demo.bewoner(1)} t/m {demo.bewoner(laatste)}",
                "bewoners",
                "gewone bewoners met hulpvragen, aanbod en aanmeldingen",
            )
        )
    return lijst


def _staf(demo: DemoCooperatie) -> list[Proberen]:
    """The buurtassistent, the bestuurslid and the beheerder, when they have their role here."""
    intake = " ".join(demo.intake)
    wat = {
        BUURTASSISTENT: (
            Rol.BUURTASSISTENT,
            "buurtassistent",
            "dashboard met opvolgingen (vandaag en te laat), bewoners zoeken, intake "
            f"(zo kwam {intake} zonder e-mail erin), verwijzingen; {TOTP}",
        ),
        BESTUUR: (
            Rol.BESTUUR,
            "bestuur",
            f"rapportages met grafieken en tabellen, ook als Excel-bestand; {TOTP}",
        ),
        BEHEER: (
            Rol.BEHEERDER,
            "beheerder",
            f"beheer (/admin/) van de coöperatie en van alle ruimtes; {TOTP}",
        ),
    }
    lijst = []
    for wie, (rol, naam, tekst) in wat.items():
        user = User.objects.hier().filter(email=demo.email(wie)).first()
        if user is not None and has_role(user, rol):
            if user.is_superuser:
                tekst = tekst.replace("van de coöperatie", "van de hele installatie")
            lijst.append(Proberen(user.email, naam, tekst))
    return lijst
