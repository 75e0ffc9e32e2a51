"""`Ibid.` and Chicago short forms, and how one names an earlier work.

A short form is "Author, Short Title, page" (Chicago 14.29), "Author, page" when the
essay cites one work by that author, or "Short Title, page" for an unsigned work. The
short title drops a leading article, keeps up to a few key words, and may end before
the subtitle; case, accents and punctuation are not part of the match.
"""

from __future__ import annotations

import difflib
import re

from glossator.model.values import frozen_value
from glossator.notes.names import caseless, fold, looks_like_name_or_org, word_set
from glossator.notes.parse_note import ParsedWork

_NUM = r"(?:\d+(?:\s*[–\-]+\s*\d+)?(?:\s*nn?\.?\s*\d+)?|[ivxlc]+(?:[–\-][ivxlc]+)?|[IVXLC]+)\b"
_LOC = rf"(?:vol\.\s*\d+,?\s*)?(?:pp?\.\s*|nn?\.\s*)?{_NUM}(?:\s*(?:,|and|nn?\.)\s*{_NUM})*"
# "Ibid., 45.", the legal "Id. at 495." (Chicago 14.34, 14.276), Japanese and Chinese 同上
IBID = re.compile(
    rf"^(?:ibid(?:em)?\.?|id\.|同上|同前|同書|同书)(?:(?:,\s*|\s+)(?:at\s+)?(?P<locator>{_LOC}))?"
    r"\s*\.?$",
    re.I,
)
# A case's short form: "Brown, 347 U.S. at 495." (Chicago 14.276)
_CASE_SHORT = re.compile(
    r"^(?P<name>[^,“”\"()]{2,80}?),\s*(?P<report>\d+\s+[A-Z][\w.]*(?:\s[\w.]+){0,3}?)"
    r"\s+at\s+(?P<locator>\d+(?:[-–]\d+)?)\.?$"
)
_WITH_TITLE = re.compile(
    r"^(?P<author>[^,“”\"()\[\]]{2,80}?),\s*"
    r"(?:[“\"](?P<quoted>[^“”\"]{1,200}?)[,.]?[”\"]|(?P<title>[^“”\"()\[\]]{1,160}?))"
    rf"(?:(?:,\s*|\s+)(?P<locator>{_LOC}))?\s*\.?$"
)
_NO_TITLE = re.compile(rf"^(?P<first>[^,“”\"()\[\]\d]{{2,120}}?),\s*(?P<locator>{_LOC})\s*\.?$")
_QUOTED_ONLY = re.compile(
    rf"^[“\"](?P<quoted>[^“”\"]{{1,200}}?)[,.]?[”\"](?:\s+(?P<locator>{_LOC}))?\s*\.?$"
)

# Leading articles of the languages essays cite in: English, French, Spanish, Italian,
# Portuguese, German, Dutch. A short title may drop them ("Grafton, Footnote").
_ARTICLES = word_set(
    "the a an le la les l un une el los las il lo gli i o os as der die das ein eine de het een"
)
_OP_CIT = re.compile(r"op\.\s*cit\.?|前掲書?|前揭书|上引书", re.I)
_ROMAN_START = re.compile(r"([IVXLC]+)\b(?:\s*,\s*(.+))?$")
_NAME_NOISE = word_set("and et al others ed eds trans")


def title_words(title: str) -> list[str]:
    """A title's folded words without a leading article."""
    words = fold(title).split()
    return words[1:] if len(words) > 1 and words[0] in _ARTICLES else words


def name_words(work: ParsedWork) -> set[str]:
    """Every folded word of the work's authors, editors or issuing body."""
    text = " ".join(work.field(f) or "" for f in ("author", "editor", "organization"))
    return set(fold(text.replace("{", "").replace("}", "")).split()) - _NAME_NOISE


def _family_of(word: str, names: set[str]) -> bool:
    """ "丸山" of "丸山眞男": a name written without spaces is shortened to its family part."""
    return bool(word) and caseless(word[0]) and any(n.startswith(word) for n in names)


def work_label(work: ParsedWork) -> str:
    """ "Grafton, The Footnote": how a warning names a work to its author."""
    author = (work.field("author") or work.field("editor") or "").split(" and ")[0]
    family = author.strip("{}").split(",")[0].strip()
    title = re.split(r"[:?!]\s", work.field("title") or work.field("note") or "")[0]
    words = title.split()
    title = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return f"{family}, {title}" if family and title else family or title or "(untitled)"


def _identity(work: ParsedWork) -> tuple[str, ...]:
    """Two notes may give one work more or less fully; this is what they share."""
    main = re.split(r"[:?!]\s", work.field("title") or "")[0]
    return (fold(work_label(work).split(",")[0]), work.field("year") or "", fold(main))


