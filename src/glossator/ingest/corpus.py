"""Find the documents under `content/` and read each with the reader its format names.

Layout: `content/essays/<slug>.md` (front matter inside), or `<slug>.txt` with a
`<slug>.yaml` sidecar naming its `format`; `content/site.yaml` is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import imagesize

from glossator.config import SiteConfig, parse_site_config
from glossator.diagnostics import Diagnostic, display_path, error, warning
from glossator.ingest.metadata import merge_metadata, parse_metadata
from glossator.ingest.readers import get_reader
from glossator.ingest.source import Source
from glossator.model import Document, Figure, Paragraph
from glossator.model.inline import CONTAINERS, Image, Inline
from glossator.yamlmap import load_yaml_mapping

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass
class Corpus:
    """Everything read from `content/`, before citations are linked."""

    site: SiteConfig
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_text(path: Path) -> tuple[str | None, list[Diagnostic]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [
            error(display_path(path), line, "file.encoding", "file is not UTF-8; save it as UTF-8")
        ]
    except OSError as exc:
        return None, [
            error(display_path(path), 1, "file.unreadable", f"cannot read file: {exc.strerror}")
        ]


def read_document(path: Path, fmt: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Read one essay file (`.md`, or `.txt` with its sidecar) into a Document.

    `fmt` forces the reader of a raw source (`glossator import --reader`), which then
    needs no sidecar."""
    shown = display_path(path)
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        return None, [
            error(
                shown,
                1,
                "document.slug",
                f"file name `{path.name}` is not a valid slug; rename it to lower-case "
                "words joined by hyphens, e.g. `my-essay" + path.suffix + "`",
            )
        ]
    text, diags = read_text(path)
    if text is None:
        return None, diags
    if path.suffix == ".md":
        return get_reader("markdown")(Source(slug, shown, text))
    return _read_raw(path, Source(slug, shown, text), fmt)


def _read_raw(
    path: Path, source: Source, forced_format: str | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    sidecar = path.with_suffix(".yaml")
    shown = display_path(sidecar)
    if not sidecar.exists() and forced_format:
        document, diags = get_reader(forced_format)(source)
        return document, diags
    if not sidecar.exists():
        return None, [
            error(
                source.path,
                1,
                "meta.sidecar-missing",
                f"raw source has no metadata file; create `{sidecar.name}` with at least "
                "`format: pdf-text` or `format: web-text` and a `title`",
            )
        ]
    text, diags = read_text(sidecar)
    if text is None:
        return None, diags
    mapping, diags = load_yaml_mapping(text, shown)
    if mapping is None:
        return None, diags
    given, fmt, meta_diags = parse_metadata(
        mapping, shown, expect_format=not forced_format, sidecar=True
    )
    diags += meta_diags
    fmt = forced_format or fmt
    if fmt is None:
        return None, diags
    document, reader_diags = get_reader(fmt)(source)
    document.meta = merge_metadata(document.meta, given, set(mapping.values))
    diags += reader_diags
    if not document.meta.title:
        diags.append(
            error(
                shown,
                1,
                "meta.missing",
                "required field `title` is missing and the source has none; add `title: ...` "
                "and list it under `editorial`",
            )
        )
    return document, diags


def essay_paths(content_dir: Path) -> list[Path]:
    essays = content_dir / "essays"
    if not essays.is_dir():
        return []
    return sorted(p for p in essays.iterdir() if p.is_file() and p.suffix in (".md", ".txt"))


def read_corpus(content_dir: Path) -> Corpus:
    """Read every document; problems are collected, never raised."""
    site, diags = SiteConfig(), []
    site_file = content_dir / "site.yaml"
    if site_file.exists():
        text, diags = read_text(site_file)
        if text is not None:
            site, diags = parse_site_config(text, display_path(site_file))
    corpus = Corpus(site=site, diagnostics=diags)
    if not content_dir.is_dir():
        corpus.diagnostics.append(
            error(
                display_path(content_dir),
                1,
                "content.missing",
                "content folder not found; create it or pass --content DIR",
            )
        )
        return corpus
    for path in essay_paths(content_dir):
        document, diags = read_document(path)
        corpus.diagnostics += diags
        if document is not None:
            if document.format == "markdown":
                corpus.diagnostics += check_images(document, path, content_dir)
            corpus.documents.append(document)
    return corpus


def _images(content: tuple[Inline, ...]) -> list[Image]:
    found: list[Image] = []
    for node in content:
        if isinstance(node, Image):
            found.append(node)
        elif isinstance(node, CONTAINERS):
            found += _images(node.content)
    return found


def check_images(doc: Document, essay: Path, content_dir: Path) -> list[Diagnostic]:
    """Every image of a Markdown essay must be a file inside `content/` (relative to the
    essay, or to `content/` when it starts with `/`); a figure gets its width and height
    from the file's header. A remote image is a warning: the site loads nothing from
    elsewhere."""
    shown, diags = display_path(essay), []
    places: list[tuple[str, int, Figure | None]] = []
    for block in doc.blocks():
        if isinstance(block, Figure) and block.src:
            places.append((block.src, block.line, block))
        elif isinstance(block, Paragraph):
            places += [(image.src, block.line, None) for image in _images(block.content)]
    root = content_dir.resolve()
    for src, line, figure in places:
        if re.match(r"^https?://", src, re.I):
            diags.append(
                warning(
                    shown,
                    line,
                    "image.remote",
                    f"image `{src}` is on another site, and the site loads nothing from "
                    "elsewhere; download it into content/ and link it from there",
                )
            )
            continue
        if src.lower().startswith("data:"):
            continue
        path = urlsplit(src).path if not URL_SCHEME.match(src) else None
        target = (
            (root / path.lstrip("/") if path.startswith("/") else essay.parent / path)
            if path
            else None
        )
        if target is None or not target.resolve().is_relative_to(root):
            diags.append(
                error(
                    shown,
                    line,
                    "image.outside-content",
                    f"image `{src}` is outside content/; move it into content/ and link it "
                    "relative to the essay",
                )
            )
        elif not target.is_file():
            diags.append(
                error(
                    shown,
                    line,
                    "image.missing",
                    f"image `{src}` not found at {display_path(target)}; add the file or "
                    "fix the path",
                )
            )
        elif figure is not None:
            try:
                width, height = imagesize.get(target)
            except (OSError, ValueError):  # a header it cannot read: no size, no error
                width = height = -1
            if width > 0 and height > 0:
                figure.width, figure.height = width, height
    return diags
