"""The outsider matrix (issue 12, deliverable 3): every page as every persona, marker strings in
every personal field, and no marker of a class the persona may not see of that person.

How it works, in five steps, all derived from the code so the matrix grows with it:

1. **Classes of fields.** Every CharField/TextField/EmailField of every model of the project's
   apps is classified here (``VELDEN``): publiek, contact, thuis, prive, gevoelig, or not
   personal. Every model says whose data its rows are and who may act on them (``EIGENDOM``).
   A new model or text field without them fails ``test_every_text_field_is_classified``; a
   personal field that no row of the data set fills fails
   ``test_every_personal_field_carries_a_marker`` (``bouw_wijk`` then makes such a row).
2. **Personas and markers.** One data set: two buurten each with its own buurtassistent (and one
   nobody follows), the personas of the issue and a few more owners (someone who asks to join,
   a member who shows their name, an old booker, a resident without consent, a resident entered
   at an intake). Then every personal text field of every row owned by someone gets a unique
   marker (``~m17~``), recorded with its owner(s) and class.
3. **GET.** The URL list comes from walking the resolver (without ``admin/`` and ``accounts/``);
   parameters are filled from the rows of the model a pattern is about, derived from the route
   (the word before ``<pk>``, a model's slug, ``URL_MODELLEN`` for words that do not name their
   model); a parameterised pattern of a project app that cannot be filled fails. Every URL is
   opened as every persona (POST-only views excepted): the status must be acceptable and no
   marker may appear of a class the persona may not see of its owner. What a persona may see
   is computed here from the matrix in ``docs/toegang.md`` (``Orakel``), from the rows
   themselves, never by asking ``bewoners.permissions``. A secret calendar link is read as its
   owner (whoever has the link reads the feed). The data exports are opened last, after the
   buurtassistenten looked at residents' pages, so the access log is in them.
4. **POST.** Every URL whose view accepts POST is posted to, with the form the page itself
   offers (read from the pages of step 3, empty fields filled in as a person would), by every
   persona who may not act on its object (URLs without an object: by everyone). Each POST runs
   in a transaction that is rolled back; when it wrote to a project table, the rows are
   compared with the state before: nothing a persona may not act on may be new, gone or
   changed. A control POST by someone who may act shows the form data is plausible.
5. **Another coöperatie's people** (issue 14). Every URL, already opened in step 3b as this
   coöperatie's personas on the host of a second coöperatie ("elders"), is opened by that
   coöperatie's own personas (a resident, a buurtassistent, a board member, a beheerder, and a
   resident here who is a buurtassistent there; roles and memberships made there): on their own
   host no marker of this coöperatie may show, but the account (name, e-mail) of someone who is
   a member there too, as the oracle computed there allows (opening a page of a coöperatie
   makes one a resident there: step 3b did so for this coöperatie's personas); on this host
   they are outsiders, allowed what the oracle allows any logged-in person without a relation
   or role here (opening pages may make them residents here, never more). They POST step 4's
   forms on their own host: no row of this coöperatie may be new, gone or changed, and no row
   may come to point at one.

Counts are printed: markers planted, URLs x personas opened, POSTs checked.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from importlib import import_module
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone, translation

from cooperaties.huidige import huidige, in_cooperatie
from cooperaties.rls import over_alle_cooperaties
from cooperaties.selectors import cooperatie_voor_host

PROJECT_APPS = (
    "cooperaties",
    "bewoners",
    "meldingen",
    "hulpvragen",
    "accommodaties",
    "initiatieven",
    "buurtassistenten",
    "rapportages",
)
# The project's own URL modules: these must all be filled (wijk: the project package).
EIGEN_MODULES = {*PROJECT_APPS, "wijk"}
OVERGESLAGEN_PREFIXEN = ("admin/", "accounts/")  # staff-only / allauth: tested elsewhere

PUBLIEK, CONTACT, THUIS, PRIVE, GEVOELIG = "publiek", "contact", "thuis", "prive", "gevoelig"
NIET = "niet persoonlijk"


# --- 1. the classes of every text field ---------------------------------------------------------


@dataclass(frozen=True)
class Klasse:
    """The class of a field, and the name of a single field a relation may grant (VELDEN of
    ``bewoners.permissions``: voornaam, naam, email, telefoon, ...)."""

    klasse: str | Callable[[models.Model], str]
    veld: str = ""


def _contactmoment(notitie_rij) -> str:
    return GEVOELIG if notitie_rij.gevoelig else PRIVE


# (model label, field) -> class. Fields with choices are not free text and need no entry.
VELDEN: dict[str, dict[str, Klasse]] = {
    "bewoners.user": {
        "first_name": Klasse(PUBLIEK, "voornaam"),
        "last_name": Klasse(CONTACT, "naam"),
        "email": Klasse(CONTACT, "email"),
        "password": Klasse(NIET),  # a hash; never shown
    },
    "bewoners.buurt": {
        "naam": Klasse(NIET),
        "slug": Klasse(NIET),
        "postcodes": Klasse(NIET),
        "beschrijving": Klasse(NIET),
    },
    "bewoners.categorie": {
        "naam": Klasse(NIET),
        "slug": Klasse(NIET),
        "beschrijving": Klasse(NIET),
    },
    "bewoners.profiel": {
        "wat_wil_je": Klasse(PUBLIEK),
        "wat_kun_je": Klasse(PUBLIEK),
        "wat_heb_je_te_bieden": Klasse(PUBLIEK),
        "wat_heb_je_nodig": Klasse(PRIVE, "nodig"),
        "adres": Klasse(THUIS, "adres"),
        "postcode": Klasse(THUIS, "postcode"),
        "woonplaats": Klasse(THUIS, "woonplaats"),
        "telefoon": Klasse(CONTACT, "telefoon"),
    },
    "meldingen.melding": {
        "soort": Klasse(NIET),
        "titel": Klasse(PRIVE),  # a notification is for its recipient only
        "tekst": Klasse(PRIVE),
        "url": Klasse(NIET),
    },
    "meldingen.voorkeur": {"soort": Klasse(NIET)},
    "hulpvragen.hulpvraag": {
        "titel": Klasse(PUBLIEK),
        "beschrijving": Klasse(PUBLIEK),
        "prive_details": Klasse(PRIVE),
    },
    "hulpvragen.aanbod": {"titel": Klasse(PUBLIEK), "beschrijving": Klasse(PUBLIEK)},
    # What the two sides wrote about their match: private to them (and who works for them).
    "hulpvragen.match": {"reden": Klasse(PRIVE), "bedankje": Klasse(PRIVE)},
    "accommodaties.accommodatie": {
        "naam": Klasse(NIET),
        "slug": Klasse(NIET),
        "beschrijving": Klasse(NIET),
        "adres": Klasse(NIET),  # the facility's address, not a person's
        "toegankelijkheid": Klasse(NIET),
        "huisregels": Klasse(NIET),
        "prijsinformatie": Klasse(NIET),
    },
    "accommodaties.sluiting": {"reden": Klasse(NIET)},
    # "Who booked and why: only the booker and the facility's keepers (and the beheerder role)"
    # (accommodaties.permissions): private to the booker, shared with the keepers (EIGENDOM).
    "accommodaties.reservering": {
        "namens": Klasse(PRIVE),
        "doel": Klasse(PRIVE),
        "reden": Klasse(PRIVE),
    },
    # The secret of a personal calendar link: whoever has it reads the owner's feed.
    "accommodaties.agendasleutel": {"sleutel": Klasse(PRIVE)},
    "initiatieven.initiatief": {
        "naam": Klasse(NIET),
        "slug": Klasse(NIET),
        "beschrijving": Klasse(NIET),
        "contact": Klasse(NIET),  # "Dit ziet iedereen": the initiative's own contact
        "adres": Klasse(NIET),
        # The beheerder's word to the organisers on a refused initiative: about the initiative.
        "reden_afwijzing": Klasse(NIET),
    },
    "initiatieven.activiteit": {
        "titel": Klasse(NIET),
        "beschrijving": Klasse(NIET),
        "locatie": Klasse(NIET),
        "regel": Klasse(NIET),
    },
    "initiatieven.bijeenkomst": {"reden": Klasse(NIET)},
    "buurtassistenten.contactmoment": {"notitie": Klasse(_contactmoment)},
    "buurtassistenten.wijkpartner": {"naam": Klasse(NIET), "contact": Klasse(NIET)},
    "buurtassistenten.namens": {"omschrijving": Klasse(PRIVE)},
    "buurtassistenten.inzage": {"wat": Klasse(PRIVE)},
    "rapportages.waardering": {"toelichting": Klasse(NIET)},
    # The name of a counted series ("hulpvragen", "klaar"): the code's, not a person's.
    "rapportages.maandtelling": {"reeks": Klasse(NIET)},
    # The coöperatie's own public face and contact: an organisation's, not a person's.
    "cooperaties.cooperatie": {
        "naam": Klasse(NIET),
        "slug": Klasse(NIET),
        "email": Klasse(NIET),
        "telefoon": Klasse(NIET),
        "kleur": Klasse(NIET),
        "privacyverklaring": Klasse(NIET),
    },
    "cooperaties.domein": {"host": Klasse(NIET)},
}


@dataclass(frozen=True)
class Eigendom:
    """Whose data a row is and who may act on it.

    ``eigenaren``: paths to the people the row is about (the first one is the main one);
    ``mede``: people who see it as if it were theirs (the author of a note, the keepers of a
    facility for its bookings); ``handelaars``: who else may change it (``rol:<naam>`` is
    everyone with that role); ``namens``: the buurtassistent *for* the main owner may act on
    it (docs/toegang.md: acting on a resident's behalf).
    """

    eigenaren: tuple[str, ...] = ()
    mede: tuple[str, ...] = ()
    handelaars: tuple[str, ...] = ()
    namens: bool = False


BEHEER_RUIMTE = ("accommodatie__beheerders", "rol:beheerder")
EIGENDOM: dict[str, Eigendom] = {
    "bewoners.user": Eigendom(("pk",), namens=True),
    "bewoners.profiel": Eigendom(("user",), namens=True),
    "bewoners.buurt": Eigendom(),
    "bewoners.categorie": Eigendom(),
    "meldingen.melding": Eigendom(("ontvanger",)),
    "meldingen.voorkeur": Eigendom(("user",)),
    "meldingen.instellingen": Eigendom(("user",)),
    "hulpvragen.hulpvraag": Eigendom(("aanvrager",), mede=("ingevoerd_door",), namens=True),
    "hulpvragen.aanbod": Eigendom(("helper",)),
    "hulpvragen.match": Eigendom(
        ("hulpvraag__aanvrager", "helper"),
        handelaars=("hulpvraag__ingevoerd_door",),
        namens=True,
    ),
    "hulpvragen.zoekregel": Eigendom(("helper",)),
    "accommodaties.accommodatie": Eigendom(handelaars=("beheerders", "rol:beheerder")),
    "accommodaties.openingstijd": Eigendom(handelaars=BEHEER_RUIMTE),
    "accommodaties.sluiting": Eigendom(handelaars=BEHEER_RUIMTE),
    "accommodaties.reeks": Eigendom(("geboekt_door",), mede=BEHEER_RUIMTE, namens=True),
    "accommodaties.reservering": Eigendom(("geboekt_door",), mede=BEHEER_RUIMTE, namens=True),
    "accommodaties.agendasleutel": Eigendom(("user",)),
    "initiatieven.initiatief": Eigendom(handelaars=("organisatoren", "rol:beheerder")),
    "initiatieven.lidmaatschap": Eigendom(
        ("user",), handelaars=("initiatief__organisatoren", "rol:beheerder"), namens=True
    ),
    "initiatieven.activiteit": Eigendom(handelaars=("initiatief__organisatoren", "rol:beheerder")),
    "initiatieven.bijeenkomst": Eigendom(
        handelaars=("activiteit__initiatief__organisatoren", "rol:beheerder")
    ),
    "initiatieven.aanmelding": Eigendom(
        ("user",),
        handelaars=("bijeenkomst__activiteit__initiatief__organisatoren", "rol:beheerder"),
        namens=True,
    ),
    "buurtassistenten.contactmoment": Eigendom(("bewoner",), mede=("door",), namens=True),
    "buurtassistenten.vervolg": Eigendom(("bewoner",), namens=True),
    "buurtassistenten.wijkpartner": Eigendom(handelaars=("rol:buurtassistent",)),
    "buurtassistenten.doorverwijzing": Eigendom(("bewoner",), mede=("door",), namens=True),
    "buurtassistenten.intake": Eigendom(("bewoner",), mede=("door",), namens=True),
    "buurtassistenten.namens": Eigendom(("voor",), mede=("door",), namens=True),
    "buurtassistenten.inzage": Eigendom(("bewoner",), mede=("door",), namens=True),
    # Counts per buurt the beat keeps (issue 16): nobody's data, no page changes them.
    "buurtassistenten.signaaltelling": Eigendom(),
    "rapportages.waardering": Eigendom(handelaars=("rol:bestuur",)),
    # The report's monthly counts the beat keeps (issue 16): nobody's data, no page changes them.
    "rapportages.maandtelling": Eigendom(),
    # Set up by the platform beheerder (in the admin and by a command; no page of their own).
    "cooperaties.cooperatie": Eigendom(handelaars=("rol:beheerder",)),
    "cooperaties.domein": Eigendom(handelaars=("rol:beheerder",)),
}
# New rows here record what happened (a look at private data, a notification), not a change.
ALLEEN_VASTLEGGEN = {"buurtassistenten.inzage", "meldingen.melding"}
# Many-to-many tables take the rule of the model that declares the field, except these: who is
# in which role group, and who follows which buurt, only the admin changes.
ALLEEN_BEHEER = {"bewoners.user_groups", "bewoners.user_user_permissions"}


def project_modellen(*, met_tussentabellen: bool = False) -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=met_tussentabellen)
        if m._meta.app_label in PROJECT_APPS
    ]


def tekstvelden(model) -> list[models.Field]:
    """The free-text fields of a model (with choices: an enumeration, not free text)."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices
    ]


