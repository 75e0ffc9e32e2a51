"""Broken content is reported, never crashed on, and never published.

Each case under `tests/fixtures/bad/<case>/essays/` holds one kind of mistake. The
pdf-text sources follow the seed's layout: body lines end in a space, a marker stands
at the end of its line after a double space, a blank line, then the page's notes
(each starting with a space and ending with its number, blank lines between them),
then the next page's first line, which starts with a space.

The expected diagnostics below were written from the fixture files by hand: the
line numbers are the lines of the marker, note or YAML key at fault.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.incremental.inputs import CACHE_NAME  # the build cache, beside the output

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"

SIDECAR_MISSING = (
    "error: raw source has no metadata file; create `{name}.yaml` with `format: web-text` "
    "(a page: its title is read from the text), or `format: pdf-text` and a `title` "
    "[meta.sidecar-missing]"
)

EXPECTED = {
    # Markers 1, 2 and 3, but only notes 1 and 3: marker 2 (line 7) has no note.
    "missing-note": (
        "missing-note/essays/ledgers.txt:7: error: marker 2 has no note; add a note ending "
        "with 2 to the notes at the foot of the page, or remove the marker [note.missing]\n"
    ),
    # One marker; the page's second note (line 11) is cited nowhere.
    "unreferenced-note": (
        "unreferenced-note/essays/ledgers.txt:11: error: note 2 has no marker in the text; "
        "put 2 at the end of the line that cites it (a double space where it stands), or "
        "remove the note [note.unreferenced]\n"
    ),
    # Notes 1 (line 9), 1 again (line 11) and 2.
    "duplicate-note": (
        "duplicate-note/essays/ledgers.txt:11: error: note 1 is defined twice (first at "
        "line 9); renumber the notes so each number is used once [note.duplicate]\n"
    ),
    # Markers 1 (line 4), 1 again (line 7) and 2.
    "duplicate-marker": (
        "duplicate-marker/essays/ledgers.txt:7: error: marker 1 appears twice (first at "
        "line 4); renumber the markers so each number is used once [marker.duplicate]\n"
    ),
    # Markers and notes 1, 2 and 4; marker 4 is on line 13.
    "skipped-number": (
        "skipped-number/essays/ledgers.txt:13: error: note numbers skip 3 (the next is 4); "
        "renumber markers and notes consecutively from 1 [note.skipped]\n"
    ),
    # `format: pdf` on line 2 of the sidecar.
    "unknown-format": (
        "unknown-format/essays/ledgers.yaml:2: error: unknown format `pdf`; use `pdf-text` "
        "or `web-text` [meta.format]\n"
    ),
    # `title: The Ledgers: A Study` on line 3: a second `: ` in a plain scalar.
    "invalid-yaml": (
        "invalid-yaml/essays/ledgers.yaml:3: error: invalid YAML: mapping values are not "
        "allowed here; fix the syntax [yaml.invalid]\n"
    ),
    # A sidecar with a title and no format.
    "missing-format": (
        "missing-format/essays/ledgers.yaml:1: error: required field `format` is missing; "
        "add `format: pdf-text` or `format: web-text` [meta.missing]\n"
    ),
    # A pdf-text sidecar with no title (the pdf-text source never supplies one).
    "missing-title": (
        "missing-title/essays/ledgers.yaml:1: error: required field `title` is missing and "
        "the source has none; add `title: ...` and list it under `editorial` [meta.missing]\n"
    ),
    "no-sidecar": "no-sidecar/essays/ledgers.txt:1: "
    + SIDECAR_MISSING.format(name="ledgers")
    + "\n",
    # `[^margin]` in the paragraph starting on line 8 has no definition.
    "undefined-footnote": (
        "undefined-footnote/essays/marginalia.md:8: error: footnote `[^margin]` is "
        "referenced but never defined; add a line `[^margin]: ...` with the note, or remove "
        "the reference [note.missing]\n"
    ),
    # Several files and problems: sorted by path, then line; a warning among the errors.
    "several": (
        "several/essays/accounts.txt:1: " + SIDECAR_MISSING.format(name="accounts") + "\n"
        "several/essays/ledgers.txt:7: error: marker 2 has no note; add a note ending with 2 "
        "to the notes at the foot of the page, or remove the marker [note.missing]\n"
        "several/essays/ledgers.txt:11: error: note numbers skip 3 (the next is 4); renumber "
        "markers and notes consecutively from 1 [note.skipped]\n"
        "several/essays/ledgers.yaml:3: warning: unknown field `subtitle` is ignored; known "
        "fields: author, author_bio, authors, date, editorial, format, image_credit, "
        "publication, title [meta.unknown-field]\n"
    ),
}

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?P<severity>\w+): (?P<message>.*) \[(?P<code>[\w.-]+)\]$"
)


def as_records(text: str) -> list[dict]:
    """The hand-written text lines as the records `--format json` lists."""
    records = []
    for line in text.splitlines():
        match = LINE.match(line)
        assert match, line
        record = match.groupdict()
        record["line"] = int(record["line"])
        records.append({k: record[k] for k in ("path", "line", "severity", "code", "message")})
    return records


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of every fixture folder, with the working directory inside it."""
    shutil.copytree(BAD, tmp_path / "bad")
    monkeypatch.chdir(tmp_path / "bad")
    return tmp_path / "bad"


def test_every_case_has_a_fixture_folder():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_reports_each_problem_as_text(case, workdir, capsys):
    code = main(["check", "--content", case])
    out, err = capsys.readouterr()
    assert out == EXPECTED[case]
    assert code == 1
    assert "Traceback" not in out + err


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_reports_the_same_problems_as_json(case, workdir, capsys):
    code = main(["check", "--content", case, "--format", "json"])
    out, err = capsys.readouterr()
    assert json.loads(out) == {"diagnostics": as_records(EXPECTED[case])}
    assert code == 1
    assert "Traceback" not in out + err


