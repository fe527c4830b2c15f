"""Which coöperatie a host name belongs to (the public face for reads, with ``huidige``)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings

from .models import Cooperatie, Domein

# Host names that are the installation itself rather than a coöperatie: they open the first
# coöperatie (``make run`` on http://127.0.0.1:8000, the test client's "testserver").
EIGEN_HOSTS = ("127.0.0.1", "[::1]", "testserver")


def kale_host(host: str) -> str:
    """``"Wijk.Example.nl:8000"`` → ``"wijk.example.nl"`` (the port and a final dot go)."""
    host = (host or "").strip().lower()
    if host.startswith("["):  # an IPv6 address keeps its brackets
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".")


def cooperatie_voor_host(host: str) -> Cooperatie | None:
    """The active coöperatie that answers on ``host``, or None (the caller shows a friendly 404).

    In order: one of its own domain names; ``<slug>.<WIJK_PLATFORMDOMEIN>``; the installation's
    own host (the platform domain itself, 127.0.0.1, ...), which opens the first coöperatie.
    """
    host = kale_host(host)
    if not host:
        return None
    # The logo's bytes stay in the database (every request would carry them): /logo.png reads them.
    actief = Cooperatie.objects.actief().defer("logo")
    domein = (
        Domein.objects.filter(host=host, cooperatie__actief=True)
        .select_related("cooperatie")
        .defer("cooperatie__logo")
    )
    for gevonden in domein[:1]:
        return gevonden.cooperatie
    platform = settings.WIJK_PLATFORMDOMEIN
    if host.endswith("." + platform):
        slug = host[: -len(platform) - 1]
        return actief.filter(slug=slug).first() if "." not in slug else None
    if host == platform or host in EIGEN_HOSTS:
        return actief.order_by("pk").first()
    return None


def logo_van(cooperatie: Cooperatie) -> bytes | None:
    """The PNG of ``cooperatie``'s logo, or None."""
    logo = Cooperatie.objects.filter(pk=cooperatie.pk).values_list("logo", flat=True).first()
    return bytes(logo) if logo else None


def adres_van(cooperatie: Cooperatie) -> str:
    """The host name links to this coöperatie use: its first own domain, else its subdomain."""
    eigen = sorted(d.host for d in cooperatie.domeinen.all())
    return eigen[0] if eigen else f"{cooperatie.slug}.{settings.WIJK_PLATFORMDOMEIN}"


# Host name -> (valid until, coöperatie or None), per process. Resolving the host costs a query
# or two on every request; the answer changes only when a platform beheerder changes a
# coöperatie or its domains, which clears it here (``vergeet_hosts``) and, in other processes,
# after at most ``WIJK_HOSTS_ONTHOUDEN`` seconds.
_BEWAARD: dict[str, tuple[float, Cooperatie | None]] = {}


def cooperatie_voor_host_bewaard(host: str) -> Cooperatie | None:
    """``cooperatie_voor_host``, remembered per process for a short while."""
    host = kale_host(host)
    nu = time.monotonic()
    bewaard = _BEWAARD.get(host)
    if bewaard is not None and bewaard[0] > nu:
        return bewaard[1]
    cooperatie = cooperatie_voor_host(host)
    if len(_BEWAARD) > 10_000:  # many made-up hosts (all allowed by a wildcard): start over
        _BEWAARD.clear()
    _BEWAARD[host] = (nu + settings.WIJK_HOSTS_ONTHOUDEN, cooperatie)
    return cooperatie


def vergeet_hosts() -> None:
    """Forget the remembered hosts of this process (after a change to coöperaties)."""
    _BEWAARD.clear()
    _ADRESSEN.clear()


# Coöperatie id -> (valid until, its address), per process, like the hosts above.
_ADRESSEN: dict[int, tuple[float, str]] = {}


def site_url(cooperatie: Cooperatie | None = None) -> str:
    """The address of ``cooperatie`` (default: the current one) for links in e-mails and
    calendar feeds, with the scheme and port of ``SITE_URL``: its own domain, else its
    subdomain of the platform; the coöperatie that the installation's own address opens,
    without a domain of its own, keeps ``SITE_URL`` (an installation of one coöperatie is
    unchanged)."""
    from .huidige import huidige

    cooperatie = cooperatie or huidige()
    if cooperatie is None:
        return settings.SITE_URL
    nu = time.monotonic()
    bewaard = _ADRESSEN.get(cooperatie.pk)
    if bewaard is not None and bewaard[0] > nu:
        return bewaard[1]
    basis = urlsplit(settings.SITE_URL)
    eigen = sorted(Domein.objects.filter(cooperatie=cooperatie).values_list("host", flat=True))
    if eigen:
        adres = _met_poort(basis, eigen[0])
    elif Cooperatie.objects.actief().order_by("pk").values_list("pk", flat=True).first() == (
        cooperatie.pk
    ):
        adres = settings.SITE_URL
    else:
        adres = _met_poort(basis, f"{cooperatie.slug}.{settings.WIJK_PLATFORMDOMEIN}")
    _ADRESSEN[cooperatie.pk] = (nu + settings.WIJK_HOSTS_ONTHOUDEN, adres)
    return adres


def _met_poort(basis, host: str) -> str:
    poort = f":{basis.port}" if basis.port else ""
    return f"{basis.scheme}://{host}{poort}"
