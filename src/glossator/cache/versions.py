"""Document versions: a digest standing for a document, passed along the stages.

A document read from a cached file has the read's key as its version (the key names
every input of the read). Each stage that makes a new document from it derives the
new one's version from the old one's and what else that stage put in, so a later
stage can tell an unchanged document by a short string, without pickling the whole
document again (about 1.4 ms for an essay of 54 notes, for each of 1,000 essays on
every build). A document without a version (one read afresh, from a link) is
compared by its value instead.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from glossator.cache.store import digest, value_digest

Versions = dict[str, str]  # document slug -> its version


def derived(version: str | None, step: str, *made_from: Any) -> str | None:
    """The version of what `step` made from a document of `version` and the values
    `made_from` (everything else the step read: a stage must pass all of it)."""
    if version is None:
        return None
    return digest(version, step, value_digest(made_from))


def unique_slugs(pairs: list[tuple[str, str | None]]) -> Versions:
    """slug -> version for the documents that have one, leaving out any slug shared by
    two documents (an error the build reports; their pages are never made)."""
    seen = Counter(slug for slug, _ in pairs)
    return {slug: v for slug, v in pairs if v is not None and seen[slug] == 1}
