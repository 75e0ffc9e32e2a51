"""The JSON export (schema version 2): the seeds' exports, documents built by hand with
every node type, and random nested documents, all validated against
`model/document.schema.json`; each block's `text` is the plain text of its content.

The plain text is computed here again from the JSON alone (`json_plain`), the way a
consumer of the API would, so the check does not lean on the model's own code.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from model_strategies import documents

from glossator.model import (
    SCHEMA_ID,
    Author,
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Document,
    Figure,
    ListBlock,
    Metadata,
    Note,
    Paragraph,
    RawBlock,
    Rule,
    Section,
    Table,
    assign_ids,
    document_to_json,
)
from glossator.model.inline import (
    Citation,
    CiteItem,
    Code,
    Emph,
    Image,
    LineBreak,
    Link,
    Math,
    NoteRef,
    RawInline,
    SmallCaps,
    Span,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src" / "glossator" / "model" / "document.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA)
ESSAYS = ROOT / "content" / "essays"

# The fields of version 1, at each level, and what version 2 adds beside them.
V1_TOP = {"schema", "slug", "title", "authors", "date", "publication", "image_credit"} | {
    "author_bio",
    "editorial",
    "format",
    "sections",
    "notes",
}
V2_TOP = {"subtitle", "author_details", "date_text", "abstract", "keywords", "lang"} | {
    "nocite",
    "reference_section_title",
    "extra",
}
V1_SECTION, V2_SECTION = {"id", "heading", "blocks"}, {"level", "title"}
V1_PARAGRAPH, V2_PARAGRAPH = {"type", "id", "text", "markers"}, {"content"}
V1_FIGURE = {"type", "id", "caption", "src"}
V2_FIGURE = {"text", "caption_content", "alt", "width", "height"}
V1_NOTE, V2_NOTE = {"number", "id", "text", "sources"}, {"blocks"}
MARK_TYPES = {"emph", "strong", "strikeout", "superscript", "subscript", "smallcaps", "span"}


def errors(data: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)
    ]


def json_plain(nodes: list[dict]) -> str:
    """The plain text of exported inline content, by the schema's descriptions."""
    out = []
    for node in nodes:
        kind = node["type"]
        if kind in ("text", "code", "raw"):
            out.append(node["text"])
        elif kind in MARK_TYPES or kind == "link":
            out.append(json_plain(node["content"]))
        elif kind == "math":
            out.append(node["tex"])
        elif kind == "citation":
            out.append(node["text"] if node["text"] is not None else node["source"])
        elif kind == "linebreak":
            out.append(" ")
        elif kind == "image":
            out.append(node["alt"])
        else:
            assert kind == "noteref", kind
    return "".join(out)


def json_markers(nodes: list[dict], offset: int = 0, found: list | None = None) -> list[dict]:
    """Each `noteref` with the length of the plain text before it."""
    found = [] if found is None else found
    for node in nodes:
        if node["type"] == "noteref":
            found.append({"note": node["note"], "offset": offset})
        elif node["type"] in MARK_TYPES or node["type"] == "link":
            json_markers(node["content"], offset, found)
            offset += len(json_plain(node["content"]))
        else:
            offset += len(json_plain([node]))
    return found


def json_blocks_text(blocks: list[dict]) -> str:
    """Paragraphs, captions, code, HTML and cells, nested ones too, collapsed and joined
    by one space: what a note's and a quotation's `text` say."""
    parts: list[str] = []

    def walk(items: list[dict]) -> None:
        for block in items:
            if block["type"] in ("paragraph", "code", "raw"):
                parts.append(block["text"])
            elif block["type"] == "figure":
                parts.append(json_plain(block["caption_content"]))
            elif block["type"] == "table":
                cells = [*block["header"], *(c for row in block["rows"] for c in row)]
                parts.extend(json_plain(c) for c in cells)
            elif block["type"] in ("blockquote", "callout"):
                walk(block["blocks"])
            elif block["type"] == "list":
                for item in block["items"]:
                    walk(item)
            elif block["type"] == "definitions":
                for item in block["items"]:
                    walk([item["term"]])
                    for definition in item["definitions"]:
                        walk(definition)

    walk(blocks)
    return " ".join(" ".join(p.split()) for p in parts if p.strip())


