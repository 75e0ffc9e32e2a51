"""What an essay page tells machines: Highwire Press tags (Google Scholar, Zotero),
schema.org JSON-LD, OpenGraph, and the excerpt used as its description.

All of it is plain text: the abstract (when the document has one) is the description
and `citation_abstract`, its keywords `citation_keywords`, its `lang` the language, and
a subtitle joins the title as "Title: Subtitle".

Pure: each function returns data (pairs of name and content, or a JSON string safe to
put inside a <script> element); the templates escape and place it.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import Work
from glossator.model import Document, blocks_text
from glossator.render.cite_this import date_parts
from glossator.render.fields import field_text

EXCERPT_WORDS = 40


def abstract_text(doc: Document) -> str:
    """The abstract as plain text, paragraphs joined by a space; empty without one."""
    return blocks_text(doc.meta.abstract)


def excerpt(doc: Document, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of the abstract, or without one of the first paragraph,
    with an ellipsis if cut."""
    paragraphs = doc.paragraphs()
    text = abstract_text(doc) or (paragraphs[0].text if paragraphs else "")
    split = text.split()
    cut = " ".join(split[:words])
    return cut + "…" if len(split) > words else cut


def full_title(doc: Document) -> str:
    """The title with its subtitle, "Title: Subtitle" (no colon after a title that ends
    in its own punctuation: "Why Footnotes? A History")."""
    title, subtitle = doc.meta.title or doc.slug, doc.meta.subtitle
    if not subtitle:
        return title
    return f"{title} {subtitle}" if title[-1:] in "?!:." else f"{title}: {subtitle}"


def document_language(doc: Document, site_language: str) -> str:
    """The document's own `lang`, else the site's."""
    return doc.meta.lang or site_language


def cited_works(doc: Document, works: dict[str, Work]) -> list[Work]:
    """The works the essay cites, in the order of their first citation."""
    keys = dict.fromkeys(key for note in doc.notes for key in note.sources)
    return [works[k] for k in keys if k in works]


def highwire_tags(doc: Document, url: str | None, language: str) -> list[tuple[str, str]]:
    """`citation_*` meta tags, in the order Google Scholar's guidelines list them: the
    essay's own record, which reference managers read. No `citation_reference`: the
    works cited are in the JSON-LD `citation`, the notes and the API (docs/reading.md)."""
    meta = doc.meta
    tags = [("citation_title", full_title(doc))]
    tags += [("citation_author", author) for author in meta.authors]
    year, month, day = date_parts(meta.date)
    if year:
        tags.append(("citation_publication_date", "/".join(p for p in (year, month, day) if p)))
    if meta.publication:
        name = "citation_publisher" if doc.format == "web-text" else "citation_journal_title"
        tags.append((name, meta.publication))
    if abstract_text(doc):
        tags.append(("citation_abstract", abstract_text(doc)))
    tags += [("citation_keywords", keyword) for keyword in meta.keywords]
    tags.append(("citation_language", document_language(doc, language)))
    if url:
        tags.append(("citation_fulltext_html_url", url))
    return tags


def opengraph_tags(
    doc: Document, site_title: str, description: str, url: str | None
) -> list[tuple[str, str]]:
    tags = [
        ("og:type", "article"),
        ("og:title", full_title(doc)),
        ("og:description", description),
        ("og:site_name", site_title),
    ]
    if doc.meta.lang:
        tags.append(("og:locale", doc.meta.lang.replace("-", "_")))
    if url:
        tags.append(("og:url", url))
    year, month, day = date_parts(doc.meta.date)
    if year:
        tags.append(("article:published_time", "-".join(p for p in (year, month, day) if p)))
    return tags


def json_for_script(data: Any) -> Markup:
    """JSON that cannot end its <script> element or open a comment: <, > and & are
    written as \\u escapes, which JSON parsers read back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def json_ld(
    doc: Document,
    cited: list[Work],
    formatted: dict[str, FormattedEntry],
    url: str | None,
    language: str,
) -> Markup:
    """schema.org ScholarlyArticle (a paper) or BlogPosting (a web page), with the
    works it cites as `citation`."""
    meta = doc.meta
    blog = doc.format == "web-text"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if blog else "ScholarlyArticle",
        "headline": full_title(doc),
    }
    if meta.subtitle:
        data["alternativeHeadline"] = meta.subtitle
    if abstract_text(doc):
        data["abstract"] = abstract_text(doc)
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    if meta.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in meta.authors]
    if meta.date:
        data["datePublished"] = meta.date
    if meta.publication:
        data["isPartOf"] = {"@type": "Blog" if blog else "Periodical", "name": meta.publication}
    data["inLanguage"] = document_language(doc, language)
    if url:
        data["url"] = url
    citations: list[Any] = []
    for work in cited:
        entry = formatted.get(work.key)
        name = field_text(work.fields.get("title", "")) or (entry.text if entry else work.key)
        # schema.org's `citation` is a CreativeWork or Text: a work with an address is
        # a CreativeWork with its url, any other its name alone (the page stays light)
        citations.append(
            {"@type": "CreativeWork", "name": name, "url": work.url} if work.url else name
        )
    if citations:
        data["citation"] = citations
    return json_for_script(data)
