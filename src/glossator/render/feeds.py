"""The Atom feed and the sitemap, as bytes: one entry per essay, no build timestamps.

Every date comes from the essays themselves (`updated` is the essay's date), so two
builds of the same content give the same bytes. Ids are the page URLs when the site
has a `base_url`; without one they are `urn:uuid:` names derived from the site title
and the slug (stable, and unique to the corpus). A sitemap must list absolute URLs, so
without `base_url` there is none. An entry's summary is the essay's abstract when it has
one (its plain text, in full), else the excerpt of its first paragraph (`feed_entry`).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from glossator.config import SiteConfig
from glossator.model import Document
from glossator.render.cite_this import date_parts
from glossator.render.head import abstract_text, excerpt, full_title

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
EPOCH = "1970-01-01T00:00:00Z"  # Atom requires `updated`; an undated essay gets this
# Characters XML 1.0 cannot hold at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    slug: str
    title: str
    authors: tuple[str, ...]
    date: str | None
    summary: str


def feed_entry(doc: Document) -> FeedEntry:
    """An essay's entry: titled with its subtitle, summarized by its abstract when it
    has one, else by the excerpt of its first paragraph."""
    summary = abstract_text(doc) or excerpt(doc)
    return FeedEntry(doc.slug, full_title(doc), tuple(doc.meta.authors), doc.meta.date, summary)


def text(value: str) -> str:
    return escape(NOT_XML.sub("", value))


def attr(value: str) -> str:
    return quoteattr(NOT_XML.sub("", value))


def atom_date(date: str | None) -> str:
    year, month, day = date_parts(date)
    if not year:
        return EPOCH
    return f"{year}-{month or '01'}-{day or '01'}T00:00:00Z"


def site_id(site: SiteConfig, path: str) -> str:
    if site.base_url:
        return f"{site.base_url}/{path}"
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"glossator:{site.title}/{path}"))


def atom_feed(site: SiteConfig, entries: list[FeedEntry]) -> bytes:
    """An Atom 1.0 feed, newest essay first. Links are absolute with `base_url`, else
    relative to the feed (which sits at the site's root)."""
    base = f"{site.base_url}/" if site.base_url else ""
    ordered = sorted(entries, key=lambda e: e.slug)
    ordered.sort(key=lambda e: atom_date(e.date), reverse=True)
    updated = max((atom_date(e.date) for e in ordered), default=EPOCH)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={attr(site.language)}>',
        f"<title>{text(site.title)}</title>",
        f"<subtitle>{text(site.description)}</subtitle>",
        f"<id>{text(site_id(site, ''))}</id>",
        f"<link href={attr(base or 'index.html')}/>",
    ]
    if base:
        out.append(f'<link rel="self" href={attr(base + "feed.xml")}/>')
    out += [
        f"<updated>{updated}</updated>",
        f"<author><name>{text(site.author or site.title)}</name></author>",
        "<generator>glossator</generator>",
    ]
    for entry in ordered:
        path = f"essays/{entry.slug}.html"
        out += [
            "<entry>",
            f"<title>{text(entry.title or entry.slug)}</title>",
            f"<id>{text(site_id(site, path))}</id>",
            f'<link rel="alternate" type="text/html" href={attr(base + path)}/>',
            f"<updated>{atom_date(entry.date)}</updated>",
        ]
        out += [f"<author><name>{text(a)}</name></author>" for a in entry.authors]
        if entry.summary:
            out.append(f"<summary>{text(entry.summary)}</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def sitemap(site: SiteConfig, paths: list[str]) -> bytes | None:
    """The sitemap of the given pages, or None when the site has no `base_url`."""
    if not site.base_url:
        return None
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for path in sorted(paths):
        url = f"{site.base_url}/" + ("" if path == "index.html" else quote(path))
        out.append(f"<url><loc>{text(url)}</loc></url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")
