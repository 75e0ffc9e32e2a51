"""Every path decision in one place: what the build may read, and where it may write.

- Reading: only regular files that resolve inside content/ (`read_content_file`);
  a FIFO, device or socket is never opened for reading, a symlink leading out of
  content/ is refused.
- Output names: a document slug or a bibliography key becomes a file name only
  through `slug_problem` and `source_name`; `safe_relative` checks every path the
  build writes, so nothing is written outside the output folder.
- The output folder: `check_output` refuses an `--out` that would put content/ at risk
  or replace a folder glossator did not make.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path, PurePosixPath

STAMP = ".glossator-site"  # the file that marks a folder as made by glossator build
MAX_NAME = 100  # characters of a slug or key used as a file name (file systems allow 255 bytes)

# A key is used unchanged as a file name when it is made of these characters, starts
# with a letter or digit and does not end with a dot. `~` is never allowed, so a changed
# name (which contains one) can never equal another key used unchanged.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]*")
# Names Windows reserves whatever the extension (a site is often copied there).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


class OutputError(Exception):
    """The output folder cannot be written safely; the message says why."""


class ContentFileError(Exception):
    """A file under content/ that must not be read: `code` and `message` say why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- names ------------------------------------------------------------------------


def slug_problem(slug: str) -> str | None:
    """Why a valid-looking slug cannot name the output files, or None."""
    if len(slug) > MAX_NAME:
        return (
            f"file name is {len(slug)} characters long; shorten it to at most {MAX_NAME} "
            "(the slug names its pages and data files)"
        )
    return None


def key_is_plain(key: str) -> bool:
    return (
        len(key) <= MAX_NAME
        and _PLAIN_NAME.fullmatch(key) is not None
        and not key.endswith(".")
        and key.split(".")[0].lower() not in _RESERVED
    )


@cache  # pure, and asked for on every page that links a source
def source_name(key: str) -> str:
    """The file name (without `.html`) of a work's source page: the key itself when it
    is a safe file name, else a readable part of it plus a hash of the whole key, e.g.
    `../../tmp/x` -> `tmp-x~5d1e0c7a9b3f`. The same key always gets the same name, and
    two different keys never share one."""
    if key_is_plain(key):
        return key
    readable = re.sub(r"[^A-Za-z0-9_+-]+", "-", key).strip("-_+")[:60].rstrip("-_+")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable or 'work'}~{digest}"


def source_path(key: str) -> str:
    """The path of a work's source page inside the site."""
    return f"sources/{source_name(key)}.html"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_relative(relative: str) -> PurePosixPath:
    """`relative` as a path inside the output folder; ValueError if it could leave it
    (absolute, `..`, empty parts, backslashes, control characters, over-long names)."""
    check_relative(relative)
    return PurePosixPath(*relative.split("/"))


def check_relative(relative: str) -> None:
    """ValueError unless `relative` is a safe path inside the output folder (see
    `safe_relative`); without making a path object, for tens of thousands of files."""
    if not relative or relative.startswith("/") or "\\" in relative:
        raise ValueError(f"unsafe output path {relative!r}")
    parts = relative.split("/")
    if _CONTROL.search(relative):
        raise ValueError(f"unsafe output path {relative!r}")
    for part in parts:
        if part in ("", ".", ".."):
            raise ValueError(f"unsafe output path {relative!r}")
        if len(part.encode("utf-8", "surrogatepass")) > 200:
            raise ValueError(f"output file name too long in {relative!r}")


# --- reading ----------------------------------------------------------------------


def inside(path: Path, root: Path) -> bool:
    """Whether `path` resolves (symlinks followed) to `root` or somewhere below it."""
    path, root = path.resolve(), root.resolve()
    return path == root or root in path.parents


def read_content_file(path: Path, root: Path | None) -> bytes:
    """The bytes of a regular file that resolves inside `root` (any file when `root`
    is None). Raises ContentFileError when it is not one, FileNotFoundError when it
    is missing, OSError when it cannot be read. Never blocks: a FIFO is not opened."""
    if root is not None and os.path.lexists(path) and not inside(path, root):
        raise ContentFileError(
            "file.outside-content",
            f"file is a link to {path.resolve()}, outside {root}; copy the file into "
            f"{root} instead of linking to it",
        )
    kind = stat.S_IFMT(os.stat(path).st_mode)
    if kind == stat.S_IFDIR:
        raise IsADirectoryError(21, os.strerror(21), str(path))
    if kind != stat.S_IFREG:
        raise ContentFileError("file.not-regular", _not_regular(kind))
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it
    # still returns at once, and fstat below refuses it.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if kind != stat.S_IFREG:
            raise ContentFileError("file.not-regular", _not_regular(kind))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _not_regular(kind: int) -> str:
    names = {
        stat.S_IFIFO: "a named pipe (FIFO)",
        stat.S_IFSOCK: "a socket",
        stat.S_IFCHR: "a character device",
        stat.S_IFBLK: "a block device",
    }
    what = names.get(kind, "a special file")
    return f"file is {what}, not a regular file; replace it with a regular file"


