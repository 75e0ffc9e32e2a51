"""Line-end hyphens in extracted text: a word break to join, or a real hyphen to keep?

The decision uses evidence, in this order: the document itself (does it spell the
compound with a hyphen elsewhere, or the joined word?), then an English word list
with frequencies (pyspellchecker's), never a list of particular words.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import cache
from importlib import resources

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@cache
def _word_frequencies() -> dict[str, int]:
    """pyspellchecker's English frequencies, loaded once, on the first hyphen that needs
    them: read from its data file as `SpellChecker(language="en")` reads it, without
    the checker's own set-up, which took longer than the reading (0.19 s against 0.11 s)."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    words: dict[str, int] = json.loads(gzip.decompress(data).decode("utf-8"))
    if all(word == word.lower() for word in words):
        return words
    merged: Counter[str] = Counter()  # as the checker does: counts of one word in any case
    for word, count in words.items():
        merged[word.lower()] += count
    return dict(merged)


class HyphenEvidence:
    """What one document says about its own words, built once per document."""

    def __init__(self, text: str) -> None:
        # Words split at a line end are counted too, as halves; harmless, since a half
        # that is not a word (`conspir`) is exactly what speaks for joining.
        self.words: Counter[str] = Counter(w.lower() for w in WORD.findall(text))

    def keep_hyphen(self, left: str, right: str) -> bool:
        """`left-` ends a line and `right` starts the next: is the hyphen part of the text?"""
        if not left or not right or not left[-1].isalpha() or not right[0].isalpha():
            return True
        if right[0].isupper():
            return True  # a word break never capitalises its second half: Russo-American
        head = re.split(r"-", left)[-1].lower()
        tail = re.match(r"[^\W\d_]+", right)
        tail_word = tail.group(0).lower() if tail else right.lower()
        compound, joined = f"{head}-{tail_word}", head + tail_word
        if self.words[compound]:
            return True
        if self.words[joined]:
            return False
        frequencies = _word_frequencies()
        joined_frequency = frequencies.get(joined, 0)
        if not joined_frequency:
            return True  # nothing says the joined word exists: keep what was written
        head_frequency, tail_frequency = frequencies.get(head, 0), frequencies.get(tail_word, 0)
        if not head_frequency or not tail_frequency:
            return False  # a half that is no word: conspir-acies
        # Both halves are words and so is the whole (hard-liners, policy-makers): keep the
        # hyphen unless the joined spelling is the more usual one (re-ported).
        return joined_frequency <= min(head_frequency, tail_frequency)
