"""Find the documents under `content/` and read each with the reader its format names.

Layout: `content/essays/<slug>.md` (front matter inside), or `<slug>.txt` with a
`<slug>.yaml` sidecar naming its `format`; `content/site.yaml` is optional.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from glossator.config import SiteConfig, parse_site_config
from glossator.diagnostics import Diagnostic, display_path, error, warning
from glossator.ingest.images import SourcesMemo, publish_images
from glossator.ingest.metadata import merge_metadata, parse_metadata
from glossator.ingest.readers import get_reader
from glossator.ingest.source import Source
from glossator.model import Document
from glossator.paths import ContentFileError, essays_folder_problem, read_content_file, slug_problem
from glossator.progress import READING, Progress, silent
from glossator.safetext import without_unsafe
from glossator.yamlmap import load_yaml_mapping

SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # used with fullmatch: `$` lets "a\n" by
SOURCE_SUFFIXES = (".md", ".txt")
# Suffixes of files meant as essays that are not read as one (`.MD`, `.markdown`).
NEAR_SUFFIXES = {".md": ".md", ".markdown": ".md", ".mdown": ".md", ".mkd": ".md", ".txt": ".txt"}


@dataclass
class Corpus:
    """Everything read from `content/`, before citations are linked."""

    site: SiteConfig
    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The essays' local images, by their path under content/ (and so under the site).
    assets: dict[str, bytes] = field(default_factory=dict)


def read_text(path: Path, root: Path | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The text of a regular UTF-8 file; with `root`, one that resolves inside it."""
    try:
        data = read_content_file(path, root)
        return _clean(data.decode("utf-8"), display_path(path))
    except ContentFileError as exc:
        return None, [error(display_path(path), 1, exc.code, exc.message)]
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(display_path(path), line, "file.encoding", "file is not UTF-8; save it as UTF-8")
        ]
    except OSError as exc:
        return None, [
            error(display_path(path), 1, "file.unreadable", f"cannot read file: {exc.strerror}")
        ]


def _clean(text: str, shown: str) -> tuple[str, list[Diagnostic]]:
    """The text without a leading byte-order mark and without the characters that
    are not text (safetext.py), with a warning for the latter."""
    return without_unsafe(text.removeprefix("\ufeff"), shown)


