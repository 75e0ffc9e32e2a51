"""Score the note resolver against the hand-written corpus (tests/fixtures/notes/corpus).

A link is right when the work a note is linked to is the work its author meant: the
first full citation of each work names it, and every later note (short form, Ibid.,
a repeated full citation) must reach that same work. Used by tests/notes/test_corpus.py
and benchmarks/bench_notes.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from glossator.bibliography import loose_key
from glossator.model import Document, Metadata, Note
from glossator.notes.parse_note import ParsedWork
from glossator.notes.resolve import resolve_document

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "corpus"


@dataclass
class Score:
    notes: int = 0
    citing: int = 0  # notes that cite at least one work
    citing_linked: int = 0  # ... linked to exactly the works meant
    links: int = 0
    wrong_links: int = 0
    fields: int = 0
    fields_right: int = 0
    warnings: int = 0
    warnings_right: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 1.0 if not self.links else (self.links - self.wrong_links) / self.links

    @property
    def recall(self) -> float:
        return 1.0 if not self.citing else self.citing_linked / self.citing


def load(folder: Path = CORPUS) -> list[tuple[str, dict]]:
    return [(p.name, yaml.safe_load(p.read_text("utf-8"))) for p in sorted(folder.glob("*.yaml"))]


def _identity(work: ParsedWork) -> str:
    return loose_key(dict(work.fields))


def _field(work: ParsedWork, locator: str | None, name: str) -> str | None:
    if name == "kind":
        return work.kind
    if name == "locator":
        return locator
    return work.field(name)


def score_essay(name: str, essay: dict, score: Score) -> None:
    items = essay["notes"]
    notes = [Note(i, f"fn{i}", text=n["t"], line=i) for i, n in enumerate(items, 1)]
    doc = Document(name, "markdown", Metadata(title=essay["title"]), notes=notes, path=name)
    ids: dict[str, str] = {}  # a work's identity -> the corpus id it was first cited as
    for item, result in zip(items, resolve_document(doc), strict=True):
        score.notes += 1
        where = f"{name}:{result.note.number}"
        expected = list(item["w"])
        cites = [c for c in result.cites if c.work is not None]
        if "f" in item and len(cites) == len(expected):
            for wid, cite in zip(expected, cites, strict=True):
                ids.setdefault(_identity(cite.work), wid)
        got = [ids.get(_identity(c.work), "?") for c in cites]
        score.links += len(got)
        wrong = [g for g in got if g not in expected]
        score.wrong_links += len(wrong)
        if expected:
            score.citing += 1
            if sorted(set(got)) == sorted(set(expected)) and not wrong:
                score.citing_linked += 1
        if wrong or sorted(set(got)) != sorted(set(expected)):
            score.failures.append(f"{where}: linked {got}, meant {expected}: {item['t'][:70]}")
        if item.get("warn"):
            score.warnings += 1
            codes = [code for code, _ in result.problems]
            if item["warn"] in codes:
                score.warnings_right += 1
            else:
                score.failures.append(f"{where}: no {item['warn']} warning (got {codes})")
        for key, value in (item.get("f") or {}).items():
            score.fields += 1
            actual = _field(cites[0].work, cites[0].locator, key) if cites else "(no work)"
            if actual == value:
                score.fields_right += 1
            else:
                score.failures.append(f"{where}: {key} {actual!r}, meant {value!r}")


def score_corpus(folder: Path = CORPUS) -> Score:
    score = Score()
    for name, essay in load(folder):
        score_essay(name, essay, score)
    return score
