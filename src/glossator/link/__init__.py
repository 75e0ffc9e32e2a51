"""Stage 3, linking: across the corpus, match every work to the curated bibliography,
give it a stable key, and collect every place that cites it."""

from glossator.link.corpus import CitingPlace, LinkedCorpus, Mention, Work, link_corpus

__all__ = ["CitingPlace", "LinkedCorpus", "Mention", "Work", "link_corpus"]
