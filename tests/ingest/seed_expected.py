"""The seed essay's expected document, checked by hand against the source text.

Nothing here comes from the reader. Each block names the lines of
content/essays/us-russia-un-syria.txt it is made of (`sed -n 224,229p` shows them), as
decided by reading the source: which blank lines end a paragraph, which lines a page's
notes and caption interrupt, which lines each note spans. Each marker is given by the
words it follows, as read in the source. `expected_blocks` then builds the text with a
few mechanical rules (strip, join with a space, drop the marker numbers at the line
ends, keep a line-end hyphen unless it is listed as a word break) and checks every
marker against the extraction's own trace: it must stand at the double space its
number left, or at the end of the line that carries the number.

How the paragraph breaks were decided (docs/readers.md lists them): a blank line after
a finished sentence ends the paragraph when that line is short (the next line's first
word would have fitted on it). Where it is as long as the lines around it, the source
cannot tell; those places (and the one doubtful hyphen) are listed in `UNDECIDABLE`,
with the reading chosen.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "content" / "essays" / "us-russia-un-syria.txt"

# (kind, source lines) or ("para", lines, {note: the words its marker follows}).
# Lines are inclusive ranges; blank lines inside a range are skipped.
BLOCKS: list[tuple] = [
    ("heading", "1"),
    ("para", "3-13"),
    ("para", "15-29"),
    ("para", "31-46", {1: "to stop the war.”"}),
    ("heading", "49"),
    ("para", "50-58"),
    ("para", "60-76", {2: "elements of multilateralism.", 3: "and the following."}),
    ("para", "78-92", {4: "gas in the tank of multilateralism.", 5: "about multilateralism."}),
    ("para", "94-109", {6: "those that yield more clout.", 7: "of the international community."}),
    ("heading", "111-112"),
    ("para", "114-120"),
    (
        "para",
        "122-136",
        {8: "to take meaningful action.", 9: "campaign in Moscow.", 10: "of the Council."},
    ),
    ("para", "157-183", {11: "the leading western powers.”", 12: "Central and Eastern Europe."}),
    ("heading", "185-186"),
    ("para", "187-197"),
    ("para", "199-200", {13: "at the Malta Summit."}),
    (
        "para",
        "202-214",
        {
            14: "liberal application of the power.",
            15: "the invasion of Kuwait.",
            16: "no-fly zone monitoring,",
            17: "enforcement of the no-fly zone,",
            18: "Deliberate Force in Serbia.",
        },
    ),
    ("para", "216-222", {19: "direction of Yevgeny Primakov", 20: "made by Pape and Paul."}),
    (
        "para",
        "224-229,258-266",
        {21: "drawing criticism from the Kremlin.", 22: "from Russia.", 23: "the year prior."},
    ),
    ("caption", "257"),  # on the page's foot, inside the paragraph above
    (
        "para",
        "268-289",
        {
            24: "established a Presidential Commission.",
            25: "cast off its nuclear ambitions,",
            26: "the source of ire in Moscow,",
            27: "weapons the nations fielded.",
            28: "against Iran over its nuclear program.",
        },
    ),
    ("para", "291-300", {29: "foothold in the Middle East.", 30: "children increased tensions."}),
    ("para", "302-315", {31: "between Moscow and Washington.", 32: "withdrawal from Ukraine."}),
    ("heading", "317-318"),
    ("para", "319-329,358-363", {33: "and is, indeed, participating in it.”"}),
    ("caption", "357"),
    ("para", "365-377", {34: "at the time of a decision."}),
    ("para", "379-388"),
    ("para", "390-413", {35: "extremism within Russia’s borders.", 36: "the Caucasus Emirate."}),
    ("para", "415-435", {37: "seeking its demise.", 38: "a ‘Color Revolution’ in Russia.”"}),
    ("para", "437-443,462-465", {39: "crimes against humanity” failed to pass."}),
    ("caption", "461"),
    ("para", "467-474", {40: "there will be no end to this war.”"}),
    ("heading", "476-477"),
    ("para", "478-490"),
    (
        "para",
        "492-510",
        {41: "UNHCR in Syria in 2013.", 42: "controlled corridors.", 43: "it needs to operate."},
    ),
    (
        "para",
        "512-529",
        {
            44: "the Russian-backed Assad regime.",
            45: "missiles from unidentified aircraft.",
            46: "between American and Russian diplomats.",
            47: "for fear of their safety.",
        },
    ),
    (
        "para",
        "531-538,561-562",
        {48: "made it safely to its destination.", 49: "territory of the opposition."},
    ),
    ("caption", "560"),
    ("para", "564-570"),
    ("heading", "572"),
    ("para", "573-578"),
    ("para", "580-588", {50: "flooded into Jordan and Lebanon."}),
    ("para", "590-603", {51: "it has so far proven stillborn.", 52: "in considerable jeopardy.”"}),
    ("para", "605-619", {53: "were removed from the process."}),
    ("para", "621-638", {54: "blamed the United States for facilitating."}),
    ("heading", "640-641"),
    ("para", "642-655"),
]

# Each note's lines: the first ends with its number; continuations follow a blank.
NOTES = {
    1: "48",
    **{n: str(line) for n, line in zip(range(2, 5), (138, 140, 142), strict=True)},
    5: "144-146",
    **{n: str(line) for n, line in zip(range(6, 11), range(148, 157, 2), strict=True)},
    11: "231-233",
    **{n: str(line) for n, line in zip(range(12, 19), range(235, 248, 2), strict=True)},
    19: "249-251",
    20: "253",
    21: "255",
    22: "331-333",
    23: "335-337",
    **{n: str(line) for n, line in zip(range(24, 33), range(339, 356, 2), strict=True)},
    33: "445-447",
    **{n: str(line) for n, line in zip(range(34, 40), range(449, 460, 2), strict=True)},
    **{n: str(line) for n, line in zip(range(40, 50), range(540, 559, 2), strict=True)},
    **{n: str(line) for n, line in zip(range(50, 55), range(657, 666, 2), strict=True)},
}

# Line-end hyphens that break a word (all others are the word's own: Russo-American).
WORD_BREAKS = {"conspir-acies"}

UNDECIDABLE = {
    200: "`at the Malta Summit.  13` is as long as its neighbours: read as a paragraph's end",
    425: "`policy-` / `makers`: either spelling is usual; the hyphen is kept",
}


def _lines(spec: str) -> list[int]:
    out = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out += range(int(first), int(last or first) + 1)
    return out


@cache
def _source() -> list[str]:
    return SOURCE.read_text("utf-8").split("\n")


def _join(pieces: list[str]) -> str:
    """Lines joined as the rules above say; `key- ` keeps its space (`key- and`)."""
    out = ""
    for raw in pieces:
        text = raw.strip()
        if out.endswith("-") and not out.endswith(" -"):
            pair = out.split()[-1] + re.sub(r"\W+$", "", text.split()[0])
            out = (out[:-1] if pair in WORD_BREAKS else out) + text
        else:
            out = f"{out} {text}" if out else text
        if raw != raw.rstrip() and out.endswith("-"):
            out += " "  # a hyphen followed by a space joins nothing
    return re.sub(r"\s+", " ", out).strip()


def _marker_numbers(raw: str, pending: list[int]) -> tuple[list[int], int]:
    """The numbers at the line's end that are the markers due next (`in 1998 11` ends
    with marker 11 only), and where they start."""
    tail = re.search(r"(?:\s*\d+)+\s*$", raw)
    if not tail:
        return [], len(raw)
    tokens = list(re.finditer(r"\s*(\d+)", tail.group(0)))
    for k in range(len(tokens), 0, -1):
        numbers = [int(t.group(1)) for t in tokens[-k:]]
        if numbers == pending[:k]:
            return numbers, tail.start() + tokens[-k].start()
    return [], len(raw)


def _paragraph(spec: str, markers: dict[int, str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The paragraph's text and marker offsets, each checked against the trace its number
    left: a double space inside the line, or the end of the line."""
    pending = sorted(markers)
    pieces, traces = [], []  # traces: (note, offset in the text joined so far)
    for number in _lines(spec):
        raw = _source()[number - 1]
        if not raw.strip():
            continue
        numbers, cut = _marker_numbers(raw, pending)
        if numbers:
            raw, pending = raw[:cut], pending[len(numbers) :]
            gaps = [m.end() for m in re.finditer(r"\S(?=  +\S)", raw)]
            ends = gaps[-len(numbers) :] + [len(raw.rstrip())] * (len(numbers) - len(gaps))
            # where this line's text starts in the joined text
            before = len(_join([*pieces, raw])) - len(re.sub(r"\s+", " ", raw.strip()))
            lead = len(raw) - len(raw.lstrip())
            for note, end in zip(numbers, sorted(ends), strict=True):
                traces.append((note, before + len(re.sub(r"\s+", " ", raw[lead:end]))))
        pieces.append(raw)
    assert not pending, f"lines {spec}: no marker number found for {pending}"
    text = _join(pieces)
    for note, offset in traces:
        words = markers[note]
        assert text.count(words) == 1, f"marker {note}: {words!r} is not unique"
        assert text.index(words) + len(words) == offset, f"marker {note} is not at its trace"
    return text, tuple(traces)


def expected_blocks() -> list[tuple[str, object]]:
    """(`heading`, text), (`para`, (text, markers)), (`caption`, text) in reading order."""
    out: list[tuple[str, object]] = []
    for kind, spec, *rest in BLOCKS:
        if kind == "para":
            out.append((kind, _paragraph(spec, rest[0] if rest else {})))
        else:
            out.append((kind, _join([_source()[n - 1] for n in _lines(spec)])))
    return out


def expected_notes() -> dict[int, str]:
    notes = {}
    for number, spec in NOTES.items():
        lines = [_source()[n - 1] for n in _lines(spec) if _source()[n - 1].strip()]
        first = re.sub(rf"\s*{number}\s*$", "", lines[0])
        assert first != lines[0], f"note {number} does not end with its number"
        notes[number] = _join([first, *lines[1:]])
    return notes
