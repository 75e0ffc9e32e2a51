"""glossator: a static site generator for research corpora.

The pipeline, one module per stage: content (find and read) -> readers (one per
format) -> model (dataclasses) -> linking -> render (Jinja2) -> write.
"""

__version__ = "0.1.0"
