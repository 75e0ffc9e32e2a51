"""The package as a user gets it: the wheel built from a copy of the checkout, installed
with pip into a fresh venv, and every command run from a folder outside the checkout.

The editable install used everywhere else finds files in the checkout that a wheel may
lack (the templates once were), so only this test sees what `pip install` delivers. It
takes some seconds: pip builds the wheel and installs its dependencies from the index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ESSAY = "reading-in-the-margins"
# Not part of the source: left out of the copy the wheel is built from.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "_site",
    "test-artifacts",
    "build",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
)

pytestmark = pytest.mark.slow


def run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command with nothing pointing Python at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "glossator"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=dist)
    [built] = dist.glob("glossator-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel and its dependencies, and nothing of the checkout."""
    folder = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", folder, cwd=folder.parent)
    run(folder / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=folder.parent)
    return folder


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's working folder, outside the checkout."""
    return tmp_path_factory.mktemp("work")


def glossator(venv: Path, *argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(venv / "bin" / "glossator", *argv, cwd=cwd)


def test_the_wheel_holds_every_module_template_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    src = REPO / "src"
    expected = {
        p.relative_to(src).as_posix()
        for p in src.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
    }
    expected |= {
        "glossator/templates/" + p.relative_to(REPO / "templates").as_posix()
        for p in (REPO / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "glossator/model/document.schema.json" in expected
    assert "glossator/templates/static/style.css" in expected
    assert f"glossator/scaffold/content/essays/{ESSAY}.md" in expected
    missing = sorted(expected - names)
    assert missing == [], "add the missing packages or data to pyproject.toml [tool.setuptools]"


def test_the_installed_package_is_the_wheel_not_the_checkout(venv, work):
    where = run(
        venv / "bin" / "python", "-c", "import glossator; print(glossator.__file__)", cwd=work
    )
    path = Path(where.stdout.strip())
    assert path.is_relative_to(venv), path
    assert not path.is_relative_to(REPO)
    templates = run(
        venv / "bin" / "python",
        "-c",
        "from glossator.render import TEMPLATES_DIR; print(TEMPLATES_DIR)",
        cwd=work,
    )
    assert Path(templates.stdout.strip()).is_relative_to(venv)


def test_three_commands_from_install_to_a_site(venv, work):
    """pip install (the fixture), glossator init, glossator build: a site with its pages."""
    out = glossator(venv, "init", "my-site", cwd=work).stdout
    assert "cd my-site" in out and "glossator build" in out
    site = work / "my-site"
    glossator(venv, "build", "--strict", cwd=site)
    built = site / "_site"
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "Reading in the Margins" in index
    essay = (built / "essays" / f"{ESSAY}.html").read_text(encoding="utf-8")
    assert "Reading in the Margins" in essay
    assert essay.count('class="sidenote"') == 6
    assert "Jackson" in essay and "Marginalia" in essay
    assert (built / "static" / "style.css").read_bytes() == (
        REPO / "templates" / "static" / "style.css"
    ).read_bytes()
    assert (built / "static" / "notes.js").is_file()
    assert (built / "sources" / "grafton1997footnote.html").is_file()
    assert (built / "api" / "documents" / f"{ESSAY}.json").is_file()


def test_a_site_template_overrides_the_installed_one(venv, work):
    glossator(venv, "init", "themed", cwd=work)
    site = work / "themed"
    (site / "templates" / "static").mkdir(parents=True)
    (site / "templates" / "about.html").write_text(
        '{% extends "base.html" %}\n{% block main %}<p>Installed, overridden.</p>{% endblock %}\n',
        encoding="utf-8",
    )
    (site / "templates" / "static" / "style.css").write_text("/* site */\n", encoding="utf-8")
    glossator(venv, "build", cwd=site)
    about = (site / "_site" / "about.html").read_text(encoding="utf-8")
    assert "<p>Installed, overridden.</p>" in about
    assert (site / "_site" / "static" / "style.css").read_text(encoding="utf-8") == "/* site */\n"


def test_check_bib_and_import_run_installed(venv, work):
    glossator(venv, "init", "other", cwd=work)
    site = work / "other"
    glossator(venv, "check", "--strict", cwd=site)
    bib = glossator(venv, "bib", cwd=site)
    assert "added 0 entries" in bib.stdout + bib.stderr
    raw = work / "raw"
    raw.mkdir()
    for name in ("russia-stance-on-syria.txt", "russia-stance-on-syria.yaml"):
        shutil.copy(REPO / "content" / "essays" / name, raw / name)
    glossator(venv, "import", raw / "russia-stance-on-syria.txt", "-o", raw / "out.md", cwd=work)
    markdown = (raw / "out.md").read_text(encoding="utf-8")
    head = yaml.safe_load(markdown[4:].partition("\n---\n")[0])
    assert head["title"] == "Unlikely Change in Russia’s Stance on Syria"
    version = run(venv / "bin" / "python", "-m", "glossator", "--version", cwd=work)
    assert version.stdout.startswith("glossator ")


def test_the_installed_package_builds_the_seeds_as_the_checkout_does(venv, work, site):
    """The same bytes as the editable build (conftest's `site`) with no templates/ beside
    the content: so every template and static file came from the wheel."""
    seeds = work / "seeds"
    shutil.copytree(REPO / "content", seeds / "content")
    glossator(venv, "build", cwd=seeds)

    def files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    installed, editable = files(seeds / "_site"), files(site)
    assert sorted(installed) == sorted(editable)
    assert [p for p in installed if installed[p] != editable[p]] == []
