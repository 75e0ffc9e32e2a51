"""Stage 4, formatting: each work as CSL-JSON, its entry and notes in the site's CSL
style, and its BibTeX. Only this folder imports the CSL engine (`engine.CitationStyle`)."""

from glossator.format.corpus import FormattedCorpus, format_corpus
from glossator.format.csl_text import FormattedEntry

__all__ = ["FormattedCorpus", "FormattedEntry", "format_corpus"]
