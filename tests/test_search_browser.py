"""Search as visitors type it, in headless Chromium: the national project (all 119 municipalities of 2009–2021,
tests/national.py) and the example. The search page (/meklet/, assets/javascripts/meklet.js) asks the site's
Pagefind index; each query below is typed as people in Latvia type (without diacritics, in a case form, in
capitals) and the page it should find must come within the rank given."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright import sync_api as playwright_api

from browser_helpers import build_live_example, open_visit, serve

QUERIES = [
    # (typed, expected page, at worst at this rank)
    ("jekabpils", "/pasvaldibas/jekabpils/", 1),
    ("Jēkabpilī", "/pasvaldibas/jekabpils/", 1),
    ("jekabpils novads", "/pasvaldibas/jekabpils-novads/", 1),
    ("Jēkabpils novadā", "/pasvaldibas/jekabpils-novads/", 1),
    ("rezeknes novada", "/pasvaldibas/rezeknes-novads/", 1),
    ("Rēzeknes novadā", "/pasvaldibas/rezeknes-novads/", 1),
    ("rezekne", "/pasvaldibas/rezekne/", 1),
    ("kekavas", "/pasvaldibas/kekavas-novads/", 1),
    ("ķekava", "/pasvaldibas/kekavas-novads/", 1),
    ("riga", "/pasvaldibas/riga/", 1),
    ("Rīgā", "/pasvaldibas/riga/", 1),
    ("Liepaja", "/pasvaldibas/liepaja/", 1),
    ("liepājā", "/pasvaldibas/liepaja/", 1),
    ("cesu", "/pasvaldibas/cesu-novads/", 1),
    ("Cēsīs", "/pasvaldibas/cesu-novads/", 1),
    ("cesis", "/pasvaldibas/cesu-novads/", 1),
    ("OGRE", "/pasvaldibas/ogres-novads/", 1),
    ("talsos", "/pasvaldibas/talsu-novads/", 1),
    ("adazi", "/pasvaldibas/adazu-novads/", 1),
    ("jurmala", "/pasvaldibas/jurmala/", 1),
    ("aluksne", "/pasvaldibas/aluksnes-novads/", 1),
    ("Madonā", "/pasvaldibas/madonas-novads/", 1),
    ("daugavpils novadā", "/pasvaldibas/daugavpils-novads/", 1),
    ("ventspils", "/pasvaldibas/ventspils/", 1),
    ("siguldas konkurss", "/konkursi/2020-pavasaris/siguldas-novads/", 1),
    ("cesu konkurss", "/konkursi/2020-pavasaris/cesu-novads/", 1),
    ("2020. gada pavasaris", "/kartas/2020-pavasaris/", 1),
    ("pavasarī", "/kartas/2020-pavasaris/", 1),
    ("kontaktpersonas", "/kontakti/", 1),
    ("ka pieteikties", "/ka-pieteikties/", 1),
]


@pytest.fixture(scope="module")
def national(national_site):
    """Base URL of the national project (tests/national.py) built with "now" fixed at 2020-04-20 12:00."""
    with serve(national_site) as base:
        yield base


def results(page) -> list[str]:
    """The URL paths of the results listed, in order, once the page has answered."""
    playwright_api.expect(page.locator("#konkursi-search-message")).not_to_have_text("")
    page.wait_for_function("""() => { const n = document.querySelectorAll('#konkursi-search-results li').length;
        return n > 0 || document.getElementById('konkursi-search-message').textContent.startsWith('Nekas'); }""")
    return [urlsplit(href).path for href in
            page.eval_on_selector_all("#konkursi-search-results li > a", "links => links.map(a => a.href)")]


@pytest.mark.parametrize("typed, expected, rank", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_a_query_typed_as_people_type_finds_its_page(national, visit, typed, expected, rank):
    page = visit(national, "meklet/?q=" + quote(typed)).page
    found = results(page)
    assert expected in found[:rank], f"{typed!r}: {expected} not in the first {rank}: {found[:5]}"


def test_a_rules_document_title_finds_the_calls_that_have_it(national, visit):
    page = visit(national, "meklet/?q=nolikums").page
    found = results(page)
    assert found[0].startswith("/konkursi/2020-pavasaris/")
    text = page.locator("#konkursi-search-message").inner_text()
    assert re.fullmatch(r"Atrast(s|i) \d+ rezultāt(s|i)\.", text) and int(text.split()[1]) >= 119  # every call has a "…nolikums"


def test_a_call_result_shows_status_municipality_region_round_and_deadline(national, visit):
    page = visit(national, "meklet/?q=" + quote("siguldas konkurss")).page
    results(page)
    first = page.locator("#konkursi-search-results li").first
    assert first.locator("a").inner_text() == "Siguldas novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    facts = first.locator(".konkursi-result__facts").inner_text().replace("\u00a0", " ")
    call = visit(national, "konkursi/2020-pavasaris/siguldas-novads/").page
    status = call.locator("article .konkursi-status").first.inner_text()  # "Atvērts, drīz beigsies" too
    deadline = call.locator("article p").filter(has=call.locator(".konkursi-status")).first.inner_text()
    assert facts.startswith(f"Konkurss · {status} · Siguldas novads (Rīgas plānošanas reģions) · 3. kārta: 2020. gada pavasaris"
                            " · pieteikšanās ")
    said = facts.split(" · pieteikšanās ")[1]
    assert said.split(" plkst.")[0] in deadline  # the same words as the call page ("līdz 2020. gada …" / "beidzās …")


def test_a_call_closing_soon_says_so_in_the_results_as_on_its_page(national, visit):
    calls = visit(national, "konkursi/").page
    soon = calls.locator("article .konkursi-status--soon").first
    name = soon.get_attribute("data-municipality")
    text = soon.inner_text()
    assert text == "Atvērts, drīz beigsies"
    title = soon.evaluate("badge => badge.closest('tr').cells[0].innerText.trim()")  # the municipality's name
    page = visit(national, "meklet/?q=" + quote(title)).page
    found = results(page)
    at = found.index(f"/konkursi/2020-pavasaris/{name}/")
    assert page.locator("#konkursi-search-results li").nth(at).locator(".konkursi-status").inner_text() == text


def test_a_round_result_gives_its_period(national, visit):
    page = visit(national, "meklet/?q=" + quote("2020. gada pavasaris")).page
    results(page)
    facts = page.locator("#konkursi-search-results li").first.locator(".konkursi-result__facts").inner_text()
    assert facts.replace("\u00a0", " ") == "Kārta · no 2020. gada 1. februāra līdz 2020. gada 30. jūnijam"


def test_a_word_no_page_has_finds_nothing_even_with_a_status_or_region_chosen(national, visit):
    for query in ("zzzz&statuss=open", "zzzz&regions=latgale"):
        page = visit(national, "meklet/?q=" + query).page
        message = page.locator("#konkursi-search-message")
        playwright_api.expect(message).to_have_text(re.compile("^Nekas netika atrasts"))
        assert message.inner_text().endswith("Varat arī mainīt izvēlēto statusu vai reģionu."), query
    page = visit(national, "meklet/?q=ogre&statuss=closed").page  # Ogre's call is open: narrowed away
    playwright_api.expect(page.locator("#konkursi-search-message")).to_have_text(re.compile("^Nekas netika atrasts"))


def test_a_region_alone_lists_its_calls_in_the_order_of_the_list_of_all_calls(national, visit):
    calls = visit(national, "konkursi/").page
    expected = calls.evaluate("""() => [...document.querySelectorAll('article .konkursi-status[data-region="latgale"]')]
        .map(b => b.getAttribute('data-municipality'))""")
    page = visit(national, "meklet/?regions=latgale").page
    found = results(page)
    more = page.get_by_role("button", name="Rādīt vēl rezultātus")
    while more.is_visible():
        shown = len(found)
        more.click()
        page.wait_for_function(f"document.querySelectorAll('#konkursi-search-results li').length > {shown}")
        found = results(page)
    assert [path.strip("/").split("/")[-1] for path in found] == expected and len(expected) == 21
    assert page.locator("#konkursi-search-message").inner_text() == "Atrasts 21 rezultāts."


def test_filters_narrow_to_open_calls_of_a_region_and_stay_in_the_address(national, visit):
    calls = visit(national, "konkursi/").page
    expected = calls.evaluate("""() => [...document.querySelectorAll('article .konkursi-status[data-region="latgale"][data-status="open"]')]
        .map(b => b.closest('tr').querySelector('a').getAttribute('href').replace(/^(\\.\\.\\/)+/, ''))""")
    assert expected
    page = visit(national, "meklet/").page
    page.get_by_label("Statuss").select_option(label="Atvērti")
    page.get_by_label("Reģions").select_option(label="Latgales plānošanas reģions")
    found = results(page)
    assert sorted(path.strip("/").split("/")[-1] for path in found) == sorted(p.strip("/").split("/")[-1] for p in expected)
    assert all(badge == "Atvērts" or badge.startswith("Atvērts") for badge in
               page.locator("#konkursi-search-results .konkursi-status").all_inner_texts())
    assert parse_qs(urlsplit(page.url).query) == {"statuss": ["open"], "regions": ["latgale"]}
    # a linked search opens the same results
    again = visit(national, "meklet/?" + urlsplit(page.url).query).page
    assert results(again) == found and again.get_by_label("Reģions").input_value() == "latgale"


def test_typing_searches_and_writes_the_query_into_the_address_and_announces_the_count(national, visit):
    page = visit(national, "meklet/").page
    box = page.get_by_label("Ko meklējat?")
    assert page.evaluate("document.activeElement.id") == "konkursi-search-q"  # the field has focus, ready to type
    box.press_sequentially("ogre", delay=30)
    found = results(page)
    assert found[0] == "/pasvaldibas/ogres-novads/"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ogre"]}
    message = page.locator("#konkursi-search-message")
    assert message.get_attribute("role") == "status"  # read out by screen readers when it changes
    n = len(page.locator("#konkursi-search-results li").all())
    assert message.inner_text() == f"Atrasti {n} rezultāti." if n % 10 != 1 or n % 100 == 11 else f"Atrasts {n} rezultāts."
    box.fill("zzqx")
    box.press("Enter")
    playwright_api.expect(message).to_have_text(re.compile("^Nekas netika atrasts"))
    assert page.locator("#konkursi-search-results").is_hidden()


def test_more_results_come_on_request_and_focus_moves_to_the_first_new_one(national, visit):
    page = visit(national, "meklet/?q=riga").page
    first = results(page)
    assert len(first) == 10
    more = page.get_by_role("button", name="Rādīt vēl rezultātus")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#konkursi-search-results li').length > 10")
    assert page.evaluate("document.activeElement.href") == page.locator("#konkursi-search-results li > a").nth(10).evaluate("a => a.href")


def test_the_header_box_leads_to_the_results_and_on_a_phone_its_button_opens_the_search_page(national, visit):
    home = visit(national).page
    home.get_by_label("Meklēt vietnē").fill("Rēzeknes novadā")
    home.get_by_label("Meklēt vietnē").press("Enter")
    home.wait_for_url(re.compile(r"/meklet/\?q="))
    assert results(home)[0] == "/pasvaldibas/rezeknes-novads/"
    assert home.get_by_label("Ko meklējat?").input_value() == "Rēzeknes novadā"

    phone = visit(national, width=360, height=740).page
    assert phone.get_by_label("Meklēt vietnē").is_hidden()
    phone.locator("header").get_by_role("button", name="Meklēt").click()
    phone.wait_for_url(re.compile(r"/meklet/"))
    assert phone.evaluate("document.activeElement.id") == "konkursi-search-q"


@pytest.mark.parametrize("width", [360, 1280])
def test_the_search_page_with_results_is_accessible_and_asks_no_other_host(national, visit, width):
    opened = visit(national, "meklet/?q=riga&statuss=closed", width=width)
    results(opened.page)
    assert opened.axe_violations() == []
    assert opened.foreign_requests() == []
    assert opened.console_errors == []
    assert not opened.has_horizontal_scroll()


def test_the_first_search_downloads_only_part_of_the_index(national, visit):
    opened = visit(national, "meklet/")
    sizes = {}
    opened.page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    opened.page.get_by_label("Ko meklējat?").fill("jekabpils")
    results(opened.page)
    searched = {url: size for url, size in sizes.items() if "/pagefind/" in url}
    index_files = sum(1 for _ in (urlsplit(url).path for url in searched) if "/index/" in _)
    assert 1 <= index_files and sum(searched.values()) < 200_000, searched


def test_a_search_page_open_while_the_site_is_published_anew_asks_for_a_reload(national, visit):
    opened = visit(national, "meklet/")
    opened.page.route("**/pagefind/fragment/**", lambda route: route.fulfill(status=404))  # the old index's files, gone
    opened.page.get_by_label("Ko meklējat?").fill("riga")
    message = opened.page.locator("#konkursi-search-message")
    playwright_api.expect(message).to_have_text("Vietne tikko atjaunināta. Pārlādējiet lapu, lai meklētu vēlreiz.")
    assert opened.page.locator("#konkursi-search-results").is_hidden()
    assert message.get_by_role("link").get_attribute("href").endswith("/meklet/?q=riga")


def test_the_header_box_on_the_search_page_holds_the_query_searched(national, visit):
    page = visit(national, "meklet/?q=ogre").page
    results(page)
    assert page.locator("#konkursi-search-box-q").input_value() == "ogre"
    page.get_by_label("Ko meklējat?").fill("talsos")
    page.get_by_label("Ko meklējat?").press("Enter")
    playwright_api.expect(page.locator("#konkursi-search-box-q")).to_have_value("talsos")


def test_without_script_the_search_page_points_to_the_lists(national, visit):
    page = visit(national, "meklet/?q=riga", javascript=False).page
    text = page.locator("article").inner_text()
    assert "Meklēšanai pārlūkā jābūt ieslēgtam JavaScript" in text
    page.locator("article").get_by_role("link", name="Visi konkursi").click()
    page.wait_for_url(national + "konkursi/")
    assert page.locator("h1").inner_text() == "Visi konkursi"


def test_when_the_index_cannot_load_the_page_says_so_and_links_the_list(national, visit):
    opened = visit(national, "meklet/")
    opened.page.route("**/pagefind/**", lambda route: route.abort())
    opened.page.get_by_label("Ko meklējat?").fill("riga")
    message = opened.page.locator("#konkursi-search-message")
    playwright_api.expect(message).to_have_text("Meklēšana pašlaik nav pieejama. Konkursus var atrast sarakstā „Visi konkursi”.")
    message.get_by_role("link", name="Visi konkursi").click()
    opened.page.wait_for_url(national + "konkursi/")


def test_a_result_shows_the_status_now_not_as_built(tmp_path_factory, browser):
    """A live site (no fixed "now") built before a deadline: a visitor after it sees the call closed in the results too."""
    site = build_live_example(tmp_path_factory.mktemp("live-search"), "2020-04-20T12:00:00+03:00")
    with serve(site) as base:
        visit = open_visit(browser, base, "meklet/?q=" + quote("Cēsu konkurss"), clock_at="2020-05-04T12:00:00+03:00")
        try:
            assert results(visit.page)[0] == "/konkursi/2020-pavasaris/cesu-novads/"
            facts = visit.page.locator("#konkursi-search-results li").first.locator(".konkursi-result__facts").inner_text()
            facts = facts.replace("\u00a0", " ")
            assert facts.startswith("Konkurss · Noslēgts · Cēsu novads") and "pieteikšanās beidzās 2020. gada 30. aprīlī" in facts
        finally:
            visit.page.context.close()


def test_record_text_shows_in_results_exactly_as_written_and_a_bar_in_a_name_is_one_name(mini, browser):
    """Text that looks like an entity stays as written in a result's passage; a "|" in a name does not split it into
    names that a query could match first."""
    import json as json_

    from _search_helpers import indexed_pages
    from conftest import MUNICIPALITY, run_konkursi

    mini.write("municipalities/cesu-novads.yml", MUNICIPALITY.replace("name: Cēsu novads", 'name: "Cēsu novads|Viltus"')
               .replace("    phone:", '    role: "Zzamats &lt;b&gt; &amp;lt; <i>"\n    phone:'))
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    site = mini.root / "site"
    assert json_.loads(indexed_pages(site)["/pasvaldibas/cesu-novads/"]["meta"]["names"])[0] == "Cēsu novads|Viltus"
    with serve(site) as base:
        visit = open_visit(browser, base, "meklet/?q=zzamats")
        try:
            found = results(visit.page)
            at = found.index("/kontakti/")
            passage = visit.page.locator("#konkursi-search-results li").nth(at).locator(".konkursi-result__excerpt")
            assert "Zzamats &lt;b&gt; &amp;lt; <i>" in passage.inner_text()
            assert passage.locator("mark").first.inner_text() == "Zzamats"
            assert visit.console_errors == []
        finally:
            visit.page.context.close()
