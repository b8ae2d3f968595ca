"""MkDocs plugin: maps build events onto the konkursi library."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..speedups.converter import Converter, reusable
from ..records.errors import ValidationFailed, printable
from ..records.load import Layout
from ..memo import NO_MEMO, Memo
from ..delivery.sitedir import cache_dir_problem, mark
from ..speedups.partials import SharedPartials, SharedPartialsLoader
from ..site.paths import Outputs, Paths, page_url, unknown_kind_problem
from ..project import Project, Published, Result, docs_files, files_staging_prefix, generate, move_tree, publish, sources, write_files
from ..options import OPTIONS, Option
from ..outputs.escaping import html_title
from ..outputs.templates import COMPILED, RenderError
from ..speedups.packing import pack, unpack
from ..speedups.record_hash import hash_records_once

log = logging.getLogger("mkdocs.plugins.konkursi")

# Pages reached from lists rather than from the navigation: keeping thousands of
# calls out of the nav keeps the build linear in the number of calls.
NOT_IN_NAV_KINDS = {"call", "round", "municipality", "press_round", "press_call", "press_results"}

MARKDOWN_EXTENSIONS = ("attr_list", "def_list", "md_in_html", "tables")
"""What the page templates write: attributes, definition lists, Markdown in HTML blocks, tables."""


def _config_option(option: Option):
    if option.choices:
        return c.Choice(option.choices, default=option.default)
    if option.default is None:
        return c.Optional(c.Type(option.kind))
    return c.Type(option.kind, default=option.default)


KonkursiConfig = type("KonkursiConfig", (base.Config,), {option.name: _config_option(option) for option in OPTIONS})
"""konkursi's options in mkdocs.yml (konkursi.options declares them, for the command line too)."""