def check_texts(blocks: list[dict]) -> int:
    """Assert every block's plain forms agree with its content; returns blocks seen."""
    seen = 0
    for block in blocks:
        seen += 1
        kind = block["type"]
        if kind == "paragraph":
            assert block["text"] == json_plain(block["content"])
            assert block["markers"] == json_markers(block["content"])
        elif kind == "figure":
            assert block["caption"] == block["text"] == json_plain(block["caption_content"])
        elif kind == "table":
            assert block["caption"] == json_plain(block["caption_content"])
            assert block["text"] == json_blocks_text([block])
        elif kind in ("blockquote", "callout"):
            assert block["text"] == json_blocks_text(block["blocks"])
            seen += check_texts(block["blocks"])
        elif kind == "list":
            assert block["text"] == json_blocks_text([b for item in block["items"] for b in item])
            seen += sum(check_texts(item) for item in block["items"])
        elif kind == "definitions":
            assert block["text"] == json_blocks_text([block])
            for item in block["items"]:
                seen += check_texts([item["term"]])
                seen += sum(check_texts(d) for d in item["definitions"])
        elif kind in ("rule", "works-cited"):
            assert block["text"] == ""
        else:
            assert kind in ("code", "raw") and isinstance(block["text"], str)
    return seen


def check_document(data: dict) -> None:
    assert errors(data) == []
    for section in data["sections"]:
        if section["title"] is None:
            assert section["heading"] is None
        else:
            assert section["heading"] == json_plain(section["title"])
        check_texts(section["blocks"])
    for note in data["notes"]:
        assert note["text"] == json_blocks_text(note["blocks"])
        check_texts(note["blocks"])
    if data["abstract"] is not None:
        assert data["abstract"]["text"] == json_blocks_text(data["abstract"]["blocks"])


def test_the_schema_is_version_2():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA_ID == "glossator/document/2"
    assert SCHEMA["$id"] == SCHEMA_ID
    assert SCHEMA["properties"]["schema"] == {"const": SCHEMA_ID}


# --- the seeds ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(site: Path) -> dict[str, dict]:
    folder = site / "api" / "documents"
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
    }


def test_the_seeds_exports_validate(exports):
    assert sorted(exports) == ["russia-stance-on-syria", "us-russia-un-syria"]
    for data in exports.values():
        check_document(data)


def test_the_seeds_exports_add_fields_and_keep_those_of_version_1(exports):
    """Every version 1 field is there beside the added ones, nothing else, and the
    seeds have none of the new structure (headings at level 2, no marks, one-paragraph notes)."""
    for data in exports.values():
        assert set(data) == V1_TOP | V2_TOP
        assert data["schema"] == "glossator/document/2"
        for section in data["sections"]:
            assert set(section) == V1_SECTION | V2_SECTION
            assert section["level"] == 2
            for block in section["blocks"]:
                if block["type"] == "paragraph":
                    assert set(block) == V1_PARAGRAPH | V2_PARAGRAPH
                    assert {n["type"] for n in block["content"]} <= {"text", "noteref", "link"}
                else:
                    assert block["type"] == "figure"
                    assert set(block) == V1_FIGURE | V2_FIGURE
        for note in data["notes"]:
            assert set(note) == V1_NOTE | V2_NOTE
            assert [b["type"] for b in note["blocks"]] == ["paragraph"]
            assert note["blocks"][0]["text"] == note["text"]
        assert data["abstract"] is None and data["keywords"] == [] and data["extra"] == {}


