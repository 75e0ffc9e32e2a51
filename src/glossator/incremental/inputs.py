"""A build's inputs as one key, and the record of what the output folder holds.

The fingerprint covers every file under the content folder (names, kinds, bytes, and
where links lead), the site's template folders, the code version, the output path,
the working directory (diagnostics show paths relative to it) and `--strict`. After a
successful write the build records it beside the output; a build whose fingerprint is
the recorded one has nothing to do. The record is removed before any write begins,
so an interrupted or failed build never leaves a record claiming a site it did not
finish.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from glossator.cache import code_version, digest
from glossator.cache.store import PROTOCOL
from glossator.diagnostics import BuildResult
from glossator.paths import STAMP, check_output, search_path
from glossator.write import has_debris

CACHE_NAME = ".glossator-cache"
RECORDS = ("sites", "published")  # per output folder, beside the store's entries


def cache_folder(out_dir: Path) -> Path:
    """The cache lives beside the output folder (ignored by git, like `_site/`)."""
    out = Path(os.path.abspath(out_dir))
    return out.parent / CACHE_NAME


def _tree(folder: Path, into: list[bytes | str]) -> None:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        here = Path(root)
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            into.append(path.relative_to(folder).as_posix())
            try:
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    into.append("link:" + os.readlink(path))
                    into.append(os.path.realpath(path))
                    mode = os.stat(path).st_mode
                into.append(f"mode:{stat.S_IFMT(mode)}")
                if stat.S_ISREG(mode):
                    with open(path, "rb") as handle:
                        into.append(handle.read())
            except OSError as exc:
                into.append(f"error:{exc.errno}")


def build_fingerprint(
    content_dir: Path,
    template_folders: Sequence[Path],
    out_dir: Path,
    strict: bool,
    builtin_templates: Path | None = None,
) -> str:
    parts: list[bytes | str] = [
        code_version(builtin_templates),
        os.getcwd(),
        os.path.abspath(content_dir),
        os.path.abspath(out_dir),
        f"strict={strict}",
        "pagefind=" + os.environ.get("PAGEFIND_BINARY_PATH", ""),  # where search comes from
    ]
    for folder in [content_dir, *template_folders]:
        parts.append(f"folder:{os.path.abspath(folder)}:{folder.is_dir()}")
        _tree(folder, parts)
    return digest(*parts)


def _record_path(out_dir: Path) -> Path:
    return cache_folder(out_dir) / "sites" / digest(os.path.abspath(out_dir))


def folders_of(files: Iterable[str]) -> list[str]:
    """The output's folders, from the paths written: "" (the output itself) and up."""
    found = {""}
    for path in files:  # strings: tens of thousands of paths
        folder = path.rpartition("/")[0]
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return sorted(found)


def output_signature(out_dir: Path, folders: list[str]) -> list[tuple[str, int, int]] | None:
    """Each folder's inode and change time, and the stamp's: a file added to or removed
    from any of them (a user's notes, another build's swap) changes it. None when the
    output is not there."""
    signature = []
    try:
        for name in [*folders, STAMP]:
            found = os.lstat(Path(out_dir) / name)
            signature.append((name, found.st_ino, found.st_mtime_ns))
    except OSError:
        return None
    return signature


def recorded(out_dir: Path, fingerprint: str) -> Any | None:
    """What the build that wrote `out_dir` returned, if its inputs were `fingerprint`
    and the folder is still as it left it; else None."""
    try:
        with open(_record_path(out_dir), "rb") as handle:
            found, folders, signature, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - no record, or a damaged one: build
        return None
    if found != fingerprint or output_signature(out_dir, folders) != signature:
        return None
    return value


def forget(out_dir: Path) -> None:
    """Called before writing: from now on the output is not the recorded one."""
    with contextlib.suppress(OSError):
        _record_path(out_dir).unlink()


def record(out_dir: Path, fingerprint: str, files: Iterable[str], value: Any) -> None:
    """Note that `out_dir` now holds the build of `fingerprint`, which wrote `files`."""
    path = _record_path(out_dir)
    folders = folders_of(files)
    signature = output_signature(out_dir, folders)
    if signature is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((fingerprint, folders, signature, value), handle, PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return


def unchanged(
    content_dir: Path, out_dir: Path, builtin_templates: Path, strict: bool
) -> tuple[str, BuildResult | None]:
    """The build's fingerprint, and what the build that wrote `out_dir` returned when
    it had these very inputs and the folder is as it left it (so this one has nothing
    to do); only light modules are needed for it. OutputError for a refused output."""
    check_output(content_dir, out_dir)
    folders = search_path(content_dir, builtin_templates)
    fingerprint = build_fingerprint(content_dir, folders, out_dir, strict, builtin_templates)
    done = recorded(out_dir, fingerprint)
    if done is not None and not has_debris(out_dir) and isinstance(done, BuildResult):
        return fingerprint, done
    return fingerprint, None
