"""Body-text mentions of UN documents, found through the index of the works' symbols."""

from __future__ import annotations

from glossator.link.corpus import Work
from glossator.link.mentions import find_mentions, mention_index, mention_spans


def works(**symbols: str) -> dict[str, Work]:
    return {k: Work(k, "misc", "un-document", {"un_symbol": s}, True) for k, s in symbols.items()}


def found(text: str, cited: dict[str, Work]) -> list[tuple[str, str]]:
    return [
        (text[m.start : m.end], m.key)
        for m in find_mentions(mention_spans(text), mention_index(cited))
    ]


def test_a_resolution_is_the_first_work_in_key_order_with_its_number_and_year():
    cited = works(b="S/RES/1199 (1998)", a="S/RES/1199 (1999)", c="S/RES/678 (1990)", d="")
    text = "Resolution 1199 (1998) and resolution 1199, then Resolution 678 and Resolution 11."
    assert found(text, cited) == [
        ("Resolution 1199 (1998)", "b"),
        ("resolution 1199", "a"),
        ("Resolution 678", "c"),
    ]


def test_a_draft_is_its_exact_symbol_and_never_a_resolution():
    cited = works(r="S/RES/2014 (2014)", s="S/2014/189", t="S/2014/189")
    assert found("Draft Resolution 2014/189 failed.", cited) == [("Draft Resolution 2014/189", "s")]
    assert found("Draft Resolution 2014 failed.", cited) == []  # a draft's symbol has a slash
    assert found("Resolution 2014/189 passed.", cited) == []  # no S/RES/2014/189 is cited


def test_a_symbol_without_its_year_is_not_a_resolution_by_number():
    assert found("Resolution 1199.", works(a="S/RES/1199", b="S/RES/11990 (1998)")) == []
