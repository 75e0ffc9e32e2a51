"""What a real-world `.bib` file gets wrong is reported and the build goes on: duplicate
keys (a warning naming both lines, first entry wins, `--strict` fails) and @string
chains that would expand without bound."""

from __future__ import annotations

import shutil
from pathlib import Path

from glossator.bibliography import read_bibliography
from glossator.cli import main

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "good"

DUPLICATED = """@book{grafton1997,
  author = {Grafton, Anthony}, title = {The Footnote}, year = {1997}}

@book{grafton1997,
  author = {Grafton, Anthony}, title = {Die tragischen Ursprünge der deutschen Fußnote},
  year = {1995}}
"""


def test_duplicate_key_warns_first_wins_and_strict_fails(tmp_path, monkeypatch, capsys):
    shutil.copytree(GOOD, tmp_path / "site-src")
    (tmp_path / "site-src" / "references.bib").write_text(DUPLICATED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    warning = (
        "site-src/references.bib:4: warning: duplicate key 'grafton1997': the entry at line 1 "
        "already uses it and wins (as in BibTeX and biber); rename or merge one of them "
        "[bib.duplicate-key]\n"
    )
    assert main(["check", "--content", "site-src"]) == 0
    assert warning in capsys.readouterr().out
    assert main(["check", "--content", "site-src", "--strict"]) == 1
    assert warning in capsys.readouterr().out
    assert main(["build", "--content", "site-src", "--out", "out", "--strict"]) == 1
    assert not (tmp_path / "out").exists()
    assert main(["build", "--content", "site-src", "--out", "out"]) == 0
    entries, _ = read_bibliography(tmp_path / "site-src" / "references.bib")
    assert entries["grafton1997"].fields["title"] == "The Footnote"


def test_string_chain_past_the_bound_is_an_error_at_its_line(tmp_path):
    lines = ['@string{a0 = "0123456789"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1} # a{i - 1}}}" for i in range(1, 40)]
    lines += ["@misc{k, title = a39, note = {kept}}", "@misc{j, title = a3}"]
    path = tmp_path / "references.bib"
    path.write_text("\n".join(lines), encoding="utf-8")
    entries, diagnostics = read_bibliography(path)
    assert [str(d) for d in diagnostics] == [
        f"{path}:10: error: @string 'a9' expands to more than 100,000 characters "
        "(@strings joined to themselves with `#` multiply at each step); "
        "shorten the chain of @strings "
        "[bib.string-too-long]",
        f"{path}:41: error: field 'title' expands to more than 100,000 characters; shorten "
        "the @strings it joins with `#` [bib.string-too-long]",
    ]
    assert entries["k"].fields == {"note": "kept"}
    assert len(entries["j"].fields["title"]) == 10 * 3**3