class KonkursiPlugin(BasePlugin[KonkursiConfig]):
    """Adds the generated announcement pages to an MkDocs build."""

    def __init__(self):
        self.project: Project | None = None
        self.result: Result | None = None
        self.published: Published | None = None
        self.pending: dict[str, bytes] | None = None
        """A preview's files made in on_config and not yet written."""
        self.staged: Path | None = None
        """A build's files written in on_config to a folder beside the site dir, not yet moved in."""
        self.serving = False
        self.preview: Preview | None = None
        self.converter: Converter | None = None
        """Converts the generated pages' Markdown, one instance for all (see konkursi.converter)."""
        self.holding = False
        """Whether this build's lasting objects are frozen out of garbage collections (_hold_for_the_build)."""

    def on_startup(self, *, command, dirty):
        # Having on_startup also keeps this instance across serve's rebuilds, with its last good result.
        self.serving = command == "serve"
        self.result = self.published = None
        # `mkdocs serve --dirty` (what `konkursi serve` runs) rebuilds only what changed.
        self.preview = Preview() if self.serving and dirty else None
        if self.preview:
            # MkDocs warns that a dirty build may leave stale navigation (and strict mode
            # stops on it); Preview decides what to rebuild, shared parts included.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)

    def on_config(self, config):
        self.holding = _release_after_the_build(self.holding)  # a build stopped before its end
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        self.project = self._project(config)
        cache = self.config.cache_dir
        COMPILED.folder = self._cache_folder(config, cache) if cache else None
        existing = docs_files(config.docs_dir)
        memo = self.preview.memo if self.preview else NO_MEMO
        memo.next_build()
        staged = None if self.preview else _staging_dir(config.site_dir)
        try:
            result = generate(self.project, existing=existing, memo=memo)
            # Made and checked now; moved into the site dir in on_files, after MkDocs has
            # emptied it: an error stops the build before anything of the site is touched.
            published = publish(self.project, result, existing, memo, into=staged)
        except (ValidationFailed, RenderError) as error:
            _remove(staged)
            report = error.report() if isinstance(error, ValidationFailed) else str(error)
            if not (self.serving and self.result):
                raise PluginError(report) from None
            _keep_last_good_preview(report)
            return config
        except Exception as error:
            _remove(staged)
            if not (self.serving and self.result):
                raise
            # A fault konkursi did not foresee must not stop the preview either (mkdocs serve
            # stalls every request after a failed rebuild); it is shown, and the last good stays.
            _keep_last_good_preview(f"Neparedzēta kļūda, veidojot priekšskatījumu: {type(error).__name__}: {error}")
            return config
        except BaseException:
            _remove(staged)
            raise
        self.result, self.published = result, published
        self.pending, self.staged = (published.files if self.preview else None), staged
        for warning in self.result.warnings:
            # Logged as information: a record warning never stops a build, strict or not (as in validate).
            log.info(str(warning))
        return config

    def _cache_folder(self, config, cache: str) -> Path:
        """Where compiled templates go: a folder of the project that holds none of its sources."""
        layout = self.project.layout
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        named = sources(self.project, Path(config.docs_dir), custom_dir) + [("site_dir", Path(config.site_dir))]
        problem = cache_dir_problem(layout.root, cache, named)
        if problem:
            raise PluginError(f"mkdocs.yml: {printable(problem)}")
        return layout.root / cache / "templates"

    def _project(self, config) -> Project:
        problem = unknown_kind_problem(self.config.paths, self.config.outputs)
        if problem:
            raise PluginError(f"mkdocs.yml: {printable(problem)}")
        root = Path(config.config_file_path or ".").resolve().parent
        layout = Layout(root, self.config.programme, self.config.municipalities, self.config.calls)
        return Project(
            layout,
            root / self.config.templates,
            Paths.from_config(self.config.paths),
            self.config.now,
            site_url=config.site_url,
            directory_urls=config.use_directory_urls,
            outputs=Outputs.from_config(self.config.outputs),
            id_authority=self.config.id_authority,
        )

    def on_files(self, files, config):
        if self.preview:
            self.preview.start(config, self.result, self.published, files)
        for page in self.result.pages:
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV_KINDS else InclusionLevel.UNDEFINED
            file = GeneratedPage.of(config, page, inclusion)
            if self.preview:
                file.modified = self.preview.changed(page)
            files.append(file)
        self._write_files(config)
        self.converter = Converter() if reusable(config) else None
        if not self.preview:
            # What MkDocs needs of the pages is in its files now; the releases are in their files.
            self.result = replace(self.result, pages=[], releases=[])
            self.holding = _hold_for_the_build()
        return files

    def _write_files(self, config) -> None:
        # Feeds, calendars, data and press-release files, made and checked in on_config, go
        # into the site dir now that MkDocs has emptied it. After a record error a preview
        # keeps the last good site: nothing new to write then.
        site_dir = Path(config.site_dir)
        if self.staged is not None:
            move_tree(self.staged, site_dir)
            mark(site_dir)  # konkursi's from its first file on, even if the build stops before its end
            self.staged = None
        if self.pending is not None:
            write_files(self.preview.changed_files(self.pending, site_dir), site_dir)
            self.pending = None
        if self.published is not None:
            self.published = replace(self.published, files={})
            self.result = replace(self.result, files={})

    def on_env(self, env, config, files):
        # MkDocs dates every page (sitemap <lastmod>, the .gz header) with the machine's
        # clock; the build's "now" keeps two builds of the same data byte-identical.
        # Set here, not per page read, to reach the pages a dirty preview does not read again.
        today = self.result.catalogue.now.date().isoformat()
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = today
        env.bytecode_cache = COMPILED  # the theme's templates too: compiled once, not on every build
        if config.theme.name == "material":
            # What the generated pages (all outside the navigation) share of the theme: rendered once.
            env.loader = SharedPartialsLoader(env.loader)
            addresses = (config.extra.get("homepage") or "", config.theme.get("logo") or "")
            env.globals["konkursi_partials"] = SharedPartials(config.use_directory_urls, _is_generated, addresses)
        env.globals["konkursi"] = self.result.catalogue
        env.globals["konkursi_feeds"] = self.published
        return env

    @event_priority(100)  # before other plugins read the metadata
    def on_page_markdown(self, markdown, page, config, files):
        # A generated page's metadata comes as data, never from front matter that record text went into.
        if isinstance(page.file, GeneratedPage) and page.file.meta:
            page.meta = json.loads(page.file.meta)
        return markdown

    def on_pre_page(self, page, config, files):
        if self.converter is not None and isinstance(page.file, GeneratedPage):
            page.render = partial(self.converter.render, page)
        return page

    @event_priority(-100)  # after every other plugin has had the HTML
    def on_page_content(self, html, page, config, files):
        # MkDocs converts every page before it renders the first one: 10,000 generated
        # pages would wait with their Markdown and HTML as Python strings (hundreds of MB).
        if isinstance(page.file, GeneratedPage):
            page.file.html = pack(html)
            page.markdown = ""  # converted already; "" (not None) keeps the title from the render
            return ""
        return html

    @event_priority(100)  # before the search plugin and the theme read the HTML
    def on_page_context(self, context, page, config, nav):
        if isinstance(page.file, GeneratedPage) and page.file.html is not None:
            page.content, page.file.html = unpack(page.file.html), None
        # The theme prints a heading-derived title raw in its header and through Jinja's
        # striptags (which decodes "&lt;/title&gt;" back into markup) in <title>; an
        # escaped front-matter title is printed as it is in both.
        if page.title and not page.meta.get("title"):
            page.meta["title"] = html_title(page.title)
        return context

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        if isinstance(page.file, GeneratedPage):
            page.content = ""  # written; nothing after reads it
        return output

    def on_build_error(self, error):
        _remove(self.staged)
        self.staged = None
        self.converter = None
        self.holding = _release_after_the_build(self.holding)

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config):
        self.converter = None
        self.holding = _release_after_the_build(self.holding)
        mark(Path(config.site_dir))  # konkursi build replaces only folders that carry it
        if self.preview:
            self.preview.finish(config, self.result)

    def on_serve(self, server, config, builder):
        layout = self.project.layout
        for path in (layout.root / layout.programme, layout.root / layout.municipalities, layout.root / layout.calls, self.project.templates):
            if path.exists():
                server.watch(str(path))
        return server


