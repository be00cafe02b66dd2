"""One module per command: build, check (later: import, search, serve)."""
