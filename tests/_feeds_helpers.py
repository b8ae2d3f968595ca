"""Shared helpers of the feed, calendar and open data tests: copy and build the example project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project  # noqa: F401  (re-exported to the tests)

from konkursi.project import Project, Published, generate, publish

ROOT = Path(__file__).resolve().parent.parent
"""The example project (the repository itself)."""

EXAMPLE_NOW = "2020-04-20 12:00"
"""The demo's fixed now, as in mkdocs.yml."""


PUBLISHED_DIRS = ("abonet", "kalendars", "dati")
"""Folders of the site that hold feeds, calendars and data files."""


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) with ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def mkdocs_build(root: Path, site_dir: Path, now: str | None = None) -> subprocess.CompletedProcess:
    """Build the project as a user does (``mkdocs build --strict``); never raises."""
    env = {k: v for k, v in os.environ.items() if k not in ("KONKURSI_NOW", "SOURCE_DATE_EPOCH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if now:
        env["KONKURSI_NOW"] = now
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)


def build_ok(root: Path, site_dir: Path, now: str | None = None) -> Path:
    completed = mkdocs_build(root, site_dir, now)
    assert completed.returncode == 0, completed.stderr
    return site_dir


def published_files(site_dir: Path) -> dict[str, bytes]:
    """Every feed, calendar and data file of a built site, by path relative to it."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for folder in PUBLISHED_DIRS
        for path in sorted((site_dir / folder).rglob("*"))
        if path.is_file() and path.name != "index.html"
    }


GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = "KONKURSI_UPDATE_GOLDEN"


def check_golden(path: str, content: bytes) -> None:
    """Compare a published file with ``tests/golden/<path>``.

    Regenerate after an intended change, then review ``git diff tests/golden``:
    ``KONKURSI_UPDATE_GOLDEN=1 scripts/test.sh -k golden``
    """
    golden = GOLDEN / path
    if os.environ.get(UPDATE_GOLDEN):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(content)
    assert golden.is_file(), f"no golden file {golden}; run with {UPDATE_GOLDEN}=1"
    assert content.decode("utf-8") == golden.read_bytes().decode("utf-8"), f"{path} differs from {golden}"


def publish_project(root: Path, site_url: str = "https://konkursi.example/", now: str = EXAMPLE_NOW, **options) -> Published:
    """Feeds, calendars and data of a project through the library, without MkDocs."""
    options.setdefault("id_authority", "konkursi.example,2020")
    project = Project.at(root, now=now, site_url=site_url, **options)
    return publish(project, generate(project))
