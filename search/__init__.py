"""Full-text search: Whoosh index at build time, exported as a static index (see issue 4)."""