def test_the_blog_seeds_version_1_fields_are_its_paragraphs(exports):
    data = exports["russia-stance-on-syria"]
    source = (ESSAYS / "russia-stance-on-syria.txt").read_text(encoding="utf-8")
    lines = {" ".join(line.split()) for line in source.splitlines()}
    assert data["title"] == "Unlikely Change in Russia\u2019s Stance on Syria"
    assert data["date"] == "2012-07" and data["editorial"] == ["date"]
    [section] = data["sections"]
    assert section["heading"] is None and section["title"] is None
    texts = [b["text"] for b in section["blocks"]]
    assert len(texts) == 5
    assert texts[0].startswith("As Russia vetoed a Western-backed UN resolution")
    assert all(text in lines for text in texts)  # each paragraph is one line of the source
    assert all(b["markers"] == [] for b in section["blocks"]) and data["notes"] == []
    assert section["blocks"][0]["content"] == [{"type": "text", "text": texts[0]}]


def test_the_paper_seeds_version_1_fields(exports):
    data = exports["us-russia-un-syria"]
    assert data["date"] == "2016-12" and data["authors"] == [] and data["format"] == "pdf-text"
    assert data["sections"][0]["heading"] == "Introduction"
    assert data["sections"][0]["title"] == [{"type": "text", "text": "Introduction"}]
    paragraphs = [b for s in data["sections"] for b in s["blocks"] if b["type"] == "paragraph"]
    assert paragraphs[0]["id"] == "p1"
    assert paragraphs[0]["text"].startswith("The civil war in Syria has been a battleground")
    markers = [m for p in paragraphs for m in p["markers"]]
    first_seen = list(dict.fromkeys(m["note"] for m in markers))
    assert first_seen == list(range(1, len(data["notes"]) + 1))  # notes numbered in order
    assert [n["number"] for n in data["notes"]] == first_seen
    for paragraph in paragraphs:
        for marker in paragraph["markers"]:
            # A marker follows a character: never at a space, never past the text.
            assert 0 < marker["offset"] <= len(paragraph["text"])
            assert not paragraph["text"][marker["offset"] - 1].isspace()
    assert all(n["id"] == f"fn{n['number']}" and n["text"] for n in data["notes"])


# --- documents built by hand ----------------------------------------------------------


def every_node_document() -> Document:
    cite = Citation(
        (CiteItem("lee2001", "see", "33", "and passim"), CiteItem("kim", mode="suppress-author")),
        "[see @lee2001, p. 33 and passim; -@kim]",
    )
    inline = (
        Text("Plain "),
        Emph((Text("em"),)),
        Strong((Text("strong "), Emph((Text("both"),)))),
        Strikeout((Text("gone"),)),
        Superscript((Text("2"),)),
        Subscript((Text("i"),)),
        SmallCaps((Text("bce"),)),
        Span((Text("span"),), ("a", "b")),
        Code("x = 1"),
        Link("https://example.org", (Text("a link"),), "Title"),
        Image("i.png", "an image", "t"),
        LineBreak(),
        Math("e^{i\\pi}"),
        Math("x^2", display=True),
        RawInline("<br>"),
        NoteRef(1),
        cite,
    )
    quote = BlockQuote([Paragraph("", content=(Text("Quoted "), Emph((Text("words"),)))), Rule()])
    lists = ListBlock(
        [[Paragraph("", "one")], [Paragraph("", "two"), ListBlock([[Paragraph("", "deep")]])]],
        ordered=True,
        start=3,
        tight=False,
    )
    definitions = DefinitionList(
        [
            (Paragraph("", content=(Text("Gloss"),)), [[Paragraph("", "A note.")], [Rule()]]),
            (Paragraph("", content=(Emph((Text("Scholium"),)),)), [[Paragraph("", "Learned.")]]),
        ],
        [True, False],
    )
    table = Table(
        ["left", "right", ""],
        [(Text("A"),), (Text("B"),), ()],
        [[(Text("1"),), (Strong((Text("2"),)),), (Code("3"),)]],
        caption=(Text("Cap"),),
    )
    body = [
        Paragraph("", content=inline),
        Figure(
            "",
            src="f.png",
            caption_content=(Text("Fig "), Emph((Text("one"),))),
            alt="alt",
            width=640,
            height=480,
        ),
        quote,
        lists,
        definitions,
        Callout("tip", (Text("A "), Emph((Text("tip"),))), [Paragraph("", "Read it.")]),
        CodeBlock("print(1)\n", "python"),
        table,
        Rule(),
        RawBlock("<div>raw</div>"),
    ]
    meta = Metadata(
        title="Every node",
        authors=["Ann Lee"],
        date="2021-03-21",
        subtitle="A test",
        author_details=[Author("Ann Lee", "Uni", "0000-0001", "a@b.org", "https://a.org")],
        date_text="March 21, 2021",
        abstract=[Paragraph("", "An abstract."), Paragraph("", "Second part.")],
        keywords=["one", "two"],
        lang="en-GB",
        nocite=["*"],
        reference_section_title="Works cited",
        extra={"when": dt.date(2021, 3, 21), "tags": ["x"], "n": 1},
    )
    note = Note(1, "", blocks=[Paragraph("", "First."), CodeBlock("code"), quote])
    doc = Document(
        slug="every-node",
        format="markdown",
        meta=meta,
        sections=[Section("", None, body), Section("", title=(Text("Deep "), Code("h")), level=3)],
        notes=[note],
    )
    return assign_ids(doc)


