"""What each speedup over the engine saves: `konkursi build` of a synthetic project, with all speedups,
with none (KONKURSI_SPEEDUPS=0) and with each one switched off (KONKURSI_SPEEDUPS=-name).

    python bench/engine_speedups.py --calls 1000 --runs 3

Prints the median wall and CPU seconds of each configuration (a warm-up build fills the template cache).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SRC, write_project  # noqa: E402

CONFIGURATIONS = ("", "0", "-converter", "-partials", "-page-packing", "-gc-hold")


def build(root: Path, site: Path, switch: str) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(SRC), "KONKURSI_SPEEDUPS": switch or "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "konkursi", "build", "-d", str(site)], cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        write_project(root, args.calls)
        build(root, Path(folder) / "site", "")  # warm-up: compiled templates cached
        times: dict[str, list[tuple[float, float]]] = {switch: [] for switch in CONFIGURATIONS}
        for _ in range(args.runs):  # interleaved: a slow spell of the machine touches every configuration
            for switch in CONFIGURATIONS:
                times[switch].append(build(root, Path(folder) / "site", switch))
    base_wall = statistics.median(wall for wall, _ in times[""])
    base_cpu = statistics.median(cpu for _, cpu in times[""])
    print(f"{'KONKURSI_SPEEDUPS':<20} {'wall s':>8} {'cpu s':>8} {'wall +%':>8} {'cpu +%':>8}")
    for switch, runs in times.items():
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        print(f"{switch or '(all on)':<20} {wall:8.2f} {cpu:8.2f} {100 * (wall / base_wall - 1):+8.1f} {100 * (cpu / base_cpu - 1):+8.1f}")


if __name__ == "__main__":
    main()
