"""Press releases: each release as a list of blocks, and the blocks as plain text and .docx.

A release's wording and order live in a template (``theme/pages/press/*.j2``) that
emits blocks; every format (page, .txt, .docx) is rendered from the same blocks, so
they hold the same paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import docx as docx_writer
from ..speedups import docx as docx_speedup
from ..speedups import enabled

from .. import lv
from .files import Deferred, Files
from .inline import inline_text
from ..memo import NO_MEMO, Memo
from ..records.model import SUBMISSION_METHODS
from .reuse import Locality
from ..site.derive import CallEntry, Catalogue, RoundEntry
from ..site.paths import Paths, page_url
from .templates import COMPILED, TEMPLATE_ERRORS, shared_filters, template_error

BLOCK_KINDS = ("letterhead", "headline", "date", "label", "paragraph", "list", "contact", "funding")
"""What a template may emit; ``item`` adds to a list, ``line`` to a contact block."""

INLINE_TAGS = {"a", "strong", "em", "b", "i", "code", "br"}
"""HTML a release's own Markdown may produce inside a paragraph; the rest is removed."""

@dataclass(frozen=True)
class Block:
    """One block of a release: a paragraph-like text, a list or a contact block."""

    kind: str
    """One of ``BLOCK_KINDS``."""
    html: Markup = Markup("")
    """Inline HTML of the text (safe: record text escaped, Markdown sanitised)."""
    items: tuple[Markup, ...] = ()
    """List items or contact lines, as inline HTML."""

    @cached_property  # asked for by every format and every feed that carries the release
    def text(self) -> str:
        return inline_text(self.html)

    @cached_property
    def item_texts(self) -> tuple[str, ...]:
        return tuple(inline_text(item) for item in self.items)


@dataclass(frozen=True)
class Release:
    """A press release ready to be rendered in every format."""

    kind: str
    """``round`` or ``call``."""
    entry: RoundEntry | CallEntry
    date: dt.date
    blocks: tuple[Block, ...]
    page: str
    """Source path of its page (``informacija-medijiem/2020-pavasaris/index.md``)."""
    files: dict[str, str] = field(default_factory=dict)
    """Downloadable files by extension: ``{"docx": path, "txt": path}``."""

    def __hash__(self) -> int:
        return hash((self.kind, self.entry, self.date, self.blocks, self.page, tuple(sorted(self.files.items()))))

    @property
    def headline(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "headline"), "")

    @property
    def contact_name(self) -> str:
        contact = next((b for b in self.blocks if b.kind == "contact"), None)
        return contact.item_texts[0] if contact and contact.items else ""


class PressBuilder:
    """Builds the releases of a catalogue with the templates in ``templates_dir/press``."""

    def __init__(
        self, templates_dir: Path, paths: Paths, site_url: str | None = None, directory_urls: bool = True, memo: Memo = NO_MEMO
    ):
        """With a ``memo`` (a preview), releases whose inputs did not change since the last build are reused."""
        self.paths = paths
        self.site_url = (site_url or "/").rstrip("/") + "/"
        self.directory_urls = directory_urls
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            bytecode_cache=COMPILED,
            undefined=StrictUndefined,
            auto_reload=False,  # one build: each template is read once
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            shared_filters(),
            lv_month=lv.lv_month,
            phone_national=lv.phone_national,
            host=lambda url: urlsplit(url).hostname or url,
            lcfirst=_lcfirst,
            markdown=markdown_paragraphs,
        )
        self.env.globals.update(
            link=_link,
            mailto=lambda address: _link(f"mailto:{address}", address),
            site_url=self._site_url,
            submission_method=dict(SUBMISSION_METHODS).__getitem__,
        )
        self.local = Locality(self.env, templates_dir, memo, (repr(paths), self.site_url, directory_urls))

    def build(self, catalogue: Catalogue) -> list[Release]:
        """Every public release, newest first (a round's before its calls' on the same day)."""
        releases = [self._round_release(entry, catalogue) for entry in catalogue.rounds if entry.press_release]
        releases += [self._call_release(entry, catalogue) for entry in catalogue.calls if entry.press_date]
        releases += [self._results_release(entry, catalogue) for entry in catalogue.rounds if entry.results_public]
        return sorted(releases, key=_newest_first)

    def _round_release(self, entry: RoundEntry, catalogue: Catalogue) -> Release:
        ids = {"round": entry.id}
        blocks = self._blocks("press/round.j2", catalogue, entry, entry.press_release.date)
        return Release("round", entry, entry.press_release.date, blocks, self.paths.format("press_round", **ids), self._files("press_round_file", ids))

    def _results_release(self, entry: RoundEntry, catalogue: Catalogue) -> Release:
        ids = {"round": entry.id}
        blocks = self._blocks("press/results.j2", catalogue, entry, entry.results_date)
        return Release("results", entry, entry.results_date, blocks, self.paths.format("press_results", **ids), self._files("press_results_file", ids))

    def _call_release(self, entry: CallEntry, catalogue: Catalogue) -> Release:
        ids = {"round": entry.round.id, "municipality": entry.municipality.id}
        blocks = self._blocks("press/call.j2", catalogue, entry, entry.press_date)
        return Release("call", entry, entry.press_date, blocks, self.paths.format("press_call", **ids), self._files("press_call_file", ids))

    def _files(self, kind: str, ids: dict[str, str]) -> dict[str, str]:
        return {ext: self.paths.format(kind, ext=ext, **ids) for ext in ("docx", "txt")}

    def _blocks(self, template_name: str, catalogue: Catalogue, entry: Any, date: dt.date) -> tuple[Block, ...]:
        make = lambda: self._render_blocks(template_name, catalogue, entry, date)  # noqa: E731
        return self.local.remember("press", template_name, (entry, catalogue.programme, date), make)

    def _render_blocks(self, template_name: str, catalogue: Catalogue, entry: Any, date: dt.date) -> tuple[Block, ...]:
        collector = _Collector()
        try:
            template = self.env.get_template(template_name)
            template.render(site=catalogue, programme=catalogue.programme, entry=entry, date=date, emit=collector.emit)
        except TEMPLATE_ERRORS as error:
            raise template_error(error, template_name, f"preses relīzei {entry.id}") from error
        return tuple(collector.blocks)

    def _site_url(self, kind: str, **ids: str) -> str:
        return self.site_url + page_url(self.paths.format(kind, **ids), self.directory_urls)


