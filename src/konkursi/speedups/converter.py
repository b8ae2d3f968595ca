"""One Markdown converter for all the generated pages of an MkDocs build.

MkDocs makes a new ``markdown.Markdown`` for every page it converts: every extension is
instantiated again, every processor registered again, and the reference cycles between them
are left to the garbage collector. For the thousands of pages konkursi generates that is
about a millisecond a page, a tenth of a call page's whole conversion. Python-Markdown's
documented way to convert many documents is one instance with ``reset()`` between them;
``Converter`` does that for the generated pages, registering MkDocs' own per-page processors
for each page, so that a page gets exactly what MkDocs' ``Page.render`` gives it: the same
HTML, table of contents, title, anchors and link checks.

It is used only where that is known to hold: the MkDocs release whose ``Page.render`` it
follows (``CONVERTER``; not ProperDocs, whose ``Page.render`` differs), and Markdown extensions
that reset their state between documents (Python-Markdown's own). With anything else the pages
are converted by MkDocs as usual.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import proven
from .engine import enabled_on

try:
    from mkdocs.structure.pages import (
        _ExtractAnchorsTreeprocessor,
        _ExtractTitleTreeprocessor,
        _RawHTMLPreprocessor,
        _RelativePathTreeprocessor,
    )
except ImportError:  # another MkDocs: its own Page.render converts the pages
    _ExtractAnchorsTreeprocessor = None

CONVERTER = {"mkdocs": proven("converter", mkdocs="1.6.1", markdown="3.11.3")}
"""The MkDocs release whose ``Page.render`` ``Converter.render`` follows, and the Markdown it was proven with."""

RESETTING_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "wikilinks",
})
"""Python-Markdown's own extensions: each keeps no state from one document to the next after ``reset()``."""

log = logging.getLogger("mkdocs.structure.pages")  # as MkDocs' Page.render checks its level


def reusable(config) -> bool:
    """Whether one converter gives every page what MkDocs' own conversion would."""
    return (
        _ExtractAnchorsTreeprocessor is not None
        and enabled_on(CONVERTER)
        and all(_extension_name(extension) in RESETTING_EXTENSIONS for extension in config.markdown_extensions)
        and not _numbered_footnotes(config)
    )


def _numbered_footnotes(config) -> bool:
    """Footnotes with UNIQUE_IDS: their ids count the documents an instance converted (``fn:2-1`` on
    a new instance, ``fn:3-1``, ``fn:4-1`` … on a reused one)."""
    settings = config["mdx_configs"] or {}
    for extension in config.markdown_extensions:
        name = _extension_name(extension)
        options = settings.get(extension) or {}
        if name == "extra":
            options = options.get("footnotes") or {}
        if name in ("footnotes", "extra") and options.get("UNIQUE_IDS"):
            return True
    return False


def _extension_name(extension) -> str | None:
    if not isinstance(extension, str):
        return None  # an Extension object: its state is unknown
    return extension.removeprefix("markdown.extensions.")


class Converter:
    """Converts pages as MkDocs' ``Page.render`` does, with one ``markdown.Markdown`` for all."""

    def __init__(self) -> None:
        self.md: markdown.Markdown | None = None

    def render(self, page, config, files) -> None:
        """``Page.render(config, files)`` of MkDocs 1.6.1, on the shared instance."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self.md is None:
            # Made at the first page: every plugin has added its extensions by then (and if one
            # added another kind since on_files, MkDocs converts after all).
            if not reusable(config):
                self.render = lambda page, config, files: Page.render(page, config, files)
                return self.render(page, config, files)
            self.md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
        md = self.md
        md.reset()
        # MkDocs' per-page processors; each replaces the last page's of the same name.
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(page.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)

        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_paths.links_to_anchors
