"""seed_demo's two demo coöperaties (demo.cooperaties): each its own data, its own address."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F, ForeignKey, ManyToManyField
from django.urls import reverse

from accommodaties.models import Accommodatie, Reservering
from bewoners.models import Buurt, Categorie, Profiel, User
from bewoners.roles import Rol, has_role
from buurtassistenten.models import Intake, Wijkpartner
from cooperaties.huidige import in_cooperatie
from cooperaties.models import Cooperatie, VanCooperatie
from cooperaties.selectors import cooperatie_voor_host, vergeet_hosts
from demo.basis import demo_bewoners
from demo.bewoners import BUURTEN
from demo.cooperaties import EERSTE, HET_VEER, MIGRATIE_NAAM, demo_voor
from demo.management.commands.seed_demo import Command
from hulpvragen.models import Aanbod, Hulpvraag, Match
from initiatieven.models import Initiatief, Lidmaatschap
from meldingen.models import Melding

pytestmark = pytest.mark.django_db

GAST = "bewoner3@demo.wijk"  # Corrie: a resident in both villages
# Names of the first village that no text of the second may carry.
EERSTE_PLAATSEN = ["Oud-Zuid", "Parkwijk", "Terwijde", "Wetering", "Wijkdorp", "De Linde"]


def _beide():
    """Seed both demo coöperaties (seed_demo without --cooperatie)."""
    call_command("seed_demo", stdout=StringIO())
    vergeet_hosts()
    return (
        Cooperatie.objects.order_by("pk").first(),
        Cooperatie.objects.get(slug=HET_VEER.slug),
    )


def _snapshot(cooperatie):
    with in_cooperatie(cooperatie):
        return {
            "leden": User.objects.hier().count(),
            "buurten": Buurt.objects.count(),
            "categorieen": Categorie.objects.count(),
            "hulpvragen": Hulpvraag.objects.count(),
            "aanbod": Aanbod.objects.count(),
            "matches": Match.objects.count(),
            "ruimtes": Accommodatie.objects.count(),
            "boekingen": Reservering.objects.count(),
            "initiatieven": Initiatief.objects.count(),
            "lidmaatschappen": Lidmaatschap.objects.count(),
            "partners": Wijkpartner.objects.count(),
            "intakes": Intake.objects.count(),
            "meldingen": Melding.objects.count(),
        }


def test_seed_demo_makes_two_cooperaties_each_with_its_own_data_and_address(client, settings):
    """``make run``'s seed: two demo coöperaties, seeded once and again (nothing doubles)."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.WIJK_PLATFORMDOMEIN = "localhost"
    uit = StringIO()
    call_command("seed_demo", stdout=uit)
    vergeet_hosts()
    buurt = Cooperatie.objects.order_by("pk").first()
    veer = Cooperatie.objects.get(slug=HET_VEER.slug)
    eerst = (_snapshot(buurt), _snapshot(veer), User.objects.count())
    assert eerst[0]["hulpvragen"] and eerst[1]["hulpvragen"]
    assert eerst[0]["initiatieven"] == eerst[1]["initiatieven"] == 12

    assert _beide() == (buurt, veer)
    assert Cooperatie.objects.count() == 2
    assert (_snapshot(buurt), _snapshot(veer), User.objects.count()) == eerst

    _samenvatting(uit.getvalue())
    _gezicht_en_adres(buurt, veer)
    _eigen_mensen_buurten_en_categorieen(buurt, veer)
    _staf_met_rollen_alleen_in_eigen_cooperatie(buurt, veer)
    _een_persoon_in_beide_met_een_login(buurt, veer)
    _niets_wijst_naar_de_ander(buurt, veer)
    _eigen_plaatsen_en_namen(veer)
    _buurtassistent_ziet_alleen_eigen_bewoners(client, buurt, veer)


