"""Which hosts a link found in content may point at.

A feed entry's link is text someone else wrote: fetched blindly, it could make attrition read a
service on this machine or its network (a metadata endpoint, an admin page, a database's HTTP port)
and store the answer as an article. Links taken from content are fetched only when their host
resolves to public addresses, unless the source the user named is itself on a local or private
address (a feed served on the intranet links to the intranet) or `ATTRITION_FETCH_PRIVATE=1` allows it.

The check resolves the name before the fetch; a name that resolves differently a moment later (DNS
rebinding) is not caught here.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def non_public(url: str) -> str | None:
    """Why the URL's host is not a public address ("127.0.0.1 is a loopback address"), or None."""
    host = urlsplit(url).hostname
    if not host:
        return None
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return None   # unresolvable: the fetch itself fails and says why
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            return f"{host} is {address}, {_kind(address)} address"
    return None


def _kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for attribute, name in (("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"),
                            ("is_link_local", "a link-local"), ("is_private", "a private"),
                            ("is_multicast", "a multicast")):
        if getattr(address, attribute):
            return name
    return "a non-public"