class GeneratedPage(File):
    """A generated page; in a dirty preview it is rebuilt only when ``modified``.

    Its Markdown, and its HTML between MkDocs' conversion and rendering, are kept ``pack``ed.
    """

    modified = True
    packed: bytes = b""
    """The Markdown (``konkursi.render.pack``)."""
    meta: str = ""
    """The metadata as JSON text (``konkursi.render.Page.meta``)."""
    html: bytes | None = None
    """The HTML from MkDocs' conversion until the page is rendered (``pack``ed)."""

    @classmethod
    def of(cls, config, page, inclusion: InclusionLevel) -> "GeneratedPage":
        file = cls.generated(config, page.path, content="", inclusion=inclusion)
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

    def is_modified(self) -> bool:
        return self.modified


class Preview:
    """What `mkdocs serve --dirty` keeps between rebuilds, so that one changed record costs
    one page's worth of work, not the whole site's.

    The memo reuses loaded records and rendered pages whose inputs did not change; a
    generated page is rebuilt when its Markdown changed, and every page is rebuilt when
    something all pages show changed (mkdocs.yml, the theme, the programme, the feeds).
    """

    def __init__(self) -> None:
        hash_records_once()  # the memo's keys hold records: each is hashed once, not at every look-up
        self.memo = Memo()
        self.built: dict[str, tuple[bytes, str]] = {}
        """Markdown (packed) and metadata of every generated page as last built."""
        self.files: dict[str, bytes] = {}
        """Published files as last written."""
        self.shared: tuple | None = None
        self.feeds: dict = {}
        self.feeds_before: dict = {}
        self.everything = True
        self.rebuilt: set[str] = set()
        self.frozen = False

    def start(self, config, result: Result, published: Published, files) -> None:
        shared = (_config_bytes(config), _tree_state(config.theme.custom_dir), result.catalogue.programme,
                  result.catalogue.now if result.catalogue.now_fixed else None, repr(published.site_feeds))
        self.everything = shared != self.shared
        self.shared = shared
        self.feeds_before, self.feeds = self.feeds, published.page_feeds
        self.rebuilt = set()
        self.present = {page.path for page in result.pages}
        for file in files.documentation_pages():
            self.present.add(file.src_uri)
            if self.everything:
                file.is_modified = lambda: True  # hand-written pages show the shared parts too
            elif file.is_modified():
                self.rebuilt.add(file.src_uri)

    def changed(self, page) -> bool:
        """Whether a generated page must be rebuilt: its Markdown or the feeds it announces changed."""
        changed = (
            self.everything
            or self.built.get(page.path) != (page.packed, page.meta)
            or self.feeds_before.get(page.path) != self.feeds.get(page.path)
        )
        if changed:
            self.rebuilt.add(page.path)
        return changed

    def changed_files(self, files: dict[str, bytes], site_dir: Path) -> dict[str, bytes]:
        """The published files that differ from those last written; those no longer published are removed."""
        for gone in set(self.files) - set(files):
            (site_dir / gone).unlink(missing_ok=True)
        changed = {path: data for path, data in files.items() if self.everything or self.files.get(path) != data}
        self.files = files
        return changed

    def finish(self, config, result: Result) -> None:
        current = {page.path: (page.packed, page.meta) for page in result.pages}
        for gone in set(self.built) - set(current):
            # A deleted record's page must not linger in the preview.
            target = Path(config.site_dir) / File(gone, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
            target.unlink(missing_ok=True)
        self.built = current
        log.info(f"konkursi: {'visas lapas pārbūvētas' if self.everything else f'pārbūvētas {len(self.rebuilt)} lapas'}, "
                 f"atkārtoti izmantoti {self.memo.hits} no {self.memo.hits + self.memo.misses} sagatavotajiem ierakstiem un lapām")
        kept = set() if self.everything else self.present - self.rebuilt
        _merge_search_index(config, kept, config.use_directory_urls)
        if not self.frozen:
            self.frozen = True
            _freeze_what_lasts()


def _freeze_what_lasts() -> None:
    """After the first build: what is alive now is left out of Python's garbage collections.

    The memo keeps hundreds of thousands of objects (records, pages, files) for the whole preview;
    a full collection walked them all in every rebuild, about a fifth of its time. Frozen objects
    are still freed when no longer referenced; only reference cycles among them are not (some of
    the first build's MkDocs objects, once), as Python's documentation advises for such state.
    """
    gc.collect()
    gc.freeze()


def _is_generated(page) -> bool:
    return isinstance(page.file, GeneratedPage)


def _hold_for_the_build() -> bool:
    """A build's objects alive now (the catalogue, the feeds, MkDocs' files and config) last until
    its end: they are left out of the garbage collections that converting and rendering the pages
    set off, each of which would otherwise walk them all again. Undone by ``_release_after_the_build``.
    """
    gc.freeze()
    return True


def _release_after_the_build(holding: bool) -> bool:
    if holding:
        gc.unfreeze()
    return False


def _merge_search_index(config, kept: set[str], directory_urls: bool) -> None:
    """Keep the preview's search index whole after a partial rebuild.

    mkdocs-material merges a dirty rebuild into its last index assuming one page changed;
    here the last index's entries of the ``kept`` pages (present, not rebuilt) are kept and
    the rebuilt pages' entries added.
    """
    search = config.plugins.get("material/search") or config.plugins.get("search")
    previous = getattr(search, "search_index_prev", None)
    current = getattr(search, "search_index", None)
    if previous is None or not isinstance(getattr(current, "entries", None), list):
        return
    locations = {page_url(path, directory_urls) for path in kept}
    current.entries = [entry for entry in previous.entries if entry["location"].split("#")[0] in locations] + current.entries
    search.search_index_prev = None  # merged here; the plugin keeps the result for the next rebuild


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _config_bytes(config) -> bytes:
    try:
        return Path(config.config_file_path).read_bytes()
    except (OSError, TypeError):
        return b""


def _tree_state(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    state = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            stat = path.stat()
            # Relative: MkDocs gives the theme folder relative on the first build, absolute later.
            state.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(state)


def _keep_last_good_preview(report: str) -> None:
    # mkdocs serve stalls every page request after a failed rebuild, so the preview goes on
    # with the last good records; printed, not logged, as strict mode would count a log record.
    print(f"{report}\nPriekšskatījumā paliek pēdējā derīgā versija; izlabojiet kļūdas, un lapa atjaunosies.", file=sys.stderr)


def _staging_dir(site_dir: str) -> Path:
    """A new folder beside the site dir (one file system: its contents move in by renames)."""
    site = Path(site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=files_staging_prefix(site), dir=site.parent))


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
