"""The site navigation of pages outside it, rendered once per folder.

mkdocs-material renders its whole navigation sidebar (``partials/nav.html``) again for every
page: on a plain MkDocs site of a thousand such pages that is a tenth of the build. The sidebar
of a page depends on the page only through its links, which are relative to the page's URL, and
through which entry is the page's own (``active``). konkursi keeps thousands of generated pages
(calls, press releases, municipalities, rounds) out of the navigation, so no entry is theirs,
and all of them in one folder link to every entry by the same relative address: their sidebars
are the same text. ``SharedNavigation`` renders it once per folder for those pages and gives the
others (pages in the navigation, or any page an entry lies inside) Material's own rendering.

It wraps whatever template the theme loads as ``partials/nav.html`` (Material's, or a project's
override of it) and only with mkdocs-material.
"""

from __future__ import annotations

import posixpath

from collections.abc import Callable

from jinja2 import BaseLoader
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

NAV = "partials/nav.html"
THEIRS = "konkursi/theme-nav.html"
"""The name under which the wrapped template reaches the theme's own ``partials/nav.html``."""

WRAPPER = (
    '{%- set konkursi_key = konkursi_navigation.key(page, nav) if konkursi_navigation is defined else none -%}'
    '{%- if konkursi_key is none -%}{% include "' + THEIRS + '" %}'
    '{%- else -%}{%- set konkursi_shared = konkursi_navigation.get(konkursi_key) -%}'
    '{%- if konkursi_shared is none -%}{%- set konkursi_shared -%}{% include "' + THEIRS + '" %}{%- endset -%}'
    '{%- set konkursi_shared = konkursi_navigation.keep(konkursi_key, konkursi_shared) -%}{%- endif -%}'
    '{{ konkursi_shared }}{%- endif -%}'
)
"""Material's sidebar, or the one rendered for the page's folder; its output is the sidebar's, byte for byte."""


class NavigationLoader(BaseLoader):
    """The theme's loader, with ``partials/nav.html`` wrapped in ``WRAPPER``."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment, template):
        if template == NAV:
            _, _, uptodate = self.inner.get_source(environment, NAV)  # TemplateNotFound without one
            return WRAPPER, None, uptodate
        if template == THEIRS:
            return self.inner.get_source(environment, NAV)
        return self.inner.get_source(environment, template)

    def list_templates(self):
        return self.inner.list_templates()


class SharedNavigation:
    """The sidebar of pages outside the navigation, rendered once for each of their folders."""

    def __init__(self, use_directory_urls: bool, applies: Callable[[object], bool]) -> None:
        self.use_directory_urls = use_directory_urls
        self.applies = applies
        """Which pages may share (konkursi's generated pages)."""
        self.rendered: dict[str, str] = {}
        self.entries: tuple[str, ...] | None = None

    def key(self, page, nav):
        """What the sidebar of ``page`` depends on, or None where it must be rendered for the page itself."""
        if not isinstance(page, Page) or not isinstance(nav, Navigation) or not self.applies(page):
            return None
        if any(item.active for item in nav.items):
            return None  # the page, or a section above it, is in the navigation
        if self.entries is None:
            self.entries = tuple(link.url for link in _links(nav.items))
        url = page.url
        if self.use_directory_urls and url and any(entry.startswith(url) for entry in self.entries):
            return None  # an entry inside the page's own folder: its address differs from the neighbours'
        return posixpath.dirname(url.rstrip("/") if self.use_directory_urls else url)

    def get(self, key) -> str | None:
        return self.rendered.get(key)

    def keep(self, key, html: str) -> str:
        self.rendered[key] = html
        return html


def _links(items):
    for item in items:
        if getattr(item, "url", None) is not None:
            yield item
        yield from _links(getattr(item, "children", None) or ())
