"""Import raw captures (page text dumps, saved HTML, URLs, Markdown) as articles with provenance.

read (inputs.py) → decode (decode.py) → extract (textdump.py, html.py, markdown_in.py) →
date, source, tags (dates.py, sources.py, tags.py) → duplicates (duplicates.py) → write (store.py).
"""
