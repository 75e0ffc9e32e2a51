"""The command line on the real seeds: exit codes, what `build` writes and refuses to
touch, `import`, and `python -m glossator`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from glossator import __version__
from glossator.cli import main

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
ESSAYS = CONTENT / "essays"
SCHEMA = REPO / "src" / "glossator" / "model" / "document.schema.json"
SLUGS = ["russia-stance-on-syria", "us-russia-un-syria"]
PDF_SEED_TITLE = (
    "From Bilateral Bickering to Institutional Failure: "
    "US–Russia Relations and the United Nations in Syria"
)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def digests(folder: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files_of(folder).items()}


def front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    head, _, _ = markdown[4:].partition("\n---\n")
    return yaml.safe_load(head)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the seeds, shared by the read-only checks below."""
    out = tmp_path_factory.mktemp("site") / "out"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    return out


# --- usage errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        [],
        ["check", "--format", "xml"],
        ["build", "--no-such-option"],
        ["import"],
        ["import", "x.txt", "--reader", "pdf"],
    ],
)
def test_usage_error_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: glossator")
    assert "Traceback" not in err


def test_bad_format_value_names_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--format", "xml"])
    assert "argument --format: invalid choice: 'xml' (choose from" in capsys.readouterr().err


# --- build -------------------------------------------------------------------------


def test_build_of_the_seeds_writes_pages_and_documents(site):
    assert (site / "index.html").is_file()
    for slug in SLUGS:
        assert (site / "essays" / f"{slug}.html").is_file()
        assert (site / "api" / "documents" / f"{slug}.json").is_file()
    assert sorted(p.stem for p in (site / "api" / "documents").glob("*.json")) == SLUGS


def test_exported_documents_validate_against_the_schema(site):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    exported = sorted((site / "api").rglob("documents/*.json"))
    assert len(exported) == len(SLUGS)
    for path in exported:
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name
        assert data["slug"] == path.stem


def test_exported_titles_are_those_of_the_seeds(site):
    def title(slug: str) -> str:
        data = (site / "api" / "documents" / f"{slug}.json").read_text(encoding="utf-8")
        return json.loads(data)["title"]

    assert title("us-russia-un-syria") == PDF_SEED_TITLE  # from the sidecar
    assert title("russia-stance-on-syria") == "Unlikely Change in Russia’s Stance on Syria"


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert main(["build", "--content", str(CONTENT), "--out", str(again)]) == 0
    first, second = files_of(site), files_of(again)
    assert sorted(first) == sorted(second)
    for path in first:
        assert first[path] == second[path], path


