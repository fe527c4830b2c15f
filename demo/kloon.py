"""Many coöperaties at once: copies of one seeded coöperatie, made in SQL (``bench_cooperaties``).

``seed_demo --scale 2000`` fills one coöperatie in about 13 seconds; 199 more that way would
take the better part of an hour. ``kopieer(bron, doelen)`` makes each coöperatie of ``doelen``
a full copy of ``bron`` with one ``INSERT ... SELECT`` per table for all of them together:

- **What is copied.** Every row of ``bron`` in every tenant table (``VanCooperatie``), the people
  (``User``: a copy is a new person, ``schaal-7@demo.wijk`` becomes
  ``schaal-7@<slug>.demo.wijk``) and every table that points at copied rows (their e-mail
  addresses, second factors, notification choices, the many-to-many tables). Not copied:
  sessions, the admin's history, e-mail confirmations (``NIET_KOPIEREN``), and the global
  tables the copies share (roles, permissions, the coöperaties themselves).
- **Ids and references.** A copied row gets ``id + n × stride`` (``n`` = 1, 2, ... for the
  coöperaties of ``doelen``; the stride of a table is its highest id in ``bron``), and every
  reference to a copied table moves the same way, so each copy points only at its own rows;
  ``cooperatie_id`` becomes the copy's. References to shared tables stay. The sequences are
  set past the new ids afterwards.
- **Order on disk.** The rows are inserted ordered by the original id and then by copy, so the
  coöperaties' rows lie interleaved in every table, as when they all work at the same time
  (not one coöperatie's rows together, which would flatter the figures).
- **Distributions.** Each copy has exactly the distributions of ``seed_demo --scale``: the same
  residents, requests, offers, matches, bookings, meetings and sign-ups, states and moments.

All in one transaction: all or nothing. On PostgreSQL it runs on the owner's explicit path
(``over_alle_cooperaties``) and loads as ``pg_restore`` does: the tables' indexes and
constraints are dropped first and made again afterwards from their own definitions (building an
index at once is many times quicker than growing it row by row; a foreign key is checked with
one join). 199 copies of a coöperatie of 2,000 residents (12.3 million rows) take 2–6 minutes
on a shared 2-core machine. It refuses a database that already holds rows of another coöperatie
than ``bron`` (it copies every person and every global per-person row).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction

from cooperaties.models import Cooperatie, VanCooperatie
from cooperaties.rls import over_alle_cooperaties

# Rows that belong to a moment or a browser rather than to a person's membership.
NIET_KOPIEREN = {
    "admin.logentry",
    "account.emailconfirmation",
    "sessions.session",
    "usersessions.usersession",
}


def _tenant(model) -> bool:
    return issubclass(model, VanCooperatie)


def _bruikbaar(model) -> bool:
    return not model._meta.proxy and (model._meta.managed or model._meta.auto_created)


def te_kopieren() -> list[type[models.Model]]:
    """The models whose rows a copy of a coöperatie gets, each after the ones it points at."""
    alle = [m for m in apps.get_models(include_auto_created=True) if _bruikbaar(m)]
    gekozen = {m for m in alle if _tenant(m)} | {get_user_model()}
    erbij = True
    while erbij:
        erbij = False
        for m in alle:
            if m in gekozen or m._meta.label_lower in NIET_KOPIEREN:
                continue
            if any(f.related_model in gekozen for f in m._meta.concrete_fields if f.is_relation):
                gekozen.add(m)
                erbij = True
    volgorde, klaar = [], set()
    rest = sorted(gekozen, key=lambda m: m._meta.label_lower)
    while rest:
        for m in rest:
            doelen = {
                f.related_model
                for f in m._meta.concrete_fields
                if f.is_relation and f.related_model in gekozen and f.related_model is not m
            }
            if doelen <= klaar:
                volgorde.append(m)
                klaar.add(m)
                rest.remove(m)
                break
        else:  # a circle of references: the rest in any order (the checks are deferred)
            volgorde += rest
            break
    return volgorde


def _per_persoon(model, veld) -> bool:
    """An e-mail address of a person (a global table): unique, so each copy gets its own."""
    return isinstance(veld, models.EmailField) and not _tenant(model)


def _controleer_uniek(model, gekozen: set) -> None:
    """Refuse a unique rule the copies would break (a new one: teach ``_uitdrukking`` it)."""

    def verschuift(naam: str) -> bool:
        veld = model._meta.get_field(naam)
        return (
            veld.primary_key
            or _per_persoon(model, veld)
            or (veld.is_relation and veld.related_model in {*gekozen, Cooperatie})
        )

    regels = [(f.name,) for f in model._meta.concrete_fields if f.unique]
    regels += [tuple(r) for r in model._meta.unique_together]
    regels += [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    for regel in regels:
        if not any(verschuift(naam) for naam in regel):
            raise RuntimeError(
                f"{model._meta.label}: de unieke regel {regel} zou in de kopieën botsen; "
                "demo/kloon.py weet nog niet hoe die kolom te kopiëren."
            )


def _uitdrukking(model, veld, strides: dict, q: Callable[[str], str]) -> str:
    kolom = f"t.{q(veld.column)}"
    if veld.primary_key:
        return f"{kolom} + k.n * {strides[model]}"
    if veld.is_relation:
        doel = veld.related_model
        if doel is Cooperatie:
            return "k.cooperatie_id"
        if doel in strides:
            if not veld.target_field.primary_key:
                raise RuntimeError(f"{model._meta.label}.{veld.name} wijst niet naar een id.")
            return f"{kolom} + k.n * {strides[doel]}"
        return kolom
    if _per_persoon(model, veld):
        return f"REPLACE({kolom}, '@', '@' || k.achter || '.')"
    return kolom


def _literal(tekst: str) -> str:
    return "'" + tekst.replace("'", "''") + "'"


def _kopieen(doelen: list[Cooperatie]) -> str:
    """The copies as a derived table ``k(n, cooperatie_id, achter)`` (our own numbers and
    slugs: no input of anyone)."""
    return " UNION ALL ".join(
        f"SELECT {n} AS n, {int(c.pk)} AS cooperatie_id, {_literal(c.slug)} AS achter"
        for n, c in enumerate(doelen, 1)
    )


def _alleen_bron(bron: Cooperatie) -> None:
    for model in apps.get_models():
        if _tenant(model) and model.objects.alle_cooperaties().exclude(cooperatie=bron).exists():
            raise RuntimeError(
                f"Er zijn al {model._meta.verbose_name_plural} van een andere coöperatie: "
                "kopiëren kan alleen uit een database met één coöperatie."
            )


def kopieer(bron: Cooperatie, doelen: list[Cooperatie], *, melden=None) -> dict[str, int]:
    """Copy every row of ``bron`` into each coöperatie of ``doelen`` (see the module's text) in
    one transaction; returns the rows made per table. ``melden(text)`` hears of each step."""
    melden = melden or (lambda tekst: None)
    if not doelen:
        return {}
    gemaakt = {}
    with over_alle_cooperaties(), transaction.atomic():
        _alleen_bron(bron)
        modellen = te_kopieren()
        gekozen = set(modellen)
        q = connection.ops.quote_name
        strides = {}
        for model in modellen:
            _controleer_uniek(model, gekozen)
            if not isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
                raise RuntimeError(f"{model._meta.label}: de id is geen getal.")
            beheer = model._base_manager
            rijen = beheer.filter(cooperatie=bron) if _tenant(model) else beheer.all()
            strides[model] = rijen.aggregate(m=models.Max("pk"))["m"] or 0
        kopieen = _kopieen(doelen)
        tabellen = [m._meta.db_table for m in modellen]
        with connection.cursor() as cursor, _zonder_indexen(cursor, tabellen, melden):
            begin = time.monotonic()
            per_tabel = {}
            for model in modellen:
                if not strides[model]:
                    continue
                started = time.monotonic()
                velden = model._meta.concrete_fields
                kolommen = ", ".join(q(v.column) for v in velden)
                waarden = ", ".join(_uitdrukking(model, v, strides, q) for v in velden)
                tabel = q(model._meta.db_table)
                waar = f" WHERE t.{q('cooperatie_id')} = {int(bron.pk)}" if _tenant(model) else ""
                cursor.execute(
                    f"INSERT INTO {tabel} ({kolommen}) SELECT {waarden} FROM {tabel} t "  # noqa: S608
                    f"CROSS JOIN ({kopieen}) k{waar} ORDER BY t.{q(model._meta.pk.column)}, k.n"
                )
                gemaakt[model._meta.db_table] = cursor.rowcount
                per_tabel[model._meta.db_table] = time.monotonic() - started
            traag = sorted(per_tabel.items(), key=lambda t: t[1], reverse=True)[:3]
            melden(
                f"{sum(gemaakt.values())} rijen ingevoegd in {time.monotonic() - begin:.1f} s "
                f"(het langst: {', '.join(f'{t} {s:.1f} s' for t, s in traag)})"
            )
            for sql in connection.ops.sequence_reset_sql(no_style(), modellen):
                cursor.execute(sql)
    return gemaakt


@contextmanager
def _zonder_indexen(cursor, tabellen: list[str], melden):
    """PostgreSQL: load without the tables' indexes and constraints, and make them again
    afterwards (as ``pg_restore`` does): building an index at once is many times quicker than
    growing it row by row, and a foreign key is checked with one join instead of a query per
    row. The definitions come from the database itself, so what comes back is what was there
    (names, ``DEFERRABLE``, conditions). In the caller's transaction: all or nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    # Our own session's settings for this transaction: memory for the sorts, one process
    # (the machine is shared), no wait for the commit's flush (a throw-away database).
    cursor.execute("SET LOCAL work_mem = '256MB'")
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    cursor.execute("SET LOCAL max_parallel_maintenance_workers = 0")
    cursor.execute("SET LOCAL synchronous_commit = off")
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
        "FROM pg_constraint WHERE (contype IN ('p', 'u', 'x') AND conrelid = ANY(%s::regclass[])) "
        "OR (contype = 'f' AND (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[]))) "
        "ORDER BY contype = 'f' DESC, 1, 2",
        [tabellen, tabellen, tabellen],
    )
    regels = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
        [tabellen],
    )
    indexen = cursor.fetchall()
    q = connection.ops.quote_name
    for tabel, naam, _definitie, _soort in regels:  # the foreign keys first
        cursor.execute(f"ALTER TABLE {tabel} DROP CONSTRAINT {q(naam)}")
    for naam, _definitie in indexen:
        cursor.execute(f"DROP INDEX {naam}")
    yield
    started = time.monotonic()
    for _naam, definitie in indexen:
        cursor.execute(definitie)
    for tabel, naam, definitie, soort in reversed(regels):  # the foreign keys last
        if soort != "f":
            cursor.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {q(naam)} {definitie}")
    gebouwd = time.monotonic()
    melden(
        f"{len(indexen)} indexen en {sum(r[3] != 'f' for r in regels)} sleutels en "
        f"uitsluitingen opnieuw gebouwd in {gebouwd - started:.1f} s"
    )
    for tabel, naam, definitie, soort in regels:
        if soort == "f":
            cursor.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {q(naam)} {definitie}")
    melden(
        f"{sum(r[3] == 'f' for r in regels)} verwijzende sleutels opnieuw gemaakt en gecontroleerd "
        f"in {time.monotonic() - gebouwd:.1f} s"
    )


