"""Rendering the catalogue into Markdown pages with the project's Jinja2 templates."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
import sys
import weakref
import zlib
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import jinja2
import yaml
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, TemplateError, meta, pass_context
from markupsafe import Markup

from ..site import lv
from ..site.derive import CallEntry, Catalogue, MunicipalityEntry, RoundEntry
from ..memo import NO_MEMO, Memo
from ..records.model import GRANT_KINDS, REGIONS, SUBMISSION_METHODS, Municipality, Round
from ..site.paths import Outputs, Paths, file_link, relative_link
from ..records.values import DayOnly, spreadsheet_safe


def pack(text: str) -> bytes:
    """``text`` as compressed UTF-8: a third of its size as UTF-8 and a sixth of Python's ``str``.

    Latvian letters (ā, č, š …) make Python keep a whole string at two bytes a character; a
    site of 5,000 calls holds 10,000 pages of Markdown and, while MkDocs builds, their HTML.
    Level 1: nearly the size of the default level at two thirds of its time.
    """
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(data: bytes) -> str:
    """The text that ``pack`` made ``data`` of."""
    return zlib.decompress(data).decode("utf-8")


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


class CompiledTemplates(BytecodeCache):
    """Compiled templates, kept in memory for the life of the process and, once ``folder`` is
    set, on disk between builds.

    Compiling konkursi's templates and the theme's costs about a second on every build;
    the pages themselves take about 10 ms each to render. Jinja keys each entry by the template's file and
    checks the checksum of its source, so an edited template is compiled anew. The compiled
    code also depends on the environment's settings (escaping, finalize, extensions, syntax),
    which are part of the key here, so one instance serves every environment.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        """Where compiled templates are kept between builds (``.cache/konkursi/templates``); None: memory only."""
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        key = self._key(bucket)
        code = self.compiled.get(key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / key).read_bytes()
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # resets itself when the source changed
            except (EOFError, ValueError, TypeError):  # a damaged file: compiled anew
                bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        key, code = self._key(bucket), bucket.bytecode_to_string()
        self.compiled[key] = code
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                temporary = self.folder / f"{key}.{os.getpid()}.tmp"
                temporary.write_bytes(code)
                os.replace(temporary, self.folder / key)  # another build never reads half a file
            except OSError:
                pass  # a read-only project: the next build compiles again

    def _key(self, bucket) -> str:
        return f"{_settings_key(bucket.environment)}-{bucket.key}"


_SETTINGS_KEYS: weakref.WeakKeyDictionary[Environment, str] = weakref.WeakKeyDictionary()
"""Each environment's ``_settings_key``, for as long as the environment lives (a preview makes new ones at every rebuild)."""


def _settings_key(env: Environment) -> str:
    """A digest of what, besides the source, decides an environment's compiled code."""
    known = _SETTINGS_KEYS.get(env)
    if known is not None:
        return known
    settings = (
        jinja2.__version__, sys.version, sorted(env.extensions), _name(env.autoescape), _name(env.finalize), env.is_async,
        env.optimized, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
    )
    digest = hashlib.sha1(repr(settings).encode()).hexdigest()[:16]
    _SETTINGS_KEYS[env] = digest
    return digest


def _name(value: Any) -> Any:
    return f"{value.__module__}.{value.__qualname__}" if callable(value) else value


COMPILED = CompiledTemplates()
"""The compiled templates of every environment: konkursi's pages, texts and press releases, and the theme's."""


class TextTemplates:
    """Plain-text pieces (feed titles, summaries, event names) from macros in the templates.

    Feedgen and icalendar escape what they write, so nothing is escaped here.
    """

    def __init__(self, templates_dir: Path, name: str):
        env = Environment(loader=FileSystemLoader(str(templates_dir)), undefined=StrictUndefined, autoescape=False, bytecode_cache=COMPILED)
        env.filters.update(shared_filters())
        env.globals.update(_globals())
        self.name = name
        try:
            self.module = env.get_template(name).module
        except TemplateError as error:
            raise RenderError(f"{name}:{getattr(error, 'lineno', 0)}: veidnes kļūda: {error}") from error

    def __call__(self, macro: str, *args: Any) -> str:
        """The text of ``macro`` in one line, surrounding whitespace removed."""
        return " ".join(self._call(macro, args).split())

    def lines(self, macro: str, *args: Any) -> str:
        """The text of ``macro`` keeping its non-blank lines, each stripped."""
        return "\n".join(line.strip() for line in self._call(macro, args).splitlines() if line.strip())

    def _call(self, macro: str, args: tuple) -> str:
        try:
            return str(getattr(self.module, macro)(*args))
        except (TemplateError, LookupError, TypeError, AttributeError, ValueError) as error:
            raise RenderError(f"{self.name}: veidnes kļūda makro {macro}: {error}") from error


TEMPLATE_ERRORS = (TemplateError, LookupError, TypeError, AttributeError, ValueError)
"""What a mistake in a template raises while it renders (StrictUndefined, a bad filter argument …)."""


def template_error(error: Exception, template_name: str, subject: str) -> "RenderError":
    """A Latvian message naming the template, its line where known, and what was being made."""
    line = getattr(error, "lineno", None)
    where = f"{getattr(error, 'filename', None) or template_name}" + (f":{line}" if line else "")
    return RenderError(f"{where}: veidnes kļūda {subject}: {error}")