def test_rebuild_into_its_own_output_replaces_it(tmp_path):
    """A page an older build wrote (an essay since removed) goes with the old site."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    out = tmp_path / "out"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    first = files_of(out)
    (content / "essays" / "russia-stance-on-syria.txt").unlink()
    (content / "essays" / "russia-stance-on-syria.yaml").unlink()
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    second = files_of(out)
    assert "essays/russia-stance-on-syria.html" in first
    assert not any("russia-stance-on-syria" in name for name in second)
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    assert files_of(out) == first


def test_rebuild_refuses_to_delete_a_file_the_user_put_in_the_site(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    (out / "notes-to-self.txt").write_text("deploy on Friday\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = files_of(out)

    code = main(["build", "--content", str(CONTENT), "--out", str(out)])

    assert code == 2
    assert files_of(out) == before
    err = capsys.readouterr().err
    assert "holds files glossator did not write (.git/, notes-to-self.txt)" in err
    assert "Traceback" not in err


def test_build_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"a year of work")
    (mine / "notes").mkdir()
    (mine / "notes" / "todo.txt").write_text("finish chapter 3\n")
    before = files_of(mine)

    code = main(["build", "--content", str(CONTENT), "--out", str(mine)])

    assert code == 2
    assert files_of(mine) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    err = capsys.readouterr().err
    assert "refusing to replace it" in err
    assert "Traceback" not in err


def test_build_refuses_a_file_as_output(tmp_path, capsys):
    target = tmp_path / "index.html"
    target.write_text("mine")
    assert main(["build", "--content", str(CONTENT), "--out", str(target)]) == 2
    assert target.read_text() == "mine"
    assert "exists and is not a folder" in capsys.readouterr().err


def test_build_into_an_empty_folder_is_allowed(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", "--content", str(CONTENT), "--out", str(empty)]) == 0
    assert (empty / "index.html").is_file()


def test_build_and_check_never_modify_the_content(tmp_path):
    before = digests(CONTENT)
    assert before  # the seeds are there
    assert main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "out")]) == 0
    assert main(["check", "--content", str(CONTENT)]) == 0
    assert digests(CONTENT) == before


def test_check_of_the_seeds_passes(capsys):
    assert main(["check", "--content", str(CONTENT)]) == 0
    assert " error: " not in capsys.readouterr().out


# --- import ------------------------------------------------------------------------


def test_import_of_the_pdf_seed_writes_markdown_with_footnotes(tmp_path, capsys):
    target = tmp_path / "tmp" / "x.md"  # `tmp/` does not exist yet: import makes it
    source = ESSAYS / "us-russia-un-syria.txt"

    assert main(["import", str(source), "-o", str(target)]) == 0

    markdown = target.read_text(encoding="utf-8")
    sidecar = yaml.safe_load((ESSAYS / "us-russia-un-syria.yaml").read_text(encoding="utf-8"))
    meta = front_matter(markdown)
    assert meta["title"] == sidecar["title"] == PDF_SEED_TITLE
    assert meta["date"] == "2016-12"
    assert "\n## Introduction\n" in markdown
    assert "to stop the war.”[^1]\n" in markdown
    assert "\n[^1]: Ki-Moon, Ban." in markdown
    assert capsys.readouterr().err == f"glossator import: wrote {target}\n"


def test_import_output_checks_clean_as_a_markdown_essay(tmp_path, monkeypatch, capsys):
    essays = tmp_path / "content" / "essays"
    essays.mkdir(parents=True)
    source = ESSAYS / "us-russia-un-syria.txt"
    assert main(["import", str(source), "-o", str(essays / "us-russia-un-syria.md")]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", "content"]) == 0
    assert " error: " not in capsys.readouterr().out


def test_import_refuses_to_overwrite_without_force(tmp_path, capsys):
    target = tmp_path / "x.md"
    target.write_text("my edits\n", encoding="utf-8")
    source = ESSAYS / "us-russia-un-syria.txt"

    assert main(["import", str(source), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "my edits\n"
    assert capsys.readouterr().err == (
        f"glossator import: {target} exists; choose another -o or pass --force\n"
    )

    assert main(["import", str(source), "-o", str(target), "--force"]) == 0
    assert front_matter(target.read_text(encoding="utf-8"))["title"] == PDF_SEED_TITLE


def test_import_of_the_blog_seed(tmp_path):
    target = tmp_path / "blog.md"
    assert main(["import", str(ESSAYS / "russia-stance-on-syria.txt"), "-o", str(target)]) == 0
    markdown = target.read_text(encoding="utf-8")
    meta = front_matter(markdown)
    assert meta["title"] == "Unlikely Change in Russia’s Stance on Syria"
    assert meta["authors"] == ["Ania Viver"]
    assert meta["date"] == "2012-07"
    assert meta["publication"] == "Foreign Policy Blogs"
    assert "\nAs Russia vetoed a Western-backed UN resolution" in markdown


def test_import_to_stdout_without_output(capsys):
    assert main(["import", str(ESSAYS / "us-russia-un-syria.txt")]) == 0
    out = capsys.readouterr().out
    assert front_matter(out)["title"] == PDF_SEED_TITLE


def test_import_without_sidecar_or_reader_is_a_usage_error(tmp_path, capsys):
    source = tmp_path / "orphan.txt"
    shutil.copyfile(ESSAYS / "us-russia-un-syria.txt", source)
    target = tmp_path / "orphan.md"

    assert main(["import", str(source), "-o", str(target)]) == 2
    assert not target.exists()
    assert capsys.readouterr().err == (
        f"glossator import: cannot tell the format of {source}; pass --reader pdf-text or "
        "--reader web-text, or add `orphan.yaml` with `format:`\n"
    )


def test_import_without_sidecar_with_reader(tmp_path):
    """`--reader` stands in for the sidecar's `format`; web text carries its own title."""
    source = tmp_path / "blog.txt"
    shutil.copyfile(ESSAYS / "russia-stance-on-syria.txt", source)
    target = tmp_path / "blog.md"
    assert main(["import", str(source), "--reader", "web-text", "-o", str(target)]) == 0
    meta = front_matter(target.read_text(encoding="utf-8"))
    assert meta["title"] == "Unlikely Change in Russia’s Stance on Syria"
    assert "date" not in meta  # the date came from the sidecar, which is not there


def test_import_onto_a_folder_is_refused_even_with_force(tmp_path, capsys):
    folder = tmp_path / "essay.md"
    folder.mkdir()
    source = str(ESSAYS / "us-russia-un-syria.txt")
    assert main(["import", source, "-o", str(folder), "--force"]) == 2
    err = capsys.readouterr().err
    assert err == f"glossator import: cannot write {folder}: Is a directory\n"
    assert list(folder.iterdir()) == []


def test_import_of_a_missing_file(tmp_path, capsys):
    missing = tmp_path / "nothing.txt"
    assert main(["import", str(missing)]) == 2
    assert capsys.readouterr().err == f"glossator import: {missing}: no such file\n"


# --- python -m glossator -----------------------------------------------------------


def test_python_dash_m_version():
    result = subprocess.run(
        [sys.executable, "-m", "glossator", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == f"glossator {__version__}\n"
    assert result.stderr == ""


def test_import_of_a_source_without_a_title_says_to_add_one(tmp_path, capsys):
    source = tmp_path / "paper.txt"
    shutil.copyfile(ESSAYS / "us-russia-un-syria.txt", source)
    target = tmp_path / "paper.md"
    assert main(["import", str(source), "--reader", "pdf-text", "-o", str(target)]) == 0
    assert capsys.readouterr().err == (
        f"glossator import: wrote {target}\n"
        "glossator import: the source has no title; add `title: ...` to the front matter of "
        f"{target} before building\n"
    )