def test_json_record_of_one_case_in_full(workdir, capsys):
    main(["check", "--content", "skipped-number", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == {
        "diagnostics": [
            {
                "path": "skipped-number/essays/ledgers.txt",
                "line": 13,
                "severity": "error",
                "code": "note.skipped",
                "message": "note numbers skip 3 (the next is 4); renumber markers and notes "
                "consecutively from 1",
            }
        ]
    }


def test_paths_are_shown_relative_to_the_working_directory(workdir, monkeypatch, capsys):
    monkeypatch.chdir(workdir / "no-sidecar")
    assert main(["check", "--content", "."]) == 1
    assert capsys.readouterr().out == (
        "essays/ledgers.txt:1: " + SIDECAR_MISSING.format(name="ledgers") + "\n"
    )


def test_the_good_fixture_is_clean(tmp_path, monkeypatch, capsys):
    """The pages the bad cases were cut from check clean, so each case has one fault."""
    shutil.copytree(GOOD, tmp_path / "good")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "good"]) == 0
    assert capsys.readouterr().out == ""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_build_of_broken_content_keeps_the_previous_site(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(GOOD, tmp_path / case)
    assert main(["build", "--content", case, "--out", "site"]) == 0
    before = snapshot(tmp_path / "site")
    assert "essays/ledgers.html" in before
    neighbours = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()

    shutil.rmtree(tmp_path / case / "essays")
    shutil.copytree(BAD / case / "essays", tmp_path / case / "essays")
    code = main(["build", "--content", case, "--out", "site"])
    out, err = capsys.readouterr()

    assert code == 1
    assert err == EXPECTED[case] + "glossator: build failed; site was left as it was\n"
    assert "Traceback" not in out + err
    assert snapshot(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == neighbours  # no half-written folder


def test_build_of_broken_content_creates_no_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(BAD / "missing-note", tmp_path / "missing-note")
    assert main(["build", "--content", "missing-note", "--out", "site"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["missing-note"]
    assert capsys.readouterr().err == (
        EXPECTED["missing-note"] + "glossator: build failed; site was left as it was\n"
    )


def test_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "nowhere"]) == 1
    assert capsys.readouterr().out == (
        "nowhere:1: error: content folder not found; create it or pass --content DIR "
        "[content.missing]\n"
    )


def test_file_that_is_not_utf8_is_reported_at_its_line(tmp_path, monkeypatch, capsys):
    shutil.copytree(GOOD, tmp_path / "latin")
    source = tmp_path / "latin" / "essays" / "ledgers.txt"
    lines = source.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Venice", b"Venezia \xe0 la")  # Latin-1 `à` on line 3
    source.write_bytes(b"\n".join(lines))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "latin"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "latin/essays/ledgers.txt:3: error: file is not UTF-8; save it as UTF-8 [file.encoding]\n"
    )
    assert "Traceback" not in out + err


def test_invalid_front_matter_is_reported_at_its_line_in_the_file(tmp_path, monkeypatch, capsys):
    essays = tmp_path / "fm" / "essays"
    essays.mkdir(parents=True)
    (essays / "margins.md").write_text(
        "---\ntitle: Margins\ndate: 2024-01-01\nauthor: Ann: Roe\n---\n\nA paragraph.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "fm"]) == 1
    assert capsys.readouterr().out == (
        "fm/essays/margins.md:4: error: invalid YAML: mapping values are not allowed here; "
        "fix the syntax [yaml.invalid]\n"
    )


def test_warnings_fail_only_with_strict(tmp_path, monkeypatch, capsys):
    shutil.copytree(GOOD, tmp_path / "warned")
    sidecar = tmp_path / "warned" / "essays" / "ledgers.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "subtitle: Accounts\n")
    monkeypatch.chdir(tmp_path)
    expected = (
        "warned/essays/ledgers.yaml:3: warning: unknown field `subtitle` is ignored; known "
        "fields: author, author_bio, authors, date, editorial, format, image_credit, "
        "publication, title [meta.unknown-field]\n"
    )
    assert main(["check", "--content", "warned"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["check", "--content", "warned", "--strict"]) == 1
    assert capsys.readouterr().out == expected
    assert main(["build", "--content", "warned", "--out", "site", "--strict"]) == 1
    assert not (tmp_path / "site").exists()
    assert main(["build", "--content", "warned", "--out", "site"]) == 0
    assert (tmp_path / "site" / "essays" / "ledgers.html").is_file()


@pytest.mark.parametrize(
    "fails, options",
    [
        ("glossator.write.swap.exchange", ["--no-cache"]),  # the whole site swapped in
        ("glossator.write.staging.write_files", []),  # an edit, published in place
    ],
)
def test_a_failed_swap_puts_the_previous_site_back(fails, options, tmp_path, monkeypatch, capsys):
    """Even when the final rename of a good build fails, or writing its files does,
    `site/` stays as it was."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(GOOD, tmp_path / "content")
    assert main(["build", "--content", "content", "--out", "site"]) == 0
    before = snapshot(tmp_path / "site")
    (tmp_path / "content" / "essays" / "ledgers.yaml").write_text(
        "format: pdf-text\ntitle: The Ledgers Revised\n", encoding="utf-8"
    )

    def no_space(*args: Path):
        assert any(".site.new-" in str(a) for a in args)  # writing the staging folder
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fails, no_space)
    assert main(["build", "--content", "content", "--out", "site", *options]) == 1
    monkeypatch.undo()
    assert "cannot write the site: No space left on device" in capsys.readouterr().err
    assert snapshot(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != CACHE_NAME) == ["content", "site"]