def test_every_node_type_validates_and_reads_as_plain_text():
    data = document_to_json(every_node_document())
    check_document(data)
    paragraph = data["sections"][0]["blocks"][0]
    assert paragraph["text"] == (
        "Plain emstrong bothgone2ibcespanx = 1a linkan image e^{i\\pi}x^2<br>"
        "[see @lee2001, p. 33 and passim; -@kim]"
    )
    assert paragraph["markers"] == [{"note": 1, "offset": 67}]  # right after "<br>"
    assert data["sections"][1] | {"blocks": []} == {
        "id": "deep-h",
        "heading": "Deep h",
        "level": 3,
        "title": [{"type": "text", "text": "Deep "}, {"type": "code", "text": "h"}],
        "blocks": [],
    }
    assert [b["type"] for b in data["sections"][0]["blocks"]] == [
        "paragraph",
        "figure",
        "blockquote",
        "list",
        "definitions",
        "callout",
        "code",
        "table",
        "rule",
        "raw",
    ]


def test_inline_nodes_as_json():
    content = document_to_json(every_node_document())["sections"][0]["blocks"][0]["content"]
    by_type = {node["type"]: node for node in content}
    assert by_type["emph"] == {"type": "emph", "content": [{"type": "text", "text": "em"}]}
    assert by_type["strong"]["content"][1] == {
        "type": "emph",
        "content": [{"type": "text", "text": "both"}],
    }
    assert by_type["span"] == {
        "type": "span",
        "classes": ["a", "b"],
        "content": [{"type": "text", "text": "span"}],
    }
    assert by_type["link"] == {
        "type": "link",
        "url": "https://example.org",
        "title": "Title",
        "content": [{"type": "text", "text": "a link"}],
    }
    assert by_type["image"] == {"type": "image", "src": "i.png", "alt": "an image", "title": "t"}
    assert by_type["linebreak"] == {"type": "linebreak"}
    assert [n for n in content if n["type"] == "math"] == [
        {"type": "math", "tex": "e^{i\\pi}", "display": False},
        {"type": "math", "tex": "x^2", "display": True},
    ]
    assert by_type["raw"] == {"type": "raw", "text": "<br>"}
    assert by_type["noteref"] == {"type": "noteref", "note": 1}
    assert by_type["citation"] == {
        "type": "citation",
        "source": "[see @lee2001, p. 33 and passim; -@kim]",
        "text": None,
        "items": [
            {
                "key": "lee2001",
                "prefix": "see",
                "locator": "33",
                "suffix": "and passim",
                "mode": "normal",
            },
            {"key": "kim", "prefix": "", "locator": None, "suffix": "", "mode": "suppress-author"},
        ],
    }


