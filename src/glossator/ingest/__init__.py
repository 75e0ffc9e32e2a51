"""Stage 1, ingest: find the documents under `content/` and read each with its reader.

The only stage besides `write` that touches the file system: it reads `content/`
and nothing else. `READERS` maps each source format to its reader.
"""

from glossator.ingest.corpus import Corpus, read_corpus, read_document
from glossator.ingest.readers import READERS, get_reader

__all__ = ["READERS", "Corpus", "get_reader", "read_corpus", "read_document"]
