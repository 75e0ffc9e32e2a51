"""The local images of a Markdown essay: checked, measured, and read for publishing.

An image must be a file inside `content/` (relative to the essay, or to `content/`
when its path starts with `/`). It is published at the same path under the site as
under `content/` (`content/essays/images/map.png` → `_site/essays/images/map.png`), so
a link relative to the essay works unchanged from its page; a `/`-path is rewritten
relative to the page. A figure gets its width and height from the file's header. A
remote image is a warning: the site loads nothing from elsewhere.
"""

from __future__ import annotations

import copy
import dataclasses
import posixpath
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from glossator.diagnostics import Diagnostic, display_path, error, warning
from glossator.model import Document, Figure, Paragraph
from glossator.model.inline import CONTAINERS, Image, Inline, is_remote, nodes_of
from glossator.paths import ContentFileError, read_content_file

SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
PAGES = "essays"  # the site folder of the essay pages, as of content/essays


Sources = list[tuple[str, int]]  # each image's src as written, and its line


class SourcesMemo:
    """Each document's image sources, kept for the next corpus read in this process:
    serve's documents are the very objects its last build had (the cache's memory),
    and walking every block of 1,000 essays to find the few images cost 0.2 s an
    edit. Only the last corpus's are kept, each with its document (an id alone could
    be another's once that one is gone)."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Document, Sources]] = {}

    def corpus(self) -> Callable[[Document], Sources]:
        """The sources of the documents of one corpus, those of the last one reused."""
        before: dict[int, tuple[Document, Sources]] = self._last
        now: dict[int, tuple[Document, Sources]] = {}
        self._last = now

        def sources(doc: Document) -> Sources:
            found = before.get(id(doc))
            if found is None or found[0] is not doc:
                found = (doc, _sources(doc))
            now[id(doc)] = found
            return found[1]

        return sources


def publish_images(
    doc: Document,
    essay: Path,
    content_dir: Path,
    sources_of: Callable[[Document], Sources] | None = None,
) -> tuple[list[Diagnostic], dict[str, bytes], Document]:
    """Problems with `doc`'s images, the bytes of each local one by its path under
    content/, and the document with their published `src` (and the figures' sizes).
    A copy: `doc` may be the cache's (serve keeps it between builds), and the next
    build must find the sources as written. `sources_of`: a `SourcesMemo`'s."""
    diags, assets = [], {}
    published: dict[str, str] = {}  # src as written -> src from the page
    where: dict[str, str] = {}  # src from the page -> path under content/
    sources = (sources_of or _sources)(doc)
    if not sources:
        return diags, assets, doc  # most essays: no need of the path shown in messages
    shown = display_path(essay)
    for src, line in sources:
        if src in published or src.lower().startswith("data:"):
            continue
        if is_remote(src):
            diags.append(
                warning(
                    shown,
                    line,
                    "image.remote",
                    f"image `{src}` is on another site, and the site loads nothing from "
                    "elsewhere, so the page links to it instead of showing it; download it "
                    "into content/ and link it from there to show it",
                )
            )
            continue
        found = _local(src, essay, content_dir, shown, line)
        if isinstance(found, Diagnostic):
            diags.append(found)
            continue
        relative, data = found
        assets[relative] = data
        published[src] = quote(posixpath.relpath(relative, PAGES))
        where[published[src]] = relative
    if published:  # else nothing to rewrite: most essays (a walk of every block)
        doc = copy.deepcopy(doc)
        _apply(doc, published, {page: assets[relative] for page, relative in where.items()})
    return diags, assets, doc


def _sources(doc: Document) -> Sources:
    if not doc.may_hold("sections", Figure, Image):  # read without unpacking the body
        return []
    places = []
    for block in doc.blocks():
        if isinstance(block, Figure) and block.src:
            places.append((block.src, block.line))
        elif isinstance(block, Paragraph):
            places += [(image.src, block.line) for image in nodes_of(block.content, Image)]
    return places


def _local(
    src: str, essay: Path, content_dir: Path, shown: str, line: int
) -> tuple[str, bytes] | Diagnostic:
    """(path under content/, bytes) of a local image, or the problem with it."""
    try:
        return _find_local(src, essay, content_dir, shown, line)
    except (OSError, RuntimeError, ValueError) as exc:
        # a name the system refuses: too long, a NUL from `%00`, a link loop
        reason = getattr(exc, "strerror", None) or "the path cannot be used"
        return error(shown, line, "image.unreadable", f"cannot read image `{src}`: {reason}")


def _find_local(
    src: str, essay: Path, content_dir: Path, shown: str, line: int
) -> tuple[str, bytes] | Diagnostic:
    root = content_dir.resolve()
    path = unquote(urlsplit(src).path)  # a src with a scheme is remote, not here
    target = (
        (root / path.lstrip("/") if path.startswith("/") else essay.parent / path) if path else None
    )
    if target is None or not target.resolve().is_relative_to(root):
        return error(
            shown,
            line,
            "image.outside-content",
            f"image `{src}` is outside content/; move it into content/ and link it "
            "relative to the essay",
        )
    if not target.is_file():
        return error(
            shown,
            line,
            "image.missing",
            f"image `{src}` not found at {display_path(target)}; add the file or fix the path",
        )
    if target.suffix.lower() not in SUFFIXES:
        return error(
            shown,
            line,
            "image.format",
            f"image `{src}` is not a web image; use one of {', '.join(SUFFIXES)}",
        )
    try:
        data = read_content_file(target, content_dir)
    except ContentFileError as exc:
        return error(shown, line, exc.code, exc.message)
    except OSError as exc:
        return error(shown, line, "image.unreadable", f"cannot read image `{src}`: {exc.strerror}")
    return target.resolve().relative_to(root).as_posix(), data


def _apply(doc: Document, published: dict[str, str], data: dict[str, bytes]) -> None:
    """Give figures and images their published src, and figures their size (`data`:
    each image's bytes by its published src)."""
    for block in doc.blocks():
        if isinstance(block, Figure) and block.src in published:
            block.src = published[block.src]
            import imagesize  # here: most essays have no figure, and it takes ~14 ms

            try:
                width, height = imagesize.get(BytesIO(data[block.src]))
            except (OSError, ValueError):  # a header it cannot read: no size, no error
                width = height = -1
            if width > 0 and height > 0:
                block.width, block.height = width, height
        elif isinstance(block, Paragraph) and nodes_of(block.content, Image):
            block.content = _rewrite(block.content, published)


def _rewrite(content: tuple[Inline, ...], published: dict[str, str]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Image) and node.src in published:
            node = dataclasses.replace(node, src=published[node.src])
        elif isinstance(node, CONTAINERS):
            node = dataclasses.replace(node, content=_rewrite(node.content, published))
        out.append(node)
    return tuple(out)
