# ruff: noqa: E501  (the page templates are long lines of HTML, as saved pages are)
"""Build an evaluation set for the importer from the BBC corpus: real article text in page chrome.

    python bench/import_corpus.py --n 200 --out DIR [--seed S] [--corpus PATH]

Each article of ../shared/corpus/bbc (title line, blank line, paragraphs) is dressed in one of
several page layouts modelled on kinds of real news sites (agency wire, broadcaster, state TV
site, syndicated agency copy, quality daily, US cable news, US local paper with comments, blog,
portal, magazine, Nordic-style daily) and written three times:

- NAME.txt: the page as "select all, copy" in a browser gives it: navigation one item a line,
  inline elements glued ("HomeWorld News"), share labels, captions with credits, promos between
  paragraphs, story lists repeated, comments, footers, cookie banners; some with CRLF endings;
- NAME.html: the same page saved from the browser, with head metadata, nav, article, figure,
  asides, forms, comments, footer and scripts;
- NAME.expected.json: title, date (the page's publication day), time, lang, summary (the dek a
  page shows, else null), byline, section, captured (when the page was "copied"; relative
  dates such as "2 hours ago" are relative to it) and body (the paragraphs, in order).

The output is the same for the same corpus, N and seed. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "corpus" / "bbc"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SECTIONS = {"business": "Business", "entertainment": "Entertainment & Arts", "politics": "Politics",
            "sport": "Sport", "tech": "Technology"}
CITIES = ["LONDON", "NEW YORK", "WASHINGTON", "PARIS", "BRUSSELS", "FRANKFURT", "TOKYO", "SYDNEY", "MANCHESTER",
          "EDINBURGH", "DUBLIN", "BERLIN", "MADRID", "ROME", "GENEVA"]
NAMES = ["Sarah Whitfield", "James Okoro", "Laura Kuenssberg-Hale", "Daniel Marsh", "Priya Raman", "Tom Ellery",
         "Hannah Cole", "Michael Osei", "Claire Dubois", "Rachel Gordon", "Ben Hartley", "Aisha Karim",
         "Peter Lindqvist", "Emma Stavros", "Oliver Grant", "Sophie Brennan", "David Nakamura", "Grace Mulvey",
         "Marcus Webb", "Ingrid Solberg", "Paul Adeyemi", "Nina Petrova", "Jonathan Reyes", "Lucy Tran"]
EDITORS = ["Mark Potter", "Alison Williams", "Jan Harvey", "Kirsten Donovan", "Susan Fenton", "Toby Chopra",
           "Jason Neely", "Hugh Lawson", "Frances Kerry", "David Goodman"]
PHOTOGRAPHERS = ["Toby Melville", "Hannah McKay", "Peter Nicholls", "Dylan Martinez", "Andrew Boyers",
                 "Henry Nicholls", "Chris Ratcliffe", "Leon Neal", "Dan Kitwood", "Carl Court"]
CAPTIONS = {
    "business": ["Shoppers on a high street in central London", "Traders work on the floor of the stock exchange",
                 "Shipping containers stacked at a port", "The company's headquarters", "Workers on a production line"],
    "entertainment": ["Guests arrive on the red carpet", "The star pictured at a premiere in London",
                      "A scene from the film", "The band performing on stage", "Fans queue outside the theatre"],
    "politics": ["The Houses of Parliament in London", "The minister speaking at a party conference",
                 "Voters at a polling station", "Protesters gather outside Downing Street", "MPs in the Commons"],
    "sport": ["Fans during the match at the stadium", "The player celebrates after scoring",
              "The manager on the touchline", "Players warm up before kick-off", "The team pose with the trophy"],
    "tech": ["A man uses a smartphone", "A data centre server room", "Visitors try out a games console",
             "A laptop keyboard", "The company's logo at a trade show"],
}
USERNAMES = ["JohnnyB", "sceptical_sue", "Mancunian77", "TruthSeeker", "old_git_42", "PennyLane", "Realist",
             "cornishpasty", "NorthernLass", "BrexitBob", "graham_k", "Anon_1973", "MrsMiggins", "Dave_from_Leeds"]
COMMENTS = [
    "This is exactly what I have been saying for years, but nobody listens until it is too late.",
    "Does anyone know when this actually takes effect? The article does not say.",
    "Another day, another headline. I will believe it when I see it.",
    "Great reporting, thank you for covering this properly.",
    "I work in this industry and I can tell you the reality is very different from what the press release says.",
    "Not surprised at all. Follow the money.",
    "Why is this news? It happens every year around this time.",
    "My family has been affected by this and it has been a nightmare from start to finish.",
    "Well said. Completely agree with the previous comment.",
    "Can we have some balance in these articles please?",
]
CONSENT = ("We and our partners store and/or access information on a device, such as cookies, and process "
           "personal data, such as unique identifiers and standard information sent by a device for personalised "
           "ads and content, ad and content measurement, and audience insights, as well as to develop and improve "
           "products.")


# -- the corpus ---------------------------------------------------------------------------------


@dataclass
class Article:
    category: str
    name: str
    title: str
    paragraphs: list[str]


def load_corpus(root: Path) -> list[Article]:
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # one file of the corpus is not UTF-8
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
        title = lines[0] if lines else ""
        paragraphs = [line for line in lines[1:] if line]
        if title and paragraphs:
            articles.append(Article(path.parent.name, path.stem, title, paragraphs))
    return articles


# -- dates --------------------------------------------------------------------------------------


def _h12(moment: dt.datetime) -> tuple[int, str]:
    hour = moment.hour % 12 or 12
    return hour, "AM" if moment.hour < 12 else "PM"


def d_long(m: dt.datetime) -> str:  # 13 June 2023
    return f"{m.day} {MONTHS[m.month - 1]} {m.year}"


def d_us(m: dt.datetime) -> str:  # June 13, 2023
    return f"{MONTHS[m.month - 1]} {m.day}, {m.year}"


def d_rt(m: dt.datetime) -> str:  # 14 Jun, 2023 05:23
    return f"{m.day} {MONTHS[m.month - 1][:3]}, {m.year} {m:%H:%M}"


def d_dpa(m: dt.datetime) -> str:  # Published June 13,2023
    return f"Published {MONTHS[m.month - 1]} {m.day},{m.year}"


def uk_zone(m: dt.datetime) -> tuple[str, str]:
    """Roughly when British Summer Time applies (the exact Sundays do not matter here)."""
    return ("BST", "+01:00") if 4 <= m.month <= 10 else ("GMT", "+00:00")


def d_guardian(m: dt.datetime) -> str:  # Tue 13 Jun 2023 18.04 BST
    return f"{DAYS[m.weekday()][:3]} {m.day} {MONTHS[m.month - 1][:3]} {m.year} {m:%H.%M} {uk_zone(m)[0]}"


def wire_month(m: dt.datetime) -> str:  # wire style: "Jan", "March", "June", "Sept"
    name = MONTHS[m.month - 1]
    return name if 3 <= m.month <= 7 else "Sept" if m.month == 9 else name[:3]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def d_reuters(m: dt.datetime) -> str:  # June 13, 2023 6:04 PM UTC
    hour, half = _h12(m)
    return f"{d_us(m)} {hour}:{m:%M} {half} UTC"


def d_cnn(m: dt.datetime) -> str:  # Updated 6:04 PM EDT, Tue June 13, 2023
    hour, half = _h12(m)
    return f"{hour}:{m:%M} {half} EDT, {DAYS[m.weekday()][:3]} {MONTHS[m.month - 1]} {m.day}, {m.year}"


def d_local(m: dt.datetime) -> str:  # June 13, 2023 at 6:04 p.m.
    hour, half = _h12(m)
    return f"{d_us(m)} at {hour}:{m:%M} {'a.m.' if half == 'AM' else 'p.m.'}"


def d_yahoo(m: dt.datetime) -> str:  # Tue, June 13, 2023 at 6:04 PM
    hour, half = _h12(m)
    return f"{DAYS[m.weekday()][:3]}, {d_us(m)} at {hour}:{m:%M} {half}"


def ago(hours: int) -> str:
    return "1 hour ago" if hours == 1 else f"{hours} hours ago"


def iso(m: dt.datetime, offset: str = "+00:00") -> str:
    return m.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if offset == "Z" else offset)


# -- a page being dressed ---------------------------------------------------------------------


@dataclass
class Page:
    article: Article
    rng: random.Random
    published: dt.datetime
    captured: dt.datetime
    related: list[str]
    body: list[str] = field(default_factory=list)
    byline: str | None = None
    summary: str | None = None
    time: str | None = None  # HH:MM when the page shows the time
    relative_hours: int | None = None

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def section(self) -> str:
        return SECTIONS.get(self.article.category, self.article.category.title())

    def caption(self) -> str:
        """An image caption: about someone the story names, or a stock scene of its category."""
        names = re.findall(r"(?<=[a-z,] )([A-Z][a-z]+ [A-Z][a-z]{2,})(?= [a-z])", " ".join(self.body[:3]))
        if names and self.rng.random() < 0.6:
            where = self.rng.choice(["in London", "at a news conference", "in a file photo", "earlier this year",
                                     "at an event in Brussels", "speaking to reporters"])
            return f"{self.rng.choice(names)} {where}"
        return self.rng.choice(CAPTIONS.get(self.article.category, CAPTIONS["business"]))

    def dek_from_body(self) -> str | None:
        """A standfirst that restates the first sentence, as many sites' deks do."""
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", self.body[0])[0].strip()
        if 8 <= len(first.split()) <= 40 and first != self.body[0]:
            return first.rstrip(".")
        return None

    def make_relative(self) -> str:
        """Show the date as 'N hours ago': the capture is N hours and some minutes after it."""
        hours = self.rng.randint(1, 9)
        self.relative_hours = hours
        self.captured = self.published + dt.timedelta(hours=hours, minutes=self.rng.randint(3, 55))
        self.time = None
        return ago(hours)

    def insert_points(self, count: int) -> list[int]:
        """Paragraph indices after which a promo goes (never after the last paragraph)."""
        inner = list(range(1, len(self.body)))
        return sorted(self.rng.sample(inner, min(count, len(inner))))


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def txt_body(page: Page, sep: str = "\n\n", promos: dict[int, str] | None = None) -> str:
    """The body as a copy gives it, with promo blocks after some paragraphs."""
    out = []
    for i, para in enumerate(page.body):
        out.append(para)
        if promos and i + 1 in promos:
            out.append(promos[i + 1])
    return sep.join(out)


