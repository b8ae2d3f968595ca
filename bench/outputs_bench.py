"""Each output's core (its library alone) against its speedup, in seconds for a whole build.

Usage: PYTHONPATH=src .venv/bin/python bench/outputs_bench.py [PROJECT_DIR] [--calls 1000] [--runs 5] [--docx-count 100]

Without PROJECT_DIR a project of --calls calls is written by ``bench.write_project``. Feeds and
calendars are built whole, alternately with KONKURSI_SPEEDUPS=0 and =1 (medians of --runs); the
.docx of the first --docx-count releases are written both ways and the mean per release is
multiplied by the number of releases. Both ways must give the same bytes (checked). A speedup
belongs in konkursi.speedups only if it saves more than ~1 % of a build (0.25 s at 1000 calls).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from konkursi.outputs.calendars import build_calendars
from konkursi.outputs.feeds import build_feeds
from konkursi.outputs.opendata import build_open_data
from konkursi.outputs.press import to_docx
from konkursi.project import Project, _context, generate
from konkursi.speedups import SWITCH

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import write_project  # noqa: E402


def _timed(make, switch: str):
    os.environ[SWITCH] = switch
    start = time.perf_counter()
    made = make()
    return time.perf_counter() - start, made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path, nargs="?")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docx-count", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = args.project
        if root is None:
            root = Path(folder)
            write_project(root, args.calls)
        project = Project.at(root, site_url="https://konkursi.example/")
        result = generate(project)
        catalogue, context = result.catalogue, _context(project, tuple(result.releases))
    releases = result.releases
    print(f"{len(catalogue.calls)} calls, {len(releases)} releases; medians of {args.runs} runs")
    print("| output | files | core s | speedup s | saves s |")
    print("| --- | --- | --- | --- | --- |")
    for name, build in [("feeds", build_feeds), ("calendars", build_calendars), ("open data", build_open_data)]:
        times: dict[str, list[float]] = {"0": [], "1": []}
        made = {}
        for _ in range(args.runs):
            for switch in ("0", "1"):
                seconds, made[switch] = _timed(lambda: build(catalogue, context), switch)
                times[switch].append(seconds)
        assert made["0"] == made["1"], name
        core, fast = statistics.median(times["0"]), statistics.median(times["1"])
        print(f"| {name} | {len(made['0'])} | {core:.3f} | {fast:.3f} | {core - fast:.3f} |")
    chosen = releases[: args.docx_count]
    for switch in ("0", "1"):
        _timed(lambda: to_docx(chosen[0]), switch)  # one-time set-up
    spent = {"0": 0.0, "1": 0.0}
    for release in chosen:
        outcomes = {}
        for switch in ("0", "1"):
            seconds, outcomes[switch] = _timed(lambda: to_docx(release), switch)
            spent[switch] += seconds
        assert outcomes["0"] == outcomes["1"], release.page
    core, fast = (spent[switch] / len(chosen) * len(releases) for switch in ("0", "1"))
    print(f"| .docx ({len(chosen)} timed) | {len(releases)} | {core:.3f} | {fast:.3f} | {core - fast:.3f} |")
    os.environ.pop(SWITCH)


if __name__ == "__main__":
    main()
