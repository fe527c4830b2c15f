"""The second wall (cooperaties.rls): PostgreSQL's row-level security, as the application's
own role. Raw SQL with no filter at all sees only the current coöperatie's rows, and nothing
without one."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from bewoners.models import Buurt
from bewoners.tests.factories import BuurtFactory
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.rls import BEHEER, BELEID, over_alle_cooperaties, tenant_tabellen
from cooperaties.services import cooperatie_create

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"
    ),
    pytest.mark.django_db,
]


def _een(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _buurten_rauw() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT slug FROM bewoners_buurt")  # no filter whatsoever
        return {rij[0] for rij in cursor.fetchall()}


@pytest.fixture
def oost():
    return cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")


def test_the_application_runs_as_a_role_that_owns_nothing_and_is_no_superuser():
    assert settings.WIJK_DB_ROL, "the suite on PostgreSQL must run with WIJK_DB_ROL set"
    rol, superuser, omzeilt = _een(
        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
    )
    assert rol == settings.WIJK_DB_ROL
    assert not superuser and not omzeilt
    (eigen,) = _een(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"
    )
    assert eigen == 0


def test_every_tenant_table_has_its_policies_forced():
    tabellen = tenant_tabellen()
    assert "hulpvragen_hulpvraag" in tabellen
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) "
            "AND relrowsecurity AND relforcerowsecurity",
            [tabellen],
        )
        beveiligd = {rij[0] for rij in cursor.fetchall()}
        cursor.execute(
            "SELECT tablename, policyname FROM pg_policies WHERE tablename = ANY(%s)",
            [tabellen],
        )
        beleid = set(cursor.fetchall())
    assert set(tabellen) - beveiligd == set()
    assert {(t, BELEID) for t in tabellen} <= beleid
    assert {(t, BEHEER) for t in tabellen} <= beleid


def test_raw_sql_without_a_filter_sees_only_the_current_cooperatie(oost):
    BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(oost):
        BuurtFactory(naam="Haven", slug="haven")
        assert _buurten_rauw() == {"haven"}
        # The ORM's own path across coöperaties meets the wall too.
        assert {b.slug for b in Buurt.objects.alle_cooperaties()} == {"haven"}
    assert "centrum" in _buurten_rauw()
    assert "haven" not in _buurten_rauw()


def test_without_a_current_cooperatie_raw_sql_sees_nothing(oost):
    BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(None):
        assert _buurten_rauw() == set()
        assert _een("SELECT count(*) FROM hulpvragen_hulpvraag")[0] == 0


def test_a_row_cannot_be_written_into_another_cooperatie(oost):
    centrum = BuurtFactory(naam="Centrum", slug="centrum")
    pogingen = [
        (
            "INSERT INTO bewoners_buurt (naam, slug, postcodes, beschrijving, cooperatie_id) "
            "VALUES ('Elders', 'elders', '', '', %s)",
            [oost.pk],
        ),
        ("UPDATE bewoners_buurt SET cooperatie_id = %s WHERE id = %s", [oost.pk, centrum.pk]),
    ]
    for sql, params in pogingen:
        with (
            pytest.raises(DatabaseError, match="row-level security"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params)


def test_the_setting_follows_the_current_cooperatie_within_one_transaction(oost):
    eerste = huidige()
    with transaction.atomic():
        assert _een("SELECT current_setting('wijk.cooperatie', true)")[0] == str(eerste.pk)
        with in_cooperatie(oost):
            assert _een("SELECT current_setting('wijk.cooperatie', true)")[0] == str(oost.pk)
            with pytest.raises(DatabaseError), transaction.atomic():
                _een("SELECT 1/0")
        assert _een("SELECT current_setting('wijk.cooperatie', true)")[0] == str(eerste.pk)


def test_platform_work_takes_the_explicit_path_across_cooperaties(oost):
    BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(oost):
        BuurtFactory(naam="Haven", slug="haven")
        with over_alle_cooperaties():
            assert {"centrum", "haven"} <= {b.slug for b in Buurt.objects.alle_cooperaties()}
            assert _een("SELECT current_user = session_user")[0] is True
        assert _buurten_rauw() == {"haven"}
