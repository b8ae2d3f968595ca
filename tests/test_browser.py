"""The built site in headless Chromium: filters, live statuses, accessibility, requests, layout."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright import sync_api as playwright_api

from konkursi.lv import lv_sorted

from browser_helpers import AXE, INK_ROWS, UNDERLINES, axe_violations, build_live_example, serve

PAGES = {
    "home": "",
    "calls": "konkursi/",
    "calls-filtered": "konkursi/?regions=latgale&statuss=open",
    "call": "konkursi/2020-pavasaris/cesu-novads/",
    "round": "kartas/2020-pavasaris/",
    "municipality": "pasvaldibas/cesu-novads/",
    "contacts": "kontakti/",
    "accessibility": "pieklustamibas-pazinojums/",
}
ALL_CALLS_BY_DEADLINE = [
    "Saldus novads", "Saulkrastu novads", "Ķeguma novads", "Rēzeknes novads", "Jelgavas novads", "Cēsu novads",
    "Krāslavas novads", "Kuldīgas novads", "Jēkabpils novads", "Ādažu novads", "Smiltenes novads", "Bauskas novads",
    "Talsu novads",
]
ALL_CALLS_BY_STATUS = [  # the default order: open (closing soonest first), upcoming (opening soonest first), closed (latest first)
    "Rēzeknes novads", "Jelgavas novads", "Cēsu novads", "Krāslavas novads", "Kuldīgas novads", "Jēkabpils novads",
    "Ādažu novads", "Bauskas novads", "Smiltenes novads", "Talsu novads",
    "Ķeguma novads", "Saulkrastu novads", "Saldus novads",
]
ORDER_SENTENCE = ("Sakārtoti: vispirms atvērtie (pirmie tie, kuros pieteikšanās beidzas drīzāk), tad tie, kuros pieteikšanās "
                  "vēl nav sākusies (pirmie tie, kuros tā sāksies drīzāk), visbeidzot noslēgtie (pirmie nesenāk noslēgušies).")
DEMO_NOW = "2020-04-20T12:00:00+03:00"
HOUR_MS = 60 * 60 * 1000


@pytest.fixture(scope="session")
def demo(example_site):
    """Base URL of the example as configured: "now" fixed at 2020-04-20 12:00."""
    with serve(example_site) as base:
        yield base


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    """Base URL of the example built on 2020-04-20 12:00 without fixing "now": browsers use their clock."""
    with serve(build_live_example(tmp_path_factory.mktemp("live"), DEMO_NOW)) as base:
        yield base


@pytest.fixture(scope="session")
def early(tmp_path_factory):
    """Base URL of the example built on 2020-02-01, before any call opened: the home page has no open table."""
    with serve(build_live_example(tmp_path_factory.mktemp("early"), "2020-02-01T12:00:00+02:00", announced=True)) as base:
        yield base


SHOWN_CALLS = "article table tbody tr:visible td:first-child"
"""The first cell of each row a sighted visitor sees in the article's calls table."""


def shown_calls(page) -> list[str]:
    """Municipality names of the rows a sighted visitor sees in the article's calls table."""
    return page.locator(SHOWN_CALLS).all_inner_texts()


def badge(page, municipality_id: str):
    return page.locator(f'article .konkursi-status[data-municipality="{municipality_id}"]').first


def section_calls(page, heading: str) -> list[str]:
    """Municipality names listed under a home page heading, in every table up to the next heading of its level, in
    page order: the rows the page shows, whether their region's fold is open or not."""
    return page.evaluate("""heading => {
      const h2 = [...document.querySelectorAll("article h2")].find(h => h.textContent.trim() === heading);
      const names = [];
      for (let node = h2.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        if (node.closest("[hidden]")) continue;
        for (const row of node.querySelectorAll("tbody tr")) {
          if (!row.closest("[hidden]")) names.push(row.cells[0].innerText.trim() || row.cells[0].textContent.trim());
        }
      }
      return names;
    }""", heading)


def region_calls(page, region_id: str) -> list[str]:
    """Municipality names a sighted visitor sees under a region's heading in the home page's open section."""
    return page.evaluate("""id => {
      const names = [];
      for (let node = document.getElementById(id).nextElementSibling; node && !/^H[1-3]$/.test(node.tagName);
           node = node.nextElementSibling) {
        for (const row of node.querySelectorAll("tbody tr")) if (row.checkVisibility()) names.push(row.cells[0].innerText.trim());
      }
      return names;
    }""", region_id)


