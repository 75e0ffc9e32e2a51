"""Images of Markdown essays: local files inside content/ (with their size), the rest
reported with the line to fix."""

from __future__ import annotations

import re
import struct
import zlib
from urllib.parse import unquote

from glossator.cli import main
from glossator.ingest import images
from glossator.ingest.corpus import read_corpus, read_each
from glossator.model.inline import Image


def png(width: int, height: int) -> bytes:
    """A valid PNG of one grey pixel per row, the size in its IHDR header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


ESSAY = """---
title: Pictures
---

![A map](images/map.png)

![Gone](images/gone.png)

![Elsewhere](../../secret.png)

![Remote](https://example.org/a.png)

See ![inline](/images/map.png) and ![lost](lost.png) here.

![Root](/images/map.png)
"""


def test_images_are_checked_and_measured(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "essays" / "images").mkdir(parents=True)
    (content / "essays" / "images" / "map.png").write_bytes(png(30, 20))
    (content / "images").mkdir()
    (content / "images" / "map.png").write_bytes(png(4, 5))
    (tmp_path / "secret.png").write_bytes(png(1, 1))
    (content / "essays" / "pictures.md").write_text(ESSAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(content)
    assert [str(d) for d in corpus.diagnostics] == [
        "content/essays/pictures.md:7: error: image `images/gone.png` not found at "
        "content/essays/images/gone.png; add the file or fix the path [image.missing]",
        "content/essays/pictures.md:9: error: image `../../secret.png` is outside content/; "
        "move it into content/ and link it relative to the essay [image.outside-content]",
        "content/essays/pictures.md:11: warning: image `https://example.org/a.png` is on "
        "another site, and the site loads nothing from elsewhere, so the page links to it "
        "instead of showing it; download it into content/ and link it from there to show it "
        "[image.remote]",
        "content/essays/pictures.md:13: error: image `lost.png` not found at "
        "content/essays/lost.png; add the file or fix the path [image.missing]",
    ]
    (doc,) = corpus.documents
    figures = doc.figures()
    assert [(f.src, f.width, f.height) for f in figures] == [
        ("images/map.png", 30, 20),
        ("images/gone.png", None, None),
        ("../../secret.png", None, None),
        ("https://example.org/a.png", None, None),
        ("../images/map.png", 4, 5),  # from the page essays/pictures.html
    ]
    inline = [n for n in doc.paragraphs()[0].content if isinstance(n, Image)]
    assert [i.src for i in inline] == ["../images/map.png", "lost.png"]
    assert corpus.assets == {
        "essays/images/map.png": png(30, 20),
        "images/map.png": png(4, 5),
    }


PUBLISHED = """---
title: Pictures
---

![A map](images/map.png)

Also ![the plan](/plans/plan%20one.png) inline.
"""


def test_local_images_are_published_beside_the_page_and_their_links_resolve(tmp_path):
    content = tmp_path / "content"
    (content / "essays" / "images").mkdir(parents=True)
    (content / "essays" / "images" / "map.png").write_bytes(png(30, 20))
    (content / "plans").mkdir()
    (content / "plans" / "plan one.png").write_bytes(png(2, 3))
    (content / "essays" / "pictures.md").write_text(PUBLISHED, encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", "--content", str(content), "--out", str(out), "--strict"]) == 0
    page = (out / "essays" / "pictures.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert sources == ["images/map.png", "../plans/plan%20one.png"]
    for src in sources:
        published = (out / "essays" / unquote(src)).resolve()
        assert published.is_relative_to(out.resolve()) and published.is_file()
    assert (out / "essays" / "images" / "map.png").read_bytes() == png(30, 20)
    assert 'width="30" height="20"' in page


def test_a_file_that_is_not_a_web_image_is_refused(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "essays").mkdir(parents=True)
    (content / "essays" / "notes.txt.md").write_text("", encoding="utf-8")
    (content / "essays" / "secret.yaml").write_text("a: 1\n", encoding="utf-8")
    essay = "---\ntitle: T\n---\n\n![Data](secret.yaml)\n"
    (content / "essays" / "pictures.md").write_text(essay, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(content)
    assert "content/essays/pictures.md:5: error: image `secret.yaml` is not a web image; " in (
        "\n".join(str(d) for d in corpus.diagnostics)
    )
    assert corpus.assets == {}


def test_a_document_read_again_as_the_same_object_is_not_walked_again(tmp_path, monkeypatch):
    """Serve's documents are the very objects of the last build: their image sources
    are those found then. An essay edited (another object) is walked, and its new
    image published."""
    content = tmp_path / "content"
    (content / "essays" / "images").mkdir(parents=True)
    (content / "essays" / "images" / "map.png").write_bytes(png(3, 2))
    plain = "---\ntitle: Plain\n---\n\nNo pictures.\n"
    (content / "essays" / "plain.md").write_text(plain, "utf-8")
    (content / "essays" / "edited.md").write_text(plain.replace("Plain", "Edited"), "utf-8")
    kept: dict = {}

    def read_many(paths, root):  # as the cache in memory does: the same object again
        for path in paths:
            if kept.get(path, (None, b""))[1] != path.read_bytes():
                kept[path] = (read_each([path], root)[0], path.read_bytes())
        return [kept[path][0] for path in paths]

    walked: list[str] = []
    real = images._sources
    monkeypatch.setattr(images, "_sources", lambda doc: walked.append(doc.slug) or real(doc))
    first = read_corpus(content, read_many)
    assert sorted(walked) == ["edited", "plain"] and first.assets == {}
    walked.clear()
    (content / "essays" / "edited.md").write_text(
        "---\ntitle: Edited\n---\n\n![A map](images/map.png)\n", "utf-8"
    )
    second = read_corpus(content, read_many)
    assert walked == ["edited"]
    assert list(second.assets) == ["essays/images/map.png"]
    figure = second.documents[0].figures()[0]
    assert (second.documents[0].slug, figure.src, figure.width) == ("edited", "images/map.png", 3)
    walked.clear()
    read_corpus(content, read_many)
    assert walked == []
