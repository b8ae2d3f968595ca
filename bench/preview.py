"""Benchmark: how soon the preview shows a changed call after its YAML is saved.

Usage: .venv/bin/python bench/preview.py [--calls 1000] [--edits 5] [--poll] [--full]

Writes a synthetic project of --calls calls (bench.write_project), starts `konkursi serve`
(MkDocs' dev server with konkursi's dirty rebuilds) on a free 127.0.0.1 port and waits for
the first build. Then, --edits times, it changes one call's note, saves the file and polls
the call's page until the new text is served, printing the seconds from save to page.
With --poll `konkursi serve --poll` is timed (MkDocs' watcher, polling every 0.5 s, instead of
inotify). With --full it also times plain `mkdocs serve` (a full rebuild after every change) once, for
comparison. Seconds are wall time on a shared machine: compare within one run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def serve(root: Path, command: list[str], edits: int, timeout: float) -> tuple[float, list[float]]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(root / f"serve-{port}.log", "w")  # noqa: SIM115 (closed below)
    start = time.perf_counter()
    process = subprocess.Popen(command + ["-a", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        round_dir = sorted((root / "calls").iterdir())[-1]
        calls = sorted(p for p in round_dir.glob("m*.yml"))
        wait_for(base + page_of(round_dir, calls[0]), "Konkursa nolikums", timeout)
        first = time.perf_counter() - start
        times, builds = [], []
        for index in range(edits):
            call = calls[(index * 7) % len(calls)]
            marker = f"Labojums{index}x{port}"
            text = call.read_text(encoding="utf-8").replace("Projektu ilgums", f"{marker}. Projektu ilgums", 1)
            time.sleep(1.1)  # the watcher coalesces events; a save lands on a settled server
            call.write_text(text, encoding="utf-8")
            times.append(wait_for(base + page_of(round_dir, call), marker, timeout))
            log.flush()
            reported = re.findall(r"Documentation built in ([0-9.]+) seconds", (root / log.name).read_text(encoding="utf-8"))
            builds.append(float(reported[-1]))
        return first, times, builds
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def page_of(round_dir: Path, call: Path) -> str:
    return f"konkursi/{round_dir.name}/{call.stem}/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--poll", action="store_true", help="time `konkursi serve --poll` (MkDocs' polling watcher)")
    parser.add_argument("--full", action="store_true", help="also time plain `mkdocs serve` (full rebuilds) once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "project")
        root.mkdir()
        bench.write_project(root, args.calls)
        first, times, builds = serve(root, [sys.executable, "-m", "konkursi", "serve"] + (["--poll"] if args.poll else []), args.edits, timeout=900)
        print(f"calls: {args.calls}; first build and serve: {first:.1f} s")
        print(f"konkursi serve: save → page shown: median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s over {len(times)} edits ({', '.join(f'{t:.2f}' for t in times)})")
        print(f"  of which the rebuild (MkDocs' own figure): median {statistics.median(builds):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in builds)}); the rest is the watcher's {'polling (0.5 s) and ' if args.poll else ''}settling (0.1 s) and this script's polling (0.05 s)")
        if args.full:
            first, full, full_builds = serve(root, [sys.executable, "-m", "mkdocs", "serve"], 1, timeout=1800)
            print(f"plain mkdocs serve (full rebuild): save → page shown: {full[0]:.1f} s (rebuild {full_builds[0]:.1f} s); "
                  f"{full[0] / statistics.median(times):.0f}× konkursi serve")


if __name__ == "__main__":
    main()