def test_every_text_field_is_classified():
    """Every text field of every project model has a class, every model an owner rule; and the
    tables name no field or model that is gone (so they stay true as the code changes)."""
    ontbrekend, verouderd = [], []
    bestaand = {}
    for model in project_modellen():
        label = model._meta.label_lower
        namen = {f.name for f in tekstvelden(model)}
        bestaand[label] = namen
        if label not in EIGENDOM:
            ontbrekend.append(f"{label}: no entry in EIGENDOM (whose data is a row?)")
        for naam in sorted(namen - set(VELDEN.get(label, {}))):
            ontbrekend.append(f"{label}.{naam}: no class in VELDEN")
    for label, velden in VELDEN.items():
        for naam in sorted(set(velden) - bestaand.get(label, set())):
            verouderd.append(f"{label}.{naam}")
    verouderd += [label for label in EIGENDOM if label not in bestaand]
    assert not ontbrekend, "Classify these (docs/toegang.md has the classes):\n" + "\n".join(
        ontbrekend
    )
    assert not verouderd, "These fields or models no longer exist:\n" + "\n".join(verouderd)


# --- 2. the data set and its markers --------------------------------------------------------------

# Personas who open every page; None is the anonymous visitor.
PERSONAS = (
    "anoniem",
    "bewoner_a",  # unrelated resident in buurt A
    "bewoner_b",  # unrelated resident in buurt B
    "aanvrager",  # requester: one request with a proposed match, one with an accepted match
    "helper_voor",  # helper of the proposed match (before accepting)
    "helper_na",  # helper of the accepted match (lives in buurt B)
    "organisator",
    "lid",
    "ruimtebeheerder",  # keeper of a facility
    "boeker",  # booker with an active booking at that facility
    "ba_a",  # buurtassistent of buurt A
    "ba_b",  # buurtassistent of buurt B
    "bestuur",
    "beheerder",
)
STAF = {"ba_a", "ba_b", "bestuur", "beheerder"}


@dataclass(frozen=True)
class Marker:
    tekst: str
    model: str
    veld: str
    pk: object
    klasse: str
    veldnaam: str  # a single field a relation may grant ("naam", "email"), or ""
    eigenaren: tuple[int, ...]
    mede: frozenset[int]


def _moment(dagen: int, uur: int) -> datetime:
    dag = timezone.localdate() + timedelta(days=dagen)
    return timezone.make_aware(datetime.combine(dag, time(uur, 0)))


def bouw_wijk() -> dict:
    """The personas, their things and their relations (factories and services of the apps)."""
    from accommodaties.models import AgendaSleutel, Sluiting
    from accommodaties.tests.factories import AccommodatieFactory, ReserveringFactory
    from bewoners.roles import Rol
    from bewoners.tests.factories import BuurtFactory, UserFactory
    from buurtassistenten.models import (
        Contactmoment,
        Doorverwijzing,
        Intake,
        Inzage,
        Namens,
        Vervolg,
        Wijkpartner,
    )
    from hulpvragen.tests.factories import AanbodFactory, HulpvraagFactory, MatchFactory
    from initiatieven import services as initiatief_services
    from initiatieven.models import Aanmelding, Initiatief, Lidmaatschap
    from initiatieven.tests.factories import InitiatiefFactory
    from meldingen.tests.factories import MeldingFactory
    from rapportages.models import Waardering

    # Roles and categories as the data migration makes them (a transactional test that ran
    # before may have emptied the tables; the migration's own function is idempotent).
    import_module("bewoners.migrations.0002_rollen_categorieen_site").forwards(apps, None)

    a = BuurtFactory(naam="Matrix Noord", slug="matrix-noord", postcodes="3541")
    b = BuurtFactory(naam="Matrix Zuid", slug="matrix-zuid", postcodes="3543")
    c = BuurtFactory(naam="Matrix Oost", slug="matrix-oost", postcodes="3545")  # nobody follows

    def persoon(naam, buurt, **kw):
        return UserFactory(first_name=naam, profiel__buurt=buurt, **kw)

    p = {
        "bewoner_a": persoon("Anna", a),
        "bewoner_b": persoon("Bram", b),
        "aanvrager": persoon("Aad", a),
        "helper_voor": persoon("Hanna", a),
        "helper_na": persoon("Hugo", b),
        "organisator": persoon("Otto", a),
        "lid": persoon("Lies", b),
        "ruimtebeheerder": persoon("Rik", a),
        "boeker": persoon("Bo", b),
        "ba_a": persoon("Basje", a, rollen=[Rol.BUURTASSISTENT], with_mfa=True),
        "ba_b": persoon("Bartje", b, rollen=[Rol.BUURTASSISTENT], with_mfa=True),
        "bestuur": persoon("Bea", a, rollen=[Rol.BESTUUR], with_mfa=True),
        "beheerder": persoon("Ben", b, rollen=[Rol.BEHEERDER], is_staff=True, with_mfa=True),
        # owners only
        "aspirant": persoon("Ada", a),  # asks to join the initiative
        "lid_open": persoon("Lotte", a),  # member who shows name and e-mail to members
        "oud_boeker": persoon("Olaf", a),  # booking ended three days ago
        "stille": persoon("Stan", a, profiel__zonder_toestemming=True),  # no consent
        # entered at an intake, without e-mail, in the buurt nobody follows
        "bewoner_c": persoon("Cor", c, email=None),
        # a resident here and a buurtassistent of the second coöperatie (step 5, bouw_elders)
        "dubbel": persoon("Dewi", b),
    }
    a.buurtassistenten.add(p["ba_a"])
    b.buurtassistenten.add(p["ba_b"])

    # Help: a proposal (before accepting) and an accepted match, requests of others.
    # Offers that reach the whole wijk: each helper is a candidate for requests in the other
    # buurt too (the coordination page lists candidates: by first name to another buurt's
    # assistant).
    aanbod_voor = AanbodFactory(helper=p["helper_voor"], bereik="overal")
    AanbodFactory(helper=p["helper_na"], bereik="overal")
    r1 = HulpvraagFactory(aanvrager=p["aanvrager"])
    MatchFactory(hulpvraag=r1, helper=p["helper_voor"], aanbod=aanbod_voor)
    r2 = HulpvraagFactory(aanvrager=p["aanvrager"], gematcht=True)
    MatchFactory(hulpvraag=r2, helper=p["helper_na"], geaccepteerd=True)
    r3 = HulpvraagFactory(aanvrager=p["bewoner_c"], ingevoerd_door=p["ba_a"])
    HulpvraagFactory(aanvrager=p["bewoner_b"])

    # An initiative with an organiser, members (one shows name and e-mail), one who asks to
    # join; an activity with a sign-up; a stopped initiative.
    init = InitiatiefFactory(
        organisatoren=[p["organisator"]],
        leden=[p["lid"], p["lid_open"]],
        aanmelden=Initiatief.Aanmelden.GOEDKEURING,
    )
    init.buurten.add(a, b)
    Lidmaatschap.objects.filter(initiatief=init, user=p["lid_open"]).update(
        toon_naam_en_contact=True
    )
    Lidmaatschap.objects.create(
        initiatief=init, user=p["aspirant"], status=Lidmaatschap.Status.AANGEVRAAGD
    )
    activiteit = initiatief_services.activiteit_create(
        initiatief=init,
        door=p["organisator"],
        titel="Ommetje",
        begin=_moment(4, 10),
        einde=_moment(4, 11),
    )
    Aanmelding.objects.create(
        bijeenkomst=activiteit.bijeenkomsten.get(),
        user=p["lid"],
        status=Aanmelding.Status.AANGEMELD,
    )
    InitiatiefFactory(organisatoren=[p["organisator"]], status=Initiatief.Status.GESTOPT)
    # One that waits for the beheerder's approval: its organiser and the beheerder open it.
    InitiatiefFactory(organisatoren=[p["organisator"]], status=Initiatief.Status.WACHT)

    # A facility with its keeper, an active booking and one that ended three days ago.
    zaal = AccommodatieFactory(beheerders=[p["ruimtebeheerder"]], buurt=a)
    ReserveringFactory(
        accommodatie=zaal,
        geboekt_door=p["boeker"],
        begin=_moment(2, 10),
        status="aangevraagd",
        doel="Repetitie",
    )
    ReserveringFactory(accommodatie=zaal, geboekt_door=p["oud_boeker"], begin=_moment(-3, 10))
    Sluiting.objects.create(
        accommodatie=zaal, van=_moment(20, 8), tot=_moment(21, 8), reden="Onderhoud"
    )
    AgendaSleutel.voor(p["boeker"])
    AgendaSleutel.voor(p["lid"])

    # Coordination: contact moments (ordinary and sensitive), a follow-up, a referral, an
    # intake, something done on someone's behalf, a look in the access log.
    for bewoner, door, gevoelig in (
        (p["aanvrager"], p["ba_a"], False),
        (p["aanvrager"], p["ba_a"], True),
        (p["helper_na"], p["ba_b"], True),
        (p["bewoner_c"], p["ba_a"], True),
    ):
        Contactmoment.objects.create(
            bewoner=bewoner, door=door, kanaal="telefoon", gevoelig=gevoelig
        )
    Vervolg.objects.create(bewoner=p["aanvrager"], datum=timezone.localdate(), reden="afspraak")
    partner = Wijkpartner.objects.create(naam="Huisartsenpraktijk De Hoek", soort="huisarts")
    Doorverwijzing.objects.create(
        bewoner=p["aanvrager"], partner=partner, behoefte="zorg", door=p["ba_a"]
    )
    Intake.objects.create(bewoner=p["bewoner_c"], door=p["ba_a"], toestemming_hoe="mondeling")
    Namens.objects.create(door=p["ba_a"], voor=p["bewoner_c"], wat="hulpvraag", object_id=r3.pk)
    Inzage.objects.create(door=p["ba_a"], bewoner=p["aanvrager"])

    for user in p.values():
        MeldingFactory(ontvanger=user, url="/hulp/")
    Waardering.objects.get_or_create(sleutel="vrijwilligersuur", defaults={"bedrag": 15})

    # A logo, so its public page has something to show (without one it is a 404); the host's
    # remembered coöperatie is read again.
    from PIL import Image

    from cooperaties.selectors import vergeet_hosts
    from cooperaties.services import logo_zetten

    plaatje = io.BytesIO()
    Image.new("RGB", (8, 8), "#1f6f43").save(plaatje, "PNG")
    logo_zetten(huidige(), plaatje)
    vergeet_hosts()
    return p


