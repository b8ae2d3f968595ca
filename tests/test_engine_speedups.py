"""Speedups over the engines' internals (konkursi.speedups: converter, partials, page_memory, livereload):
the site is the same without them, and `konkursi serve` runs on either engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, needs_speedups, run_konkursi, speedups_proven_here
from test_preview import fetch, free_port, stop, wait_for

ENGINE_SPEEDUPS = ("converter", "partials", "page-packing", "gc-hold", "inotify-reload")


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_example_built_without_speedups_is_byte_for_byte_the_same(tmp_path, monkeypatch):
    from konkursi import speedups
    from konkursi.speedups import converter, livereload, page_memory, partials  # noqa: F401 - each declares its own

    monkeypatch.delenv(speedups.SWITCH, raising=False)
    if speedups_proven_here(*ENGINE_SPEEDUPS):
        assert all(speedups.enabled(name) for name in ENGINE_SPEEDUPS)  # the default build below uses every one
    root = copy_project(tmp_path / "project")
    sites = {}
    for name, switch in (("default", None), ("core", "0")):
        env = {speedups.SWITCH: switch} if switch else {}
        done = run_konkursi("build", "-d", str(tmp_path / name), cwd=root, env=env)
        assert done.returncode == 0, done.stderr
        sites[name] = _files(tmp_path / name)
    assert len(sites["default"]) > 100
    assert sites["default"].keys() == sites["core"].keys()
    assert [path for path in sites["default"] if sites["default"][path] != sites["core"][path]] == []


@pytest.mark.parametrize("switch, off", [("-converter", {"converter"}), ("-partials,-gc-hold", {"partials", "gc-hold"})])
@needs_speedups(*ENGINE_SPEEDUPS)
def test_speedups_can_be_switched_off_one_by_one(monkeypatch, switch, off):
    from konkursi import speedups
    from konkursi.speedups import converter, livereload, page_memory, partials  # noqa: F401

    monkeypatch.setenv(speedups.SWITCH, switch)
    assert {name for name in ENGINE_SPEEDUPS if not speedups.enabled(name)} == off


def test_konkursi_serve_runs_on_properdocs_and_rebuilds_after_a_record_edit(tmp_path):
    root = copy_project(tmp_path / "project")
    record = root / "calls/2020-pavasaris/adazu-novads.yml"
    text = record.read_text(encoding="utf-8")
    assert "quota: 2\n" in text
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "konkursi", "serve", "--engine", "properdocs", "-a", f"127.0.0.1:{port}"], cwd=root,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        page = f"http://127.0.0.1:{port}/konkursi/2020-pavasaris/adazu-novads/"
        wait_for(lambda: "2 projekti" in fetch(page), "the first build", seconds=180)
        assert "ProperDocs" in fetch(f"http://127.0.0.1:{port}/")  # the generator tag names the engine
        record.write_text(text.replace("quota: 2\n", "quota: 3\n"), encoding="utf-8")
        wait_for(lambda: "3 projekti" in fetch(page), "a rebuild after a record changed", seconds=120)
        assert re.search(r"konkursi: pārbūvētas? \d+ lapa", log.read_text(encoding="utf-8"))  # a dirty rebuild: only what changed
    finally:
        stop(server)
