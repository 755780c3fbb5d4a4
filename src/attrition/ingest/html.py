"""An article's own text, title and publication date from a saved or fetched web page.

Text: trafilatura, precision first (no comments, no tables). Date: htmldate over the page with its
furniture cut away first (sidebars, "related stories" and "most read" lists, footers, navigation,
comments), so a date that belongs to another story or to the site can never be taken for the
article's: "November 12, 2018" in a footer under a 2017 article is not its publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from attrition.ingest.decode import check_text
from attrition.ingest.published import EARLIEST
from attrition.ingest.records import RawArticle, Reject

if TYPE_CHECKING:
    from attrition.ingest.context import ReadContext

_FURNITURE = re.compile(
    r"sidebar|related|recommend|most[-_ ]?(read|popular|viewed)|popular|trending|footer|breadcrumb|"
    r"newsletter|signup|subscribe|promo|teaser|widget|\brail\b|comment|share|social|more[-_ ]?(stories|news|headlines)|"
    r"read[-_ ]?next|outbrain|taboola|advert|\bad[-_]|\bnav|menu",
    re.I,
)
_FURNITURE_TAGS = ("aside", "footer", "nav", "form", "iframe", "script", "style", "noscript")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    published: str | None       # ISO date from the page's own markup, or None
    url: str | None = None      # <link rel="canonical"> or og:url


def looks_like_html(text: str) -> bool:
    if "<" not in text[:2048]:   # every sign below opens with one: a plain text needs no lower-casing
        return False
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<head" in head or "<p>" in head)


def extract_page(html: str, url: str | None = None, today: dt.date | None = None) -> Page:
    """The page's article text ('' when it has none), its title and the date its markup gives."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return Page("", None, None)
    text = trafilatura.extract(tree, url=url, favor_precision=True, include_comments=False,
                               include_tables=False, deduplicate=False) or ""
    return Page(text, _title(tree), _page_date(tree, url, today), _canonical(tree))


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block element per line."""
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in tree.xpath("//script|//style|//iframe|//figure|//figcaption"):
        bad.drop_tree()
    for block in tree.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n", tree.text_content()).strip()


def _canonical(tree) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [u.strip() for u in tree.xpath(xpath) if u.strip().startswith("http")]
        if found:
            return found[0]
    return None


def _title(tree) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content',
                  "//article//h1//text()", "//h1//text()", "//title/text()"):
        found = " ".join(t.strip() for t in tree.xpath(xpath) if t.strip())
        if found:
            return found
    return None


def _page_date(tree, url: str | None, today: dt.date | None) -> str | None:
    """Publication date from the markup of the article itself: meta tags, JSON-LD, its <time>, its URL."""
    pruned = _without_furniture(tree)
    today = today or dt.date.today()
    try:
        found = htmldate.find_date(pruned, url=url, extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%d", min_date=EARLIEST.isoformat(),
                                   max_date=(today + dt.timedelta(days=1)).isoformat())
    except Exception:   # htmldate on a hostile page: no date is a fine answer
        return None
    return found or None


def _without_furniture(tree):
    tree = lxml.html.fromstring(lxml.html.tostring(tree))   # a copy: trafilatura has read the original
    body = tree.find("body")
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element is body or element.getparent() is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        outside_article = not any(a.tag in ("article", "main") for a in element.iterancestors())
        if (element.tag in _FURNITURE_TAGS or (element.tag == "header" and outside_article)
                or (marker.strip() and _FURNITURE.search(marker))):
            element.drop_tree()
    return tree


def from_html(html: str, origin: str, external_id: str, meta: dict, context: ReadContext,
              feed: str | None = None) -> RawArticle | Reject:
    """An article from a page: trafilatura's text, the metadata given, else what the page says."""
    page = extract_page(html, text_or_none(meta.get("url")), context.today)
    if not page.text.strip():
        return Reject(origin, "no_prose", "no article text found in the page", external_id)
    text = check_text(page.text, origin)
    if isinstance(text, Reject):
        return Reject(text.origin, text.reason, text.detail, external_id)
    return RawArticle(
        external_id=external_id, origin=origin, text=text,
        title=text_or_none(meta.get("title")) or page.title,
        source=text_or_none(meta.get("source")),
        url=page.url or text_or_none(meta.get("url")),   # the publisher's rel=canonical first
        published_raw=text_or_none(meta.get("published") or meta.get("date")),
        page_published=page.published, raw=html, feed=feed,
    )


def text_or_none(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):   # e.g. {"name": "Reuters"}
        value = value.get("name") or value.get("title")
    text = str(value).strip()
    return text or None