# The personas of the second coöperatie (step 5), each with a login of their own.
PERSONAS_ELDERS = (
    "b_bewoner",  # resident there
    "b_ba",  # buurtassistent there
    "b_bestuur",
    "b_beheerder",  # is_staff, as the beheerder here
    "dubbel",  # a resident here (bouw_wijk) and a buurtassistent there
)
# Their roles there (each profile holds "bewoner" too).
ROLLEN_ELDERS = {
    "b_bewoner": {"bewoner"},
    "b_ba": {"bewoner", "buurtassistent"},
    "b_bestuur": {"bewoner", "bestuur"},
    "b_beheerder": {"bewoner", "beheerder"},
    "dubbel": {"bewoner", "buurtassistent"},
}


def bouw_elders(elders, dubbel) -> dict:
    """The personas of coöperatie ``elders``, made inside it: their memberships and roles are
    there only (``dubbel`` keeps the resident's membership here). Staff as ``bouw_wijk`` makes
    them: a second factor for the coordinating roles, ``is_staff`` for the beheerder. Its
    buurten have the slugs and postcodes of this coöperatie's (two coöperaties in one town);
    its buurtassistenten follow one each."""
    from bewoners.roles import Rol, assign_role
    from bewoners.tests.factories import BuurtFactory, ProfielFactory, UserFactory, add_totp

    with in_cooperatie(elders):
        noord = BuurtFactory(naam="Elders Noord", slug="matrix-noord", postcodes="3541")
        zuid = BuurtFactory(naam="Elders Zuid", slug="matrix-zuid", postcodes="3543")

        def persoon(naam, buurt, **kw):
            return UserFactory(first_name=naam, profiel__buurt=buurt, **kw)

        p = {
            "b_bewoner": persoon("Britt", noord),
            "b_ba": persoon("Bas", noord, rollen=[Rol.BUURTASSISTENT], with_mfa=True),
            "b_bestuur": persoon("Bert", zuid, rollen=[Rol.BESTUUR], with_mfa=True),
            "b_beheerder": persoon(
                "Boris", zuid, rollen=[Rol.BEHEERDER], is_staff=True, with_mfa=True
            ),
        }
        noord.buurtassistenten.add(p["b_ba"])
        ProfielFactory(user=dubbel, buurt=zuid)
        assign_role(dubbel, Rol.BEWONER)
        assign_role(dubbel, Rol.BUURTASSISTENT)
        zuid.buurtassistenten.add(dubbel)
        add_totp(dubbel)  # a buurtassistent there: a second factor
        p["dubbel"] = dubbel
    return p


def _rollen_in(cooperatie, users: dict) -> dict[str, set[str]]:
    """persona -> their role names in ``cooperatie`` (no membership: no entry)."""
    from bewoners.models import Profiel

    naam_van = {user.pk: naam for naam, user in users.items()}
    uit: dict[str, set[str]] = {}
    profielen = Profiel._base_manager.filter(cooperatie=cooperatie, user__in=list(naam_van))
    for user_id in profielen.values_list("user_id", flat=True):
        uit[naam_van[user_id]] = set()
    for user_id, rol in Profiel.rollen.through.objects.filter(
        profiel__cooperatie=cooperatie, profiel__user__in=list(naam_van)
    ).values_list("profiel__user_id", "group__name"):
        uit[naam_van[user_id]].add(rol)
    return uit


def _met_rol() -> dict[str, set[int]]:
    """Role name -> the people with that role in this coöperatie (their profile holds it)."""
    from bewoners.models import Profiel

    uit: dict[str, set[int]] = defaultdict(set)
    for naam, user_id in Profiel.rollen.through.objects.filter(
        profiel__cooperatie=huidige()
    ).values_list("group__name", "profiel__user_id"):
        uit[naam].add(user_id)
    return uit


def _paden(model, paden: tuple[str, ...], pks=None) -> dict[object, tuple[int, ...]]:
    """``pk -> user ids`` along ``paden`` (in order, without repeats), one query per path."""

    uit: dict[object, list[int]] = defaultdict(list)
    qs = model._base_manager.all()
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    alle_pks = None
    for pad in paden:
        if pad.startswith("rol:"):
            leden = sorted(_met_rol().get(pad[4:], set()))
            if alle_pks is None:
                alle_pks = list(qs.values_list("pk", flat=True))
            rijen = [(pk, lid) for pk in alle_pks for lid in leden]
        else:
            rijen = qs.values_list("pk", pad)
        for pk, user_id in rijen:
            if user_id is not None and user_id not in uit[pk]:
                uit[pk].append(user_id)
    return {pk: tuple(ids) for pk, ids in uit.items()}


def plant_markers() -> dict[str, Marker]:
    """A unique marker in every personal text field of every row owned by someone."""
    from allauth.account.models import EmailAddress

    teller = itertools.count(1)
    markers: dict[str, Marker] = {}
    for model in project_modellen():
        label = model._meta.label_lower
        persoonlijk = [
            (f, VELDEN[label][f.name])
            for f in tekstvelden(model)
            if VELDEN[label][f.name].klasse != NIET
        ]
        if not persoonlijk:
            continue
        eigendom = EIGENDOM[label]
        eigenaren = _paden(model, eigendom.eigenaren)
        mede = _paden(model, eigendom.mede)
        for rij in model._base_manager.all():
            if not eigenaren.get(rij.pk):
                continue
            nieuw = {}
            for f, klasse in persoonlijk:
                if f.null and getattr(rij, f.attname) is None:
                    continue  # absent data stays absent (a resident without e-mail)
                tekst = f"~m{next(teller)}~"
                waarde = f"{tekst}@example.org" if isinstance(f, models.EmailField) else tekst
                assert f.max_length is None or len(waarde) <= f.max_length, (label, f.name)
                nieuw[f.attname] = waarde
                markers[tekst] = Marker(
                    tekst=tekst,
                    model=label,
                    veld=f.name,
                    pk=rij.pk,
                    klasse=klasse.klasse(rij) if callable(klasse.klasse) else klasse.klasse,
                    veldnaam=klasse.veld,
                    eigenaren=eigenaren[rij.pk],
                    mede=frozenset(mede.get(rij.pk, ())),
                )
            model._base_manager.filter(pk=rij.pk).update(**nieuw)
            if label == "bewoners.user" and "email" in nieuw:
                EmailAddress.objects.filter(user_id=rij.pk).update(email=nieuw["email"])
    return markers


MARKER_RE = re.compile(r"~m\d+~", re.IGNORECASE)


# --- the oracle: docs/toegang.md, computed from the rows -------------------------------------


class Orakel:
    """Who may see which class of whose data, and who may act on which row, as
    ``docs/toegang.md`` says, computed from the rows themselves (an independent oracle: it
    does not ask ``bewoners.permissions`` or the apps' rules)."""

    def __init__(self):
        from accommodaties.models import Reservering
        from bewoners.models import Buurt, User
        from hulpvragen.models import Match
        from initiatieven.models import Initiatief, Lidmaatschap

        self.buurt, self.publiek = {}, {}
        for pk, buurt, toestemming, actief, verwijderd in User.objects.values_list(
            "pk", "profiel__buurt", "profiel__toestemming_op", "is_active", "verwijderd_op"
        ):
            self.buurt[pk] = buurt
            self.publiek[pk] = bool(toestemming and actief and not verwijderd)
        self.bestaande_personen = frozenset(self.buurt)
        self.rol = _met_rol()
        self.volgers: dict[int, set[int]] = defaultdict(set)
        for buurt, user in Buurt.buurtassistenten.through.objects.values_list(
            "buurt_id", "user_id"
        ):
            self.volgers[buurt].add(user)

        # kijker -> persoon -> what the relations grant: classes, "veld:<naam>" (one field),
        # "prive:<model>:<pk>" (the private details of one request).
        self.relaties: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        r = self.relaties
        for helper, aanvrager, hulpvraag, status in Match.objects.values_list(
            "helper", "hulpvraag__aanvrager", "hulpvraag", "status"
        ):
            if status in (Match.Status.GEACCEPTEERD, Match.Status.AFGEROND):
                # The help is mostly at home: the helper sees the requester's contact data,
                # address and the request's private details; the requester the helper's
                # contact data, not the address.
                r[helper][aanvrager] |= {
                    PUBLIEK,
                    CONTACT,
                    THUIS,
                    f"prive:hulpvragen.hulpvraag:{hulpvraag}",
                }
                r[aanvrager][helper] |= {PUBLIEK, CONTACT}
            elif status == Match.Status.VOORGESTELD:
                r[helper][aanvrager].add("veld:voornaam")
                r[aanvrager][helper].add("veld:voornaam")
        sinds = timezone.now() - timedelta(days=1)
        for boeker, keeper in (
            Reservering.objects.filter(status__in=Reservering.ACTIEF, einde__gte=sinds)
            .exclude(accommodatie__beheerders=None)
            .values_list("geboekt_door", "accommodatie__beheerders")
        ):
            r[keeper][boeker] |= {PUBLIEK, CONTACT}
            r[boeker][keeper] |= {PUBLIEK, CONTACT}
        organisatoren = defaultdict(set)
        for init, user in Initiatief.organisatoren.through.objects.values_list(
            "initiatief_id", "user_id"
        ):
            organisatoren[init].add(user)
        leden = defaultdict(list)
        for init, user, status, toon in Lidmaatschap.objects.values_list(
            "initiatief", "user", "status", "toon_naam_en_contact"
        ):
            for org in organisatoren[init]:
                if status == Lidmaatschap.Status.LID:
                    r[org][user] |= {PUBLIEK, CONTACT}
                else:
                    r[org][user] |= {PUBLIEK, "veld:naam"}
            if status == Lidmaatschap.Status.LID:
                leden[init].append((user, toon))
        for groep in leden.values():
            for kijker, _toon in groep:
                for ander, toon in groep:
                    if toon and ander != kijker:
                        r[kijker][ander] |= {PUBLIEK, "veld:naam", "veld:email"}

    # -- the buurtassistent's werkgebied

    def _buurt_van(self, persoon):
        if persoon not in self.buurt:  # a person created during a POST
            from bewoners.models import User

            self.buurt[persoon] = (
                User.objects.filter(pk=persoon).values_list("profiel__buurt", flat=True).first()
            )
        return self.buurt[persoon]

    def is_ba(self, kijker) -> bool:
        return kijker in self.rol.get("buurtassistent", ())

    def ba_voor(self, kijker, persoon) -> bool:
        """A buurtassistent for the person: of their buurt, or of a buurt nobody follows, or
        of a person without buurt."""
        if not self.is_ba(kijker):
            return False
        buurt = self._buurt_van(persoon)
        return buurt is None or not self.volgers[buurt] or kijker in self.volgers[buurt]

    def toegewezen(self, kijker, persoon) -> bool:
        """Sensitive notes: only the buurtassistenten assigned to the person's buurt."""
        buurt = self._buurt_van(persoon)
        return self.is_ba(kijker) and buurt is not None and kijker in self.volgers[buurt]

    # -- seeing

    def mag_zien(self, kijker: int | None, marker: Marker) -> bool:
        if kijker is None:
            return False  # anyone not logged in: nothing
        if kijker in marker.eigenaren or kijker in marker.mede:
            return True
        return any(self._mag(kijker, persoon, marker) for persoon in marker.eigenaren)

    def _mag(self, kijker, persoon, m: Marker) -> bool:
        if m.klasse == PUBLIEK and self.publiek.get(persoon):
            return True  # any logged-in resident, when the person gave consent
        if self.ba_voor(kijker, persoon):
            if m.klasse in (PUBLIEK, CONTACT, THUIS, PRIVE):
                return True
            if m.klasse == GEVOELIG and self.toegewezen(kijker, persoon):
                return True
        grants = self.relaties[kijker].get(persoon, set())
        return (
            m.klasse in grants
            or (m.veldnaam and f"veld:{m.veldnaam}" in grants)
            or (m.klasse == PRIVE and f"prive:{m.model}:{m.pk}" in grants)
        )

    # -- acting

    def handelaars(self, label: str, pks, *, tussentabellen: dict) -> dict[object, set[int]]:
        """``pk -> who may change that row``: its owners, who see it as their own, who else
        may act by the docs, and the buurtassistent for the main owner where that is so."""
        if label in ALLEEN_BEHEER:
            # Only the admin changes roles, except the role of a person made in this very
            # request (an intake makes a resident): who may make that person.
            ouder_model, fk = tussentabellen[label]
            tussen = apps.get_model(label)
            ouders = dict(tussen._base_manager.filter(pk__in=pks).values_list("pk", fk))
            nieuw = {o for o in ouders.values() if o not in self.bestaande_personen}
            per_ouder = self.handelaars(
                ouder_model._meta.label_lower, nieuw, tussentabellen=tussentabellen
            )
            return {pk: per_ouder.get(ouders.get(pk), set()) for pk in pks}
        if label in tussentabellen:
            ouder_model, fk = tussentabellen[label]
            tussen = apps.get_model(label)
            ouders = dict(tussen._base_manager.filter(pk__in=pks).values_list("pk", fk))
            per_ouder = self.handelaars(
                ouder_model._meta.label_lower, set(ouders.values()), tussentabellen=tussentabellen
            )
            return {pk: per_ouder.get(ouder, set()) for pk, ouder in ouders.items()}
        eigendom = EIGENDOM[label]
        model = apps.get_model(label)
        eigenaren = _paden(model, eigendom.eigenaren, pks)
        mede = _paden(model, eigendom.mede + eigendom.handelaars, pks)
        uit = {}
        for pk in pks:
            wie = set(eigenaren.get(pk, ())) | set(mede.get(pk, ()))
            hoofd = eigenaren.get(pk, (None,))[0]
            if eigendom.namens and hoofd is not None:
                wie |= {ba for ba in self.rol.get("buurtassistent", ()) if self.ba_voor(ba, hoofd)}
            uit[pk] = wie
        return uit


