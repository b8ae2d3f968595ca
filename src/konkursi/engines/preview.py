"""The preview's machinery: what `mkdocs serve --dirty` (what `konkursi serve` runs) keeps between rebuilds.

Its needs of the engine, each documented where it is met:

- a generated page is rebuilt only when it changed: ``GeneratedPage.modified`` answers MkDocs'
  ``File.is_modified``, which a dirty build asks; after a change every page shows (mkdocs.yml, the
  theme, the programme, the feeds) each hand-written page's ``is_modified`` answers True too;
- MkDocs warns that a dirty build may leave stale navigation (and strict mode stops on it):
  ``Preview`` decides what to rebuild, shared parts included, so that one log line is filtered out;
- the search index (Pagefind, outputs/search.py) reads every page: ``SearchIndexer`` makes it after a
  rebuild in a thread of its own, so that the rebuilt page is served at once;
- a record error, or any fault, keeps the last good preview (mkdocs serve stalls every request
  after a failed rebuild): ``keep_last_good``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.commands import build
from mkdocs.structure.files import File

from ..lv import plural
from ..memo import Memo
from ..outputs.search import SearchIndexError, index_site
from ..outputs.templates import RenderError
from ..project import Published, Result, write_files
from ..records.errors import ValidationFailed
from ..speedups import page_memory
from ..speedups.record_hash import hash_records_once

log = logging.getLogger("mkdocs.plugins.konkursi")
"""The plugin's logger: MkDocs shows what its plugins log under ``mkdocs.plugins``."""

DIRTY_WARNING = "A 'dirty' build is being performed"
"""How MkDocs' warning about dirty builds begins (MkDocs logs it in English only)."""


