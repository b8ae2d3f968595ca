"""iCalendar files of the example site, read back with icalendar as a calendar app would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from _feeds_helpers import build_ok, check_golden, copy_project, edit, publish_project, published_files

ROOT = Path(__file__).resolve().parent.parent
UID = "tag:konkursi.example,2020:call/2020-pavasaris/cesu-novads/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_ok(ROOT, tmp_path_factory.mktemp("site"))


def read(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_every_calendar_parses_with_the_riga_time_zone(site):
    calendars = {path: read(content) for path, content in published_files(site).items() if path.endswith(".ics")}
    assert len(calendars) == 1 + 15 + 3 + 13
    for path, calendar in calendars.items():
        zones = [zone["TZID"] for zone in calendar.walk("VTIMEZONE")]
        assert zones == (["Europe/Riga"] if events(calendar) else []), path
        for event in events(calendar):
            assert event.decoded("dtstart").tzinfo is not None, path
            assert event["dtstart"].params["TZID"] == "Europe/Riga", path


def test_site_calendar_has_every_opening_and_deadline(site):
    calendar = read((site / "kalendars/konkursi.ics").read_bytes())
    uids = [str(event["uid"]) for event in events(calendar)]
    assert len(uids) == 2 * 13 == len(set(uids))
    assert str(calendar["X-WR-CALNAME"]) == "PuMPuRS konkursu termiņi"
    starts = [event.decoded("dtstart") for event in events(calendar)]
    assert starts == sorted(starts)


def test_call_calendar_has_its_opening_and_deadline_in_riga_time(site):
    calendar = read((site / "kalendars/konkursi/2020-pavasaris/cesu-novads.ics").read_bytes())
    opens, closes = events(calendar)
    assert str(opens["uid"]) == UID + "opens"
    assert str(closes["uid"]) == UID + "closes"
    assert opens.decoded("dtstart") == dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert closes.decoded("dtstart") == dt.datetime(2020, 4, 30, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert closes.decoded("dtstart").utcoffset() == dt.timedelta(hours=3)  # summer time in Riga
    assert str(opens["summary"]) == "Pieteikšanās sākums: Cēsu novads, jaunatnes iniciatīvu projektu konkurss"
    assert str(closes["summary"]) == "Pieteikšanās beigas: Cēsu novads, jaunatnes iniciatīvu projektu konkurss"
    assert str(closes["url"]) == "https://konkursi.example/konkursi/2020-pavasaris/cesu-novads/"
    assert "Finansējums vienam projektam: 4600 eiro." in str(closes["description"])
    # DTSTAMP is the call's publication (2020-03-02 in Riga), in UTC: the same on every rebuild.
    assert closes.decoded("dtstamp") == dt.datetime(2020, 3, 1, 22, 0, tzinfo=dt.timezone.utc)


def test_municipality_and_round_calendars_hold_only_their_calls(site):
    cesis = read((site / "kalendars/pasvaldibas/cesu-novads.ics").read_bytes())
    assert sorted(str(event["uid"]) for event in events(cesis)) == [UID + "closes", UID + "opens"]
    spring = read((site / "kalendars/kartas/2020-pavasaris.ics").read_bytes())
    assert len(events(spring)) == 26
    assert events(read((site / "kalendars/kartas/2019-pavasaris.ics").read_bytes())) == []


def test_calendars_do_not_change_with_the_build_time(tmp_path):
    root = copy_project(tmp_path / "project")
    early = publish_project(root, now="2020-04-20 12:00").files
    late = publish_project(root, now="2020-07-01 12:00").files
    calendars = [path for path in early if path.endswith(".ics")]
    assert len(calendars) == 32
    assert [late[path] for path in calendars] == [early[path] for path in calendars]


def test_uids_survive_new_titles_and_a_new_domain_and_dtstamp_follows_updates(tmp_path):
    before = read(publish_project(copy_project(tmp_path / "before")).files["kalendars/konkursi.ics"])
    root = copy_project(tmp_path / "after")
    edit(root / "municipalities/cesu-novads.yml", "name: Cēsu novads", "name: Cēsu novada pašvaldība")
    edit(root / "calls/2020-pavasaris/cesu-novads.yml", "closes: 2020-04-30 17:00", "closes: 2020-05-08 17:00\nupdated: 2020-04-15")
    after = read(publish_project(root, site_url="https://cits-domens.example/").files["kalendars/konkursi.ics"])
    assert sorted(str(e["uid"]) for e in events(after)) == sorted(str(e["uid"]) for e in events(before))
    moved = next(e for e in events(after) if str(e["uid"]) == UID + "closes")
    assert moved.decoded("dtstart") == dt.datetime(2020, 5, 8, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert moved.decoded("dtstamp") == dt.datetime(2020, 4, 14, 21, 0, tzinfo=dt.timezone.utc)
    assert str(moved["url"]).startswith("https://cits-domens.example/")
    assert str(moved["summary"]).startswith("Pieteikšanās beigas: Cēsu novada pašvaldība")


def test_two_builds_of_unchanged_data_give_identical_calendars(site, tmp_path):
    first = published_files(site)
    again = published_files(build_ok(ROOT, tmp_path / "again"))
    calendars = sorted(path for path in first if path.endswith(".ics"))
    assert len(calendars) == 32
    assert [again[path] for path in calendars] == [first[path] for path in calendars]


def test_call_page_links_its_calendar(site):
    page = "konkursi/2020-pavasaris/cesu-novads/index.html"
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", string="Pievienot kalendāram")
    assert link is not None
    target = (site / page).parent / link["href"]
    assert target.resolve() == (site / "kalendars/konkursi/2020-pavasaris/cesu-novads.ics").resolve()
    assert len(events(read(target.read_bytes()))) == 2


@pytest.mark.parametrize("path", ["kalendars/konkursi/2020-pavasaris/cesu-novads.ics", "kalendars/pasvaldibas/keguma-novads.ics"])
def test_calendars_match_the_golden_files(site, path):
    check_golden(path, (site / path).read_bytes())


def test_calendar_link_works_without_directory_urls(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "mkdocs.yml", "site_url: https://konkursi.example/\n", "site_url: https://konkursi.example/\nuse_directory_urls: false\n")
    site = build_ok(root, tmp_path / "site")
    page = site / "konkursi/2020-pavasaris/cesu-novads.html"
    link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("a", string="Pievienot kalendāram")
    assert (page.parent / link["href"]).resolve() == (site / "kalendars/konkursi/2020-pavasaris/cesu-novads.ics").resolve()
    calls = {call["url"] for call in json.loads((site / "dati/calls.json").read_text(encoding="utf-8"))["calls"]}
    assert "https://konkursi.example/konkursi/2020-pavasaris/cesu-novads.html" in calls
