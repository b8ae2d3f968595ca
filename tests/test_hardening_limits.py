"""Limits: a site with no calls at all, with one call, and a round of 5,000 calls."""

from __future__ import annotations

import json
import time

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from _feeds_helpers import build_ok
from conftest import CALL
from konkursi.site.clock import parse_now
from konkursi.site.derive import derive
from konkursi.outputs.opendata import FIELDS, LICENCE
from konkursi.project import Project, validate
from konkursi.outputs.pages import FileLinks, Renderer

NOW = "2020-04-20 12:00"


def article_text(site, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text().split())


def test_no_calls_at_all_builds_a_site_that_says_so(mini, tmp_path):
    (mini.root / "calls/2020-pavasaris/cesu-novads.yml").unlink()
    site = build_ok(mini.root, tmp_path / "site", NOW)
    home = article_text(site, "index.html")
    assert "Pašlaik pieteikšanās nav atvērta nevienā pašvaldībā." in home
    assert "Jauni konkursi vēl nav izsludināti." in home
    assert article_text(site, "konkursi/index.html").startswith("Visi konkursi 0 konkursi: 0 atvērti, 0 drīzumā, 0 noslēgti.")
    assert "Konkursi vēl nav ievadīti." in article_text(site, "konkursi/index.html")
    assert "Šīs kārtas konkursi atsevišķi nav ievadīti." in article_text(site, "kartas/2020-pavasaris/index.html")
    assert "Konkursi vēl nav ievadīti." in article_text(site, "pasvaldibas/cesu-novads/index.html")
    assert "Pašlaik preses relīžu nav." in article_text(site, "informacija-medijiem/index.html")
    assert json.loads((site / "dati/calls.json").read_text(encoding="utf-8"))["calls"] == []
    feed = feedparser.parse((site / "abonet/konkursi.atom.xml").read_bytes())
    assert not feed.bozo and feed.entries == []
    calendar = icalendar.Calendar.from_ical((site / "kalendars/konkursi.ics").read_bytes())
    assert calendar.walk("VEVENT") == []


def test_no_rounds_and_no_municipalities_still_build(mini, tmp_path):
    for folder in ("calls/2020-pavasaris", "municipalities"):
        for path in sorted((mini.root / folder).iterdir()):
            path.unlink()
    (mini.root / "calls/2020-pavasaris").rmdir()
    assert mini.problems() == []
    site = build_ok(mini.root, tmp_path / "site", NOW)
    assert "Konkursi vēl nav ievadīti." in article_text(site, "konkursi/index.html")
    assert article_text(site, "kartas/index.html")
    assert article_text(site, "pasvaldibas/index.html")


def test_one_call_is_counted_in_the_singular(mini, tmp_path):
    site = build_ok(mini.root, tmp_path / "site", NOW)
    assert article_text(site, "konkursi/index.html").startswith("Visi konkursi 1 konkurss: 0 atvērti, 0 drīzumā, 1 noslēgts.")
    assert (site / "konkursi/2020-pavasaris/cesu-novads/index.html").is_file()


CALLS = 5000


def test_a_round_of_5000_calls_is_validated_derived_and_rendered_within_seconds(mini):
    """Library only (no MkDocs): validate, derive, render every page."""
    municipality = (mini.root / "municipalities/cesu-novads.yml").read_text(encoding="utf-8")
    for number in range(CALLS):
        mid = f"pasvaldiba-{number:04d}"
        mini.write(f"municipalities/{mid}.yml", municipality.replace("Cēsu novads", f"Pašvaldība {number:04d}"))
        mini.write(f"calls/2020-pavasaris/{mid}.yml", CALL)
    project = Project.at(mini.root)
    started = time.monotonic()
    records, warnings = validate(project)
    catalogue = derive(records, parse_now(NOW))
    renderer = Renderer(project.templates, project.paths, FileLinks(project.outputs, "https://konkursi.example/"),
                        licence=LICENCE, data_fields=FIELDS)
    pages = renderer.render_all(catalogue)
    elapsed = time.monotonic() - started
    assert warnings == [] and len(catalogue.calls) == CALLS + 1
    assert len(pages) > 2 * CALLS
    round_page = next(page for page in pages if page.path == "kartas/2020-pavasaris.md")
    assert round_page.markdown.count("Pašvaldība ") >= CALLS
    assert elapsed < 40, f"{CALLS} calls took {elapsed:.1f} s"  # about 20 s on a laptop


@pytest.mark.parametrize("length, words", [(301, "301 rakstzīme;"), (311, "311 rakstzīmes;"), (302, "302 rakstzīmes;")])
def test_too_long_text_counts_its_characters_in_agreement(length, words):
    from konkursi.records.values import Invalid, Text
    with pytest.raises(Invalid) as raised:
        Text(max_length=300).parse("a" * length)
    assert f"teksts ir pārāk garš ({words} atļauts ne vairāk kā 300)" in str(raised.value)
