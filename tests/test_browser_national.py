"""The lists at national scale (issue 18): all 119 municipalities of 2009–2021 in headless Chromium.

The project (tests/national.py) has one call per municipality at its "now", 2020-04-20 12:00: 40 open, 39 upcoming,
40 closed.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright import sync_api as playwright_api

from browser_helpers import AXE, axe_violations, serve
from konkursi.lv import lv_sorted
from test_html_valid import nu_errors

HEIGHT_BOUNDS = {"": 7_000, "kontakti/": 2_000, "pasvaldibas/": 5_500}
"""Page heights at 360 px (document.documentElement.scrollHeight): 13,439 / 25,282 / 4,875 px before issue 18;
6,159 / 1,236 / 4,966 px after (the home page's upcoming calls and the contacts folded by region, the
municipalities' list with links to its regions). The bounds leave about a tenth for fonts and wording."""

ROWS = """() => [...document.querySelectorAll("article table tbody tr")].filter(row => row.checkVisibility()).map(row => {
  const badge = row.querySelector(".konkursi-status");
  return {name: row.cells[0].innerText.trim(), status: badge.dataset.status, opens: badge.dataset.opens,
          closes: badge.dataset.closes, top: row.getBoundingClientRect().top};
})"""
"""Each calls table row a sighted visitor sees, in page order: municipality, status, times, top on screen."""


@pytest.fixture(scope="module")
def national(national_site):
    """Base URL of the national site."""
    with serve(national_site) as base:
        yield base


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


# /konkursi/ ------------------------------------------------------------------------------------------------

def test_the_calls_list_starts_with_the_open_calls_on_the_first_screen(national, visit):
    page = visit(national, "konkursi/", width=1280, height=900).page
    rows = page.evaluate(ROWS)
    assert len(rows) == 119
    assert rows[0]["status"] == "open" and 0 < rows[0]["top"] < 900
    statuses = [row["status"] for row in rows]
    assert statuses == ["open"] * 40 + ["upcoming"] * 39 + ["closed"] * 40
    open_, upcoming, closed = rows[:40], rows[40:79], rows[79:]
    assert [moment(r["closes"]) for r in open_] == sorted(moment(r["closes"]) for r in open_)
    assert [moment(r["opens"]) for r in upcoming] == sorted(moment(r["opens"]) for r in upcoming)
    assert [moment(r["closes"]) for r in closed] == sorted((moment(r["closes"]) for r in closed), reverse=True)
    # At 360 px the filters come first, and then the first open call, on the first screen but one.
    narrow = visit(national, "konkursi/", width=360, height=740).page
    first = narrow.evaluate(ROWS)[0]
    assert first["status"] == "open" and first["top"] < 2 * 740


def test_without_javascript_the_calls_come_in_the_same_order(national, visit):
    page = visit(national, "konkursi/", javascript=False).page
    statuses = [row["status"] for row in page.evaluate(ROWS)]
    assert statuses == ["open"] * 40 + ["upcoming"] * 39 + ["closed"] * 40


@pytest.mark.parametrize("order", ["asc", "desc", "pasvaldiba", "", "nav-tada"])
def test_each_sort_order_from_the_url_reorders_the_list_and_shows_in_the_select(national, visit, order):
    page = visit(national, "konkursi/" + (f"?kartot={order}" if order else "")).page
    rows = page.evaluate(ROWS)
    assert len(rows) == 119
    known = order if order in ("asc", "desc", "pasvaldiba") else ""
    assert page.get_by_label("Kārtot").input_value() == known
    deadlines = [moment(row["closes"]) for row in rows]
    names = [row["name"] for row in rows]
    if known == "asc":
        assert deadlines == sorted(deadlines)
    elif known == "desc":
        assert deadlines == sorted(deadlines, reverse=True)
    elif known == "pasvaldiba":
        assert names == lv_sorted(names)
        # The Latvian alphabet: Ā is a letter after A (not an A with a mark), Ē one after E.
        assert names[:3] == ["Aglonas novads", "Aizkraukles novads", "Aizputes novads"]
        assert names.index("Ādažu novads") == names.index("Auces novads") + 1
        assert names.index("Cēsu novads") == names.index("Cesvaines novads") + 1
    else:
        assert [row["status"] for row in rows][:1] == ["open"] and [row["status"] for row in rows][-1:] == ["closed"]


def test_choosing_an_order_writes_it_into_the_url_and_the_default_takes_it_out(national, visit):
    page = visit(national, "konkursi/").page
    sort = page.get_by_label("Kārtot")
    sort.select_option(label="Pašvaldība: A–Ž")
    assert parse_qs(urlsplit(page.url).query) == {"kartot": ["pasvaldiba"]}
    assert page.evaluate(ROWS)[0]["name"] == "Aglonas novads"
    sort.select_option(label="Atvērtie vispirms")
    assert urlsplit(page.url).query == ""
    assert page.evaluate(ROWS)[0]["status"] == "open"


# Long pages at 360 px -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", HEIGHT_BOUNDS)
def test_long_pages_at_360_px_stay_short_enough_to_find_ones_way(national, visit, path):
    shown = visit(national, path, width=360, height=740)
    shown.page.wait_for_load_state("networkidle")
    assert shown.page.evaluate("document.documentElement.scrollHeight") < HEIGHT_BOUNDS[path]
    assert not shown.has_horizontal_scroll()


def test_home_shows_open_calls_first_and_a_link_to_each_region(national, visit):
    page = visit(national, "", width=360, height=740).page
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0] == "Atvērtie konkursi"
    jump = page.get_by_role("navigation", name="Atvērtie konkursi pa reģioniem")
    assert jump.get_by_role("link").all_inner_texts() == ["Kurzemes", "Latgales", "Rīgas", "Vidzemes", "Zemgales"]
    jump.get_by_role("link", name="Zemgale").click()
    heading = page.locator("#atverti-zemgale")
    playwright_api.expect(heading).to_be_in_viewport()
    assert heading.inner_text() == "Zemgales plānošanas reģions"
    # Under it, Zemgale's open calls, closing soonest first.
    rows = page.evaluate("""() => [...document.querySelectorAll('#atverti-zemgale + .konkursi-calls tbody tr')]
      .map(row => row.querySelector('.konkursi-status').dataset)""")
    assert rows and all(row["region"] == "zemgale" and row["status"] == "open" for row in rows)
    assert [r["closes"] for r in rows] == sorted((r["closes"] for r in rows), key=moment)
    # The upcoming calls are folded by region, each fold saying how many it holds.
    folds = page.locator("details[data-section='upcoming'] > summary").all_text_contents()
    assert len(folds) == 5 and sum(int(text.split(": ")[1].split()[0]) for text in folds) == 39


