"""Render the linked corpus to files: HTML pages through Jinja2, and the JSON API.

`render_site` returns a dict of relative path -> bytes and writes nothing, so the
whole output can be compared, cached or written atomically by `write.py`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .content import Corpus
from .model import Document, Paragraph, document_to_json

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def reference_ids(doc: Document) -> dict[int, list[str]]:
    """The id of each marker of each note: `fnref3`, then `fnref3-2` for a second
    reference, so every back-link has its own target."""
    ids: dict[int, list[str]] = defaultdict(list)
    for paragraph in doc.paragraphs():
        for marker in paragraph.markers:
            count = len(ids[marker.note])
            ids[marker.note].append(f"fnref{marker.note}" + (f"-{count + 1}" if count else ""))
    return ids


def paragraph_html(
    paragraph: Paragraph, next_ref: dict[int, int], refs: dict[int, list[str]]
) -> Markup:
    """Escaped paragraph text with each marker as a link to its note."""
    parts, cursor = [], 0
    for marker in sorted(paragraph.markers, key=lambda m: m.offset):
        parts.append(escape(paragraph.text[cursor : marker.offset]))
        index = next_ref[marker.note]
        next_ref[marker.note] += 1
        ref_id = refs[marker.note][index]
        parts.append(
            Markup(
                '<sup class="noteref"><a href="#fn{n}" id="{ref}" role="doc-noteref" '
                'aria-label="Note {n}">{n}</a></sup>'
            ).format(n=marker.note, ref=ref_id)
        )
        cursor = marker.offset
    parts.append(escape(paragraph.text[cursor:]))
    return Markup("").join(parts)


def essay_context(doc: Document) -> dict[str, Any]:
    refs = reference_ids(doc)
    next_ref: dict[int, int] = defaultdict(int)
    rendered = {p.id: paragraph_html(p, next_ref, refs) for p in doc.paragraphs()}
    return {"doc": doc, "meta": doc.meta, "paragraph_html": rendered, "refs": refs}


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_site(corpus: Corpus, templates_dir: Path = TEMPLATES_DIR) -> dict[str, bytes]:
    env = make_environment(templates_dir)
    site = corpus.site
    documents = sorted(corpus.documents, key=lambda d: d.slug)
    files: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(site=site, root=root, path=path, **context)
        files[path] = html.encode("utf-8")

    page("index.html", "index.html", documents=documents)
    for doc in documents:
        page(f"essays/{doc.slug}.html", "essay.html", **essay_context(doc))
        files[f"api/documents/{doc.slug}.json"] = json_bytes(document_to_json(doc))
    static = templates_dir / "static"
    if static.is_dir():
        for asset in sorted(static.rglob("*")):
            if asset.is_file():
                files[f"static/{asset.relative_to(static).as_posix()}"] = asset.read_bytes()
    return files
