"""Render the linked corpus to files: HTML pages through Jinja2, and the data exports.

`render_site` returns a dict of relative path -> bytes and writes nothing, so the
whole output can be compared, cached or written atomically by `write.py`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .citations.csl import FormattedEntry
from .link import LinkedCorpus, Work
from .metadata import SiteConfig
from .model import Document, reference_ids
from .publish import data_files
from .render_text import paragraph_html, sentence_at

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def source_href(key: str) -> str:
    return f"sources/{key}.html"


def essay_context(doc: Document, linked: LinkedCorpus) -> dict[str, Any]:
    refs = reference_ids(doc)
    used: dict[int, int] = defaultdict(int)
    rendered = {}
    for paragraph in doc.paragraphs():
        ids = []
        for marker in sorted(paragraph.markers, key=lambda m: m.offset):
            ids.append(refs[marker.note][used[marker.note]])
            used[marker.note] += 1
        mentions = [
            (m.start, m.end, "../" + source_href(m.key))
            for m in linked.mentions.get((doc.slug, paragraph.id), [])
        ]
        rendered[paragraph.id] = paragraph_html(paragraph, ids, mentions)
    note_sources = {
        note.number: [
            (linked.works[key], locator)
            for key, locator in linked.note_cites.get((doc.slug, note.number), [])
        ]
        for note in doc.notes
    }
    return {
        "doc": doc,
        "meta": doc.meta,
        "paragraph_html": rendered,
        "refs": refs,
        "note_sources": note_sources,
    }


def citing_places(work: Work, documents: dict[str, Document]) -> list[dict[str, Any]]:
    """Each place citing `work`, with the sentence that carries the marker."""
    places = []
    for place in work.cited_by:
        doc = documents[place.document]
        paragraph = next((p for p in doc.paragraphs() if p.id == place.paragraph), None)
        sentence = ""
        if paragraph is not None:
            offsets = [m.offset for m in paragraph.markers if m.note == place.note]
            sentence = sentence_at(paragraph.text, offsets[0]) if offsets else ""
        places.append({"place": place, "doc": doc, "sentence": sentence})
    return places


def render_site(
    site: SiteConfig,
    linked: LinkedCorpus,
    formatted: dict[str, FormattedEntry],
    bibtex: dict[str, str],
    csl_items: dict[str, dict],
    templates_dir: Path = TEMPLATES_DIR,
) -> dict[str, bytes]:
    env = make_environment(templates_dir)
    documents = sorted(linked.documents, key=lambda d: d.slug)
    by_slug = {d.slug: d for d in documents}
    ordered_keys = list(formatted)  # already in bibliography order
    files: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(
            site=site, root=root, path=path, formatted=formatted, **context
        )
        files[path] = html.encode("utf-8")

    counts = {d.slug: len({k for n in d.notes for k in n.sources}) for d in documents}
    page("index.html", "index.html", documents=documents, source_counts=counts)
    page("bibliography.html", "bibliography.html", works=[linked.works[k] for k in ordered_keys])
    for doc in documents:
        page(f"essays/{doc.slug}.html", "essay.html", **essay_context(doc, linked))
    for key in ordered_keys:
        work = linked.works[key]
        page(
            source_href(key),
            "source.html",
            work=work,
            entry=formatted[key],
            bibtex=bibtex[key],
            places=citing_places(work, by_slug),
        )
    files.update(data_files(linked, formatted, bibtex, csl_items, ordered_keys))
    static = templates_dir / "static"
    if static.is_dir():
        for asset in sorted(static.rglob("*")):
            if asset.is_file():
                files[f"static/{asset.relative_to(static).as_posix()}"] = asset.read_bytes()
    return files
