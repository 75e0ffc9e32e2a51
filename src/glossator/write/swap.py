"""The whole site switched in at once: a complete staging folder becomes the output.

- Where the system can swap two folders in one step (Linux `renameat2` with
  RENAME_EXCHANGE, macOS `renamex_np` with RENAME_SWAP), the staging folder and the
  output folder are exchanged atomically; the old site then lies in the staging
  folder's place and is removed.
- Elsewhere the swap takes two renames: the complete staging folder is first renamed
  `.<out>.ready-<id>`, the old site `.<out>.old-<id>`, then the ready one `<out>`.
  Killed between the two, `<out>` is missing for a moment and the next build (or
  `recover`) renames the ready site in.

`GLOSSATOR_SWAP=rename` forces the two-rename swap.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

from glossator.write.folders import remove_made
from glossator.write.steps import step


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False when this system cannot."""
    if os.environ.get("GLOSSATOR_SWAP") == "rename":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            at_fdcwd, rename_exchange = -100, 2
            result = libc.renameat2(
                at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange
            )
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), 0x2)  # RENAME_SWAP
        else:
            return False
    except (OSError, AttributeError):
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # the file system cannot exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def publish(staging: Path, out: Path) -> None:
    """Make the complete `staging` folder the output folder, then remove the old site."""
    step("chmod")
    os.chmod(staging, 0o755)
    if not os.path.lexists(out):
        step("rename in")
        staging.rename(out)
        return
    step("exchange")
    if exchange(staging, out):
        remove_made(staging)  # it now holds the old site
        return
    ready = staging.with_name(staging.name.replace(".new-", ".ready-", 1))
    old = staging.with_name(staging.name.replace(".new-", ".old-", 1))
    step("rename ready")
    staging.rename(ready)
    step("rename old")
    out.rename(old)
    try:
        step("rename in")
        ready.rename(out)
    except BaseException:
        old.rename(out)  # put the previous site back; the ready one is removed later
        raise
    remove_made(old)
