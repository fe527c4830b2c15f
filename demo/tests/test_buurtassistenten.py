"""seed_demo's partners, contact moments, follow-ups, referrals, newcomers and intake
(demo.buurtassistenten)."""

import random
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db.models import Count, F
from django.utils import timezone

from bewoners import privacy
from bewoners.models import Buurt, Categorie, Profiel, User
from buurtassistenten import selectors, services
from buurtassistenten.models import (
    Contactmoment,
    Doorverwijzing,
    Intake,
    Inzage,
    Namens,
    Vervolg,
    Wijkpartner,
)
from demo import buurtassistenten as demo
from demo.tests.hulp import seed_demo as _seed
from hulpvragen.models import Hulpvraag
from initiatieven.models import Aanmelding
from meldingen.models import Melding

pytestmark = pytest.mark.django_db

R = Vervolg.Reden
SCHAAL = {"bewoner__email__startswith": "schaal-"}
ASSISTENT = "buurtassistent@demo.wijk"  # Aisha, in the first demo coöperatie


def _snapshot():
    return (
        Wijkpartner.objects.count(),
        Buurt.buurtassistenten.through.objects.count(),
        Contactmoment.objects.count(),
        Vervolg.objects.count(),
        Vervolg.objects.filter(gedaan_op__isnull=False).count(),
        Doorverwijzing.objects.count(),
        Intake.objects.count(),
        Namens.objects.count(),
        Inzage.objects.count(),
        Profiel.objects.nieuwkomers().count(),
        Hulpvraag.objects.count(),
    )


def _demo(n):
    return User.objects.get(email=f"bewoner{n}@demo.wijk")


def test_seed_demo_gives_the_buurtassistent_partners_buurten_and_a_day_of_work():
    _seed()
    assistent = User.objects.get(email=ASSISTENT)
    vandaag = timezone.localdate()

    actief = Wijkpartner.objects.filter(actief=True)
    assert set(actief.values_list("soort", flat=True)) == set(Wijkpartner.Soort.values)
    assert Wijkpartner.objects.filter(actief=False).exists()
    assert set(assistent.toegewezen_buurten.values_list("slug", flat=True)) == {
        "oud-zuid",
        "de-wetering",
    }
    momenten = Contactmoment.objects.all()
    assert momenten.count() >= 10
    assert momenten.filter(gevoelig=True).count() >= 3
    assert not momenten.filter(datum__gt=timezone.now()).exists()
    for moment in momenten:
        moment.full_clean()
    # Follow-ups: overdue, due today, done and to come.
    te_doen = Vervolg.objects.te_doen()
    assert te_doen.filter(datum=vandaag).exists()
    assert te_doen.filter(datum__lt=vandaag).count() >= 2
    assert Vervolg.objects.filter(gedaan_op__isnull=False).exists()
    assert Vervolg.objects.open().filter(datum__gt=vandaag).exists()
    # Referrals in each status, to active partners only.
    assert set(Doorverwijzing.objects.values_list("status", flat=True)) == set(
        Doorverwijzing.Status.values
    )
    assert not Doorverwijzing.objects.filter(partner__actief=False).exists()
    assert not Doorverwijzing.objects.filter(bijgewerkt_op__lt=timezone.now() - timedelta(days=400))


def test_newcomers_some_welcomed_with_their_follow_ups_and_some_not_yet():
    _seed()
    assistent = User.objects.get(email=ASSISTENT)
    vandaag = timezone.localdate()

    for n in (1, 13, 25):
        assert set(Vervolg.objects.filter(bewoner=_demo(n)).values_list("reden", flat=True)) == {
            R.WELKOM_1,
            R.WELKOM_3,
            R.WELKOM_6,
        }
    assert Vervolg.objects.get(bewoner=_demo(1), reden=R.WELKOM_1).gedaan_op is not None
    te_laat = Vervolg.objects.get(bewoner=_demo(25), reden=R.WELKOM_1)
    assert te_laat.gedaan_op is None and te_laat.datum < vandaag
    # The daily task finds nothing more to make.
    assert services.vervolgen_create() == 0
    nog_niet = {p.user.email for p in selectors.nieuwkomers_niet_verwelkomd(assistent)}
    assert {"bewoner37@demo.wijk", "bewoner49@demo.wijk", "bewoner4@demo.wijk"} <= nog_niet
    assert not nog_niet & {"bewoner1@demo.wijk", "bewoner13@demo.wijk", "bewoner25@demo.wijk"}


