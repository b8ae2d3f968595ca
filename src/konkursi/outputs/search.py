"""The site's search index, written by Pagefind from the built pages.

Pagefind (https://pagefind.app) reads the HTML of a built site and writes a static index split
into small chunks: a visitor's browser downloads only the chunks its query needs, not the whole
index. It folds diacritics ("jekabpils" finds "Jēkabpils") and matches word beginnings. The
pages mark what it indexes (``data-pagefind-body``), and the generated pages add what a result
shows (``data-pagefind-meta``), its one sort key and the words it can be narrowed by (not Pagefind's
filters, whose index comes out in a different order on every run); see ``theme/pages/_macros.md.j2``
(``search_data``) and ``theme/overrides/main.html``.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

FOLDER = "pagefind"
"""Where the index goes in the site (``assets/javascripts/meklet.js`` loads it from there)."""

LANGUAGE = "lv"

EXCLUDED = ("[data-search-exclude]",)
"""What the pages mark as repeated on every page of a kind (kept out of the index, left on the page)."""

SIGNATURE = b"pagefind_dcd"
"""How every one of Pagefind's index files begins, once decompressed."""

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
    seconds = float(os.environ.get("KONKURSI_SEARCH_TIMEOUT") or 0) or 60 + 0.02 * sum(1 for _ in site_dir.rglob("*.html"))
    # (10,000 pages take about 10 s)
    for attempt in (1, 2):  # on a busy machine Pagefind has been seen to write an entry file without languages once
        try:
            _run(lambda: asyncio.wait_for(_index(site_dir, fresh), seconds))
            for name in UNUSED:
                (fresh / name).unlink(missing_ok=True)
            problem = _damaged(fresh)
        except TimeoutError:
            problem = f"Pagefind neatbildēja {seconds:.0f} sekunžu laikā"
            break
        except (OSError, AssertionError, RuntimeError, ValueError) as error:
            problem = str(error) or type(error).__name__
        if not problem:
            break
        shutil.rmtree(fresh, ignore_errors=True)
    if problem:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"meklēšanas indeksu neizdevās izveidot (Pagefind): {problem}; "
                               "vietne netika mainīta")
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


def _damaged(folder: Path) -> str | None:
    """What is wrong with the index Pagefind wrote, or None: a full disk leaves files empty or cut short, and
    Pagefind reports no error then."""
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind"):
        if not (folder / name).is_file():
            return f"nav faila {FOLDER}/{name}"
    try:
        languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    except ValueError:
        languages = None
    if not isinstance(languages, dict) or not languages.get("languages"):
        return f"fails {FOLDER}/pagefind-entry.json ir bojāts"
    for language in languages["languages"].values():
        if not (folder / f"pagefind.{language['hash']}.pf_meta").is_file():
            return f"nav faila {FOLDER}/pagefind.{language['hash']}.pf_meta"
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if not data:
            return f"fails {FOLDER}/{path.relative_to(folder).as_posix()} ir tukšs"
        if path.suffix.startswith(".pf_") or path.suffix == ".pagefind":
            try:
                whole = gzip.decompress(data).startswith(SIGNATURE)
            except (OSError, EOFError):
                whole = False
            if not whole:
                return f"fails {FOLDER}/{path.relative_to(folder).as_posix()} ir bojāts"
    return None


async def _index(site_dir: Path, output: Path) -> None:
    # A Pagefind that dies mid-answer leaves its reader task failing on its own: not an error to print, as
    # the wait for the answer ends in a timeout, which is reported.
    asyncio.get_running_loop().set_exception_handler(lambda loop, context: None)
    config = IndexConfig(force_language=LANGUAGE, exclude_selectors=list(EXCLUDED), output_path=str(output))
    async with PagefindIndex(config=config) as index:  # written when the block ends without an error
        await index.add_directory(str(site_dir), glob="**/*.html")  # the folders beside it hold no HTML
