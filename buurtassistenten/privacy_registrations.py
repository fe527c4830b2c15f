"""Export and erasure of the data this app keeps about a person.

Export, for every person:

- what the buurtassistenten recorded about them: contact moments (with every note, also the
  sensitive ones: it is their own data; the author of a sensitive note is named only as "een
  buurtassistent", to protect them), follow-ups, referrals (partner, kind of need, status,
  dates), their intake (how and when they gave consent, and to whom) and everything done on
  their behalf (what, when, by whom);
- the access log: who looked at their private data (their coordination page, the private
  details of their help requests, their needs on their profile), what and when;
- as a buurtassistent: only how much they recorded about others (counts) and the buurten they
  work for, never names or notes of other residents.

Buurtassistenten are named by their display name (first name), as residents see them.

Erasure:

- about the person as a resident: contact moments, follow-ups, referrals, the intake and the
  records of what was done on their behalf are deleted; the access log stays (it shows how the
  coordination pages were used) but no longer points to the person;
- about the person as a buurtassistent: the records about residents stay (they are the
  residents' data), without who made them; the person no longer follows their buurten, so
  those buurten are everyone's again (see ``bewoners.permissions.werkgebied_filter``);
- as a helper: the record "helper coupled" of another resident no longer gives their name.
"""

from __future__ import annotations

from django.db.models import Count

from bewoners import privacy
from hulpvragen.models import Match

from .models import Contactmoment, Doorverwijzing, Intake, Inzage, Namens, Vervolg

# Kinds of ``Namens`` whose ``object_id`` is a match and whose description names the helper.
MET_HELPER = (Namens.Wat.MATCH, Namens.Wat.AFGEZEGD)
AUTEUR_GEVOELIG = "een buurtassistent"


def _naam(user) -> str | None:
    return str(user.display_name) if user is not None else None


def _export(user):
    intake = Intake.objects.filter(bewoner=user).select_related("door").first()
    return {
        "contactmomenten": [
            {
                "datum": c.datum,
                "kanaal": c.kanaal,
                "soort": c.soort,
                "notitie": c.notitie,
                "gevoelig": c.gevoelig,
                # The text is the person's own data (AVG art. 15); who wrote a sensitive note
                # is shown by role only, to protect the author (art. 15(4)). docs/toegang.md.
                "door": AUTEUR_GEVOELIG if c.gevoelig else _naam(c.door),
            }
            for c in Contactmoment.objects.filter(bewoner=user)
            .select_related("door")
            .order_by("datum", "pk")
        ],
        "vervolgafspraken": [
            {"datum": v.datum, "reden": v.reden, "gedaan_op": v.gedaan_op}
            for v in Vervolg.objects.filter(bewoner=user).order_by("datum", "pk")
        ],
        "doorverwijzingen": [
            {
                "partner": d.partner.naam,
                "soort_partner": d.partner.soort,
                "soort_vraag": d.behoefte,
                "status": d.status,
                "verwezen_op": d.aangemaakt_op,
                "bijgewerkt_op": d.bijgewerkt_op,
                "door": _naam(d.door),
            }
            for d in Doorverwijzing.objects.filter(bewoner=user)
            .select_related("partner", "door")
            .order_by("aangemaakt_op", "pk")
        ],
        "intake": {
            "toestemming_hoe": intake.toestemming_hoe,
            "toestemming_op": intake.toestemming_op,
            "door": _naam(intake.door),
            "aangemaakt_op": intake.aangemaakt_op,
            "account_overgenomen_op": intake.geclaimd_op,
        }
        if intake
        else None,
        "namens": [
            {"wat": n.wat, "omschrijving": n.omschrijving, "op": n.op, "door": _naam(n.door)}
            for n in Namens.objects.filter(voor=user).select_related("door").order_by("op", "pk")
        ],
        "inzages": [
            {"geopend_door": _naam(i.door), "op": i.op, "wat": i.wat or "coördinatiepagina"}
            for i in Inzage.objects.filter(bewoner=user).select_related("door").order_by("op", "pk")
        ],
        "als_buurtassistent": _export_als_buurtassistent(user),
    }


def _export_als_buurtassistent(user) -> dict:
    """What the person did as a buurtassistent, counted: the rows are other people's data."""
    return {
        "buurten": list(user.toegewezen_buurten.order_by("naam").values_list("naam", flat=True)),
        "contactmomenten_vastgelegd": Contactmoment.objects.filter(door=user).count(),
        "vervolgafspraken_gedaan": Vervolg.objects.filter(gedaan_door=user).count(),
        "doorverwijzingen_gemaakt": Doorverwijzing.objects.filter(door=user).count(),
        "intakes_gedaan": Intake.objects.filter(door=user).count(),
        "acties_namens_bewoners": dict(
            Namens.objects.filter(door=user)
            .values_list("wat")
            .annotate(n=Count("pk"))
            .order_by("wat")
        ),
        "paginas_van_bewoners_geopend": Inzage.objects.filter(door=user).count(),
    }


def _erase(user):
    # What was recorded about the person.
    Vervolg.objects.filter(bewoner=user).delete()
    Contactmoment.objects.filter(bewoner=user).delete()
    Doorverwijzing.objects.filter(bewoner=user).delete()
    Intake.objects.filter(bewoner=user).delete()
    Namens.objects.filter(voor=user).delete()
    # The access log is kept, without the person.
    Inzage.objects.filter(bewoner=user).update(bewoner=None)

    # What the person recorded as a buurtassistent stays, without them.
    Contactmoment.objects.filter(door=user).update(door=None)
    Vervolg.objects.filter(gedaan_door=user).update(gedaan_door=None)
    Doorverwijzing.objects.filter(door=user).update(door=None)
    Intake.objects.filter(door=user).update(door=None)
    Namens.objects.filter(door=user).update(door=None)
    Inzage.objects.filter(door=user).update(door=None)
    user.toegewezen_buurten.clear()

    # "Helper coupled" (or "appointment with a helper cancelled") on someone else's record
    # named the person: keep the record, not the name.
    titels = dict(Match.objects.filter(helper=user).values_list("pk", "hulpvraag__titel"))
    for namens in Namens.objects.filter(wat__in=MET_HELPER, object_id__in=titels):
        namens.omschrijving = titels[namens.object_id][:200]
        namens.save(update_fields=["omschrijving"])


privacy.register("buurtassistenten", export=_export, erase=_erase, order=100)
