"""MkDocs plugin: maps build events onto the konkursi library."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from .errors import ValidationFailed
from .load import Layout
from .paths import Paths
from .project import Project, Result, generate, write_files
from .render import RenderError

log = logging.getLogger("mkdocs.plugins.konkursi")

# Pages reached from lists rather than from the navigation: keeping thousands of
# calls out of the nav keeps the build linear in the number of calls.
NOT_IN_NAV_KINDS = {"call", "round", "municipality"}


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


class KonkursiPlugin(BasePlugin[KonkursiConfig]):
    """Adds the generated announcement pages to an MkDocs build."""

    def __init__(self):
        self.project: Project | None = None
        self.result: Result | None = None

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        layout = Layout(root, self.config.programme, self.config.municipalities, self.config.calls)
        self.project = Project(layout, root / self.config.templates, Paths.from_config(self.config.paths, config.use_directory_urls), self.config.now)
        try:
            self.result = generate(self.project, existing=_docs_files(config.docs_dir))
        except ValidationFailed as failed:
            raise PluginError(failed.report()) from None
        except RenderError as error:
            raise PluginError(str(error)) from None
        for warning in self.result.warnings:
            log.warning(str(warning))
        return config

    def on_files(self, files, config):
        for page in self.result.pages:
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV_KINDS else InclusionLevel.UNDEFINED
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        return files

    def on_env(self, env, config, files):
        env.globals["konkursi"] = self.result.catalogue
        return env

    def on_post_build(self, config):
        write_files(self.result.files, Path(config.site_dir))

    def on_serve(self, server, config, builder):
        layout = self.project.layout
        for path in (layout.root / layout.programme, layout.root / layout.municipalities, layout.root / layout.calls, self.project.templates):
            if path.exists():
                server.watch(str(path))
        return server


def _docs_files(docs_dir: str) -> set[str]:
    found = set()
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            found.add(Path(folder, name).relative_to(docs_dir).as_posix())
    return found
