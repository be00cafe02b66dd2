"""Build an evaluation set for the importer from the BBC corpus: real article text in page chrome.

    python -m bench.import_corpus --n 200 --out DIR [--seed S] [--corpus PATH]

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

The package, by job: articles (reading the corpus), dates (the date formats pages print),
stock (the names, captions and comments pages are dressed with), page (the page being dressed
and the HTML and text helpers the layouts share), layouts (one function a layout, in modules by
kind of site, and the LAYOUTS registry), build (writing the set) and __main__ (the command).
"""
