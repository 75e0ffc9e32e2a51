"""Conformance with Pandoc: essays using every construct, rendered by glossator and by
Pandoc (pypandoc-binary ships it in its wheel), must give the same body and notes once
what only glossator adds is taken away.

Removed before comparing: ids, classes, glossator's ¶ permalinks, sidenotes, figure
labels, heading anchors (their text kept), a note's source links and back-links, the
`<section>`
and `<div>` wrappers. Pandoc's `type="1"` on lists and `aria-hidden` on a figure caption
repeating the alt text are dropped too. Kept: every element and its text, `href`,
`src`, `alt`, `title`, `start`, `style` and a `<span>`'s classes. Normalised: a note
marker (ours `<sup><a>N</a></sup>`, Pandoc's `<a><sup>N</sup></a>`) is `[^N]`; a formula
is its TeX and its display (the two MathML writers differ); a heading's level is its
depth below the headings before it (the page's `h1` is the title, so ours start at
`h2`, and glossator does not skip a level the document skips).

Where glossator differs from Pandoc on purpose, `docs/content.md` says so; the essays
here avoid those constructs (raw HTML, citations), which have tests of their own.
"""

from __future__ import annotations

import difflib
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossator.cli import main

pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary is a test extra")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / "conformance"
ESSAYS = sorted(p.stem for p in FIXTURES.glob("*.md"))
PANDOC_ARGS = ["--mathml", "--syntax-highlighting=none", "--wrap=none"]

