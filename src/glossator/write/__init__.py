"""The only code that touches the output folder.

A build is written to a fresh staging folder beside the target (`.<out>.new-<id>`,
`staging.py`), then published:

- a whole site (the first build, a build without the cache, one that keeps nothing of
  the published site) is swapped in at once (`swap.py`): the output folder is at
  every instant the old site or the new one, whole, even when the process is killed;
- an edit (a build that keeps published files as they are) is moved in file by file
  under a journal (`inplace.py`): each file is its old bytes or its new ones, and a
  build killed half-way is completed by the next build's first act (`recover`).

`folders.py` knows glossator's stamp, its own folders beside the output, the lock and
the journal; `steps.py` counts the changes made, the kill test's hook.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Mapping
from pathlib import Path

from glossator.paths import STAMP, OutputError, check_output, check_relative
from glossator.progress import Progress, silent
from glossator.write import inplace, staging, swap
from glossator.write.folders import (
    has_debris,
    journal_path,
    listed,
    locked,
    refuse_foreign,
    remove_debris,
    remove_made,
    stamp_text,
)
from glossator.write.steps import step

__all__ = ["STAMP", "OutputError", "complete_interrupted", "has_debris", "recover", "write_site"]

RESERVED = {STAMP, inplace.JOURNAL_TEMP}  # names of glossator's own in the site's root


def recover(out: Path) -> None:
    """Finish what an interrupted build left: the journal of an in-place publish
    completed; when `out` is missing, the newest whole site put back in its place (the
    complete new one, else the old one); glossator's leftover folders beside it
    removed. Call with the lock held."""
    inplace.complete(out)
    remove_debris(out)


def _check(paths: Collection[str]) -> None:
    for relative in paths:
        if relative in RESERVED:
            raise ValueError(f"unsafe output path {relative!r}")
        check_relative(relative)


def complete_interrupted(out: Path) -> None:
    """Complete the in-place publish a killed build left half done in `out` (the
    resolved output folder), if any: a cached build calls this before it reads
    anything, so the site is whole again even when the new content has errors. When
    another build holds the lock, that build completes it."""
    if not os.path.lexists(journal_path(out)):
        return
    try:
        with locked(out, str(out)):
            inplace.complete(out)
    except OutputError as exc:
        if "another glossator build" not in str(exc):
            raise


def write_site(
    files: Mapping[str, bytes],
    out_dir: Path,
    content_dir: Path | None = None,
    keep: dict[str, tuple[int, int, int]] | None = None,
    progress: Progress = silent,
    unchanged: Collection[str] = (),
) -> None:
    """Write `files` (relative path -> bytes) as the whole new content of `out_dir`,
    with the published files `keep` names (path -> their inode, size and time) as
    they are: those are neither written again nor moved. `progress` is told of each
    file written. `unchanged`: the site's folders known to hold only what the last
    build left there (see `folders.refuse_foreign`).

    Refuses (OutputError) an output folder that is, holds or lies inside `content_dir`,
    or that glossator did not make; ValueError for a path that would leave it."""
    keep = keep or {}
    _check(files)  # the paths of `keep`, once checked when written, only if linked
    shown = str(out_dir)
    out = check_output(content_dir, out_dir)
    if not out.parent.is_dir():
        step("mkdir parent")
        out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out, shown):
        recover(out)
        check_output(content_dir, out_dir)  # what recovery put back must pass too
        before = listed(out)
        refuse_foreign(out, shown, before, unchanged)
        paths = {*files, *keep}
        if keep and before is not None and before.issuperset(keep):
            stamp = None if paths == before else stamp_text(sorted(paths))  # else the same
            inplace.publish(files, out, paths, before, stamp, progress)
            return
        _check(keep)
        folder = staging.make(out, stamp_text(sorted(paths)))
        try:
            staging.write_files(files, folder, out, keep, progress)
            swap.publish(folder, out)
        except BaseException:
            with contextlib.suppress(OSError):
                remove_made(folder)
            with contextlib.suppress(OSError):
                recover(out)
            raise
