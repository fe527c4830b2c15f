"""Demo and scale data for shared facilities and their bookings (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set: four facilities in the demo buurten (the big hall of a community
  centre that needs approval, a clinic's exercise room shared with the neighbourhood, a pool
  that only its keepers book, the community garden's kitchen) with opening hours, closures,
  keepers and bookings. Upcoming bookings go through ``accommodaties.services`` (the real rules,
  approval and notifications; some stay "aangevraagd", so the keepers have work waiting);
  bookings of the past year (month by month as busy as the season, with last Christmas and
  the summer break closed) are inserted with the ORM, because the service refuses the past.
  ``bewoner2@demo.wijk`` keeps the hall, ``beheer@demo.wijk`` keeps all four, and
  ``bewoner1@demo.wijk`` has a few bookings, among them a weekly series. The set is there
  when any of its facilities exists (their slugs are the marker). It does not depend on
  ``--seed``: it is the same on every machine. Each demo coöperatie has it in its own village,
  with its own accounts (``demo.cooperaties``: Buurthuis De Veerman in Het Veer).
* With ``--scale N``: one facility per 2,000 residents (at least 3), each with bookings from two
  years back until about two months ahead, booked by the scale residents (some on behalf of an
  initiative), within opening hours and outside closures, never overlapping (buffer included:
  ``bezet_tot = einde + buffer``), in a realistic mix of states, inserted with ``bulk_create``
  in batches. Facilities that exist already keep their bookings; a larger scale adds facilities.

``plan_boekingen`` (a non-overlapping schedule) is also used by ``bench_bookings``.

E-mail: ``seed_demo`` runs the parts with the dummy e-mail backend, so the notifications of the
demo bookings land in the inboxes and no mail leaves.
"""

from demo.basis import Deel

from .gegevens import MARKER_SLUG, SCHAAL_SLUG, SCHAAL_SOORTEN, uren
from .rooster import bulk_insert, overlappen, plan_boekingen, reserveringen_voor
from .schaal import aantal_ruimtes, seed_scale
from .vast import seed_fixed

DEEL = Deel("Accommodaties", vast=seed_fixed, schaal=seed_scale, eenheid="boekingen")

__all__ = [
    "DEEL",
    "MARKER_SLUG",
    "SCHAAL_SLUG",
    "SCHAAL_SOORTEN",
    "aantal_ruimtes",
    "bulk_insert",
    "overlappen",
    "plan_boekingen",
    "reserveringen_voor",
    "seed_fixed",
    "seed_scale",
    "uren",
]
