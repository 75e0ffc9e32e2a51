"""A synthetic corpus shaped like the seed paper, for the build benchmarks.

Usage: python benchmarks/make_corpus.py N DIR [--format markdown|pdf-text] [--entries E]

Writes DIR/site.yaml, DIR/references.bib (E entries, default 5,460) and N essays in
DIR/essays/: each about 6,100 words in 8 sections with 54 footnotes, as Markdown
(`<slug>.md`) or as pdf-text (`<slug>.txt` with its `<slug>.yaml` sidecar). Half the
notes cite a `references.bib` entry by key (`[@key]`), the other half describe a work
in Chicago note form, some of them as `Ibid.`. Words come from a made-up syllable
vocabulary, so no third-party prose is copied. The same arguments always write the same
bytes (a seeded random generator, no clock), so benchmark runs compare like with like.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

WORDS_PER_ESSAY = 5500  # and some 600 in the notes: ~6,100
SECTIONS = 8
NOTES = 54
ENTRIES = 5460
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tu",
    "sa",
    "vel",
    "dor",
    "an",
    "is",
    "ter",
    "mon",
    "pra",
    "li",
    "sun",
    "oth",
    "el",
    "ba",
    "cor",
    "ve",
    "na",
    "fi",
    "ro",
    "tal",
    "es",
    "um",
    "gra",
    "pen",
    "dis",
    "ul",
]
SURNAMES = [
    "Abel",
    "Barros",
    "Castel",
    "Duarte",
    "Ekberg",
    "Falk",
    "Garin",
    "Holm",
    "Ibsen",
    "Jurado",
    "Kerr",
    "Lind",
    "Moreau",
    "Nagel",
    "Ortiz",
    "Pryce",
    "Quint",
    "Rossi",
    "Sato",
    "Tamm",
    "Ueda",
    "Voss",
    "Wendt",
    "Yilmaz",
    "Zorn",
]
GIVEN = [
    "Ada",
    "Bruno",
    "Clara",
    "Dmitri",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Luca",
    "Mira",
    "Nils",
]
CITIES = ["Cambridge, MA", "Oxford", "Chicago", "New York", "London", "Berlin", "Paris"]
PRESSES = ["Harbour Press", "Northgate University Press", "Meridian Books", "Lantern House"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    chosen = [rng.choice(words) for _ in range(length)]
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen) + "."


def title(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(2, 5)))


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(SURNAMES)


def bib_entries(rng: random.Random, words: list[str], count: int) -> list[dict[str, str]]:
    entries = []
    for index in range(count):
        given, family = person(rng)
        entries.append(
            {
                "key": f"{family.lower()}{index:05d}",
                "author": f"{family}, {given}",
                "title": title(rng, words),
                "publisher": rng.choice(PRESSES),
                "address": rng.choice(CITIES),
                "year": str(rng.randint(1950, 2020)),
            }
        )
    return entries


def bibtex(entries: list[dict[str, str]]) -> str:
    out = []
    for e in entries:
        fields = "".join(
            f"  {name} = {{{e[name]}}},\n" for name in ("author", "title", "publisher", "address")
        )
        out.append(f"@book{{{e['key']},\n{fields}  year = {{{e['year']}}}\n}}\n")
    return "\n".join(out)


def note_text(rng: random.Random, words: list[str], entries: list[dict[str, str]], n: int) -> str:
    """A note: a `[@key]` citation, a work in Chicago note form, or `Ibid.`"""
    if n > 1 and rng.random() < 0.1:
        return f"Ibid., {rng.randint(2, 300)}."
    if rng.random() < 0.5:
        return f"See [@{rng.choice(entries)['key']}, {rng.randint(2, 300)}]."
    given, family = person(rng)
    work = title(rng, words)
    place, press, year = rng.choice(CITIES), rng.choice(PRESSES), rng.randint(1950, 2020)
    return f"{given} {family}, *{work}* ({place}: {press}, {year}), {rng.randint(2, 300)}."


def essay_plan(rng: random.Random, words: list[str]) -> list[tuple[str, list[list[str]]]]:
    """Eight sections, each a heading and paragraphs of sentences, ~6,100 words."""
    per_section = WORDS_PER_ESSAY // SECTIONS
    sections = []
    for _ in range(SECTIONS):
        paragraphs, count = [], 0
        while count < per_section:
            paragraph = []
            for _ in range(rng.randint(3, 7)):
                length = rng.randint(8, 28)
                paragraph.append(sentence(rng, words, length))
                count += length
            paragraphs.append(paragraph)
        sections.append((title(rng, words), paragraphs))
    return sections


def marker_places(rng: random.Random, sections: list[tuple[str, list[list[str]]]]) -> set:
    places = [
        (s, p, k)
        for s, (_, paragraphs) in enumerate(sections)
        for p, paragraph in enumerate(paragraphs)
        for k in range(len(paragraph))
    ]
    return set(rng.sample(places, NOTES))


def markdown_essay(rng: random.Random, words: list[str], entries: list[dict], index: int) -> str:
    given, family = person(rng)
    sections = essay_plan(rng, words)
    markers = marker_places(rng, sections)
    lines = [
        "---",
        f'title: "{title(rng, words)}"',
        f"author: {given} {family}",
        f"date: {rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}",
        "---",
        "",
    ]
    notes, number = [], 0
    for s, (heading, paragraphs) in enumerate(sections):
        lines += [f"## {heading}", ""]
        for p, paragraph in enumerate(paragraphs):
            out = []
            for k, text in enumerate(paragraph):
                if (s, p, k) in markers:
                    number += 1
                    text += f"[^{number}]"
                    notes.append(f"[^{number}]: {note_text(rng, words, entries, number)}")
                out.append(text)
            lines += [" ".join(out), ""]
    return "\n".join(lines + notes) + "\n"


def wrap(text: str, width: int = 62) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line + " "] if line else lines


def pdf_text_essay(rng: random.Random, words: list[str], entries: list[dict]) -> tuple[str, str]:
    """The text as a PDF extraction gives it (markers glued to the end of a visual line,
    each page ending with its notes, each starting with a space and ending in its
    number), and its sidecar."""
    sections = essay_plan(rng, words)
    markers = marker_places(rng, sections)
    given, family = person(rng)
    out: list[str] = []
    page_notes: list[str] = []
    number, page_lines, page_start = 0, 0, False

    def add(lines: list[str]) -> None:
        nonlocal page_start
        if page_start and lines:
            lines = [" " + lines[0], *lines[1:]]  # a page's first line starts with a space
            page_start = False
        out.extend(lines)

    def end_page() -> None:
        nonlocal page_notes, page_lines, page_start
        if out and out[-1] == "":
            out.pop()
        for text in page_notes:
            out.extend(["", f" {text}"])  # one line, ending with the note's number
        page_notes, page_lines, page_start = [], 0, True

    for s, (heading, paragraphs) in enumerate(sections):
        add([f"{heading} ", ""] if page_start or not out else ["", f"{heading} ", ""])
        for p, paragraph in enumerate(paragraphs):
            lines: list[str] = []
            pending = ""
            for k, text in enumerate(paragraph):
                pending = f"{pending} {text}".strip()
                if (s, p, k) in markers:
                    number += 1
                    note = note_text(rng, words, entries, number).replace("*", "")
                    note = note.replace("See [@", "See ").replace("]", "")
                    page_notes.append(f"{note} {number}")
                    wrapped = wrap(pending)
                    wrapped[-1] = wrapped[-1].rstrip() + f"{number}"
                    lines += wrapped
                    pending = ""
            if pending:
                lines += wrap(pending)
            add([*lines, ""])
            page_lines += len(lines)
            if page_lines > 40:
                end_page()
    end_page()
    out[0] = " " + out[0]
    sidecar = (
        "format: pdf-text\n"
        f'title: "{title(rng, words)}"\n'
        f"authors: [{given} {family}]\n"
        f'date: "{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}"\n'
    )
    return "\n".join(out) + "\n", sidecar


def make_corpus(count: int, target: Path, form: str = "markdown", entries: int = ENTRIES) -> None:
    """Write the corpus; the bytes depend only on the arguments."""
    rng = random.Random(f"glossator-corpus-{entries}")
    words = vocabulary(rng)
    bib = bib_entries(rng, words, entries)
    essays = target / "essays"
    essays.mkdir(parents=True, exist_ok=True)
    (target / "site.yaml").write_text(
        "title: Synthetic Corpus\ndescription: Generated essays for the build benchmarks.\n"
        "base_url: https://bench.example.org\nlanguage: en\n",
        encoding="utf-8",
    )
    (target / "references.bib").write_text(bibtex(bib), encoding="utf-8")
    for index in range(count):
        essay_rng = random.Random(f"glossator-essay-{index}")
        slug = f"essay-{index:04d}"
        if form == "markdown":
            text = markdown_essay(essay_rng, words, bib, index)
            (essays / f"{slug}.md").write_text(text, encoding="utf-8")
        else:
            text, sidecar = pdf_text_essay(essay_rng, words, bib)
            (essays / f"{slug}.txt").write_text(text, encoding="utf-8")
            (essays / f"{slug}.yaml").write_text(sidecar, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--format", choices=("markdown", "pdf-text"), default="markdown")
    parser.add_argument("--entries", type=int, default=ENTRIES)
    args = parser.parse_args(argv)
    make_corpus(args.count, args.directory, args.format, args.entries)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
