"""Demo and scale data for help requests, offers and matches (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set around the demo residents ``bewoner1..50@demo.wijk`` that
  ``seed_demo`` creates (in each demo coöperatie, with its own addresses, see
  ``demo.cooperaties``): offers, requests in every state (open, gematcht, afgerond, ingetrokken,
  verlopen, one escalated to the buurtassistent) and matches in every state. Current requests
  and offers go through the services (so matching runs, eagerly without a broker); history that
  lies in the past is inserted with the ORM, because the services refuse past dates. Someone
  logging in as ``bewoner1@demo.wijk`` sees their own requests with proposals and a proposal
  waiting for them as a helper. The marker is the first request's title for ``bewoner1``.
  Before that lies a year of help (``demo.hulpvragen.jaar``), so the board report has figures
  and trends for last quarter and this year.
* With ``--scale N``: about one request and one offer per ten scale residents per month, two
  years back (N=100,000 gives ~240,000 of each), with matches in realistic states, via
  ``bulk_create`` in batches. Most old offers are paused; many helpers have just one offer.
"""

from demo.basis import Deel

from .schaal import seed_scale
from .vast import seed_fixed

DEEL = Deel("Hulpvragen", vast=seed_fixed, schaal=seed_scale)

__all__ = ["DEEL", "seed_fixed", "seed_scale"]
