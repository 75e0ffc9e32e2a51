"""What a maintainer reads after a build or a check (issue 15): causes before their
consequences, a summary line, notes (info) only when asked for, an empty content
folder and a missing sidecar said plainly."""

from __future__ import annotations

from pathlib import Path

from glossator import cli
from glossator.diagnostics import error, info, sort_diagnostics, summary, warning

NOTE = (
    "[^1]: Anthony Grafton, *The Footnote: A Curious History* (Cambridge, MA: Harvard "
    "University Press, 1997), 24.\n"
)
ESSAY = "---\ntitle: T\n---\n\nText.[^1]\n\n" + NOTE


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "content"


def test_causes_come_before_consequences():
    essay = error("content/essays/a.md", 3, "cite.unknown-key", "`@x` is not in references.bib")
    bib = error("content/references.bib", 9, "bib.invalid", "entry cannot be read")
    site = warning("content/site.yaml", 2, "site.unknown-field", "unknown setting")
    sidecar = warning("content/essays/b.yaml", 1, "meta.x", "m")
    source = warning("content/essays/b.txt", 4, "note.x", "m")
    ordered = sort_diagnostics([essay, source, sidecar, bib, site])
    assert ordered == [site, bib, essay, source, sidecar]


def test_check_lists_problems_then_a_summary_and_notes_only_when_verbose(tmp_path, capsys):
    content = content_with(tmp_path, {"essays/a.md": ESSAY + "\nSee [@nokey].\n"})
    assert cli.main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr()
    listed = out.out.splitlines()
    assert [line.rsplit("[", 1)[1] for line in listed] == ["cite.unknown-key]"]
    assert out.err.splitlines() == [
        "glossator check: 1 error, 0 warnings, 1 note; 1 work is cited as read from the "
        "notes, not yet from references.bib; `glossator bib` adds them there for you to check"
    ]
    assert cli.main(["check", "--content", str(content), "--verbose"]) == 1
    out = capsys.readouterr()
    assert [line.rsplit("[", 1)[1] for line in out.out.splitlines()] == [
        "bib.uncurated]",  # at the note (line 7), before the citation (line 9)
        "cite.unknown-key]",
    ]
    assert out.err.splitlines() == ["glossator check: 1 error, 0 warnings, 1 note"]


def test_build_says_once_what_the_uncurated_works_add_up_to(tmp_path, capsys):
    content = content_with(tmp_path, {"essays/a.md": ESSAY})
    assert cli.main(["build", "--content", str(content), "--out", str(tmp_path / "s")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "glossator: 1 work is cited as read from the notes, not yet from references.bib; "
        "`glossator bib` adds them there for you to check; `glossator check --verbose` lists "
        "them"
    )
    assert err[1].startswith("glossator: wrote ")


def test_an_empty_content_folder_is_a_warning(tmp_path, capsys):
    (tmp_path / "content" / "essays").mkdir(parents=True)
    assert cli.main(["check", "--content", str(tmp_path / "content")]) == 0
    out = capsys.readouterr().out
    assert out.endswith("[content.empty]\n") and ":1: warning: no essays to publish" in out
    assert cli.main(["check", "--content", str(tmp_path / "content"), "--strict"]) == 1


def test_summary_counts_each_severity_once():
    diags = [error("a", 1, "x", "m"), warning("a", 2, "y", "m"), info("a", 3, "z", "m")]
    assert summary(diags + diags[:1]) == "1 error, 1 warning, 1 note"
    assert summary([warning("a", 1, "x", "m"), warning("a", 2, "x", "m")]) == (
        "0 errors, 2 warnings, 0 notes"
    )


def test_an_unknown_key_suggests_the_closest_ones(tmp_path, capsys):
    bib = (
        "@book{grafton1997footnote,\n  author = {Grafton, Anthony},\n"
        "  title = {The Footnote},\n  year = {1997}\n}\n"
        "@book{kagan2003paradise,\n  author = {Kagan, Robert},\n"
        "  title = {Of Paradise and Power},\n  year = {2003}\n}\n"
    )
    essay = '---\ntitle: T\nnocite: ["@kagan2003paradis"]\n---\n\nAs shown [@grafon1997footnote].\n'
    content = content_with(tmp_path, {"essays/a.md": essay, "references.bib": bib})
    assert cli.main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "fix the key (did you mean `@grafton1997footnote`?) [cite.unknown-key]" in out
    assert "fix the key (did you mean `@kagan2003paradise`?) [nocite.unknown-key]" in out
    content_with(tmp_path, {"essays/a.md": essay.replace("grafon1997footnote", "zzz")})
    assert cli.main(["check", "--content", str(content)]) == 1
    assert "`@zzz` is not in" in (out := capsys.readouterr().out) and "did you mean `@zz" not in out
