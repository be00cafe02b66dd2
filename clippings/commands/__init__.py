"""One module per command: build, check, import, new, search, serve."""
