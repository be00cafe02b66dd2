# ruff: noqa: E501  (the page templates are long lines of HTML, as saved pages are)
"""News agencies: the wire itself, and agency copy run on a partner site."""

from __future__ import annotations

import datetime as dt

from ..dates import ago, d_dpa, d_reuters, d_us, iso, wire_month
from ..page import Page, attr, esc, head, html_body, nav_html, slug, txt_body, ul
from ..stock import CITIES, EDITORS, NAMES, PHOTOGRAPHERS


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