def html_body(page: Page, p_open: str = "<p>", promos: dict[int, str] | None = None) -> str:
    out = []
    for i, para in enumerate(page.body):
        out.append(f"{p_open}{esc(para)}</p>")
        if promos and i + 1 in promos:
            out.append(promos[i + 1])
    return "\n".join(out)


def head(page: Page, site: str, url: str, *, lang: str = "en", published: str | None = None,
         description: str | None = None, extra: str = "", title_suffix: str = "") -> str:
    description = description or page.summary or page.body[0][:160].rsplit(" ", 1)[0] + "…"
    meta = [
        '<meta charset="utf-8">',
        f"<title>{esc(page.title)}{esc(title_suffix)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{attr(description)}">',
        f'<meta property="og:title" content="{attr(page.title)}">',
        f'<meta property="og:description" content="{attr(description)}">',
        f'<meta property="og:site_name" content="{attr(site)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{attr(url)}">',
    ]
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    meta.append(f'<link rel="canonical" href="{attr(url)}">')
    meta.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
                "gtag('js',new Date());</script>")
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(meta) + extra + "\n</head>\n"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def ul(items: list[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f'<li><a href="/news/{slug(t)}">{esc(t)}</a></li>' for t in items) + "</ul>"


def nav_html(items: list[str]) -> str:
    return "<nav><ul>" + "".join(f'<li><a href="/{slug(i)}/">{esc(i)}</a></li>' for i in items) + "</ul></nav>"


# -- layouts ------------------------------------------------------------------------------------
# Each returns (txt, html) and fills in the page's expected byline, summary, time and body.


def wire(page: Page) -> tuple[str, str]:
    """Agency wire (Reuters style): '(Reuters) -' dateline, glued date line, sign-off trailer."""
    rng, m = page.rng, page.published
    city = rng.choice(CITIES)
    page.body[0] = f"{city}, {wire_month(m)} {m.day} (Reuters) - {page.body[0]}"
    reporter, editor = rng.choice(NAMES), rng.choice(EDITORS)
    page.byline = reporter
    page.time = f"{m:%H:%M}"
    hours = rng.randint(1, 5)
    page.captured = m + dt.timedelta(hours=hours + rng.randint(0, 4), minutes=rng.randint(1, 59))
    if rng.random() < 0.6:  # date and time are adjacent spans: a copy glues them, "June 13, 20236:04 PM UTC"
        date_line = d_reuters(m).replace(f"{m.year} ", f"{m.year}", 1) + f"Updated {ago(hours)}"
    else:
        date_line = f"{d_reuters(m)}\nUpdated {ago(hours)}"
    promos = {}
    if len(page.body) >= 3:
        promos[2] = "Register now for FREE unlimited access to Reuters.com\nRegister"
    photographer = rng.choice(PHOTOGRAPHERS)
    caption = f"{page.caption()}, {d_us(m - dt.timedelta(days=rng.randint(1, 30)))}. REUTERS/{photographer}"
    nav = ["World", "Business", "Markets", "Sustainability", "Legal", "Breakingviews", "Technology",
           "Investigations", "More"]
    txt = "\n".join([
        "Skip to main content",
        "Exclusive news, data and analytics for financial market professionalsLearn more aboutRefinitiv",
        "Reuters home", *nav, "My View", "Register", page.section, page.title, f"By {reporter}", date_line,
        f"[1/2] {caption} Acquire Licensing Rights",
        txt_body(page, "\n\n", promos),
        f"Reporting by {reporter}; Editing by {editor}",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Acquire Licensing Rights, opens new tab",
        "Read Next", *[x for t in page.related[:3] for x in (page.section, "category", t, f"{rng.randint(1, 11)}:"
                                                              f"{rng.randint(10, 59)} PM UTC")],
        "Site Index", "Browse", *nav[:8], "About Reuters", "Careers, opens new tab", "Reuters News Agency, opens new tab",
        "Stay Informed", "Download the App (iOS), opens new tab", "Newsletters, opens new tab",
        "Information you can trust",
        "Reuters, the news and media division of Thomson Reuters, is the world’s largest multimedia news provider, "
        "reaching billions of people worldwide every day.",
        "All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.",
        f"© {m.year} Reuters. All rights reserved",
    ])
    promo_html = {k: f'<div class="register-cta"><p>{v.split(chr(10))[0]}</p><a href="/register">Register</a></div>'
                  for k, v in promos.items()}
    url = f"https://www.reuters.com/{slug(page.section)}/{slug(page.title)}-{m:%Y-%m-%d}/"
    doc = head(page, "Reuters", url, published=iso(m, "Z"), title_suffix=" | Reuters") + f"""<body>
<a class="skip" href="#main">Skip to main content</a>
<header><a href="/" aria-label="Reuters home">Reuters home</a>{nav_html(nav)}<a href="/register" onclick="track('reg')">Register</a></header>
<main id="main"><article>
<header><a class="tag" href="/{slug(page.section)}/">{esc(page.section)}</a><h1>{esc(page.title)}</h1>
<div class="byline">By <a rel="author" href="/authors/{slug(reporter)}/">{esc(reporter)}</a></div>
<time datetime="{iso(m, 'Z')}"><span>{d_us(m)}</span><span>{d_reuters(m).split(', ', 1)[1].split(' ', 1)[1]}</span><span>Updated {ago(hours)}</span></time></header>
<figure><img src="https://www.reuters.com/resizer/{slug(page.title)}.jpg" alt="{attr(caption)}"><figcaption>[1/2] {esc(caption)} <a href="#">Acquire Licensing Rights</a></figcaption></figure>
<div class="article-body">
{html_body(page, '<p class="text__text" data-testid="paragraph">', promo_html)}
<p class="sign-off">Reporting by {esc(reporter)}; Editing by {esc(editor)}</p>
</div>
<div class="trust"><a href="/trust-principles">Our Standards: The Thomson Reuters Trust Principles.</a></div>
</article>
<aside><h2>Read Next</h2>{ul(page.related[:3])}</aside></main>
<footer><h3>Site Index</h3>{nav_html(nav[:8])}<p>All quotes delayed a minimum of 15 minutes.</p><p>© {m.year} Reuters. All rights reserved</p></footer>
<script src="/pf/dist/engine/react.js" defer></script>
</body>
</html>"""
    return txt, doc


def broadcaster(page: Page) -> tuple[str, str]:
    """Public broadcaster (BBC style): long menus, 'Published' on its own line, image source lines."""
    rng, m = page.rng, page.published
    relative = rng.random() < 0.35
    shown = page.make_relative() if relative else d_long(m)
    page.time = None
    page.byline = rng.choice(NAMES) if rng.random() < 0.6 else None
    credit = rng.choice(["Getty Images", "PA Media", "Reuters", "EPA", "BBC"])
    caption = page.caption()
    top = ["Skip to content", "British Broadcasting Corporation", "Register", "Sign In", "Home", "News", "Sport",
           "Weather", "iPlayer", "Sounds", "Bitesize", "CBeebies", "CBBC", "Food", "Home", "News", "Sport", "Reel",
           "Worklife", "Travel", "Future", "Culture", "Menu", "Search BBC", "Search BBC", "BBC News", "Home",
           "Cost of Living", "War in Ukraine", "Climate", "UK", "World", "Business", "Politics", "Culture", "Tech",
           "Science", "Health", "Family & Education", "In Pictures", "Newsbeat", "BBC Verify", "More", page.section]
    byline = [f"By {page.byline}", rng.choice(["BBC News", "Business reporter, BBC News", "BBC Sport",
                                               "Technology reporter"])] if page.byline else []
    date_lines = ["Published", shown]
    if page.article.category == "sport" and not relative and rng.random() < 0.5:
        # BBC Sport's older pages: the date printed twice, glued, and the section after it
        sport = rng.choice(["Football", "Rugby Union", "Tennis", "Athletics", "Cricket"])
        date_lines = [f"Last updated on {shown}{shown}.From the section {sport}"]
    more = page.related[:2]
    tops = page.related[2:6]
    promos = {}
    if len(page.body) >= 4 and rng.random() < 0.5:
        promos[rng.choice(page.insert_points(1))] = "\n".join([
            "This video can not be played", "To play this video you need to enable JavaScript in your browser.",
            "Media caption,", f"Watch: {rng.choice(page.related[6:9])}"])
    txt = "\n".join([
        *top, page.title, *date_lines, "Share", "close panel", "Share page", "Copy link", "About sharing",
        f"Image source, {credit}", "Image caption,", caption, *byline,
        txt_body(page, "\n\n", promos),
        "Related Topics", page.section, "More on this story",
        *[x for t in more for x in (t, "Published", d_long(m - dt.timedelta(days=rng.randint(2, 90))))],
        "Top Stories", *[x for t in tops for x in (t, "Published", ago(rng.randint(1, 12)))],
        "Features", *page.related[6:9],
        "Most Read", *[x for i, t in enumerate([page.title, *tops[:4]], 1) for x in (str(i), t)],
        "BBC News Services", "On your mobile", "On smart speakers", "Get news alerts", "Contact BBC News",
        "Home", "News", "Sport", "Weather", "iPlayer", "Sounds", "Terms of Use", "About the BBC",
        "Privacy Policy", "Cookies", "Accessibility Help", "Parental Guidance", "Contact the BBC",
        "Get Personalised Newsletters", "Why you can trust the BBC", "Advertise with us",
        f"© {m.year} BBC. The BBC is not responsible for the content of external sites. "
        "Read about our approach to external linking.",
    ])
    promo_html = {k: '<div data-component="media-block"><p>This video can not be played</p><p>To play this video '
                  'you need to enable JavaScript in your browser.</p><figcaption><span class="visually-hidden">'
                  f'Media caption, </span>{esc(v.rsplit(chr(10), 1)[1])}</figcaption></div>'
                  for k, v in promos.items()}
    by_html = (f'<div class="byline"><span>By {esc(page.byline)}</span><span>{esc(byline[1])}</span></div>'
               if page.byline else "")
    url = f"https://www.bbc.co.uk/news/{slug(page.section)}-{rng.randint(60000000, 69999999)}"
    doc = head(page, "BBC News", url, lang="en-GB", published=iso(m, "Z") if rng.random() < 0.7 else None,
               description=page.body[0][:150], title_suffix=" - BBC News",
               extra=f'\n<script type="application/ld+json">{{"@type":"NewsArticle","headline":{json.dumps(page.title)},'
                     f'"datePublished":"{iso(m, "Z")}"}}</script>') + f"""<body>
<div class="orb-banner"><a href="#main-content">Skip to content</a>{nav_html(top[4:14])}<form role="search"><input placeholder="Search BBC"><button>Search BBC</button></form></div>
<header><a href="/news">BBC News</a>{nav_html(top[26:-1])}</header>
<div id="main-content"><article>
<header><h1 id="main-heading">{esc(page.title)}</h1></header>
<time datetime="{iso(m, 'Z')}">Published {esc(shown)}</time>
<div class="share"><button onclick="openShare()">Share</button></div>
<figure><span class="source">Image source, {esc(credit)}</span><img src="https://ichef.bbci.co.uk/news/976/{slug(page.title)}.jpg" alt="{attr(caption)}">
<figcaption><span class="visually-hidden">Image caption, </span>{esc(caption)}</figcaption></figure>
{by_html}
<div data-component="text-block">
{html_body(page, "<p>", promo_html)}
</div>
<section data-component="topic-list"><h2>Related Topics</h2><ul><li><a href="#">{esc(page.section)}</a></li></ul></section>
<section data-component="links-block"><h2>More on this story</h2>{ul(more)}</section>
</article>
<aside><h2>Top Stories</h2>{ul(tops)}<h2>Most Read</h2>{ul([page.title, *tops[:4]])}</aside></div>
<footer><h2>BBC News Services</h2><ul><li><a href="#">On your mobile</a></li><li><a href="#">Get news alerts</a></li></ul>
<p>Copyright © {m.year} BBC. The BBC is not responsible for the content of external sites.</p></footer>
<script src="https://static.files.bbci.co.uk/orbit/orb.min.js"></script>
</body>
</html>"""
    return txt, doc


ICONS = ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon chevron righticon "
         "chevron upicon closeicon v-compressicon downloadicon editicon v-expandicon fbicon fileicon filtericon "
         "flag ruicon full chevron downicon gpicon insicon mailicon moveicon-musicicon mutedicon nomutedicon okicon "
         "v-pauseicon v-playicon searchicon shareicon sign inicon sign upicon tagicon tagsicon tgicon trashicon "
         "twicon vkicon yticon wticon fm")


