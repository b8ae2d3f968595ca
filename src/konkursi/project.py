"""The whole pipeline on one project: load → validate → derive → render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .clock import ClockError, resolve_now
from .derive import Catalogue, derive
from .errors import Problem, Problems, ValidationFailed
from .load import Layout, Records, load_records
from .paths import Paths
from .press import PressBuilder, Release, output_files
from .render import Page, Renderer
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
    site_url: str | None = None
    """Public address of the site, for the links in press releases sent by e-mail."""
    directory_urls: bool = True
    """Whether page URLs end in ``/`` (MkDocs' ``use_directory_urls``)."""

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
    releases: list[Release] = field(default_factory=list)
    """Public press releases, newest first."""
    files: dict[str, bytes] = field(default_factory=dict)
    """``{path relative to the site dir: content}``: press releases as .docx and .txt."""


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
    if now is None:
        try:
            now = resolve_now(project.now)
        except ClockError as error:
            raise ValidationFailed([Problem("mkdocs.yml", 0, str(error), "now")]) from None
    catalogue = derive(records, now)
    renderer = Renderer(project.templates, project.paths)
    releases = PressBuilder(project.templates, project.paths, project.site_url, project.directory_urls).build(catalogue)
    pages = renderer.render_all(catalogue) + renderer.render_press(catalogue, releases)
    files = output_files(releases)
    _check_collisions(pages, existing, files)
    return Result(records, catalogue, pages, warnings, releases, files)


def _check_collisions(pages: list[Page], existing: set[str], files: dict[str, bytes] | None = None) -> None:
    problems = Problems()
    seen: set[str] = set()
    outputs = [(page.path, "lapu") for page in pages] + [(path, "failu") for path in files or {}]
    for path, what in outputs:
        if path in existing:
            problems.error(path, 0, f"šo {what} veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; pārdēvējiet vai izdzēsiet to")
        elif path in seen:
            problems.error(path, 0, f"divi ieraksti veidotu {what} ar vienu un to pašu ceļu")
        seen.add(path)
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


def write_files(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write published files under ``out_dir`` (the site dir, or ``generate --out``)."""
    written = []
    for path, content in sorted(files.items()):
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
