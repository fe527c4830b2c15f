"""Demo and scale data for initiatives, their activities and sign-ups (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set: twelve initiatives run by demo residents (a walking group, a
  cycling club, chair yoga, swimming for seniors, marathon training for children, lessons of
  the neighbourhood academy, a repair café, an eetclub, a vegetable garden, the coffee morning
  "Ontmoeten", a digital help hour and a language café), each with organisers, members and a
  weekly activity until about three months ahead, made with ``services.activiteit_create``
  (the real recurrence). Upcoming sign-ups go through ``services.aanmelding_create`` (the real rules:
  the next chair-yoga meeting is full and has a waiting list); the year before (quieter in the
  summer holidays, no meetings at Christmas), with sign-ups and attendance, is inserted with
  the ORM, because the services refuse the past.
  ``bewoner1@demo.wijk`` organises the walking group and is a member of the repair café and
  the eetclub. The set is there when any of its initiatives exists (their slugs are the
  marker). It does not depend on ``--seed``: it is the same on every machine. Each demo
  coöperatie has it in its own village, with its own people (``demo.cooperaties``).
* With ``--scale N``: one initiative per 500 residents (at least 2), with members and
  organisers among the scale residents, one or two weekly activities each, meetings from two
  years back until about three months ahead, and sign-ups (waiting lists when full, some
  cancelled) with attendance for the past, all inserted with ``bulk_create``. The number of
  people signed up never exceeds an activity's places. Initiatives that exist already keep
  their data; a larger scale adds initiatives.

E-mail: ``seed_demo`` runs the parts with the dummy e-mail backend. On top of that the fixed
set's "new activity" notices find nobody (members get that choice switched on only after
the commit, when those notices have run), and the meldingen of the sign-ups are marked as
not to be e-mailed before they are committed, so a Celery worker with a real mail server
sends nothing either. The scale data makes no meldingen.
"""

from demo.basis import Deel

from .gegevens import MARKER_SLUGS, SCHAAL_SLUG, VERLEDEN_WEKEN, VOL, WACHTLIJST
from .rooster import aanmeldingen_voor
from .schaal import aantal_initiatieven, seed_scale
from .vast import seed_fixed

DEEL = Deel("Initiatieven", vast=seed_fixed, schaal=seed_scale, eenheid="bijeenkomsten")

__all__ = [
    "DEEL",
    "MARKER_SLUGS",
    "SCHAAL_SLUG",
    "VERLEDEN_WEKEN",
    "VOL",
    "WACHTLIJST",
    "aanmeldingen_voor",
    "aantal_initiatieven",
    "seed_fixed",
    "seed_scale",
]
