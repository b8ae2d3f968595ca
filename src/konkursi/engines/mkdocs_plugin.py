"""MkDocs plugin: maps build events onto the konkursi library (engines.pages, engines.preview, speedups)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .config import KonkursiConfig, cache_folder, project_of, watched
from ..delivery.sitedir import mark
from ..memo import NO_MEMO
from ..outputs.escaping import html_title
from ..outputs.search import SearchIndexError, index_site
from ..outputs.templates import COMPILED, RenderError
from .pages import MARKDOWN_EXTENSIONS, GeneratedPage, is_generated, move_in, remove, staging_dir
from .preview import NOTICE_SCRIPT, Preview, keep_last_good, log, write_notice
from ..project import Project, Published, Result, docs_files, generate, publish
from ..records.errors import ValidationFailed
from ..site.paths import page_url
from ..speedups import page_memory
from ..speedups.converter import Converter, reusable
from ..speedups.partials import share_partials


class KonkursiPlugin(BasePlugin[KonkursiConfig]):
    """Adds the generated announcement pages to an MkDocs build."""

    project: Project | None = None
    result: Result | None = None
    published: Published | None = None
    pending: dict[str, bytes] | None = None  # a preview's files made in on_config, not yet written
    staged: Path | None = None  # a build's files written in on_config beside the site dir, not yet moved in
    serving = holding = False
    problems: list[str] = []  # a preview's record errors of the last rebuild (its pages show them)
    preview: Preview | None = None
    converter: Converter | None = None

    def on_startup(self, *, command, dirty):
        # Having on_startup also keeps this instance across serve's rebuilds, with its last good result.
        self.serving, self.result, self.published = command == "serve", None, None
        self.preview = Preview() if self.serving and dirty else None  # `konkursi serve` runs `mkdocs serve --dirty`

    def on_config(self, config):
        self.holding = page_memory.release_after_the_build(self.holding)  # a build stopped before its end
        config.markdown_extensions.extend(e for e in MARKDOWN_EXTENSIONS if e not in config.markdown_extensions)
        self.project = project_of(config, self.config)
        COMPILED.folder = cache_folder(self.project, config, self.config.cache_dir)
        existing = docs_files(config.docs_dir)
        memo = self.preview.memo if self.preview else NO_MEMO
        memo.next_build()
        staged = None if self.preview else staging_dir(config.site_dir)
        if self.preview and NOTICE_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(NOTICE_SCRIPT)  # record errors shown on the page, not only in the terminal
        try:
            result = generate(self.project, existing=existing, memo=memo)
            # Made and checked now, moved in on_files once MkDocs has emptied the site dir: an error touches nothing.
            published = publish(self.project, result, existing, memo, into=staged)
        except BaseException as error:
            remove(staged)
            if self.serving and self.result and isinstance(error, Exception):
                self.problems = keep_last_good(error)
                return config
            if isinstance(error, (ValidationFailed, RenderError)):
                raise PluginError(error.report() if isinstance(error, ValidationFailed) else str(error)) from None
            raise
        self.result, self.published, self.problems = result, published, []
        self.pending, self.staged = (published.files if self.preview else None), staged
        for warning in self.result.warnings:
            log.info(str(warning))  # never stops a build, strict or not (as in validate)
        return config

    def on_files(self, files, config):
        if self.preview:
            self.preview.start(config, self.result, self.published, files)
        for page in self.result.pages:
            file = page_memory.page_file(config, page)
            if self.preview:
                file.modified = self.preview.changed(page)
            files.append(file)
        # Feeds, calendars, data and press-release files go into the site dir now that MkDocs has
        # emptied it. After a record error a preview keeps the last good site: nothing new to write.
        move_in(self.staged, Path(config.site_dir))
        if self.pending is not None:
            self.preview.write(self.pending, Path(config.site_dir))
        self.staged = self.pending = None
        self.published, self.result = replace(self.published, files={}), replace(self.result, files={})
        self.converter = Converter() if reusable(config) else None
        if not self.preview:  # what MkDocs needs of the pages is in its files now; the releases in theirs
            self.result = replace(self.result, pages=[], releases=[])
            self.holding = page_memory.hold_for_the_build()
        return files

    def on_env(self, env, config, files):
        # MkDocs dates every page (sitemap <lastmod>, the .gz header) with the machine's clock; the build's
        # "now" keeps builds byte-identical. Set here to reach the pages a dirty preview does not read again.
        today = self.result.catalogue.now.date().isoformat()
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = today
        env.bytecode_cache = COMPILED  # the theme's templates too: compiled once, not on every build
        share_partials(env, config, is_generated)
        env.globals["konkursi"], env.globals["konkursi_feeds"] = self.result.catalogue, self.published
        env.globals["konkursi_search"] = page_url(self.project.paths.search, config.use_directory_urls)
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
        return page_memory.park(html, page)

    @event_priority(100)  # before the theme reads the HTML
    def on_page_context(self, context, page, config, nav):
        page_memory.unpark(page)
        # The theme prints a heading-derived title raw in its header and through Jinja's striptags (which
        # decodes "&lt;/title&gt;" back into markup) in <title>; an escaped front-matter title as it is in both.
        if page.title and not page.meta.get("title"):
            page.meta["title"] = html_title(page.title)
        return context

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        page_memory.drop(page)
        return output

    def on_build_error(self, error):
        remove(self.staged)
        self.staged = self.converter = None
        self.holding = page_memory.release_after_the_build(self.holding)

    @event_priority(-100)  # after every other plugin: the index is made of the pages as they are finally written
    def on_post_build(self, config):
        self.converter = None
        self.holding = page_memory.release_after_the_build(self.holding)
        mark(Path(config.site_dir))  # konkursi build replaces only folders that carry it
        if self.preview:
            self.preview.finish(config, self.result)  # a deleted record's page goes before the index is made
            write_notice(Path(config.site_dir), self.problems)
            self.preview.search.request(Path(config.site_dir))  # the page is served at once, the index follows
            return
        try:
            index_site(Path(config.site_dir))  # every page written: Pagefind reads the built HTML
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        for path in watched(self.project):
            server.watch(str(path))
        return server