def test_a_resident_without_e_mail_entered_by_intake_with_things_done_on_her_behalf():
    _seed()
    assistent = User.objects.get(email=ASSISTENT)

    intake = Intake.objects.select_related("bewoner").get(door=assistent)
    truus = intake.bewoner
    assert truus.email is None and truus.first_name == "Truus"
    assert truus.profiel.heeft_toestemming and truus.profiel.buurt.slug == "de-wetering"
    assert intake.toestemming_op < timezone.now() - timedelta(days=5)
    hulp = Namens.objects.get(voor=truus, wat=Namens.Wat.HULPVRAAG)
    hulpvraag = Hulpvraag.objects.get(pk=hulp.object_id)
    assert (hulpvraag.aanvrager, hulpvraag.ingevoerd_door) == (truus, assistent)
    assert hulpvraag.matches.exists()  # helpers were proposed
    aanmelding = Namens.objects.get(voor=truus, wat=Namens.Wat.AANMELDING)
    assert Aanmelding.objects.filter(user=truus, bijeenkomst_id=aanmelding.object_id).exists()
    assert Contactmoment.objects.filter(bewoner=truus, soort=Contactmoment.Soort.INTAKE).exists()
    # Her export and bewoner1's list who opened their page.
    for persoon in (truus, _demo(1)):
        inzages = privacy.export_user_data(persoon)["buurtassistenten"]["inzages"]
        assert inzages and {i["geopend_door"] for i in inzages} == {"Aisha"}


def test_seeding_mails_nobody_also_after_the_commit(django_capture_on_commit_callbacks):
    # Run what waits for the commit, as a real (committing) seed does.
    with django_capture_on_commit_callbacks(execute=True):
        _seed()

    truus = Intake.objects.get().bewoner
    # Helpers were proposed for Truus's request and she was signed up: in the inbox only.
    truus_vraag = "Boodschappen op vrijdag"  # other notices may name a Friday ("op vrijdag 11 ...")
    voorstellen = Melding.objects.filter(soort="hulp_voorstel", titel__contains=truus_vraag)
    assert voorstellen.exists()
    assert Melding.objects.filter(ontvanger=truus).exists()
    assert not voorstellen.filter(email_gewenst=True).exists()
    assert not Melding.objects.filter(ontvanger=truus, email_gewenst=True).exists()
    assert not [m for m in mail.outbox if truus_vraag in m.subject]


def test_seed_demo_does_not_duplicate_the_demo_set():
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first


def test_seed_demo_scale_adds_work_in_proportion_to_the_residents():
    _seed("--scale", "400")

    doel = demo.aantallen(400)
    assert doel == {"contact": 20, "doorverwezen": 4, "nieuw": 12}
    contact = Contactmoment.objects.filter(**SCHAAL)
    assert contact.exclude(soort="welkom").values("bewoner").distinct().count() == doel["contact"]
    assert contact.filter(gevoelig=True).exists()
    verwijzingen = Doorverwijzing.objects.filter(**SCHAAL)
    assert verwijzingen.values("bewoner").distinct().count() == doel["doorverwezen"]
    assert not verwijzingen.filter(partner__actief=False).exists()
    assert not verwijzingen.filter(bijgewerkt_op__lt=F("aangemaakt_op")).exists()
    nieuw = Profiel.objects.nieuwkomers().filter(user__email__startswith="schaal-")
    assert nieuw.count() == doel["nieuw"]
    # Welcomed newcomers have their three follow-ups, as the daily task would make them.
    welkom = contact.filter(soort="welkom")
    assert welkom.exists()
    assert set(
        Vervolg.objects.filter(reden__startswith="welkom_", **SCHAAL)
        .values("bewoner")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    ) == {3}
    assert services.vervolgen_create() == 0
    assert Inzage.objects.filter(**SCHAAL).count() >= contact.count()
    assert not contact.filter(datum__gt=timezone.now()).exists()
    assert not Inzage.objects.filter(op__gt=timezone.now()).exists()
    # The scale data stays with the scale residents (and the buurtassistenten): the others'
    # contact moments are the fixed set's, with the demo residents and the intake's resident.
    anderen = Contactmoment.objects.exclude(**SCHAAL)
    assert not anderen.exclude(bewoner__email__regex=r"^bewoner[0-9]+@").exclude(
        bewoner__intakes__isnull=False
    )

    # Running it again adds nothing; more residents add in proportion.
    before = _snapshot()
    _seed("--scale", "400")
    assert _snapshot() == before
    from demo.management.commands.seed_demo import Command

    Command(stdout=StringIO()).seed_scale(
        random.Random(1), 600, list(Buurt.objects.all()), list(Categorie.objects.actief())
    )
    command = SimpleNamespace(stdout=StringIO())
    demo.seed_scale(command, random.Random(1), 600)
    doel = demo.aantallen(600)
    assert contact.exclude(soort="welkom").values("bewoner").distinct().count() == doel["contact"]
    assert verwijzingen.values("bewoner").distinct().count() == doel["doorverwezen"]
    assert nieuw.count() == doel["nieuw"]
    assert "10 bewoners met contact, 2 doorverwezen, 6 nieuwkomers" in command.stdout.getvalue()


def test_work_in_proportion_to_residents():
    assert demo.aantallen(2000) == {"contact": 100, "doorverwezen": 20, "nieuw": 60}
    assert demo.aantallen(20000) == {"contact": 1000, "doorverwezen": 200, "nieuw": 600}