def state_tv(page: Page) -> tuple[str, str]:
    """State-funded TV site (RT style): icon names, glued breadcrumb, title repeated as alt text,
    'Read more' promos inside the body, story lists printed twice, podcast player, language menu."""
    rng, m = page.rng, page.published
    page.summary = page.dek_from_body() or page.summary
    page.time = f"{m:%H:%M}"
    credit = f"©  {rng.choice(PHOTOGRAPHERS)} / {rng.choice(['AFP', 'Getty Images', 'Sputnik', 'Global Look Press'])}"
    caption = f"{page.caption()}, {d_us(m - dt.timedelta(days=rng.randint(0, 3)))}. {credit}"
    points = page.insert_points(rng.randint(1, 2))
    promos = {}
    for k in points:
        t = rng.choice(page.related[:8])
        promos[k] = f"{t}\nRead more\n{t}"
    features = page.related[8:11]
    block = ["Top stories", "", "RT Features", "", *[f"{t}\n{t} FEATURE" for t in features]]
    dek_lines = [page.summary] if page.summary else []
    txt = "\n".join([
        ICONS, d_rt(m), f"Home{page.section}", "", page.title, "", *dek_lines, page.title, caption, "",
        txt_body(page, "\n\n", promos), "", *block, "", *block,
        "Podcasts", "All podcasts", f"CrossTalk: {page.related[11]}", "0:00", f"{rng.randint(20, 29)}:{rng.randint(10, 59)}",
        f"Going Underground: {page.related[12]}", "0:00", f"{rng.randint(20, 29)}:{rng.randint(10, 59)}",
        "العربيةespрусdefrrs", "", "RT News App", "",
        f"© Autonomous Nonprofit Organization “TV-Novosti”, 2005–{m.year}. All rights reserved.", "",
        "This website uses cookies. Read RT Privacy policy to find out more.", "", "Accept cookies0",
    ])
    promo_html = {k: f'<div class="read-more"><a href="/news/{slug(v.split(chr(10))[0])}"><img alt="{attr(v.split(chr(10))[0])}">'
                     f'<strong>{esc(v.split(chr(10))[0])}</strong></a><span>Read more</span></div>'
                  for k, v in promos.items()}
    url = f"https://www.rt.com/news/{rng.randint(570000, 589999)}-{slug(page.title)}/"
    dek_html = f'<div class="article__summary summary">{esc(page.summary)}</div>' if page.summary else ""
    doc = head(page, "RT International", url, published=iso(m, "+03:00") if rng.random() < 0.5 else None) + f"""<body>
<div class="icons-sprite" aria-hidden="true">{esc(ICONS)}</div>
<header class="header">{nav_html(["News", "Russia", "World News", "Business", "Op-ed", "Shows"])}</header>
<div class="layout__content">
<div class="article__date-autor-shortcode"><span class="date date_article-header">{d_rt(m)}</span></div>
<div class="breadcrumbs"><a href="/">Home</a><a href="/news/">{esc(page.section)}</a></div>
<article class="article">
<h1 class="article__heading">{esc(page.title)}</h1>
{dek_html}
<div class="article__cover"><img src="https://mf.b37mrtl.ru/files/{rng.randint(1000, 9999)}.jpg" alt="{attr(page.title)}"><figcaption class="article__cover-source">{esc(caption)}</figcaption></div>
<div class="article__text text">
{html_body(page, "<p>", promo_html)}
</div></article>
<section class="top-stories"><h2>Top stories</h2><h3>RT Features</h3>{ul(features)}</section>
<section class="podcasts"><h2>Podcasts</h2><a href="/podcast/">All podcasts</a><div class="player" onclick="play(this)">CrossTalk: {esc(page.related[11])}<span>0:00</span></div></section>
</div>
<footer><div class="lang">العربية esp рус de fr rs</div><p>© Autonomous Nonprofit Organization “TV-Novosti”, 2005–{m.year}. All rights reserved.</p></footer>
<div class="cookies-banner">This website uses cookies. Read RT Privacy policy to find out more. <button onclick="acceptCookies()">Accept cookies</button></div>
</body>
</html>"""
    return txt, doc


