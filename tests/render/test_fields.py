"""A source page's field table shows a field's text, never BibTeX syntax."""

from __future__ import annotations

from glossator.render.fields import field_html, field_text

SC = '<span style="font-variant:small-caps;">'


def test_braces_go_and_page_ranges_get_an_en_dash():
    assert field_html("The {NATO} Alliance") == "The NATO Alliance"
    assert field_html("53--76", "pages") == "53–76"
    assert field_html("A--B", "title") == "A--B"  # only a range of pages is a range


def test_paired_rich_text_is_markup_and_the_rest_escaped():
    value = f"<i>Kritik</i> & <b>x <sup>2</sup></b> {SC}nato</span> <i>open"
    assert field_html(value) == (
        '<i>Kritik</i> &amp; <b>x <sup>2</sup></b> <span class="smallcaps">nato</span> '
        "&lt;i&gt;open"
    )
    assert field_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_plain_text_for_labels():
    assert field_text("The {NATO} <i>Kritik</i> <b>") == "The NATO Kritik <b>"
