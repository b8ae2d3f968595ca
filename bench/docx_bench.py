"""Benchmark of the .docx writer alone: median milliseconds per press release.

Usage: PYTHONPATH=src .venv/bin/python bench/docx_bench.py PROJECT_DIR [--count 200]
(KONKURSI_SPEEDUPS=0 times the core writer, python-docx alone; bench/outputs_bench.py times both.)

PROJECT_DIR is a project such as ``bench.write_project`` makes. The releases are built once;
then each of the first --count releases is written as .docx (after one warm-up write that
pays for the writer's one-time set-up) and the median, mean and maximum times are printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from konkursi.site.derive import derive
from konkursi.outputs.press import PressBuilder, to_docx
from konkursi.project import Project, validate
from konkursi.site.clock import resolve_now


def releases(root: Path):
    project = Project.at(root)
    records, _ = validate(project)
    catalogue = derive(records, resolve_now(project.now), now_fixed=False)
    return PressBuilder(project.templates, project.paths, project.site_url, project.directory_urls).build(catalogue)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    chosen = releases(args.project)[: args.count]
    to_docx(chosen[0])  # one-time set-up (template, constant parts)
    times = []
    for release in chosen:
        start = time.perf_counter()
        to_docx(release)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{len(times)} releases: median {statistics.median(times):.3f} ms, "
          f"mean {statistics.fmean(times):.3f} ms, max {max(times):.3f} ms per .docx")


if __name__ == "__main__":
    main()