def syndicated(page: Page) -> tuple[str, str]:
    """Agency copy on a partner site (dpa style): 'Contact Us', dek, 'AGENCY SECTION', 'Published June 13,2023'."""
    rng, m = page.rng, page.published
    page.summary = page.dek_from_body()
    page.time = None
    agency = rng.choice(["DPA", "AFP", "AP", "PA"])
    dek = [page.summary, ""] if page.summary else []
    txt = "\n".join(["Contact Us", "", page.title, "", *dek, f"{agency} {page.section.upper()}", d_dpa(m),
                     "Subscribe", "", txt_body(page, "\n\n")])
    url = f"https://www.dailynewsegypt.example/{m:%Y/%m/%d}/{slug(page.title)}/"
    dek_html = f'<p class="excerpt">{esc(page.summary)}</p>' if page.summary else ""
    doc = head(page, "Daily News", url) + f"""<body>
<header><a href="/contact-us/">Contact Us</a></header>
<main><article class="post">
<h1 class="entry-title">{esc(page.title)}</h1>
{dek_html}
<div class="meta"><span class="source">{agency}</span> <a href="/category/{slug(page.section)}/">{esc(page.section.upper())}</a>
<span class="date">{d_dpa(m)}</span> <a class="btn" href="/subscribe/" onclick="openModal('subscribe')">Subscribe</a></div>
<div class="entry-content">
{html_body(page)}
</div></article></main>
</body>
</html>"""
    return txt, doc


