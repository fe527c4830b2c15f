"""Demo and scale data for the buurtassistent's work (a part of ``seed_demo``).

Two parts, both idempotent:

* A fixed, readable demo set around ``buurtassistent@demo.wijk`` (Aisha) and the demo
  residents ``bewoner1..50@demo.wijk`` (in each demo coöperatie, with its own addresses,
  names and places: ``demo.cooperaties``): five partners (a huisartsenpraktijk, the wijkteam, a
  welzijnsorganisatie, a woningcorporatie and the gemeente's loket) and one that stopped;
  Aisha follows Oud-Zuid and De Wetering; a year of contact moments, referrals and welcomes
  (``demo.buurtassistenten.jaar``) and those of the last weeks, some with a sensitive note; follow-ups that are overdue, due today, done and still to come; referrals
  in each status; newcomers, three welcomed (their follow-ups after 1, 3 and 6 months come
  from ``services.vervolgen_create``) and three not yet; the access log of the pages Aisha
  opened. Truus Hoekstra has no e-mail: Aisha entered her with an intake
  (``services.intake_create``), posted a help request for her and signed her up for the digital help
  hour, both through ``services`` (so they are recorded as done on her behalf). History lies
  in the past, which the services refuse, so it is inserted with the ORM. The set is there
  when Truus's intake exists. It does not depend on ``--seed``.
* With ``--scale N``: in proportion to the scale residents (those whose e-mail starts with
  ``schaal-``): contact moments for about 5% of them over the last year (some sensitive,
  with follow-ups and the access log), referrals for about 1% (every status) and about 3%
  newcomers, most of them welcomed, with their welcome follow-ups. Everything is inserted
  with ``bulk_create``. Who already has data keeps it; more residents add in proportion.

E-mail: nothing is mailed. ``seed_demo`` runs the parts with the dummy e-mail backend; on top
of that, the meldingen the services make here (a helper proposed for Truus's request, her
sign-up) are marked as not to be e-mailed before they are committed, so a Celery worker with a
real mail server sends nothing either. The scale data makes no meldingen.
"""

from demo.basis import Deel

from .schaal import aantallen, seed_scale
from .vast import partners_maken, seed_fixed

DEEL = Deel("Buurtassistenten", vast=seed_fixed, schaal=seed_scale)

__all__ = ["DEEL", "aantallen", "partners_maken", "seed_fixed", "seed_scale"]
