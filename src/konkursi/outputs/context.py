"""What every published file (feed, calendar, data) needs: URLs, stable ids, wording.

Ids are ``tag:`` URIs (RFC 4151) made from record ids. They never contain the
site's address or a title, so moving the site to another domain or renaming a
call never makes a reader announce an old item again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from collections.abc import Callable, Hashable
from typing import TypeVar

from ..memo import NO_MEMO, Memo
from ..site.paths import SiteUrls
from .reuse import templates_fingerprint
from .templates import TextTemplates

T = TypeVar("T")

DEFAULT_AUTHORITY = "konkursi,2020"
"""Used when mkdocs.yml sets no ``id_authority``; a site should set its own once and keep it."""

_AUTHORITY = re.compile(r"[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class TagIds:
    """Makes ``tag:<authority>:<kind>/<id>`` identifiers."""

    authority: str = DEFAULT_AUTHORITY
    """A domain or e-mail address and a date it was held: ``konkursi.example,2020``."""

    def __call__(self, kind: str, *ids: str) -> str:
        return f"tag:{self.authority}:" + "/".join((kind, *ids))


def authority_problem(authority: str) -> str | None:
    """Latvian message when ``authority`` cannot start a tag URI, else None."""
    if _AUTHORITY.fullmatch(authority):
        return None
    return f'jābūt domēnam vai e-pasta adresei un gadam, piemēram, "konkursi.example,2020", nevis "{authority}"'


@dataclass(frozen=True)
class Context:
    """How to address, identify and word the published files of one build."""

    urls: SiteUrls
    tags: TagIds
    templates: Path
    """Folder of the templates, whose ``*.txt.j2`` macros word feeds and calendars."""
    releases: tuple = ()
    """Public press releases (``konkursi.press.Release``); embargoed ones never get here."""
    memo: Memo = field(default=NO_MEMO, compare=False, repr=False)
    """Kept between a preview's rebuilds: feed items, events and files whose inputs did not change."""
    _texts: dict[str, TextTemplates] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def fingerprint(self) -> tuple:
        """Everything besides a memo key that the published files depend on."""
        return templates_fingerprint(self.templates), repr(self.urls), repr(self.tags)

    def remember(self, table: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, or its result from the last build when ``key`` and this context are the same."""
        if self.memo is NO_MEMO:
            return make()
        return self.memo.get(table, (self.fingerprint, key), make)

    def texts(self, name: str) -> TextTemplates:
        """The macros of template ``name``, compiled once per build."""
        if name not in self._texts:
            self._texts[name] = TextTemplates(self.templates, name)
        return self._texts[name]
