"""Quality of the built seed site, page type by page type.

- Every page type of issue 4 is built.
- The Nu HTML checker (vnu.jar from npm, one JVM run over the whole site) reports no errors.
- axe-core (bundled with axe-playwright-python) reports no violations, in the light and
  the dark colour scheme, and with a note's popover open.
- Every internal link and anchor resolves; nothing is loaded from another site.
- An essay page with its CSS and JavaScript (not the search index) is under 100 KB.
- Every page has a language, one h1 and a title.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from conftest import CONTENT, PAGE_TYPES, PAPER, find_vnu, missing_tool

# bytes: "an essay page (HTML + CSS + JS, without the search index)" (issue 4: 100 KB).
# Issue 15's sidenote source links took the seed paper to 108.5 KB; it is back under
# 100 KB without its citation_reference tags (docs/reading.md says why).
WEIGHT_LIMIT = 100_000
SEARCH_INDEX = "pagefind/"  # the index and its runtime: loaded only when searching

# `<link rel=...>` values that make the browser fetch the target.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
# Elements whose URL attributes the browser fetches by itself.
FETCHING_TAGS = {"script", "img", "source", "iframe", "embed", "object", "audio", "video", "track"}
URL_ATTRS = ("href", "src", "srcset", "poster", "data", "action")


def existing(site: Path, name: str) -> Path:
    path = site / PAGE_TYPES[name]
    if not path.is_file():
        pytest.skip(f"{PAGE_TYPES[name]} is not built (see test_every_page_type_is_built)")
    return path


def base_url() -> str:
    config = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8")) or {}
    return str(config.get("base_url") or "").rstrip("/") + "/"


# --- Parsing -------------------------------------------------------------------------


@dataclass
class Ref:
    tag: str
    attr: str
    url: str
    line: int
    fetched: bool  # the browser loads it without a click


class ParsedPage(HTMLParser):
    """Ids, URLs, language, title and h1 count of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[Ref] = []
        self.lang: str | None = None
        self.title = ""
        self.h1 = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "title":
            self._in_title = True
        rels = set(values.get("rel", "").lower().split())
        for attr in URL_ATTRS:
            if attr not in values:
                continue
            urls = (
                [part.strip().split()[0] for part in values[attr].split(",") if part.strip()]
                if attr == "srcset"
                else [values[attr].strip()]
            )
            fetched = tag in FETCHING_TAGS or (tag == "link" and bool(rels & FETCHING_RELS))
            if tag == "input" and values.get("type") == "image":
                fetched = True
            for url in urls:
                self.refs.append(Ref(tag, attr, url, line, fetched))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> ParsedPage:
    page = ParsedPage()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[str, ParsedPage]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


# --- Page types --------------------------------------------------------------------


def test_every_page_type_is_built(site: Path) -> None:
    missing = [path for path in PAGE_TYPES.values() if not (site / path).is_file()]
    assert not missing, f"page types issue 4 asks for, not built: {missing}"


# --- Nu HTML checker -----------------------------------------------------------------