KEEP = {"href", "src", "alt", "title", "start", "style"}
BLOCKS = {
    "p", "li", "ul", "ol", "blockquote", "pre", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "figure", "figcaption", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "div",
    "section", "body",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "meta", "link", "mspace"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("body", {})
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def find(node: Node, test) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if test(child):
                return child
            found = find(child, test)
            if found is not None:
                return found
    return None


def dropped(node: Node) -> bool:
    """What only glossator (or only Pandoc) adds, removed with its content."""
    classes = node.classes()
    return bool(
        classes & {"permalink", "sidenote", "figure-label", "footnote-back"}
        or node.attrs.get("role") == "doc-backlink"
    )


def unwrapped(node: Node) -> bool:
    """Wrappers removed, their content kept."""
    return node.tag in ("section", "div") or "heading-anchor" in node.classes()


def marker(node: Node) -> str | None:
    """A note marker, in either writer's form, as `[^N]`."""
    if node.tag == "sup":
        inner = [c for c in node.children if isinstance(c, Node) or c.strip()]
        if len(inner) == 1 and isinstance(inner[0], Node) and "noteref" in inner[0].classes():
            return f"[^{inner[0].text().strip()}]"
    if node.tag == "a" and "footnote-ref" in node.classes():
        return f"[^{node.text().strip()}]"
    return None


def serialize(node: Node, levels: dict[int, int], out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(escape(child, quote=False))
            continue
        if dropped(child):
            continue
        if unwrapped(child):
            serialize(child, levels, out)
            continue
        note = marker(child)
        if note is not None:
            out.append(note)
            continue
        if child.tag == "math":
            annotation = find(child, lambda n: n.tag == "annotation")
            tex = annotation.text() if annotation else child.text()
            display = child.attrs.get("display", "inline")
            out.append(f"<math {display}>{escape(tex, quote=False)}</math>")
            continue
        tag = child.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            tag = f"h{levels[id(child)]}"
        attrs = {k: v for k, v in child.attrs.items() if k in KEEP}
        if child.tag == "span" and child.attrs.get("class"):
            attrs["class"] = child.attrs["class"]
        if attrs.get("href", "").startswith("#"):
            del attrs["href"]  # in-page anchors differ by design
        shown = "".join(f' {k}="{escape(v)}"' for k, v in sorted(attrs.items()))
        out.append(f"<{tag}{shown}>")
        if child.tag not in VOID:
            serialize(child, levels, out)
            out.append(f"</{tag}>")


def nesting_levels(headings: list[Node]) -> dict[int, int]:
    """Each heading's depth among the headings above it, from 1: what both writers'
    levels mean once the title's `h1` and skipped levels (which glossator closes up,
    on purpose) are set aside."""
    levels, open_levels = {}, []
    for heading in headings:
        level = int(heading.tag[1])
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        levels[id(heading)] = len(open_levels) + 1
        open_levels.append(level)
    return levels


def normalized(node: Node) -> list[str]:
    """The tree as lines: one per block tag, whitespace collapsed, text at block edges
    trimmed, so a difference shows as a readable diff."""
    headings: list[Node] = []

    def collect(n: Node) -> None:
        for c in n.children:
            if isinstance(c, Node):
                if c.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    headings.append(c)
                collect(c)

    collect(node)
    parts: list[str] = []
    serialize(node, nesting_levels(headings), parts)
    text = " ".join("".join(parts).split()).replace("<br> ", "<br>")  # Pandoc: `<br />\n`
    lines, current = [], ""
    for token in _tokens(text):
        name = token.strip("</>").split()[0] if token.startswith("<") else ""
        if name in BLOCKS:
            if current.strip():
                lines.append(current.strip())
            lines.append(token)
            current = ""
        else:
            current += token
    if current.strip():
        lines.append(current.strip())
    return lines


def _tokens(text: str) -> list[str]:
    tokens, cursor = [], 0
    while cursor < len(text):
        start = text.find("<", cursor)
        if start == -1 or text[start + 1 : start + 2] not in "abcdefghijklmnopqrstuvwxyz/":
            end = len(text) if start == -1 else start + 1
            tokens.append(text[cursor:end])
            cursor = end
            continue
        if start > cursor:
            tokens.append(text[cursor:start])
        end = text.index(">", start) + 1
        tokens.append(text[start:end])
        cursor = end
    return tokens


def pandoc_parts(path: Path) -> tuple[Node, list[Node]]:
    html = pypandoc.convert_file(str(path), "html5", format="markdown", extra_args=PANDOC_ARGS)
    root = TreeBuilder(html).root
    notes = find(root, lambda n: "footnotes" in n.classes())
    items = []
    if notes is not None:
        root.children.remove(notes)
        listing = find(notes, lambda n: n.tag == "ol")
        items = [c for c in listing.children if isinstance(c, Node) and c.tag == "li"]
    return root, items


def glossator_parts(page: Path) -> tuple[Node, list[Node]]:
    root = TreeBuilder(page.read_text(encoding="utf-8")).root
    body = find(root, lambda n: "essay-body" in n.classes())
    notes = find(root, lambda n: n.tag == "section" and "notes" in n.classes())
    items = []
    if notes is not None:
        listing = find(notes, lambda n: n.tag == "ol")
        items = [c for c in listing.children if isinstance(c, Node) and c.tag == "li"]
    for item in items:  # the note's blocks end where its source and back-links start
        cut = next(
            (i for i, c in enumerate(item.children) if isinstance(c, Node) and c.tag in "a br"),
            len(item.children),
        )
        item.children = item.children[:cut]
    return body, items


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("conformance")
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, essays / path.name)
    out = root / "out"
    assert main(["build", "--content", str(root / "content"), "--out", str(out)]) == 0
    return out


def compare(ours: list[str], theirs: list[str], what: str) -> None:
    if ours != theirs:
        diff = "\n".join(difflib.unified_diff(theirs, ours, "pandoc", "glossator", lineterm=""))
        pytest.fail(f"{what} differs from Pandoc's:\n{diff}")


@pytest.mark.parametrize("slug", ESSAYS)
def test_the_body_is_pandocs(built: Path, slug: str):
    ours, _ = glossator_parts(built / "essays" / f"{slug}.html")
    theirs, _ = pandoc_parts(FIXTURES / f"{slug}.md")
    compare(normalized(ours), normalized(theirs), f"the body of {slug}")


@pytest.mark.parametrize("slug", ESSAYS)
def test_the_notes_are_pandocs(built: Path, slug: str):
    _, ours = glossator_parts(built / "essays" / f"{slug}.html")
    _, theirs = pandoc_parts(FIXTURES / f"{slug}.md")
    assert len(ours) == len(theirs), f"{len(ours)} notes, Pandoc has {len(theirs)}"
    for number, (mine, pandoc) in enumerate(zip(ours, theirs, strict=True), start=1):
        compare(normalized(mine), normalized(pandoc), f"note {number} of {slug}")


def test_the_essays_use_every_construct():
    text = "\n".join(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md"))
    for construct in ("*", "**", "~~", "`", "](", "---", "--", "...", "~2~", "^nd^"):
        assert construct in text, construct
    for construct in ("{.smallcaps}", "$$", "\n> ", "\n> > ", "```", "\n    ", "|:--", "\nTable:"):
        assert construct in text, construct
    for construct in ("\n# ", "\n## ", "\n### ", "\n#### ", "\n![", "^[", "[^", "\n* * *", "\\\n"):
        assert construct in text, construct
