"""An edit published in place: only the files that changed are moved into the site.

Re-linking every file of a large site into a new folder costs more than the edit
itself, so when a build keeps published files (`write_site`'s `keep`) they stay where
they are, untouched, and:

1. the new and changed files are written into a staging folder beside the output, as
   for a whole build: killed or failing here, the site is the old one, whole;
2. a journal, `.<out>.journal` (written inside the staging folder, then renamed, so it
   is whole or absent), lists the files to move in, the files to remove and the
   folders that may go;
3. each file is renamed from the staging folder over its place in the site (one
   atomic rename: a page is always its old bytes or its new ones, never half), the
   stamp with the new list of files last; then the files the new site no longer has
   are removed, and emptied folders;
4. the journal is removed: the site is the new one.

Killed during 3, the site is part old, part new, and the journal says so: the next
cached build's first act, before it reads the content (`write.complete_interrupted`,
from `incremental.unchanged`), finishes the moves and removals from the files already
written, whatever the new content holds, so the site becomes the new one before
anything else happens; any other build does it before it writes (`recover`). Every
step is idempotent, so a kill while completing is completed again. A reader of the
site meanwhile may see some pages new and others old, each whole.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from glossator.paths import STAMP, OutputError, check_relative
from glossator.progress import Progress, silent
from glossator.write import staging as staging_files
from glossator.write.folders import (
    STAMP_TEXT,
    debris_pattern,
    journal_path,
    parent_folders,
    remove_made,
)
from glossator.write.steps import step

JOURNAL_TEMP = ".glossator-journal"  # the journal's name inside the staging folder


def _folders_of(paths: Iterable[str]) -> set[str]:
    """The folders holding `paths`, at any depth ("" not among them)."""
    return parent_folders(paths) - {""}


def _emptied(removed: set[str], paths: set[str]) -> set[str]:
    """The folders of the files `removed` that hold none of `paths`: those that may go.
    (The folders of the files kept are all folders of `paths`, so only those of the
    removed ones need looking at, and none when nothing is removed.)"""
    return _folders_of(removed) - _folders_of(paths) if removed else set()


def _deepest_first(folders: set[str]) -> list[str]:
    return sorted(folders, key=lambda f: (-f.count("/"), f))


def publish(
    files: Mapping[str, bytes],
    out: Path,
    paths: set[str],
    listed: set[str],
    stamp: str | None,
    progress: Progress = silent,
) -> None:
    """Make `out` (whose stamp lists `listed`) the site of `paths`: `files` written,
    every other path of `paths` left as it is, the rest of `listed` removed; the new
    `stamp` put in place (None: the files are the same, so is the stamp)."""
    taken = sorted(p for p in files if p not in listed and os.path.lexists(out / p))
    if taken:  # a user's file where the new site has one of its own
        raise OutputError(
            f"{out}: holds files glossator did not write ({', '.join(taken[:3])}); the "
            "build would replace them: move them out of the output folder, then build again"
        )
    checked: set[str] = set()  # a folder of the site replaced by a link: refused now
    for folder in _folders_of(set(files) | (listed - paths)):
        _real_folder(out, folder, checked, create=False)
    staging = staging_files.make(out, stamp or STAMP_TEXT)
    try:
        staging_files.write_files(files, staging, out, {}, progress)
        journal = {
            "staging": staging.name,
            "stamp": stamp is not None,
            "move": sorted(files),
            "remove": sorted(listed - paths),
            "folders": _deepest_first(_emptied(listed - paths, paths)),
        }
        step("journal")
        (staging / JOURNAL_TEMP).write_text(json.dumps(journal), encoding="utf-8")
        step("journal in")
        os.rename(staging / JOURNAL_TEMP, journal_path(out))
    except BaseException:
        with contextlib.suppress(OSError):
            remove_made(staging)
        raise
    try:
        complete(out)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot finish publishing ({exc.filename or out}: {exc.strerror}); part "
            "of the site is new, and the next build completes it"
        ) from exc


def _read_journal(out: Path) -> dict | None:
    """The journal beside `out`, checked; None when there is none."""
    path = journal_path(out)
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        if not debris_pattern(out).fullmatch(journal["staging"]):
            raise ValueError(journal["staging"])
        if not isinstance(journal["stamp"], bool):
            raise ValueError(journal["stamp"])
        for relative in [*journal["move"], *journal["remove"], *journal["folders"]]:
            check_relative(relative)
        return journal
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputError(
            f"{out}: the journal of an interrupted build, {path}, cannot be read ({exc}); "
            f"delete {out} and {path}, then build again"
        ) from None


def _real_folder(out: Path, folder: str, checked: set[str], create: bool) -> bool:
    """Whether `folder` of the site is a real folder (made when `create`); OSError when
    a part of it is a link or a file, which would lead a write out of the site."""
    parts = folder.split("/") if folder else []
    for depth in range(1, len(parts) + 1):
        part = "/".join(parts[:depth])
        if part in checked:
            continue
        path = os.path.join(out, part)
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            if not create:
                return False
            step("mkdir")
            os.mkdir(path)
            found = os.lstat(path)
        if not stat.S_ISDIR(found.st_mode):
            raise OSError(errno.EPERM, "path leaves the output folder", path)
        checked.add(part)
    return True


def complete(out: Path) -> None:
    """Finish the publish the journal beside `out` describes, from wherever it was
    stopped: every move not yet done, the removals, then the journal removed."""
    journal = _read_journal(out)
    if journal is None:
        return
    if not os.path.isdir(out):  # the site itself was removed since: nothing to finish
        step("journal dropped")
        journal_path(out).unlink()
        return
    staging = out.with_name(journal["staging"])
    source, target = str(staging), str(out)
    checked: set[str] = set()
    for relative in journal["move"]:
        if os.path.lexists(os.path.join(source, relative)):
            _real_folder(out, relative.rpartition("/")[0], checked, create=True)
            step("rename into place")
            os.rename(os.path.join(source, relative), os.path.join(target, relative))
    for folder in _deepest_first(_folders_of(set(journal["move"]))):  # emptied by the moves
        with contextlib.suppress(FileNotFoundError):
            step("rmdir staging")
            os.rmdir(os.path.join(source, folder))
    if os.path.lexists(staging / STAMP):
        if journal["stamp"]:
            step("stamp into place")
            os.rename(staging / STAMP, out / STAMP)
        else:  # the staging folder's own, the site's is the same as before
            step("unlink stamp")
            os.unlink(staging / STAMP)
    for relative in journal["remove"]:
        if _real_folder(out, relative.rpartition("/")[0], checked, create=False):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                step("unlink")
                os.unlink(os.path.join(target, relative))
    for folder in journal["folders"]:
        with contextlib.suppress(OSError):
            step("rmdir")
            os.rmdir(os.path.join(target, folder))  # only when empty: a user's files stay
    with contextlib.suppress(FileNotFoundError):
        step("rmdir")
        os.rmdir(staging)
    step("journal done")
    journal_path(out).unlink()