def tussentabellen() -> dict[str, tuple[type[models.Model], str]]:
    """Many-to-many tables of project models: ``label -> (declaring model, fk attname)``."""
    uit = {}
    for model in project_modellen():
        for m2m in model._meta.local_many_to_many:
            tussen = m2m.remote_field.through
            if tussen._meta.auto_created:
                fk = m2m.m2m_field_name() + "_id"
                uit[tussen._meta.label_lower] = (model, fk)
    return uit


# --- URLs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Patroon:
    route: str
    naam: str
    callback: Callable
    module: str

    @property
    def parameters(self) -> list[tuple[str, str]]:
        return re.findall(r"<(?:(\w+):)?(\w+)>", self.route)


def _module(callback) -> str:
    while hasattr(callback, "__wrapped__"):
        callback = callback.__wrapped__
    return (getattr(callback, "__module__", "") or "").split(".")[0]


def alle_patronen() -> list[Patroon]:
    uit = []

    def loop(resolver, prefix, namespaces):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(OVERGESLAGEN_PREFIXEN):
                continue
            if isinstance(entry, URLResolver):
                ns = namespaces + ((entry.namespace,) if entry.namespace else ())
                loop(entry, route, ns)
            elif isinstance(entry, URLPattern):
                if not isinstance(entry.pattern, RoutePattern):
                    route = "REGEX:" + route
                naam = ":".join((*namespaces, entry.name)) if entry.name else ""
                uit.append(Patroon(route, naam, entry.callback, _module(entry.callback)))

    loop(get_resolver(), "", ())
    return uit


def methoden(callback) -> set[str] | None:
    """The HTTP methods a view allows (``require_POST`` and friends), None when unrestricted."""
    gezien, f = set(), callback
    while f is not None and id(f) not in gezien:
        gezien.add(id(f))
        for cel in getattr(f, "__closure__", None) or ():
            try:
                waarde = cel.cell_contents
            except ValueError:
                continue
            if (
                isinstance(waarde, (list, tuple))
                and waarde
                and all(
                    isinstance(x, str)
                    and x in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                    for x in waarde
                )
            ):
                return set(waarde)
        f = getattr(f, "__wrapped__", None)
    return None


# Route words that do not name their model (the others match a model's name or plural).
URL_MODELLEN = {
    "vragen": "hulpvragen.hulpvraag",
    "boekingen": "accommodaties.reservering",
    "bewoners": "bewoners.user",
    "partners": "buurtassistenten.wijkpartner",
    "leden": "initiatieven.lidmaatschap",
}
# Parameters that are no object: the values to try.
GEEN_OBJECT = {
    # the steps of the welcome flow, and one past the last
    "stap": lambda: range(1, 2 + len(import_module("bewoners.views").ONBOARDING)),
}
# A parameter that is a secret key: whoever has the link reads as its owner.
SLEUTEL_PARAMETERS = {"sleutel"}


def _modelnamen() -> dict[str, type[models.Model]]:
    uit = {}
    with translation.override(None):
        for model in project_modellen():
            for naam in (
                model._meta.model_name,
                str(model._meta.verbose_name).lower(),
                str(model._meta.verbose_name_plural).lower(),
            ):
                uit.setdefault(naam, model)
    return uit


def _uniek(model: type[models.Model], naam: str) -> bool:
    """``naam`` identifies a row: a field without choices, unique or unique within its
    coöperatie."""
    veld = next((f for f in model._meta.fields if f.name == naam and not f.choices), None)
    if veld is None:
        return False
    return veld.unique or any(
        isinstance(c, models.UniqueConstraint)
        and tuple(c.fields) == ("cooperatie", naam)
        and c.condition is None
        for c in model._meta.constraints
    )


def model_van_parameter(patroon: Patroon, parameter: str) -> tuple[type[models.Model], str]:
    """The model (and its field) a URL parameter names, derived from the route."""
    namen = _modelnamen()
    app_modellen = [m for m in project_modellen() if m._meta.app_label == patroon.module]
    if parameter == "slug":
        met_slug = [m for m in app_modellen if _uniek(m, "slug")]
        if len(met_slug) == 1:
            return met_slug[0], "slug"
    elif parameter in SLEUTEL_PARAMETERS:
        met = [m for m in project_modellen() if _uniek(m, parameter)]
        if len(met) == 1:
            return met[0], parameter
    elif parameter.endswith(("_pk", "_id")) and parameter[:-3] in namen:
        return namen[parameter[:-3]], "pk"
    elif parameter == "pk":
        # The word just before the parameter: "hulp/vragen/<int:pk>/" names "vragen".
        voor = re.split(rf"<(?:\w+:)?{parameter}>", patroon.route)[0]
        woord = voor.rstrip("/").split("/")[-1]
        if woord in URL_MODELLEN:
            return apps.get_model(URL_MODELLEN[woord]), "pk"
        if woord in namen:
            return namen[woord], "pk"
    raise LookupError(f"/{patroon.route}: cannot tell which model <{parameter}> names")


@dataclass(frozen=True)
class Adres:
    url: str
    patroon: Patroon
    model: str = ""  # label of the object the URL is about ("" for none)
    pk: object = None
    als: int | None = None  # a secret-key URL: read as this person

    @property
    def object_url(self) -> bool:
        return bool(self.model)


def _waarde(obj, veld):
    return obj.pk if veld == "pk" else getattr(obj, veld)


def vul_in(patronen: list[Patroon]) -> tuple[list[Adres], list[str]]:
    """Every URL with its parameters filled from the rows; and the patterns that cannot be."""
    adressen, onvulbaar = [], []
    for patroon in patronen:
        params = patroon.parameters
        if patroon.route.startswith("REGEX:"):
            if patroon.module in EIGEN_MODULES:
                onvulbaar.append(f"/{patroon.route}: a regex pattern (use path())")
            continue
        if not params:
            url = reverse(patroon.naam) if patroon.naam else "/" + patroon.route
            adressen.append(Adres(url, patroon))
            continue
        try:
            # The last parameter names the object; the others follow from it.
            laatste = params[-1][1]
            if laatste in GEEN_OBJECT:
                for waarde in GEEN_OBJECT[laatste]():
                    adressen.append(Adres(reverse(patroon.naam, kwargs={laatste: waarde}), patroon))
                continue
            model, veld = model_van_parameter(patroon, laatste)
            ouders = []
            for _conv, naam in params[:-1]:
                ouder_model, ouder_veld = model_van_parameter(patroon, naam)
                fk = next(
                    f
                    for f in model._meta.fields
                    if f.is_relation and f.related_model is ouder_model
                )
                ouders.append((naam, fk.name, ouder_veld))
        except (LookupError, StopIteration) as exc:
            if patroon.module in EIGEN_MODULES:
                onvulbaar.append(
                    str(exc) or f"/{patroon.route}: no relation between its parameters"
                )
            continue
        rijen = list(model._base_manager.all())
        if not rijen and patroon.module in EIGEN_MODULES:
            onvulbaar.append(f"/{patroon.route}: the data set has no {model._meta.label}")
        for obj in rijen:
            kwargs = {laatste: _waarde(obj, veld)}
            for naam, fk_naam, ouder_veld in ouders:
                kwargs[naam] = _waarde(getattr(obj, fk_naam), ouder_veld)
            als = getattr(obj, "user_id", None) if laatste in SLEUTEL_PARAMETERS else None
            adressen.append(
                Adres(
                    reverse(patroon.naam, kwargs=kwargs),
                    patroon,
                    model._meta.label_lower,
                    obj.pk,
                    als,
                )
            )
    return adressen, onvulbaar


# --- reading answers ---------------------------------------------------------------------------


