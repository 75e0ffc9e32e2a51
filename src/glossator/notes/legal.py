"""Legal sources in note form: cases (US reports, ICJ, neutral citations, the EU Court),
statutes and EU acts, treaties. Their shapes are fixed by the law reports and treaty
series, so each is one pattern; none needs a list of parties or courts.
"""

from __future__ import annotations

import re

from glossator.notes import shapes as S
from glossator.notes.work import ParsedWork, make_work

_CASE = re.compile(
    r"^(?P<title>[^,()]+?\sv\.?\s[^,]+?),\s*(?P<report>(?:\d+\s+)?[A-Z][\w.]*(?:\s[\w.]+){0,4}?\s+\d+)"
    r"(?:,\s*(?P<pin>\d+(?:[-–]\d+)?))?\s*\((?P<court>[^()]*?)\s*(?P<year>\d{4})\)\.?$"
)
_ICJ = re.compile(
    r"^(?P<title>.+?),\s*(?P<genre>Judgment|Advisory Opinion|Order|Award)[^,]*,\s*"
    r"(?P<report>(?P<year>\d{4})\s+I\.\s?C\.\s?J\.\s+\d+)(?:,\s*(?P<pin>\d+))?"
    r"(?:\s*\((?P<date>[^()]*)\))?\.?$"
)
_NEUTRAL = re.compile(
    r"^(?P<title>.+?\sv\.?\s.+?)\s*\[(?P<year>\d{4})\]\s*(?P<report>[A-Z][\w ]*?\d+)\.?$"
)
_TREATY = re.compile(
    r"^(?P<title>(?:Charter|Treaty|Convention|Covenant|Protocol|Agreement|Statute|Pact)"
    r"\s+(?:of|on|for|between|relating|concerning|against)\s[^,]+)"
    r"(?:,\s*(?P<date>(?:\w+\s+\d{1,2},\s+|\d{1,2}\s+\w+\s+)?\d{4}))?"
    r"(?:,\s*(?P<series>\d+\s+U\.?N\.?T\.?S\.?\s+\d+|[^,]*Treaty Series[^,]*))?"
    r"(?:,\s*(?P<loc>(?:arts?\.|para\.|preamble)[^,]*))?\.?$"
)
_EU_CASE = re.compile(
    r"^(?:Joined\s+)?Cases?\s+(?P<number>[A-Z]?-?\d+/\d+(?:\s*(?:and|,)\s*[A-Z]?-?\d+/\d+)*),\s*"
    r"(?P<title>.+?\sv\.?\s.+?),\s*(?P<report>(?P<year>\d{4})\s+E\.?C\.?R\.?\s+[\w-]+"
    r"|ECLI:[\w:.]+|EU:C:(?P<year2>\d{4}):\d+)\.?$"
)
_EU_ACT = re.compile(
    r"^(?P<title>(?:Council\s+|Commission\s+)?(?:Framework\s+|Implementing\s+|Delegated\s+)?"
    r"(?:Decision|Directive|Regulation)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?\d+/\d+(?:/\w+)?.*?)"
    r",\s*(?:Official Journal of the European (?:Union|Communities)|OJ)\s*,?\s*(?P<cite>[^()]*?)"
    r"(?:,\s*(?P<date>\d{1,2}\s+\w+\s+\d{4}))?\.?$"
)
_STATUTE = re.compile(
    r"^(?P<title>[^,]*\bAct\b[^,]*?),\s*(?P<cite>(?:Pub\.\s?L\.\s?(?:No\.\s?)?\d+-\d+|c\.\s?\d+"
    r"|\d+\s+U\.S\.C\.[^,()]*|\d+\s+Stat\.\s+\d+)(?:,\s*(?:\d+\s+Stat\.\s+\d+|\d+\s+U\.S\.C\.[^,()]*))*)"
    r"(?:\s*\((?P<year>\d{4})\))?\.?$"
)


def case_or_statute(raw: str, locator: str | None, text: str) -> ParsedWork | None:
    """ "Brown v. Board of Education, 347 U.S. 483 (1954)", an ICJ judgment, an Act."""
    for pattern in (_CASE, _ICJ, _NEUTRAL):
        if m := pattern.match(text):
            parts = m.groupdict()
            court = (parts.get("court") or "").strip() or None
            return make_work(
                "legal-case",
                raw,
                locator or parts.get("pin"),
                title=parts["title"].strip(),
                howpublished=parts["report"].strip(),
                organization=court
                or ("International Court of Justice" if pattern is _ICJ else None),
                year=parts["year"],
            )
    if m := _TREATY.match(text):
        date = S.parse_date(m["date"] or "") or {}
        return make_work(
            "treaty",
            raw,
            locator or m["loc"],
            title=m["title"].strip(),
            howpublished=m["series"],
            **date,
        )
    if m := _EU_CASE.match(text):
        return make_work(
            "legal-case",
            raw,
            locator,
            title=m["title"].strip(),
            number=m["number"],
            howpublished=m["report"],
            organization="Court of Justice",
            year=m["year"] or m["year2"],
        )
    if m := _EU_ACT.match(text):
        date = S.parse_date(m["date"] or "") or {}
        return make_work(
            "legislation", raw, locator, title=m["title"].strip(), number=m["cite"] or None, **date
        )
    if m := _STATUTE.match(text):
        year = m["year"] or (re.search(r"\b(1[6-9]|20)\d\d\b", m["title"]) or [None])[0]
        return make_work(
            "legislation", raw, locator, title=m["title"].strip(), number=m["cite"], year=year
        )
    return None
