"""konkursi's entry in mkdocs.yml, read into the library's ``Project``."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from ..cms.site import Admin, AdminError
from ..delivery.sitedir import cache_dir_problem
from ..options import OPTIONS, Option
from ..project import Project, sources
from ..records.errors import printable
from ..records.load import Layout
from ..site.paths import Outputs, Paths, unknown_kind_problem
from ..speedups import switch_problem
from ..speedups.engine import engine

log = logging.getLogger("mkdocs.plugins.konkursi")


def _config_option(option: Option):
    if option.choices:
        return c.Choice(option.choices, default=option.default)
    if option.default is None:
        return c.Optional(c.Type(option.kind))
    return c.Type(option.kind, default=option.default)


KonkursiConfig = type("KonkursiConfig", (base.Config,), {option.name: _config_option(option) for option in OPTIONS})
"""konkursi's options in mkdocs.yml (konkursi.options declares them, for the command line too)."""


def project_of(config, options: KonkursiConfig) -> Project:
    """The project that MkDocs' ``config`` and konkursi's ``options`` in it describe."""
    problem = unknown_kind_problem(options.paths, options.outputs)
    if problem:
        raise PluginError(f"mkdocs.yml: {printable(problem)}")
    switch = switch_problem()
    if switch:
        raise PluginError(printable(switch))
    if options.engine == "properdocs" and engine() == "mkdocs":  # `mkdocs build` run by hand (--engine can only choose ProperDocs)
        log.info("konkursi: mkdocs.yml izvēlas properdocs, bet lapas veido mkdocs; lietojiet konkursi build, kas izvēlēto ievēro")
    root = Path(config.config_file_path or ".").resolve().parent
    layout = Layout(root, options.programme, options.municipalities, options.calls)
    return Project(
        layout,
        root / options.templates,
        Paths.from_config(options.paths),
        options.now,
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
        outputs=Outputs.from_config(options.outputs),
        id_authority=options.id_authority,
        admin=_admin(options.admin),
        site_name=config.site_name or "",
    )


def _admin(options) -> Admin | None:
    try:
        return Admin.from_config(options)
    except AdminError as error:
        raise PluginError(f"mkdocs.yml: {printable(str(error))}") from None


def cache_folder(project: Project, config, cache: str) -> Path | None:
    """Where compiled templates go: a folder of the project that holds none of its sources (None: ``cache`` is "")."""
    if not cache:
        return None
    custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    named = sources(project, Path(config.docs_dir), custom_dir) + [("site_dir", Path(config.site_dir))]
    problem = cache_dir_problem(project.layout.root, cache, named)
    if problem:
        raise PluginError(f"mkdocs.yml: {printable(problem)}")
    return project.layout.root / cache / "templates"


def watched(project: Project) -> list[Path]:
    """What a preview watches besides MkDocs' own: the records and the page templates."""
    layout = project.layout
    paths = (layout.root / layout.programme, layout.root / layout.municipalities, layout.root / layout.calls, project.templates)
    return [path for path in paths if path.exists()]