class RenderError(Exception):
    """A template failed; the message names the template and line."""


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~&<]")
"""Characters with a meaning in Markdown (each gets a backslash), and "&" and "<" (entities)."""

# Backslashes first, then the entities: no replacement adds a character that a later one changes.
_MD_REPLACEMENTS = (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;")) + tuple(
    (char, "\\" + char) for char in "`*_{}[]()#+-.!|>~"
)


def md_escape(text: Any) -> str:
    """Make record text safe inside Markdown: no markup, no HTML, one line."""
    text = " ".join(str(text).split())
    if _MD_SPECIAL.search(text) is None:  # most names and numbers: nothing to escape
        return text
    for char, replacement in _MD_REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def html_title(title: str) -> str:
    """A page title (heading HTML as MkDocs keeps it) as escaped plain text for ``<title>``."""
    return html.escape(Markup(title).striptags(), quote=False)


def _finalize(value: Any) -> Markup:
    # Everything a template prints from the records is escaped for Markdown and
    # HTML; only values already marked safe (links, macros, attributes) pass.
    if isinstance(value, Markup):
        return value
    # str.__new__ makes the same Markup without Markup.__new__'s checks (a plain str has no __html__).
    return str.__new__(Markup, md_escape(value))


def _attr(value: Any) -> Markup:
    """Escape a value for an HTML attribute (or any raw HTML context)."""
    return Markup(html.escape(str(value), quote=True))


def _iso(value: Any) -> Markup:
    return Markup(value.isoformat())


def _csv_row(values: list[Any]) -> Markup:
    """One CSV line (no line end) of the given values; none can start a spreadsheet formula."""
    buffer = io.StringIO()
    cells = ["" if v is None else spreadsheet_safe(str(v)) for v in values]
    csv.writer(buffer, lineterminator="").writerow(cells)
    return Markup(buffer.getvalue())


def _json(value: Any) -> Markup:
    """JSON for front matter (read by ``split_front_matter``); the theme re-escapes it for HTML."""
    return Markup(json.dumps(value, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def shared_filters() -> dict[str, Any]:
    """Filters every template gets, pages and plain-text pieces alike."""
    return dict(
        lv_date=lv.lv_date,
        lv_time=lv.lv_time,
        lv_datetime=lv.lv_datetime,
        eur=lv.eur,
        number=lv.lv_number,
        phone=lv.phone,
        plural=lambda count, one, other: lv.plural(count, one, other),
        timed=lambda moment: not isinstance(moment, DayOnly),
        attr=_attr,
        iso=_iso,
        paragraphs=_paragraphs,
        csv_row=_csv_row,
        json=_json,
        raw=Markup,
    )


T = TypeVar("T")

WHOLE_SITE = "site"
"""The name under which templates see the whole catalogue."""


class Locality:
    """Which templates print only what they are given for one page, never the whole site.

    A call's page made by such a template depends on the call's entry, the programme and the
    page's path alone, so a preview may reuse it while those stay equal. A template that
    names ``site`` (or includes or imports one that does, or picks a template by a
    computed name) is made anew on every build.

    With a ``memo`` (a preview), ``remember`` reuses what such a template made; the memo's
    keys carry a fingerprint of every template in ``templates_dir`` and of the ``settings``
    the templates see besides their arguments (paths, links …).
    """

    def __init__(self, env: Environment, templates_dir: Path | None = None, memo: Memo = NO_MEMO, settings: tuple = ()):
        self.env = env
        self.known: dict[str, bool] = {}
        self.memo = memo
        self.fingerprint = None if memo is NO_MEMO else (templates_fingerprint(templates_dir), settings)

    def remember(self, table: str, name: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, or in a preview its result from the last build while template ``name``
        is local and ``key`` is equal."""
        if self.memo is NO_MEMO or not self.memo.get("local", (self.fingerprint, name), lambda: self(name)):
            return make()
        return self.memo.get(table, (self.fingerprint, name, key), make)

    def __call__(self, name: str) -> bool:
        if name not in self.known:
            self.known[name] = False  # a template that includes itself is not local
            self.known[name] = self._local(name)
        return self.known[name]

    def _local(self, name: str) -> bool:
        try:
            source, _, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source)
            if WHOLE_SITE in meta.find_undeclared_variables(tree):
                return False
        except TemplateError:
            return False  # rendering reports it
        return all(other is not None and self(other) for other in meta.find_referenced_templates(tree))


def templates_fingerprint(templates_dir: Path) -> str:
    """Changes whenever any template in ``templates_dir`` changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _globals() -> dict[str, Any]:
    return dict(
        region_name=dict(REGIONS).__getitem__,
        submission_method=dict(SUBMISSION_METHODS).__getitem__,
        grant_kind=dict(GRANT_KINDS).__getitem__,
    )


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
            finalize=_finalize,
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
            _globals(), url=self._url, file_url=self._file_url, path_url=self._path_url, site_url=self.links.site_url,
            path_of=self.paths.format,
            remember=self._remember, **context
        )
        settings = (repr(self.paths), repr(self.links), repr(sorted(context.items())))
        self.local = Locality(self.env, templates_dir, memo, settings)

    def render_all(self, catalogue: Catalogue, releases: list = ()) -> list[Page]:
        """Every page of the site, in a stable order; the home page lists the newest ``releases``."""
        kinds = ("calls", "rounds", "municipalities", "contacts", "subscribe", "open_data", "accessibility")
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
