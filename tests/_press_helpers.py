"""Shared helpers of the press-release tests: copies of the example project and site builds."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import copy_project  # noqa: F401  (re-exported to the tests)

REPO = Path(__file__).resolve().parents[1]
NOW = "2020-04-20 12:00"
SITE_URL = "https://konkursi.example/"


def build_site(project: Path, now: str = NOW) -> Path:
    """Build ``project`` with ``mkdocs build --strict`` at ``now``; return the site folder."""
    site = project / "site"
    env = dict(os.environ, KONKURSI_NOW=now, NO_MKDOCS_2_WARNING="1")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=env, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stderr
    return site


def site_texts(site: Path):
    """Every file of a built site as (relative path, text), gzip files (and the search index's) decompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz" or path.suffix.startswith(".pf_"):  # Pagefind's index files are gzip too
            data = gzip.decompress(data)
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        yield path.relative_to(site).as_posix(), data.decode("utf-8", errors="replace")
