"""Hostile text in records is inert in every output: pages, search index, feeds, JSON, CSV, iCalendar, .docx, .txt.

One project whose municipality name, call note, submission place, project titles and press
release carry script tags, event handlers, ``javascript:``/``data:`` links, spreadsheet formulas,
CRLF + ``BEGIN:VEVENT`` and ``]]>``; each output is read back with the parser a user's tool uses.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from _feeds_helpers import build_ok
from _search_helpers import indexed_pages
from browser_helpers import open_visit, serve

# A name is one line (a line break in it is refused); the note below carries the line-break attacks.
NAME = '=HYPERLINK("//evil.example")</title><script>alert(1)</script>"><img src=x onerror=alert(2)>]]> BEGIN:VEVENT END:VEVENT'
NOTE = "Zz\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil\r\n<script>alert(3)</script> [x](javascript:alert(4)) ]]>"
PLACE = '"><svg onload=alert(5)>'
TITLES = ['-2+3+cmd|" /C calc"!A0', "@SUM(1+1)", "<iframe src=//evil.example></iframe>"]
IMPLEMENTER = "+evil"
HEADLINE = "<script>alert(10)</script> ]]> =cmd"
LEAD = (
    "Zzievads <script>alert(6)</script> <iframe src=\"https://evil.example\"></iframe> "
    "[saite](javascript:alert(7)) <a href=\"data:text/html,x\">d</a> <img src=x onerror=alert(8)> "
    "<b onclick=\"alert(9)\">b</b> [laba](https://ok.example/)"
)
HOSTILE = ("alert(", "evil.example", "javascript:", "onerror", "onload", "onclick")


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import MiniProject

    mini = MiniProject(tmp_path_factory.mktemp("hostile") / "projekts")
    mini.write("municipalities/cesu-novads.yml", f"""\
name: {yaml_str(NAME)}
region: vidzeme
contacts:
  - name: {yaml_str(PLACE)}
    email: ilze@cesu-novads.example
""")
    projects = "".join(
        f"    - title: {yaml_str(title)}\n      implementer: {yaml_str(IMPLEMENTER)}\n"
        "      starts: 2020-08-15\n      ends: 2021-01-30\n"
        for title in TITLES
    )
    mini.write("calls/2020-pavasaris/cesu-novads.yml", f"""\
opens: 2020-03-02 09:00
closes: 2020-04-15 17:00
quota: 3
submission:
  - method: in_person
    address: {yaml_str(PLACE)}
