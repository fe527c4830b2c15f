"""Export and erasure of the data the ``bewoners`` app keeps (account and profile)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from . import privacy
from .models import Profiel


def _export(user):
    data = {
        "account": {
            "e-mailadres": user.email,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "taal": user.taal,
            "lid_sinds": user.date_joined,
            "laatst_ingelogd": user.last_login,
            "e-mailadressen": [
                {"adres": e.email, "bevestigd": e.verified, "primair": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
            "tweede_stap": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
            "sessies": [
                {
                    "begonnen": s.created_at,
                    "laatst_gezien": s.last_seen_at,
                    "ip": s.ip,
                    "browser": s.user_agent,
                }
                for s in UserSession.objects.filter(user=user)
            ],
        }
    }
    profiel = getattr(user, "profiel", None)
    if profiel is not None:
        data["profiel"] = {
            "buurt": profiel.buurt.naam if profiel.buurt else None,
            "wat_wil_je": profiel.wat_wil_je,
            "wat_kun_je": profiel.wat_kun_je,
            "wat_kun_je_onderwerpen": [c.naam for c in profiel.kan_categorieen.all()],
            "wat_heb_je_nodig": profiel.wat_heb_je_nodig,
            "wat_heb_je_nodig_onderwerpen": [c.naam for c in profiel.nodig_categorieen.all()],
            "wat_heb_je_te_bieden": profiel.wat_heb_je_te_bieden,
            "adres": profiel.adres,
            "postcode": profiel.postcode,
            "woonplaats": profiel.woonplaats,
            "telefoon": profiel.telefoon,
            "beschikbaarheid": profiel.availability.describe(),
            "talen": profiel.talen,
            "heeft_auto": profiel.heeft_auto,
            "heeft_fiets": profiel.heeft_fiets,
            "nieuw_in_wijk_sinds": profiel.nieuw_in_wijk_sinds,
            "toestemming_op": profiel.toestemming_op,
            "toestemming_ingetrokken_op": profiel.toestemming_ingetrokken_op,
            "aangemaakt_op": profiel.aangemaakt_op,
            "rollen": sorted(profiel.rollen.values_list("name", flat=True)),
        }
    return data


def _erase(user):
    # The profile is personal through and through: remove it entirely (with its roles).
    Profiel.objects.filter(user=user).delete()


privacy.register("bewoners", export=_export, erase=_erase, order=1000)
