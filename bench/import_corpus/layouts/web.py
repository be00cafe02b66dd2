# ruff: noqa: E501  (the page templates are long lines of HTML, as saved pages are)
"""Sites born on the web: a WordPress blog, a news portal, a magazine."""

from __future__ import annotations

import datetime as dt

from ..dates import MONTHS, ago, d_long, d_us, d_yahoo, iso
from ..page import Page, esc, head, html_body, nav_html, slug, txt_body, ul
from ..stock import COMMENTS, CONSENT, NAMES, PHOTOGRAPHERS, USERNAMES


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
