"""Builds grow linearly with the number of calls (the benchmark, bench/bench.py, measures
the time; these cheap checks guard the structure that keeps it linear). The navigation
does not grow either: test_site.test_calls_stay_out_of_the_navigation; feeds are capped:
test_feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, copy_project
from konkursi.project import Project, generate, publish
from konkursi.site.paths import Paths
from konkursi.outputs.press import PressBuilder
from konkursi.outputs.pages import Renderer
from konkursi.outputs.reuse import Locality

CALL = """\
opens: 2021-03-01 09:00
closes: 2021-04-15 17:00
quota: 2
submission:
  - method: email
    address: pieteikumi@{id}.example
published: 2021-03-01
"""
MUNICIPALITY = """\
name: Papildu {n}. novads
region: vidzeme
contacts:
  - name: Anna Ozola
    email: anna@{id}.example
"""
ROUND = """\
number: 4
title: 2021. gada pavasaris
opens: 2021-03-01
closes: 2021-06-30
grant_amount: 4600
"""


def outputs_with(root: Path, extra: int) -> tuple[dict[str, str], dict[str, bytes]]:
    """Pages and published files of the example plus ``extra`` municipalities with one call each."""
    (root / "calls/2021-pavasaris").mkdir(parents=True, exist_ok=True)
    (root / "calls/2021-pavasaris/_round.yml").write_text(ROUND, encoding="utf-8")
    for n in range(extra):
        mid = f"papildu-{n:03d}"
        (root / f"municipalities/{mid}.yml").write_text(MUNICIPALITY.format(n=n + 1, id=mid), encoding="utf-8")
        (root / f"calls/2021-pavasaris/{mid}.yml").write_text(CALL.format(id=mid), encoding="utf-8")
    project = Project.at(root, now="2021-03-20 12:00", site_url="https://konkursi.example/")
    result = generate(project)
    return {page.path: page.markdown for page in result.pages}, publish(project, result).files


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """Outputs at 0, 10 and 20 added calls (each in its own new municipality)."""
    found = {}
    for extra in (0, 10, 20):
        root = copy_project(tmp_path_factory.mktemp(f"grown-{extra}"))
        found[extra] = outputs_with(root, extra)
    return found


def test_every_call_adds_the_same_number_of_pages_and_files(grown):
    pages = {extra: len(outputs[0]) for extra, outputs in grown.items()}
    files = {extra: len(outputs[1]) for extra, outputs in grown.items()}
    assert pages[20] - pages[10] == pages[10] - pages[0] > 0
    assert files[20] - files[10] == files[10] - files[0] > 0


def test_a_call_page_does_not_grow_with_the_site(grown):
    # The same call's page is the same Markdown whether the site has 10 or 20 more calls.
    path = "konkursi/2021-pavasaris/papildu-000.md"
    assert grown[10][0][path] == grown[20][0][path]
    cesu = "konkursi/2020-pavasaris/cesu-novads.md"
    assert grown[0][0][cesu] == grown[20][0][cesu]


@pytest.mark.parametrize("template", ["call.md.j2", "round.md.j2", "municipality.md.j2", "press_release.md.j2", "press/call.j2"])
def test_per_record_templates_do_not_read_the_whole_site(template):
    """A call's page that listed every call would make the build quadratic; these templates
    see only their own record (so a preview can also reuse them while it is unchanged)."""
    templates = REPO / "theme/pages"
    env = PressBuilder(templates, Paths()).env if template.startswith("press/") else Renderer(templates).env
    assert Locality(env)(template)


def test_files_written_as_they_are_made_keep_nothing_in_memory_and_are_the_same(tmp_path):
    # A build writes feeds, calendars, data and press files group by group into a folder
    # (memory stays flat at 5,000 calls); they must be exactly the files kept in memory otherwise.
    root = copy_project(tmp_path / "projekts")
    project = Project.at(root, now="2020-04-20 12:00", site_url="https://konkursi.example/")
    result = generate(project)
    kept = dict(publish(project, result).files.items())
    folder = tmp_path / "faili"
    streamed = publish(project, result, into=folder)
    assert dict(streamed.files) == {}
    written = {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert len(written) > 50 and written == kept