note: {yaml_str(NOTE)}
results:
  applications: 3
  projects:
{projects}""")
    round_file = mini.root / "calls/2020-pavasaris/_round.yml"
    round_file.write_text(round_file.read_text(encoding="utf-8") + (
        f"press_release:\n  date: 2020-03-02\n  headline: {yaml_str(HEADLINE)}\n  lead: {yaml_str(LEAD)}\n"
    ), encoding="utf-8")
    assert [p for p in mini.problems() if ": brīdinājums: " not in p] == []  # warnings (straight quotes) only
    return build_ok(mini.root, mini.root / "site", "2020-04-20 12:00")


def files(site: Path, suffix: str) -> list[Path]:
    found = sorted(path for path in site.rglob(f"*{suffix}") if path.is_file())
    assert found, suffix
    return found


def assert_inert_html(markup: str, where: str) -> None:
    """No script of ours, no event handler, no frame, no javascript:/data: link."""
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") in ("application/ld+json", "application/json"):
            json.loads(script.string)  # data, not code: it must stay one JSON value (no "</script>" break-out)
            continue
        assert "alert(" not in script.get_text(), where
    assert not soup.find_all(["iframe", "object", "embed"]), where  # the theme's own icons are inline <svg>
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (where, element)
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not text.strip().lower().startswith(("javascript:", "data:")), (where, element)
            if element.name == "img":
                assert "evil" not in text and text != "x", (where, element)


def test_pages_show_the_hostile_text_as_text(site):
    pages = files(site, ".html")
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert_inert_html(raw, page.as_posix())
        assert "<script>alert" not in raw and "</title><" not in raw, page  # nothing breaks out of <title>
    call = BeautifulSoup((site / "konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(call.get_text().split())
    assert "<script>alert(1)</script>" in text  # shown, not run
    assert "[x](javascript:alert(4))" in text
    for title in TITLES:
        assert title in text


def test_press_release_markdown_is_sanitised_and_keeps_safe_links(site):
    page = (site / "informacija-medijiem/2020-pavasaris/index.html").read_text(encoding="utf-8")
    assert_inert_html(page, "release page")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("a", href="https://ok.example/").get_text() == "laba"
    assert "Zzievads" in soup.get_text()


def test_search_index_holds_record_text_whole_and_the_search_page_shows_it_as_text(site, browser):
    pages = indexed_pages(site)
    call = pages["/konkursi/2020-pavasaris/cesu-novads/"]
    assert call["meta"]["municipality"] == NAME  # whole, as text: the search page never parses it as HTML
    assert any(HEADLINE in page["content"] for page in pages.values())  # the release's headline, as text
    with serve(site) as base:
        dialogs = []
        for query in ("hyperlink", "zzievads"):
            visit = open_visit(browser, base, "meklet/?q=" + query)
            visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            listed = visit.page.locator("#konkursi-search-results li")
            listed.first.wait_for()
            results = visit.page.locator("#konkursi-search-results")
            # nothing from a record became an element: only the search page's own links, marks and badges
            tags = results.evaluate("list => [...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
            assert set(tags) <= {"li", "a", "p", "span", "mark"}, tags
            text = results.inner_text()
            assert (NAME in text) if query == "hyperlink" else ("Zzievads" in text and HEADLINE.split(" ]]>")[0] in text)
            visit.page.wait_for_timeout(300)
            assert visit.console_errors == [] and visit.foreign_requests() == []
            visit.page.context.close()
        assert dialogs == []


def test_feeds_parse_as_xml_and_carry_the_text_exactly(site):
    feeds = files(site, ".xml")
    for path in feeds:
        root = ET.parse(path).getroot()  # "]]>" and markup did not break the XML
        for element in root.iter():
            assert not element.tag.lower().endswith(("script", "iframe")), path
            if element.text and element.get("type", "") == "html" or element.tag in ("description",):
                assert_inert_html(element.text or "", path.as_posix())
    atom = ET.parse(site / "abonet/konkursi.atom.xml").getroot()
    titles = [t.text for t in atom.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(NAME.replace("\r\n", " ") in " ".join(title.split()) or NAME in title for title in titles if title), titles


def test_json_round_trips_the_hostile_text_exactly(site):
    data = json.loads((site / "dati/calls.json").read_text(encoding="utf-8"))
    [call] = data["calls"]
    assert call["municipality"] == NAME


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(site):
    with open(site / "dati/calls.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert rows[0]["municipality"] == "'" + NAME
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "-", "@")), value


def test_calendars_hold_exactly_the_events_of_the_call(site):
    for path in files(site, ".ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = calendar.walk("VEVENT")
        assert len(events) == 2, path  # opening and deadline of the one call, nothing injected
        for event in events:
            assert " ".join(NAME.split()) in str(event.get("summary"))
            assert NAME.replace("\r\n", "\n") in [str(c) for c in event.get("categories").cats]
        raw = path.read_bytes().decode("utf-8")
        assert raw.split("\r\n").count("BEGIN:VEVENT") == 2  # as a line of its own


def test_docx_and_txt_are_well_formed_and_link_nowhere_hostile(site):
    import docx

    releases = files(site, ".docx")
    for path in releases:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    ET.fromstring(archive.read(name))  # well-formed despite "]]>" and "<"
                    if name.endswith(".rels"):
                        rels = archive.read(name).decode("utf-8")
                        assert "javascript:" not in rels and "data:" not in rels, (path, name)
    round_docx = docx.Document(str(site / "informacija-medijiem/2020-pavasaris/informacija-medijiem-2020-pavasaris.docx"))
    body = "\n".join(p.text for p in round_docx.paragraphs)
    assert "Zzievads" in body and "alert(6)" not in body and "javascript" not in body
    for path in files(site, ".txt"):
        text = path.read_text(encoding="utf-8")
        assert "javascript:" not in text and "alert(6)" not in text, path


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "ftp://evil.example/x"])
def test_document_links_must_be_web_addresses(mini, url):
    text = (mini.root / "calls/2020-pavasaris/cesu-novads.yml").read_text(encoding="utf-8")
    mini.write("calls/2020-pavasaris/cesu-novads.yml", text + f"documents:\n  - title: Nolikums\n    url: {yaml_str(url)}\n")
    assert mini.problems() == [
        f'calls/2020-pavasaris/cesu-novads.yml:9: laukā "documents[1].url": "{url}" nav derīga tīmekļa adrese: '
        "tai jāsākas ar https:// vai http://"
    ]


def test_an_online_submission_address_must_be_a_web_address(mini):
    text = (mini.root / "calls/2020-pavasaris/cesu-novads.yml").read_text(encoding="utf-8")
    mini.write("calls/2020-pavasaris/cesu-novads.yml", text.replace(
        "method: email\n    address: pieteikumi@cesu-novads.example", "method: online\n    address: javascript:alert(1)"))
    assert mini.problems() == [
        'calls/2020-pavasaris/cesu-novads.yml:6: laukā "submission[1].address": "javascript:alert(1)" nav derīga '
        "tīmekļa adrese: tai jāsākas ar https:// vai http://"
    ]
