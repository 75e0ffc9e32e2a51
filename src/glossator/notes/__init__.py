"""Stage 2, notes to works: parse each footnote into the works it cites (Chicago note
forms, `Ibid.`, short notes, `[@key]`), one document at a time and without I/O."""

from glossator.notes.resolve import Cite, NoteCites, resolve_document

__all__ = ["Cite", "NoteCites", "resolve_document"]
