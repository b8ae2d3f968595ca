"""Records not yet public (drafts, or published after "now") appear in no file of the built site."""

from __future__ import annotations

import pytest

from _feeds_helpers import build_ok
from _press_helpers import site_texts

from konkursi.records.values import Bool, Invalid

NOW = "2020-04-20 12:00"
LATER = "2020-05-02 12:00"

HIDDEN_MUNICIPALITY = """\
name: Slepenais novads
region: latgale
contacts:
  - name: Zzslepena Persona
    email: slepena@slepenais-novads.example
draft: jā
"""

FUTURE_MUNICIPALITY = """\
name: Nākotnes novads
region: kurzeme
contacts:
  - name: Zznakotnes Persona
    email: nakotne@nakotnes-novads.example
published: 2020-05-01
"""

PUBLIC_MUNICIPALITY = """\
name: Limbažu novads
region: vidzeme
contacts:
  - name: Līga Kalniņa
    email: liga@limbazu-novads.example
"""

DRAFT_ROUND = """\
number: 4
title: Zzmelnraksta karta
opens: 2020-02-01
closes: 2020-06-30
grant_amount: 4600
draft: true
"""


def call(note: str, extra: str = "") -> str:
    return f"""\
opens: 2020-03-02 09:00
closes: 2020-04-30 17:00
quota: 2
submission:
  - method: email
    address: pieteikumi@cesu-novads.example
note: {note}
{extra}"""


MARKERS = {
    "draft municipality": "slepenais-novads",
    "its contact": "Zzslepena",
    "future municipality": "nakotnes-novads",
    "its contact too": "Zznakotnes",
    "draft call": "Zzmelnraksta konkurss",
    "future call": "Zznakotnes konkurss",
    "future call's id": "2020-pavasaris/alojas-novads",
    "call of a draft round": "Zzkartas konkurss",
    "draft round": "Zzmelnraksta karta",
    "draft round's id": "2020-pavasaris-melnraksts",
    "draft press release": "Zzmelnraksta relize",
}


@pytest.fixture
def hidden(mini):
    mini.write("municipalities/slepenais-novads.yml", HIDDEN_MUNICIPALITY)
    mini.write("municipalities/nakotnes-novads.yml", FUTURE_MUNICIPALITY)
    mini.write("municipalities/limbazu-novads.yml", PUBLIC_MUNICIPALITY)
    mini.write("calls/2020-pavasaris/slepenais-novads.yml", call("Zzslepena novada konkurss"))
    mini.write("calls/2020-pavasaris/nakotnes-novads.yml", call("Zznakotnes novada konkurss"))
    mini.write("calls/2020-pavasaris/limbazu-novads.yml", call("Zzmelnraksta konkurss", "draft: true\n"))
    mini.write("calls/2020-pavasaris-melnraksts/_round.yml", DRAFT_ROUND)
    mini.write("calls/2020-pavasaris-melnraksts/cesu-novads.yml", call("Zzkartas konkurss"))
    round_file = mini.root / "calls/2020-pavasaris/_round.yml"
    round_file.write_text(round_file.read_text(encoding="utf-8") + (
        "press_release:\n  date: 2020-03-02\n  headline: Zzmelnraksta relize\n"
        "  lead: Zzmelnraksta relizes ievads.\n  draft: true\n"
    ), encoding="utf-8")
    # A public call published after NOW, of a public municipality: hidden until LATER.
    mini.write("municipalities/alojas-novads.yml", PUBLIC_MUNICIPALITY.replace("Limbažu", "Alojas").replace("limbazu", "alojas"))
    mini.write("calls/2020-pavasaris/alojas-novads.yml", call("Zznakotnes konkurss", "published: 2020-05-01\n"))
    assert mini.problems() == []
    return mini


def leaks(site) -> dict[str, list[str]]:
    """Which markers occur in which files (paths included), gzip and .docx opened.

    Markers are ASCII: JSON files (search index, data) escape other letters.
    """
    found: dict[str, list[str]] = {}
    for path, text in site_texts(site):
        for what, marker in MARKERS.items():
            if marker in text or marker in path:
                found.setdefault(what, []).append(path)
    return found


def test_nothing_not_yet_public_is_in_any_file_of_the_site(hidden, tmp_path):
    site = build_ok(hidden.root, tmp_path / "site", NOW)
    assert leaks(site) == {}
    # the scan reads what it should: the public records are there, in pages, sitemap and data
    texts = dict(site_texts(site))
    assert "Limbažu novads" in texts["pasvaldibas/limbazu-novads/index.html"]
    assert "konkursi/2020-pavasaris/cesu-novads/" in texts["sitemap.xml.gz"]
    assert "cesu-novads" in texts["dati/calls.json"]


def test_a_record_published_later_appears_everywhere_from_its_date_drafts_never(hidden, tmp_path):
    site = build_ok(hidden.root, tmp_path / "site", LATER)
    found = leaks(site)
    assert {"future municipality", "its contact too", "future call", "future call's id"} <= set(found)
    assert any(path.endswith(".ics") for path in found["future call's id"])
    assert {"dati/calls.csv", "sitemap.xml.gz", "abonet/konkursi.atom.xml"} <= set(found["future call's id"])
    assert [path for path in found["future call"] if path.startswith("pagefind/fragment/")]  # the search finds it
    assert not {"draft municipality", "its contact", "draft call", "call of a draft round", "draft round",
                "draft round's id", "draft press release"} & set(found)


def test_draft_accepts_latvian_yes_and_no_and_names_the_wrong_value(mini):
    assert [Bool().parse(text) for text in ("true", "jā", "Jā", "false", "nē", "ne")] == [True, True, True, False, False, False]
    with pytest.raises(Invalid):
        Bool().parse("varbūt")
    mini.write("calls/2020-pavasaris/cesu-novads.yml", call("Piezīme.", "draft: varbūt\n"))
    assert mini.problems() == [
        'calls/2020-pavasaris/cesu-novads.yml:8: laukā "draft": jābūt "true" vai "false" (arī "jā" vai "nē"), nevis "varbūt"'
    ]