@frozen_value
class ShortForm:
    text: str
    author: tuple[str, ...]  # folded words; () when the form names no author
    title: tuple[str, ...]  # folded words without a leading article; () when none
    locator: str | None
    either: bool = False  # "Footnote, 45": the one name is an author or a title
    report: str | None = None  # a case's volume and reporter ("347 U.S.")
    # "Hill, CIL, 1": the author's work titled "CIL" at page 1, or pages CIL and 1 of
    # the author's one work; the titled reading is taken when a work fits it
    titled: ShortForm | None = None

    def reading(self, earlier: list[ParsedWork]) -> ShortForm:
        """This form, or its titled reading when exactly one earlier work fits that."""
        if self.titled and len(self.titled.matches(earlier)) == 1:
            return self.titled
        return self

    def _case_fits(self, work: ParsedWork) -> bool:
        cited = fold(work.field("howpublished") or "")
        return cited.startswith(fold(self.report or "")) and self._title_fits(work)

    def _author_fits(self, work: ParsedWork) -> bool:
        words = [w for w in self.author if w not in _NAME_NOISE]
        names = name_words(work)
        return bool(words) and all(w in names or _family_of(w, names) for w in words)

    def _title_fits(self, work: ParsedWork, words: tuple[str, ...] | None = None) -> bool:
        short = list(words or self.title)
        full = title_words(work.field("title") or "")
        if not short or not full:
            return False
        if full[: len(short)] == short:
            return True
        it = iter(full)  # key words in their order: "Footnote" of "The Footnote: A…"
        return len(short) >= 2 and all(w in it for w in short)

    def matches(self, earlier: list[ParsedWork]) -> list[ParsedWork]:
        """The distinct earlier works this form can mean (latest form of each)."""
        if self.report:
            found = [w for w in earlier if w.kind == "legal-case" and self._case_fits(w)]
        elif self.either:
            found = [w for w in earlier if self._author_fits(w)]
            if not found:
                found = [w for w in earlier if self._title_fits(w, self.author)]
        elif self.author and self.title:
            found = [w for w in earlier if self._author_fits(w) and self._title_fits(w)]
        elif self.title:
            found = [w for w in earlier if self._title_fits(w)]
        else:
            found = []
        distinct: dict[tuple[str, ...], ParsedWork] = {}
        for work in found:
            distinct[_identity(work)] = work
        return list(distinct.values())


def read_short(text: str) -> ShortForm | None:
    """The short form `text` is written in, or None when it cannot be one."""
    text = text.strip()
    if not text or re.search(r"https?://|\(", text):
        return None  # short forms carry no address or publication facts
    form = _read(text)
    named = " ".join(form.author + form.title) if form else ""
    if form is None or re.search(r"\b1[4-9]\d\d\b|\b20\d\d\b", named):
        return None  # a year outside the page cited: a full citation
    return form


def _read(text: str) -> ShortForm | None:
    if m := _CASE_SHORT.match(text):
        name = tuple(title_words(m["name"]))
        return ShortForm(text, (), name, m["locator"], report=m["report"])
    if m := _QUOTED_ONLY.match(text):
        return ShortForm(text, (), tuple(title_words(m["quoted"])), m["locator"])
    if m := _NO_TITLE.match(text):
        first = m["first"].strip()
        if not looks_like_name_or_org(first) or len(first.split()) > 8:
            return None
        titled = _with_title(text)
        titled = titled if titled and titled.title else None
        return ShortForm(text, tuple(fold(first).split()), (), m["locator"], True, None, titled)
    return _with_title(text)


def _with_title(text: str) -> ShortForm | None:
    if m := _WITH_TITLE.match(text):
        author, title = m["author"].strip(), (m["quoted"] or m["title"] or "").strip()
        if _OP_CIT.fullmatch(title) and looks_like_name_or_org(author):  # "Grafton, op. cit., 5"
            return ShortForm(text, tuple(fold(author).split()), (), m["locator"], either=True)
        if not looks_like_name_or_org(author) or len(author.split()) > 6:
            return None
        if not m["quoted"] and len(title.split()) > 14:
            return None
        names = tuple(fold(author).split())
        locator = m["locator"]
        roman = _ROMAN_START.match(locator or "") if m["title"] else None
        titled = None
        if roman and not text[m.end("title") : m.start("locator")].strip():
            # "Hill, Law CCV, 1": pages CCV and 1 of "Law", or page 1 of "Law CCV"
            longer = tuple(title_words(f"{title} {roman[1]}"))
            titled = ShortForm(text, names, longer, roman[2])
        return ShortForm(text, names, tuple(title_words(title)), locator, titled=titled)
    return None


def suggest(form: ShortForm, earlier: list[ParsedWork]) -> list[str]:
    """Up to three earlier works the author may have meant, named as in a short form."""
    by_author = [w for w in earlier if form.author and form._author_fits(w)]
    if by_author:
        return [work_label(w) for w in by_author[-3:]]
    labels = {work_label(w): w for w in earlier}
    wanted = " ".join(form.author + form.title)
    keyed = {fold(label): label for label in labels}
    close = difflib.get_close_matches(wanted, list(keyed), n=3, cutoff=0.5)
    return [keyed[c] for c in close]