def _samenvatting(tekst):
    """The printed summary: per coöperatie its address and its demo accounts."""
    de_buurt, het_veer = tekst.split("\nWijkcoöperatie De Buurt\n")[1].split(
        "\nDorpscoöperatie Het Veer\n"
    )
    assert "http://debuurt.localhost:8000" in de_buurt
    assert "http://127.0.0.1:8000 (het adres van de installatie)" in de_buurt
    for email in ("buurtassistent@demo.wijk", "bestuur@demo.wijk", "beheer@demo.wijk"):
        assert email in de_buurt
    assert "bewoner1@demo.wijk" in de_buurt
    assert "http://hetveer.localhost:8000" in het_veer
    assert "127.0.0.1" not in het_veer
    for email in ("buurtassistent@hetveer.demo.wijk", "beheer@hetveer.demo.wijk"):
        assert email in het_veer
    assert re.search(r"bewoner3@demo\.wijk .*\(ook bewoner van Wijkcoöperatie De Buurt\)", het_veer)
    assert "wijk-demo-2026" in tekst


def _gezicht_en_adres(buurt, veer):
    """Each its own name, slug and colour, and the host that opens it."""
    # The migration's first coöperatie kept its name and got the demo's short slug.
    assert (buurt.naam, buurt.slug) == (MIGRATIE_NAAM, "debuurt")
    assert (veer.naam, veer.kleur) == ("Dorpscoöperatie Het Veer", "#1d4e89")
    veer.full_clean()  # a colour dark enough to read
    assert Cooperatie.objects.count() == 2
    assert cooperatie_voor_host("debuurt.localhost:8000") == buurt
    assert cooperatie_voor_host("127.0.0.1:8000") == buurt
    assert cooperatie_voor_host("hetveer.localhost:8000") == veer
    assert demo_voor(buurt) is EERSTE and demo_voor(veer) is HET_VEER


def _eigen_mensen_buurten_en_categorieen(buurt, veer):

    for cooperatie, demo in ((buurt, EERSTE), (veer, HET_VEER)):
        with in_cooperatie(cooperatie):
            bewoners = demo_bewoners()
            assert sorted(bewoners) == list(range(1, 51))
            assert all(u.email.endswith("@" + demo.maildomein) for u in bewoners.values())
            assert sorted(Buurt.objects.values_list("slug", flat=True)) == sorted(
                b[1] for b in demo.buurten
            )
            assert Categorie.objects.actief().count() == 14
            for wie in ("buurtassistent", "bestuur", "beheer"):
                assert User.objects.hier().filter(email=demo.email(wie)).exists()
            # Nobody of the other village, but the one who takes part in both.
            andere = HET_VEER if demo is EERSTE else EERSTE
            anderen = User.objects.hier().filter(email__endswith="@" + andere.maildomein)
            assert set(anderen.values_list("email", flat=True)) == (
                {GAST} if demo is HET_VEER else set()
            )
    with in_cooperatie(veer):
        assert User.objects.hier().get(email="bewoner1@hetveer.demo.wijk").get_full_name() != (
            User.objects.get(email="bewoner1@demo.wijk").get_full_name()
        )


def _staf_met_rollen_alleen_in_eigen_cooperatie(buurt, veer):
    assistent = User.objects.get(email="buurtassistent@hetveer.demo.wijk")
    beheer = User.objects.get(email="beheer@hetveer.demo.wijk")

    with in_cooperatie(veer):
        assert has_role(assistent, Rol.BUURTASSISTENT)
        assert has_role(beheer, Rol.BEHEERDER)
    with in_cooperatie(buurt):
        assert not has_role(User.objects.get(pk=assistent.pk), Rol.BUURTASSISTENT)
        assert not has_role(User.objects.get(pk=beheer.pk), Rol.BEHEERDER)
    # The second's beheerder works in the admin from the role there; only the first's
    # beheerder is the installation's superuser, as before.
    assert beheer.is_staff and not beheer.is_superuser
    assert User.objects.get(email="beheer@demo.wijk").is_superuser


def _een_persoon_in_beide_met_een_login(buurt, veer):
    gast = User.objects.get(email=GAST)

    for cooperatie in (buurt, veer):
        with in_cooperatie(cooperatie):
            assert Profiel.objects.filter(user=gast).count() == 1
            assert Melding.objects.filter(ontvanger=gast, soort="welkom").count() == 1
    with in_cooperatie(veer):
        profiel = Profiel.objects.get(user=gast)
        assert profiel.buurt.slug == "dorpskern" and profiel.heeft_toestemming
        assert has_role(gast, Rol.BEWONER) and not has_role(gast, Rol.BUURTASSISTENT)
        assert Aanbod.objects.filter(helper=gast, actief=True).count() == 1
        assert gast not in demo_bewoners().values()  # not one of their demo residents
        # Her offer was matched, in the inbox only.
        assert not Melding.objects.filter(ontvanger=gast, email_gewenst=True).exists()