def inhoud(response) -> str:
    """Everything a visitor gets: the body (unzipped for XLSX, unfolded for iCalendar) and the
    headers but Location."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    soort = response.get("Content-Type", "")
    if body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                body = b"".join(z.read(naam) for naam in z.namelist())
        except zipfile.BadZipFile:
            pass
    tekst = body.decode("utf-8", errors="replace")
    if "calendar" in soort:
        tekst = tekst.replace("\r\n ", "").replace("\n ", "")
    koppen = " ".join(f"{k}: {v}" for k, v in response.items() if k.lower() != "location")
    return tekst + "\n" + koppen


@dataclass
class Formulier:
    action: str
    zoeken: bool = False  # a GET form (a search or filter): every option ticked, no text typed
    velden: list[tuple[str, str]] = field(default_factory=list)
    knoppen: list[tuple[str, str]] = field(default_factory=list)
    radio: dict[str, str] = field(default_factory=dict)  # the first option of each group
    tellers: Counter = field(default_factory=Counter)  # empty fields filled, per input type

    def data(self) -> dict[str, list[str]]:
        """What a browser would send, with a changed text in every text area (so a POST that
        is carried out changes something) and the first named submit button."""
        uit: dict[str, list[str]] = defaultdict(list)
        for naam, waarde in self.velden:
            uit[naam].append(waarde)
        for naam, waarde in self.radio.items():
            uit.setdefault(naam, [waarde])
        if self.knoppen:
            naam, waarde = self.knoppen[0]
            uit.setdefault(naam, [waarde])
        return dict(uit)


FORMSET_RIJ = re.compile(r"-\d+-")


class FormulierLezer(HTMLParser):
    """The POST forms of a page, as a browser would fill them in."""

    def __init__(self, pagina_url: str):
        super().__init__(convert_charrefs=True)
        self.pagina_url = pagina_url
        self.formulieren: list[Formulier] = []
        self._form: Formulier | None = None
        self._textarea: list | None = None
        self._select: dict | None = None
        self._optie: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = urlsplit(urljoin(self.pagina_url, a.get("action") or "")).path
            self._form = Formulier(action, zoeken=(a.get("method") or "get").lower() != "post")
            self.formulieren.append(self._form)
            return
        if self._form is None:
            return
        naam = a.get("name")
        if tag == "input" and naam and "disabled" not in a:
            soort = (a.get("type") or "text").lower()
            if soort in ("submit", "image"):
                self._form.knoppen.append((naam, a.get("value") or ""))
            elif soort == "checkbox":
                if "checked" in a or self._form.zoeken:  # a search: the widest one
                    self._form.velden.append((naam, a.get("value") or "on"))
            elif soort == "radio":
                if "checked" in a:
                    self._form.velden.append((naam, a.get("value") or "on"))
                else:
                    self._form.radio.setdefault(naam, a.get("value") or "on")
            elif soort not in ("file", "button", "reset"):
                waarde = a.get("value") or ""
                if not waarde and soort != "hidden" and not self._form.zoeken:
                    waarde = self._invulling(soort, naam, a)
                self._form.velden.append((naam, waarde))
        elif tag == "button" and naam and (a.get("type") or "submit").lower() == "submit":
            self._form.knoppen.append((naam, a.get("value") or ""))
        elif tag == "textarea" and naam:
            self._textarea = [naam, []]
        elif tag == "select" and naam:
            self._select = {"naam": naam, "opties": [], "gekozen": [], "meer": "multiple" in a}
        elif tag == "option" and self._select is not None:
            self._optie = [a.get("value"), "selected" in a, []]

    def _invulling(self, soort: str, naam: str, attrs: dict) -> str:
        """A plausible value for an empty field, as a person would type it: a day next week
        (and a week later for the next date), 10:00 then 11:00, a number, some words. The
        empty extra rows of a formset stay empty."""
        if FORMSET_RIJ.search(naam):
            return ""
        volgnummer = self._form.tellers[soort]
        self._form.tellers[soort] += 1
        dag = timezone.localdate() + timedelta(days=7 + 7 * volgnummer)
        uur = f"{10 + volgnummer:02d}:00"
        if soort == "date":
            return dag.isoformat()
        if soort == "time":
            return uur
        if soort == "datetime-local":
            return f"{timezone.localdate() + timedelta(days=7)}T{uur}"
        if soort == "number":
            return attrs.get("min") or "1"
        if soort == "email" or "email" in naam:
            return "nieuw.adres@example.org"
        if soort == "tel" or "telefoon" in naam:
            return "0612345678"
        if "postcode" in naam:
            return "3541 AB"
        return "Tekst van de toegangstest"

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._optie is not None:
            self._optie[2].append(data)

    def _sluit_optie(self):
        if self._optie is not None and self._select is not None:
            waarde = (
                self._optie[0] if self._optie[0] is not None else "".join(self._optie[2]).strip()
            )
            self._select["opties"].append(waarde)
            if self._optie[1]:
                self._select["gekozen"].append(waarde)
        self._optie = None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            tekst = "" if self._form.zoeken else "Gewijzigd door de toegangstest."
            self._form.velden.append((self._textarea[0], tekst))
            self._textarea = None
        elif tag == "option":
            self._sluit_optie()
        elif tag == "select" and self._select is not None and self._form is not None:
            self._sluit_optie()
            s = self._select
            gekozen = s["gekozen"]
            if not s["meer"] and not FORMSET_RIJ.search(s["naam"]) and gekozen in ([], [""]):
                # Nothing chosen, or the "---------" placeholder: take the first real option.
                gekozen = [o for o in s["opties"] if o][:1] or gekozen
            for waarde in gekozen:
                self._form.velden.append((s["naam"], waarde))
            self._select = None


# --- 3 and 4. running the matrix ---------------------------------------------------------------


@dataclass
class Uitkomst:
    markers: dict[str, Marker] = field(default_factory=dict)
    personas: dict[str, int | None] = field(default_factory=dict)
    patronen: int = 0
    adressen: int = 0
    onvulbaar: list[str] = field(default_factory=list)
    gets: int = 0
    overgeslagen: int = 0  # requests a declared rule refuses, after one object of the pattern
    posts: int = 0
    controles: int = 0
    controles_met_effect: int = 0
    zonder_effect: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    lekken: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    wijzigingen: list[str] = field(default_factory=list)
    gezien_toegestaan: int = 0
    gezien: set[tuple[str, str, str]] = field(default_factory=set)  # (persona, marker, url)
    statussen: dict[tuple[str, str], int] = field(default_factory=dict)  # (persona, url)
    duur: dict[str, float] = field(default_factory=dict)
    # The same URLs on the host of another coöperatie (issue 14): GETs, and what leaked.
    elders_gets: int = 0
    elders: list[str] = field(default_factory=list)
    # The other coöperatie's own personas (step 5): GETs on their host and on this one, POSTs
    # on theirs; what leaked or broke, what changed here; their roles here and there after.
    b_gets_elders: int = 0
    b_gets_hier: int = 0
    b_posts: int = 0
    b_gezien_toegestaan: int = 0  # markers the oracle allows them, seen on this host
    # On their host, the accounts of members of both that the rules there show them (people
    # of this coöperatie become members there by opening its pages, step 3b).
    b_gezien_daar: int = 0
    b_leden_daar: int = 0  # people of this coöperatie who are members there too
    b_overgeslagen: int = 0
    # The snapshot the POSTs are compared with holds the rows of the other coöperatie too.
    b_snapshot_ziet_elders: bool = False
    b_lekken: list[str] = field(default_factory=list)
    b_wijzigingen: list[str] = field(default_factory=list)
    b_rollen_hier_voor: dict[str, set[str]] = field(default_factory=dict)
    b_rollen_hier: dict[str, set[str]] = field(default_factory=dict)
    b_rollen_elders: dict[str, set[str]] = field(default_factory=dict)


def _publiek_gedeclareerd(patroon: Patroon) -> bool | None:
    """Does the view declare that anyone may open it (``wijk.lib.toegang``)? None: no
    declaration (yet)."""
    try:
        from wijk.lib.toegang import iedereen, toegang_van
    except ImportError:  # pragma: no cover - the access declarations are not there
        return None
    record = toegang_van(patroon.callback)
    return None if record is None else record.regel is iedereen


def _regel(patroon: Patroon):
    """The rule the view declares (``@toegang(regel)``), or None."""
    from wijk.lib.toegang import toegang_van

    record = toegang_van(patroon.callback)
    return None if record is None else record.regel


@dataclass(frozen=True)
class RegelsDaar:
    """What another coöperatie's own rules let its people see of someone who is a member
    there too: only their account (name and e-mail: one login for every coöperatie), as the
    oracle computed there (its memberships, buurten, roles and relations) says. Nothing of the
    rows of this coöperatie, and nothing of a person who is no member there."""

    orakel: Orakel
    leden: frozenset[int]

    def mag_zien(self, kijker: int | None, marker: Marker) -> bool:
        return (
            marker.model == "bewoners.user"
            and marker.eigenaren[0] in self.leden
            and self.orakel.mag_zien(kijker, marker)
        )


class RijenVanHier:
    """Which rows of a snapshot (``Matrix.snapshot``: the pk, then every concrete column) are
    this coöperatie's, for the POSTs of another coöperatie's people (step 5): a tenant row by
    its coöperatie; the coöperatie itself; a person's account and settings (tables shared by
    every coöperatie) when the person is a member here, except the one who posts; a
    many-to-many row by the row that declares it. And which rows come to point here: a foreign
    key to a tenant row of this coöperatie, or to a person who is a member here and not there
    (a member of both may be acted on there)."""

    def __init__(self, basis: dict[str, dict], hier, elders):
        self.hier = hier.pk
        self.modellen = {m._meta.label_lower: m for m in project_modellen(met_tussentabellen=True)}
        self.kolommen = {
            label: {f.attname: i for i, f in enumerate(m._meta.concrete_fields, start=1)}
            for label, m in self.modellen.items()
        }
        self.tussen = tussentabellen()
        leden: dict[int, set[int]] = defaultdict(set)
        k = self.kolommen["bewoners.profiel"]
        for rij in basis["bewoners.profiel"].values():
            leden[rij[k["cooperatie_id"]]].add(rij[k["user_id"]])
        self.leden = leden[hier.pk]
        self.leden_elders = leden[elders.pk]
        self.alleen_hier = leden[hier.pk] - leden[elders.pk]
        self.pks = {
            label: {pk for pk, rij in rijen.items() if self._cooperatie(label, rij) == self.hier}
            for label, rijen in basis.items()
        }

    def _cooperatie(self, label, rij):
        if label == "cooperaties.cooperatie":
            return rij[0]
        kolom = self.kolommen[label].get("cooperatie_id")
        return None if kolom is None else rij[kolom]

    def _lid(self, user_id, kijker) -> bool:
        return user_id in self.leden and user_id != kijker

    def van_hier(self, label: str, rij: tuple, kijker) -> list[str]:
        """Why ``rij`` is this coöperatie's (nothing when it is not)."""
        k = self.kolommen[label]
        if self._cooperatie(label, rij) == self.hier:
            return [f"a row of this coöperatie ({label})"]
        if label == "bewoners.user":
            return ["the account of a member here"] if self._lid(rij[0], kijker) else []
        if label in self.tussen:
            ouder, fk = self.tussen[label]
            ouder_label, waarde = ouder._meta.label_lower, rij[k[fk]]
            if ouder_label == "bewoners.user":
                hier = self._lid(waarde, kijker)
            else:
                hier = waarde in self.pks.get(ouder_label, ())
            return [f"belongs to {ouder_label} #{waarde} of this coöperatie"] if hier else []
        if "user_id" in k and self._lid(rij[k["user_id"]], kijker):
            return ["the settings of a member here"]
        return []

    def wijst_hierheen(self, label: str, voor: tuple | None, nu: tuple, kijker) -> list[str]:
        """The foreign keys of ``nu`` that came to point at a row or a person of here."""
        k = self.kolommen[label]
        uit = []
        for f in self.modellen[label]._meta.concrete_fields:
            if not f.is_relation or f.name == "cooperatie":
                continue
            waarde = nu[k[f.attname]]
            if waarde is None or (voor is not None and voor[k[f.attname]] == waarde):
                continue
            doel = f.related_model._meta.label_lower
            if doel == "bewoners.user":
                if waarde in self.alleen_hier and waarde != kijker:
                    uit.append(f"{f.name} points at a member of this coöperatie only (#{waarde})")
            elif waarde in self.pks.get(doel, ()):
                uit.append(f"{f.name} points at {doel} #{waarde} of this coöperatie")
        return uit


