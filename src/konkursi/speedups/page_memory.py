"""Memory and garbage-collection tricks over MkDocs' page lifecycle, for builds of thousands of pages.

MkDocs reads and converts every page before it renders the first one: 10,000 generated pages
would wait with their Markdown and HTML as Python strings (hundreds of MB). ``PackedPage`` keeps
them ``pack``ed in between (``PACKING``): its Markdown until MkDocs reads it, its HTML from the
conversion (``park``) until the theme renders it (``unpark``), and nothing once written (``drop``).
This relies on the order of MkDocs' events and on ``Page.title`` taking the rendered title when
the Markdown is "" (not None): proven per engine.

``hold_for_the_build`` (``GC_HOLD``): a build's objects alive once its files are made (the
catalogue, the feeds, MkDocs' files and config) last until its end; they are left out of the
garbage collections that converting and rendering the pages set off, each of which would otherwise
walk them all again (``gc.freeze``, undone by ``release_after_the_build``).
"""

from __future__ import annotations

import gc

from . import proven
from .engine import enabled_on
from ..engines.pages import GeneratedPage, inclusion
from .packing import pack, unpack

PACKING = {"mkdocs": proven("page-packing", mkdocs="1.6.1"),
           "properdocs": proven("page-packing-properdocs", properdocs="1.6.7")}
GC_HOLD = {"mkdocs": proven("gc-hold", mkdocs="1.6.1"),
           "properdocs": proven("gc-hold-properdocs", properdocs="1.6.7")}


class PackedPage(GeneratedPage):
    """A ``GeneratedPage`` whose Markdown, and HTML between conversion and rendering, are kept ``pack``ed."""

    packed: bytes = b""
    """The Markdown (``pack``ed, as ``konkursi.outputs.pages.Page.packed``)."""
    html: bytes | None = None
    """The HTML from MkDocs' conversion until the page is rendered (``pack``ed)."""

    @classmethod
    def of(cls, config, page) -> "PackedPage":
        file = cls.generated(config, page.path, content="", inclusion=inclusion(page))
        file.packed, file.meta = page.packed, page.meta
        return file

    @property
    def content_string(self) -> str:
        return unpack(self.packed)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.packed = pack(value)

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.packed = pack(value.decode("utf-8"))


def page_file(config, page) -> GeneratedPage:
    """The MkDocs file of a generated page: packed where proven, else MkDocs' own in-memory file."""
    return (PackedPage if enabled_on(PACKING) else GeneratedPage).of(config, page)


def park(html: str, page) -> str:
    """After conversion: a packed page's HTML kept packed, and its Markdown let go ("" keeps the title)."""
    if not isinstance(page.file, PackedPage):
        return html
    page.file.html = pack(html)
    page.markdown = ""
    return ""


def unpark(page) -> None:
    """Before the theme reads the page: its HTML back."""
    if isinstance(page.file, PackedPage) and page.file.html is not None:
        page.content, page.file.html = unpack(page.file.html), None


def drop(page) -> None:
    """After the page is written: nothing later reads its HTML."""
    if isinstance(page.file, PackedPage):
        page.content = ""


def hold_for_the_build() -> bool:
    """Freezes what is alive now out of garbage collections, where proven; whether it did."""
    if not enabled_on(GC_HOLD):
        return False
    gc.freeze()
    return True


def freeze_what_lasts() -> None:
    """After a preview's first build: what is alive now is left out of Python's garbage collections, where proven.

    The preview's memo keeps hundreds of thousands of objects (records, pages, files) for the whole
    preview; a full collection walked them all in every rebuild, about a fifth of its time. Frozen
    objects are still freed when no longer referenced; only reference cycles among them are not
    (some of the first build's MkDocs objects, once), as Python's documentation advises for such state.
    """
    if enabled_on(GC_HOLD):
        gc.collect()
        gc.freeze()


def release_after_the_build(holding: bool) -> bool:
    if holding:
        gc.unfreeze()
    return False