def _niets_wijst_naar_de_ander(buurt, veer):
    """Every row of every tenant table refers only to rows of its own coöperatie and to people
    who take part in it."""
    modellen = [m for m in apps.get_models() if issubclass(m, VanCooperatie)]
    gecontroleerd = 0
    for cooperatie in (buurt, veer):
        with in_cooperatie(cooperatie):
            leden = User.objects.hier()
            for model in modellen:
                for veld in model._meta.get_fields():
                    if isinstance(veld, ForeignKey) and veld.name != "cooperatie":
                        doel = veld.related_model
                        rijen = model.objects.filter(**{f"{veld.name}__isnull": False})
                        if doel is User:
                            fout = rijen.exclude(**{f"{veld.name}__in": leden})
                        elif issubclass(doel, VanCooperatie):
                            fout = rijen.exclude(
                                **{f"{veld.name}__cooperatie_id": F("cooperatie_id")}
                            )
                        else:
                            continue
                        assert not fout.exists(), f"{model.__name__}.{veld.name} in {cooperatie}"
                        gecontroleerd += rijen.count()
                    elif isinstance(veld, ManyToManyField):
                        doel = veld.related_model
                        if doel is not User and not issubclass(doel, VanCooperatie):
                            continue
                        tussen = veld.remote_field.through.objects.filter(
                            **{f"{veld.m2m_field_name()}__cooperatie_id": cooperatie.pk}
                        )
                        naar = veld.m2m_reverse_field_name()
                        if doel is User:
                            fout = tussen.exclude(**{f"{naar}__in": leden})
                        else:
                            fout = tussen.exclude(**{f"{naar}__cooperatie_id": cooperatie.pk})
                        assert not fout.exists(), f"{model.__name__}.{veld.name} in {cooperatie}"
                        gecontroleerd += tussen.count()
    assert gecontroleerd > 2000


def _eigen_plaatsen_en_namen(veer):

    with in_cooperatie(veer):
        teksten = [
            *Buurt.objects.values_list("naam", flat=True),
            *Accommodatie.objects.values_list("naam", "slug", "adres", "beschrijving"),
            *Initiatief.objects.values_list("naam", "slug", "adres", "beschrijving", "contact"),
            *Wijkpartner.objects.values_list("naam", "contact"),
            *Reservering.objects.values_list("namens", "doel"),
            *Profiel.objects.exclude(user__email=GAST).values_list("woonplaats", "adres"),
        ]
        alles = " ".join(t if isinstance(t, str) else " ".join(t) for t in teksten)
        for plaats in EERSTE_PLAATSEN:
            assert plaats not in alles
            assert plaats.lower() not in alles
        assert "@demo.wijk" not in alles
        assert Accommodatie.objects.filter(naam="Buurthuis De Veerman – grote zaal").exists()
        assert Initiatief.objects.filter(slug="wandelclub-de-vliet").exists()
        assert Intake.objects.get().bewoner.get_full_name() == "Gerda Verbeek"
    # Its buurten are the first's, in their places.
    assert [HET_VEER.slug_van(b[1]) for b in BUURTEN] == [b[1] for b in HET_VEER.buurten]