class Matrix:
    def __init__(self, personas: dict[str, object], markers: dict[str, Marker], orakel: Orakel):
        self.personas = personas
        self.markers = markers
        self.orakel = orakel
        self.u = Uitkomst(markers=markers)
        self.clients: dict[str, Client] = {}
        for naam in PERSONAS:
            client = Client()
            if naam != "anoniem":
                client.force_login(personas[naam])
            self.clients[naam] = client
        self.login_pad = reverse("account_login")
        self.mfa_pad = reverse("mfa_activate_totp")
        # action path -> persona -> form (the pages' own forms, for plausible POSTs), and the
        # GET forms (search, filters) the persona was offered
        self.formulieren: dict[str, dict[str, Formulier]] = defaultdict(dict)
        self.zoekformulieren: dict[str, dict[str, Formulier]] = defaultdict(dict)
        self.geweigerd_door_regel: set[tuple[str, str, str, int | None]] = set()
        self.postdata: dict[str, dict] = {}  # POST URL -> the form data step 4 sent

    def pk(self, persona: str) -> int | None:
        return None if persona == "anoniem" else self.personas[persona].pk

    def overslaan(self, adres: Adres, persona: str, methode: str, *, cooperatie=None) -> bool:
        """The view's declared rule refuses this persona before the view runs (its decorator
        answers the login page or 403, whatever the object): one object of the pattern shows
        it, the others are skipped (and counted). ``cooperatie``: the rule as it holds there
        (the host of another coöperatie), not here."""
        regel = _regel(adres.patroon)
        if regel is None or not adres.object_url:
            return False
        user = AnonymousUser() if persona == "anoniem" else self.personas[persona]
        with in_cooperatie(cooperatie) if cooperatie is not None else nullcontext():
            if regel(user):
                return False
        sleutel = (adres.patroon.naam, persona, methode, getattr(cooperatie, "pk", None))
        if sleutel in self.geweigerd_door_regel:
            if persona in PERSONAS:
                self.u.overgeslagen += 1
            else:
                self.u.b_overgeslagen += 1
            return True
        self.geweigerd_door_regel.add(sleutel)
        return False

    def _get(self, persona, url, **headers):
        """One GET in a savepoint (a failing view must not break the transaction); the
        persona's cookies are kept as they were (a page may log out or change the session)."""
        client = self.clients[persona]
        koekjes = SimpleCookie()
        koekjes.load(client.cookies.output(header="", sep=";"))
        try:
            with transaction.atomic():
                return client.get(url, headers=headers), None
        except Exception as exc:  # noqa: BLE001 - a 5xx, reported
            return None, f"{type(exc).__name__}: {exc}"[:300]
        finally:
            client.cookies = koekjes

    # -- GET on another coöperatie's host

    def open_elders(
        self,
        adres: Adres,
        persona: str,
        host: str,
        *,
        naar: list[str] | None = None,
        daar: RegelsDaar | None = None,
    ) -> None:
        """The page on the host of a coöperatie that owns none of the data: not one marker
        may show, whoever asks, and nothing may break. The exception is a person's own account
        (one login for every coöperatie), and with ``daar`` the account of a member of that
        coöperatie too as its own rules allow. What is wrong goes to ``naar`` (step 3b's
        list)."""
        naar = self.u.elders if naar is None else naar
        response, fout = self._get(persona, adres.url, host=host)
        waar = f"GET {adres.url} on {host} as {persona}"
        if fout or response.status_code >= 500:
            naar.append(f"{waar}: {fout or response.status_code}")
            return
        tekst = inhoud(response)
        for marker in self.markers.values():
            # A secret in the URL itself (a feed key) may come back on a "not found" page.
            eigen = marker.eigenaren[0] == self.pk(persona)
            if eigen and marker.model == "bewoners.user":
                continue  # one's own account: one login for every coöperatie
            if marker.tekst in tekst and marker.tekst not in adres.url:
                if daar is not None and daar.mag_zien(self.pk(persona), marker):
                    self.u.b_gezien_daar += 1
                    continue
                naar.append(f"{waar}: shows {marker.model}.{marker.veld} ({marker.tekst})")

    # -- GET here as a person of another coöperatie

    def open_als_buitenstaander(self, adres: Adres, persona: str) -> None:
        """The page on this coöperatie's host as a person of another one: no member here (or a
        resident since a page made them one), without a role or relation here, so what the
        oracle allows any logged-in person; nothing may break."""
        waar = f"GET {adres.url} as {persona} (of another coöperatie)"
        response, fout = self._get(persona, adres.url)
        self.u.b_gets_hier += 1
        if fout or response.status_code >= 500:
            self.u.b_lekken.append(f"{waar}: {fout or response.status_code}")
            return
        self.controleer(inhoud(response), adres, persona, waar, buitenstaander=True)
        if response.status_code == 200 and "hx-request" in response.get("Vary", "").lower():
            deel, fout = self._get(persona, adres.url, HX_Request="true")
            self.u.b_gets_hier += 1
            if fout or deel.status_code >= 500:
                self.u.b_lekken.append(f"{waar} (htmx): {fout or deel.status_code}")
            else:
                self.controleer(inhoud(deel), adres, persona, f"{waar} (htmx)", buitenstaander=True)

    # -- GET

    def open(self, adres: Adres, persona: str, *, verzamel: bool = True) -> str | None:
        response, fout = self._get(persona, adres.url)
        self.u.gets += 1
        waar = f"GET {adres.url} as {persona}"
        if fout:
            self.u.status.append(f"{waar}: 5xx ({fout})")
            return None
        status = response.status_code
        self.u.statussen[(persona, adres.url)] = status
        loc = response.get("Location", "")
        publiek = _publiek_gedeclareerd(adres.patroon)
        get_mag = (methoden(adres.patroon.callback) or {"GET"}) & {"GET"}
        if status >= 500:
            self.u.status.append(f"{waar}: {status}")
        elif status not in (200, 301, 302, 303, 403, 404, 405):
            self.u.status.append(f"{waar}: unexpected status {status}")
        elif status in (301, 302, 303):
            if persona in STAF and urlsplit(loc).path == self.mfa_pad:
                self.u.status.append(f"{waar}: sent to the second-factor set-up ({loc})")
            if persona == "anoniem" and publiek is False and urlsplit(loc).path != self.login_pad:
                self.u.status.append(f"{waar}: {status} to {loc}, not to the login page")
        if persona == "anoniem" and get_mag:
            if publiek is False and status == 200:
                self.u.status.append(f"{waar}: 200 for a page that is not public")
            if (
                publiek
                and not adres.patroon.parameters
                and (status not in (200, 301, 302, 303) or urlsplit(loc).path == self.login_pad)
            ):
                self.u.status.append(f"{waar}: {status} for a public page (expected 200)")
        tekst = inhoud(response)
        self.controleer(tekst, adres, persona, waar)
        if verzamel and status == 200 and "html" in response.get("Content-Type", ""):
            lezer = FormulierLezer(adres.url)
            lezer.feed(tekst)
            for formulier in lezer.formulieren:
                soort = self.zoekformulieren if formulier.zoeken else self.formulieren
                soort[formulier.action].setdefault(persona, formulier)
        if status == 200 and "hx-request" in response.get("Vary", "").lower():
            # The same URL answers htmx with a part of the page: that part too.
            deel, fout = self._get(persona, adres.url, HX_Request="true")
            self.u.gets += 1
            if fout or deel.status_code >= 500:
                self.u.status.append(f"{waar} (htmx): 5xx ({fout or deel.status_code})")
            else:
                self.controleer(inhoud(deel), adres, persona, f"{waar} (htmx)")
        return tekst

    def controleer(
        self, tekst: str, adres: Adres, persona: str, waar: str, *, buitenstaander: bool = False
    ) -> None:
        """Every marker in ``tekst`` against the oracle; a persona of another coöperatie
        (``buitenstaander``) is counted apart."""
        kijker = adres.als if adres.als is not None else self.pk(persona)
        lekken = self.u.b_lekken if buitenstaander else self.u.lekken
        for gevonden in set(MARKER_RE.findall(tekst)):
            marker = self.markers.get(gevonden.lower())
            if marker is None:
                continue
            if self.orakel.mag_zien(kijker, marker):
                if buitenstaander:
                    self.u.b_gezien_toegestaan += 1
                else:
                    self.u.gezien_toegestaan += 1
                    self.u.gezien.add((persona, marker.tekst, adres.url))
            else:
                eigenaar = ", ".join(self._naam(pk) for pk in marker.eigenaren)
                lekken.append(
                    f"{waar}: {marker.tekst} = {marker.klasse} of {eigenaar} "
                    f"({marker.model}.{marker.veld} #{marker.pk})"
                )

    def _naam(self, pk) -> str:
        for naam, user in self.personas.items():
            if user is not None and user.pk == pk:
                return naam
        return f"user #{pk}"

    # -- POST

    def snapshot(self, labels=None) -> dict[str, dict[object, tuple]]:
        """Every row of the project's tables (or of ``labels``), read with plain SQL."""
        uit = {}
        with connection.cursor() as cursor:
            for model in project_modellen(met_tussentabellen=True):
                label = model._meta.label_lower
                if labels is not None and label not in labels:
                    continue
                kolommen = ", ".join(
                    connection.ops.quote_name(f.column) for f in model._meta.concrete_fields
                )
                cursor.execute(
                    f"SELECT {connection.ops.quote_name(model._meta.pk.column)}, {kolommen} "  # noqa: S608
                    f"FROM {connection.ops.quote_name(model._meta.db_table)}"
                )
                uit[label] = {rij[0]: rij for rij in cursor.fetchall()}
        return uit

    def geschreven(self, queries) -> set[str]:
        """The project tables a request wrote to (INSERT, UPDATE, DELETE)."""
        uit = set()
        for query in queries:
            gevonden = SCHRIJF_RE.match(query["sql"])
            if gevonden and gevonden.group(1) in self.tabellen:
                uit.add(self.tabellen[gevonden.group(1)])
        return uit

    def _post_teruggedraaid(
        self, persona: str, url: str, data, basis, beoordeel, *, alle=False, **headers
    ):
        """POST in a transaction that is rolled back. Only when the request wrote to a project
        table, those tables are read again and ``beoordeel(verschil, na, response)`` is called
        before the rollback (so it may still read the new rows): ``verschil`` the rows new,
        gone or changed against ``basis``, ``na`` the rows now (read over every coöperatie when
        ``alle``, as ``basis`` was then). Returns the error of a 5xx, or None."""
        client = self.clients[persona]
        koekjes = SimpleCookie()
        koekjes.load(client.cookies.output(header="", sep=";"))
        fout = response = None
        try:
            with transaction.atomic():
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as vastgelegd:
                    try:
                        with transaction.atomic():
                            response = client.post(url, data, headers=headers)
                    except Exception as exc:  # noqa: BLE001 - a 5xx, reported
                        fout = f"{type(exc).__name__}: {exc}"[:300]
                labels = self.geschreven(vastgelegd.captured_queries)
                if labels:
                    with over_alle_cooperaties() if alle else nullcontext():
                        na = self.snapshot(labels)
                    beoordeel(self.verschillen(basis, na), na, response)
                raise _Terugdraaien
        except _Terugdraaien:
            pass
        finally:
            client.cookies = koekjes
        return fout

    def post(self, adres: Adres, persona: str, data, *, controle: bool = False) -> bool:
        """POST in a transaction that is rolled back. Only when the request wrote to a project
        table, those tables are compared with the state before: every row that is new, gone
        or changed must be one ``persona`` may act on (not checked for a ``controle`` by who
        may act: accepting a match changes the request too). Returns whether anything changed."""
        kijker = self.pk(persona)
        veranderd = False

        def beoordeel(verschil, _na, response):
            nonlocal veranderd
            # Reading logs an access (Inzage) and acting may notify (Melding): neither is
            # itself a change of state.
            veranderd = any(
                pks
                for label, soorten in verschil.items()
                for soort, pks in soorten.items()
                if not (soort == "nieuw" and label in ALLEEN_VASTLEGGEN)
            )
            for label, soorten in ({} if controle else verschil).items():
                for soort, pks in soorten.items():
                    if soort == "nieuw" and label == "meldingen.melding":
                        continue  # notifications to others are a side effect of acting
                    if soort == "nieuw":
                        wie = self.orakel.handelaars(label, pks, tussentabellen=self.tussen)
                    else:
                        wie = {pk: self.handelaars_basis[label].get(pk, set()) for pk in pks}
                    for pk in pks:
                        if kijker is None or kijker not in wie.get(pk, set()):
                            self.u.wijzigingen.append(
                                f"POST {adres.url} as {persona}: {label} #{pk} {soort} "
                                f"(status {getattr(response, 'status_code', '5xx')})"
                            )

        fout = self._post_teruggedraaid(persona, adres.url, data, self.basis, beoordeel)
        if fout:
            self.u.status.append(f"POST {adres.url} as {persona}: 5xx ({fout})")
        return veranderd

    def post_elders(self, adres: Adres, persona: str, data, host: str, hier: RijenVanHier):
        """POST as a person of another coöperatie on its own host (in a transaction that is
        rolled back): no row of this coöperatie may be new, gone or changed (their own account
        excepted), and no row may come to point at one of its rows or its people."""
        kijker = self.pk(persona)
        waar = f"POST {adres.url} on {host} as {persona}"

        def beoordeel(verschil, na, response):
            status = getattr(response, "status_code", "5xx")
            for label, soorten in verschil.items():
                for soort, pks in soorten.items():
                    for pk in pks:
                        voor = self.basis_alle[label].get(pk)
                        nu = na[label].get(pk)
                        wat = [
                            *(hier.van_hier(label, voor, kijker) if voor else ()),
                            *(hier.van_hier(label, nu, kijker) if nu else ()),
                            *(hier.wijst_hierheen(label, voor, nu, kijker) if nu else ()),
                        ]
                        if wat:
                            self.u.b_wijzigingen.append(
                                f"{waar}: {label} #{pk} {soort}, {'; '.join(sorted(set(wat)))} "
                                f"(status {status})"
                            )

        fout = self._post_teruggedraaid(
            persona, adres.url, data, self.basis_alle, beoordeel, alle=True, host=host
        )
        if fout:
            self.u.b_wijzigingen.append(f"{waar}: 5xx ({fout})")

    def verschillen(self, voor, na) -> dict[str, dict[str, set]]:
        uit = {}
        for label, rijen in na.items():
            oud = voor[label]
            nieuw = set(rijen) - set(oud)
            weg = set(oud) - set(rijen)
            anders = {pk for pk in set(rijen) & set(oud) if rijen[pk] != oud[pk]}
            if nieuw or weg or anders:
                uit[label] = {"nieuw": nieuw, "weg": weg, "anders": anders}
        return uit


