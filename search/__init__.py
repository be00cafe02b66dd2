"""Full-text search: a Whoosh index at build time, exported as a static index (issue 4).

The API takes plain values: ``SearchDoc``s (``search/documents.py``), the cache folder (the
site's ``.cache/search/``), the site's language, and an opaque ``signature`` of the content
(recorded with the index, so that ``is_stale`` can tell when the ``search`` command must
refresh it)::

    job = start_search(docs, cache, language, signature)  # starts at once, in its own process
    ...                                                    # when there is much to index
    report = job.finish(out)        # waits; writes the static export below out/search/
    files, report = job.files()     # or: the export's files in memory (the preview)

``start_search`` is meant to be called as soon as the bodies are rendered, so the index is
built while the pages are. Each article is analysed once (``search/tokens.py``); the Whoosh
index in ``cache`` and the export are both made from that, and only for what changed.
"""

from .documents import SearchDoc
from .job import SearchJob, start_search
from .update import SearchReport, export_search, is_stale, refresh

__all__ = ["SearchDoc", "SearchJob", "SearchReport", "export_search", "is_stale", "refresh", "start_search"]
