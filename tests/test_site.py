"""The example site, built with mkdocs --strict and read back from its HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

OPEN_AT_DEMO = ["Rēzeknes novads", "Jelgavas novads", "Cēsu novads", "Krāslavas novads", "Kuldīgas novads", "Jēkabpils novads"]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    """The article's text as a reader hears it (no space the markup added before punctuation)."""
    return re.sub(r" ([.,;])", r"\1", " ".join(soup.find("article").get_text(" ").split()))


def section_rows(soup: BeautifulSoup, heading: str) -> list[list[str]]:
    h2 = soup.find("h2", string=heading)
    table = h2.find_next("table")
    return [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def home_tables(soup: BeautifulSoup, heading: str) -> dict[str, list[list[str]]]:
    """The tables of a home page section by region (the region's heading, or its fold's summary): rows of cell texts."""
    found = {}
    for sibling in soup.find("h2", string=heading).find_next_siblings():
        if sibling.name == "h2":
            break
        for element in [sibling] if sibling.name in ("h3", "details") else sibling.find_all(["h3", "details"], recursive=False):
            if element.name == "details":
                found[element.find("summary").get_text(" ", strip=True)] = table_rows(element.find("table"))
            else:  # a region's heading: its table follows, unless the region has no call in this section
                following = element.find_next_sibling()
                found[element.get_text()] = table_rows(following.find("table")) if following.find("table") else []
    return found


def table_rows(table) -> list[list[str]]:
    return [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def test_home_lists_open_calls_by_region_then_upcoming_ones_folded(example_site):
    home = page(example_site, "")
    regions = ["Kurzemes plānošanas reģions", "Latgales plānošanas reģions", "Rīgas plānošanas reģions",
               "Vidzemes plānošanas reģions", "Zemgales plānošanas reģions"]
    jump = home.find("nav", attrs={"aria-label": "Atvērtie konkursi pa reģioniem"})
    assert jump.get_text(" ", strip=True) == "Pāriet uz plānošanas reģionu: Kurzemes Latgales Rīgas Vidzemes Zemgales"
    assert [home.find(id=a["href"][1:]).get_text() for a in jump.find_all("a")] == regions
    open_now = home_tables(home, "Atvērtie konkursi")
    assert list(open_now) == regions
    assert {region: [row[0] for row in rows] for region, rows in open_now.items()} == {
        regions[0]: ["Kuldīgas novads"], regions[1]: ["Rēzeknes novads", "Krāslavas novads"], regions[2]: [],
        regions[3]: ["Cēsu novads"], regions[4]: ["Jelgavas novads", "Jēkabpils novads"]}
    assert sorted(row[0] for rows in open_now.values() for row in rows) == sorted(OPEN_AT_DEMO)
    rezekne = open_now[regions[1]][0]  # one round only: no round column
    assert rezekne == ["Rēzeknes novads", "līdz 2020. gada 24. aprīlim plkst. 17.00", "Atvērts, drīz beigsies"]
    assert open_now[regions[1]][1][2] == "Atvērts"
    riga = home.find(id="atverti-riga").find_next_sibling("p")
    assert riga.get_text() == "Šajā reģionā pašlaik pieteikšanās nav atvērta nevienā pašvaldībā." and not riga.has_attr("hidden")
    upcoming = home_tables(home, "Gaidāmie konkursi")
    assert {region: [row[0] for row in rows] for region, rows in upcoming.items()} == {
        "Kurzemes plānošanas reģions: 1 konkurss": ["Talsu novads"], "Rīgas plānošanas reģions: 1 konkurss": ["Ādažu novads"],
        "Vidzemes plānošanas reģions: 1 konkurss": ["Smiltenes novads"], "Zemgales plānošanas reģions: 1 konkurss": ["Bauskas novads"]}
    assert all(fold.name == "details" and not fold.has_attr("open") for fold in home.select("details[data-section]"))
    assert upcoming["Rīgas plānošanas reģions: 1 konkurss"][0][1] == (
        "no 2020. gada 27. aprīļa plkst. 9.00 līdz 2020. gada 29. maijam plkst. 17.00")
    assert "Statusi atbilst stāvoklim 2020. gada 20. aprīlī plkst. 12.00 (Rīgas laiks)." in text(home)


def test_call_page_has_dates_amount_how_to_apply_and_contact(example_site):
    call = page(example_site, "konkursi/2020-pavasaris/cesu-novads")
    body = text(call)
    assert call.find("h1").get_text() == "Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    for expected in ("Atvērts Pieteikšanās līdz 2020. gada 30. aprīlim plkst. 17.00.",
                     "Pieteikšanās sākums 2020. gada 2. marts plkst. 9.00",
                     "Finansējums vienam projektam 4600 eiro", "Pašvaldības kvota 3 projekti",
                     "Pa e-pastu: pieteikumi@cesu-novads.example",
                     "Konkursa nolikums (piemērs)", "Ilze Bērziņa (piemērs), jaunatnes lietu speciāliste",
                     "tālrunis: +371 20000003"):
        assert expected in body
    assert call.find("a", href="mailto:pieteikumi@cesu-novads.example")
    assert call.find("a", href="tel:+37120000003")
    deadline = call.find("time", datetime="2020-04-30T17:00:00+03:00")
    assert deadline is not None


def test_call_results_with_latvian_agreement(example_site):
    body = text(page(example_site, "konkursi/2020-pavasaris/saulkrastu-novads"))
    assert "Lēmums pieņemts 2020. gada 8. aprīlī. Saņemti 4 pieteikumi, atbalstīti 3 projekti." in body
    assert "RADĪT – MOTIVĒT – MĀCĪTIES" in body
    assert "2020. gada 15. augusts – 2021. gada 30. janvāris" in body


def test_round_pages_show_recorded_and_computed_totals(example_site):
    rounds = text(page(example_site, "kartas"))
    assert "36 pašvaldībās tika apstiprināti 78 projekti." in rounds
    assert "50 pašvaldībās tika apstiprināti 97 projekti." in rounds
    # 2020: computed from the recorded results of Saldus (6 of 11) and Saulkrasti (3 of 4).
    assert "2 pašvaldībās ir apstiprināti 9 projekti (saņemti 15 pieteikumi)." in rounds


def test_round_lists_its_calls_in_latvian_alphabetical_order(example_site):
    rows = section_rows(page(example_site, "kartas/2020-pavasaris"), "Pašvaldību konkursi")
    names = [row[0] for row in rows]
    assert names[:3] == ["Ādažu novads", "Bauskas novads", "Cēsu novads"]
    assert names.index("Jelgavas novads") < names.index("Jēkabpils novads")
    assert names.index("Kuldīgas novads") < names.index("Ķeguma novads") < names.index("Rēzeknes novads")
    assert len(names) == 13


def test_municipality_page_has_calls_and_contacts(example_site):
    body = text(page(example_site, "pasvaldibas/saldus-novads"))
    assert "Kurzemes plānošanas reģions" in body
    assert "3. kārta: 2020. gada pavasaris beidzās 2020. gada 13. martā plkst. 16.00 Noslēgts" in body
    assert "Zane Ābele (piemērs)" in body


def test_municipalities_grouped_by_region_in_latvian_order(example_site):
    soup = page(example_site, "pasvaldibas")
    regions = [h2.get_text() for h2 in soup.find("article").find_all("h2")]
    assert regions == ["Kurzemes plānošanas reģions", "Latgales plānošanas reģions", "Rīgas plānošanas reģions",
                       "Vidzemes plānošanas reģions", "Zemgales plānošanas reģions"]
    riga = soup.find("h2", string="Rīgas plānošanas reģions").find_next("ul")
    assert [a.get_text() for a in riga.find_all("a")] == ["Ādažu novads", "Ķeguma novads", "Saulkrastu novads"]
    jump = soup.find("nav", attrs={"aria-label": "Pašvaldības pa reģioniem"})
    assert [soup.find(id=a["href"][1:]).get_text() for a in jump.find_all("a")] == regions


def test_contacts_are_folded_by_region_with_links_to_each(example_site):
    soup = page(example_site, "kontakti")
    folds = soup.find("article").find_all("details")
    # the count and its word on one line ("3\u00a0pašvaldības"): a non-breaking space between them
    assert [fold.summary.get_text(strip=True).replace("\u00a0", " ") for fold in folds] == [
        "Kurzemes plānošanas reģions: 3 pašvaldības", "Latgales plānošanas reģions: 4 pašvaldības",
        "Rīgas plānošanas reģions: 3 pašvaldības", "Vidzemes plānošanas reģions: 2 pašvaldības",
        "Zemgales plānošanas reģions: 3 pašvaldības"]
    assert all("\u00a0pašvaldīb" in fold.summary.get_text() for fold in folds)
    assert all(fold.summary.find("h2") and not fold.has_attr("open") for fold in folds)
    jump = soup.find("nav", attrs={"aria-label": "Kontaktpersonas pa reģioniem"})
    assert [a.get_text() for a in jump.find_all("a")] == ["Kurzemes", "Latgales", "Rīgas", "Vidzemes", "Zemgales"]
    assert [soup.find(id=a["href"][1:]) for a in jump.find_all("a")] == folds
    riga = soup.find(id="regions-riga")
    assert [h3.get_text() for h3 in riga.find_all("h3")] == ["Ādažu novads", "Ķeguma novads", "Saulkrastu novads"]


def test_contacts_page_lists_every_municipality_and_the_national_contact(example_site):
    soup = page(example_site, "kontakti")
    assert len(soup.find("article").find_all("h3")) == 15
    assert "Ļubova Vasečko" in text(soup)
    assert soup.find("a", href="tel:+37128638431")


def test_every_page_is_latvian_and_carries_the_funding_statement(example_site):
    # The web editor (admin/) is a tool for staff, not a page of the site: tests/test_cms*.py check it.
    pages = sorted(page for page in example_site.rglob("*.html") if not page.relative_to(example_site).as_posix().startswith("admin/"))
    assert len(pages) > 30
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "lv", html
        note = soup.find(class_="konkursi-funding")
        assert note and "Nr. 8.3.4.0/16/I/001" in note.get_text(), html


def test_no_request_to_any_third_party_host(example_site):
    for path in example_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        soup_text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            soup = BeautifulSoup(soup_text, "html.parser")
            loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "source"])]
            loaded += [tag.get("href") for tag in soup.find_all("link") if "alternate" not in (tag.get("rel") or [])
                       and "canonical" not in (tag.get("rel") or [])]
            external = [u for u in loaded if u and urlsplit(u).netloc]
            assert external == [], path
        else:
            assert not re.search(r"fonts\.(googleapis|gstatic)\.com", soup_text), path


