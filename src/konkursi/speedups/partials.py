"""Parts of mkdocs-material's page that konkursi's generated pages share, rendered once.

mkdocs-material renders its whole navigation sidebar (``partials/nav.html``) again for every
page: on a plain MkDocs site of a thousand such pages that is a tenth of the build. The sidebar
of a page depends on the page only through its links, which are relative to the page's URL, and
through which entry is the page's own (``active``). konkursi keeps thousands of generated pages
(calls, press releases, municipalities, rounds) out of the navigation, so no entry is theirs,
and all of them in one folder link to every entry by the same relative address: their sidebars
are the same text. The search form (``partials/search.html``) does not depend on the page at
all. ``SharedPartials`` renders each once (the sidebar once per folder) for the generated pages;
other pages (pages in the navigation, or any page an entry lies inside) get Material's own
rendering.

Only Material's own templates are shared: a project that overrides one of them (in its
``custom_dir``) may show the page in it, and its override is rendered for every page. And only
with the Material release this was proven with (``PARTIALS``): another may depend on the page in
other ways, and then every page gets Material's own rendering.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from importlib.util import find_spec

from jinja2 import BaseLoader, TemplateNotFound
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import enabled, proven

PARTIALS = proven("partials", mkdocs_material="9.8.2")
"""Proven with this Material: another release's partials may depend on the page in other ways."""

SHARED = {"partials/nav.html": "folder", "partials/search.html": "site"}
"""Material's partials that generated pages share: once per folder, or once for the whole site."""

INCLUDED = {
    "partials/nav.html": ("partials/nav-item.html", "partials/logo.html", "partials/source.html",
                          "partials/toc.html", "partials/toc-item.html"),
    "partials/search.html": (),
}
"""The partials each shared one includes: a project's override of any of them may show the page too."""

THEIRS = "konkursi-material/"
"""Prefix under which a wrapped template reaches the theme's own one."""


def _wrapper(name: str, scope: str) -> str:
    """Material's ``name``, or the text rendered for the page's folder (or site); output byte for byte the partial's."""
    theirs = THEIRS + name
    return (
        '{%- set konkursi_key = konkursi_partials.key(page, nav, "' + scope + '") if konkursi_partials is defined else none -%}'
        '{%- if konkursi_key is none -%}{% include "' + theirs + '" %}'
        '{%- else -%}{%- set konkursi_key = ("' + name + '", konkursi_key) -%}'
        '{%- set konkursi_shared = konkursi_partials.get(konkursi_key) -%}'
        '{%- if konkursi_shared is none -%}{%- set konkursi_shared -%}{% include "' + theirs + '" %}{%- endset -%}'
        '{%- set konkursi_shared = konkursi_partials.keep(konkursi_key, konkursi_shared) -%}{%- endif -%}'
        '{{ konkursi_shared }}{%- endif -%}'
    )


def share_partials(env, config, applies: Callable[[object], bool]) -> None:
    """With Material as proven: the pages that ``applies`` accepts share its ``SHARED`` partials."""
    if config.theme.name != "material" or not enabled(PARTIALS):
        return
    env.loader = SharedPartialsLoader(env.loader)
    addresses = (config.extra.get("homepage") or "", config.theme.get("logo") or "")
    env.globals["konkursi_partials"] = SharedPartials(config.use_directory_urls, applies, addresses)


def material_templates() -> str | None:
    spec = find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "templates")


class SharedPartialsLoader(BaseLoader):
    """The theme's loader, with each of Material's own ``SHARED`` partials wrapped (``_wrapper``)."""

    def __init__(self, inner: BaseLoader, material: str | None = None) -> None:
        self.inner = inner
        self.material = os.path.realpath(material or material_templates() or "") + os.sep

    def get_source(self, environment, template):
        if template in SHARED:
            source, filename, uptodate = self.inner.get_source(environment, template)
            if not all(self._materials(environment, name) for name in (template, *INCLUDED[template])):
                return source, filename, uptodate  # a project's override: rendered for every page
            return _wrapper(template, SHARED[template]), None, uptodate
        if template.startswith(THEIRS):
            return self.inner.get_source(environment, template[len(THEIRS):])
        return self.inner.get_source(environment, template)

    def _materials(self, environment, template: str) -> bool:
        """Whether the theme loads Material's own ``template`` (or none: Material has not every partial)."""
        try:
            _, filename, _ = self.inner.get_source(environment, template)
        except TemplateNotFound:
            return True
        return filename is not None and os.path.realpath(filename).startswith(self.material)

    def list_templates(self):
        return self.inner.list_templates()


class SharedPartials:
    """What the generated pages share of Material's page, rendered once for each folder (or the site)."""

    def __init__(self, use_directory_urls: bool, applies: Callable[[object], bool], addresses: tuple[str, ...] = ()) -> None:
        self.use_directory_urls = use_directory_urls
        self.applies = applies
        """Which pages may share (konkursi's generated pages)."""
        self.addresses = tuple(address for address in addresses if address)
        """Other addresses the sidebar links relative to the page (the logo, the home link)."""
        self.rendered: dict[tuple, str] = {}
        self.entries: tuple[str, ...] | None = None

    def key(self, page, nav, scope: str = "folder"):
        """What the partial of ``page`` depends on, or None where it must be rendered for the page itself."""
        if not isinstance(page, Page) or not self.applies(page):
            return None
        if scope == "site":
            return ""
        if not isinstance(nav, Navigation) or any(item.active for item in nav.items):
            return None  # the page, or a section above it, is in the navigation
        if self.entries is None:
            self.entries = tuple(_path(address) for address in (*(link.url for link in _links(nav.items)), *self.addresses))
        url = page.url
        if self.use_directory_urls:
            if not url:
                return None  # the site's root: no neighbour links from the same place
            own = url.rstrip("/")
            if any(entry == own or entry.startswith(own + "/") for entry in self.entries):
                return None  # an address inside the page's own folder: its link differs from the neighbours'
            return posixpath.dirname(own)
        return posixpath.dirname(url)

    def get(self, key) -> str | None:
        return self.rendered.get(key)

    def keep(self, key, html: str) -> str:
        self.rendered[key] = html
        return html


def _path(address: str) -> str:
    """A relative address as a path without the trailing slash ("kartas/" and "kartas" alike)."""
    return posixpath.normpath(address).rstrip("/") if address else ""


def _links(items):
    for item in items:
        if getattr(item, "url", None) is not None:
            yield item
        yield from _links(getattr(item, "children", None) or ())