@pytest.fixture(scope="module")
def vnu_errors(site: Path) -> dict[str, list[str]]:
    """The Nu checker's errors for every HTML file of the site, from one JVM run."""
    tools = find_vnu()
    if tools is None:
        missing_tool("java or node_modules/vnu-jar not found (npm ci --ignore-scripts)")
    java, jar = tools
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
        + ["--stdout", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar exited {run.returncode}: {run.stdout[-2000:]} {run.stderr[-2000:]}")
    errors: dict[str, list[str]] = defaultdict(list)
    root = site.resolve()
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        file = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        try:
            name = file.relative_to(root).as_posix()
        except ValueError:
            name = message.get("url", "?")
        where = f"{name}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        extract = (message.get("extract") or "").strip().replace("\n", " ")[:120]
        errors[name].append(f"{where}: {message.get('message')}  [{extract}]")
    if run.returncode not in (0, 1):
        pytest.fail(f"vnu.jar exited {run.returncode}: {run.stderr[-2000:]}")
    return errors


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_nu_checker_finds_no_errors(site: Path, vnu_errors: dict[str, list[str]], name: str):
    existing(site, name)
    errors = vnu_errors.get(PAGE_TYPES[name], [])
    assert not errors, f"{len(errors)} Nu checker errors:\n" + "\n".join(errors[:40])


def test_nu_checker_finds_no_errors_anywhere(vnu_errors: dict[str, list[str]]):
    everything = [line for lines in vnu_errors.values() for line in lines]
    assert not everything, (
        f"{len(everything)} Nu checker errors in {len(vnu_errors)} files:\n"
        + "\n".join(everything[:40])
    )


# --- axe-core ------------------------------------------------------------------------


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}; {len(nodes)} nodes"
        )
        for node in nodes[:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {node['target']}: {node['html'][:150]}  -- {summary[:300]}")
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_violations(site: Path, site_url: str, page: Any, name: str, scheme: str):
    existing(site, name)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, f"axe-core on {PAGE_TYPES[name]} ({scheme}):\n" + "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_a_popover_open(site_url: str, page: Any, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1024, "height": 900})  # no sidenotes beside
    page.goto(site_url + PAPER)
    page.locator('a.noteref[href="#fn3"]').first.hover()
    page.locator("#note-popover").wait_for(state="visible")
    violations = axe_violations(page)
    assert not violations, f"axe-core, popover open ({scheme}):\n" + "\n".join(violations)


# --- Links ---------------------------------------------------------------------------


@dataclass
class LinkReport:
    checked: int = 0  # internal URLs resolved
    anchors: int = 0  # of which with a fragment checked against the target's ids
    external: dict[str, int] = field(default_factory=dict)  # off-site links, not fetched
    broken: list[str] = field(default_factory=list)
    offsite_loads: list[str] = field(default_factory=list)


def resolve_local(site: Path, target: str) -> Path:
    path = site / unquote(target).lstrip("/")
    if target.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def check_url(
    site: Path,
    source: str,
    url: str,
    fetched: bool,
    ids_of: dict[str, set[str]],
    report: LinkReport,
    where: str,
) -> None:
    """Resolve one URL found in `source` (a path relative to the site)."""
    site_base = base_url()
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript", "blob"):
        if parts.scheme == "javascript":
            report.broken.append(f"{where}: javascript: URL {url!r}")
        return
    if url.startswith(site_base):  # canonical / feed / sitemap URLs: the site's own pages
        url = url[len(site_base) - 1 :]
        parts = urlsplit(url)
    elif parts.scheme in ("http", "https") or url.startswith("//"):
        report.external[url] = report.external.get(url, 0) + 1
        if fetched:
            report.offsite_loads.append(f"{where}: loads {url}")
        return
    elif parts.scheme:
        report.broken.append(f"{where}: unexpected URL scheme {url!r}")
        return
    resolved = urlsplit(urljoin("/" + source, url))
    target = resolve_local(site, resolved.path)
    report.checked += 1
    if not target.is_file():
        report.broken.append(f"{where}: {url!r} -> missing file {resolved.path}")
        return
    fragment = unquote(resolved.fragment)
    if not fragment or fragment == "top" or target.suffix != ".html":
        return  # "" and "top" are the top of the document (HTML spec)
    report.anchors += 1
    name = target.relative_to(site).as_posix()
    if name not in ids_of:
        ids_of[name] = parse(target).ids
    if fragment not in ids_of[name]:
        report.broken.append(f"{where}: {url!r} -> no id {fragment!r} in {name}")


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@pytest.fixture(scope="module")
def link_report(site: Path, parsed: dict[str, ParsedPage], artifacts: Path) -> LinkReport:
    report = LinkReport()
    ids_of = {name: page.ids for name, page in parsed.items()}
    for name, page in parsed.items():
        for ref in page.refs:
            where = f"{name}:{ref.line} <{ref.tag} {ref.attr}>"
            check_url(site, name, ref.url, ref.fetched, ids_of, report, where)
    for css in sorted(site.rglob("*.css")):
        name = css.relative_to(site).as_posix()
        if name.startswith(SEARCH_INDEX):
            continue
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(2) or match.group(4)
            check_url(site, name, url, True, ids_of, report, f"{name} url()")
    for xml in sorted(site.rglob("*.xml")):  # sitemap.xml, the Atom feed
        name = xml.relative_to(site).as_posix()
        for element in ElementTree.parse(xml).iter():
            tag = element.tag.rsplit("}", 1)[-1]
            url = element.text if tag == "loc" else element.get("href") if tag == "link" else None
            if url:
                check_url(site, name, url, False, ids_of, report, f"{name} <{tag}>")
    lines = [
        f"internal URLs checked: {report.checked}, of which anchors: {report.anchors}",
        f"external links (not fetched): {sum(report.external.values())} "
        f"to {len(report.external)} URLs",
        f"broken: {len(report.broken)}",
        *report.broken,
        f"resources loaded from other sites: {len(report.offsite_loads)}",
        *report.offsite_loads,
        "external URLs:",
        *(f"  {count:3d} {url}" for url, count in sorted(report.external.items())),
    ]
    (artifacts / "linkcheck.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report


def test_every_internal_link_and_anchor_resolves(link_report: LinkReport, parsed):
    assert link_report.checked > len(parsed), "the link check found almost no links"
    assert link_report.anchors > 0, "the link check found no anchors"
    assert not link_report.broken, (
        f"{len(link_report.broken)} broken of {link_report.checked} internal URLs "
        f"(see test-artifacts/linkcheck.txt):\n" + "\n".join(link_report.broken[:50])
    )


def test_nothing_is_loaded_from_another_site(link_report: LinkReport, site: Path):
    assert not link_report.offsite_loads, "\n".join(link_report.offsite_loads)


# --- Weight --------------------------------------------------------------------------

JS_IMPORT = re.compile(r"""(?:\bimport\s*\(?|\bfrom)\s*['"]([^'"]+)['"]""")


def page_assets(site: Path, name: str) -> dict[str, int]:
    """Bytes of an HTML page and every CSS and JS file it loads (imports followed),
    leaving out the search index and runtime."""
    sizes: dict[str, int] = {}

    def add(relative: str) -> None:
        if relative in sizes or relative.startswith(SEARCH_INDEX):
            return
        path = site / relative
        if not path.is_file():
            return  # a missing file is the link check's failure
        sizes[relative] = path.stat().st_size
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            found = [m.group(4) for m in CSS_URL.finditer(text) if m.group(4)]
        elif path.suffix in (".js", ".mjs"):
            found = JS_IMPORT.findall(text)
        else:
            found = []
        for url in found:
            follow(relative, url)

    def follow(relative: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            return
        add(urlsplit(urljoin("/" + relative, url)).path.lstrip("/"))

    sizes[name] = (site / name).stat().st_size
    for ref in parse(site / name).refs:
        if ref.tag in ("link", "script") and ref.fetched:
            follow(name, ref.url)
    return sizes


@pytest.mark.parametrize("name", ["essay-paper", "essay-blog"])
def test_an_essay_page_weighs_under_100_kb(site: Path, name: str):
    sizes = page_assets(site, PAGE_TYPES[name])
    total = sum(sizes.values())
    listing = ", ".join(f"{path} {size:,}" for path, size in sizes.items())
    assert total < WEIGHT_LIMIT, f"{total:,} bytes (limit {WEIGHT_LIMIT:,}): {listing}"


# --- Structure -----------------------------------------------------------------------


def test_every_page_has_a_language_one_h1_and_a_title(parsed: dict[str, ParsedPage]):
    problems = []
    for name, page in parsed.items():
        if not (page.lang or "").strip():
            problems.append(f"{name}: no lang on <html>")
        if page.h1 != 1:
            problems.append(f"{name}: {page.h1} h1 elements")
        if not page.title.strip():
            problems.append(f"{name}: empty or missing <title>")
    assert not problems, "\n".join(problems)
