"""The whole pipeline on one project: load → validate → derive → render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .clock import ClockError, fixed_now, resolve_now
from .derive import Catalogue, derive
from .errors import Problem, Problems, ValidationFailed
from .load import Layout, Records, load_records
from .paths import Paths
from .render import Page, Renderer, SiteFile
from .validate import check_records


@dataclass(frozen=True)
class Project:
    """A konkursi project on disk and how to build it."""

    layout: Layout
    templates: Path
    """Folder of the page templates (``theme/pages``)."""
    paths: Paths = field(default_factory=Paths)
    now: str | None = None
    """Fixed "now" for statuses (``2020-04-20 12:00``); None means the current time."""

    @classmethod
    def at(cls, root: Path | str, **options) -> "Project":
        """The project in ``root`` with the standard layout."""
        root = Path(root)
        templates = options.pop("templates", "theme/pages")
        return cls(Layout(root, **options.pop("layout", {})), root / templates, **options)


@dataclass(frozen=True)
class Result:
    """What a successful run produced."""

    records: Records
    catalogue: Catalogue
    pages: list[Page]
    warnings: list[Problem]
    files: list[SiteFile] = field(default_factory=list)
    """Generated files that are not pages (``kontakti.csv``)."""


def validate(project: Project) -> tuple[Records, list[Problem]]:
    """Load and check every record; raise ``ValidationFailed`` with all errors at once."""
    problems = Problems()
    records = load_records(project.layout, problems)
    check_records(records, problems)
    problems.raise_if_errors()
    return records, problems.warnings


def generate(project: Project, existing: set[str] = frozenset(), now: dt.datetime | None = None) -> Result:
    """Validate, derive and render; ``existing`` are hand-written pages generated ones may not replace."""
    records, warnings = validate(project)
    fixed = now is not None
    if now is None:
        try:
            fixed = fixed_now(project.now) is not None
            now = resolve_now(project.now)
        except ClockError as error:
            raise ValidationFailed([Problem("mkdocs.yml", 0, str(error), "now")]) from None
    catalogue = derive(records, now, now_fixed=fixed)
    renderer = Renderer(project.templates, project.paths)
    pages = renderer.render_all(catalogue)
    _check_collisions(pages, existing)
    return Result(records, catalogue, pages, warnings, renderer.render_files(catalogue))


def _check_collisions(pages: list[Page], existing: set[str]) -> None:
    problems = Problems()
    seen: set[str] = set()
    for page in pages:
        if page.path in existing:
            problems.error(page.path, 0, "šo lapu veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; pārdēvējiet vai izdzēsiet to")
        elif page.path in seen:
            problems.error(page.path, 0, "divi ieraksti veidotu lapu ar vienu un to pašu ceļu")
        seen.add(page.path)
    problems.raise_if_errors()


def write_pages(pages: list[Page], out_dir: Path) -> list[Path]:
    """Write pages as plain Markdown files under ``out_dir`` (for another engine)."""
    written = []
    for page in pages:
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(target)
    return written


def write_files(files: list[SiteFile], site_dir: Path) -> list[Path]:
    """Write the generated non-page files into the built site."""
    written = []
    for item in files:
        target = site_dir / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
        written.append(target)
    return written
