"""`glossator init DIR`: the scaffold it writes, that it builds cleanly with the default
paths from inside DIR, and that it never touches a folder that already has files."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.commands.init import scaffold_files
from glossator.config import SiteConfig
from glossator.pipeline import plan

ESSAY = "reading-in-the-margins"
SCAFFOLD = [
    f"content/essays/{ESSAY}.md",
    "content/references.bib",
    "content/site.yaml",
]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def new_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    target = tmp_path / "sites" / "my-site"  # neither it nor its parent exists yet
    assert main(["init", str(target)]) == 0
    capsys.readouterr()
    return target


def test_init_writes_the_scaffold_and_says_what_to_run_next(tmp_path, capsys):
    target = tmp_path / "my site"
    assert main(["init", str(target)]) == 0
    assert files_in(target) == SCAFFOLD
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines()]
    assert f"cd '{target}'" in lines  # quoted: the name has a space
    assert "glossator build" in lines
    assert "_site/index.html" in out


def test_init_copies_the_package_data_byte_for_byte(new_site):
    assert files_in(new_site) == list(scaffold_files())
    for relative, data in scaffold_files().items():
        assert (new_site / relative).read_bytes() == data


def test_init_accepts_an_empty_folder(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    assert files_in(tmp_path) == SCAFFOLD


def test_init_refuses_a_folder_with_files_and_leaves_it_alone(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert files_in(tmp_path) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    err = capsys.readouterr().err
    assert f"glossator: {tmp_path} is not empty" in err
    assert "Traceback" not in err


def test_init_refuses_a_folder_holding_only_an_empty_folder(tmp_path):
    (tmp_path / "content").mkdir()
    assert main(["init", str(tmp_path)]) == 2
    assert list(tmp_path.rglob("*")) == [tmp_path / "content"]


def test_init_refuses_a_file(tmp_path, capsys):
    target = tmp_path / "site.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["init", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "x"
    assert "is a file" in capsys.readouterr().err


def test_init_without_a_folder_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["init"])
    assert exit_info.value.code == 2
    assert "DIR" in capsys.readouterr().err


def test_the_new_site_builds_strictly_with_the_default_paths(new_site, monkeypatch, capsys):
    monkeypatch.chdir(new_site)
    assert main(["build", "--strict"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("glossator: wrote ") and err.count("\n") == 1  # nothing else said
    site = new_site / "_site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Reading in the Margins" in index
    assert "My Glossator Site" in index
    essay = (site / "essays" / f"{ESSAY}.html").read_text(encoding="utf-8")
    assert "<h1" in essay and "Reading in the Margins" in essay
    assert essay.count('class="sidenote"') == 6
    assert (site / "static" / "style.css").is_file()
    for key in ("grafton1997footnote", "jackson2001marginalia", "blair2004notetaking"):
        assert (site / "sources" / f"{key}.html").is_file()


def test_the_new_site_checks_with_nothing_to_report(new_site, monkeypatch, capsys):
    monkeypatch.chdir(new_site)
    assert main(["check", "--strict"]) == 0
    assert capsys.readouterr().out == ""  # not even a work left uncurated


def test_the_example_essay_shows_each_way_of_citing(new_site):
    result = plan(new_site / "content")
    assert result.diagnostics == []
    doc = next(d for d in result.linked.documents if d.slug == ESSAY)
    notes = {n.number: n for n in doc.notes}
    assert notes[1].text.startswith("H. J. Jackson, Marginalia")  # a full book note
    assert (notes[2].text, notes[2].sources) == ("Ibid.", ["jackson2001marginalia"])
    assert notes[3].sources == []  # a discursive note cites nothing
    assert notes[4].sources == ["blair2004notetaking"]  # an article, matched to the .bib
    assert (notes[5].text, notes[5].sources) == ("Jackson, Marginalia.", notes[1].sources)
    assert notes[6].sources == ["grafton1997footnote"]  # [@grafton1997footnote] in the body
    assert "Grafton" in notes[6].text and "Footnote" in notes[6].text


def test_site_yaml_explains_every_setting():
    text = scaffold_files()["content/site.yaml"].decode("utf-8")
    for field in dataclasses.fields(SiteConfig):
        assert re.search(rf"^(# )?{field.name}:", text, re.MULTILINE), field.name
