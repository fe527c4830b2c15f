"""Upgrading a database from before the tenancy puts every row in its one coöperatie, and
every role in the membership there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cooperaties import rls
from cooperaties.rls import over_alle_cooperaties

# Each app's last migration from before the tenancy (issue 14).
VOOR = [
    ("bewoners", "0004_buurt_buurtassistenten"),
    ("meldingen", "0002_melding_email_wacht_index"),
    ("hulpvragen", "0008_rapportage_indexen"),
    ("accommodaties", "0005_sluitingen_binnen_bereik"),
    ("initiatieven", "0001_initial"),
    ("buurtassistenten", "0004_contactmomenten_binnen_bereik"),
    ("rapportages", "0001_waardering"),
]


def _migreer(doel):
    """Migrate as ``migrate`` does: as the tables' owner (on PostgreSQL with its second
    wall, which the signals around ``migrate`` arrange)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    with over_alle_cooperaties():
        executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_gets_all_its_rows_in_its_one_cooperatie():
    laatste = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _als_bij_een_upgrade(laatste)
    finally:
        _migreer(laatste)
        if rls.actief(connection):
            rls.muren_opnieuw()


def _als_bij_een_upgrade(laatste):
    # An upgrade is the owner's work (as migrate is): the old rows are made as the owner too.
    with over_alle_cooperaties():
        oud = _migreer(VOOR)
        User = oud.get_model("bewoners", "User")
        Buurt = oud.get_model("bewoners", "Buurt")
        Profiel = oud.get_model("bewoners", "Profiel")
        Melding = oud.get_model("meldingen", "Melding")
        Accommodatie = oud.get_model("accommodaties", "Accommodatie")
        Initiatief = oud.get_model("initiatieven", "Initiatief")
        Waardering = oud.get_model("rapportages", "Waardering")
        Hulpvraag = oud.get_model("hulpvragen", "Hulpvraag")
        Categorie = oud.get_model("bewoners", "Categorie")

        user = User.objects.create(email="oud@example.org", first_name="Oud")
        # A role was a Django group of the account; it becomes a role of the membership.
        user.groups.add(oud.get_model("auth", "Group").objects.get(name="buurtassistent"))
        zonder_profiel = User.objects.create(email="beheer@example.org")
        zonder_profiel.groups.add(oud.get_model("auth", "Group").objects.get(name="beheerder"))
        buurt = Buurt.objects.create(naam="Oud-Zuid", slug="oud-zuid", postcodes="3541")
        Profiel.objects.create(user=user, buurt=buurt)
        Melding.objects.create(ontvanger=user, soort="welkom", titel="Welkom")
        Accommodatie.objects.create(naam="Buurthuis", slug="buurthuis", capaciteit=20)
        Initiatief.objects.create(naam="Wandelgroep", slug="wandelgroep")
        Waardering.objects.create(sleutel="vrijwilligersuur")
        Hulpvraag.objects.create(
            aanvrager=user, categorie=Categorie.objects.first(), titel="Boodschappen"
        )

        nieuw = _migreer(laatste)
        eerste = nieuw.get_model("cooperaties", "Cooperatie").objects.order_by("pk").first()
        assert eerste is not None
        for label in (
            "bewoners.Buurt",
            "bewoners.Categorie",
            "bewoners.Profiel",
            "meldingen.Melding",
            "accommodaties.Accommodatie",
            "initiatieven.Initiatief",
            "rapportages.Waardering",
            "hulpvragen.Hulpvraag",
        ):
            model = nieuw.get_model(label)
            ids = set(model._base_manager.values_list("cooperatie_id", flat=True))
            assert ids == {eerste.pk}, label
        assert nieuw.get_model("bewoners", "Categorie")._base_manager.count() >= 1
        Profiel = nieuw.get_model("bewoners", "Profiel")
        rollen = {
            p.user.email: sorted(g.name for g in p.rollen.all())
            for p in Profiel._base_manager.filter(cooperatie=eerste)
        }
        assert rollen == {
            "oud@example.org": ["buurtassistent"],
            "beheer@example.org": ["beheerder"],
        }
        assert not nieuw.get_model("bewoners", "User").objects.filter(groups__isnull=False).exists()