def quality_daily(page: Page) -> tuple[str, str]:
    """UK quality daily (Guardian style): glued skip links, 'Tue 13 Jun 2023 18.04 BST', standfirst,
    'Related:' promos, most viewed, comments with usernames and Reply/Report."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES)
    page.summary = page.dek_from_body() if rng.random() < 0.5 else None
    page.time = f"{m:%H:%M}"
    modified = m + dt.timedelta(hours=rng.randint(1, 6), minutes=rng.randint(0, 59))
    photographer = rng.choice(PHOTOGRAPHERS)
    caption = f"{page.caption()}. Photograph: {photographer}/{rng.choice(['Getty Images', 'Reuters', 'PA', 'EPA'])}"
    promos = {k: f"Related: {rng.choice(page.related[:6])}" for k in page.insert_points(1)}
    comments = []
    for _ in range(rng.randint(2, 4)):
        comments += [rng.choice(USERNAMES), f"{rng.randint(1, 23)}h ago", rng.choice(COMMENTS), "Reply",
                     "Report", str(rng.randint(0, 80))]
    dek = [page.summary] if page.summary else []
    txt = "\n".join([
        "Skip to main contentSkip to navigation", "Print subscriptions", "Sign in", "Search jobs", "Search",
        "UK edition", "The Guardian - Back to homepage", "The Guardian", "News", "Opinion", "Sport", "Culture",
        "Lifestyle", "Show moreHide expanded menu", "UK", "World", "Climate crisis", "Ukraine", "Environment",
        "Science", "Global development", "Football", "Tech", "Business", "Obituaries", page.section,
        page.title, *dek, caption, page.byline, f"@{slug(page.byline).replace('-', '')}", d_guardian(m),
        "Share",
        txt_body(page, "\n\n", promos),
        "Explore more on these topics", page.section, "news", "Share", "Reuse this content",
        "Most viewed", *page.related[6:11],
        f"Comments ({rng.randint(12, 900)})",
        "Sign in or create your Guardian account to join the discussion.", "Sort by", "Newest", "Per page", "25",
        "Display threads", "Collapsed", *comments, "Loading comments… Trouble loading?",
        "Original reporting and incisive analysis, direct from the Guardian every morning", "Sign up for our email",
        "About us", "Contact us", "Complaints & corrections", "SecureDrop", "Work for us", "Privacy settings",
        "Privacy policy", "Cookie policy", "Terms & conditions", "Help", "Back to top",
        f"© {m.year} Guardian News & Media Limited or its affiliated companies. All rights reserved. (dcr)",
    ])
    promo_html = {k: f'<aside class="rich-link"><p>{esc(v)}</p></aside>' for k, v in promos.items()}
    comment_html = "".join(f'<div class="comment"><span class="user">{esc(comments[i])}</span><time>{comments[i + 1]}'
                           f'</time><p>{esc(comments[i + 2])}</p><button>Reply</button><button>Report</button>'
                           f'<span>{comments[i + 5]}</span></div>' for i in range(0, len(comments), 6))
    url = f"https://www.theguardian.com/{slug(page.section)}/{m:%Y/%b/%d}/{slug(page.title)}".lower()
    dek_html = f'<div class="standfirst"><p>{esc(page.summary)}</p></div>' if page.summary else ""
    doc = head(page, "the Guardian", url, published=iso(m, uk_zone(m)[1]),
               title_suffix=f" | {page.section} | The Guardian") + f"""<body>
<a href="#maincontent">Skip to main content</a><a href="#navigation">Skip to navigation</a>
<header><a href="/signin" onclick="return signIn()">Sign in</a>{nav_html(["News", "Opinion", "Sport", "Culture", "Lifestyle"])}</header>
<main id="maincontent"><article>
<a class="section" href="/{slug(page.section)}">{esc(page.section)}</a>
<h1>{esc(page.title)}</h1>
{dek_html}
<figure><img src="https://i.guim.co.uk/img/media/{slug(page.title)}.jpg" alt="{attr(page.caption())}"><figcaption>{esc(caption)}</figcaption></figure>
<address><a rel="author" href="/profile/{slug(page.byline)}">{esc(page.byline)}</a></address>
<details><summary><time datetime="{iso(m, uk_zone(m)[1])}">{d_guardian(m)}</time></summary>Last modified on {d_guardian(modified)}</details>
<div class="article-body-commercial-selector">
{html_body(page, "<p>", promo_html)}
</div>
<div class="submeta"><h2>Explore more on these topics</h2><a href="#">{esc(page.section)}</a><a href="/help/reuse">Reuse this content</a></div>
</article>
<aside><h2>Most viewed</h2>{ul(page.related[6:11])}</aside>
<section id="comments"><h2>Comments ({rng.randint(12, 900)})</h2><p>Sign in or create your Guardian account to join the discussion.</p>{comment_html}</section>
</main>
<footer><a href="/about">About us</a><a href="/info/privacy">Privacy policy</a><p>© {m.year} Guardian News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer>
<script async src="https://assets.guim.co.uk/ophan.js"></script>
</body>
</html>"""
    return txt, doc


def cable(page: Page) -> tuple[str, str]:
    """US cable news site (CNN style): 'Updated 6:04 PM EDT, Tue June 13, 2023', 'Ad Feedback' lines,
    video promos between paragraphs, 'Link Copied!'."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES)
    page.time = f"{m:%H:%M}"
    city = rng.choice(CITIES).title()
    promos = {}
    for k in page.insert_points(rng.randint(1, 3)):
        promos[k] = rng.choice(["Ad Feedback", f"Related article\n{rng.choice(page.related[:8])}",
                                f"Video Ad Feedback\n{rng.choice(page.related[8:12])}\n02:{rng.randint(10, 59)}"
                                f"\n- Source: CNN"])
    txt = "\n".join([
        "Menu", "Edition", "US", "International", "Arabic", "Español", "Search", "Log In", "Live TV", "Listen",
        "Watch", "World", "Africa", "Americas", "Asia", "Australia", "China", "Europe", "India", "Middle East",
        "United Kingdom", page.section, page.title, f"By {page.byline}, CNN", f"{rng.randint(3, 9)} minute read",
        f"Updated {d_cnn(m)}", "Link Copied!", f"{page.caption()}", f"{rng.choice(PHOTOGRAPHERS)}/Getty Images",
        city, "CNN", " — ", txt_body(page, "\n\n", promos),
        f"CNN’s {rng.choice(NAMES)} contributed to this report.",
        "Ad Feedback", "Ad Feedback", "Paid Content", *page.related[12:15], "Search", "Log In", "Live TV",
        "Terms of Use", "Privacy Policy", "Cookie Settings", "Ad Choices", "Accessibility & CC", "About",
        "Newsletters", "Transcripts", f"© {m.year} Cable News Network. A Warner Bros. Discovery Company. "
        "All Rights Reserved.", "CNN Sans ™ & © 2016 Cable News Network.",
    ])
    promo_html = {k: f'<div class="ad-slot" data-ad><span class="ad-feedback">{esc(v.split(chr(10))[0])}</span>'
                     + "".join(f"<p>{esc(x)}</p>" for x in v.split("\n")[1:]) + "</div>"
                  for k, v in promos.items()}
    url = f"https://edition.cnn.com/{m:%Y/%m/%d}/{slug(page.section)}/{slug(page.title)}/index.html"
    doc = head(page, "CNN", url, published=iso(m, "-04:00"), title_suffix=" | CNN") + f"""<body>
<header class="header">{nav_html(["US", "World", "Politics", "Business", "Health", "Entertainment"])}<button onclick="openSearch()">Search</button></header>
<main><article>
<div class="headline"><h1>{esc(page.title)}</h1>
<div class="byline">By <a href="/profiles/{slug(page.byline)}">{esc(page.byline)}</a>, CNN</div>
<div class="timestamp">Updated {d_cnn(m)}</div></div>
<figure><img src="https://media.cnn.com/api/v1/images/{slug(page.title)}.jpg" alt="{attr(page.caption())}"><figcaption>{esc(page.caption())}</figcaption></figure>
<div class="article__content">
<div class="source"><cite class="source__cite"><span class="source__location">{city}</span><span class="source__text">CNN</span> — </cite></div>
{html_body(page, '<p class="paragraph inline-placeholder">', promo_html)}
<p class="footnote"><em>CNN’s {esc(rng.choice(NAMES))} contributed to this report.</em></p>
</div></article>
<aside class="paid-content"><h2>Paid Content</h2>{ul(page.related[12:15])}</aside></main>
<footer><a href="/terms">Terms of Use</a><a href="/privacy">Privacy Policy</a><p>© {m.year} Cable News Network. A Warner Bros. Discovery Company. All Rights Reserved.</p></footer>
<script>window.CNN=window.CNN||{{}};CNN.contentModel={{pageType:'article'}};</script>
</body>
</html>"""
    return txt, doc


