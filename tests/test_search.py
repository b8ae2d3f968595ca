"""The site's search index (Pagefind, src/konkursi/outputs/search.py), read back from the built example: what it
holds of each page, what a result shows and what it can be narrowed by. The browser tests
(tests/test_search_browser.py) search it as visitors do."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from _search_helpers import indexed_pages, words
from konkursi.lv import name_cases

CALL = "/konkursi/2020-pavasaris/cesu-novads/"


def test_every_call_municipality_and_round_is_indexed_once_and_the_search_page_is_not(example_site):
    pages = indexed_pages(example_site)
    calls = sorted(url for url in pages if url.startswith("/konkursi/2020-pavasaris/"))
    assert len(calls) == 13
    assert {"/pasvaldibas/cesu-novads/", "/kartas/2020-pavasaris/", "/kontakti/", "/ka-pieteikties/", "/"} <= set(pages)
    # the search page itself, the 404 page and a call's press release (it repeats its call page) stay out
    assert not [url for url in pages if url.startswith(("/meklet/", "/404"))]
    assert not [url for url in pages if url.startswith("/informacija-medijiem/2020-pavasaris/cesu-novads/")]
    assert "/informacija-medijiem/2020-pavasaris/" in pages  # the round's release is findable


def test_a_call_result_carries_municipality_round_region_status_and_deadline(example_site):
    call = indexed_pages(example_site)[CALL]
    assert call["meta"]["title"] == "Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    assert call["meta"]["kind"] == "call" and call["filters"] == {}  # Pagefind's filters would make builds differ
    assert call["meta"]["municipality"] == "Cēsu novads"
    assert call["meta"]["region"] == "Vidzemes plānošanas reģions" and "konkursi_regions_vidzeme" in words(call)
    assert call["meta"]["round"] == "3. kārta: 2020. gada pavasaris"
    assert call["meta"]["opens"] == "2020-03-02T09:00:00+02:00" and call["meta"]["closes"] == "2020-04-30T17:00:00+03:00"
    # the deadline in the words each status takes, as the call page says it
    assert call["meta"]["when_open"] == "līdz 2020. gada 30. aprīlim plkst. 17.00"
    assert call["meta"]["when_closed"] == "beidzās 2020. gada 30. aprīlī plkst. 17.00"
    assert call["meta"]["when_upcoming"] == "no 2020. gada 2. marta plkst. 9.00 līdz 2020. gada 30. aprīlim plkst. 17.00"
    page = BeautifulSoup((example_site / "konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    badge = page.select_one("article .konkursi-status")
    # the status as of the build ("now" is fixed), a word the search page adds to narrow a query
    assert badge["data-status"] == "open" and "konkursi_statuss_open" in words(call)


def test_status_words_agree_with_the_pages(example_site):
    pages = indexed_pages(example_site)
    statuses = {url: [word.rsplit("_", 1)[1] for word in sorted(words(page)) if word.startswith("konkursi_statuss_")]
                for url, page in pages.items()}
    statuses = {url: found for url, found in statuses.items() if found}
    assert len(statuses) == 13 and all(len(found) == 1 for found in statuses.values())
    for url, (status,) in statuses.items():
        html = (example_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert BeautifulSoup(html, "html.parser").select_one("article .konkursi-status")["data-status"] == status, url
    assert sorted({status for (status,) in statuses.values()}) == ["closed", "open", "upcoming"]


def test_a_call_is_found_by_its_documents_and_the_case_forms_of_its_names_not_by_what_every_call_repeats(example_site):
    content = indexed_pages(example_site)[CALL]["content"]
    assert "Konkursa nolikums (piemērs)" in content  # document titles
    assert "Cēsu novada, Cēsu novadā." in content and "2020. gada pavasarī" in content  # case forms konkursi writes
    assert "\\" not in content  # no Markdown escapes in what the index holds
    # the programme's words every call page repeats stay on the page, out of the index
    assert "Kas var pieteikties" not in content and "sadarbībā ar jauniešu iniciatīvu grupām" not in content
    assert "izsludina atklātu projektu konkursu" not in content
    html = (example_site / "konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8")
    assert "sadarbībā ar jauniešu iniciatīvu grupām" in html and "izsludina atklātu projektu konkursu" in html


def test_a_municipality_and_a_round_carry_their_names_in_every_case_form(example_site):
    pages = indexed_pages(example_site)
    municipality = pages["/pasvaldibas/rezeknes-novads/"]
    assert municipality["meta"]["kind"] == "municipality" and "konkursi_regions_latgale" in words(municipality)
    assert json.loads(municipality["meta"]["names"]) == ["Rēzeknes novads", "Rēzeknes novada", "Rēzeknes novadā"]
    round_ = pages["/kartas/2020-pavasaris/"]
    assert json.loads(round_["meta"]["names"]) == ["2020. gada pavasaris", "2020. gada pavasarī"]


def test_the_header_leads_every_page_to_the_search_page_with_the_query_in_its_address(example_site):
    for path in ("index.html", "konkursi/2020-pavasaris/cesu-novads/index.html", "404.html"):
        page = BeautifulSoup((example_site / path).read_text(encoding="utf-8"), "html.parser")
        form = page.select_one("header form[role=search]")
        assert form is not None and form["method"] == "get", path
        assert form.select_one("input[type=search]")["name"] == "q"
        assert form["action"].rstrip("/").endswith("meklet") or form["action"].endswith("meklet/"), path
        assert page.select_one(f'label[for="{form.select_one("input")["id"]}"]').get_text(strip=True) == "Meklēt vietnē"
    assert not (example_site / "search").exists()  # the theme's own search (a whole-site index) is gone


def test_only_the_parts_of_pagefind_the_search_page_uses_are_published(example_site):
    folder = example_site / "pagefind"
    assert (folder / "pagefind.js").is_file() and list(folder.glob("*.pf_meta")) and list((folder / "index").iterdir())
    assert not list(folder.glob("pagefind-*ui*")) and not (folder / "pagefind-highlight.js").exists()
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["lv"]


def test_name_cases_decline_the_last_word_only_and_guess_nothing():
    assert name_cases("Rēzeknes novads") == {"genitive": "Rēzeknes novada", "dative": "Rēzeknes novadam",
                                             "locative": "Rēzeknes novadā"}
    assert name_cases("Rīga")["locative"] == "Rīgā" and name_cases("Rēzekne")["locative"] == "Rēzeknē"
    assert name_cases("Jēkabpils")["locative"] == "Jēkabpilī" and name_cases("Jēkabpils")["genitive"] == "Jēkabpils"
    assert name_cases("Talsi")["locative"] == "Talsos" and name_cases("Tukums")["genitive"] == "Tukuma"
    assert name_cases("Rīgas valstspilsēta")["locative"] == "Rīgas valstspilsētā"
    for unknown in ("Cēsis", "Saldus", "X", "Ogres novads 😀", ""):  # no rule for the ending: no guess
        assert name_cases(unknown) == {}, unknown


def test_the_index_is_made_where_an_event_loop_already_runs(example_site, tmp_path):
    """A build driven from async code (a notebook, a server, Playwright in the tests) still gets its search index."""
    import asyncio
    import shutil
    import threading

    from konkursi.outputs.search import index_site

    site = tmp_path / "site"
    shutil.copytree(example_site, site, ignore=shutil.ignore_patterns("pagefind"))

    async def inside_a_loop():
        return index_site(site)

    # In a thread of its own: this one may run Playwright's loop already (the browser tests).
    worker = threading.Thread(target=lambda: asyncio.run(inside_a_loop()))
    worker.start()
    worker.join()
    assert indexed_pages(site) == indexed_pages(example_site) and len(indexed_pages(site)) > 40


def _built_copy(example_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    return site


def test_an_index_cut_short_is_refused_and_the_last_one_stays(example_site, tmp_path, monkeypatch):
    """A full disk leaves Pagefind's files empty or cut short, and Pagefind says nothing: konkursi looks."""
    from konkursi.outputs import search

    site = _built_copy(example_site, tmp_path)
    before = {path: path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file()}
    real = search._index

    async def cut_short(site_dir, output):
        await real(site_dir, output)
        fragment = sorted((output / "fragment").iterdir())[0]
        fragment.write_bytes(fragment.read_bytes()[:20])

    monkeypatch.setattr(search, "_index", cut_short)
    with pytest.raises(search.SearchIndexError, match=r"fails pagefind/fragment/.* ir bojāts; vietne netika mainīta"):
        search.index_site(site)
    assert {path: path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file()} == before
    assert not (site / ".pagefind-new").exists()