def read_document(
    path: Path, fmt: str | None = None, root: Path | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    """Read one essay file (`.md`, or `.txt` with its sidecar) into a Document.

    `fmt` forces the reader of a raw source (`glossator import --reader`), which then
    needs no sidecar. With `root` (content/), files resolving outside it are refused."""
    shown = display_path(path)
    slug = path.stem
    if SLUG_PATTERN.fullmatch(slug) and slug_problem(slug):
        return None, [error(shown, 1, "document.slug-too-long", slug_problem(slug) or "")]
    if not SLUG_PATTERN.fullmatch(slug):
        return None, [
            error(
                shown,
                1,
                "document.slug",
                f"file name `{path.name}` is not a valid slug; rename it to lower-case "
                "words joined by hyphens, e.g. `my-essay" + path.suffix + "`",
            )
        ]
    text, diags = read_text(path, root)
    if text is None:
        return None, diags
    if path.suffix == ".md":
        document, read_diags = get_reader("markdown")(Source(slug, shown, text))
    else:
        document, read_diags = _read_raw(path, Source(slug, shown, text), fmt, root)
    return document, diags + read_diags


def _read_raw(
    path: Path, source: Source, forced_format: str | None = None, root: Path | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    sidecar = path.with_suffix(".yaml")
    shown = display_path(sidecar)
    if not os.path.lexists(sidecar) and forced_format:
        document, diags = get_reader(forced_format)(source)
        return document, diags
    if not os.path.lexists(sidecar):
        return None, [
            error(
                source.path,
                1,
                "meta.sidecar-missing",
                f"raw source has no metadata file; create `{sidecar.name}` with "
                "`format: web-text` (a page: its title is read from the text), or "
                "`format: pdf-text` and a `title`",
            )
        ]
    text, diags = read_text(sidecar, root)
    if text is None:
        return None, diags
    mapping, yaml_diags = load_yaml_mapping(text, shown)
    diags += yaml_diags
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


@dataclass(frozen=True)
class Listing:
    """What `essays/` holds, listed once (`os.scandir`, whose entries know their kind
    without a stat each): the entries in order, those that are folders or links to
    one (`dirs`), and those that are folders themselves (`folders`)."""

    entries: list[Path]
    dirs: frozenset[Path] = frozenset()
    folders: frozenset[Path] = frozenset()


def essay_paths(listing: Listing) -> list[Path]:
    """The sources among `essays/`'s entries. Not only regular files: a FIFO or a
    dangling link named like an essay is reported by read_text (never opened), not
    silently skipped."""
    return [p for p in listing.entries if p.suffix in SOURCE_SUFFIXES and p not in listing.dirs]


def essay_entries(content_dir: Path) -> Listing:
    """What `essays/` holds, listed once for the sources and for the warnings about what
    is not read, in the order of their names."""
    essays = content_dir / "essays"
    if not essays.is_dir():
        return Listing([])
    with os.scandir(essays) as found:
        listed = sorted(found, key=lambda entry: entry.name)
    paths = {entry.name: essays / entry.name for entry in listed}
    return Listing(
        list(paths.values()),
        frozenset(paths[e.name] for e in listed if e.is_dir()),
        frozenset(paths[e.name] for e in listed if e.is_dir(follow_symlinks=False)),
    )


IMAGES = SourcesMemo()  # the last corpus's image sources, for the next read in this process
ReadMany = Callable[[list[Path], Path], list[tuple[Document | None, list[Diagnostic]]]]


def read_each(
    paths: list[Path], content_dir: Path, progress: Progress = silent
) -> list[tuple[Document | None, list[Diagnostic]]]:
    """`read_document` of every path, in order, in this process."""
    done = []
    for path in paths:
        done.append(read_document(path, root=content_dir))
        progress(READING, len(done), len(paths))
    return done


def read_corpus(content_dir: Path, read_many: ReadMany = read_each) -> Corpus:
    """Read every document; problems are collected, never raised. `read_many` reads the
    essay files, in order, as `read_each` does (the build passes one that caches and
    spreads the work over processes)."""
    site, diags = SiteConfig(), []
    site_file = content_dir / "site.yaml"
    if os.path.lexists(site_file):
        text, diags = read_text(site_file, content_dir)
        if text is not None:
            site, site_diags = parse_site_config(text, display_path(site_file))
            diags += site_diags
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
    problem = essays_folder_problem(content_dir)
    if problem is not None:
        shown = display_path(content_dir / "essays")
        corpus.diagnostics.append(error(shown, 1, problem.code, problem.message))
        return corpus
    listing = essay_entries(content_dir)
    corpus.diagnostics += skipped_files(listing)
    paths = essay_paths(listing)
    if not paths:
        corpus.diagnostics.append(
            warning(
                display_path(content_dir / "essays"),
                1,
                "content.empty",
                "no essays to publish: add `.md` files (or `.txt` sources with their "
                "`.yaml`) to this folder; `glossator init` makes a site with an example",
            )
        )
    sources = IMAGES.corpus()
    for path, (document, diags) in zip(paths, read_many(paths, content_dir), strict=True):
        corpus.diagnostics += diags
        if document is not None:
            if document.format == "markdown":
                diags, assets, document = publish_images(document, path, content_dir, sources)
                corpus.diagnostics += diags
                corpus.assets.update(assets)
            corpus.documents.append(document)
    return corpus


def skipped_files(listing: Listing) -> list[Diagnostic]:
    """A warning for each entry of `essays/` that looks meant as content but is not read:
    Markdown under another extension, a sidecar without its source, a sub-folder (only
    `essays/` itself is read, so a folder's essays would vanish without a word)."""
    found = []
    for path in listing.entries:
        if path.name.startswith("."):
            continue  # editors' and systems' own files (.DS_Store, .foo.md.swp)
        if path in listing.folders:
            if any(p.suffix.lower() in NEAR_SUFFIXES for p in _files(path)):
                found.append(
                    warning(
                        display_path(path),
                        1,
                        "content.subfolder",
                        f"folder `{path.name}` is not read: essays must sit directly in "
                        "essays/; move them up (images may stay in folders)",
                    )
                )
        elif path.suffix not in SOURCE_SUFFIXES and path.suffix.lower() in NEAR_SUFFIXES:
            wanted = NEAR_SUFFIXES[path.suffix.lower()]
            found.append(
                warning(
                    display_path(path),
                    1,
                    "content.extension",
                    f"`{path.name}` is not read: essays end in `.md` (Markdown) or `.txt` "
                    f"(a raw source); rename it to `{path.stem}{wanted}`",
                )
            )
        elif path.suffix == ".yaml" and not any(
            os.path.lexists(path.with_suffix(s)) for s in SOURCE_SUFFIXES
        ):
            found.append(
                warning(
                    display_path(path),
                    1,
                    "meta.source-missing",
                    f"metadata file `{path.name}` has no source beside it; add "
                    f"`{path.stem}.txt` or remove the file",
                )
            )
    return found


def _files(folder: Path, limit: int = 1000) -> list[Path]:
    """Up to `limit` files under `folder` (a warning needs only to know there are some)."""
    out: list[Path] = []
    for root, _, names in os.walk(folder):
        out += [Path(root) / n for n in names]
        if len(out) >= limit:
            break
    return out