def local_paper(page: Page) -> tuple[str, str]:
    """US local newspaper: today's date in the masthead, 'PUBLISHED: ... | UPDATED: ...', a
    'Related Articles' block inside the body, comments with Reply/Report/Likes."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES)
    page.summary = page.dek_from_body() if rng.random() < 0.4 else None
    page.time = f"{m:%H:%M}"
    today = page.captured
    updated = m + dt.timedelta(hours=rng.randint(1, 8))
    promos = {k: "Related Articles\n" + "\n".join(f"{page.section} |\n{t}" for t in page.related[:3])
              for k in page.insert_points(1)}
    comments = []
    for _ in range(rng.randint(2, 4)):
        user = rng.choice(USERNAMES)
        comments += [user[0].upper(), user, ago(rng.randint(1, 9)), rng.choice(COMMENTS), "Reply", "Report",
                     f"{rng.randint(0, 40)} Likes"]
    dek = [page.summary] if page.summary else []
    paper = rng.choice(["The Valley Herald", "Riverside Gazette", "The Morning Star-Tribune", "Lakeside Courier"])
    txt = "\n".join([
        "Skip to content", "All Sections", "Subscribe Now", f"{rng.randint(40, 95)}°F",
        f"{DAYS[today.weekday()]}, {MONTHS[today.month - 1]} {ordinal(today.day)} {today.year}"
        if rng.random() < 0.5 else "Today's e-Edition",
        "Home Page", "Close Menu", "News", "Local News", "Crime and Public Safety", "Politics", "Business",
        "Sports", "Opinion", "Things To Do", "Obituaries", "Subscribe", "Log In", "Trending:",
        *page.related[3:6], page.section, "|", page.title, *dek, f"{page.caption()}. (Staff Photo)",
        f"By {page.byline} | {slug(page.byline).replace('-', '')}@{slug(paper).replace('-', '')}.com | {paper}",
        f"PUBLISHED: {d_local(m)} | UPDATED: {d_local(updated)}",
        txt_body(page, "\n\n", promos),
        f"Originally Published: {d_local(m)}", "Newsroom Guidelines", "News Tips", "Contact Us", "Report an Error",
        f"{rng.randint(3, 60)} Comments", "Sort by", "Best", "Newest", "Oldest", "Join the conversation",
        "Please sign in to comment", *comments, "Show more comments", "Most Popular", "Most Popular",
        *page.related[6:10], "Sponsored Content", "You won't believe what this star looks like now",
        "Careers", "Privacy Policy", "Terms of Use", "Do Not Sell/Share My Personal Information",
        "Cookie Preferences", f"Copyright © {m.year} {paper}", "Powered by WordPress.com VIP",
    ])
    promo_html = {k: f'<aside class="related"><h4>Related Articles</h4>{ul(page.related[:3])}</aside>' for k in promos}
    comment_html = "".join(f'<div class="comment"><b>{esc(comments[i + 1])}</b><time>{comments[i + 2]}</time>'
                           f'<p>{esc(comments[i + 3])}</p><button>Reply</button><button>Report</button>'
                           f'<span>{comments[i + 6]}</span></div>' for i in range(0, len(comments), 7))
    url = f"https://www.{slug(paper).replace('-', '')}.com/{m:%Y/%m/%d}/{slug(page.title)}/"
    dek_html = f'<div class="subheadline">{esc(page.summary)}</div>' if page.summary else ""
    doc = head(page, paper, url, published=iso(m, "-07:00"), title_suffix=f" – {paper}") + f"""<body class="single">
<a class="skip-link" href="#content">Skip to content</a>
<header><button onclick="document.body.classList.toggle('menu-open')">All Sections</button><a href="/subscribe/">Subscribe Now</a>{nav_html(["News", "Local News", "Politics", "Business", "Sports", "Opinion"])}</header>
<div id="content"><article>
<div class="taxonomy"><a href="/{slug(page.section)}/">{esc(page.section)}</a> |</div>
<h1 class="entry-title">{esc(page.title)}</h1>
{dek_html}
<figure><img src="/wp-content/uploads/{slug(page.title)}.jpg" alt="" onerror="this.remove()"><figcaption>{esc(page.caption())}. (Staff Photo)</figcaption></figure>
<div class="byline">By <a href="/author/{slug(page.byline)}/">{esc(page.byline)}</a> | {esc(paper)}</div>
<div class="time">PUBLISHED: <time datetime="{iso(m, '-07:00')}">{d_local(m)}</time> | UPDATED: <time>{d_local(updated)}</time></div>
<div class="body-copy">
{html_body(page, "<p>", promo_html)}
</div></article>
<section id="comments"><h3>Comments</h3><p>Join the conversation</p>{comment_html}</section>
<aside><h3>Most Popular</h3>{ul(page.related[6:10])}</aside></div>
<footer><a href="/privacy-policy/">Privacy Policy</a><a href="/terms-of-use/">Terms of Use</a><p>Copyright © {m.year} {esc(paper)}</p></footer>
<script src="/wp-content/themes/paper/js/app.js"></script>
</body>
</html>"""
    return txt, doc


def blog(page: Page) -> tuple[str, str]:
    """WordPress blog: 'Posted on June 13, 2023 by ...', categories, sidebar widgets, comment form."""
    rng, m = page.rng, page.published
    page.byline = rng.choice([*NAMES, "admin"])
    page.time = None
    blog_name = rng.choice(["The Reading Room", "Notes from the Touchline", "Market Musings", "Tech Weekly Digest"])
    archives = [f"{MONTHS[(m.month - i - 1) % 12]} {m.year - (1 if m.month - i <= 0 else 0)}" for i in range(4)]
    comments = []
    for _ in range(rng.randint(0, 3)):
        when = m + dt.timedelta(days=rng.randint(0, 5))
        comments += [f"{rng.choice(USERNAMES)} says:", f"{d_us(when)} at {rng.randint(1, 12)}:{rng.randint(10, 59)} pm",
                     rng.choice(COMMENTS), "Reply"]
    byline = "admin" if page.byline == "admin" else page.byline
    txt = "\n".join([
        "Skip to content", blog_name, rng.choice(["Thoughts, news and analysis", "Independent commentary since 2009"]),
        "Menu", "Home", "About", "Archive", "Contact", page.title,
        f"Posted on {d_us(m)} by {byline}",
        txt_body(page, "\n\n"),
        "Share this:", "Twitter", "Facebook", "Like this:", "Like Loading...",
        f"Posted in {page.section}Tagged {page.section.lower()}, news",
        "Post navigation", f"Previous Post {page.related[0]}", f"Next Post {page.related[1]}",
        *([f"{len(comments) // 4} thoughts on “{page.title}”", *comments] if comments else []),
        "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "Comment *", "Name *", "Email *", "Website",
        "Save my name, email, and website in this browser for the next time I comment.", "Post Comment",
        "Search for:", "Search", "Recent Posts", *page.related[2:6], "Recent Comments",
        *[f"{rng.choice(USERNAMES)} on {t}" for t in page.related[2:4]], "Archives", *archives, "Categories",
        "Business", "Politics", "Sport", "Technology", "Uncategorized", "Meta", "Log in", "Entries feed",
        "Comments feed", "WordPress.org", f"© {m.year} {blog_name}", "Proudly powered by WordPress | Theme: Twenty Seventeen",
    ])
    # Some blog themes print the body as text separated by <br> tags instead of paragraphs.
    body = ("<p>" + "<br>\n<br>\n".join(esc(p) for p in page.body) + "</p>") if rng.random() < 0.3 else html_body(page)
    comment_html = "".join(f'<li class="comment"><b class="fn">{esc(comments[i].removesuffix(" says:"))}</b> '
                           f'<span class="says">says:</span><time>{comments[i + 1]}</time><p>{esc(comments[i + 2])}</p>'
                           f'<a class="comment-reply-link" onclick="return addComment.moveForm()">Reply</a></li>'
                           for i in range(0, len(comments), 4))
    url = f"https://{slug(blog_name).replace('-', '')}.wordpress.com/{m:%Y/%m/%d}/{slug(page.title)}/"
    doc = head(page, blog_name, url, published=iso(m, "+00:00") if rng.random() < 0.5 else None,
               title_suffix=f" – {blog_name}") + f"""<body class="post-template-default single">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header class="site-header"><p class="site-title"><a href="/">{esc(blog_name)}</a></p>{nav_html(["Home", "About", "Archive", "Contact"])}</header>