def kruisende_verwijzingen() -> dict[str, int]:
    """Per reference from a tenant table (or a many-to-many table between them), the rows that
    point into another coöperatie, or at a person who is no member of the row's coöperatie
    (there must be none): ``{"hulpvragen_match.hulpvraag_id": 0, ...}``."""
    q = connection.ops.quote_name
    lid = get_user_model()._meta.get_field("id")  # a person: a membership (Profiel) here
    profiel = apps.get_model("bewoners", "Profiel")._meta.db_table
    uitslag = {}
    with over_alle_cooperaties(), connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            tabel = model._meta.db_table
            refs = [
                v
                for v in model._meta.concrete_fields
                if v.is_relation and (_tenant(v.related_model) or v.target_field == lid)
            ]
            if _tenant(model):
                eigen = "t.cooperatie_id"
            elif model._meta.auto_created and any(_tenant(v.related_model) for v in refs):
                anker = next(v for v in refs if _tenant(v.related_model))
                eigen = "a.cooperatie_id"
                van = (
                    f"{q(tabel)} t JOIN {q(anker.related_model._meta.db_table)} a "
                    f"ON a.id = t.{q(anker.column)}"
                )
            else:
                continue
            for veld in refs:
                basis = van if eigen == "a.cooperatie_id" else f"{q(tabel)} t"
                if veld.target_field == lid:
                    sql = (
                        f"SELECT COUNT(*) FROM {basis} WHERE t.{q(veld.column)} IS NOT NULL AND "  # noqa: S608
                        f"NOT EXISTS (SELECT 1 FROM {q(profiel)} p WHERE p.user_id = "
                        f"t.{q(veld.column)} AND p.cooperatie_id = {eigen})"
                    )
                else:
                    sql = (
                        f"SELECT COUNT(*) FROM {basis} JOIN {q(veld.related_model._meta.db_table)} "  # noqa: S608
                        f"d ON d.{q(veld.target_field.column)} = t.{q(veld.column)} "
                        f"WHERE d.cooperatie_id <> {eigen}"
                    )
                cursor.execute(sql)
                uitslag[f"{tabel}.{veld.column}"] = cursor.fetchone()[0]
    return uitslag
