"""`glossator init DIR`: a new site that builds, so a new user starts from a working one.

The files come from the package data in `glossator/scaffold/` (a `site.yaml` with every
setting explained, an example essay, its `references.bib`). DIR must be new or empty:
init never overwrites, or even writes beside, files that are already there.
"""

from __future__ import annotations

import shlex
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

USAGE_ERROR = 2


def scaffold_files() -> dict[str, bytes]:
    """The scaffold's files by their path in the new site (`content/site.yaml`, ...)."""
    found: dict[str, bytes] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for item in folder.iterdir():
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif item.is_file():
                found[prefix + item.name] = item.read_bytes()

    walk(files("glossator").joinpath("scaffold"), "")
    return dict(sorted(found.items()))


def run_init(target: Path) -> int:
    """Write the scaffold into `target` (created if missing); exit 2 if it is not empty."""
    if target.exists() and not target.is_dir():
        print(f"glossator: {target} is a file; name a new or empty folder", file=sys.stderr)
        return USAGE_ERROR
    if target.is_dir() and any(target.iterdir()):
        print(
            f"glossator: {target} is not empty; init writes only into a new or empty folder, "
            "so that it never touches existing files",
            file=sys.stderr,
        )
        return USAGE_ERROR
    scaffold = scaffold_files()
    try:
        for relative, data in scaffold.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as out:  # "x": fail rather than overwrite
                out.write(data)
    except OSError as exc:
        print(
            f"glossator: {exc.filename or target}: cannot create the site: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    print(f"Created a new site in {target}:")
    for relative in scaffold:
        print(f"  {(target / relative).as_posix()}")
    print("Build it with:")
    print(f"  cd {shlex.quote(str(target))}")
    print("  glossator build")
    print("then open _site/index.html in a browser (or: python -m http.server -d _site).")
    return 0