<main id="content"><article class="post">
<header class="entry-header"><h1 class="entry-title">{esc(page.title)}</h1>
<div class="entry-meta">Posted on <a href="#"><time class="entry-date published" datetime="{iso(m, '+00:00')}">{d_us(m)}</time></a> by <span class="author vcard">{esc(byline)}</span></div></header>
<div class="entry-content">
{body}
<div class="sharedaddy"><h3>Share this:</h3><a href="#" onclick="share('twitter')">Twitter</a><a href="#">Facebook</a></div>
</div>
<footer class="entry-footer">Posted in <a href="#">{esc(page.section)}</a> Tagged news</footer>
</article>
<div id="comments"><ol class="comment-list">{comment_html}</ol>
<div id="respond"><h3>Leave a Reply</h3><form action="/wp-comments-post.php" method="post"><p>Your email address will not be published. Required fields are marked *</p>
<textarea name="comment"></textarea><input name="author"><input name="email"><input type="submit" value="Post Comment"></form></div></div></main>
<aside class="widget-area"><section><h2>Recent Posts</h2>{ul(page.related[2:6])}</section><section><h2>Archives</h2><ul>{"".join(f"<li>{a}</li>" for a in archives)}</ul></section></aside>
<footer class="site-footer"><p>© {m.year} {esc(blog_name)}</p><p>Proudly powered by WordPress</p></footer>
<script src="/wp-includes/js/comment-reply.min.js"></script>
</body>
</html>"""
    return txt, doc


def portal(page: Page) -> tuple[str, str]:
    """Portal (Yahoo/MSN style): consent wall first, glued top bar, relative or 'Tue, June 13, 2023 at ...'
    dates, 'Advertisement' and 'Story continues' lines, a video promo, trending list."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES) if rng.random() < 0.7 else None
    provider = rng.choice(["The Independent", "Evening Standard", "PA Media", "Sky News", "The Telegraph"])
    if rng.random() < 0.55:
        shown = page.make_relative()
    else:
        shown = f"{d_yahoo(m)}·{rng.randint(2, 6)} min read"
        page.time = f"{m:%H:%M}"
    promos = {}
    for k in page.insert_points(rng.randint(1, 3)):
        promos[k] = rng.choice(["Advertisement", "Story continues", f"Watch: {rng.choice(page.related[:6])}\n"
                                f"0{rng.randint(1, 4)}:{rng.randint(10, 59)}"])
    byline = [page.byline] if page.byline else []
    consent = ["We value your privacy", CONSENT, "Accept all", "Reject all", "Manage privacy settings"]
    if rng.random() < 0.5:
        consent = []
    txt = "\n".join([
        *consent, "Skip to main content", "NewsFinanceSportEntertainmentLifeWeatherMore", "Sign in", "Mail",
        f"{provider}", page.title, *byline, shown, "Share", f"{page.caption()}. (Getty Images)",
        txt_body(page, "\n\n", promos),
        "Trending", *[x for i, t in enumerate(page.related[6:10], 1) for x in (str(i), t, ago(rng.randint(1, 12)))],
        "More from " + page.section, *page.related[10:13], "Terms and Privacy Policy", "Privacy Dashboard",
        "About our ads", "Help", "Feedback", f"© {m.year} Yahoo. All rights reserved.",
    ])
    promo_html = {k: f'<div class="{"ad" if v == "Advertisement" else "inline"}"><span>{esc(v.split(chr(10))[0])}</span></div>'
                  for k, v in promos.items()}
    url = f"https://uk.news.yahoo.com/{slug(page.title)}-{rng.randint(100000, 999999)}.html"
    by_html = f'<div class="caas-author-byline">{esc(page.byline)}</div>' if page.byline else ""
    consent_html = ('<div id="consent-page" class="consent-overlay"><h2>We value your privacy</h2>'
                    f'<p>{esc(CONSENT)}</p><button onclick="consent(true)">Accept all</button>'
                    '<button onclick="consent(false)">Reject all</button></div>') if consent else ""
    doc = head(page, "Yahoo News", url, published=iso(m, "Z")) + f"""<body>
{consent_html}
<header id="ybar"><a href="/">News</a><a href="/finance">Finance</a><a href="/sport">Sport</a><a href="/entertainment">Entertainment</a><a href="/login">Sign in</a></header>
<main><article class="caas-container">
<div class="caas-logo">{esc(provider)}</div>
<header class="caas-title-wrapper"><h1>{esc(page.title)}</h1></header>
{by_html}<div class="caas-attr-time-style"><time datetime="{iso(m, 'Z')}">{esc(shown)}</time></div>
<figure><img src="https://s.yimg.com/ny/api/res/{slug(page.title)}.jpg" alt=""><figcaption>{esc(page.caption())}. (Getty Images)</figcaption></figure>
<div class="caas-body">
{html_body(page, "<p>", promo_html)}
</div></article>
<aside><h2>Trending</h2>{ul(page.related[6:10])}</aside></main>
<footer><a href="/terms">Terms and Privacy Policy</a><p>© {m.year} Yahoo. All rights reserved.</p></footer>
<script src="https://s.yimg.com/aaq/caas/app.js" async></script>
</body>
</html>"""
    return txt, doc


def magazine(page: Page) -> tuple[str, str]:
    """Magazine: glued breadcrumb 'HomeBusinessMarkets', '13 June 2023', reading time, newsletter box
    between paragraphs, author bio and 'You may also like' after the body."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES)
    page.summary = page.dek_from_body() if rng.random() < 0.7 else None
    page.time = None
    mag = rng.choice(["Horizon Magazine", "The Analyst", "Weekend Review", "Pulse Monthly"])
    sub = rng.choice(["Analysis", "Features", "In depth", "Opinion"])
    promos = {k: "\n".join([f"Sign up for our {page.section} newsletter",
                            "The week's most important stories, delivered every Friday.", "Enter your email",
                            "Sign up", "By signing up you agree to our Terms of Use and Privacy Policy."])
              for k in page.insert_points(1)}
    dek = [page.summary] if page.summary else []
    txt = "\n".join([
        "Skip to main content", "Subscribe", "Sign in", "Menu", "Search", f"Home{page.section}{sub}", page.title,
        *dek, f"By {page.byline}", d_long(m), f"{rng.randint(3, 12)} minute read", "Share", "Facebook", "Twitter",
        "LinkedIn", "Email", "Save article", f"{page.caption()}. Photo: {rng.choice(PHOTOGRAPHERS)} for {mag}",
        txt_body(page, "\n\n", promos),
        f"{page.byline} is a {rng.choice(['senior correspondent', 'contributing editor', 'freelance journalist'])} "
        f"at {mag}, covering {page.section.lower()}.",
        "Topics", page.section, sub, "You may also like", *[x for t in page.related[:3] for x in (t, sub)],
        "Most read", *[x for i, t in enumerate(page.related[3:6], 1) for x in (f"{i}.", t)],
        "About us", "Contact", "Careers", "Advertise", "Terms of Use", "Privacy Policy", "Cookie settings",
        f"© {mag} Ltd {m.year}",
    ])
    promo_html = {k: '<aside class="newsletter"><h3>Sign up for our newsletter</h3><form onsubmit="return signup(this)">'
                     '<input type="email" placeholder="Enter your email"><button>Sign up</button></form></aside>'
                  for k in promos}
    url = f"https://www.{slug(mag).replace('-', '')}.example/{slug(page.section)}/{slug(page.title)}"
    dek_html = f'<p class="standfirst">{esc(page.summary)}</p>' if page.summary else ""
    doc = head(page, mag, url, published=iso(m, "+00:00")) + f"""<body>
