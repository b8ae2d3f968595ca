"""Shared fixtures: a small valid project per test, and the example site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_NOW = "2020-04-20 12:00"
PROJECT_PARTS = ("mkdocs.yml", "programme.yml", "municipalities", "calls", "content", "theme")
"""What makes the example project: records, pages, templates and configuration."""


def copy_project(target: Path) -> Path:
    """A copy of the example project in ``target``, safe to edit (the repository stays untouched)."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "cms").symlink_to(REPO / "cms", target_is_directory=True)  # the web editor's npm files (scripts/_cms.sh)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target

PROGRAMME = """\
name: Atbalsts priekšlaicīgas mācību pārtraukšanas samazināšanai
short_name: PuMPuRS
project_number: 8.3.4.0/16/I/001
fund: Eiropas Sociālā fonda
implementer: Izglītības kvalitātes valsts dienesta
competition_name: Priekšlaicīgas mācību pārtraukšanas riska jauniešu iesaiste jaunatnes iniciatīvu projektos
ends: 2022-12-31
target_group: Skolēni no 5. līdz 12. klasei.
eligible_applicants:
  - jaunatnes organizācijas
supported_activities: Pasākumi jauniešiem.
funding_statement: Eiropas Sociālā fonda projekts Nr. 8.3.4.0/16/I/001.
contact:
  name: Ļubova Vasečko
  email: lubova.vasecko@834.ikvd.gov.lv
  phone: 28638431
"""

MUNICIPALITY = """\
name: Cēsu novads
region: vidzeme
website: https://www.cesis.lv
contacts:
  - name: Ilze Bērziņa
    email: ilze@cesu-novads.example
    phone: "20000001"
"""

ROUND = """\
number: 3
title: 2020. gada pavasaris
opens: 2020-02-01
closes: 2020-06-30
grant_amount: 4600
"""

CALL = """\
opens: 2020-03-02 09:00
closes: 2020-04-15 17:00
quota: 3
submission:
  - method: email
    address: pieteikumi@cesu-novads.example
"""


class MiniProject:
    """A valid one-call project in a temporary folder, for editing in a test."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "theme", root / "theme")
        shutil.copytree(REPO / "content", root / "content")
        self.write("programme.yml", PROGRAMME)
        self.write("municipalities/cesu-novads.yml", MUNICIPALITY)
        self.write("calls/2020-pavasaris/_round.yml", ROUND)
        self.write("calls/2020-pavasaris/cesu-novads.yml", CALL)
        self.write("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        (root / "cms").symlink_to(REPO / "cms", target_is_directory=True)  # the web editor's npm files

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def problems(self) -> list[str]:
        """Every problem ``konkursi validate`` reports, as the user reads them."""
        from konkursi.records.errors import ValidationFailed
        from konkursi.project import Project, validate

        try:
            _, warnings = validate(Project.at(self.root))
        except ValidationFailed as failed:
            return [str(p) for p in failed.errors + failed.warnings]
        return [str(w) for w in warnings]


@pytest.fixture
def mini(tmp_path) -> MiniProject:
    return MiniProject(tmp_path / "projekts")


def run_konkursi(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "konkursi", *args], cwd=cwd, env=environment, capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example site, built once with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("example") / "site"
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert "WARNING" not in completed.stderr, completed.stderr
    return out


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the browser tests, one for the whole run (Playwright's sync API allows one at a time)."""
    from playwright import sync_api
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def speedups_proven_here(*names: str) -> bool:
    """Whether the installed versions are those the named speedups were proven with (else the core runs:
    scripts/test-lowest.sh installs the floors, where the tests of a speedup's use are skipped)."""
    import konkursi.speedups as speedups

    speedups.declared()
    return all(speedups._versions_match(name) for name in names)


def needs_speedups(*names: str):
    """Marks a test of what the named speedups do: skipped where they are not proven for the installed versions."""
    return pytest.mark.skipif(not speedups_proven_here(*names),
                              reason=f"{', '.join(names)}: not proven with the installed versions, the core runs")


@pytest.fixture
def visit(browser):
    """Opens pages, each in a fresh browser context (browser_helpers.open_visit), closed after the test."""
    from browser_helpers import open_visit

    opened = []

    def open_page(base, path="", **options):
        opened.append(open_visit(browser, base, path, **options))
        return opened[-1]

    yield open_page
    for item in opened:
        item.page.context.close()


@pytest.fixture(scope="session")
def national_site(tmp_path_factory) -> Path:
    """The national project (tests/national.py: all 119 municipalities of 2009–2021, "now" 2020-04-20 12:00), built once."""
    from national import write_national_project

    root = write_national_project(tmp_path_factory.mktemp("national") / "projekts")
    built = run_konkursi("build", cwd=root)
    assert built.returncode == 0, built.stderr
    return root / "site"
