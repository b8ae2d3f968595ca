"""Optimisations that bypass a library's public API or an engine's internals, in one place.

konkursi's core writes every output through its library (feedgen, icalendar, python-docx, json,
MkDocs' own page rendering, Material's own templates). A speedup here makes the very same bytes
another way, faster. Each one is used only

- with the exact versions of the packages it was proven against (``PROVEN``, which a test keeps
  equal to ``requirements.lock``): another release may write differently, so then the core runs;
- while ``KONKURSI_SPEEDUPS`` is not ``0`` (``KONKURSI_SPEEDUPS=0`` builds on the core alone) and does
  not name it with a minus (``KONKURSI_SPEEDUPS=-converter,-partials``: all but those two, for measuring).

Tests build with and without each speedup and compare the bytes; ``bench/bench.py`` measures what
each one saves. A speedup that does not pay on the benchmark does not belong here.
"""

from __future__ import annotations

import functools
import os
from importlib import metadata

SWITCH = "KONKURSI_SPEEDUPS"
"""Environment variable: ``0`` turns every speedup off; ``-name`` items (comma-separated) turn off those named."""

PROVEN: dict[str, dict[str, str]] = {}
"""Speedup name → the distributions (and their exact versions) whose internals or output it copies."""


def proven(name: str, **versions: str) -> str:
    """Declares speedup ``name`` proven with these exact distribution versions (``python_docx="1.2.0"``)."""
    PROVEN[name] = {distribution.replace("_", "-"): version for distribution, version in versions.items()}
    return name


def enabled(name: str) -> bool:
    """Whether speedup ``name`` is used in this process: switched on and its versions exactly as proven.

    ``-gc-hold`` turns off ``gc-hold`` and its variant for another engine (``gc-hold-properdocs``).
    """
    switch = _switch()
    return "0" not in switch and f"-{name}" not in switch and f"-{_family(name)}" not in switch and _versions_match(name)


def declared() -> dict[str, dict[str, str]]:
    """``PROVEN`` of every speedup: each module of this package imported (each declares its own)."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return PROVEN


def switch_problem() -> str | None:
    """A Latvian message when ``KONKURSI_SPEEDUPS`` holds anything but ``0``, ``1`` or ``-name`` of a speedup."""
    if not _switch() - {"", "0", "1"}:
        return None  # nothing named: no speedup module need be imported (one imports MkDocs, before ProperDocs may run)
    names = set(declared()) | {_family(name) for name in PROVEN}
    unknown = sorted(item for item in _switch() if item not in ("", "0", "1") and not (item[:1] == "-" and item[1:] in names))
    if not unknown:
        return None
    return (f"vides mainīgajā {SWITCH} nezināma vērtība: {', '.join(f'„{item}”' for item in unknown)}; derīgas vērtības: "
            f"0 (visi paātrinājumi izslēgti), 1 (ieslēgti) vai izslēdzamo paātrinājumu nosaukumi ar mīnusu, atdalīti ar "
            f"komatiem, piemēram, -docx,-feeds (nosaukumi: {', '.join(sorted({_family(name) for name in PROVEN}))})")


def _switch() -> set[str]:
    return {item.strip() for item in os.environ.get(SWITCH, "1").split(",")}


def _family(name: str) -> str:
    return name.removesuffix("-properdocs")


@functools.cache
def _versions_match(name: str) -> bool:
    for distribution, version in PROVEN[name].items():
        try:
            if metadata.version(distribution) != version:
                return False
        except metadata.PackageNotFoundError:
            return False
    return True
