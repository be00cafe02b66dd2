"""The live preview behind ``clippings serve``: rebuild what an edit affects, serve, reload.

``rebuild.py`` keeps the last build's dependency records and re-renders only stale pages;
``live.py`` is the output folder the server reads while rebuilds write; ``server.py`` serves
it under the site's base path; ``events.py`` tells open pages (through ``livereload.js``) to
reload or to show a build error; ``watch.py`` turns file-system events into rebuilds.
"""
