"""Render the enriched site: page plan, templates, feeds, sitemap, theme assets."""
