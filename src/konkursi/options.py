"""The options of konkursi's entry under ``plugins:`` in mkdocs.yml, declared once.

The MkDocs plugin makes its config class from these, and the command line reads mkdocs.yml with
the same names, types and defaults, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .outputs.context import DEFAULT_AUTHORITY

ENGINES = ("mkdocs", "properdocs")
"""What can build the pages from mkdocs.yml: MkDocs 1.x, or ProperDocs, its maintained drop-in fork."""


@dataclass(frozen=True)
class Option:
    name: str
    kind: type
    default: Any
    """None: optional, with no value."""
    help: str
    choices: tuple[str, ...] = ()


OPTIONS: tuple[Option, ...] = (
    Option("programme", str, "programme.yml", "Programme record, relative to mkdocs.yml."),
    Option("municipalities", str, "municipalities", "Folder of municipality records."),
    Option("calls", str, "calls", "Folder of round folders with call records."),
    Option("templates", str, "theme/pages", "Folder of the page templates."),
    Option("now", str, None, 'Fixed "now" for statuses, e.g. "2020-04-20 12:00" (Europe/Riga).'),
    Option("paths", dict, {}, "Overrides of the page paths (see konkursi.paths.Paths)."),
    Option("outputs", dict, {}, "Overrides of the feed, calendar and data file paths (see konkursi.paths.Outputs)."),
    Option("cache_dir", str, ".cache/konkursi", 'Where compiled templates are kept between builds, relative to mkdocs.yml; "" keeps none.'),
    Option("engine", str, "mkdocs", "What konkursi build uses to build the pages (the plugin itself runs in either).", ENGINES),
    Option("id_authority", str, DEFAULT_AUTHORITY,
           'Authority of the tag: ids in feeds and calendars, e.g. "konkursi.example,2020"; never change it.'),
    Option("admin", dict, None, "The web editor (Decap CMS) at /admin/: path, dist (its npm files), backend (konkursi.cms.site.Admin)."),
)

BY_NAME = {option.name: option for option in OPTIONS}


def value(options: dict, name: str) -> Any:
    """The option ``name`` as given in ``options`` (konkursi's entry of mkdocs.yml), else its default."""
    given = options.get(name)
    return BY_NAME[name].default if given is None else given