def _buurtassistent_ziet_alleen_eigen_bewoners(client, buurt, veer):
    """The second's buurtassistent, on its address, lists only its residents."""
    with in_cooperatie(buurt):
        hier_alleen = set(User.objects.hier().values_list("pk", flat=True))
        namen_buurt = {u.get_full_name() for u in User.objects.hier()}
    with in_cooperatie(veer):
        daar = set(
            User.objects.hier()
            .filter(is_active=True, verwijderd_op__isnull=True)
            .values_list("pk", flat=True)
        )
        namen_veer = {u.get_full_name() for u in User.objects.hier()}
    hier_alleen -= daar
    assert len(daar) == 55  # 50 residents, 3 staff, Gerda (intake) and Corrie
    alleen_in_de_buurt = namen_buurt - namen_veer
    assert len(alleen_in_de_buurt) > 20

    client.force_login(User.objects.get(email="buurtassistent@hetveer.demo.wijk"))
    host = {"HTTP_HOST": "hetveer.localhost:8000"}
    gezien, html, pagina = set(), "", 1
    while True:
        antwoord = client.get(
            reverse("buurtassistenten:bewoners"), {"alle": "on", "page": pagina}, **host
        )
        assert antwoord.status_code == 200
        assert antwoord.wsgi_request.cooperatie == veer
        html += antwoord.content.decode()
        page_obj = antwoord.context["page_obj"]
        with in_cooperatie(veer):  # the page's rows, as the view read them
            gezien |= {u.pk for u in page_obj.object_list}
        if not page_obj.has_next():
            break
        pagina += 1
    assert gezien == daar
    assert "Dorpscoöperatie Het Veer" in html
    assert not [naam for naam in alleen_in_de_buurt if naam in html]

    # A resident of the first coöperatie is nobody there.
    anders = next(iter(hier_alleen))
    antwoord = client.get(reverse("buurtassistenten:bewoner", args=[anders]), **host)
    assert antwoord.status_code in (403, 404)
    # The same login on the first coöperatie's address: no buurtassistent there.
    antwoord = client.get(reverse("buurtassistenten:bewoners"), HTTP_HOST="debuurt.localhost")
    assert antwoord.status_code in (302, 403)


def test_cooperatie_seeds_that_one_only_and_scale_goes_into_one():
    call_command("seed_demo", "--cooperatie", HET_VEER.slug, "--scale", "20", stdout=StringIO())
    veer = Cooperatie.objects.get(slug=HET_VEER.slug)
    eerste = Cooperatie.objects.order_by("pk").first()

    # Made and seeded; the first is untouched (no residents, still the migration's slug).
    assert eerste.slug == "wijkcooperatie-de-buurt"
    assert not User.objects.filter(email="bewoner1@demo.wijk").exists()
    with in_cooperatie(eerste):
        assert not Hulpvraag.objects.exists()
    with in_cooperatie(veer):
        assert len(demo_bewoners()) == 50 and Hulpvraag.objects.exists()
        # Corrie's own coöperatie was not seeded yet: she is not here.
        assert not User.objects.filter(email=GAST).exists()
    schaal = User.objects.filter(email__startswith="schaal-")
    assert set(schaal.values_list("email", flat=True)) == {
        f"schaal-{n}@hetveer.demo.wijk" for n in range(20)
    }

    # Then both, with --scale: the first is seeded and gets the scale residents (its own),
    # the second keeps its own; and Corrie joins the second.
    call_command("seed_demo", "--scale", "20", stdout=StringIO())
    assert schaal.filter(email__endswith="@demo.wijk").count() == 20
    for cooperatie in (eerste, veer):
        with in_cooperatie(cooperatie):
            assert User.objects.hier().filter(email__startswith="schaal-").count() == 20
    with in_cooperatie(veer):
        assert User.objects.hier().filter(email=GAST).exists()


def test_a_first_cooperatie_with_a_name_of_its_own_keeps_it():
    eerste = Cooperatie.objects.order_by("pk").first()
    Cooperatie.objects.filter(pk=eerste.pk).update(naam="Buurtkracht Oost", slug="oost")

    assert Command(stdout=StringIO()).eerste_klaarzetten().slug == "oost"
    eerste.refresh_from_db()
    assert (eerste.naam, eerste.slug) == ("Buurtkracht Oost", "oost")
    assert demo_voor(eerste) is EERSTE  # its accounts: bewoner1@demo.wijk, ...


def test_another_cooperatie_gets_demo_accounts_of_its_own():
    Cooperatie.objects.create(naam="Wijkcoöperatie Noord", slug="noord")
    call_command("seed_demo", "--cooperatie", "noord", stdout=StringIO())

    noord = Cooperatie.objects.get(slug="noord")
    with in_cooperatie(noord):
        bewoners = demo_bewoners()
        assert len(bewoners) == 50
        assert bewoners[1].email == "bewoner1@noord.demo.wijk"
        assert Categorie.objects.count() == 14
        assert Hulpvraag.objects.exists() and Initiatief.objects.exists()
