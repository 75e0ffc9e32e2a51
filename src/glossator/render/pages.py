"""Render the linked corpus to files: HTML pages through Jinja2, and the data exports.

`render_site` returns a dict of relative path -> bytes and writes nothing, so the
whole output can be compared, cached or written atomically by `write.py`.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from glossator.config import SiteConfig
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import LinkedCorpus, Work
from glossator.model import Document, Metadata, WorksCited, marker_anchors, walk_blocks
from glossator.model.inline import CONTAINERS, Image, Inline, Link, nodes_of
from glossator.paths import source_path
from glossator.render import cite_this as cite_formats
from glossator.render.blocks import BlockContext, blocks_html, body_html, toc_html
from glossator.render.cite_this import human_date
from glossator.render.citing import (
    notes_list_html,
    sidenote_sources,
)
from glossator.render.fields import field_html, field_text
from glossator.render.head import (
    cited_works,
    document_language,
    excerpt,
    full_title,
    highwire_tags,
    json_ld,
    opengraph_tags,
)
from glossator.render.inline import inline_html
from glossator.render.labels import page_labels, title_lang, ui_lang
from glossator.render.notes import note_html, notes_context, sidenote_html
from glossator.render.paragraphs import LazyParagraphs, sentence_at
from glossator.render.templating import as_search_path, builtin_templates

TEMPLATES_DIR = builtin_templates()
DESCRIPTION_WORDS = 25  # an essay's meta description: about the 160 characters shown


def make_environment(templates_dir: Path | Sequence[Path] = TEMPLATES_DIR) -> Environment:
    """Templates from one folder, or from several where the first holding a name wins
    (a site's own templates, then the built-in set).

    Kept for the next build in the same process (a rebuild while serving, the fuzzer),
    whose templates are then compiled already, for as long as no file in the folders
    was added, removed or changed: compiling them is a good part of a small build."""
    folders = tuple(str(folder) for folder in as_search_path(templates_dir))
    key = (folders, _signature(folders))
    if _ENVIRONMENTS.get("key") != key:
        _ENVIRONMENTS.update(key=key, env=_environment(folders))
    return _ENVIRONMENTS["env"]


_ENVIRONMENTS: dict[str, Any] = {}  # the last one made, by its folders and their files


def _signature(folders: tuple[str, ...]) -> tuple:
    """Every file under the folders with its size and modification time."""
    found = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append((root, name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def _environment(folders: tuple[str, ...]) -> Environment:
    loaders = [FileSystemLoader(folder) for folder in folders]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # `make_environment` makes a new one when a file changes: Jinja's own check
        # stat()ed the template and what it extends for each of 30,000 pages
        auto_reload=False,
    )
    env.filters["human_date"] = human_date
    env.filters["field_html"] = field_html
    env.filters["title_html"] = title_html
    env.globals["source_href"] = source_href
    return env


def source_href(key: str) -> str:
    """The one name of a work's source page, in links and in the files written."""
    return source_path(key)


def page_url(site: SiteConfig, path: str) -> str | None:
    """The page's absolute URL (its canonical URL), or None without `base_url`."""
    if not site.base_url:
        return None
    return f"{site.base_url}/" + ("" if path == "index.html" else path)


def essay_body(
    doc: Document,
    linked: LinkedCorpus,
    site: SiteConfig,
    note_sources: dict[int, list[tuple[Work, str | None]]] | None = None,
    shorts: dict[str, str] | None = None,
    works_cited: str = "",
) -> dict[str, Any]:
    """The essay's HTML, computed here so the template stays simple: the body (sections
    nested by level, `works_cited` where the essay lists its works), the table of
    contents' items, each paragraph (for site templates that lay out paragraphs
    themselves), each note for the notes list, the abstract, and each note's back-link
    targets (`refs`)."""
    raw = site.allow_raw_html
    anchors: dict[str, list[str]] = defaultdict(list)
    refs: dict[int, list[str]] = defaultdict(list)
    paragraphs = doc.paragraphs()
    for paragraph, note, anchor in marker_anchors(doc, paragraphs):
        anchors[paragraph.id].append(anchor)
        refs[note].append(anchor)
    mentions = {
        paragraph.id: [
            (m.start, m.end, "../" + source_href(m.key))
            for m in linked.mentions.get((doc.slug, paragraph.id), [])
        ]
        for paragraph in paragraphs
    }
    sources = sidenote_sources(note_sources or {}, refs, shorts or {})
    sidenotes = {
        note.number: sidenote_html(note, sources.get(note.number, "")) for note in doc.notes
    }
    context = BlockContext(anchors, mentions, sidenotes, raw, works_cited=works_cited)
    notes = notes_context(raw)
    return {
        "body_html": body_html(doc.sections, context),
        "toc_html": toc_html(doc.sections, raw),
        # (id, heading text) of each headed section, for site templates of the old form
        "toc": [(s.id, s.heading) for s in doc.sections if s.heading],
        "paragraph_html": LazyParagraphs(doc, anchors, mentions, sidenotes, raw),
        "note_html": {note.number: note_html(note, raw, notes) for note in doc.notes},
        "abstract_html": blocks_html(
            doc.meta.abstract, BlockContext(allow_raw_html=raw, anchors=False)
        ),
        "refs": dict(refs),
    }


def title_html(meta: Metadata, key: str = "title", links: bool = True) -> Markup:
    """The essay's title (or `key`: its subtitle) as written, italics and all; without
    its links where it stands inside one (a listing), for links do not nest."""
    content = getattr(meta, f"{key}_content", None)
    if not content:
        return escape(getattr(meta, key) or "")
    return inline_html(content if links else _unlinked(content))


def _unlinked(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Link):
            out.extend(_unlinked(node.content))
        elif isinstance(node, CONTAINERS):
            out.append(dataclasses.replace(node, content=_unlinked(node.content)))
        else:
            out.append(node)
    return tuple(out)


def essay_context(
    doc: Document,
    linked: LinkedCorpus,
    formatted: dict[str, FormattedEntry],
    site: SiteConfig,
    shorts: dict[str, str],
) -> dict[str, Any]:
    note_sources = {
        note.number: [
            (linked.works[key], locator)
            for key, locator in linked.note_cites.get((doc.slug, note.number), [])
        ]
        for note in doc.notes
    }
    url = page_url(site, f"essays/{doc.slug}.html")
    cited = cited_works(doc, linked.works)
    description = excerpt(doc, DESCRIPTION_WORDS) or site.description
    listed = works_cited_html(doc, cited, formatted, linked.works)
    body = essay_body(doc, linked, site, note_sources, shorts, listed)
    return {
        "doc": doc,
        "meta": doc.meta,
        **body,
        "notes_list_html": notes_list_html(
            doc, body["note_html"], note_sources, body["refs"], shorts
        ),
        "note_sources": note_sources,
        "description": description,
        "cite": {
            "chicago": cite_formats.chicago(doc, url, site.title),
            "bibtex": cite_formats.bibtex(doc, url),
            "ris": cite_formats.ris(doc, url),
        },
        "highwire": highwire_tags(doc, url, site.language),
        "opengraph": opengraph_tags(doc, site.title, description, url),
        "json_ld": json_ld(doc, cited, formatted, url, site.language),
        "works_cited": len(cited),
        # an image credit is shown only where the page shows an image
        "has_image": any(f.src for f in doc.figures())
        or any(nodes_of(p.content, Image) for p in doc.paragraphs()),
        "page_lang": (lang := document_language(doc, site.language)),
        "labels": page_labels(lang),
        "ui_lang": ui_lang(lang),
        "title_lang": title_lang(lang, site.language),
        "page_title": full_title(doc),
    }


def lists_works(doc: Document) -> bool:
    """Whether the essay says where to list its works (`WorksCited`)."""
    blocks = (b for section in doc.sections for b in walk_blocks(section.blocks))
    return any(isinstance(b, WorksCited) for b in blocks)


def listed_entries(
    doc: Document, formatted: Mapping[str, FormattedEntry], shown: list[str]
) -> dict[str, FormattedEntry]:
    """The entries of the works an essay's page shows, by key; in the bibliography's
    order (`formatted`'s) for an essay that lists them (`works_cited_html`)."""
    if lists_works(doc):
        wanted = set(shown)
        return {key: entry for key, entry in formatted.items() if key in wanted}
    return {key: formatted[key] for key in shown if key in formatted}


def nocite_keys(doc: Document, works: Mapping[str, Work]) -> list[str]:
    """The works the essay's `nocite` names (`*`: every curated one), as Pandoc lists
    them with the works cited."""
    if "*" in doc.meta.nocite:
        return [key for key, work in works.items() if work.curated]
    return [key for key in doc.meta.nocite if key in works]


def works_cited_html(
    doc: Document,
    cited: list[Work],
    formatted: Mapping[str, FormattedEntry],
    works: Mapping[str, Work],
) -> str:
    """The works the essay cites and those its `nocite` names, in `formatted`'s order
    (the bibliography's: see `listed_entries`), each its entry leading to its source
    page: for an essay that says where to list them (`WorksCited`), else ""."""
    if not lists_works(doc):
        return ""
    keys = {work.key for work in cited} | set(nocite_keys(doc, works))
    items = [
        f'<li><a href="../{escape(source_href(key))}">{entry.html}</a></li>'
        for key, entry in formatted.items()
        if key in keys
    ]
    return '<ul class="bibliography works-cited">\n' + "\n".join(items) + "\n</ul>" if items else ""


def essay_downloads(doc: Document, site: SiteConfig) -> dict[str, bytes]:
    """The essay's citation in each format, as files beside its page."""
    url = page_url(site, f"essays/{doc.slug}.html")
    base = f"essays/{doc.slug}"
    return {
        f"{base}.bib": cite_formats.bibtex(doc, url).encode("utf-8"),
        f"{base}.ris": cite_formats.ris(doc, url, newline="\r\n").encode("utf-8"),
        f"{base}.txt": (cite_formats.chicago(doc, url, site.title) + "\n").encode("utf-8"),
    }


Sentences = dict[tuple[str | None, int], str]  # (paragraph id, note) -> the sentence


def cited_sentences(doc: Document) -> Sentences:
    """(paragraph id, note) -> the sentence carrying the note's first marker in that
    paragraph: what a source page quotes of each place citing its work. A function of
    the document alone, so kept with its page while the document is unchanged."""
    found: Sentences = {}
    for paragraph_id, paragraph in {p.id: p for p in doc.paragraphs()}.items():
        if paragraph.markers:
            text = paragraph.text
            for marker in paragraph.markers:
                if (paragraph_id, marker.note) not in found:
                    found[(paragraph_id, marker.note)] = sentence_at(text, marker.offset)
    return found


def citing_places(
    work: Work, essays: Mapping[str, Any], sentences: Mapping[str, Sentences]
) -> list[dict[str, Any]]:
    """Each place citing `work`: the citing essay (from `essays`, by slug), the sentence
    that carries the marker (from `cited_sentences` of that essay) and the anchor."""
    return [
        {
            "place": place,
            "doc": essays[place.document],
            "sentence": sentences[place.document].get((place.paragraph, place.note), ""),
            "anchor": place.marker or f"fn{place.note}",
        }
        for place in work.cited_by
    ]


def work_label(work: Work) -> str:
    """A work's short name in links: its title without BibTeX braces; for an untitled
    entry its first author or body and year, as an author-date citation names it, or
    its container or URL — an internal key only when the entry has nothing else."""
    f = work.fields
    title = field_text(f.get("title", ""))
    if title:
        return title
    name = field_text(
        (f.get("author") or f.get("editor") or f.get("organization") or "").split(" and ")[0]
    )
    family = name.split(",")[0].strip()
    year = field_text(f.get("year", "") or f.get("date", "")[:4])
    for label in (" ".join(p for p in (family, year) if p), field_text(f.get("journal", ""))):
        if label:
            return label
    return field_text(f.get("url", "")) or work.key


def about_paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def root_path(site: SiteConfig) -> str:
    """The site root's path on its server (`/`, or `/corpus/` for a base_url with a path):
    the 404 page is served at any depth, so its links start there."""
    path = urlsplit(site.base_url).path.rstrip("/") if site.base_url else ""
    return path + "/"


def site_citation(site: SiteConfig) -> str:
    """The corpus as a whole, in Chicago bibliography form (editor, title, URL)."""
    parts = []
    if site.author:
        parts.append(f"{site.author}, ed.")
    parts.append(site.title.strip() + ("" if site.title.strip().endswith(".") else "."))
    if site.base_url:
        parts.append(site.base_url + "/.")
    return " ".join(parts)
