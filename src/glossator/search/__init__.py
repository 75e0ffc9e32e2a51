"""Stage 6, search: the Pagefind index of every essay, paragraph, figure and note, built
in memory by the `pagefind` binary (the one stage that runs a process)."""

from glossator.search.pagefind import search_index

__all__ = ["search_index"]
