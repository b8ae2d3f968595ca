"""The web editor (Decap CMS) over a project's records: its configuration, its files in the site, and
the file server of ``konkursi edit``."""
