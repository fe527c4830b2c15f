"""Who may do the platform's work across coöperaties (the platform roles of the account)."""

from bewoners.roles import PlatformRol, has_platform_role


def is_platformbeheerder(user) -> bool:
    """Sets coöperaties up (in the admin, with its domain names, buurten, categories and first
    beheerder), exports and removes them. Sees no resident data: no role in any coöperatie
    comes with it."""
    return has_platform_role(user, PlatformRol.PLATFORMBEHEERDER)


def mag_netwerk_zien(user) -> bool:
    """The network's board: the federation report (figures per coöperatie and in total, with
    the small-cell rules of the board report; no person in it)."""
    return has_platform_role(user, PlatformRol.NETWERKBESTUUR)