def test_a_pagefind_that_hangs_or_dies_stops_the_build_in_latvian_and_the_site_stays(tmp_path):
    import hashlib
    import os

    from conftest import copy_project, run_konkursi

    root = copy_project(tmp_path / "projekts")
    assert run_konkursi("build", cwd=root).returncode == 0
    home = root / "site" / "index.html"
    before = hashlib.md5(home.read_bytes()).hexdigest()
    for name, script in (("hangs", "#!/bin/sh\nexec sleep 600\n"), ("garbage", "#!/bin/sh\nprintf 'garbage,'\nexec sleep 600\n"),
                         ("dies", "#!/bin/sh\necho boom >&2\nexit 3\n")):
        binary = tmp_path / name
        binary.write_text(script, encoding="utf-8")
        binary.chmod(0o755)
        done = run_konkursi("build", cwd=root, env={**os.environ, "PAGEFIND_BINARY_PATH": str(binary),
                                                     "KONKURSI_SEARCH_TIMEOUT": "3"})
        assert done.returncode == 1, (name, done.stderr)
        assert "meklēšanas indeksu neizdevās izveidot (Pagefind)" in done.stderr, (name, done.stderr)
        assert "Traceback" not in done.stderr and "Task exception" not in done.stderr, (name, done.stderr)
        assert hashlib.md5(home.read_bytes()).hexdigest() == before
    assert not list(root.glob(".site.new-*")) and not list(root.glob("site.new*"))


def test_a_record_may_not_write_the_words_the_search_narrows_by(mini):
    """A note saying "konkursi_statuss_open" would list a closed call among the open ones: refused, in Latvian."""
    from conftest import CALL, run_konkursi

    mini.write("calls/2020-pavasaris/cesu-novads.yml", CALL + 'note: "Skatīt KONKURSI_STATUSS_OPEN un konkursi_regions_kurzeme"\n')
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert ('calls/2020-pavasaris/cesu-novads.yml' in done.stderr and 'laukā "note"' in done.stderr
            and "„KONKURSI_STATUSS_OPEN”: šādus vārdus vietnes meklēšana izmanto" in done.stderr), done.stderr


@pytest.mark.parametrize("where", ["paths", "content"])
def test_nothing_may_take_the_search_index_folder(mini, where):
    """A page at pagefind/ would be replaced by the index without a word: refused before anything is written."""
    from conftest import run_konkursi

    if where == "paths":
        config = mini.root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            '      now: "2020-04-20 12:00"', '      now: "2020-04-20 12:00"\n      paths: {search: "pagefind.md"}'), encoding="utf-8")
    else:
        mini.write("content/Pagefind/index.md", "# Mana lapa\n")
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1 and "ir mapē pagefind/, kur ir vietnes meklēšanas indekss" in done.stderr, done.stderr
    assert not (mini.root / "site").exists()