<header><a href="/subscribe">Subscribe</a><a href="/login">Sign in</a><button onclick="openMenu()">Menu</button></header>
<main><article>
<nav class="breadcrumbs"><a href="/">Home</a><a href="/{slug(page.section)}">{esc(page.section)}</a><a href="#">{sub}</a></nav>
<h1>{esc(page.title)}</h1>
{dek_html}
<div class="meta">By <a rel="author" href="/authors/{slug(page.byline)}">{esc(page.byline)}</a> <time datetime="{m:%Y-%m-%d}">{d_long(m)}</time></div>
<figure><img src="/img/{slug(page.title)}.jpg" alt=""><figcaption>{esc(page.caption())}. Photo: {esc(rng.choice(PHOTOGRAPHERS))} for {esc(mag)}</figcaption></figure>
<div class="article-body">
{html_body(page, "<p>", promo_html)}
</div>
<div class="author-bio"><p>{esc(page.byline)} is a contributing editor at {esc(mag)}.</p></div>
</article>
<aside><h2>You may also like</h2>{ul(page.related[:3])}<h2>Most read</h2>{ul(page.related[3:6])}</aside></main>
<footer><p>© {esc(mag)} Ltd {m.year}</p></footer>
<div id="cookie-banner"><p>We use cookies to improve your experience.</p><button onclick="consent.accept()">Accept all</button></div>
</body>
</html>"""
    return txt, doc


def nordic(page: Page) -> tuple[str, str]:
    """English edition of a Nordic daily: ISO dates 'Published 2023-06-13 18:04 | Updated ...',
    one newline between paragraphs, 'Read also:' promos, photo credits with 'Photo:'."""
    rng, m = page.rng, page.published
    page.byline = rng.choice(NAMES) if rng.random() < 0.8 else None
    page.time = f"{m:%H:%M}"
    updated = m + dt.timedelta(minutes=rng.randint(20, 400))
    promos = {k: f"Read also: {rng.choice(page.related[:6])}" for k in page.insert_points(rng.randint(1, 2))}
    byline = [page.byline, f"{slug(page.byline).replace('-', '.')}@thelocal.example"] if page.byline else []
    txt = "\n".join([
        "News", "Sweden", "Norway", "Denmark", "Europe", "Membership", "Log in", "Search",
        page.section.upper(), page.title, f"Photo: {rng.choice(PHOTOGRAPHERS)}/TT", *byline,
        f"Published {m:%Y-%m-%d %H:%M} | Updated {updated:%Y-%m-%d %H:%M}",
        txt_body(page, "\n", promos),
        "Comments", "See Also", *page.related[6:9], "Popular articles", *page.related[9:12],
        f"© The Local Europe AB {m.year}", "Privacy policy", "Cookie settings",
    ])
    promo_html = {k: f'<p class="read-also"><strong>Read also:</strong> <a href="#">{esc(v.split(": ", 1)[1])}</a></p>'
                  for k, v in promos.items()}
    url = f"https://www.thelocal.example/{m:%Y%m%d}/{slug(page.title)}"
    doc = head(page, "The Local", url, published=None,
               extra=f'\n<meta name="pubdate" content="{m:%Y-%m-%d %H:%M}">') + f"""<body>
<header>{nav_html(["News", "Sweden", "Norway", "Denmark", "Europe", "Membership"])}</header>
<main><article>
<div class="kicker">{esc(page.section.upper())}</div>
<h1>{esc(page.title)}</h1>
<figure><img src="/img/{slug(page.title)}.jpg" alt=""><figcaption>Photo: {esc(rng.choice(PHOTOGRAPHERS))}/TT</figcaption></figure>
<div class="byline">{esc(page.byline or "")}</div>
<div class="dates">Published {m:%Y-%m-%d %H:%M} | Updated {updated:%Y-%m-%d %H:%M}</div>
<div class="article-text">
{html_body(page, "<p>", promo_html)}
</div></article>
<aside><h2>See Also</h2>{ul(page.related[6:9])}</aside></main>
<footer><p>© The Local Europe AB {m.year}</p></footer>
</body>
</html>"""
    return txt, doc


LAYOUTS = {
    "wire": wire, "broadcaster": broadcaster, "statetv": state_tv, "syndicated": syndicated,
    "daily": quality_daily, "cable": cable, "localpaper": local_paper, "blog": blog, "portal": portal,
    "magazine": magazine, "nordic": nordic,
}


# -- the set ------------------------------------------------------------------------------------


def build(n: int, out: Path, seed: str, corpus: Path) -> int:
    articles = load_corpus(corpus)
    if not articles:
        raise SystemExit(f"error: no articles under {corpus}")
    rng = random.Random(seed)
    chosen = rng.sample(articles, min(n, len(articles)))
    while len(chosen) < n:
        chosen.append(rng.choice(articles))
    names = list(LAYOUTS)
    out.mkdir(parents=True, exist_ok=True)
    titles = [a.title for a in articles]
    start = dt.datetime(2019, 1, 1)
    for i, article in enumerate(chosen):
        if i % len(names) == 0:
            rng.shuffle(names)
        layout = names[i % len(names)]
        page_rng = random.Random(f"{seed}:{i}:{article.category}/{article.name}")
        published = start + dt.timedelta(days=page_rng.randint(0, 6 * 365), hours=page_rng.randint(7, 19),
                                         minutes=page_rng.randint(0, 59))
        related = [t for t in page_rng.sample(titles, 20) if t != article.title]
        page = Page(article, page_rng, published, published + dt.timedelta(hours=page_rng.randint(1, 72)),
                    related, body=list(article.paragraphs))
        txt, doc = LAYOUTS[layout](page)
        name = f"{i:03d}_{layout}_{article.category}_{article.name}"
        expected = {
            "title": page.title, "date": page.published.date().isoformat(), "time": page.time, "lang": "en",
            "summary": page.summary, "byline": page.byline, "section": page.section,
            "captured": page.captured.strftime("%Y-%m-%dT%H:%M:%SZ"), "layout": layout,
            "origin": f"bbc/{article.category}/{article.name}.txt", "body": page.body,
        }
        newline = "\r\n" if page_rng.random() < 0.1 else "\n"  # copies made on Windows
        (out / f"{name}.txt").write_bytes((txt.strip("\n") + "\n").replace("\n", newline).encode("utf-8"))
        (out / f"{name}.html").write_text(doc + "\n", encoding="utf-8")
        (out / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    return len(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of articles (each gives a .txt and an .html)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", default="1", help="random seed (default 1)")
    parser.add_argument("--corpus", type=Path, default=BBC, help=f"BBC corpus folder (default {BBC})")
    args = parser.parse_args(argv)
    count = build(args.n, args.out, args.seed, args.corpus)
    print(f"wrote {count} articles ({count * 2} captures) in {len(LAYOUTS)} layouts to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
