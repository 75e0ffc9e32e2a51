"""Official documents: UN resolutions, drafts and press releases (by their real
symbols), legislation; and the readable keys of every work.

Split from parse_note.py so the rules for documents of governments and international
bodies can be read together.
"""

from __future__ import annotations

import re

from glossator.notes import kinds as K
from glossator.notes import shapes as S
from glossator.notes.names import looks_like_name_or_org
from glossator.notes.work import ParsedWork, authors_field, make_work


def parse_un(raw: str, locator: str | None, elements: list[str]) -> ParsedWork | None:
    hits = [i for i, el in enumerate(elements) if K.is_un_document(el)]
    if not hits:
        return None
    i = hits[0]
    el = elements[i]
    res, draft, press = K.UN_RES.match(el), K.UN_DRAFT.match(el), K.UN_PRESS.match(el)
    author_text = ". ".join(elements[:i])
    if author_text and not looks_like_name_or_org(author_text):
        return None
    by_un = K.is_un_body(author_text) or K.is_un_body(el)
    if press and not by_un and not K.UN_PRESS_SYMBOL.fullmatch(press["rest"].strip()):
        return None  # "Press Release" of a ministry, a company, an NGO: not the UN's
    if (res or draft) and not by_un:
        return None  # a resolution of a parliament, a council, a party congress
    rest, date = S.split_trailing_date(". ".join(elements[i + 1 :]))
    if rest.strip(" ."):
        return None
    common = dict(author=authors_field(author_text), **date)
    if res:
        year = res["year"] or date.get("year")
        if "/" in res["num"]:  # General Assembly: the session is in the number, "70/1"
            symbol = f"A/RES/{res['num']}"
        else:
            symbol = f"S/RES/{res['num']}" + (f" ({year})" if year else "")
        return make_work(
            "un-resolution",
            raw,
            locator,
            title=el,
            number=res["num"],
            un_symbol=symbol,
            url=K.undocs_url(symbol),
            **common | {"year": year},
        )
    if draft:
        symbol = f"S/{draft['year']}/{draft['num']}"
        return make_work(
            "un-draft-resolution",
            raw,
            locator,
            title=el,
            un_symbol=symbol,
            url=K.undocs_url(symbol),
            **common | {"year": date.get("year") or draft["year"]},
        )
    rest = press["rest"].strip()
    if K.UN_SYMBOL.fullmatch(rest):
        url = K.press_release_url(rest, date)
        return make_work(
            "un-press-release",
            raw,
            locator,
            title=el,
            howpublished="Press release",
            un_symbol=rest,
            url=url,
            **common,
        )
    return make_work(
        "un-press-release", raw, locator, title=rest, howpublished="Press release", **common
    )


def parse_legislation(raw: str, locator: str | None, elements: list[str]) -> ParsedWork | None:
    bills = [e for e in elements if K.BILL.fullmatch(e)]
    sessions = [e for e in elements if K.CONGRESS.fullmatch(e)]
    acts = [e for e in elements if re.search(r"\bAct\b", e)]
    if not acts or not (bills or sessions):
        return None
    title = acts[0]
    author = ". ".join(elements[: elements.index(title)])
    rest = [e for e in elements[elements.index(title) + 1 :] if e not in bills + sessions]
    rest_text, date = S.split_trailing_date(". ".join(rest))
    if rest_text.strip(" ."):
        return None
    return make_work(
        "legislation",
        raw,
        locator,
        author=authors_field(author),
        title=title,
        number=bills[0] if bills else None,
        note=", ".join(sessions) or None,
        **date,
    )


def work_key(work: ParsedWork) -> str:
    """A readable, stable BibTeX key: name + year + first significant title word."""
    year = work.field("year") or ""
    author = (work.field("author") or "").split(" and ")[0]
    body = K.un_body(author.strip("{}"), work.field("un_symbol"))
    symbol = work.field("un_symbol")
    if symbol and body:
        if work.kind == "un-resolution":
            return f"{body}{year}res{K.ascii_alnum(symbol.split('/RES/')[1].split(' (')[0])}"
        if work.kind == "un-draft-resolution":
            return f"{body}{year}draft{symbol.rsplit('/', 1)[1]}"
        return f"{body}{year}{K.ascii_alnum(symbol)}"
    skip: set[str] = set()
    if author.startswith("{"):
        words = K.significant_words(author)
        skip = set(words)
        name = body or (words[0] if words else "")
    else:
        name = K.ascii_alnum(author.split(",")[0])
    title_words = [w for w in K.significant_words(work.field("title") or "") if w not in skip]
    if not name and not title_words and work.field("note"):
        words = K.significant_words(work.field("note") or "")[:2]
        return "note" + "".join(words) + year
    if not name:
        title = work.field("title") or ""
        name = K.script_key(author.split(",")[0], title) or (
            title_words.pop(0) if title_words else "anon"
        )
    title_words = [w for w in title_words if w != name]
    return name + year + (title_words[0] if title_words else "")
