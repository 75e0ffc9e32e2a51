"""The build cache: results of pure steps stored under a hash of everything they read.

Stage-neutral: it knows nothing of documents or pages. `store.py` keeps pickled values
on disk under content-hash keys; `version.py` says which glossator (its code, built-in
templates and the libraries whose output it uses) made them. A key always includes
that version, so a changed glossator never reuses an older one's results.
"""

from glossator.cache.store import Store, digest
from glossator.cache.version import code_version

__all__ = ["Store", "code_version", "digest"]