class Preview:
    """What `mkdocs serve --dirty` keeps between rebuilds, so that one changed record costs
    one page's worth of work, not the whole site's.

    The memo reuses loaded records and rendered pages whose inputs did not change; a
    generated page is rebuilt when its Markdown changed, and every page is rebuilt when
    something all pages show changed (mkdocs.yml, the theme, the programme, the feeds).
    """

    def __init__(self) -> None:
        hash_records_once()  # the memo's keys hold records: each hashed once, not at every look-up
        self.memo = Memo()
        self.built: dict[str, tuple[bytes, str]] = {}
        """Markdown (packed) and metadata of every generated page as last built."""
        self.files: dict[str, bytes] = {}
        """Published files as last written."""
        self.shared: tuple | None = None
        self.feeds: dict = {}
        self.feeds_before: dict = {}
        self.everything = True
        self.rebuilt: set[str] = set()
        self.frozen = False
        self.search = SearchIndexer()
        # The engine's own logger: ProperDocs' build module (which answers mkdocs.commands.build) logs as properdocs.*.
        build.log.addFilter(_not_the_dirty_warning)

    def start(self, config, result: Result, published: Published, files) -> None:
        shared = (_config_bytes(config), _tree_state(config.theme.custom_dir), result.catalogue.programme,
                  result.catalogue.now if result.catalogue.now_fixed else None, repr(published.site_feeds))
        self.everything = shared != self.shared
        self.shared = shared
        self.feeds_before, self.feeds = self.feeds, published.page_feeds
        self.rebuilt = set()
        for file in files.documentation_pages():
            if self.everything:
                file.is_modified = lambda: True  # hand-written pages show the shared parts too
            elif file.is_modified():
                self.rebuilt.add(file.src_uri)

    def changed(self, page) -> bool:
        """Whether a generated page must be rebuilt: its Markdown or the feeds it announces changed."""
        changed = (
            self.everything
            or self.built.get(page.path) != (page.packed, page.meta)
            or self.feeds_before.get(page.path) != self.feeds.get(page.path)
        )
        if changed:
            self.rebuilt.add(page.path)
        return changed

    def changed_files(self, files: dict[str, bytes], site_dir: Path) -> dict[str, bytes]:
        """The published files that differ from those last written; those no longer published are removed."""
        for gone in set(self.files) - set(files):
            (site_dir / gone).unlink(missing_ok=True)
        changed = {path: data for path, data in files.items() if self.everything or self.files.get(path) != data}
        self.files = files
        return changed

    def write(self, files: dict[str, bytes], site_dir: Path) -> None:
        """Writes the published files that changed since the last rebuild (``changed_files``)."""
        write_files(self.changed_files(files, site_dir), site_dir)

    def finish(self, config, result: Result) -> None:
        current = {page.path: (page.packed, page.meta) for page in result.pages}
        for gone in set(self.built) - set(current):
            # A deleted record's page must not linger in the preview.
            target = Path(config.site_dir) / File(gone, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
            target.unlink(missing_ok=True)
        self.built = current
        log.info(f"konkursi: {'visas lapas pārbūvētas' if self.everything else _rebuilt(len(self.rebuilt))}, "
                 f"atkārtoti {plural(self.memo.hits, 'izmantots', 'izmantoti')} {self.memo.hits} no "
                 f"{self.memo.hits + self.memo.misses} sagatavotajiem ierakstiem un lapām")
        if not self.frozen:
            self.frozen = True
            page_memory.freeze_what_lasts()


class SearchIndexer:
    """The preview's search index, made after a rebuild in a thread of its own: the rebuilt page is served at once
    and the index follows (Pagefind reads every page: a few seconds at 1,000 calls, where the page takes one).
    One at a time; a rebuild while one runs asks for one more after it. A failure is printed, in Latvian, and
    the last index stays."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._wanted = Path(site_dir)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="konkursi-search-index", daemon=True)
                self._thread.start()

    def wait(self, timeout: float = 120) -> None:
        """Until the index asked for last is written (tests; a preview never waits)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _work(self) -> None:
        while True:
            with self._lock:
                site_dir, self._wanted = self._wanted, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                index_site(site_dir)
            except SearchIndexError as error:
                print(f"{error}\nPriekšskatījumā meklēšana rāda iepriekšējo indeksu.", file=sys.stderr)


def _rebuilt(count: int) -> str:
    """"pārbūvēta 1 lapa", "pārbūvētas 2 lapas", "pārbūvēta 21 lapa" …"""
    return f"{plural(count, 'pārbūvēta', 'pārbūvētas')} {count} {plural(count, 'lapa', 'lapas')}"


def keep_last_good(error: Exception) -> list[str]:
    """Shows why a rebuild failed; the preview goes on with the last good records. Returns the problems, one
    line each, for the notice on the preview's pages (``write_notice``).

    mkdocs serve stalls every page request after a failed rebuild, so no error reaches it; a fault
    konkursi did not foresee is shown too. Printed, not logged, as strict mode would count a log record.
    """
    if isinstance(error, ValidationFailed):
        report = error.report()
        problems = [str(problem) for problem in error.errors]
    elif isinstance(error, RenderError):
        report = str(error)
        problems = [report]
    else:
        report = f"Neparedzēta kļūda, veidojot priekšskatījumu: {type(error).__name__}: {error}"
        problems = [report]
    print(f"{report}\nPriekšskatījumā paliek pēdējā derīgā versija; izlabojiet kļūdas, un lapa atjaunosies.", file=sys.stderr)
    return problems


NOTICE_SCRIPT = "assets/javascripts/konkursi-preview.js"
"""The script that shows the notice on every page of a preview (engines/assets), written by the preview only."""
NOTICE = "konkursi-preview.json"
"""Where in the preview's site the notice's problems are (never in a built site)."""


def write_notice(site_dir: Path, problems: list[str]) -> None:
    """The problems of the last rebuild, for the notice on the preview's pages (an empty list: none)."""
    count = len(problems)
    state = {
        "title": f"Ierakstos {plural(count, 'atrasta', 'atrastas')} {count} {plural(count, 'kļūda', 'kļūdas')}: "
                 "lapas nav atjaunotas" if count else "",
        "intro": f"Priekšskatījumā redzama pēdējā derīgā versija. Izlabojiet {plural(count, 'šo kļūdu', 'šīs kļūdas')} "
                 "(katrā rindā: fails, rindas numurs, lauks un kas jādara), saglabājiet, un lapa atjaunosies.",
        "problems": problems,
    }
    target = Path(site_dir) / NOTICE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    script = Path(site_dir) / NOTICE_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_bytes((Path(__file__).parent / "assets" / "konkursi-preview.js").read_bytes())


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


def _config_bytes(config) -> bytes:
    try:
        return Path(config.config_file_path).read_bytes()
    except (OSError, TypeError):
        return b""


def _tree_state(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    state = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            stat = path.stat()
            # Relative: MkDocs gives the theme folder relative on the first build, absolute later.
            state.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(state)
