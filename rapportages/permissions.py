"""Who may see the board report and set the business case's values.

- The report, its CSV and XLSX downloads and the business case: the bestuur and beheerders
  (both roles must use a second factor, which ``bewoners.middleware`` enforces). Everybody else
  gets a 403. The report shows aggregates only, with small counts hidden.
- Setting the euro values of the business case: the bestuur.
"""

from bewoners.roles import Rol, has_role


def mag_rapporten_zien(user) -> bool:
    return has_role(user, Rol.BESTUUR, Rol.BEHEERDER)


def mag_waarden_instellen(user) -> bool:
    return has_role(user, Rol.BESTUUR)