# INSERT (SQLite: INSERT OR IGNORE for many-to-many rows), UPDATE, DELETE.
SCHRIJF_RE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)


class _Terugdraaien(Exception):
    pass


def draai_matrix() -> Uitkomst:
    import time as klok

    tijd = klok.monotonic()
    personas_obj = bouw_wijk()
    markers = plant_markers()
    from bewoners.models import User

    personas = {naam: User.objects.get(pk=u.pk) for naam, u in personas_obj.items()}
    orakel = Orakel()
    matrix = Matrix(personas, markers, orakel)
    matrix.tussen = tussentabellen()
    u = matrix.u
    u.personas = {"anoniem": None, **{naam: user.pk for naam, user in personas.items()}}

    patronen = alle_patronen()
    adressen, u.onvulbaar = vul_in(patronen)
    u.patronen, u.adressen = len(patronen), len(adressen)
    export_url = reverse("bewoners:export")
    # The export and its readable forms (page and PDF, made from the export): a person's own data
    # of every coöperatie they take part in, on any host.
    eigen_gegevens = {
        export_url,
        reverse("bewoners:gegevens_overzicht"),
        reverse("bewoners:gegevens_overzicht_pdf"),
    }

    u.duur["data set"] = klok.monotonic() - tijd
    tijd = klok.monotonic()

    # 3. Every URL as every persona; the exports last (after the staff's looks were logged).
    for adres in adressen:
        toegestaan = methoden(adres.patroon.callback)
        if adres.url == export_url or (toegestaan is not None and "GET" not in toegestaan):
            continue  # the export comes last; a POST-only view has nothing to show
        for persona in PERSONAS:
            if not matrix.overslaan(adres, persona, "GET"):
                matrix.open(adres, persona)
    # The search and filter forms the pages offer, sent as each persona who was offered them,
    # with every option ticked ("search the whole wijk").
    per_url = {a.url: a for a in adressen}
    for actie, per_persona in list(matrix.zoekformulieren.items()):
        if actie not in per_url:
            continue
        for persona, formulier in per_persona.items():
            query = urlencode(formulier.data(), doseq=True)
            if query:
                adres = per_url[actie]
                matrix.open(replace(adres, url=f"{adres.url}?{query}"), persona, verzamel=False)
    export = next(a for a in adressen if a.url == export_url)
    for persona in PERSONAS:
        tekst = matrix.open(export, persona, verzamel=False)
        if persona == "anoniem" or tekst is None:
            continue
        eigen = {
            m.klasse
            for m in markers.values()
            if m.tekst in tekst and m.eigenaren[0] == matrix.pk(persona)
        }
        for klasse in (PUBLIEK, CONTACT, THUIS):
            if klasse not in eigen:
                u.exports.append(f"the export of {persona} holds no {klasse} data of their own")

    u.duur["GET"] = klok.monotonic() - tijd
    tijd = klok.monotonic()

    # 3b. Every URL as every persona once more, on the host of a second coöperatie that owns
    # none of the data: the rows of one coöperatie are out of reach of another (issue 14).
    from cooperaties.services import cooperatie_create

    elders = cooperatie_create(naam="Wijkcoöperatie Elders", slug="elders")
    host = f"{elders.slug}.{settings.WIJK_PLATFORMDOMEIN}"
    for adres in adressen:
        toegestaan = methoden(adres.patroon.callback)
        if (toegestaan is not None and "GET" not in toegestaan) or adres.url in eigen_gegevens:
            # A person's export holds every coöperatie they take part in, on any host: its
            # contents are judged by the export test above.
            continue
        for persona in PERSONAS:
            matrix.open_elders(adres, persona, host)
            u.elders_gets += 1
    u.duur["GET elders"] = klok.monotonic() - tijd
    tijd = klok.monotonic()

    # 4. POSTs: by everyone who may not act on the URL's object (and a control by who may).
    # Opening a notification marked it read; unread again, marking it read is a change a
    # stranger's POST could make.
    from meldingen.models import Melding

    Melding.objects.update(gelezen_op=None)
    matrix.tabellen = {
        m._meta.db_table: m._meta.label_lower for m in project_modellen(met_tussentabellen=True)
    }
    matrix.basis = matrix.snapshot()
    matrix.handelaars_basis = {
        label: orakel.handelaars(label, set(rijen), tussentabellen=matrix.tussen)
        for label, rijen in matrix.basis.items()
    }
    for adres in adressen:
        toegestaan = methoden(adres.patroon.callback)
        if toegestaan is not None and "POST" not in toegestaan:
            continue
        if adres.url == export_url:
            continue
        formulieren = matrix.formulieren.get(urlsplit(adres.url).path, {})
        if adres.object_url:
            wie = matrix.handelaars_basis[adres.model].get(adres.pk, set())
            handelend = [p for p in PERSONAS if matrix.pk(p) in wie]
        else:
            handelend = []
        voorkeur = [formulieren[p] for p in handelend if p in formulieren] + list(
            formulieren.values()
        )
        data = voorkeur[0].data() if voorkeur else {}
        matrix.postdata[adres.url] = data  # for the other coöperatie's people (step 5)
        if adres.object_url and handelend:
            u.controles += 1
            if any(matrix.post(adres, p, data, controle=True) for p in handelend):
                u.controles_met_effect += 1
            elif toegestaan is not None:  # an explicit POST view whose control did nothing
                u.zonder_effect.append(adres.patroon.naam)
            else:
                # A view that allows every method and that a POST by who may act leaves as it
                # was (a page that answers POST like GET, e.g. a profile) changes no state.
                continue
            # A control by who may act records nothing: they may.
        for persona in PERSONAS:
            if persona in handelend or matrix.overslaan(adres, persona, "POST"):
                continue
            matrix.post(adres, persona, data)
            u.posts += 1
    u.duur["POST"] = klok.monotonic() - tijd
    tijd = klok.monotonic()

    # 5. The second coöperatie's own people, with their roles there (issue 14, point 10),
    # against every object of this one.
    hier = huidige()
    matrix.personas.update(bouw_elders(elders, personas["dubbel"]))
    for naam in PERSONAS_ELDERS:
        matrix.clients[naam] = Client()
        matrix.clients[naam].force_login(matrix.personas[naam])
    # a. On their own coöperatie's host: nothing of this one; of its people who are members
    # there too (step 3b made them so), their account as the rules there allow.
    from bewoners.models import Profiel

    with in_cooperatie(elders):
        daar = RegelsDaar(
            Orakel(),
            frozenset(Profiel.objects.values_list("user_id", flat=True)),
        )
    u.b_leden_daar = len(daar.leden & set(orakel.bestaande_personen) - {personas["dubbel"].pk})
    for adres in adressen:
        toegestaan = methoden(adres.patroon.callback)
        if (toegestaan is not None and "GET" not in toegestaan) or adres.url in eigen_gegevens:
            continue
        for persona in PERSONAS_ELDERS:
            if not matrix.overslaan(adres, persona, "GET elders", cooperatie=elders):
                matrix.open_elders(adres, persona, host, naar=u.b_lekken, daar=daar)
                u.b_gets_elders += 1
    u.duur["B: GET on B's host"] = klok.monotonic() - tijd
    tijd = klok.monotonic()
    # b. Their POSTs there, with the forms this coöperatie's pages offered in step 4 (its ids
    # in them): no row of this coöperatie changes, none comes to point at it.
    with over_alle_cooperaties():
        matrix.basis_alle = matrix.snapshot()
    rijen_hier = RijenVanHier(matrix.basis_alle, hier, elders)
    u.b_snapshot_ziet_elders = {matrix.pk(p) for p in PERSONAS_ELDERS} <= rijen_hier.leden_elders
    for adres in adressen:
        if adres.url not in matrix.postdata:
            continue
        for persona in PERSONAS_ELDERS:
            if not matrix.overslaan(adres, persona, "POST elders", cooperatie=elders):
                matrix.post_elders(adres, persona, matrix.postdata[adres.url], host, rijen_hier)
                u.b_posts += 1
    u.duur["B: POST on B's host"] = klok.monotonic() - tijd
    tijd = klok.monotonic()
    # c. On this coöperatie's host, as outsiders: what the oracle allows any logged-in person
    # without a relation or role here. A page that asks for one's profile here makes one a
    # resident (bewoners.services.profiel_for); their roles stay where they are.
    b_users = {naam: matrix.personas[naam] for naam in PERSONAS_ELDERS}
    u.b_rollen_hier_voor = _rollen_in(hier, b_users)
    for adres in adressen:
        toegestaan = methoden(adres.patroon.callback)
        if (toegestaan is not None and "GET" not in toegestaan) or adres.url == export_url:
            continue
        for persona in PERSONAS_ELDERS:
            if not matrix.overslaan(adres, persona, "GET"):
                matrix.open_als_buitenstaander(adres, persona)
    u.b_rollen_hier = _rollen_in(hier, b_users)
    with in_cooperatie(elders):
        u.b_rollen_elders = _rollen_in(elders, b_users)
    u.duur["B: GET on A's host"] = klok.monotonic() - tijd
    return u


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, request) -> Uitkomst:
    """Builds the data set and runs the whole matrix once, in a transaction rolled back at the
    end (the other tests never see its rows)."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ),
    ):
        from django.core.cache import cache

        # Thousands of refusals (403, 404) would each log a warning with a traceback; the
        # matrix reports what matters itself.
        stil = [logging.getLogger(naam) for naam in ("django.request", "django.security")]
        vorig = [logger.disabled for logger in stil]
        for logger in stil:
            logger.disabled = True
        cache.clear()
        try:
            # The data belong to the coöperatie the test client's host opens (the first).
            with transaction.atomic(), in_cooperatie(cooperatie_voor_host("testserver")):
                uitkomst = draai_matrix()
                transaction.set_rollback(True)
        finally:
            cache.clear()
            for logger, was in zip(stil, vorig, strict=True):
                logger.disabled = was
    regels = [
        f"outsider matrix: {len(uitkomst.markers)} markers planted; "
        f"{uitkomst.patronen} URL patterns -> {uitkomst.adressen} URLs x {len(PERSONAS)} personas: "
        f"{uitkomst.gets} GETs; {uitkomst.posts} POSTs checked "
        f"(+{uitkomst.controles} controls, {uitkomst.controles_met_effect} changed something); "
        f"{uitkomst.gezien_toegestaan} allowed markers seen; {uitkomst.overgeslagen} requests "
        "skipped (refused by the URL's declared rule, shown on one object of the pattern); "
        + ", ".join(f"{wat} {duur:.1f} s" for wat, duur in uitkomst.duur.items()),
    ]
    if uitkomst.zonder_effect:
        regels.append(
            "outsider matrix: POST URLs whose control changed nothing (the state does not allow "
            "it, or the form needs more): "
            + ", ".join(
                f"{naam} ({aantal}x)"
                for naam, aantal in sorted(Counter(uitkomst.zonder_effect).items())
            )
        )
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    for regel in regels:
        print(regel)
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line("\n" + regel)
    return uitkomst


# The tests below read the matrix's results; the mark makes pytest-django set up the test
# database for the module fixture (which rolls its data back before they run).
met_database = pytest.mark.django_db


def _lijst(regels: list[str], max_regels: int = 80) -> str:
    meer = f"\n... and {len(regels) - max_regels} more" if len(regels) > max_regels else ""
    return "\n".join(sorted(regels)[:max_regels]) + meer


@met_database
def test_every_parameterised_url_is_filled(matrix):
    """A parameterised pattern of a project app that the matrix cannot fill would be a page
    nobody checks: name its model in URL_MODELLEN (or GEEN_OBJECT)."""
    assert not matrix.onvulbaar, _lijst(matrix.onvulbaar)
    assert matrix.adressen > matrix.patronen / 2
    assert len(matrix.markers) > 100


@met_database
def test_every_personal_field_carries_a_marker(matrix):
    """A personal field without a marker would be checked on no page: when a model or field
    is added, ``bouw_wijk`` makes a row of it."""
    geplant = {(m.model, m.veld) for m in matrix.markers.values()}
    zonder = [
        f"{label}.{veld}"
        for label, velden in VELDEN.items()
        for veld, klasse in velden.items()
        if klasse.klasse != NIET and (label, veld) not in geplant
    ]
    assert not zonder, "No row in the data set carries a marker in: " + ", ".join(zonder)


@met_database
def test_every_answer_has_an_acceptable_status(matrix):
    """200 / 302 to the login page for anonymous visitors / 403 / 404 / 405; never a 5xx;
    public pages 200 to anonymous visitors; staff with a second factor are let through."""
    assert not matrix.status, _lijst(matrix.status)


@met_database
def test_no_persona_sees_a_marker_it_may_not_see(matrix):
    assert not matrix.lekken, _lijst(matrix.lekken)


@met_database
def test_another_cooperatie_sees_nothing_of_this_one(matrix, telling):
    """Every URL filled with this coöperatie's objects, as every persona, on the host of a
    coöperatie that owns none of them: no marker shows and no page breaks."""
    assert matrix.elders_gets > 0
    telling(
        f"outsider matrix across coöperaties: {matrix.elders_gets} GETs on another "
        f"coöperatie's host, {len(matrix.elders)} leaks"
    )
    assert not matrix.elders, _lijst(matrix.elders)


def _gezien(matrix, persona, eigenaar, model, veld, url="") -> bool:
    """Did ``persona`` see the marker in ``model.veld`` of ``eigenaar`` (on a URL that starts
    with ``url``)?"""
    teksten = {
        m.tekst
        for m in matrix.markers.values()
        if m.model == model and m.veld == veld and m.eigenaren[0] == matrix.personas[eigenaar]
    }
    assert teksten, (eigenaar, model, veld)
    return any(
        p == persona and tekst in teksten and waar.startswith(url)
        for p, tekst, waar in matrix.gezien
    )


@met_database
def test_the_markers_are_seen_where_the_matrix_allows(matrix):
    """The other side of the coin (so the check above cannot pass by seeing nothing): people
    see their own data, the accepted helper the requester's phone and address, the requester
    the helper's phone, the buurtassistent the address of a resident of their buurt, an
    organiser the e-mail of a member, a keeper the phone of a booker."""
    assert matrix.gezien_toegestaan > 0
    assert _gezien(matrix, "aanvrager", "aanvrager", "bewoners.profiel", "adres")
    assert _gezien(matrix, "helper_na", "aanvrager", "bewoners.profiel", "telefoon")
    assert _gezien(matrix, "helper_na", "aanvrager", "bewoners.profiel", "adres")
    assert _gezien(matrix, "helper_na", "aanvrager", "hulpvragen.hulpvraag", "prive_details")
    assert _gezien(matrix, "aanvrager", "helper_na", "bewoners.profiel", "telefoon")
    assert _gezien(matrix, "ba_a", "aanvrager", "bewoners.profiel", "adres")
    assert _gezien(matrix, "ba_a", "aanvrager", "bewoners.profiel", "wat_heb_je_nodig")
    assert _gezien(matrix, "organisator", "lid", "bewoners.user", "email")
    assert _gezien(matrix, "lid", "lid_open", "bewoners.user", "email")
    assert _gezien(matrix, "ruimtebeheerder", "boeker", "bewoners.profiel", "telefoon")
    assert _gezien(matrix, "boeker", "ruimtebeheerder", "bewoners.profiel", "telefoon")
    assert _gezien(matrix, "ba_a", "aanvrager", "buurtassistenten.contactmoment", "notitie")
    # A candidate helper of another buurt on the coordination page of a request: there by
    # first name (and the leak check saw no phone number of theirs).
    assert _gezien(
        matrix, "ba_a", "helper_na", "bewoners.user", "first_name", "/coordinatie/hulpvragen/"
    )


@met_database
def test_staff_with_a_second_factor_reach_their_pages(matrix):
    """bewoners.middleware.MFARequiredMiddleware lets staff with a TOTP device through."""
    bewoner_b = matrix.personas["bewoner_b"]
    for persona, url in (
        ("ba_a", reverse("buurtassistenten:dashboard")),
        ("ba_b", reverse("buurtassistenten:bewoner", args=[bewoner_b])),
        ("bestuur", reverse("rapportages:rapport")),
        ("beheerder", reverse("accommodaties:beheer")),
    ):
        assert matrix.statussen[(persona, url)] == 200, (persona, url)


@met_database
def test_the_exports_hold_ones_own_data_and_nobody_elses_beyond_the_matrix(matrix):
    """The data export of each persona holds their own data; the leak check above covered
    it too: no other person's contact, home or private data beyond what the matrix allows.
    The requester's export holds the access log (the buurtassistent who looked, by first name
    only) and the text of the sensitive note about them (docs/toegang.md, Decisions)."""
    assert not matrix.exports, _lijst(matrix.exports)
    export = reverse("bewoners:export")
    assert _gezien(matrix, "aanvrager", "ba_a", "bewoners.user", "first_name", export)
    assert _gezien(
        matrix, "aanvrager", "aanvrager", "buurtassistenten.contactmoment", "notitie", export
    )
    gevoelig = [
        m.tekst
        for m in matrix.markers.values()
        if m.klasse == GEVOELIG and m.eigenaren[0] == matrix.personas["aanvrager"]
    ]
    assert any(("aanvrager", tekst, export) in matrix.gezien for tekst in gevoelig)


@met_database
def test_no_post_changes_what_the_persona_may_not_act_on(matrix):
    assert matrix.posts > 0 and matrix.controles_met_effect > 0
    assert not matrix.wijzigingen, _lijst(matrix.wijzigingen)


def _b_telling(matrix) -> str:
    duur = sum(v for k, v in matrix.duur.items() if k.startswith("B: "))
    return (
        f"outsider matrix, another coöperatie's people ({', '.join(PERSONAS_ELDERS)}): "
        f"{matrix.b_gets_elders} GETs on their host ({matrix.b_gezien_daar} account fields of "
        f"the {matrix.b_leden_daar} people of this coöperatie who became members there, as the "
        f"rules there allow), {matrix.b_gets_hier} GETs on this host "
        f"({matrix.b_gezien_toegestaan} markers the oracle allows an outsider), "
        f"{len(matrix.b_lekken)} leaks; {matrix.b_posts} POSTs on their host, "
        f"{len(matrix.b_wijzigingen)} changes here; {matrix.b_overgeslagen} requests skipped "
        f"(refused by the URL's declared rule); {duur:.1f} s"
    )


@met_database
def test_the_people_of_another_cooperatie_see_nothing_of_this_one(matrix, telling):
    """Every URL filled with this coöperatie's objects, as each persona of another coöperatie
    (roles there only, one of them a resident here): on their own host no marker of this
    coöperatie shows, but one's own account and the account of a member of both as the rules
    there allow; on this host they see only what the oracle allows any logged-in person
    without a relation or role here; no page breaks."""
    assert matrix.b_gets_elders > 0 and matrix.b_gets_hier > 0
    telling(_b_telling(matrix))
    assert not matrix.b_lekken, _b_telling(matrix) + "\n" + _lijst(matrix.b_lekken)


@met_database
def test_the_people_of_another_cooperatie_change_nothing_of_this_one(matrix):
    """Their POSTs on their own host, with the forms this coöperatie's pages offer (its ids
    in them): no row of this coöperatie new, gone or changed, none pointing at it. (The rows
    are read over every coöperatie: PostgreSQL's wall would hide the other one's.)"""
    assert matrix.b_posts > 0 and matrix.b_snapshot_ziet_elders
    assert not matrix.b_wijzigingen, _b_telling(matrix) + "\n" + _lijst(matrix.b_wijzigingen)


@met_database
def test_opening_pages_here_brings_no_role_from_another_cooperatie(matrix):
    """Roles are per coöperatie: whoever of the other coöperatie a page here made a member
    (bewoners.services.profiel_for) is a resident here and no more, and keeps their roles
    there; the member of both stays a resident here."""
    assert matrix.b_rollen_hier_voor == {"dubbel": {"bewoner"}}
    meer = {naam: r for naam, r in matrix.b_rollen_hier.items() if not r <= {"bewoner"}}
    assert not meer, f"roles here of people of another coöperatie: {meer}"
    assert matrix.b_rollen_elders == ROLLEN_ELDERS
