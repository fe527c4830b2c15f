"""Row-level tenancy (issue 14): every model is scoped to its coöperatie or declared global.

A new model that is neither fails here, as does a tenant model whose indexes or unique rules do
not start with ``cooperatie`` or that still has a unique column of its own.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from bewoners.models import Buurt, Categorie
from bewoners.tests.factories import BuurtFactory
from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.models import PerCooperatieManager, VanCooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.services import cooperatie_create

# Models that belong to no one coöperatie, and why. Everything else is tenant-owned.
GLOBAAL: dict[str, str] = {
    "cooperaties.cooperatie": "the coöperaties themselves",
    "cooperaties.domein": "decides which coöperatie a request is for, before there is one",
    "bewoners.user": "one login for a person, whichever coöperaties they take part in",
    "meldingen.voorkeur": "a person's own choice of how to be notified, in every coöperatie",
    "meldingen.instellingen": "a person's own digest choice, in every coöperatie",
    # Django and allauth: the platform's machinery and a person's own login.
    "admin.logentry": "the Django admin's history of the staff's own changes",
    "auth.permission": "the admin's permissions, the same for every coöperatie",
    "auth.group": "the names of the roles",
    "contenttypes.contenttype": "Django's list of models",
    "sessions.session": "a browser's login session",
    "sites.site": "the installation's site (allauth)",
    "account.emailaddress": "a person's login e-mail addresses",
    "account.emailconfirmation": "a person's login e-mail confirmations",
    "mfa.authenticator": "a person's second factor",
    "usersessions.usersession": "a person's login sessions",
}


def _label(model) -> str:
    return model._meta.label_lower


def _tenant_models():
    return [m for m in apps.get_models() if _label(m) not in GLOBAAL and not m._meta.auto_created]


def test_every_model_is_scoped_to_its_cooperatie_or_declared_global():
    onbekend = sorted(
        _label(m)
        for m in apps.get_models()
        if _label(m) not in GLOBAAL
        and not m._meta.auto_created
        and not issubclass(m, VanCooperatie)
    )
    assert onbekend == [], (
        "Make these models VanCooperatie (cooperaties.models) or declare them in GLOBAAL with "
        f"the reason: {onbekend}"
    )
    verdwenen = sorted(set(GLOBAAL) - {_label(m) for m in apps.get_models()})
    assert verdwenen == [], f"GLOBAAL names models that do not exist: {verdwenen}"


@pytest.mark.parametrize("model", _tenant_models(), ids=_label)
def test_a_tenant_model_is_scoped_and_its_indexes_and_unique_rules_start_with_it(model):
    veld = model._meta.get_field("cooperatie")
    assert veld.remote_field.model._meta.label_lower == "cooperaties.cooperatie"
    assert not veld.null
    assert isinstance(model._default_manager, PerCooperatieManager), (
        f"{_label(model)}: the default manager must be per_cooperatie(...)"
    )
    eigen_uniek = [f.name for f in model._meta.local_fields if f.unique and not f.primary_key]
    assert eigen_uniek == [], (
        f"{_label(model)}: unique per coöperatie, not across them: {eigen_uniek}"
    )
    assert model._meta.unique_together == ()
    for regel in [*model._meta.indexes, *model._meta.constraints]:
        if isinstance(regel, models.CheckConstraint):
            continue
        velden = [v.lstrip("-") for v in getattr(regel, "fields", ())]
        if velden:
            assert velden[0] == "cooperatie", f"{_label(model)}.{regel.name} starts with {velden}"


def test_many_to_many_tables_join_rows_of_one_cooperatie():
    """The tables Django makes for a many-to-many field hold two ids, of rows that are each
    scoped (or of a person, who is global): they are walled by both ends."""
    for model in apps.get_models():
        for veld in model._meta.local_many_to_many:
            if not veld.remote_field.through._meta.auto_created or _label(model) in GLOBAAL:
                continue
            ander = veld.remote_field.model
            assert issubclass(ander, VanCooperatie) or _label(ander) in GLOBAAL, (
                f"{_label(model)}.{veld.name}"
            )


@pytest.fixture
def oost(db):
    return cooperatie_create(naam="Wijkcoöperatie Oost", slug="oost")


def test_rows_of_one_cooperatie_are_out_of_reach_of_another(oost):
    eerste = huidige()
    hier = BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(oost):
        daar = BuurtFactory(naam="Centrum", slug="centrum")  # the same slug: per coöperatie
        assert daar.cooperatie == oost
        assert list(Buurt.objects.filter(slug="centrum")) == [daar]
        assert not Buurt.objects.filter(pk=hier.pk).exists()
        assert Categorie.objects.count() == 0  # the categories are the first coöperatie's
    assert hier.cooperatie == eerste
    assert list(Buurt.objects.filter(slug="centrum")) == [hier]
    with over_alle_cooperaties():  # the database's side of the explicit path
        assert set(Buurt.objects.alle_cooperaties().filter(slug="centrum")) == {hier, daar}


def test_a_queryset_made_earlier_shows_the_cooperatie_current_when_it_runs(oost):
    """Form fields and class attributes make their QuerySet at import time."""
    vooraf = Buurt.objects.all()
    BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(oost):
        BuurtFactory(naam="Haven", slug="haven")
        assert [b.slug for b in vooraf.all()] == ["haven"]
    assert [b.slug for b in vooraf.all()] == ["centrum"]


def test_outside_any_cooperatie_no_row_is_seen_and_none_is_made(oost):
    BuurtFactory(naam="Centrum", slug="centrum")
    with in_cooperatie(None):
        assert Buurt.objects.count() == 0
        assert Categorie.objects.exists() is False
        # NOT NULL refuses it (and on PostgreSQL the row-level security before that).
        with pytest.raises(DatabaseError), transaction.atomic():
            Buurt.objects.create(naam="Nergens", slug="nergens")
    with over_alle_cooperaties():
        assert Buurt.objects.alle_cooperaties().filter(slug="nergens").count() == 0


def test_related_rows_are_scoped_too(oost, bewoner):
    """A reverse relation or many-to-many uses the scoped manager; ``user.profiel`` is the
    membership in the current coöperatie."""
    profiel = bewoner.profiel
    assert profiel.buurt.profielen.filter(pk=profiel.pk).exists()
    with in_cooperatie(oost):
        assert list(profiel.kan_categorieen.all()) == []
        assert not profiel.buurt.profielen.exists()
        zelfde = type(bewoner).objects.get(pk=bewoner.pk)  # one login, no profile here
        assert getattr(zelfde, "profiel", None) is None
        assert not type(bewoner).objects.filter(pk=bewoner.pk, profiel__id__isnull=False).exists()


@pytest.mark.django_db
def test_a_unique_rule_per_cooperatie_gives_a_clear_message_in_a_form():
    BuurtFactory(naam="Centrum", slug="centrum")
    dubbel = Buurt(naam="Centrum", slug="centrum")
    with pytest.raises(ValidationError) as fout:
        dubbel.full_clean()
    assert set(fout.value.message_dict) == {"naam", "slug"}
    assert "bestaat al" in " ".join(fout.value.message_dict["slug"])
