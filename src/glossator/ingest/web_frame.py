"""The shapes of a web page's frame: the lines around an article that are not the article.

News sites and blogs put the same kinds of lines around every article, whatever their
wording: bylines and dates, reading times, photo credits, share and comment bars,
tags, related posts, newsletter boxes, copyright lines. Each is recognised here by its
shape (a short line of a known kind), never by one site's text, so that `web_text`
can keep them out of the body, and never mistake a paragraph of the body for one: a
body paragraph is prose, a frame line is short.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = (
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?"
    rf"\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
TIME = r"(?:\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
DATE_LINE = re.compile(
    rf"^(?:(?:published|posted|updated|last\s+updated|first\s+published|modified)"
    rf"(?:\s+on)?:?\s+)?(?:{WEEKDAY}\s+)?{DATE}(?:,?\s*(?:at\s+)?{TIME})?",
    re.IGNORECASE,
)
READING_TIME = re.compile(r"^\d+\s*(?:-|\s)?(?:min(?:ute)?s?|mins?)\.?(?:\s+read)?$", re.I)
SEPARATORS = re.compile(r"\s*(?:[|·•—–]|\s-\s)\s*")

# Lines that are the frame wherever they stand (inside the body too).
STRAY = re.compile(
    r"^(?:advertisement|story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"(?:related|read more|see also|also read|recommended|more on this story)\s*:\s*.+|"
    r"skip (?:to|past) .+|share|tweet|email|print|copy link|whatsapp|facebook|twitter|x|"
    r"linkedin|reddit|pinterest|telegram|flipboard|save|save article|share this (?:article|"
    r"story|post)|share on .+|loading\.\.\.|like loading\.\.\.|follow|listen|restack)$",
    re.IGNORECASE,
)
# Lines after which nothing more of the article comes.
FOOTER = re.compile(
    r"^(?:related(?: posts| articles| stories| reading| content)?|you (?:may|might) also "
    r"like|more (?:from|in|on|by) .+|more stories|most (?:popular|read|viewed)|trending(?: now)?|"
    r"read next|up next|recommended(?: for you| stories)?|comments?|\d+ (?:comments?|replies|"
    r"responses)|comments? \(\d+\)|(?:view|show|read|join|add) (?:the )?(?:\d+ )?comments?|"
    r"leave a (?:reply|comment)|post a comment|share this:?|like this:?|tags?:.*|"
    r"topics?(?::.*)?|categor(?:y|ies):.*|filed under:.*|posted in:.*|about the authors?|"
    r"(?:sign up|subscribe|get) .*(?:newsletter|updates|inbox).*|subscribe(?: now| to .+)?|"
    r"©.*|copyright\b.*|all rights reserved\.?.*|(?:previous|next) (?:post|article|story):?.*|"
    r"(?:newer|older) post(?: .*)?|<< home|no comments:?|\d+ comments?:|labels?:.*|"
    rf"links to this post:?|discussion about this post|posted by .+ at {TIME}|written by .+|"
    r"\d+ followers)$",
    re.IGNORECASE,
)
# A photo's credit on its own line, wherever it stands: `Photo by A. Person on Unsplash`.
CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy of|via)\s+(?P<credit>\S.*)$", re.I
)
MAX_FRAME_WORDS = 12  # a frame line is short; a longer line is prose even if it matches


def words(text: str) -> int:
    return len(text.split())


def is_stray(text: str) -> bool:
    """A share button, an advertisement label, an inline `Related: ...` link."""
    return words(text) <= MAX_FRAME_WORDS and bool(STRAY.match(text))


def credit_line(text: str) -> str | None:
    """The credit of a line that is only a photo's credit (no sentence)."""
    match = CREDIT_LINE.match(text)
    if not match or words(text) > MAX_FRAME_WORDS or is_prose(text):
        return None
    return match.group("credit").strip()


def is_footer(text: str) -> bool:
    """A line that starts the page's footer: related posts, comments, tags, newsletter.
    It is no sentence (`Comments were few.` is prose), unless it is a copyright line."""
    if words(text) > MAX_FRAME_WORDS or not FOOTER.match(text):
        return False
    return not is_prose(text) or bool(re.match(r"(?:©|copyright|all rights)", text, re.I))


def is_date_line(text: str) -> bool:
    """A line that is a date (maybe with a time, or a reading time beside it)."""
    if words(text) > MAX_FRAME_WORDS:
        return False
    text = re.sub(r"(?<=min read)(?=\w)", " | ", text, flags=re.I)  # `4 min readSep 25`
    parts = [part for part in SEPARATORS.split(text) if part]
    return (
        bool(parts)
        and any(DATE_LINE.fullmatch(p) for p in parts)
        and all(DATE_LINE.fullmatch(p) or READING_TIME.fullmatch(p) for p in parts)
    )


def is_reading_time(text: str) -> bool:
    return bool(READING_TIME.match(text))


def is_prose(text: str) -> bool:
    """A body paragraph: it ends a sentence, or it is long."""
    return bool(re.search(r"[.!?…][”’\"')\]]*$", text)) or words(text) > 25
