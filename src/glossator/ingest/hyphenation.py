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


class WordList:
    """pyspellchecker's English word frequencies (as `SpellChecker(language="en")` has
    them), looked up in its data file's text by binary search instead of parsed whole:
    a document asks for a few dozen words, and parsing 160,000 took 0.11 s, the most of
    a small site's reading. The file is JSON with one `"word": count` a line, sorted,
    in lower case; one that is not (another version's) is parsed whole instead."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._whole: dict[str, int] | None = None
        if not data.startswith(b'{\n"') or not _looks_sorted(data):
            self._whole = _parsed(data)

    def get(self, word: str, default: int = 0) -> int:
        if self._whole is not None:
            return self._whole.get(word, default)
        found = _find(self._data, word.encode("utf-8"))
        return default if found is None else found


def _parsed(data: bytes) -> dict[str, int]:
    """The whole list, as the checker loads it: counts of one word in any case added."""
    merged: Counter[str] = Counter()
    for word, count in json.loads(data.decode("utf-8")).items():
        merged[word.lower()] += count
    return dict(merged)


def _looks_sorted(data: bytes, samples: int = 64) -> bool:
    """Whether lines taken across the file are in order (a file in another order fails
    at once; one sorted but for a few lines would not be caught, nor is one known)."""
    keys = []
    for n in range(1, samples):
        start = data.find(b'\n"', len(data) * n // samples)
        if start < 0:
            break
        keys.append(data[start + 2 : data.find(b'"', start + 2)])
    return keys == sorted(keys) and all(k == k.lower() for k in keys)


def _find(data: bytes, word: bytes) -> int | None:
    """The count on the line of `word`, by bisecting the lines (their UTF-8 bytes
    sort as their text does); the window always starts and ends at a line's start."""
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", middle)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if not line.startswith(b'"'):  # the opening "{" or the closing "}"
            low, high = (end + 1, high) if line.startswith(b"{") else (low, start)
            continue
        close = line.find(b'": ')
        if close < 0:
            return None
        key = line[1:close]
        if key == word:
            return int(line[close + 3 :].rstrip(b","))
        low, high = (end + 1, high) if key < word else (low, start)
    return None


@cache
def _word_frequencies() -> WordList:
    """Loaded once, on the first hyphen that needs it."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    return WordList(gzip.decompress(data))


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
