"""konkursi never writes into the records or the hand-written pages (``konkursi new`` adds, never overwrites).

A build killed midway leaves the previous site intact: tests/test_publish.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_konkursi

SOURCES = ("content", "calls", "municipalities", "theme", "programme.yml", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, str]:
    """Every source file with its content hash and modification time."""
    files = {}
    for name in SOURCES:
        base = root / name
        for path in [base] if base.is_file() else sorted(base.rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {path.stat().st_mtime_ns}"
    return files


@pytest.mark.parametrize("args", [
    ("validate",),
    ("validate", "--format", "json"),
    ("generate", "--out", "izvade"),
    ("build",),
    ("build", "--now", "2021-01-01 12:00"),
    ("schema", "--out", "shēmas"),
])
def test_commands_leave_every_source_file_untouched(mini, args):
    before = snapshot(mini.root)
    done = run_konkursi(*args, cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert snapshot(mini.root) == before


def test_a_failed_build_leaves_the_sources_untouched_too(mini):
    mini.write("calls/2020-pavasaris/cesu-novads.yml", "opens: 2020-02-30\n")
    before = snapshot(mini.root)
    assert run_konkursi("build", cwd=mini.root).returncode == 1
    assert snapshot(mini.root) == before


@pytest.mark.parametrize("out", ["content", "calls", "municipalities/jaunas", ".", "theme"])
def test_generate_refuses_to_write_among_the_sources(mini, out):
    before = snapshot(mini.root)
    done = run_konkursi("generate", "--out", out, cwd=mini.root)
    assert done.returncode == 1
    shown = mini.root if out == "." else out
    said = "ir pati projekta mape" if out == "." else "pārklājas ar projekta avotu"
    assert f"konkursi generate: izvades mape {shown} {said}" in done.stderr and "Traceback" not in done.stderr
    assert "--out izvade" in done.stderr
    assert snapshot(mini.root) == before


def test_new_adds_a_file_and_changes_no_other(mini):
    before = snapshot(mini.root)
    done = run_konkursi("new", "municipality", "--name", "Ludzas novads", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    after = snapshot(mini.root)
    assert set(after) - set(before) == {"municipalities/ludzas-novads.yml"}
    assert {k: v for k, v in after.items() if k in before} == before
