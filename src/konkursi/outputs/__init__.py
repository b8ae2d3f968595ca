"""Outputs: the generated pages (Markdown by Jinja2 templates), feeds, calendars, open data and press releases, each written by its library."""
