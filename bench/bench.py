"""Benchmark: konkursi build vs plain MkDocs on the same generated pages.

Usage: .venv/bin/python bench/bench.py [--sizes 100 1000 5000] [--runs 3]

For each N it writes a synthetic project of N calls (Latvian names, many municipalities and
rounds) into a temporary folder, builds it with the konkursi plugin, and builds the very same
pages, written out by ``konkursi generate --out``, with plain MkDocs. It prints wall seconds
(median of --runs), seconds per call, the konkursi/plain ratio, peak memory (max RSS of the build
process) and t(largest)/t(previous). Compare ratios from one run: the machines are shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASE_NAMES = ["Ādažu", "Bauskas", "Cēsu", "Daugavpils", "Jēkabpils", "Jelgavas", "Ķeguma", "Krāslavas",
              "Kuldīgas", "Ludzas", "Rēzeknes", "Saldus", "Saulkrastu", "Smiltenes", "Talsu", "Ogres",
              "Limbažu", "Madonas", "Gulbenes", "Alūksnes", "Valkas", "Dobeles", "Tukuma", "Preiļu"]
REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def write_project(root: Path, calls: int) -> None:
    """A synthetic project of ``calls`` calls: municipalities × rounds."""
    rounds = max(2, round((calls / 50) ** 0.5 * 2))
    municipalities = -(-calls // rounds)
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "programme.yml", root / "programme.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
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
    subprocess.run([sys.executable, "-m", "konkursi", "generate", "--out", str(plain / "content")], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - konkursi:")
    end = config.index("\nnot_in_nav:")
    (plain / "mkdocs.yml").write_text(config[:start] + config[end:], encoding="utf-8")


def measure(config: Path, out: Path) -> tuple[float, int]:
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)]
    code, wall, rss = subprocess.check_output(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).split()
    if code != b"0":
        raise SystemExit(f"build failed: {config}")
    return float(wall), int(rss) // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'N':>6} {'konkursi s':>11} {'s/call':>8} {'plain s':>8} {'ratio':>6} {'peak MB':>8}")
    previous = None
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root, plain = Path(tmp, "project"), Path(tmp, "plain")
            root.mkdir()
            plain.mkdir()
            write_project(root, size)
            plain_copy(root, plain)
            ours = [measure(root / "mkdocs.yml", Path(tmp, "out-k")) for _ in range(args.runs)]
            theirs = [measure(plain / "mkdocs.yml", Path(tmp, "out-p")) for _ in range(args.runs)]
        t_ours = statistics.median(w for w, _ in ours)
        t_plain = statistics.median(w for w, _ in theirs)
        peak = max(m for _, m in ours)
        print(f"{size:>6} {t_ours:>11.2f} {t_ours / size:>8.4f} {t_plain:>8.2f} {t_ours / t_plain:>6.2f} {peak:>8}")
        if previous:
            print(f"{'':>6} t({size})/t({previous[0]}) = {t_ours / previous[1]:.2f}")
        previous = (size, t_ours)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"benchmark took {time.perf_counter() - start:.0f} s")
