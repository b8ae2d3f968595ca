"""MkDocs plugin: maps build events onto the konkursi library."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from .errors import ValidationFailed
from .load import Layout
from .paths import Outputs, Paths
from .project import Project, Published, Result, default_cache_dir, generate, publish, write_files
from .publishing import DEFAULT_AUTHORITY
from .render import RenderError, html_title

log = logging.getLogger("mkdocs.plugins.konkursi")

# Pages reached from lists rather than from the navigation: keeping thousands of
# calls out of the nav keeps the build linear in the number of calls.
NOT_IN_NAV_KINDS = {"call", "round", "municipality", "press_round", "press_call"}


class KonkursiConfig(base.Config):
    programme = c.Type(str, default="programme.yml")
    """Programme record, relative to mkdocs.yml."""
    municipalities = c.Type(str, default="municipalities")
    """Folder of municipality records."""
    calls = c.Type(str, default="calls")
    """Folder of round folders with call records."""
    templates = c.Type(str, default="theme/pages")
    """Folder of the page templates."""
    now = c.Optional(c.Type(str))
    """Fixed "now" for statuses, e.g. "2020-04-20 12:00" (Europe/Riga)."""
    paths = c.Type(dict, default={})
    """Overrides of the page paths (see konkursi.paths.Paths)."""
    outputs = c.Type(dict, default={})
    """Overrides of the feed, calendar and data file paths (see konkursi.paths.Outputs)."""
    id_authority = c.Type(str, default=DEFAULT_AUTHORITY)
    """Authority of the tag: ids in feeds and calendars, e.g. "konkursi.example,2020"; never change it."""


class KonkursiPlugin(BasePlugin[KonkursiConfig]):
    """Adds the generated announcement pages to an MkDocs build."""

    def __init__(self):
        self.project: Project | None = None
        self.result: Result | None = None
        self.published: Published | None = None
        self.serving = False

    def on_startup(self, *, command, dirty):
        # Having on_startup also keeps this instance across serve's rebuilds, with its last good result.
        self.serving = command == "serve"
        self.result = self.published = None

    def on_config(self, config):
        self.project = self._project(config)
        existing = _docs_files(config.docs_dir)
        try:
            result = generate(self.project, existing=existing)
            # Computed now, written after the build: an error stops it before anything is written.
            published = publish(self.project, result, existing)
        except (ValidationFailed, RenderError) as error:
            report = error.report() if isinstance(error, ValidationFailed) else str(error)
            if not (self.serving and self.result):
                raise PluginError(report) from None
            _keep_last_good_preview(report)
            return config
        self.result, self.published = result, published
        for warning in self.result.warnings:
            log.warning(str(warning))
        return config

    def _project(self, config) -> Project:
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
            cache_dir=default_cache_dir(root),
        )

    def on_files(self, files, config):
        for page in self.result.pages:
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV_KINDS else InclusionLevel.UNDEFINED
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        return files

    def on_env(self, env, config, files):
        env.globals["konkursi"] = self.result.catalogue
        env.globals["konkursi_feeds"] = self.published
        return env

    def on_pre_page(self, page, config, files):
        # MkDocs dates every page (sitemap <lastmod>, the .gz header) with the machine's
        # clock; the build's "now" keeps two builds of the same data byte-identical.
        page.update_date = self.result.catalogue.now.date().isoformat()
        return page

    def on_page_context(self, context, page, config, nav):
        # The theme prints a heading-derived title raw in its header and through Jinja's
        # striptags (which decodes "&lt;/title&gt;" back into markup) in <title>; an
        # escaped front-matter title is printed as it is in both.
        if page.title and not page.meta.get("title"):
            page.meta["title"] = html_title(page.title)
        return context

    def on_post_build(self, config):
        # Feeds, calendars, data and press-release files; computed in on_config, so an
        # error there stops the build before anything is written.
        write_files(self.published.files, Path(config.site_dir))

    def on_serve(self, server, config, builder):
        layout = self.project.layout
        for path in (layout.root / layout.programme, layout.root / layout.municipalities, layout.root / layout.calls, self.project.templates):
            if path.exists():
                server.watch(str(path))
        return server


def _keep_last_good_preview(report: str) -> None:
    # mkdocs serve stalls every page request after a failed rebuild, so the preview goes on
    # with the last good records; printed, not logged, as strict mode would count a log record.
    print(f"{report}\nPriekšskatījumā paliek pēdējā derīgā versija; izlabojiet kļūdas, un lapa atjaunosies.", file=sys.stderr)


def _docs_files(docs_dir: str) -> set[str]:
    found = set()
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            found.add(Path(folder, name).relative_to(docs_dir).as_posix())
    return found
