"""Page frames for the web-text reader, designed from the shapes of real blogs and news
sites (text copied out of the page, one paragraph per line), filled with our own words.

A frame is a list of parts around the body; each part may be left out. What the reader
must find is known from the parts chosen: the title, the site, the authors, the photo
credit, the bio, and the body paragraphs exactly (never cut, no frame line inside).

The seven frames (docs/readers.md names the real pages each follows):
- `blog`: a WordPress-like post: site, title, a byline ("Posted on <date> by <name>",
  "Written by <name> | <date> 11:00:00 PM", or the date alone), categories, body,
  "Share this:" buttons, "Like this:", "Related" posts, "Leave a Reply" and the
  comment form's lines.
- `newspaper`: maybe "Skip to main content", site, section kicker, title, dek, byline
  with two authors, published and updated dates, a photo caption ending in its
  credit, the body with "Advertisement" and inline "Related: ..." links inside,
  topics, comment count, a "Most popular" list.
- `magazine`: site, title twice, subtitle, "By <name>", reading time, image credit,
  body, "About the author" and a bio, "More from <site>".
- `wire`: title, "<name> | <date> | 5 min read", share bar, body, copyright line.
- `newsletter`: site, title, subtitle, author name and date on their own lines, like
  and share counts, body, "Discussion about this post", subscribe box, comments, the
  author's name and bio.
- `blogger`: site (or not), the date above the title ("Sunday, November 25, 2007"),
  body, "Posted by <name> at 11:52 PM", "No comments:", labels, "<< Home".
- `medium`: title, dek, the author's name (and "Follow"), "6 min readSep 25, 2022"
  (glued, or with "·"), "Listen", "Share", body with "Photo by <name> on Unsplash"
  between paragraphs, "Written by <name>", followers, "More from <name>".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st


@dataclass
class Page:
    text: str
    body: list[str]
    title: str
    publication: str | None = None
    authors: list[str] = field(default_factory=list)
    credit: str | None = None
    bio: str | None = None
    frame: list[str] = field(default_factory=list)  # every frame line, none in the body
    kind: str = ""  # which of FRAMES


SITES = ["The Harbour Review", "Northern Ledger", "Field Notes Quarterly", "Valley Courier"]
TITLES = [
    "What the Ledgers Tell Us About the Flood",
    "Why the Glacier Survey Still Matters",
    "An Orchestra Without a Hall",
    "The Quiet Economics of Beekeeping",
]
KICKERS = ["Opinion", "Science", "History | Archives", "Long Read"]
DEKS = [
    "A century of records shows how a small town priced its own risk.",
    "Surveyors returned to the same stakes every winter for forty years.",
]
NAMES = ["Ines Almeida", "Tomasz Nowak", "Grace O'Neill", "Kwame Mensah", "Ana de la Vega"]
DATES = ["March 3, 2012", "3 March 2024", "Tue 14 May 2019 06.00 BST", "2021-11-08"]
CREDITS = ["Jane Roe/Harbour Photo Agency", "Archive of the Valley Museum", "T. Lind"]
CAPTIONS = ["Fishing boats in the harbour at dawn.", "The survey hut in the winter of 1962."]
RELATED = ["Ten Years of Harbour Works", "The Bees of the Upper Valley", "Letters From the Ice"]

SENTENCES = [
    "The harbour authority kept its accounts in a single ledger until 1911.",
    "By 1990, the cooperative had bought the last of the private mills.",
    "Most of the surviving letters were written in the winter months.",
    "Nobody at the time thought the stakes would outlast the surveyors.",
    "The council met twice a year, and both meetings were about money.",
    "Related questions were left to the parish, which had no money either.",
    "Comments in the margins show who read the ledger, and when.",
    "On 3 March 2012 the last hive was moved to the lower meadow.",
    "Share prices meant little to a town that traded in fish and timber.",
    "Like most archives, this one was saved by accident.",
    "What did the records leave out?",
    "The answer, as so often, is the work of women.",
    "Photographs of the quay survive from every decade but one.",
    "Ines Almeida said the ledgers were the best source she had found.",
]


@st.composite
def bodies(draw: st.DrawFn) -> list[str]:
    """Paragraphs of one to four of our sentences; some are short, some begin like frame
    lines ("By 1990," "Related questions", "Comments in", "Share prices", a date)."""
    count = draw(st.integers(1, 6))
    return [
        " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
        for _ in range(count)
    ]


FRAMES = ["blog", "newspaper", "magazine", "wire", "newsletter", "blogger", "medium"]
WEEKDAYS = ["Saturday, November 1, 2008", "Sunday, November 25, 2007", "Tuesday, March 3, 2012"]


@st.composite
def pages(draw: st.DrawFn) -> Page:
    frame = draw(st.sampled_from(FRAMES))
    body = draw(bodies())
    site, title = draw(st.sampled_from(SITES)), draw(st.sampled_from(TITLES))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
    date, credit = draw(st.sampled_from(DATES)), draw(st.sampled_from(CREDITS))
    bio = f"{names[0]} writes about harbours, archives and the people who keep them."
    on = st.booleans()
    page = Page("", body, title, authors=names[:1], kind=frame)
    head: list[str] = []
    tail: list[str] = []
    if frame == "blog":
        page.publication = site
        byline = draw(st.sampled_from(["posted", "written", "date"]))
        head = [site, title]
        if byline == "posted":
            head.append(f"Posted on {date} by {names[0]}")
        elif byline == "written":  # `Written by Tom | Apr 5, 2017 11:00:00 PM`
            head.append(f"Written by {names[0]} | {date} 11:00:00 PM")
        else:  # the date alone under the title, no author named
            head.append(date)
            page.authors = []
        if draw(on):
            head.append("Categories: History, Archives")
        tail = ["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."]
        if draw(on):
            tail += ["Related", *RELATED]
        tail += ["Leave a Reply"]
        if draw(on):
            tail += [
                "Your email address will not be published. Required fields are marked *",
                "Comment",
                "Name *",
            ]
    elif frame == "newspaper":
        page.publication, page.authors = site, names
        head = ["Skip to main content"] if draw(on) else []
        head.append(site)
        if draw(on):
            head.append(draw(st.sampled_from(KICKERS)))
        head.append(title)
        if draw(on):
            head.append(draw(st.sampled_from(DEKS)))
        head.append("By " + " and ".join(names))
        head.append(f"Published {date}")
        if draw(on):
            head.append(f"Updated {date}")
        if draw(on):
            page.credit = credit
            head.append(f"{draw(st.sampled_from(CAPTIONS))} Photograph: {credit}")
        tail = ["Topics", "Harbours", "Archives", f"{draw(st.integers(2, 300))} comments"]
        tail += ["Most popular", *RELATED]
    elif frame == "magazine":
        page.publication, page.bio = site, bio
        head = [site, title]
        if draw(on):
            head.append(title)
        if draw(on):
            head.append(draw(st.sampled_from(DEKS)))
        head += [f"By {names[0]}", f"{draw(st.integers(3, 40))} min read"]
        if draw(on):
            page.credit = credit
            head.append(f"Image credit: {credit}")
        tail = ["About the author", bio, f"More from {site}", *RELATED]
    elif frame == "wire":
        head = [title, f"{names[0]} | {date} | {draw(st.integers(2, 9))} min read"]
        head += ["Share", "Tweet", "Email"]
        tail = [f"© {date[-4:] if date[-4:].isdigit() else '2021'} {site}. All rights reserved."]
    elif frame == "blogger":
        # the date above the title; the author's name after the body, with the time
        page.publication = site if draw(on) else None
        head = [site] if page.publication else []
        head += [draw(st.sampled_from(WEEKDAYS)), title]
        comments = draw(st.sampled_from(["No comments:", "3 comments:"]))
        tail = [f"Posted by {names[0]} at 11:52 PM", comments]
        if draw(on):
            tail.append("Labels: archives, harbours")
        tail += draw(
            st.sampled_from(
                [
                    ["Links to this post:", "Create a Link", "<< Home"],
                    ["Newer Post Older Post Home"],
                ]
            )
        )
    elif frame == "medium":
        # `Tarek Amr` / `4 min readSep 25, 2022`; a photo's credit between paragraphs
        head = [title]
        if draw(on):
            head.append(draw(st.sampled_from(DEKS)))
        head += [names[0], "Follow"] if draw(on) else [names[0]]
        minutes = draw(st.integers(2, 20))
        head.append(draw(st.sampled_from([f"{minutes} min read", f"{minutes} min read·"])) + date)
        head += ["Listen", "Share"] if draw(on) else []
        tail = [f"Written by {names[0]}", f"{draw(st.integers(2, 900))} Followers"]
        tail += [f"More from {names[0]}", *RELATED]
    else:  # newsletter
        page.publication, page.bio = site, bio
        head = [site, title]
        if draw(on):
            head.append(draw(st.sampled_from(DEKS)))
        head += [names[0], date, "Share"]
        tail = [f"Subscribe to {site}", "Leave a comment", names[0], bio]
        if draw(on):
            tail = ["Discussion about this post", "Comments", "Restack", *tail]
    middle = list(body)
    if frame == "medium" and draw(on):
        page.credit = f"{draw(st.sampled_from(NAMES))} on Unsplash"
        middle.insert(draw(st.integers(0, len(middle))), f"Photo by {page.credit}")
        page.frame.append(f"Photo by {page.credit}")
    if frame == "newspaper" and len(middle) > 1 and draw(on):
        middle.insert(1, "Advertisement")
        page.frame.append("Advertisement")
    if frame == "newspaper" and len(middle) > 2 and draw(on):
        middle.insert(2, f"Related: {RELATED[0]}")
        page.frame.append(f"Related: {RELATED[0]}")
    page.frame += [line for line in head + tail if line not in (title,)]
    separator = "\n\n" if draw(on) else "\n"
    page.text = separator.join(head + middle + tail) + "\n"
    return page
