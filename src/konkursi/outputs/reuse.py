"""What a preview may reuse of what a template made: which templates print only their inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment, TemplateError, meta

from ..memo import NO_MEMO, Memo


T = TypeVar("T")

WHOLE_SITE = "site"
"""The name under which templates see the whole catalogue."""


class Locality:
    """Which templates print only what they are given for one page, never the whole site.

    A call's page made by such a template depends on the call's entry, the programme and the
    page's path alone, so a preview may reuse it while those stay equal. A template that
    names ``site`` (or includes or imports one that does, or picks a template by a
    computed name) is made anew on every build.

    With a ``memo`` (a preview), ``remember`` reuses what such a template made; the memo's
    keys carry a fingerprint of every template in ``templates_dir`` and of the ``settings``
    the templates see besides their arguments (paths, links …).
    """

    def __init__(self, env: Environment, templates_dir: Path | None = None, memo: Memo = NO_MEMO, settings: tuple = ()):
        self.env = env
        self.known: dict[str, bool] = {}
        self.memo = memo
        self.fingerprint = None if memo is NO_MEMO else (templates_fingerprint(templates_dir), settings)

    def remember(self, table: str, name: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, or in a preview its result from the last build while template ``name``
        is local and ``key`` is equal."""
        if self.memo is NO_MEMO or not self.memo.get("local", (self.fingerprint, name), lambda: self(name)):
            return make()
        return self.memo.get(table, (self.fingerprint, name, key), make)

    def __call__(self, name: str) -> bool:
        if name not in self.known:
            self.known[name] = False  # a template that includes itself is not local
            self.known[name] = self._local(name)
        return self.known[name]

    def _local(self, name: str) -> bool:
        try:
            source, _, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source)
            if WHOLE_SITE in meta.find_undeclared_variables(tree):
                return False
        except TemplateError:
            return False  # rendering reports it
        return all(other is not None and self(other) for other in meta.find_referenced_templates(tree))


def templates_fingerprint(templates_dir: Path) -> str:
    """Changes whenever any template in ``templates_dir`` changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(templates_dir).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