def _newest_first(release: Release) -> tuple:
    name = release.entry.municipality.name if release.kind == "call" else ""
    return (-release.date.toordinal(), ("results", "round", "call").index(release.kind), lv.sort_key(name))


class _Collector:
    """Receives the blocks a release template emits with ``{% call emit(kind) %}``."""

    def __init__(self):
        self.blocks: list[Block] = []

    def emit(self, kind: str, caller) -> str:
        content = Markup(" ".join(str(caller()).split()))
        if kind == "item":
            self._extend("list", content, new=True)
        elif kind == "line":
            self._extend("contact", content, new=False)
        elif kind in BLOCK_KINDS:
            self.blocks.append(Block(kind, content))
        else:
            raise ValueError(f"unknown press release block: {kind}")
        return ""

    def _extend(self, kind: str, content: Markup, new: bool) -> None:
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind != kind:
            if not new:
                raise ValueError(f'"line" must follow a "{kind}" block')
            last = Block(kind)
            self.blocks.append(last)
        self.blocks[-1] = Block(kind, last.html, last.items + (content,))


def _link(url: str, text: str | None = None) -> Markup:
    # Markup("...{}...").format(...) escapes each argument with escape(); this does the same, faster.
    return Markup(f'<a href="{escape(url)}">{escape(url if text is None else text)}</a>')


def _lcfirst(text: str) -> str:
    """Lower-case the first letter of a sentence used mid-sentence, not of an acronym."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# Only inline Markdown is supported; a line starting "2020. gada" must not become a list.
_BLOCK_SYNTAX = re.compile(r"^(\s*\d*)([.)#>*+-])(?=\s|$|#)", re.MULTILINE)


def markdown_paragraphs(text: str) -> list[Markup]:
    """A release's own Markdown as paragraphs of sanitised inline HTML (nh3)."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        rendered = markdown_lib.markdown(_BLOCK_SYNTAX.sub(r"\1\\\2", chunk))
        clean = nh3.clean(
            rendered,
            tags=INLINE_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
        clean = " ".join(clean.split())
        if clean:
            paragraphs.append(Markup(clean))
    return paragraphs


def to_text(release: Release) -> str:
    """The release as UTF-8 plain text for an e-mail or a CMS: a paragraph is one line.

    Lines are not wrapped: text pasted into a news site's editor or a mail client keeps its own
    paragraphs and reflows to the reader's width.
    """
    parts = []
    for block in release.blocks:
        if block.kind == "list":
            parts.append("\n".join("• " + item for item in block.item_texts))
        elif block.kind == "contact":
            parts.append("\n".join((block.text,) + block.item_texts))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def to_docx(release: Release) -> bytes:
    """The release as a Word document with Latvian metadata."""
    if enabled(docx_speedup.DOCX):
        return docx_speedup.write(release)
    return docx_writer.write(release)


def output_files(releases: list[Release], memo: Memo = NO_MEMO) -> Files:
    """The .txt and .docx of every release: ``{path relative to the site dir: content}``.

    A .docx costs about a millisecond with its speedup (some 30 without); a preview reuses the files
    of unchanged releases.
    """
    files: dict[str, bytes | Deferred] = {}
    for release in releases:
        files[release.files["txt"]] = memo.get("txt", release, lambda: to_text(release).encode("utf-8"))
        if memo is NO_MEMO:
            files[release.files["docx"]] = Deferred(lambda release=release: to_docx(release), release)  # made when written
        else:
            files[release.files["docx"]] = memo.get("docx", release, lambda: to_docx(release))
    return Files(files)


__all__ = ["Block", "PressBuilder", "Release", "inline_text", "markdown_paragraphs", "output_files", "to_docx", "to_text"]