def nav_pages(site: Path, path: str = "") -> set[str]:
    links = page(site, path).select("nav.md-nav--primary a.md-nav__link")
    return {a.get("href") for a in links if not (a.get("href") or "#").startswith("#")}


def test_calls_stay_out_of_the_navigation(example_site, mini, tmp_path):
    """The nav is the same for 1 call as for 13, so it does not grow with the number of calls."""
    import os, subprocess, sys
    out = tmp_path / "mini-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(mini.root / "mkdocs.yml"), "-d", str(out)],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert nav_pages(example_site) == nav_pages(out)
    assert not any("2020-pavasaris" in href for href in nav_pages(example_site))
    assert not any("2020-pavasaris" in href for href in nav_pages(example_site, "konkursi/2020-pavasaris/cesu-novads"))


def test_record_text_cannot_inject_markup(mini, tmp_path):
    import subprocess, sys, os
    mini.write("calls/2020-pavasaris/cesu-novads.yml", (mini.root / "calls/2020-pavasaris/cesu-novads.yml").read_text()
               + 'note: "<script>alert(1)</script> [klikšķini](javascript:alert(2)) **trekns** | a |"\n')
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mini.root / "mkdocs.yml"), "-d", str(out)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    soup = page(out, "konkursi/2020-pavasaris/cesu-novads")
    article = soup.find("article")
    assert article.find("script") is None
    assert not [a for a in article.find_all("a") if "javascript" in (a.get("href") or "")]
    assert "<script>alert(1)</script> [klikšķini](javascript:alert(2)) **trekns** | a |" in text(soup)


def test_home_lists_the_newest_press_releases(example_site):
    home = page(example_site, "")
    items = home.find("h2", string="Informācija medijiem").find_next("ul").find_all("li")
    assert [" ".join(li.get_text(" ").split()) for li in items[:3]] == [
        "2020. gada 6. aprīlis: Kuldīgas novads aicina pieteikties 4600 eiro finansējumam jaunatnes iniciatīvu projektu īstenošanai",
        "2020. gada 1. aprīlis: Jēkabpils novads aicina pieteikties 4600 eiro finansējumam jaunatnes iniciatīvu projektu īstenošanai",
        "2020. gada 30. marts: Jelgavas novads aicina pieteikties 4600 eiro finansējumam jaunatnes iniciatīvu projektu īstenošanai",
    ]
    assert items[0].find("a")["href"] == "informacija-medijiem/2020-pavasaris/kuldigas-novads/"
    assert items[3].find("a")["href"] == "informacija-medijiem/"
