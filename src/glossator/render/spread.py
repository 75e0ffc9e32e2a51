"""The essay and source pages of a build rendered over the cores.

Each page is a pure function of what `render_jobs` worked out before it (the jobs'
signatures and pieces stay in the build's process), so the pages to make are handed
out by number to a `format.batches.Run`: the pipeline's pool of forked workers
(`incremental/pool.py`), which inherit the formatted corpus as it is in memory and
send back only the files, in order. A few pages are rendered here: forking costs
more than they do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from glossator.format.batches import Run, in_order

POOL_MINIMUM = 256  # pages; fewer are rendered in the build's process
# Pages a worker renders before sending them back: an essay's files are some 300 KB,
# and a worker's share of a thousand essays held at once added 250 MB to its peak.
PAGES_PER_TASK = 32


def spread_pages(
    task: Callable[[int], dict[str, bytes]], count: int, spread: Run = in_order
) -> Iterator[dict[str, bytes]]:
    """`task(0)` … `task(count - 1)`, in order, by `spread` when they are many. A page
    that fails in a worker (a site template's error, say) is rendered again here with
    the rest, so that its error is raised as it is, with its template's file and line."""
    run = spread if count >= POOL_MINIMUM else in_order
    done = 0
    try:
        for files in run(task, count):
            yield files
            done += 1
    except Exception:
        if run is in_order:
            raise
        yield from map(task, range(done, count))
