"""Two builds of the same data at the same "now" are byte-identical, whatever the machine's clock, zone or locale."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _press_helpers import copy_project

NOW = "2020-04-20 12:00"


def build(project: Path, site: Path, **env: str) -> Path:
    environment = {k: v for k, v in os.environ.items() if k not in ("KONKURSI_NOW", "SOURCE_DATE_EPOCH", "TZ", "LC_ALL", "LANG")}
    environment.update(NO_MKDOCS_2_WARNING="1", KONKURSI_NOW=NOW, **env)
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=environment, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stderr
    return site


def contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("repro")
    (root / "project").mkdir()
    project = copy_project(root / "project")
    first = contents(build(project, root / "first"))
    again = contents(build(project, root / "again"))
    elsewhere = contents(build(project, root / "elsewhere", TZ="America/New_York", LC_ALL="C", LANG="C"))
    return first, again, elsewhere


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def test_two_builds_are_byte_identical_file_by_file(builds):
    first, again, _ = builds
    assert len(first) > 100
    assert differing(first, again) == []


def test_time_zone_and_locale_of_the_machine_change_nothing(builds):
    first, _, elsewhere = builds
    assert differing(first, elsewhere) == []


def test_sitemap_dates_come_from_the_builds_now_not_the_machine_clock(builds):
    first, _, _ = builds
    sitemap = first["sitemap.xml"].decode("utf-8")
    assert sitemap.count("<lastmod>2020-04-20</lastmod>") == sitemap.count("<lastmod>") > 50
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
    # gzip header: modification time of the newest page, the build's "now" date
    assert int.from_bytes(first["sitemap.xml.gz"][4:8], "little") == 1587340800  # 2020-04-20T00:00:00Z