# Finding calls --------------------------------------------------------------------------------

def test_filters_narrow_the_list_and_keep_the_choice_in_the_url(demo, visit):
    page = visit(demo, "konkursi/").page
    assert shown_calls(page) == ALL_CALLS_BY_STATUS
    page.get_by_label("Reģions").select_option(label="Latgales plānošanas reģions")
    page.get_by_label("Statuss").select_option(label="Atvērti")
    assert shown_calls(page) == ["Rēzeknes novads", "Krāslavas novads"]
    assert page.locator("#konkursi-count").inner_text() == "Atlasīti 2 konkursi."
    assert parse_qs(urlsplit(page.url).query) == {"regions": ["latgale"], "statuss": ["open"]}

    shared = visit(demo, "konkursi/?" + urlsplit(page.url).query).page
    assert shown_calls(shared) == ["Rēzeknes novads", "Krāslavas novads"]
    assert shared.get_by_label("Reģions").input_value() == "latgale"

    page.get_by_role("button", name="Rādīt visus").click()
    # The list updates after the form's reset event (the form's values change after it): waited for.
    playwright_api.expect(page.locator(SHOWN_CALLS)).to_have_text(ALL_CALLS_BY_STATUS)
    assert shown_calls(page) == ALL_CALLS_BY_STATUS
    assert urlsplit(page.url).query == ""


def test_filter_by_municipality_and_round_and_latvian_count(demo, visit):
    page = visit(demo, "konkursi/?pasvaldiba=cesu-novads&karta=2020-pavasaris").page
    assert shown_calls(page) == ["Cēsu novads"]
    assert page.locator("#konkursi-count").inner_text() == "Atlasīts 1 konkurss."
    page.get_by_label("Statuss").select_option(label="Drīzumā")
    assert shown_calls(page) == []
    assert page.locator("#konkursi-count").inner_text() == "Neviens konkurss neatbilst atlasei."


def test_choosing_a_region_offers_only_its_municipalities(demo, visit):
    page = visit(demo, "konkursi/?pasvaldiba=cesu-novads").page
    municipality = page.get_by_label("Pašvaldība")
    page.get_by_label("Reģions").select_option(label="Latgales plānošanas reģions")
    assert municipality.input_value() == ""  # Cēsu novads is in Vidzeme
    offered = municipality.locator("option:not(:disabled)").all_inner_texts()
    assert offered == ["Visas", "Krāslavas novads", "Rēzeknes novads"]
    assert shown_calls(page) == ["Rēzeknes novads", "Krāslavas novads"]
    assert parse_qs(urlsplit(page.url).query) == {"regions": ["latgale"]}


def test_filter_choices_are_in_latvian_alphabetical_order(demo, visit):
    page = visit(demo, "konkursi/").page
    riga = page.locator("#konkursi-filter-municipality optgroup[label='Rīgas plānošanas reģions'] option")
    assert riga.all_inner_texts() == ["Ādažu novads", "Ķeguma novads", "Saulkrastu novads"]
    regions = page.locator("#konkursi-filter-region option").all_inner_texts()
    assert regions == ["Visi", "Kurzemes plānošanas reģions", "Latgales plānošanas reģions", "Rīgas plānošanas reģions",
                       "Vidzemes plānošanas reģions", "Zemgales plānošanas reģions"]


def test_sort_orders_are_chosen_kept_in_the_url_and_told(demo, visit):
    page = visit(demo, "konkursi/").page
    order = page.locator("#konkursi-order")
    assert order.inner_text() == ORDER_SENTENCE
    sort = page.get_by_label("Kārtot")
    sort.select_option(label="Termiņš: vēlākais vispirms")
    assert shown_calls(page) == list(reversed(ALL_CALLS_BY_DEADLINE))
    assert parse_qs(urlsplit(page.url).query) == {"kartot": ["desc"]}
    assert order.inner_text() == "Sakārtoti pēc pieteikšanās termiņa: vēlākie vispirms."
    sort.select_option(label="Termiņš: agrākais vispirms")
    assert shown_calls(page) == ALL_CALLS_BY_DEADLINE
    sort.select_option(label="Pašvaldība: A–Ž")
    assert shown_calls(page) == lv_sorted(ALL_CALLS_BY_DEADLINE)
    assert order.inner_text() == "Sakārtoti pēc pašvaldību nosaukumiem alfabēta secībā."
    sort.select_option(label="Atvērtie vispirms")
    assert shown_calls(page) == ALL_CALLS_BY_STATUS and urlsplit(page.url).query == ""
    assert order.inner_text() == ORDER_SENTENCE


