# ruff: noqa: E501  (the page templates are long lines of HTML, as saved pages are)
"""Newspapers' sites: a UK quality daily, a US local paper with comments, a Nordic daily's English edition."""

from __future__ import annotations

import datetime as dt

from ..dates import DAYS, MONTHS, ago, d_guardian, d_local, iso, ordinal, uk_zone
from ..page import Page, attr, esc, head, html_body, nav_html, slug, txt_body, ul
from ..stock import COMMENTS, NAMES, PHOTOGRAPHERS, USERNAMES


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
