"""Files written into a staging folder beside the output (`.<out>.new-<id>`), never
into the output itself: both ways of publishing (`swap.py`, `inplace.py`) start here,
so a build that fails while writing leaves the published site as it was."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from glossator.paths import STAMP, OutputError, inside
from glossator.progress import WRITING, Progress, silent
from glossator.write.steps import step


def make(out: Path, stamp: str) -> Path:
    """A new staging folder beside `out`, its stamp (the new site's) written first."""
    step("mkdtemp")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    step("stamp")
    (staging / STAMP).write_text(stamp, encoding="utf-8")
    return staging


def _link(
    name: str,
    folders: tuple[int, int],
    stat: tuple[int, int, int],
    relative: str,
    paths: tuple[str, str],
) -> None:
    """A published file, unchanged, into the staging folder: a hard link (a copy where
    links are refused). One no longer as recorded was changed during the build. By
    name within open folders (`folders`: the published one's, the staging one's): at
    tens of thousands of files, building and resolving whole paths shows."""
    source_dir, target_dir = folders
    found = os.lstat(name, dir_fd=source_dir)
    if (found.st_ino, found.st_size, found.st_mtime_ns) != stat:
        raise OutputError(f"{relative} in the output changed during the build; build again")
    step("link")
    try:
        os.link(name, name, src_dir_fd=source_dir, dst_dir_fd=target_dir, follow_symlinks=False)
    except OSError:
        shutil.copyfile(*paths, follow_symlinks=False)


def write_files(
    files: Mapping[str, bytes],
    staging: Path,
    out: Path,
    keep: dict[str, tuple[int, int, int]],
    progress: Progress = silent,
) -> None:
    """Every file into the staging folder (paths checked by `write_site`), and the
    published files `keep` names linked there: plain string paths and names within
    open folders, since pathlib's cost per file, and even joining paths, shows at tens
    of thousands of files."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    folder_flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    root, published = str(staging), str(out)
    made: dict[str, int] = {}  # staging folder -> its open descriptor
    sources: dict[str, int] = {}  # published folder -> its open descriptor
    everything = sorted({*files, *keep})
    try:
        made[""] = os.open(root, folder_flags | getattr(os, "O_NOFOLLOW", 0))
        for done, relative in enumerate(everything):
            progress(WRITING, done, len(everything))
            folder, _, name = relative.rpartition("/")
            if folder not in made:
                parts = folder.split("/")
                for depth in range(1, len(parts) + 1):
                    part = "/".join(parts[:depth])
                    if part not in made:
                        step("mkdir")
                        os.mkdir(os.path.join(root, part))
                        # nothing in staging is a link; checked anyway, once a folder
                        if not inside(staging / part, staging):
                            raise OSError(errno.EPERM, "path leaves the output folder", relative)
                        made[part] = os.open(
                            os.path.join(root, part), folder_flags | getattr(os, "O_NOFOLLOW", 0)
                        )
            if relative in keep:
                if folder not in sources:
                    sources[folder] = os.open(os.path.join(published, folder), folder_flags)
                paths = (os.path.join(published, relative), os.path.join(root, relative))
                _link(name, (sources[folder], made[folder]), keep[relative], relative, paths)
                continue
            step("create")
            fd = os.open(name, flags, 0o644, dir_fd=made[folder])
            try:
                step("write")
                view = memoryview(files[relative])
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
    finally:
        for fd in [*made.values(), *sources.values()]:
            os.close(fd)
    progress(WRITING, len(everything), len(everything))
