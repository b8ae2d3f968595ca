"""Every number the built example states in text equals the number computed from calls.json at the same "now".

Counts of calls, statuses, municipalities and rounds, round totals, quotas, amounts and results, on
the pages and in the feeds: a journalist who reprints a number may check it against the open data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from konkursi import lv


def text_of(site: Path, path: str) -> str:
    """The page's article as a reader sees it, on one line."""
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return re.sub(r"\s+([,.;:)])", r"\1", " ".join(soup.find("article").get_text(" ").split()))


def says(text: str, pattern: str) -> list[tuple[str, ...]]:
    found = re.findall(pattern, text)
    assert found, (pattern, text[:300])
    return found


@pytest.fixture(scope="module")
def data(example_site) -> list[dict]:
    return json.loads((example_site / "dati/calls.json").read_text(encoding="utf-8"))["calls"]


def test_home_counts_calls_rounds_and_municipalities(example_site, data):
    text = text_of(example_site, "")
    (calls,) = says(text, r"Visi konkursi: (\d+) konkurs(?:s|i)\b")
    (rounds,) = says(text, r"(\d+) kārt(?:a|as)\b")
    (municipalities,) = says(text, r"(\d+) pašvaldīb(?:a|as)\b")
    assert int(calls) == len(data)
    # The upcoming calls, folded by region: "Rīgas plānošanas reģions: 1 konkurss".
    folded = says(text, r"plānošanas reģions: (\d+) konkurs(?:s|i)\b")
    assert sum(map(int, folded)) == sum(1 for call in data if call["status"] == "upcoming")
    assert int(rounds) == len(list((example_site / "kartas").glob("*/index.html")))
    assert int(municipalities) == len(list((example_site / "pasvaldibas").glob("*/index.html")))


def test_the_calls_page_counts_each_status(example_site, data):
    text = text_of(example_site, "konkursi")
    status = Counter(call["status"] for call in data)
    (total,) = says(text, r"(\d+) konkursi\b")
    assert int(total) == len(data)
    ((opened, upcoming, closed),) = says(text, r"(\d+) atvērti?, (\d+) drīzumā, (\d+) noslēgti?")
    assert (int(opened), int(upcoming), int(closed)) == (status["open"], status["upcoming"], status["closed"])


def _round_results(calls: list[dict]) -> tuple[int, int, int, int]:
    reported = [c for c in calls if c["results_approved"] is not None]
    return (
        sum(1 for c in reported if c["results_approved"]),
        sum(c["results_approved"] for c in reported),
        sum(c["results_applications"] for c in reported),
        len(reported),
    )


@pytest.mark.parametrize("path", ["kartas", "kartas/2020-pavasaris"])
def test_round_totals_are_the_sums_of_the_calls_results(example_site, data, path):
    calls = [c for c in data if c["round_id"] == "2020-pavasaris"]
    municipalities, projects, applications, reported = _round_results(calls)
    text = text_of(example_site, path)
    pattern = r"Līdz šim (\d+) pašvaldīb\w+ ir apstiprināt\w+ (\d+) projekt\w+ \(saņemt\w+ (\d+) pieteikum\w+\)\. Rezultāti zināmi par (\d+) no (\d+) konkurs\w+\."
    ((m, p, a, r, c),) = says(text, pattern)
    assert tuple(map(int, (m, p, a, r, c))) == (municipalities, projects, applications, reported, len(calls))


def test_every_call_page_states_its_quota_amount_and_results_as_the_data_has_them(example_site, data):
    for call in data:
        text = text_of(example_site, call["url"].removeprefix("https://konkursi.example/"))
        (amount,) = says(text, r"Finansējums vienam projektam:? ((?:līdz )?\d[\d ]*) eiro")
        assert lv.eur(call["grant_amount"]) == amount + " eiro"
        (quota,) = says(text, r"Pašvaldības kvota:? (\d+) projekt")
        assert int(quota) == call["quota"]
        stated = re.findall(r"Saņemt\w+ (\d+) pieteikum\w+, atbalstīt\w+ (\d+) projekt", text)
        if call["results_approved"] is None:
            assert stated == []
        else:
            assert [tuple(map(int, s)) for s in stated] == [(call["results_applications"], call["results_approved"])]


def test_the_municipalities_page_counts_each_municipalitys_calls(example_site, data):
    text = text_of(example_site, "pasvaldibas")
    per = Counter(call["municipality"] for call in data)
    for name, count in per.items():
        assert f"{name}: {count} {lv.plural(count, 'konkurss', 'konkursi')}" in text or re.search(
            rf"{re.escape(name)}\W+{count} {lv.plural(count, 'konkurss', 'konkursi')}", text
        ), name


def test_feed_summaries_state_the_datas_quota_and_amount(example_site, data):
    by_url = {call["url"]: call for call in data}
    parsed = feedparser.parse((example_site / "abonet/konkursi.rss.xml").read_bytes())
    checked = 0
    for entry in parsed.entries:
        call = by_url.get(entry.link)
        if call is None:
            continue  # a press release or results item
        (quota,) = re.findall(r"Pašvaldības kvota: (\d+) projekt", entry.summary)
        (amount,) = re.findall(r"Finansējums vienam projektam: ((?:līdz )?\d[\d ]*) eiro", entry.summary)
        assert int(quota) == call["quota"] and amount + " eiro" == lv.eur(call["grant_amount"])
        assert entry.summary.startswith(f"Statuss: {dict(open='atvērts', upcoming='drīzumā', closed='noslēgts')[call['status']]}.")
        checked += 1
    assert checked >= 5