def test_a_jump_link_opens_the_folded_region_it_leads_to(national, visit):
    page = visit(national, "kontakti/", width=360, height=740).page
    latgale = page.locator("#regions-latgale")
    assert latgale.get_attribute("open") is None
    assert not page.get_by_role("heading", name="Rēzeknes novads").is_visible()
    page.get_by_role("navigation", name="Kontaktpersonas pa reģioniem").get_by_role("link", name="Latgale").click()
    playwright_api.expect(latgale).to_have_attribute("open", "")
    playwright_api.expect(page.get_by_role("heading", name="Rēzeknes novads")).to_be_visible()
    playwright_api.expect(latgale.locator("summary")).to_be_in_viewport()
    # Folded again by hand, the same link (the address already ends in it) opens it again.
    latgale.locator("summary").click()
    playwright_api.expect(latgale).not_to_have_attribute("open", "")
    page.get_by_role("navigation", name="Kontaktpersonas pa reģioniem").get_by_role("link", name="Latgale").click()
    playwright_api.expect(latgale).to_have_attribute("open", "")


@pytest.mark.parametrize("fragment, fold", [("regions-vidzeme", "regions-vidzeme"), ("jekabpils-novads", "regions-zemgale")])
def test_an_address_to_a_region_or_to_a_place_in_it_opens_its_fold(national, visit, fragment, fold):
    page = visit(national, f"kontakti/#{fragment}", width=360, height=740).page
    playwright_api.expect(page.locator(f"#{fold}")).to_have_attribute("open", "")
    playwright_api.expect(page.locator(f"#{fragment}")).to_be_in_viewport()
    assert page.locator("article details[open]").count() == 1