@pytest.mark.parametrize("query, chosen, expected", [
    ("kartot=asc", "asc", ALL_CALLS_BY_DEADLINE),
    ("kartot=pasvaldiba&statuss=open", "pasvaldiba", ["Cēsu novads", "Jelgavas novads", "Jēkabpils novads",
                                                      "Krāslavas novads", "Kuldīgas novads", "Rēzeknes novads"]),
    ("kartot=nezinams", "", ALL_CALLS_BY_STATUS),  # an unknown order: the default
])
def test_a_shared_link_opens_in_its_order(demo, visit, query, chosen, expected):
    page = visit(demo, "konkursi/?" + query).page
    assert shown_calls(page) == expected
    assert page.get_by_label("Kārtot").input_value() == chosen


def test_without_javascript_every_call_is_listed_and_no_dead_filters_show(demo, visit):
    page = visit(demo, "konkursi/?regions=latgale", javascript=False).page
    assert shown_calls(page) == ALL_CALLS_BY_STATUS
    assert not page.locator("#konkursi-filters").is_visible()
    assert badge(page, "cesu-novads").inner_text() == "Atvērts"


# Live status ----------------------------------------------------------------------------------

def test_demo_build_keeps_its_fixed_now_whatever_the_browser_clock(demo, visit):
    page = visit(demo, "", clock_at="2026-11-27T12:00:00+02:00").page
    assert badge(page, "rezeknes-novads").inner_text() == "Atvērts, drīz beigsies"
    assert badge(page, "cesu-novads").inner_text() == "Atvērts"
    assert badge(page, "adazu-novads").text_content() == "Drīzumā"  # in Rīga's upcoming calls, folded
    assert page.get_by_text("Statusi atbilst stāvoklim 2020. gada 20. aprīlī plkst. 12.00").is_visible()


def test_site_built_earlier_shows_no_closed_call_as_open(live, visit):
    page = visit(live, "konkursi/", clock_at="2026-11-27T12:00:00+02:00").page
    badges = page.locator("article .konkursi-status")
    assert badges.all_inner_texts() == ["Noslēgts"] * len(ALL_CALLS_BY_DEADLINE)
    home = visit(live, "", clock_at="2026-11-27T12:00:00+02:00").page
    assert section_calls(home, "Atvērtie konkursi") == []
    assert home.get_by_text("Pašlaik pieteikšanās nav atvērta nevienā pašvaldībā.", exact=True).is_visible()
    assert not home.get_by_role("navigation", name="Atvērtie konkursi pa reģioniem").is_visible()
    assert not home.get_by_text("Statusi atbilst stāvoklim").is_visible()  # they are live, not as of the build


def test_live_site_shows_status_at_the_visitors_clock_not_the_build(live, visit):
    page = visit(live, "konkursi/2020-pavasaris/cesu-novads/", clock_at=DEMO_NOW).page
    status = page.locator("article .konkursi-status")
    assert status.inner_text() == "Atvērts"
    # Cēsu novads closes on 30 April at 17.00: within 7 days it is highlighted, after it closed.
    page.clock.fast_forward(168 * HOUR_MS)  # 27 April 12.00
    assert status.inner_text() == "Atvērts, drīz beigsies"
    assert "konkursi-status--soon" in status.get_attribute("class")
    page.clock.fast_forward(78 * HOUR_MS)  # 30 April 18.00
    assert status.inner_text() == "Noslēgts"
    assert "konkursi-status--closed" in status.get_attribute("class")


