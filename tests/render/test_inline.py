"""The inline renderer on hand-built trees: mention links placed without breaking
nesting, markers moved out of links, citations, raw HTML, math errors; and a property
test: any nested tree renders to well-formed HTML holding exactly its text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from glossator.model import Paragraph, Section
from glossator.model.inline import (
    Citation,
    CiteItem,
    Code,
    Emph,
    Link,
    NoteRef,
    RawInline,
    SmallCaps,
    Span,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
    plain_text,
)
from glossator.render.blocks import toc_html
from glossator.render.inline import InlineOptions, InlineRenderer, esc, inline_html, linked_urls
from glossator.render.math import math_html
from glossator.render.paragraphs import paragraph_html

REF1 = '<sup><a class="noteref" href="#fn1" id="fnref1" role="doc-noteref">1</a></sup>'


def para(*content) -> Paragraph:
    return Paragraph("p1", content=content)


def test_a_mention_inside_a_mark_is_placed_inside_it():
    p = para(Text("See "), Emph((Text("Resolution 1199 today"),)), Text("."))
    html = paragraph_html(p, [], [(4, 19, "r.html")])
    assert html == 'See <em><a class="mention" href="r.html">Resolution 1199</a> today</em>.'


def test_a_mention_around_a_whole_mark_holds_it():
    p = para(Text("See "), Emph((Text("Resolution"),)), Text(" 1199."))
    html = paragraph_html(p, [], [(4, 19, "r.html")])
    assert html == 'See <a class="mention" href="r.html"><em>Resolution</em> 1199</a>.'


def test_a_mention_crossing_a_mark_is_dropped():
    p = para(Text("See Reso"), Emph((Text("lution 1199"),)), Text("."))
    assert paragraph_html(p, [], [(4, 14, "r.html")]) == "See Reso<em>lution 1199</em>."


def test_a_mention_across_a_marker_or_inside_a_link_is_dropped():
    p = para(Text("Resolution"), NoteRef(1), Text(" 1199 and "), Link("u", (Text("Res 2"),)))
    html = paragraph_html(p, ["fnref1"], [(0, 15, "a.html"), (20, 25, "b.html")])
    assert "mention" not in html


def test_a_mention_ending_at_a_marker_closes_before_it():
    p = para(Text("Resolution 1199"), NoteRef(1), Text(" passed."))
    html = paragraph_html(p, ["fnref1"], [(0, 15, "r.html")])
    assert html == f'<a class="mention" href="r.html">Resolution 1199</a>{REF1} passed.'


def test_overlapping_mentions_keep_the_first():
    p = para(Text("Resolution 1199 and 1200"))
    html = paragraph_html(p, [], [(0, 15, "a.html"), (11, 24, "b.html")])
    assert html.count('class="mention"') == 1 and 'href="a.html"' in html


def test_a_marker_in_a_link_follows_the_link():
    p = para(Link("https://x.org/", (Text("a book"), NoteRef(1))), Text("."))
    sidenote = {1: Markup('<span class="sidenote">n</span>')}
    html = paragraph_html(p, ["fnref1"], [], sidenote)
    assert html == (
        f'<a href="https://x.org/" rel="external">a book</a>{REF1}<span class="sidenote">n</span>.'
    )


def test_a_citation_shows_its_formatted_html_or_its_source():
    items = (CiteItem("grafton1997"), CiteItem("jackson2001"))
    done = Citation(items, "[@grafton1997; @jackson2001]", "Grafton", "<i>Footnote</i>")
    raw = Citation(items, "[@grafton1997; @jackson2001 & <x>]")
    assert inline_html((done,)) == (
        '<span class="citation" data-cites="grafton1997 jackson2001"><i>Footnote</i></span>'
    )
    assert inline_html((raw,)) == (
        '<span class="citation" data-cites="grafton1997 jackson2001">'
        "[@grafton1997; @jackson2001 &amp; &lt;x&gt;]</span>"
    )


def test_a_script_url_is_never_a_link():
    assert inline_html((Link(" JavaScript:alert(1)", (Text("x"),)),)) == "x"


def test_raw_html_is_text_unless_allowed():
    content = (RawInline("<b>"), Text("x"), RawInline("</b>"))
    assert inline_html(content) == "&lt;b&gt;x&lt;/b&gt;"
    assert inline_html(content, InlineOptions(allow_raw_html=True)) == "<b>x</b>"


def test_tex_errors_never_raise():
    for tex in (r"\frac{a", "x^", r"\left(", "{", "}", r"\unknowncommand", r"\begin{x}"):
        html = math_html(tex)
        assert html.startswith(("<math", '<code class="math-error"')), tex
    assert 'display="block"' in math_html("a+b", display=True)


def test_the_toc_nests_by_level_and_never_skips_one():
    sections = [
        Section("a", "A", level=1),
        Section("b", "B", level=2),
        Section("c", "C", level=4),
        Section("d", "D", level=1),
    ]
    assert toc_html(sections) == (
        '<li><a href="#a">A</a>\n<ol>\n<li><a href="#b">B</a>\n<ol>\n'
        '<li><a href="#c">C</a></li>\n</ol>\n</li>\n</ol>\n</li>\n<li><a href="#d">D</a></li>'
    )


# --- property: any nested tree is well-formed HTML holding its text -----------------

VOID = {"br", "img", "hr"}


class Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []
        self.anchor_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID:
            return
        if tag == "a":
            if self.anchor_depth:
                self.problems.append("a link inside a link")
            self.anchor_depth += 1
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")
        if tag == "a":
            self.anchor_depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


WRAPPERS = (Emph, Strong, Strikeout, Superscript, Subscript, SmallCaps)
words = st.text(alphabet=st.sampled_from("ab <&>\"'é"), min_size=1, max_size=6)
leaves = st.one_of(
    words.map(Text),
    words.map(Code),
    st.integers(1, 3).map(NoteRef),
)


def extend(children):
    content = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.tuples(st.sampled_from(WRAPPERS), content).map(lambda t: t[0](t[1])),
        content.map(lambda c: Span(c, ("x",))),
        content.map(lambda c: Link("https://example.org/?a=1&b=2", c)),
    )


trees = st.lists(st.recursive(leaves, extend, max_leaves=12), min_size=1, max_size=4)
spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4)


def with_numbers(content) -> str:
    """The plain text with each marker's number where it now stands: after the link
    holding it, if any."""
    out = []
    for node in content:
        if isinstance(node, NoteRef):
            out.append(str(node.note))
        elif isinstance(node, Link):
            out.append(plain_text(node.content))
            out.append("".join(str(n.note) for n in _refs(node.content)))
        elif hasattr(node, "content"):
            out.append(with_numbers(node.content))
        else:
            out.append(plain_text((node,)))
    return "".join(out)


def _refs(content):
    for node in content:
        if isinstance(node, NoteRef):
            yield node
        elif hasattr(node, "content"):
            yield from _refs(node.content)


@settings(max_examples=300, deadline=None)
@given(trees, spans)
def test_random_trees_render_to_well_formed_html(content, raw_spans):
    paragraph = para(*content)
    count = len(paragraph.markers)
    mentions = [(min(a, b), max(a, b), "m.html") for a, b in raw_spans]
    html = paragraph_html(paragraph, [f"r{i}" for i in range(count)], mentions)
    parser = Balance()
    parser.feed(html)
    parser.close()
    assert not parser.problems, (parser.problems, html)
    assert not parser.stack, (parser.stack, html)
    assert "".join(parser.text) == with_numbers(paragraph.content)


@given(st.text())
def test_esc_escapes_exactly_as_markupsafe(text):
    # The renderer escapes text itself (no Markup per node); its output must be the
    # same bytes markupsafe's `escape` gives, which the rest of the site relies on.
    assert esc(text) == str(escape(text))
    assert type(esc(text)) is str


def test_one_renderer_serves_many_paragraphs_without_carrying_state():
    renderer = InlineRenderer("body", sidenotes={1: "[s1]"})
    first = renderer.html((Text("a"), NoteRef(1)), ["fnref1"])
    second = renderer.html((Text("b"), NoteRef(1)))  # no anchors given: no id
    inside_link = renderer.html((Link("https://e.org/", (Text("x"),)),))
    assert first == (
        'a<sup><a class="noteref" href="#fn1" id="fnref1" role="doc-noteref">1</a></sup>[s1]'
    )
    assert second == 'b<sup><a class="noteref" href="#fn1" role="doc-noteref">1</a></sup>[s1]'
    assert inside_link == '<a href="https://e.org/" rel="external">x</a>'
    # the same content through the one-shot function gives the same HTML
    assert inline_html((Text("b"), NoteRef(1)), InlineOptions(sidenotes={1: "[s1]"})) == second


NOTE = "Lund, “Road,” https://carnegie-mec.org/diwan/64771."
LINKED = (
    'Lund, “Road,” <a href="https://carnegie-mec.org/diwan/64771" rel="external">'
    "https://carnegie-mec.org/diwan/64771</a>."
)


def cited(html: str) -> Citation:
    return Citation((CiteItem("lund"),), "[@lund]", NOTE, html)


def test_a_citations_address_is_a_link_but_never_inside_another_link():
    shown = inline_html((cited(NOTE),))
    assert shown == f'<span class="citation" data-cites="lund">{LINKED}</span>'
    inside = inline_html((Link("https://example.org/", (Text("see "), cited(NOTE))),))
    assert inside.count("<a ") == 1 and NOTE in inside  # its address as text
    in_heading = InlineRenderer("heading", False, {}).html((cited(NOTE),), iter(()), [])
    assert "<a " not in in_heading


def test_a_sidenotes_citation_links_leave_the_tab_order():
    html = InlineRenderer("hidden", False, {}).html((cited(NOTE),), iter(()), [])
    assert '<a href="https://carnegie-mec.org/diwan/64771" rel="external" tabindex="-1">' in html


def test_an_address_keeps_its_own_parenthesis_and_leaves_the_sentences():
    assert linked_urls(
        "See https://en.wikipedia.org/wiki/Emma_(novel), and (https://x.org/a)."
    ) == (
        'See <a href="https://en.wikipedia.org/wiki/Emma_(novel)" rel="external">'
        "https://en.wikipedia.org/wiki/Emma_(novel)</a>, and "
        '(<a href="https://x.org/a" rel="external">https://x.org/a</a>).'
    )
    assert linked_urls("http:// and https://") == "http:// and https://"


ADDRESS = st.from_regex(r"https?://[a-z]{1,8}\.org(/[a-z0-9_%()~-]{0,10}){0,3}", fullmatch=True)


@given(
    st.lists(
        st.one_of(ADDRESS, st.text(st.sampled_from("ab .,;:()“”’&<>"), max_size=6)), max_size=6
    )
)
def test_linking_addresses_keeps_the_citations_text_and_nests_no_link(parts: list[str]):
    text = " ".join(parts)
    page = TextOf()
    page.feed(linked_urls(esc(text)))
    assert page.text == text  # the same words, the links around addresses only
    assert page.depth_max <= 1
    for href in page.hrefs:
        assert href.startswith(("http://", "https://")) and href in text


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.hrefs, self.depth, self.depth_max = "", [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.depth += 1
            self.depth_max = max(self.depth_max, self.depth)
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth -= 1

    def handle_data(self, data):
        self.text += data