def essays_folder_problem(content_dir: Path) -> ContentFileError | None:
    essays = content_dir / "essays"
    if essays.is_dir() and not inside(essays, content_dir):
        return ContentFileError(
            "file.outside-content",
            f"essays folder is a link to {essays.resolve()}, outside {content_dir}; move "
            f"the essays into {essays} instead of linking to them",
        )
    return None


def resolve_style(value: str, content_dir: Path) -> str:
    """The style to format with: a style name as given, or the absolute path of a
    `.csl` file inside content/ (given relative to content/). ValueError says why not."""
    if not value.endswith(".csl") and "/" not in value and "\\" not in value:
        return value  # a style name; format.style_path checks it
    candidate = Path(value)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise ValueError(
            f"citation style file {value!r} must be given relative to {content_dir} and lie "
            "inside it"
        )
    path = content_dir / candidate
    if not inside(path, content_dir):
        raise ValueError(f"citation style file {value!r} is a link leading out of {content_dir}")
    try:
        kind = stat.S_IFMT(os.stat(path).st_mode)
    except OSError as exc:
        raise ValueError(f"citation style file {value!r} not found in {content_dir}") from exc
    if kind != stat.S_IFREG or not value.endswith(".csl"):
        raise ValueError(f"citation style file {value!r} is not a regular .csl file")
    return str(path.resolve())


# --- the output folder -------------------------------------------------------------


def check_output(content_dir: Path | None, out_dir: Path) -> Path:
    """The resolved output folder, or OutputError saying why it must not be used."""
    out = out_dir.resolve()
    shown = str(out_dir)
    if content_dir is not None:
        content = content_dir.resolve()
        if out == content:
            raise OutputError(f"{shown}: is the content folder; choose another --out")
        if content in out.parents:
            raise OutputError(
                f"{shown}: lies inside the content folder {content_dir}; choose an --out outside it"
            )
        if out in content.parents:
            raise OutputError(
                f"{shown}: contains the content folder {content_dir}; replacing it would "
                "delete the content. Choose an --out beside the content, e.g. _site"
            )
    if out == Path(out.anchor):
        raise OutputError(f"{shown}: is the root of the file system; choose another --out")
    if os.path.lexists(out) and not out.is_dir():
        raise OutputError(f"{shown}: exists and is not a folder; choose another --out")
    if out.is_dir() and not (out / STAMP).is_file():
        try:
            empty = not any(out.iterdir())
        except OSError as exc:
            raise OutputError(f"{shown}: cannot be read: {exc.strerror}") from exc
        if not empty:
            raise OutputError(
                f"{shown}: folder has files glossator did not write; refusing to replace "
                "it. Choose an empty or new folder with --out"
            )
    return out


# --- templates ------------------------------------------------------------------

SITE_TEMPLATES = "templates"  # beside content/, in the site's root


def builtin_templates() -> Path:
    """The folder of the templates shipped with glossator."""
    try:
        folder = files("glossator.templates")
    except ModuleNotFoundError:  # an editable install made before the templates were data
        raise RuntimeError(
            "glossator's templates are not installed; reinstall it (`make` does, "
            "or `pip install -e .`)"
        ) from None
    if not isinstance(folder, Path):  # a zipped install: Jinja needs real files
        raise RuntimeError(f"glossator's templates are not in a folder ({folder}); reinstall it")
    return folder


def site_templates(content_dir: Path) -> Path:
    """A site's own templates: the `templates/` folder beside its content folder."""
    return content_dir.resolve().parent / SITE_TEMPLATES


def search_path(content_dir: Path, builtin: Path) -> list[Path]:
    """The folders templates and static files are looked up in, first match first: the
    site's folder when it exists (and is not the built-in set itself, as in glossator's
    own repository), then the built-in set."""
    site = site_templates(content_dir)
    if site.is_dir() and site.resolve() != builtin.resolve():
        return [site, builtin]
    return [builtin]


def as_search_path(templates: Path | Sequence[Path]) -> list[Path]:
    return [templates] if isinstance(templates, Path) else list(templates)
