"""Call pages describe themselves to search engines and link previews: meta tags and JSON-LD."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bs4 import BeautifulSoup


def head(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser").head


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"]


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_call_page_preview_names_title_municipality_and_deadline(example_site):
    soup = head(example_site, "konkursi/2020-pavasaris/cesu-novads")
    description = ("Cēsu novads (Vidzemes plānošanas reģions): pieteikšanās no 2020. gada 2. marta plkst. 9.00 "
                   "līdz 2020. gada 30. aprīlim plkst. 17.00. Finansējums vienam projektam: 4600 eiro.")
    assert meta(soup, "description") == description
    assert meta(soup, "og:description") == description
    assert meta(soup, "og:title") == "Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    assert meta(soup, "og:url") == "https://konkursi.example/konkursi/2020-pavasaris/cesu-novads/"
    assert meta(soup, "og:locale") == "lv_LV"


def test_call_page_json_ld_is_a_grant_with_funder_amount_and_application_window(example_site):
    data = json_ld(head(example_site, "konkursi/2020-pavasaris/cesu-novads"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MonetaryGrant"
    assert data["name"] == "Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    assert data["url"] == "https://konkursi.example/konkursi/2020-pavasaris/cesu-novads/"
    assert data["funder"]["name"] == "Cēsu novads"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": 4600}
    assert data["potentialAction"]["startTime"] == "2020-03-02T09:00:00+02:00"
    assert data["potentialAction"]["endTime"] == "2020-04-30T17:00:00+03:00"


def test_other_pages_have_previews_but_no_grant(example_site):
    soup = head(example_site, "konkursi")
    assert meta(soup, "og:title") == "Visi konkursi"
    assert soup.find("script", type="application/ld+json") is None


def test_record_text_cannot_break_out_of_the_json_ld(mini, tmp_path):
    rogue = "Pavasaris </title></script><script>alert(1)</script> \\\" ' &"
    mini.write("calls/2020-pavasaris/_round.yml",
               (mini.root / "calls/2020-pavasaris/_round.yml").read_text().replace("2020. gada pavasaris", json.dumps(rogue)))
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mini.root / "mkdocs.yml"), "-d", str(out)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    soup = head(out, "konkursi/2020-pavasaris/cesu-novads")
    assert json_ld(soup)["name"] == f"Cēsu novads: jaunatnes iniciatīvu projektu konkurss ({rogue})"
    assert [s.get("type") for s in soup.find_all("script") if "alert" in (s.string or "")] == ["application/ld+json"]
    assert soup.title.string.startswith(f"Cēsu novads: jaunatnes iniciatīvu projektu konkurss ({rogue})")
    assert meta(soup, "og:title").endswith(f"({rogue})")
