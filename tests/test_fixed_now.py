"""Which "now" the pages hand to the browser: only one fixed by configuration or --now."""

import datetime as dt

from bs4 import BeautifulSoup

from konkursi.site.clock import fixed_now, resolve_now
from konkursi.project import Project, generate
from konkursi.records.values import RIGA

DEMO = dt.datetime(2020, 4, 20, 12, 0, tzinfo=RIGA)
EPOCH_2020_04_20_NOON = "1587373200"


def test_configured_or_command_line_now_is_fixed():
    assert fixed_now("2020-04-20 12:00", {}) == DEMO
    assert fixed_now(None, {"KONKURSI_NOW": "2020-04-20 12:00"}) == DEMO


def test_reproducible_build_time_and_the_clock_are_not_fixed():
    environ = {"SOURCE_DATE_EPOCH": EPOCH_2020_04_20_NOON}
    assert fixed_now(None, environ) is None
    assert resolve_now(None, environ) == DEMO
    assert fixed_now(None, {}) is None


def test_catalogue_says_whether_now_was_fixed(mini, monkeypatch):
    monkeypatch.delenv("KONKURSI_NOW", raising=False)
    assert generate(Project.at(mini.root, now="2020-04-20 12:00")).catalogue.now_fixed is True
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2020_04_20_NOON)
    live = generate(Project.at(mini.root)).catalogue
    assert (live.now, live.now_fixed) == (DEMO, False)


def test_demo_pages_carry_the_fixed_now_for_the_browser(example_site):
    head = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.find("meta", attrs={"name": "konkursi:now"})["content"] == "2020-04-20T12:00:00+03:00"
