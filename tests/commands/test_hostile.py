"""Hostile and careless content (issue 14): each case a clear `path:line` message or a
safe reading, never a traceback, a hang, silent damage or a leak into the pages.

Every essay here is written for its case; the expectations come from the case (the
line of the key at fault, the text as the author wrote it), not from the code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossator import cli
from glossator.commands import bib as bib_command
from glossator.config import parse_site_config
from glossator.diagnostics import error, shown
from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.yamlmap import load_yaml_mapping

ESSAY = "---\ntitle: {title}\ndate: 2024-05-01\n---\n\nA paragraph of the essay.\n"


def site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    content = tmp_path / "content"
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return content


def check(content: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["check", "--content", str(content)])
    out = capsys.readouterr()
    return code, [line for line in (out.out + out.err).splitlines() if line]


def build(content: Path, capsys) -> tuple[int, Path]:
    out = content.parent / "site"
    code = cli.main(["build", "--content", str(content), "--out", str(out)])
    capsys.readouterr()
    return code, out


# --- site.yaml: base_url ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "javascript:alert(1)", "example.org/essays", "//example.org", "https://h:x"],
)
def test_a_base_url_that_is_not_an_http_address_is_an_error_at_its_line(url):
    config, diags = parse_site_config(f"title: T\nbase_url: '{url}'\n", "site.yaml")
    assert [(d.line, d.severity, d.code) for d in diags] == [(2, "error", "site.base-url")]
    assert config.base_url == ""  # never used


def test_a_good_base_url_is_kept_without_its_final_slash():
    config, diags = parse_site_config("base_url: https://example.org/essays/\n", "site.yaml")
    assert (config.base_url, diags) == ("https://example.org/essays", [])


def test_javascript_base_url_fails_the_build_and_publishes_nothing(tmp_path, capsys):
    content = site(
        tmp_path,
        {"site.yaml": "base_url: javascript:alert(1)\n", "essays/a.md": ESSAY.format(title="A")},
    )
    code, out = build(content, capsys)
    assert code == 1 and not out.exists()


# --- YAML -----------------------------------------------------------------------------


def test_yaml_text_stays_as_written_yaml_1_1_coercion_is_gone():
    mapping, diags = load_yaml_mapping(
        "title: No\nversion: 1.10\ncode: 0x1F\nwhen: 2021-03-21\nflag: true\nother: yes\nempty:\n",
        "f.yaml",
    )
    assert diags == []
    assert mapping.values == {
        "title": "No",
        "version": "1.10",
        "code": "0x1F",
        "when": "2021-03-21",
        "flag": True,
        "other": "yes",
        "empty": None,
    }


def test_a_number_of_5000_digits_is_text_not_a_traceback():
    mapping, diags = load_yaml_mapping("title: " + "7" * 5000 + "\n", "f.yaml")
    assert diags == [] and mapping.values["title"] == "7" * 5000
    mapping, diags = load_yaml_mapping("n: !!int " + "7" * 5000 + "\n", "f.yaml")
    assert mapping is None and [d.code for d in diags] == ["yaml.invalid"]


def test_an_alias_bomb_is_refused_at_its_line_in_a_short_message(tmp_path, capsys):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    bomb += "format: *i\n"
    content = site(tmp_path, {"essays/a.txt": "Body text.\n", "essays/a.yaml": bomb})
    code, lines = check(content, capsys)
    assert code == 1
    alias = [line for line in lines if "[yaml.alias]" in line]
    assert alias and alias[0].startswith(str(Path(content, "essays/a.yaml")) + ":2: error:")
    assert sum(len(line) for line in lines) < 2000


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = "title: T\nauthor: 'Ada Lovelace\nabstract: An abstract.\ndate: 2020\n"
    _, diags = load_yaml_mapping(text, "f.yaml", first_line=2)
    assert [(d.line, d.code) for d in diags] == [(3, "yaml.invalid")]


def test_a_control_character_yaml_refuses_is_reported_at_its_line():
    _, diags = load_yaml_mapping("title: T\nauthor: A\x07B\n", "f.yaml")
    assert [(d.line, d.code) for d in diags] == [(2, "yaml.invalid")]


def test_escaped_controls_and_a_lone_surrogate_are_dropped_with_a_warning(tmp_path, capsys):
    essay = '---\ntitle: "Ti\\ud800tle\\u001b[2J"\n---\n\nText.\n'
    content = site(tmp_path, {"essays/a.md": essay})
    code, out = build(content, capsys)
    assert code == 0  # built: a warning, not an error
    page = (out / "essays" / "a.html").read_text(encoding="utf-8")
    assert "Title[2J" in page and "\x1b" not in page
    doc = json.loads((out / "api" / "documents" / "a.json").read_text(encoding="utf-8"))
    assert doc["title"] == "Title[2J"


# --- files ------------------------------------------------------------------------------


def test_controls_in_a_source_are_dropped_at_the_reader_with_their_line(tmp_path, capsys):
    essay = ESSAY.format(title="T") + "\nSecond \x1b[31mred\x00 paragraph.\n"
    content = site(tmp_path, {"essays/a.md": essay})
    code, lines = check(content, capsys)
    assert code == 0
    assert [line for line in lines if "text.unsafe-character" in line] == [
        f"{content / 'essays' / 'a.md'}:8: warning: 2 characters that are not text (the first "
        "U+001B) were dropped; remove them from the file [text.unsafe-character]"
    ]
    code, out = build(content, capsys)
    page = (out / "essays" / "a.html").read_text(encoding="utf-8")
    assert "Second [31mred paragraph." in page


def test_private_use_characters_never_reach_the_page(tmp_path, capsys):
    essay = (
        ESSAY.format(title="T") + "\nSee\ue0ff here.[^1]\n\n[^1]: A note \ue0ffwith\uf8ff marks.\n"
    )
    content = site(tmp_path, {"essays/a.md": essay})
    code, out = build(content, capsys)
    assert code == 0
    page = (out / "essays" / "a.html").read_text(encoding="utf-8")
    assert "\ue0ff" not in page and "\uf8ff" not in page
    assert "A note with marks." in page


def test_controls_in_a_bib_never_reach_the_source_page_or_the_downloads(tmp_path, capsys):
    bib = (
        "@book{grafton1997,\n  author = {Grafton, Anthony},\n"
        "  title = {The Foot\x1b[2Jnote\ue000},\n"
        '  note = {Bell\x07 and \\char"1B escape},\n  year = {1997}\n}\n'
    )
    essay = ESSAY.format(title="T") + "\nCited [@grafton1997].\n"
    content = site(tmp_path, {"essays/a.md": essay, "references.bib": bib})
    code, lines = check(content, capsys)
    assert code == 0
    assert [line for line in lines if "text.unsafe-character" in line] == [
        f"{content / 'references.bib'}:3: warning: 3 characters that are not text (the first "
        "U+001B) were dropped; remove them from the file [text.unsafe-character]"
    ]
    code, out = build(content, capsys)
    assert code == 0
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".bib", ".ris", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert not any(c in text for c in "\x1b\x07\ue000"), path
    assert "The Foot[2Jnote" in (out / "sources" / "grafton1997.html").read_text("utf-8")


def test_escaped_controls_in_csl_json_are_dropped_with_a_warning(tmp_path, capsys):
    items = [{"id": "g", "type": "book", "title": "Foot\u001bnote", "issued": {"raw": "1997"}}]
    essay = ESSAY.format(title="T").replace("---\n\n", "bibliography: refs.json\n---\n\n")
    essay += "\nCited [@g].\n"
    content = site(tmp_path, {"essays/a.md": essay, "essays/refs.json": json.dumps(items)})
    code, lines = check(content, capsys)
    assert code == 0, lines
    assert any("text.unsafe-character" in line and "refs.json:1:" in line for line in lines)
    code, out = build(content, capsys)
    assert "\x1b" not in (out / "sources" / "g.html").read_text("utf-8")


def test_a_byte_order_mark_before_front_matter_is_read_as_nothing(tmp_path, capsys):
    content = site(tmp_path, {"essays/a.md": b"\xef\xbb\xbf" + ESSAY.format(title="T").encode()})
    code, lines = check(content, capsys)
    assert code == 0 and lines == ["glossator check: 0 errors, 0 warnings, 0 notes"]


def test_a_file_name_with_a_newline_is_not_a_slug_and_is_shown_on_one_line(tmp_path, capsys):
    content = site(tmp_path, {"essays/a\n.md": ESSAY.format(title="T")})
    code, lines = check(content, capsys)
    assert code == 1
    errors = [line for line in lines if "[document.slug]" in line]
    assert len(errors) == 1 and "a\\n.md" in errors[0]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("essays/b.MD", "content.extension"),
        ("essays/b.markdown", "content.extension"),
        ("essays/b.yaml", "meta.source-missing"),
        ("essays/more/c.md", "content.subfolder"),
    ],
)
def test_files_that_are_not_read_say_so(tmp_path, capsys, name, code):
    data = "format: pdf-text\ntitle: B\n" if name.endswith(".yaml") else ESSAY.format(title="B")
    content = site(tmp_path, {"essays/a.md": ESSAY.format(title="A"), name: data})
    status, lines = check(content, capsys)
    assert status == 0
    assert [line.split(": warning: ")[0] for line in lines if f"[{code}]" in line] == [
        f"{content / name.split('/')[0] / name.split('/')[1]}:1"
    ]


def test_an_images_folder_beside_the_essays_is_no_subfolder_warning(tmp_path, capsys):
    content = site(
        tmp_path, {"essays/a.md": ESSAY.format(title="A"), "essays/img/x.png": b"\x89PNG"}
    )
    _, lines = check(content, capsys)
    assert not [line for line in lines if "content.subfolder" in line]


# --- dates, names, images, nesting ----------------------------------------------------


def test_dates_in_other_digits_are_not_taken_for_iso_dates():
    doc, diags = read_markdown(Source("a", "a.md", "---\ntitle: T\ndate: ٢٠٢١-٠٣-٢١\n---\n\nx\n"))
    assert doc.meta.date != "2021-03-21"
    assert [(d.line, d.severity) for d in diags] == [(3, "warning")]


def test_an_author_named_with_and_stays_one_bibtex_name(tmp_path, capsys):
    essay = "---\ntitle: T\nauthor: [Society of Arts and Sciences, Ada Lovelace]\n---\n\nx\n"
    content = site(tmp_path, {"essays/a.md": essay})
    code, out = build(content, capsys)
    bibtex = (out / "essays" / "a.bib").read_text(encoding="utf-8")
    assert "author = {{Society of Arts and Sciences} and Lovelace, Ada}" in bibtex


@pytest.mark.parametrize("src", ["//cdn.example.org/t.gif", "ftp://example.org/t.gif"])
def test_remote_and_protocol_relative_images_are_warned_about(tmp_path, capsys, src):
    essay = ESSAY.format(title="T") + f"\n![A picture]({src})\n"
    content = site(tmp_path, {"essays/a.md": essay})
    code, lines = check(content, capsys)
    assert code == 0
    assert [line.split(": ")[0] for line in lines if "[image.remote]" in line] == [
        f"{content / 'essays' / 'a.md'}:8"
    ]


def test_a_remote_image_is_linked_never_loaded(tmp_path, capsys):
    essay = ESSAY.format(title="T") + (
        "\n![A map](https://example.org/map.png)\n\n"
        'See ![the key](//cdn.example.org/key.gif "Key") and ![](ftp://example.org/x.gif) '
        "and ![bad](javascript:alert(1)) and ![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)."
        "\n"
    )
    content = site(tmp_path, {"essays/a.md": essay})
    code, out = build(content, capsys)
    assert code == 0
    page = (out / "essays" / "a.html").read_text(encoding="utf-8")
    assert re.findall(r"<img [^>]*>", page) == [
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot">'
    ]
    assert (
        '<p class="figure-placeholder">This image is on another site and not part of this '
        'page: <a href="https://example.org/map.png" rel="external">open it there</a>.</p>'
    ) in page
    assert '<a href="//cdn.example.org/key.gif" title="Key">Image: the key</a>' in page
    assert '<a href="ftp://example.org/x.gif">Image</a>' in page
    assert "javascript:" not in page and "Image: bad" in page  # the text, never a link


def test_markdown_nested_past_the_parser_limit_says_so():
    deep = "".join("  " * i + f"- item {i}\n" for i in range(40))
    doc, diags = read_markdown(Source("a", "a.md", "---\ntitle: T\n---\n\n" + deep))
    assert [d.code for d in diags] == ["markdown.too-deep"]
    shallow = "".join("  " * i + f"- item {i}\n" for i in range(12))
    doc, diags = read_markdown(Source("a", "a.md", "---\ntitle: T\n---\n\n" + shallow))
    assert diags == [] and len(doc.paragraphs()) == 12  # deeper than commonmark's 20


# --- the terminal ---------------------------------------------------------------------


def test_diagnostics_escape_what_they_echo_and_stay_short():
    d = error("a\n.md", 3, "x.y", "title `\x1b[2J\u202eevil\r\nforged: error` " + "w" * 1000)
    text = str(d)
    assert "\n" not in text and "\x1b" not in text and "\u202e" not in text and "\r" not in text
    assert text.startswith("a\\n.md:3: error: title `\\x1b[2J\\u202eevil\\r\\nforged")
    assert len(d.message) <= 400
    assert shown("plain — text ¶") == "plain — text ¶"


def test_check_into_a_closed_pipe_ends_quietly(tmp_path):
    essays = {f"essays/e{n}.md": "---\ntitle: T\ndate: someday\n---\n\nx\n" for n in range(300)}
    content = site(tmp_path, essays)
    process = subprocess.Popen(
        [sys.executable, "-m", "glossator", "check", "--content", str(content)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    process.stdout.close()  # the reader is gone before a line is written (`| head -0`)
    _, err = process.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err
    assert process.returncode == 1


def test_bib_that_cannot_write_references_says_so(tmp_path, capsys, monkeypatch):
    note = (
        "[^1]: Anthony Grafton, *The Footnote: A Curious History* (Cambridge, MA: Harvard "
        "University Press, 1997), 24.\n"
    )
    essay = ESSAY.format(title="T") + "\nText.[^1]\n\n" + note
    content = site(tmp_path, {"essays/a.md": essay})

    def refuse(path, entries):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(bib_command, "append_entries", refuse)
    code = cli.main(["bib", "--content", str(content)])
    err = capsys.readouterr().err
    assert code == 1
    assert "references.bib:1: error: cannot write references.bib: Permission denied" in err
    assert "Traceback" not in err


def test_headings_named_like_the_pages_own_ids_do_not_take_them():
    text = "---\ntitle: T\n---\n\n# Notes\n\nx\n\n# Main\n\ny\n\n# P1\n\nz\n\n# fn1\n\nw\n"
    doc, _ = read_markdown(Source("a", "a.md", text))
    ids = [s.id for s in doc.sections if s.heading]
    assert ids == ["notes-2", "main-2", "s-p1", "s-fn1"]


@pytest.mark.parametrize("src", ["images/" + "/".join(["x" * 200] * 25) + "/map.png", "map%00.png"])
def test_an_image_path_the_system_refuses_is_a_message(tmp_path, capsys, src):
    # found by benchmarks/fuzz.py (seed 117105): an image path longer than the system's
    # limit raised ENAMETOOLONG from the file system; a `%00` becomes a NUL in the path.
    essay = ESSAY.format(title="T") + f"\n![A map]({src})\n"
    content = site(tmp_path, {"essays/a.md": essay})
    code, lines = check(content, capsys)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines if "[image.unreadable]" in line] == [
        f"{content / 'essays' / 'a.md'}:8"
    ]


# --- every field validated where it enters, at its own line ---------------------------

FRONT = "---\ntitle: T\ndate: 2024-05-01\n{field}\n---\n\nA paragraph.\n"


@pytest.mark.parametrize(
    ("field", "code", "says"),
    [
        ('lang: "en\\" onload=\\"x"', "meta.lang", "is not a language tag"),
        ("lang: not a tag", "meta.lang", "is not a language tag"),
        ("nocite: 1", "meta.invalid", "`nocite` must be a list of `@key`"),
        ("nocite: '@'", "meta.invalid", "`nocite` must be a list of `@key`"),
        ("author: {name: A B, orcid: 0000-0002-1825-0098}", "meta.author-detail", "ORCID iD"),
        ("author: {name: A B, email: 'a@b onclick=x'}", "meta.author-detail", "e-mail"),
        ("author: {name: A B, url: 'javascript:alert(1)'}", "meta.author-detail", "http(s)"),
        ("author: [{name: [1, 2]}]", "meta.invalid", "`author` must be a name"),
        ("keywords: {a: 1}", "meta.invalid", "`keywords` must be a word"),
        ("subtitle: [a]", "meta.invalid", "`subtitle` must be a single line"),
        ("bibliography: ../../x.bib", "bib.essay-file", "is outside content/"),
        ("csl: ../../x.csl", "meta.csl", "inside the content folder"),
        ("publication: [a]", "meta.invalid", "`publication` must be a single line"),
    ],
)
def test_a_wrong_front_matter_field_is_reported_at_its_own_line(
    tmp_path, capsys, field, code, says
):
    content = site(tmp_path, {"essays/a.md": FRONT.format(field=field)})
    _, lines = check(content, capsys)
    found = [line for line in lines if f"[{code}]" in line]
    assert found and all(f"{content / 'essays' / 'a.md'}:4:" in line for line in found), lines
    assert says in found[0]


def test_author_details_that_are_right_are_kept_and_wrong_ones_never_become_links(tmp_path, capsys):
    field = (
        "author:\n  - name: A B\n    orcid: https://orcid.org/0000-0002-1825-0097\n"
        "    email: a.b@example.org\n    url: https://example.org/ab\n"
        "  - name: C D\n    url: 'javascript:alert(1)'\n    orcid: '1234'"
    )
    content = site(tmp_path, {"essays/a.md": FRONT.format(field=field)})
    code, out = build(content, capsys)
    assert code == 0
    page = (out / "essays" / "a.html").read_text(encoding="utf-8")
    data = (out / "api" / "documents" / "a.json").read_text(encoding="utf-8")
    assert "https://orcid.org/0000-0002-1825-0097" in page
    assert "mailto:a.b@example.org" in page or "a.b@example.org" in data
    assert "javascript:" not in page and "javascript:" not in data
    assert "1234" not in data


def test_a_key_given_twice_is_reported_and_its_kept_value_checked_at_its_line(tmp_path, capsys):
    essay = "---\ntitle: T\ndate: 2024-05-01\ndate: 2020-02-30\n---\n\nText.\n"
    content = site(tmp_path, {"essays/a.md": essay})
    _, lines = check(content, capsys)
    path = content / "essays" / "a.md"
    assert (
        f"{path}:4: error: `date` is given twice (first at line 3); keep one [yaml.duplicate-key]"
        in lines
    )
    assert any(line.startswith(f"{path}:4: error: field `date` must be") for line in lines), lines


def test_site_language_must_be_a_language_tag(tmp_path, capsys):
    essay = ESSAY.format(title="T")
    content = site(tmp_path, {"essays/a.md": essay, "site.yaml": 'title: S\nlanguage: "en x"\n'})
    code, lines = check(content, capsys)
    assert code == 0
    assert [line for line in lines if "[site.language]" in line] == [
        f"{content / 'site.yaml'}:2: warning: `language: en x` is not a language tag such as "
        "`en` or `pt-BR`; `en` is used [site.language]"
    ]
    code, out = build(content, capsys)
    assert '<html lang="en"' in (out / "essays" / "a.html").read_text(encoding="utf-8")
