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
    press: str = "informacija-medijiem/index.md"
    """The press-release archive, newest first."""
    press_round: str = "informacija-medijiem/{round}/index.md"
    """A round's press release; its downloadable files sit in the same folder."""
    press_round_file: str = "informacija-medijiem/{round}/informacija-medijiem-{round}.{ext}"
    """A round's press release as a file to send (``ext``: docx, txt)."""
    press_call: str = "informacija-medijiem/{round}/{municipality}/index.md"
    """A call's press release for local media."""
    press_call_file: str = "informacija-medijiem/{round}/{municipality}/informacija-medijiem-{round}-{municipality}.{ext}"
    """A call's press release as a file to send."""

    def format(self, kind: str, **ids: str) -> str:
        """Path of the page of ``kind`` for the given ids."""
        return getattr(self, kind).format(**ids)

    @classmethod
    def from_config(cls, overrides: dict[str, str] | None) -> "Paths":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (overrides or {}).items() if k in names})


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page whose source is ``path``."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_link(source: str, target: str) -> str:
    """Link from page ``source`` to page ``target``, both docs-dir paths of ``.md`` files."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
