"""Where the search page ranks the expected page for each query of the browser tests (not a test: it prints).

    .venv/bin/python bench/search_ranks.py [SITE]

Builds the national project (tests/national.py: all 119 municipalities of 2009–2021) unless SITE (a built site)
is given, opens /meklet/?q=… in headless Chromium for every query of tests/test_search_browser.py (QUERIES) and
prints the rank of the expected page, the number of results and the first three.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from national import write_national_project  # noqa: E402
from test_search_browser import QUERIES  # noqa: E402


def ranks(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    print(f"{'query':<22} {'expected':<44} {'rank':>4} {'of':>4}  first three")
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for typed, expected, _ in QUERIES:
            page = browser.new_page()
            page.goto(base + "meklet/?q=" + quote(typed))
            page.wait_for_function("document.getElementById('konkursi-search-message').textContent !== ''")
            page.wait_for_function("""() => document.querySelectorAll('#konkursi-search-results li').length > 0
                || document.getElementById('konkursi-search-message').textContent.startsWith('Nekas')""")
            found = [urlsplit(href).path for href in
                     page.eval_on_selector_all("#konkursi-search-results li > a", "links => links.map(a => a.href)")]
            message = page.inner_text("#konkursi-search-message")
            total = message.split()[1] if message.startswith("Atrast") else "0"
            rank = found.index(expected) + 1 if expected in found else "–"
            print(f"{typed:<22} {expected:<44} {rank:>4} {total:>4}  {' '.join(found[:3])}", flush=True)
            page.close()
        browser.close()


def main() -> None:
    if len(sys.argv) > 1:
        ranks(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory(prefix="konkursi-ranks-") as folder:
        root = write_national_project(Path(folder) / "projekts")
        subprocess.run([sys.executable, "-m", "konkursi", "build"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        ranks(root / "site")


if __name__ == "__main__":
    main()
