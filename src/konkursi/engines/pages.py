"""The generated pages as MkDocs files, and the build's files staged beside the site dir."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from ..delivery.sitedir import mark
from ..project import files_staging_prefix, move_tree

NOT_IN_NAV_KINDS = {"call", "round", "municipality", "press_round", "press_call", "press_results"}
"""Pages reached from lists rather than from the navigation: keeping thousands of calls out of the
nav keeps the build linear in the number of calls."""

MARKDOWN_EXTENSIONS = ("attr_list", "def_list", "md_in_html", "tables")
"""What the page templates write: attributes, definition lists, Markdown in HTML blocks, tables."""


class GeneratedPage(File):
    """A generated page (``konkursi.outputs.pages.Page``): its Markdown, its metadata as data.

    In a dirty preview it is rebuilt only when ``modified`` (``konkursi.engines.preview.Preview``).
    """

    modified = True
    meta: str = ""
    """The metadata as JSON text (``konkursi.outputs.pages.Page.meta``)."""

    @classmethod
    def of(cls, config, page) -> "GeneratedPage":
        file = cls.generated(config, page.path, content=page.body, inclusion=inclusion(page))
        file.meta = page.meta
        return file

    def is_modified(self) -> bool:
        return self.modified


def inclusion(page) -> InclusionLevel:
    return InclusionLevel.NOT_IN_NAV if page.kind in NOT_IN_NAV_KINDS else InclusionLevel.UNDEFINED


def is_generated(page) -> bool:
    return isinstance(page.file, GeneratedPage)


def staging_dir(site_dir: str) -> Path:
    """A new folder beside the site dir (one file system: its contents move in by renames)."""
    site = Path(site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=files_staging_prefix(site), dir=site.parent))


def move_in(staged: Path | None, site_dir: Path) -> None:
    """A build's files, staged in on_config, into the site dir MkDocs has emptied; konkursi's from the first file on."""
    if staged is not None:
        move_tree(staged, site_dir)
        mark(site_dir)  # even if the build stops before its end


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
