"""Identity of an article beyond its content hash: the canonical form of its URL.

Two URLs name the same article when they differ only in scheme, a leading "www.", a trailing slash,
a fragment, letter case of the host, or tracking parameters (utm_*, fbclid, the New York Times'
"action=click&pgtype=Homepage..."). A URL with no path (a home page) names no article.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref|ref_src|referrer|source|"
    r"cmpid|cmp|icid|ncid|ocid|partner|share|smid|smtyp|sr_share|rss|feed|feedtype|from|via|"
    r"action|pgtype|clicksource|module|region|contentcollection|contentplacement|version|hp|"
    r"wt\.\w+|mbid|ito|intcmp|_r|sh|mod|s_cid|cid|trk|tracking|amp|output)$",
    re.I,
)


def canonical_url(url: str | None) -> str | None:
    """The URL reduced to what names the article, or None when it names none."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if "://" not in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = re.sub(r"/(index\.html?|amp)$", "/", path).rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    if not path and not query:
        return None   # a home page is not an article
    tail = "?" + urlencode(sorted(query)) if query else ""
    return f"https://{host}{port}{path}{tail}"
