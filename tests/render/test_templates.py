"""Where templates come from (templating.py): the package's own set, found through
importlib.resources, and a site's `templates/` folder beside `content/`, whose templates
and static files replace the built-in ones; a broken template is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.cli import main
from glossator.pipeline import build as build_site
from glossator.render import TEMPLATES_DIR
from glossator.render.templating import builtin_templates, search_path, site_templates

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A new site (glossator init) with an empty templates/ folder of its own."""
    assert main(["init", str(tmp_path / "site")]) == 0
    (tmp_path / "site" / "templates" / "static").mkdir(parents=True)
    capsys.readouterr()
    return tmp_path / "site"


def build(site: Path) -> int:
    return main(["build", "--content", str(site / "content"), "--out", str(site / "_site")])


def test_the_builtin_templates_are_the_repository_folder_in_an_editable_install():
    assert builtin_templates() == TEMPLATES_DIR
    assert TEMPLATES_DIR.resolve() == (REPO / "templates").resolve()
    assert (TEMPLATES_DIR / "essay.html").is_file()
    assert (TEMPLATES_DIR / "static" / "style.css").is_file()


def test_the_repository_site_uses_the_builtin_set_once():
    # The repository's own templates/ sits beside content/: it *is* the built-in set.
    assert site_templates(REPO / "content") == (REPO / "templates").resolve()
    assert search_path(REPO / "content", TEMPLATES_DIR) == [TEMPLATES_DIR]


def test_a_site_without_templates_uses_the_builtin_set(tmp_path):
    assert search_path(tmp_path / "content", TEMPLATES_DIR) == [TEMPLATES_DIR]


def test_a_site_template_replaces_the_builtin_one(site):
    (site / "templates" / "about.html").write_text(
        '{% extends "base.html" %}\n{% block main %}<p>Our own about page.</p>{% endblock %}\n',
        encoding="utf-8",
    )
    assert build(site) == 0
    about = (site / "_site" / "about.html").read_text(encoding="utf-8")
    assert "<p>Our own about page.</p>" in about
    assert "<title>" in about  # still the built-in base.html around it
    essay = (site / "_site" / "essays" / "reading-in-the-margins.html").read_text("utf-8")
    assert "Our own about page." not in essay


def test_a_site_base_template_applies_to_every_builtin_page(site):
    base = (TEMPLATES_DIR / "base.html").read_text(encoding="utf-8")
    assert "</body>" in base
    (site / "templates" / "base.html").write_text(
        base.replace("</body>", "<p>site footer</p>\n</body>"), encoding="utf-8"
    )
    assert build(site) == 0
    for page in ("index.html", "essays/reading-in-the-margins.html", "bibliography.html"):
        assert "<p>site footer</p>" in (site / "_site" / page).read_text(encoding="utf-8")


def test_site_static_files_replace_and_add_to_the_builtin_ones(site):
    (site / "templates" / "static" / "style.css").write_text("/* ours */\n", encoding="utf-8")
    (site / "templates" / "static" / "extra.js").write_text("// added\n", encoding="utf-8")
    assert build(site) == 0
    static = site / "_site" / "static"
    assert (static / "style.css").read_text(encoding="utf-8") == "/* ours */\n"
    assert (static / "extra.js").read_text(encoding="utf-8") == "// added\n"
    assert (static / "notes.js").read_bytes() == (
        TEMPLATES_DIR / "static" / "notes.js"
    ).read_bytes()


@pytest.mark.parametrize(
    ("template", "where", "code"),
    [
        ("{% extends 'base.html' %}\n\n{% block main %}{% if %}{% endblock %}\n", ":3:", "syntax"),
        (
            "{% extends 'base.html' %}\n{% block main %}{{ no_such }}{% endblock %}\n",
            ":2:",
            "render",
        ),
        (
            "{% extends 'base.html' %}\n{% block main %}{% include 'gone.html' %}{% endblock %}\n",
            ":2:",
            "missing",
        ),
    ],
)
def test_a_broken_site_template_fails_the_build_naming_its_line(
    site, capsys, template, where, code
):
    (site / "templates" / "about.html").write_text(template, encoding="utf-8")
    assert build(site) == 1
    err = capsys.readouterr().err
    problem = err.splitlines()[0]
    assert problem.startswith(str(site / "templates" / "about.html") + where), problem
    assert ": error: " in problem and problem.endswith(f"[template.{code}]")
    assert "None" not in err and "Traceback" not in err
    assert "build failed" in err
    assert not (site / "_site").exists()


def test_missing_builtin_templates_say_which_and_where(tmp_path, capsys):
    """What an install without its templates saw as "cannot write the site: None"."""
    assert main(["init", str(tmp_path / "site")]) == 0
    empty = tmp_path / "no-templates"
    empty.mkdir()
    result = build_site(tmp_path / "site" / "content", tmp_path / "out", templates_dir=empty)
    assert not result.ok
    [problem] = [d for d in result.diagnostics if d.code == "template.missing"]
    assert "template `index.html` not found" in problem.message
    assert str(empty) in problem.message
    assert not (tmp_path / "out").exists()