def test_a_formatted_citation_reads_as_its_style():
    cite = Citation((CiteItem("lee2001"),), "[@lee2001]", text="(Lee 2001)", html="<i>x</i>")
    doc = Document(
        "d",
        "markdown",
        Metadata(title="T"),
        [Section("", None, [Paragraph("", content=(Text("As "), cite))])],
    )
    paragraph = document_to_json(assign_ids(doc))["sections"][0]["blocks"][0]
    assert paragraph["text"] == "As (Lee 2001)"
    assert paragraph["content"][1]["text"] == "(Lee 2001)"
    assert errors(document_to_json(doc)) == []


def test_blocks_and_metadata_as_json():
    data = document_to_json(every_node_document())
    blocks = data["sections"][0]["blocks"][1:]
    figure, quote, lists, definitions, callout, code, table, rule, raw = blocks
    assert figure == {
        "type": "figure",
        "id": "fig1",
        "caption": "Fig one",
        "src": "f.png",
        "text": "Fig one",
        "caption_content": [
            {"type": "text", "text": "Fig "},
            {"type": "emph", "content": [{"type": "text", "text": "one"}]},
        ],
        "alt": "alt",
        "width": 640,
        "height": 480,
    }
    assert quote["text"] == "Quoted words" and [b["type"] for b in quote["blocks"]] == [
        "paragraph",
        "rule",
    ]
    assert quote["blocks"][0]["id"] == "p2"  # nested paragraphs have anchors too
    assert (lists["ordered"], lists["start"], lists["tight"], lists["text"]) == (
        True,
        3,
        False,
        "one two deep",
    )
    assert [[b["type"] for b in item] for item in lists["items"]] == [
        ["paragraph"],
        ["paragraph", "list"],
    ]
    gloss, scholium = definitions.pop("items")
    assert definitions == {"type": "definitions", "text": "Gloss A note. Scholium Learned."}
    assert (gloss["term"]["id"], gloss["term"]["text"], gloss["tight"]) == ("p6", "Gloss", True)
    assert [[b["type"] for b in d] for d in gloss["definitions"]] == [["paragraph"], ["rule"]]
    assert gloss["definitions"][0][0]["id"] == "p7"
    assert scholium["term"]["content"] == [
        {"type": "emph", "content": [{"type": "text", "text": "Scholium"}]}
    ]
    assert (scholium["tight"], scholium["definitions"][0][0]["text"]) == (False, "Learned.")
    assert callout == {
        "type": "callout",
        "text": "Read it.",
        "kind": "tip",
        "title": [
            {"type": "text", "text": "A "},
            {"type": "emph", "content": [{"type": "text", "text": "tip"}]},
        ],
        "blocks": [
            {
                "type": "paragraph",
                "id": "p10",
                "text": "Read it.",
                "markers": [],
                "content": [{"type": "text", "text": "Read it."}],
            }
        ],
    }
    assert code == {"type": "code", "text": "print(1)\n", "language": "python"}
    assert table["align"] == ["left", "right", ""] and table["text"] == "A B 1 2 3"
    assert table["header"][2] == [] and table["rows"][0][1] == [
        {"type": "strong", "content": [{"type": "text", "text": "2"}]}
    ]
    assert (table["caption"], table["caption_content"]) == (
        "Cap",
        [{"type": "text", "text": "Cap"}],
    )
    assert rule == {"type": "rule", "text": ""}
    assert raw == {"type": "raw", "text": "<div>raw</div>"}
    assert data["notes"][0]["text"] == "First. code Quoted words"
    assert [b["type"] for b in data["notes"][0]["blocks"]] == ["paragraph", "code", "blockquote"]
    assert {k: data[k] for k in sorted(V2_TOP)} == {
        "abstract": {
            "text": "An abstract. Second part.",
            "blocks": [
                {
                    "type": "paragraph",
                    "id": "",
                    "text": "An abstract.",
                    "markers": [],
                    "content": [{"type": "text", "text": "An abstract."}],
                },
                {
                    "type": "paragraph",
                    "id": "",
                    "text": "Second part.",
                    "markers": [],
                    "content": [{"type": "text", "text": "Second part."}],
                },
            ],
        },
        "author_details": [
            {
                "name": "Ann Lee",
                "affiliation": "Uni",
                "orcid": "0000-0001",
                "email": "a@b.org",
                "url": "https://a.org",
            }
        ],
        "date_text": "March 21, 2021",
        "extra": {"when": "2021-03-21", "tags": ["x"], "n": 1},
        "keywords": ["one", "two"],
        "lang": "en-GB",
        "nocite": ["*"],
        "reference_section_title": "Works cited",
        "subtitle": "A test",
    }
    json.dumps(data)  # a date in `extra` is text: the whole export is JSON