def test_calls_page_summary_recounts_when_statuses_change(live, visit):
    page = visit(live, "konkursi/", clock_at=DEMO_NOW).page
    summary = page.locator("article h1 + p")
    assert summary.inner_text() == "13 konkursi: 6 atvērti, 4 drīzumā, 3 noslēgti. " + ORDER_SENTENCE
    page.clock.fast_forward(168 * HOUR_MS)  # 27 April 12.00
    assert summary.inner_text().startswith("13 konkursi: 6 atvērti, 3 drīzumā, 4 noslēgti.")
    page.clock.fast_forward(48 * 24 * HOUR_MS)  # 14 June: Talsi (closes 12 June) was the last
    assert summary.inner_text().startswith("13 konkursi: 0 atvērti, 0 drīzumā, 13 noslēgti.")


def test_upcoming_call_opens_and_closed_calls_leave_the_open_filter(live, visit):
    page = visit(live, "konkursi/?statuss=open", clock_at=DEMO_NOW).page
    assert shown_calls(page) == ["Rēzeknes novads", "Jelgavas novads", "Cēsu novads", "Krāslavas novads",
                                 "Kuldīgas novads", "Jēkabpils novads"]
    assert badge(page, "adazu-novads").inner_text() == "Drīzumā"
    # 2020-04-27 12:00: Ādaži opened at 09.00, Rēzekne closed on the 24th.
    page.clock.fast_forward(168 * HOUR_MS)
    assert badge(page, "adazu-novads").inner_text() == "Atvērts"
    assert "Ādažu novads" in shown_calls(page)
    assert "Rēzeknes novads" not in shown_calls(page)


def test_home_sections_follow_the_clock(live, visit):
    page = visit(live, "", clock_at=DEMO_NOW).page
    # By region (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale), each closing soonest first; Rīga has none open yet.
    open_now = ["Kuldīgas novads", "Rēzeknes novads", "Krāslavas novads", "Cēsu novads", "Jelgavas novads", "Jēkabpils novads"]
    assert section_calls(page, "Atvērtie konkursi") == open_now
    assert section_calls(page, "Gaidāmie konkursi") == ["Talsu novads", "Ādažu novads", "Smiltenes novads", "Bauskas novads"]
    riga_note = page.locator('.konkursi-empty[data-region="riga"]')
    assert riga_note.is_visible() and region_calls(page, "atverti-riga") == []
    # 27 April 12.00: Rēzekne closed on the 24th, Ādaži opened at 09.00 and closes on 29 May: Rīga has an open call now.
    page.clock.fast_forward(168 * HOUR_MS)
    assert section_calls(page, "Atvērtie konkursi") == ["Kuldīgas novads", "Krāslavas novads", "Ādažu novads", "Cēsu novads",
                                                        "Jelgavas novads", "Jēkabpils novads"]
    assert region_calls(page, "atverti-riga") == ["Ādažu novads"] and not riga_note.is_visible()
    assert badge(page, "adazu-novads").inner_text() == "Atvērts"
    assert section_calls(page, "Gaidāmie konkursi") == ["Talsu novads", "Smiltenes novads", "Bauskas novads"]
    assert not page.locator("#drizuma-riga").is_visible()  # its only call left the fold
    assert page.locator("#drizuma-kurzeme summary").inner_text() == "Kurzemes plānošanas reģions: 1 konkurss"
    # Late June: every call has closed.
    page.clock.fast_forward(60 * 24 * HOUR_MS)
    assert section_calls(page, "Atvērtie konkursi") == []
    assert page.get_by_text("Pašlaik pieteikšanās nav atvērta nevienā pašvaldībā.", exact=True).is_visible()
    assert page.get_by_text("Jauni konkursi vēl nav izsludināti.").is_visible()


def test_home_built_before_any_call_opened_shows_the_open_ones_by_region(early, visit):
    page = visit(early, "", clock_at=DEMO_NOW).page
    # Built when every call was upcoming: by 20 April six have opened and move to their regions' open tables, made
    # for them; three have closed and leave the page.
    assert section_calls(page, "Atvērtie konkursi") == ["Kuldīgas novads", "Rēzeknes novads", "Krāslavas novads",
                                                        "Cēsu novads", "Jelgavas novads", "Jēkabpils novads"]
    assert region_calls(page, "atverti-zemgale") == ["Jelgavas novads", "Jēkabpils novads"]
    assert section_calls(page, "Gaidāmie konkursi") == ["Talsu novads", "Ādažu novads", "Smiltenes novads", "Bauskas novads"]
    assert badge(page, "cesu-novads").inner_text() == "Atvērts"
    assert badge(page, "adazu-novads").text_content() == "Drīzumā"  # in Rīga's fold, closed
    assert page.get_by_role("navigation", name="Atvērtie konkursi pa reģioniem").is_visible()
    assert not page.get_by_text("Pašlaik pieteikšanās nav atvērta nevienā pašvaldībā.", exact=True).is_visible()


