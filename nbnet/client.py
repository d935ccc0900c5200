"""The client's address, worked out in one place for every limit that counts per address
(``client_key``: the address, or an IPv6 address's /64):
the contact form (network/contact.py), the open API and search API throttles
(exchange/throttling.py) and the sign-in lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``).

``PROXY_COUNT`` says how many reverse proxies of ours stand in front of the site:

- ``0`` (the default): the address is ``REMOTE_ADDR``. X-Forwarded-For is ignored, since
  without a proxy of ours anyone can send it.
- ``N``: the N-th address from the right of X-Forwarded-For, the one our outermost proxy
  saw (each proxy appends the address it received the request from, so the N right-most
  entries are ours and anything left of them is whatever the client sent). With fewer
  entries than that, or an entry that is not an IP address, ``REMOTE_ADDR``.

Written by hand rather than with django-ipware (the package axes' ``ipware`` extra installs),
whose rules do not fit a proxy that overwrites the header: python-ipware counts the client
as one of the entries (``proxy_count=1`` needs three addresses in the header before it is
used), and when the count does not match it goes on to the next header in a long list
(X-Real-IP, Client-IP, True-Client-IP, … which a client can forge) and prefers any public
address it finds there to a loopback or private ``REMOTE_ADDR``. That is the forgery this
module exists to prevent.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def parse_ip(value: str) -> str | None:
    """A normalised IP address, or None. Accepts the forms proxies write: ``1.2.3.4``,
    ``1.2.3.4:port``, ``2001:db8::1``, ``[2001:db8::1]:port``; an IPv4 address mapped into
    IPv6 (``::ffff:1.2.3.4``, as a dual-stack socket reports it) is given as IPv4."""
    value = value.strip()
    if value.startswith("["):  # [v6] or [v6]:port
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest) -> str:
    """The client's address as our outermost proxy saw it (see the module docstring); an
    empty string when not even ``REMOTE_ADDR`` holds an address (e.g. a Unix socket)."""
    remote = parse_ip(request.META.get("REMOTE_ADDR") or "") or ""
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    entries = (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    entries = [entry for entry in entries if entry.strip()]
    if len(entries) < proxies:
        return remote
    return parse_ip(entries[-proxies]) or remote


def client_key(request: HttpRequest) -> str:
    """What every per-address limit counts by: the client's IPv4 address, or for IPv6 its /64
    (written as the network's first address, so it fits wherever an address does). One
    IPv6 connection, a home's or a phone's, comes with a whole /64 to choose addresses from:
    counted per address, one client could send a new one with each request and never meet
    a limit, or guess a password from 2**64 addresses."""
    address = client_ip(request)
    if ":" not in address:
        return address
    return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)


def client_ip_for_axes(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: lockouts count by ``client_key`` like every other limit
    (axes keeps it in a nullable address column)."""
    return client_key(request) or None
