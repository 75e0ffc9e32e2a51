"""bibliography: read the curated .bib, fingerprint works, write and append entries.

Expected fields and texts were written by hand from the BibTeX in each fixture.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from glossator.bibliography import (
    BibEntry,
    append_entries,
    entry_to_bibtex,
    fingerprint,
    read_bibliography,
    unique_key,
)

BIB = r"""% Curated references for the test corpus.
@string{io = "International Organization"}

@article{caporaso1992international,
  author  = {Caporaso, James A.},
  title   = {International Relations Theory and Multilateralism: The Search for Foundations},
  journal = io,
  volume  = 46,
  number  = {3},
  pages   = {599--632},
  year    = 1992,
  month   = jun,
}

@book{grafton1997footnote,
  author    = {Grafton, Anthony and M{\"u}ller, J{\"o}rg and {\'E}mile Zola},
  title     = "The Footnote: A {Curious} History",
  publisher = {Harvard University Press},
  address   = "Cambridge, " # {MA},
  year      = {1997},
}

@misc{unsc2001res1373,
  author    = {{United Nations Security Council}},
  title     = {Resolution 1373 (2001)},
  un_symbol = {S/RES/1373 (2001)},
  year      = {2001},
  month     = sep,
  note      = {Adopted 28~September 2001 --- Caf\'e \& 15 votes,
               none against},
  url       = {https://undocs.org/S/RES/1373(2001)},
}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "references.bib") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> tuple[dict[str, BibEntry], list[str]]:
    entries, diagnostics = read_bibliography(path)
    return entries, [str(d) for d in diagnostics]


# --- reading ---------------------------------------------------------------------------


def test_read_exact_fields(tmp_path):
    entries, diagnostics = read(write(tmp_path, BIB))
    assert diagnostics == []
    assert list(entries) == ["caporaso1992international", "grafton1997footnote", "unsc2001res1373"]
    assert entries["caporaso1992international"] == BibEntry(
        "caporaso1992international",
        "article",
        {
            "author": "Caporaso, James A.",
            "title": "International Relations Theory and Multilateralism: "
            "The Search for Foundations",
            "journal": "International Organization",  # @string reference
            "volume": "46",  # bare number
            "number": "3",
            "pages": "599--632",  # page ranges are kept as written
            "year": "1992",
            "month": "6",  # month macro → number, as parse_note gives months
        },
        4,
    )
    assert entries["grafton1997footnote"] == BibEntry(
        "grafton1997footnote",
        "book",
        {
            "author": "Grafton, Anthony and Müller, Jörg and Émile Zola",
            "title": "The Footnote: A {Curious} History",  # quotes removed, group kept
            "publisher": "Harvard University Press",
            "address": "Cambridge, MA",  # "#" concatenation
            "year": "1997",
        },
        15,
    )
    assert entries["unsc2001res1373"] == BibEntry(
        "unsc2001res1373",
        "misc",
        {
            "author": "{United Nations Security Council}",  # corporate author stays braced
            "title": "Resolution 1373 (2001)",
            "un_symbol": "S/RES/1373 (2001)",
            "year": "2001",
            "month": "9",
            "note": "Adopted 28\u00a0September 2001 — Café & 15 votes, none against",
            "url": "https://undocs.org/S/RES/1373(2001)",
        },
        23,
    )


def test_missing_file_is_empty_bibliography(tmp_path):
    assert read_bibliography(tmp_path / "nope.bib") == ({}, [])


def test_empty_and_comment_only_files(tmp_path):
    assert read(write(tmp_path, "")) == ({}, [])
    assert read(write(tmp_path, "% nothing yet\n\n@comment{a note to myself}\n")) == ({}, [])


def test_malformed_entry_reported_at_its_line_and_others_still_read(tmp_path):
    path = write(
        tmp_path,
        "@misc{first, title = {One}}\n"
        "\n"
        "@book{broken,\n"
        "  title = {Unbalanced,\n"
        "  year = 1999\n"
        "}\n"
        "@misc{after, title = {Two}}\n",
    )
    entries, diagnostics = read(path)
    assert diagnostics == [
        f"{path}:3: error: cannot parse this entry: Unexpected block start: `@misc`. "
        "Was still looking for field-value closing `,` or `}`; fix its braces/commas [bib.invalid]"
    ]
    assert sorted(entries) == ["after", "first"]
    assert entries["after"].line == 7


def test_missing_comma_reported(tmp_path):
    path = write(tmp_path, "\n@article{k\n  title = {T}}\n")
    _, diagnostics = read(path)
    assert diagnostics == [
        f"{path}:2: error: cannot parse this entry: Expected comma after entry key, "
        "but found =; fix its braces/commas [bib.invalid]"
    ]


def test_duplicate_key_names_first_line(tmp_path):
    path = write(tmp_path, "@misc{k, title = {First}}\n\n\n@book{k, title = {Second}}\n")
    entries, diagnostics = read(path)
    assert diagnostics == [
        f"{path}:4: warning: duplicate key 'k': the entry at line 1 already uses it "
        "and wins (as in BibTeX and biber); rename or merge one of them [bib.duplicate-key]"
    ]
    assert entries["k"].fields == {"title": "First"}  # BibTeX keeps the first


def test_undefined_string_and_duplicate_field_are_warnings(tmp_path):
    path = write(tmp_path, "@misc{k,\n  publisher = hup,\n  title = {A},\n  Title = {B}}\n")
    entries, diagnostics = read(path)
    assert entries["k"].fields == {"publisher": "hup", "title": "A"}
    assert diagnostics == [
        f"{path}:2: warning: 'hup' in field 'publisher' is not a defined @string; "
        "put text in braces [bib.undefined-string]",
        f"{path}:4: warning: field 'title' appears twice in 'k'; BibTeX uses the first, "
        "drop one [bib.duplicate-field]",
    ]


def test_string_may_use_earlier_string_and_is_case_insensitive(tmp_path):
    text = '@string{Hup = "Harvard"}\n@string{hupfull = HUP # " University Press"}\n'
    text += "@book{k, publisher = HupFull}\n"
    entries, diagnostics = read(write(tmp_path, text))
    assert diagnostics == []
    assert entries["k"].fields == {"publisher": "Harvard University Press"}


def test_bare_percent_is_text_not_a_comment(tmp_path):
    entries, _ = read(write(tmp_path, "@misc{k, note = {100% of it, 10\\% of that}}"))
    assert entries["k"].fields == {"note": "100% of it, 10% of that"}


def test_crlf_and_bom_lines(tmp_path):
    data = b"\xef\xbb\xbf% c\r\n\r\n@misc{k, title = {T}}\r\n@misc{k, title = {U}}\r\n"
    path = write(tmp_path, data)
    entries, diagnostics = read(path)
    assert entries["k"].line == 3
    assert diagnostics == [
        f"{path}:4: warning: duplicate key 'k': the entry at line 3 already uses it "
        "and wins (as in BibTeX and biber); rename or merge one of them [bib.duplicate-key]"
    ]


def test_invalid_utf8_is_reported_and_the_rest_read(tmp_path):
    path = write(tmp_path, b"@misc{a, title = {ok}}\n@misc{b, title = {caf\xe9}}\n")
    entries, diagnostics = read(path)
    assert diagnostics == [
        f"{path}:2: error: byte 0xe9 is not UTF-8; save the file as UTF-8 "
        "(undecodable bytes were read as U+FFFD) [bib.encoding]"
    ]
    assert entries["b"].fields == {"title": "caf\ufffd"}


def test_directory_is_unreadable_not_a_crash(tmp_path):
    _, diagnostics = read_bibliography(tmp_path)
    assert [(d.code, d.line) for d in diagnostics] == [("bib.unreadable", 1)]


HOSTILE = [
    b"@",
    b"@article",
    b"@article{",
    b"@article{k,",
    b"@article{k, title = {x",
    b"@article{k, title = }",
    b"@article{k, title = x # }",
    b"@article{k, title = # # #}",
    b"@article{k, title = {a}} }}}} {{{",
    b"{{{{{{{{",
    b"}}}}}}",
    b"@string{x}",
    b"@string{x = }",
    b"@comment{",
    b"@preamble{",
    b"@article(k, title = {x}",
    b"@article{, title = {x}}",
    b"@{k, title = {x}}",
    b"@article{k, = {x}}",
    b"@article{k, title = {\\}",
    b"@article{k, title = {\\begin{x}}}",
    b"@article{k, title = {$x}}",
    b"@article{k, title = {\\verb|x}}",
    b"@article{k, title = " + b"{" * 3000 + b"}" * 3000 + b"}",
    b"\x00\x01\xff\xfe@article{k, title = {\xff}}",
    bytes(range(256)) * 4,
    b"@misc{a, title = {x}}\n" * 50 + b"@misc{a, title = {",
]


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(tmp_path, data):
    entries, diagnostics = read_bibliography(write(tmp_path, data))
    assert all(isinstance(e, BibEntry) for e in entries.values())
    assert all(d.line >= 1 for d in diagnostics)
    for entry in entries.values():  # whatever was read can be fingerprinted and written
        fingerprint(entry.entry_type, entry.fields)
        entry_to_bibtex(entry)


def test_truncated_entry_reported(tmp_path):
    path = write(tmp_path, "@misc{ok, title = {x}}\n@article{k, title = {x")
    entries, diagnostics = read(path)
    assert list(entries) == ["ok"]
    assert diagnostics == [
        f"{path}:2: error: cannot parse this entry: Unexpectedly reached end of file; "
        "fix its braces/commas [bib.invalid]"
    ]


# --- fingerprints ----------------------------------------------------------------------

CAPORASO = {
    "author": "Caporaso, James A.",
    "title": "International Relations Theory and Multilateralism: The Search for Foundations",
    "journal": "International Organization",
    "volume": "46",
    "number": "3",
    "pages": "599--632",
    "year": "1992",
}
RUGGIE = {
    "author": "Ruggie, John Gerard",
    "title": "Multilateralism: The Anatomy of an Institution",
    "journal": "International Organization",
    "volume": "46",
    "number": "3",
    "pages": "561--598",
    "year": "1992",
}


def test_fingerprint_reads_as_author_year_title_container_issue():
    assert fingerprint("article", CAPORASO) == (
        "caporaso|1992|international relations theory multilateralism search foundations"
        "|international organization|v46|n3"
    )


def test_two_articles_in_one_issue_differ():
    assert fingerprint("article", CAPORASO) != fingerprint("article", RUGGIE)
    same_author_and_title_start = dict(RUGGIE, author=CAPORASO["author"], pages="633--650")
    assert fingerprint("article", RUGGIE) != fingerprint("article", same_author_and_title_start)


def test_same_work_with_trivial_variations_is_equal():
    variant = dict(
        CAPORASO,
        author="James A. Caporaso",  # note form, not inverted
        title="International Relations Theory and Multilateralism: the Search for Foundations.",
        journal="The International Organization",
        pages="599–632",  # en dash
    )
    assert fingerprint("article", variant) == fingerprint("article", CAPORASO)


def test_newspaper_quotes_period_and_leading_the():
    a = {
        "author": "Sanger, David E.",
        "title": "“Bush’s Plan for Iraq’s Future”",
        "journal": "The New York Times",
        "year": "2003",
        "month": "3",
    }
    b = {
        "author": "Sanger, David E.",
        "title": "\"Bush's Plan for Iraq's Future.\"",
        "journal": "New York Times",
        "year": "2003",
    }
    assert fingerprint("article", a) == fingerprint("article", b)
    assert fingerprint("article", a) == "sanger|2003|bushs plan iraqs future|new york times"


def test_accents_case_and_corporate_authors():
    a = {"author": "Müller, Jörg", "title": "Über Alles", "year": "2000"}
    b = {"author": "Muller, Jorg", "title": "UBER ALLES", "year": "2000"}
    assert fingerprint("book", a) == fingerprint("book", b)
    corporate = {"author": "{The New York Times}", "title": "Editorial", "year": "2001"}
    assert fingerprint("misc", corporate) == "new york times|2001|editorial|"
    unbraced = dict(corporate, author="New York Times")
    assert fingerprint("misc", unbraced) == fingerprint("misc", corporate)


def test_un_documents_match_by_symbol():
    a = {"author": "{United Nations Security Council}", "un_symbol": "S/RES/1373 (2001)"}
    b = {"title": "Resolution 1373", "un_symbol": "s/res/1373", "year": "2001"}
    assert fingerprint("misc", a) == fingerprint("misc", b) == "un:S/RES/1373"
    assert fingerprint("misc", {"un_symbol": "S/RES/1374 (2001)"}) != fingerprint("misc", a)


def test_pinned_fingerprint_wins():
    fields = dict(CAPORASO, title="A corrected title", **{"glossator-fingerprint": "pinned|1"})
    assert fingerprint("article", fields) == "pinned|1"


# --- writing ---------------------------------------------------------------------------

ENTRY = BibEntry(
    "sanger2003bush",
    "article",
    {
        "year": "2003",
        "title": "Bush’s Plan: 50% of $5 for R&D_x #1 -- {NATO}",
        "author": "Sanger, David E. and {Associated Press}",
        "journal": "The New York Times",
        "month": "3",
        "pages": "A1–A2",
        "url": "https://example.org/a_b%20c#frag",
        "keywords": "iraq",
        "note": "",
    },
)
ENTRY_TEXT = r"""@article{sanger2003bush,
  author = {Sanger, David E. and {Associated Press}},
  title = {Bush’s Plan: 50\% of \$5 for R\&D\_x \#1 -{}- {NATO}},
  journal = {The New York Times},
  pages = {A1–A2},
  year = {2003},
  month = mar,
  url = {https://example.org/a_b%20c#frag},
  keywords = {iraq}
}
"""


def test_entry_to_bibtex_exact():
    assert entry_to_bibtex(ENTRY) == ENTRY_TEXT


def test_entry_to_bibtex_round_trip(tmp_path):
    entries, diagnostics = read_bibliography(write(tmp_path, entry_to_bibtex(ENTRY)))
    assert diagnostics == []
    expected = {k: v for k, v in ENTRY.fields.items() if v}  # empty values are left out
    assert entries["sanger2003bush"] == BibEntry("sanger2003bush", "article", expected, 1)


def test_entry_to_bibtex_round_trips_awkward_text(tmp_path):
    fields = {
        "title": "a \\ b ~ c ^ d '' e `` f !` g ?` h } i",
        "note": "x\u00a0y { z",
        "author": "{AT&T}",
    }
    text = entry_to_bibtex(BibEntry("k", "misc", fields))
    entries, diagnostics = read_bibliography(write(tmp_path, text))
    assert diagnostics == []
    assert entries["k"].fields == fields


def test_entry_to_bibtex_reads_back_a_read_entry(tmp_path):
    entries, _ = read_bibliography(write(tmp_path, BIB))
    again, diagnostics = read_bibliography(
        write(tmp_path, "".join(entry_to_bibtex(e) for e in entries.values()), "again.bib")
    )
    assert diagnostics == []
    assert {k: e.fields for k, e in again.items()} == {k: e.fields for k, e in entries.items()}


def test_entry_to_bibtex_rejects_unusable_key():
    with pytest.raises(ValueError):
        entry_to_bibtex(BibEntry("two words", "misc", {"title": "T"}))


# --- appending -------------------------------------------------------------------------


def test_append_preserves_existing_bytes_exactly(tmp_path):
    original = BIB.replace("\n", "\r\n").encode("utf-8") + b"% trailing comment, no newline"
    path = write(tmp_path, original)
    os.chmod(path, 0o640)
    new = BibEntry("ruggie1992multilateralism", "article", RUGGIE)
    append_entries(path, [new])
    data = path.read_bytes()
    assert data[: len(original)] == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    added = data[len(original) :].decode("utf-8")
    assert added.startswith("\r\n\r\n@article{ruggie1992multilateralism,\r\n")
    assert "\n" not in added.replace("\r\n", "")  # the file's CRLF line endings are followed
    entries, diagnostics = read_bibliography(path)
    assert diagnostics == []
    assert len(entries) == 4
    appended = entries["ruggie1992multilateralism"]
    assert appended.fields == {
        **RUGGIE,
        "glossator-fingerprint": fingerprint("article", RUGGIE),
    }
    assert fingerprint("article", appended.fields) == fingerprint("article", RUGGIE)
    assert [p.name for p in tmp_path.iterdir()] == ["references.bib"]  # no temp file left


def test_appended_fingerprint_survives_a_maintainers_edit(tmp_path):
    path = tmp_path / "references.bib"
    append_entries(path, [BibEntry("caporaso1992international", "article", CAPORASO)])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The Search for Foundations", "Search for Foundations"))
    entries, _ = read_bibliography(path)
    edited = entries["caporaso1992international"]
    assert fingerprint(edited.entry_type, edited.fields) == fingerprint("article", CAPORASO)


def test_append_creates_missing_file_and_appends_again(tmp_path):
    path = tmp_path / "references.bib"
    first = BibEntry("caporaso1992international", "article", CAPORASO)
    append_entries(path, [first])
    created = path.read_bytes()
    assert created == entry_to_bibtex(
        BibEntry(
            first.key,
            "article",
            {**CAPORASO, "glossator-fingerprint": fingerprint("article", CAPORASO)},
        )
    ).encode("utf-8")
    append_entries(path, [BibEntry("ruggie1992multilateralism", "article", RUGGIE)])
    data = path.read_bytes()
    assert data.startswith(created + b"\n@article{ruggie1992multilateralism,\n")
    entries, diagnostics = read_bibliography(path)
    assert diagnostics == []
    assert list(entries) == ["caporaso1992international", "ruggie1992multilateralism"]


def test_append_nothing_writes_nothing(tmp_path):
    path = tmp_path / "references.bib"
    append_entries(path, [])
    assert not path.exists()


def test_append_failure_leaves_file_untouched(tmp_path):
    path = write(tmp_path, BIB)
    with pytest.raises(ValueError):
        append_entries(path, [BibEntry("bad key", "misc", {"title": "T"})])
    assert path.read_text(encoding="utf-8") == BIB
    assert [p.name for p in tmp_path.iterdir()] == ["references.bib"]


def test_append_through_symlink_keeps_the_link(tmp_path):
    target = write(tmp_path, BIB, "real.bib")
    link = tmp_path / "references.bib"
    link.symlink_to(target)
    append_entries(link, [BibEntry("ruggie1992multilateralism", "article", RUGGIE)])
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith(BIB)


# --- keys ------------------------------------------------------------------------------


def test_unique_key():
    assert unique_key("smith2001", set()) == "smith2001"
    assert unique_key("smith2001", {"smith2001"}) == "smith2001a"
    assert unique_key("smith2001", {"smith2001", "smith2001a", "smith2001c"}) == "smith2001b"
    taken = {"k"} | {f"k{chr(c)}" for c in range(ord("a"), ord("z") + 1)}
    assert unique_key("k", taken) == "kaa"
