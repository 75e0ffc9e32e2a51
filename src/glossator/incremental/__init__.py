"""Incremental and parallel builds: the pipeline's pure steps, cached and spread out.

`reading.py` reads essays, each cached under the hash of its bytes (and its sidecar's)
and the code version, the ones not cached spread over a process pool; `styles.py`
memoises the citation style's work (the bibliography's entries, each document's
citations) under the hash of exactly what it is given; `inputs.py` fingerprints a
build's every input so that a build with nothing changed writes nothing;
`published.py` records what the output holds, file by file. Only `inputs` is imported
here: a build with nothing to do answers without importing the stages.
"""

from glossator.incremental.inputs import build_fingerprint, cache_folder, unchanged

__all__ = ["build_fingerprint", "cache_folder", "unchanged"]