def test_the_browsers_find_in_page_opens_a_folded_region(national, visit):
    # Chromium opens a closed <details> for find in page and for a text fragment alike (both search the page).
    page = visit(national, "kontakti/#:~:text=M%C4%93rsraga%20novads", width=360, height=740).page
    playwright_api.expect(page.locator("#regions-kurzeme")).to_have_attribute("open", "")
    playwright_api.expect(page.get_by_role("heading", name="Mērsraga novads")).to_be_in_viewport()


def test_the_municipalities_jump_to_their_region(national, visit):
    page = visit(national, "pasvaldibas/", width=360, height=740).page
    page.get_by_role("navigation", name="Pašvaldības pa reģioniem").get_by_role("link", name="Vidzeme").click()
    playwright_api.expect(page.get_by_role("heading", name="Vidzemes plānošanas reģions")).to_be_in_viewport()


def test_without_javascript_every_contact_is_there_to_unfold(national, visit):
    page = visit(national, "kontakti/", javascript=False).page
    assert page.locator("article details").count() == 5
    assert page.locator("article details h3").count() == 119
    page.locator("#regions-riga summary").click()
    assert page.get_by_role("heading", name="Ādažu novads").is_visible()


def test_printing_the_contacts_prints_every_region(national, visit):
    page = visit(national, "kontakti/").page
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("article details[open]").count() == 5
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("article details[open]").count() == 0


# Width at 1280 px --------------------------------------------------------------------------------------------

CELL_LINES = """cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
}"""
"""How many lines a table cell's text takes."""


@pytest.mark.parametrize("path", ["konkursi/", ""])
def test_the_calls_table_takes_the_pages_width_at_1280_px(national, visit, path):
    page = visit(national, path, width=1280, height=900).page
    table = page.locator("article table").first
    assert table.bounding_box()["width"] >= 900
    assert not page.locator(".md-sidebar--secondary").is_visible()  # no table of contents beside it


def test_region_and_round_take_one_line_at_1280_px(national, visit):
    page = visit(national, "konkursi/", width=1280, height=900).page
    heads = page.locator("article table thead th").all_inner_texts()
    for column in ("Reģions", "Kārta"):
        index = heads.index(column) + 1
        lines = [cell.evaluate(CELL_LINES) for cell in page.locator(f"article table tbody tr td:nth-child({index})").all()[:119:7]]
        assert lines and set(lines) == {1}, column


# Quality bars ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(360, 740), (1280, 900)])
def test_the_long_pages_meet_wcag_aa(national, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="lv-LV", timezone_id="Europe/Riga")
    context.add_init_script(path=str(AXE))
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        found = {}
        for path in ["", "konkursi/", "konkursi/?kartot=pasvaldiba", "kontakti/", "kontakti/#regions-riga", "pasvaldibas/"]:
            page.goto(national + path)
            page.wait_for_load_state("networkidle")
            if "#" in path:
                playwright_api.expect(page.locator("#regions-riga")).to_have_attribute("open", "")
            # After a jump the theme fades its header's title in: axe measures the colours once nothing is fading.
            page.wait_for_function("""() => document.getAnimations().every(a => a.playState !== "running")
                && [...document.querySelectorAll(".md-header__topic")].every(t => ["0", "1"].includes(getComputedStyle(t).opacity))""")
            violations = axe_violations(page)
            if violations:
                found[path or "/"] = violations
    finally:
        context.close()
    assert found == {} and errors == []


def test_the_long_pages_are_valid_html(national_site):
    pages = [national_site / path / "index.html" for path in ("", "konkursi", "kontakti", "pasvaldibas")]
    assert nu_errors(pages, national_site) == []
