"""Rendering the catalogue into Markdown pages with the project's Jinja2 templates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .escaping import finalize
from ..memo import NO_MEMO, Memo
from ..records.model import Municipality, Round
from .reuse import Locality
from ..site.derive import CallEntry, Catalogue, MunicipalityEntry, RoundEntry
from ..site.paths import Outputs, Paths, file_link, page_url, relative_link
from ..speedups.packing import pack, unpack
from .templates import COMPILED, TEMPLATE_ERRORS, RenderError, shared_filters, template_error, template_globals


@dataclass(frozen=True)
class Page:
    """A generated Markdown page."""

    path: str
    """Source path relative to the docs dir, e.g. ``konkursi/2020-pavasaris/cesu-novads.md``."""
    kind: str
    """Which template made it: home, calls, call, rounds, round, municipalities, municipality, contacts, press, press_round, press_call, press_results."""
    packed: bytes = field(repr=False)
    """The page's Markdown without front matter, ``pack``ed: every page waits in memory until MkDocs reads it."""
    meta: str = ""
    """The page's metadata (title, description, search settings …) as JSON text; "" for none.

    Handed to the engine as data: no engine parses front matter that record text went into.
    """

    @property
    def body(self) -> str:
        """The page's Markdown, without metadata."""
        return unpack(self.packed)

    @property
    def metadata(self) -> dict:
        return json.loads(self.meta) if self.meta else {}

    @property
    def markdown(self) -> str:
        """The whole page as another engine reads it: front matter written by PyYAML, then the Markdown."""
        markdown = self.body[1:]  # without the blank line split_front_matter puts first
        if not self.meta:
            return markdown
        front = yaml.safe_dump(self.metadata, allow_unicode=True, sort_keys=False, width=float("inf"))
        return f"---\n{front}---\n{markdown}"


def split_front_matter(text: str, where: str) -> tuple[str, str]:
    """A rendered template's Markdown and its front matter as JSON text.

    Templates write front matter as ``key: <JSON>`` lines (the ``json`` filter), read here with
    the json module: no record text can change its shape. The Markdown returned starts with a
    blank line, so that no engine reads its first lines as metadata.
    """
    if not text.startswith("---\n"):
        return "\n" + text, ""
    end = text.find("\n---\n", 3)
    if end < 0:
        raise RenderError(f"veidnes kļūda {where}: metadatu bloks (front matter) nav noslēgts ar ---")
    meta = {}
    for number, line in enumerate(text[4:end].split("\n"), 2):
        if not line.strip():
            continue
        key, colon, value = line.partition(": ")
        try:
            if not colon or not key.isidentifier():
                raise ValueError(line)
            meta[key] = json.loads(value)
        except ValueError:
            raise RenderError(f'veidnes kļūda {where}: metadatu bloka {number}. rindai jābūt formā "lauks: <JSON>"') from None
    return "\n" + text[end + 5:], json.dumps(meta, ensure_ascii=False, sort_keys=False)


@dataclass(frozen=True)
class FileLinks:
    """What pages need to link the output files: their paths and the site's address."""

    outputs: Outputs = Outputs()
    site_url: str | None = None
    """``site_url`` from mkdocs.yml; pages show absolute addresses only when it is set."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: where a page's own URL ends decides relative links."""