# Quality bars -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_aa_makes_no_foreign_request_and_logs_no_error(demo, visit, name):
    shown = visit(demo, PAGES[name])
    shown.page.wait_for_load_state("networkidle")
    assert shown.axe_violations() == []
    assert shown.foreign_requests() == []
    assert shown.console_errors == []


@pytest.mark.parametrize("width, height", [(360, 640), (1280, 800)])
def test_every_page_meets_wcag_aa(example_site, demo, browser, width, height):
    # One tab visits every page the example builds (404.html too), one after another; axe comes with each page
    # (an init script: handed to the browser once, not sent again for every page).
    paths = sorted(page.relative_to(example_site).as_posix().removesuffix("index.html")
                   for page in example_site.rglob("*.html"))
    assert len(paths) >= 50
    context = browser.new_context(viewport={"width": width, "height": height}, locale="lv-LV", timezone_id="Europe/Riga")
    context.add_init_script(path=str(AXE))
    try:
        page = context.new_page()
        found = {}
        for path in paths:
            page.goto(demo + path)
            violations = axe_violations(page)
            if violations:
                found[path or "/"] = violations
    finally:
        context.close()
    assert found == {}


def test_a_table_wider_than_the_screen_scrolls_by_keyboard_and_is_named(demo, visit):
    page = visit(demo, "atvertie-dati/", width=360, height=640).page
    wrap = page.locator("article .md-typeset__scrollwrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.get_by_role("region", name="Tabula „Lauki”, ritināma uz sāniem").count() == 1
    for _ in range(60):
        page.keyboard.press("Tab")
        if wrap.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the keyboard does not reach the scrolling table")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=wrap.element_handle(), timeout=2000)
    # Where the table fits, it is no stop for the keyboard.
    page.set_viewport_size({"width": 1280, "height": 800})
    playwright_api.expect(wrap).not_to_have_attribute("tabindex", "0")
    assert page.get_by_role("region", name="Tabula „Lauki”, ritināma uz sāniem").count() == 0


def test_calls_page_after_filtering_in_the_browser_meets_wcag_aa(demo, visit):
    shown = visit(demo, "konkursi/")
    shown.page.get_by_label("Pašvaldība").select_option(label="Krāslavas novads")
    assert shown_calls(shown.page) == ["Krāslavas novads"]
    assert shown.axe_violations() == []


def test_calls_page_as_cards_at_360_px_meets_wcag_aa(demo, visit):
    shown = visit(demo, PAGES["calls-filtered"], width=360, height=740)
    assert shown.axe_violations() == []


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_360_px(demo, visit, name):
    shown = visit(demo, PAGES[name], width=360, height=740)
    assert not shown.has_horizontal_scroll()
    # Every call's status stays on screen (not clipped in a sideways-scrolling table).
    for element in shown.page.locator("article .konkursi-status:visible").all():
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_print_shows_the_list_without_controls(demo, visit):
    page = visit(demo, "konkursi/").page
    page.emulate_media(media="print")
    assert not page.locator("#konkursi-filters").is_visible()
    assert not page.locator("nav.md-nav--primary").is_visible()
    assert shown_calls(page) == ALL_CALLS_BY_STATUS
    assert page.locator("article .konkursi-status:visible").count() == len(ALL_CALLS_BY_DEADLINE)
    assert page.pdf(format="A4")[:4] == b"%PDF"


CEDILLAS = "ĶĻŅĢķļņ"


@pytest.mark.parametrize("width", [360, 1280])
def test_underlines_run_below_the_cedillas(demo, visit, width):
    # "Ķekavas" must not read "Kekavas": every underline starts below the deepest cedilla of its font.
    checked = 0
    for path in ["", "konkursi/", "pasvaldibas/", "kontakti/", "atvertie-dati/", PAGES["call"],
                 "informacija-medijiem/2020-pavasaris/keguma-novads/"]:
        page = visit(demo, path, width=width, height=800).page
        page.evaluate("document.querySelectorAll('article details').forEach(fold => { fold.open = true; })")
        for underline in page.evaluate(UNDERLINES, CEDILLAS):
            assert underline["offset"] != "auto" and underline["offset"] >= underline["depth"], (path, underline)
            assert underline["skipInk"] == "auto", (path, underline)
            checked += 1
    assert checked > 100


def test_the_underline_of_a_link_with_a_cedilla_leaves_it_whole(demo, visit):
    # What a reader sees: the rows of the letters' ink end above the first row of the underline's.
    page = visit(demo, "pasvaldibas/", width=1280, height=800).page
    link = page.locator("article a", has_text="Ķeguma novads").first
    link.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")  # mid-screen, clear of the fixed header
    box = link.bounding_box()
    clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"] + 10}
    link.evaluate("a => { a.style.textDecorationLine = 'none'; }")
    letters = page.evaluate(INK_ROWS, base64.b64encode(page.screenshot(clip=clip)).decode())
    link.evaluate("a => { a.style.textDecorationLine = ''; a.style.color = 'transparent'; a.style.textDecorationColor = '#000'; }")
    underline = page.evaluate(INK_ROWS, base64.b64encode(page.screenshot(clip=clip)).decode())
    assert letters and underline
    assert max(letters) < min(underline), f"the underline (rows {underline}) crosses the letters (down to row {max(letters)})"


FOCUSABLE = ", ".join(f"article {kind}" for kind in ("a[href]", "button", "select", "input", "textarea", "[tabindex]:not([tabindex='-1'])"))
FOCUS_LOOK = """element => {
  const s = getComputedStyle(element);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.borderColor].join("|");
}"""


def test_keyboard_reaches_every_control_and_shows_focus(demo, visit):
    page = visit(demo, "konkursi/").page
    controls = page.locator(FOCUSABLE)
    wanted = controls.count()
    assert wanted >= 20
    reached = set()
    for _ in range(wanted + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        inside = page.evaluate("e => e.closest('article') !== null", focused)
        if not inside:
            continue
        key = page.evaluate("e => e.outerHTML", focused)
        focused_look = page.evaluate(FOCUS_LOOK, focused)
        page.evaluate("e => e.blur()", focused)
        assert page.evaluate(FOCUS_LOOK, focused) != focused_look, f"no visible focus on {key[:80]}"
        page.evaluate("e => e.focus({focusVisible: true})", focused)
        reached.add(page.evaluate("e => [...document.querySelectorAll('article *')].indexOf(e)", focused))
        if len(reached) == wanted:
            break
    assert len(reached) == wanted


# Search ---------------------------------------------------------------------------------------------

def test_search_counts_read_right_in_latvian(demo, visit):
    """The search page's count agrees with its number as Latvian wants (1, 21, 31 … singular; 11 plural) and counts
    every result it lists (tests/test_search_browser.py searches the national project)."""
    counts = set()
    for query in ("licence", "eiro", "kontaktpersona", "ilze"):
        page = visit(demo, "meklet/?q=" + query).page
        message = page.locator("#konkursi-search-message")
        playwright_api.expect(message).to_have_text(re.compile(r"^Atrast"))
        n = int(message.inner_text().split()[1])
        one = n % 10 == 1 and n % 100 != 11
        assert message.inner_text() == (f"Atrasts {n} rezultāts." if one else f"Atrasti {n} rezultāti."), query
        playwright_api.expect(page.locator("#konkursi-search-results li")).to_have_count(min(n, 10))  # ten at a time
        more = page.get_by_role("button", name="Rādīt vēl rezultātus")
        while more.is_visible():
            shown = page.locator("#konkursi-search-results li").count()
            more.click()
            page.wait_for_function(f"document.querySelectorAll('#konkursi-search-results li').length > {shown}")
            page.wait_for_timeout(50)
        playwright_api.expect(page.locator("#konkursi-search-results li")).to_have_count(n)
        counts.add(n % 10 == 1 and n % 100 != 11)
    assert counts == {True, False}  # both forms were read
    page = visit(demo, "meklet/?q=zzzz").page
    playwright_api.expect(page.locator("#konkursi-search-message")).to_have_text(re.compile("^Nekas netika atrasts"))


def test_contacts_download_as_csv(demo, visit):
    page = visit(demo, "kontakti/").page
    with page.expect_download() as download:
        page.get_by_role("link", name="Lejupielādēt visas kontaktpersonas CSV failā").click()
    assert download.value.suggested_filename == "kontakti.csv"
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0] == "Plānošanas reģions,Pašvaldība,Kontaktpersona,Amats,E-pasts,Tālrunis"
    assert len(text.splitlines()) - 1 == page.locator("article a[href^='mailto:']").count() - 1  # less the media contact


FOCUS_ON_SCREEN = """() => {
  const r = document.activeElement.getBoundingClientRect();
  return r.width > 0 && Math.min(r.right, innerWidth) - Math.max(r.left, 0) >= r.width / 2;
}"""


def test_keyboard_at_360_px_focuses_only_what_is_on_screen_and_opens_the_menu(demo, visit):
    page = visit(demo, "konkursi/", width=360, height=740).page
    for _ in range(50):
        page.keyboard.press("Tab")
        try:  # give the theme's slide-in animations (search) time to finish
            page.wait_for_function(FOCUS_ON_SCREEN, timeout=1000)
        except playwright_api.TimeoutError:
            pytest.fail("focus off screen: " + page.evaluate("document.activeElement.outerHTML.slice(0, 100)"))
    menu = page.get_by_role("button", name="Izvēlne")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    nav_link = page.locator("nav.md-nav--primary").get_by_role("link", name="Kontaktpersonas")
    nav_link.wait_for(state="visible")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Kontaktpersonas":
            break
    else:
        pytest.fail("the navigation's links cannot be reached with Tab once the menu is open")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kontakti/")


def test_the_menu_left_open_is_closed_on_coming_back(demo, visit):
    # The theme's menu is a checkbox, which the browser restores checked on "back"; its autocomplete="off"
    # against that is invalid HTML and taken out (theme/hooks/material_markup.py), konkursi.js closes it.
    page = visit(demo, "konkursi/", width=360, height=740).page
    menu = page.get_by_role("button", name="Izvēlne")
    menu.click()
    assert page.locator("#__drawer").is_checked()
    page.goto(demo + "kontakti/")
    page.go_back()
    page.wait_for_load_state("load")
    playwright_api.expect(page.locator("#__drawer")).not_to_be_checked()
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.locator("nav.md-nav--primary").get_by_role("link", name="Kontaktpersonas").is_visible()


# EU visibility (issue 16, item 7) ------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(360, 640), (1280, 800)])
@pytest.mark.parametrize("path", ["", "konkursi/2020-pavasaris/cesu-novads/", "kontakti/"])
def test_the_eu_emblem_and_the_fund_are_seen_on_landing_without_scrolling(demo, visit, width, height, path):
    page = visit(demo, path, width=width, height=height).page
    emblem = page.locator(".konkursi-eu img.konkursi-eu__emblem")
    box = emblem.bounding_box()
    assert emblem.get_attribute("alt") == "Eiropas Savienības karogs"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width
    for words in ("Eiropas Savienība", "Eiropas Sociālais fonds"):
        text = page.get_by_text(words, exact=True).first
        assert text.is_visible()
        shown = text.bounding_box()
        assert shown["y"] + shown["height"] <= height
        style = text.evaluate("e => [getComputedStyle(e).fontStyle, getComputedStyle(e).textDecorationLine]")
        assert style == ["normal", "none"], words
    logos = [item.bounding_box() for item in page.locator(".md-header .md-logo img, .md-header .md-logo svg").all()]
    assert all(box["height"] >= logo["height"] for logo in logos if logo)
    # The programme's further logos (programme.yml "logos"): seen on landing, described, never taller than the emblem.
    others = page.locator(".konkursi-eu img.konkursi-eu__logo").all()
    assert [logo.get_attribute("alt") for logo in others] == ["PuMPuRS (piemēra logotips)"]
    for logo in others:
        shown = logo.bounding_box()
        assert logo.evaluate("e => e.complete && e.naturalWidth > 0")
        assert 0 < shown["height"] <= box["height"] and shown["y"] + shown["height"] <= height and shown["x"] + shown["width"] <= width
