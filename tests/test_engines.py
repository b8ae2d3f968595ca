"""A second engine: ProperDocs (the maintained fork of MkDocs 1.x) builds the example to the same site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_project, run_konkursi

GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_example_to_the_same_files_but_the_generator_tag(tmp_path):
    root = copy_project(tmp_path / "project")
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        done = run_konkursi("build", "--engine", engine, "-d", str(tmp_path / engine), cwd=root)
        assert done.returncode == 0, done.stderr
        sites[engine] = _files(tmp_path / engine)
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    differ = [path for path in sites["mkdocs"] if sites["mkdocs"][path] != sites["properdocs"][path]]
    assert differ and all(path.endswith(".html") for path in differ)  # the generator tag names the engine
    for path in differ:
        assert GENERATOR.sub(b"", sites["mkdocs"][path]) == GENERATOR.sub(b"", sites["properdocs"][path]), path
    assert b"ProperDocs" in sites["properdocs"]["index.html"]


def test_the_engine_can_be_chosen_in_mkdocs_yml_and_a_wrong_one_is_refused(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - konkursi:\n" in text
    config.write_text(text.replace("  - konkursi:\n", "  - konkursi:\n      engine: properdocs\n", 1), encoding="utf-8")
    done = run_konkursi("build", "-d", str(tmp_path / "site"), cwd=root)
    assert done.returncode == 0, done.stderr
    assert b"ProperDocs" in (tmp_path / "site/index.html").read_bytes()
    config.write_text(text.replace("  - konkursi:\n", "  - konkursi:\n      engine: hugo\n", 1), encoding="utf-8")
    done = run_konkursi("build", "-d", str(tmp_path / "site"), cwd=root)
    assert done.returncode != 0
    assert 'laukā plugins.konkursi.engine jābūt "mkdocs" vai "properdocs"' in done.stderr
    assert b"ProperDocs" in (tmp_path / "site/index.html").read_bytes()  # the last good site stays
    assert 'nevis "hugo"' in done.stderr


def test_mkdocs_run_by_hand_on_a_project_that_chose_properdocs_says_so(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - konkursi:\n", "  - konkursi:\n      engine: properdocs\n", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert "mkdocs.yml izvēlas properdocs, bet lapas veido mkdocs; lietojiet konkursi build" in done.stderr
