"""The site's search index, written by Pagefind from the built pages.

Pagefind (https://pagefind.app) reads the HTML of a built site and writes a static index split
into small chunks: a visitor's browser downloads only the chunks its query needs, not the whole
index. It folds diacritics ("jekabpils" finds "Jēkabpils") and matches word beginnings. The
pages mark what it indexes (``data-pagefind-body``), and the generated pages add what a result
shows (``data-pagefind-meta``) and what it can be narrowed by (``data-pagefind-filter``);
see ``theme/pages/_macros.md.j2`` (``search_data``) and ``theme/overrides/main.html``.
"""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

FOLDER = "pagefind"
"""Where the index goes in the site (``assets/javascripts/meklet.js`` loads it from there)."""

LANGUAGE = "lv"

EXCLUDED = ("[data-search-exclude]",)
"""What the pages mark as repeated on every page of a kind (kept out of the index, left on the page)."""

UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces: the search page has its own (Latvian, with the calls' status and
deadline), so these are not published."""


class SearchIndexError(Exception):
    """The index could not be written; the message is Latvian."""


def index_site(site_dir: Path) -> None:
    """Index the pages of the built site in ``site_dir`` that mark what to index into ``site_dir/pagefind``.

    The index is written beside it and then put in its place, so that a preview being browsed never sees half an
    index (chunks are named by their content: the last index's would linger in a folder written over).
    """
    site_dir = Path(site_dir)
    output, fresh, old = site_dir / FOLDER, site_dir / f".{FOLDER}-new", site_dir / f".{FOLDER}-old"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        _run(lambda: _index(site_dir, fresh))
    except (OSError, AssertionError, RuntimeError) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"meklēšanas indeksu neizdevās izveidot (Pagefind): {error}") from error
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def _run(make):
    """Runs the coroutine ``make()`` makes to its end, also where this thread already runs an event loop (a build
    driven from async code or a notebook): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


async def _index(site_dir: Path, output: Path) -> None:
    config = IndexConfig(force_language=LANGUAGE, exclude_selectors=list(EXCLUDED), output_path=str(output))
    async with PagefindIndex(config=config) as index:  # written when the block ends without an error
        await index.add_directory(str(site_dir), glob="**/*.html")  # the folders beside it hold no HTML
