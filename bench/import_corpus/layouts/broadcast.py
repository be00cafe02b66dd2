# ruff: noqa: E501  (the page templates are long lines of HTML, as saved pages are)
"""Broadcasters' news sites: a public broadcaster, a state-funded TV channel, US cable news."""

from __future__ import annotations

import datetime as dt
import json

from ..dates import ago, d_cnn, d_long, d_rt, d_us, iso
from ..page import Page, attr, esc, head, html_body, nav_html, slug, txt_body, ul
from ..stock import CITIES, NAMES, PHOTOGRAPHERS


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
