"""Which engine builds in this process, for the speedups over an engine's internals.

ProperDocs, MkDocs' maintained fork, answers every ``mkdocs.*`` import with its own module once it
runs (``properdocs.replacement``). A speedup that copies or relies on MkDocs' internals is proven
for each engine separately: ``names`` map an engine to the speedup's name declared with that
engine's exact version (``proven``), and an engine without one builds on its own code.
"""

from __future__ import annotations

import sys

from . import enabled


def engine() -> str:
    """"properdocs" when ProperDocs runs in this process, else "mkdocs"."""
    mkdocs = sys.modules.get("mkdocs")
    return "properdocs" if mkdocs is not None and mkdocs.__name__ == "properdocs" else "mkdocs"


def enabled_on(names: dict[str, str], running: str | None = None) -> bool:
    """Whether the speedup proven for the ``running`` engine (this process's by default) is used."""
    name = names.get(running or engine())
    return name is not None and enabled(name)