def test_a_document_without_the_new_metadata_has_empty_values():
    data = document_to_json(assign_ids(Document("d", "pdf-text", Metadata(title="T"))))
    assert {k: data[k] for k in sorted(V2_TOP)} == {
        "abstract": None,
        "author_details": [],
        "date_text": None,
        "extra": {},
        "keywords": [],
        "lang": None,
        "nocite": [],
        "reference_section_title": None,
        "subtitle": None,
    }
    assert errors(data) == []


def test_the_schema_rejects_what_is_not_the_structure():
    data = document_to_json(every_node_document())
    data["sections"][0]["blocks"][0]["content"].append({"type": "emph", "text": "no content"})
    data["sections"][0]["blocks"][3]["items"] = [{"type": "paragraph"}]
    data["sections"][1]["level"] = 7
    assert errors(data) == [
        "sections/0/blocks/0/content/17: 'content' is a required property",
        "sections/0/blocks/3/items/0: {'type': 'paragraph'} is not of type 'array'",
        "sections/1/level: 7 is greater than the maximum of 6",
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_nested_documents_validate_and_their_text_is_their_contents(doc):
    data = document_to_json(doc)
    check_document(data)
    # The export is the model's own view: the plain forms are those the stages read.
    assert [p.text for p in doc.paragraphs()] == [
        b["text"] for b in _walk(data["sections"]) if b["type"] == "paragraph"
    ]


def _walk(sections: list[dict]):
    def blocks(items):
        for block in items:
            yield block
            if block["type"] in ("blockquote", "callout"):
                yield from blocks(block["blocks"])
            elif block["type"] == "list":
                for item in block["items"]:
                    yield from blocks(item)
            elif block["type"] == "definitions":
                for item in block["items"]:
                    yield from blocks([item["term"]])
                    for definition in item["definitions"]:
                        yield from blocks(definition)

    for section in sections:
        yield from blocks(section["blocks"])


def test_kept_texts_follow_changes_to_paragraphs_and_notes():
    # Paragraph.text and Note.text are kept beside what they were made from; any
    # change of content, paragraph or blocks must show in them.
    paragraph = Paragraph("p1", content=(Text("one  two"),))
    note = Note(1, "fn1", blocks=[paragraph])
    assert (paragraph.text, note.text) == ("one  two", "one two")
    paragraph.content = (Text("three "), Emph((Text("four"),)))
    assert (paragraph.text, note.text) == ("three four", "three four")
    note.blocks[0] = Paragraph("", content=(Text("five"),))
    assert note.text == "five"
    note.blocks.append(Paragraph("", content=(Text("six"),)))
    assert note.text == "five six"
    note.blocks = [Paragraph("", content=(Text("seven"),))]
    assert note.text == "seven"