class Renderer:
    """Renders every page of a catalogue with the templates in ``templates_dir``."""

    def __init__(
        self, templates_dir: Path, paths: Paths | None = None, links: FileLinks | None = None, memo: Memo = NO_MEMO, **context: Any
    ):
        """``context`` are further names every template sees (the open data fields and licence).

        With a ``memo`` (a preview), pages whose inputs did not change since the last build are reused.
        """
        self.paths = paths or Paths()
        self.links = links or FileLinks()
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            bytecode_cache=COMPILED,
            undefined=StrictUndefined,
            finalize=finalize,
            # A renderer lives for one build: templates are read once, not checked on
            # disk for every page and every import of the macros.
            auto_reload=False,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(shared_filters())
        self.env.globals.update(
            template_globals(), url=self._url, file_url=self._file_url, path_url=self._path_url, page_link=self._page_link, site_url=self.links.site_url,
            path_of=self.paths.format,
            remember=self._remember, **context
        )
        settings = (repr(self.paths), repr(self.links), repr(sorted(context.items())))
        self.local = Locality(self.env, templates_dir, memo, settings)

    def render_all(self, catalogue: Catalogue, releases: list = ()) -> list[Page]:
        """Every page of the site, in a stable order; the home page lists the newest ``releases``."""
        kinds = ("calls", "rounds", "municipalities", "contacts", "subscribe", "search", "open_data", "accessibility")
        pages = [self.render("home", catalogue, list(releases))] + [self.render(kind, catalogue) for kind in kinds]
        pages += [self.render("round", catalogue, entry, round=entry.id) for entry in catalogue.rounds]
        pages += [self.render("municipality", catalogue, entry, municipality=entry.id) for entry in catalogue.municipalities]
        pages += [
            self.render("call", catalogue, entry, round=entry.round.id, municipality=entry.municipality.id)
            for entry in catalogue.calls
        ]
        return pages

    def render(self, kind: str, catalogue: Catalogue, entry: Any = None, **ids: str) -> Page:
        return self.render_template(kind, self.paths.format(kind, **ids), catalogue, entry)

    def render_press(self, catalogue: Catalogue, releases: list) -> list[Page]:
        """The press-release archive and one page per release (``konkursi.press.Release``)."""
        pages = [self.render_template("press", self.paths.press, catalogue, releases)]
        pages += [
            self.render_template("press_release", release.page, catalogue, release, kind=f"press_{release.kind}")
            for release in releases
        ]
        return pages

    def render_files(self, catalogue: Catalogue) -> dict[str, bytes]:
        """Generated files that are not pages: the contacts as CSV (UTF-8 with a BOM, so Excel reads ā, č …)."""
        path = self.links.outputs.format("contacts_csv")
        text = self._render_text("contacts.csv.j2", path, catalogue)
        return {path: text.encode("utf-8-sig")}

    def render_template(self, template: str, path: str, catalogue: Catalogue, entry: Any = None, kind: str | None = None) -> Page:
        """Render ``<template>.md.j2`` as the page at ``path``."""
        name = f"{template}.md.j2"
        def make() -> tuple[bytes, str]:
            body, meta = split_front_matter(self._render_text(name, path, catalogue, entry), f"{name} lapai {path}")
            return pack(body), meta

        packed, meta = self.local.remember("page", name, (path, entry, catalogue.programme), make)
        return Page(path, kind or template, packed, meta)

    def _render_text(self, template_name: str, path: str, catalogue: Catalogue, entry: Any = None) -> str:
        try:
            template = self.env.get_template(template_name)
            return template.render(site=catalogue, programme=catalogue.programme, entry=entry, page_path=path)
        except TEMPLATE_ERRORS as error:
            raise template_error(error, template_name, f"lapai {path}") from error

    @pass_context
    def _url(self, context, target: Any, **ids: str) -> Markup:
        """Relative link from the page being rendered to ``target``: a page kind, a record or a path."""
        return Markup(relative_link(context["page_path"], self.target_path(target, **ids)))

    @pass_context
    def _remember(self, context, *key: Any, caller) -> Markup:
        """``{% call remember(name, values…) %}fragment{% endcall %}``: a fragment of a page that
        depends only on the given values (and the page's path), kept between preview rebuilds.

        A page listing every call re-renders only the rows of the calls that changed.
        """
        memo = self.local.memo
        if memo is NO_MEMO:
            return caller()
        return memo.get("fragment", (self.local.fingerprint, context["page_path"], key), caller)

    @pass_context
    def _file_url(self, context, kind: str, absolute: bool = False, **ids: str) -> Markup | str:
        """Link from the page being rendered to an output file (feed, calendar, data).

        ``absolute=true`` gives the address to show and copy (plain text, escaped on output);
        it stays relative when the site has no ``site_url``.
        """
        path = self.links.outputs.format(kind, **ids)
        if absolute and self.links.site_url:
            return self.links.site_url.rstrip("/") + "/" + path
        return Markup(file_link(context["page_path"], path, self.links.directory_urls))

    @pass_context
    def _page_link(self, context, target: Any, **ids: str) -> Markup:
        """Link from the page being rendered to a page, for raw HTML (MkDocs rewrites Markdown links only)."""
        url = page_url(self.target_path(target, **ids), self.links.directory_urls)
        link = file_link(context["page_path"], url, self.links.directory_urls)
        return Markup(link + "/" if url.endswith("/") and not link.endswith("/") else link)

    @pass_context
    def _path_url(self, context, path: str) -> Markup:
        """Link from the page being rendered to a file at ``path`` in the site dir (a press-release file)."""
        return Markup(file_link(context["page_path"], path, self.links.directory_urls))

    def target_path(self, target: Any, **ids: str) -> str:
        if isinstance(target, str) and target.endswith(".md"):
            return target
        if isinstance(target, CallEntry):
            return self.paths.format("call", round=target.round.id, municipality=target.municipality.id)
        if isinstance(target, (RoundEntry, Round)):
            return self.paths.format("round", round=target.id)
        if isinstance(target, (MunicipalityEntry, Municipality)):
            return self.paths.format("municipality", municipality=target.id)
        return self.paths.format(target, **ids)
