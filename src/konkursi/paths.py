"""Where each generated page goes: every URL shape is defined here and nowhere else."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Paths:
    """Source paths (``.md``, relative to the docs dir) of generated pages, as format strings."""

    home: str = "index.md"
    """The home page."""
    calls: str = "konkursi/index.md"
    """The list of all calls."""
    call: str = "konkursi/{round}/{municipality}.md"
    """One call; ids are the round's folder and the municipality's file name."""
    rounds: str = "kartas/index.md"
    """The list of rounds."""
    round: str = "kartas/{round}.md"
    """One round with its calls."""
    municipalities: str = "pasvaldibas/index.md"
    """The list of municipalities by planning region."""
    municipality: str = "pasvaldibas/{municipality}.md"
    """One municipality with its calls and contacts."""
    contacts: str = "kontakti.md"
    """Contact persons of every municipality."""
    contacts_csv: str = "kontakti.csv"
    """The contact persons as a CSV file (not a page), relative to the site root."""
    directory_urls: bool = True
    """Pages are served as ``kontakti/`` (MkDocs' ``use_directory_urls``), not ``kontakti.html``."""

    def format(self, kind: str, **ids: str) -> str:
        """Path of the page of ``kind`` for the given ids."""
        return getattr(self, kind).format(**ids)

    def file_link(self, page: str, target: str) -> str:
        """Link from page ``page`` (a docs-dir ``.md`` path) to the site file ``target``."""
        return posixpath.relpath(target, _served_folder(page, self.directory_urls))

    @classmethod
    def from_config(cls, overrides: dict[str, str] | None, directory_urls: bool = True) -> "Paths":
        names = {f.name for f in fields(cls)} - {"directory_urls"}
        return cls(**{k: v for k, v in (overrides or {}).items() if k in names}, directory_urls=directory_urls)


def _served_folder(page: str, directory_urls: bool) -> str:
    folder, name = posixpath.split(page)
    if directory_urls and name not in ("index.md", "README.md"):
        folder = posixpath.join(folder, name[: -len(".md")])
    return folder or "."


def relative_link(source: str, target: str) -> str:
    """Link from page ``source`` to page ``target``, both docs-dir paths of ``.md`` files."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
