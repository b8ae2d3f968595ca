"""RSS and Atom feeds of the example site, read back with feedparser as a feed reader would."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from _feeds_helpers import build_ok, check_golden, copy_project, edit, mkdocs_build, publish_project, published_files
from konkursi import cli
from konkursi.records.errors import ValidationFailed

SITE = "https://konkursi.example/"
TAG = "tag:konkursi.example,2020:call/2020-pavasaris/"

# Calls of the example published by 2020-04-20 12:00, newest first.
ANNOUNCED = [
    "kuldigas-novads",  # 2020-04-06
    "jekabpils-novads",  # 2020-04-01
    "jelgavas-novads",  # 2020-03-30
    "rezeknes-novads",  # 2020-03-17
    "kraslavas-novads",  # 2020-03-16
    "cesu-novads",  # 2020-03-02
    "keguma-novads",  # 2020-02-24
    "saulkrastu-novads",  # 2020-02-17
    "saldus-novads",  # 2020-02-10
]
NOT_YET_PUBLISHED = ["adazu-novads", "bauskas-novads", "smiltenes-novads", "talsu-novads"]
RIGA_SPRING = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_ok(Path(__file__).resolve().parent.parent, tmp_path_factory.mktemp("site"))


def read(site: Path, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def ids(parsed) -> list[str]:
    return [entry.id for entry in parsed.entries]


def call_ids(parsed) -> list[str]:
    """Ids of the call items (press releases are items of their own)."""
    return [i for i in ids(parsed) if i.startswith(TAG)]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_site_feed_lists_published_calls_newest_first(site, fmt):
    parsed = read(site, f"abonet/konkursi.{fmt}.xml")
    assert call_ids(parsed) == [TAG + municipality for municipality in ANNOUNCED]
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True)


def test_every_feed_parses_and_none_has_a_call_published_after_now(site):
    feeds = [path for path in published_files(site) if path.endswith(".xml")]
    assert len(feeds) == 2 * (1 + 15 + 3)
    for path in feeds:
        parsed = read(site, path)
        for municipality in NOT_YET_PUBLISHED:
            assert TAG + municipality not in ids(parsed), path


def test_item_carries_title_link_summary_categories_and_dates(site):
    parsed = read(site, "abonet/konkursi.rss.xml")
    item = next(entry for entry in parsed.entries if entry.id == TAG + "cesu-novads")
    assert item.title == "Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020. gada pavasaris)"
    assert item.link == SITE + "konkursi/2020-pavasaris/cesu-novads/"
    assert item.summary == (
        "Statuss: atvērts. Pieteikšanās no 2020. gada 2. marta plkst. 9.00 līdz 2020. gada 30. aprīlim "
        "plkst. 17.00 (Rīgas laiks). Finansējums vienam projektam: 4600 eiro. Pašvaldības kvota: 3 projekti. "
        "Cēsu novads, Vidzemes plānošanas reģions; 3. kārta: 2020. gada pavasaris."
    )
    assert [tag.term for tag in item.tags] == ["Cēsu novads", "3. kārta: 2020. gada pavasaris"]
    assert item.published == "Mon, 02 Mar 2020 00:00:00 +0200"
    assert parsed.feed.language == "lv"


def test_atom_entry_has_language_published_updated_and_category_ids(site):
    parsed = read(site, "abonet/konkursi.atom.xml")
    entry = next(entry for entry in parsed.entries if entry.id == TAG + "cesu-novads")
    assert entry.summary_detail.language == "lv"
    assert dt.datetime.fromisoformat(entry.published) == dt.datetime(2020, 3, 2, tzinfo=RIGA_SPRING)
    assert entry.updated == entry.published
    assert [(tag.term, tag.label) for tag in entry.tags] == [
        ("cesu-novads", "Cēsu novads"),
        ("2020-pavasaris", "3. kārta: 2020. gada pavasaris"),
    ]


def test_feed_date_is_the_newest_record_date_not_the_build_time(site):
    rss = read(site, "abonet/konkursi.rss.xml")
    atom = read(site, "abonet/konkursi.atom.xml")
    assert rss.feed.updated == "Wed, 08 Apr 2020 00:00:00 +0300"  # Saulkrastu novads' results, decided 2020-04-08
    assert atom.feed.updated == "2020-04-08T00:00:00+03:00"


def test_municipality_and_round_feeds_carry_only_their_calls(site):
    cesis = read(site, "abonet/pasvaldibas/cesu-novads.atom.xml")
    assert call_ids(cesis) == [TAG + "cesu-novads"]
    assert cesis.feed.title == "PuMPuRS projektu konkursi: Cēsu novads"
    assert cesis.feed.link == SITE + "pasvaldibas/cesu-novads/"
    assert len(call_ids(read(site, "abonet/kartas/2020-pavasaris.rss.xml"))) == len(ANNOUNCED)
    past_round = read(site, "abonet/kartas/2019-pavasaris.rss.xml")
    assert past_round.entries == []
    assert past_round.feed.updated == "Mon, 01 Apr 2019 00:00:00 +0300"  # the round's own published date
    assert read(site, "abonet/pasvaldibas/adazu-novads.rss.xml").entries == []


def test_ids_survive_new_titles_and_a_new_domain(tmp_path):
    before = publish_project(copy_project(tmp_path / "before"))
    root = copy_project(tmp_path / "after")
    edit(root / "calls/2020-pavasaris/_round.yml", "title: 2020. gada pavasaris", "title: Pavasaris, 2020")
    edit(root / "municipalities/cesu-novads.yml", "name: Cēsu novads", "name: Cēsu novada pašvaldība")
    after = publish_project(root, site_url="https://cits-domens.example/jaunatne/")
    for path in ("abonet/konkursi.rss.xml", "abonet/konkursi.atom.xml", "abonet/pasvaldibas/cesu-novads.atom.xml"):
        old, new = feedparser.parse(before.files[path]), feedparser.parse(after.files[path])
        assert not new.bozo
        assert ids(new) == ids(old)
        assert [e.title for e in new.entries] != [e.title for e in old.entries]
        assert all(e.link.startswith("https://cits-domens.example/jaunatne/") for e in new.entries)
        assert new.feed.get("id") == old.feed.get("id")


def test_two_builds_of_unchanged_data_give_identical_feeds(site, tmp_path):
    again = published_files(build_ok(Path(__file__).resolve().parent.parent, tmp_path / "again"))
    first = published_files(site)
    feeds = sorted(path for path in first if path.endswith(".xml"))
    assert len(feeds) == 38
    assert [again[path] for path in feeds] == [first[path] for path in feeds]


def test_pubdate_falls_back_to_opening_and_updated_comes_from_the_record(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "calls/2020-pavasaris/cesu-novads.yml", "published: 2020-03-02", "updated: 2020-04-10")
    parsed = feedparser.parse(publish_project(root).files["abonet/konkursi.atom.xml"])
    entry = next(entry for entry in parsed.entries if entry.id == TAG + "cesu-novads")
    assert dt.datetime.fromisoformat(entry.published) == dt.datetime(2020, 3, 2, 9, 0, tzinfo=RIGA_SPRING)
    assert dt.datetime.fromisoformat(entry.updated) == dt.datetime(2020, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert parsed.feed.updated == "2020-04-10T00:00:00+03:00"


def test_a_later_now_announces_calls_once_their_date_comes(tmp_path):
    # without a published date a call is announced when it opens (bauskas, smiltenes: 09:00)
    published = publish_project(copy_project(tmp_path / "project"), now="2020-05-04 09:00")
    parsed = feedparser.parse(published.files["abonet/konkursi.rss.xml"])
    assert call_ids(parsed)[:3] == [TAG + "bauskas-novads", TAG + "smiltenes-novads", TAG + "adazu-novads"]
    assert TAG + "talsu-novads" not in ids(parsed)


RESULTS_TAG = "tag:konkursi.example,2020:results/2020-pavasaris/"


def test_results_are_an_item_of_their_own_in_every_feed_of_the_call(site):
    for path in ["abonet/konkursi.atom.xml", "abonet/konkursi.rss.xml", "abonet/pasvaldibas/saldus-novads.atom.xml",
                 "abonet/kartas/2020-pavasaris.atom.xml"]:
        parsed = read(site, path)
        results = [entry for entry in parsed.entries if entry.id.startswith(RESULTS_TAG)]
        expected = {RESULTS_TAG + "saldus-novads"} | ({RESULTS_TAG + "saulkrastu-novads"} if "saldus" not in path else set())
        assert {entry.id for entry in results} == expected, path
    saldus = next(e for e in read(site, "abonet/konkursi.atom.xml").entries if e.id == RESULTS_TAG + "saldus-novads")
    assert saldus.title == "Saldus novads: konkursa rezultāti (2020. gada pavasaris)"
    assert saldus.link == SITE + "konkursi/2020-pavasaris/saldus-novads/#rezultati"
    assert saldus.summary.startswith("Lēmums pieņemts 2020. gada 2. aprīlī. Saņemti 11 pieteikumi, atbalstīti 6 projekti.")
    assert dt.datetime.fromisoformat(saldus.published) == dt.datetime(2020, 4, 2, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert ("results", "Rezultāti") in [(tag.term, tag.label) for tag in saldus.tags]


def test_results_decided_after_now_are_not_announced_yet(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "calls/2020-pavasaris/saldus-novads.yml", "decided: 2020-04-02", "decided: 2020-05-02")
    parsed = feedparser.parse(publish_project(root).files["abonet/konkursi.atom.xml"])
    assert RESULTS_TAG + "saldus-novads" not in ids(parsed)
    later = feedparser.parse(publish_project(root, now="2020-05-02 00:00").files["abonet/konkursi.atom.xml"])
    assert RESULTS_TAG + "saldus-novads" in ids(later)


MISSING_SITE_URL = (
    'mkdocs.yml: laukā "site_url": nav norādīta vietnes adrese; tā vajadzīga pilnām saitēm RSS un Atom '
    "kanālos, kalendāros un atvērtajos datos. Norādiet to mkdocs.yml, piemēram: site_url: https://konkursi.example/"
)


def test_missing_site_url_stops_the_build_with_a_latvian_error(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "mkdocs.yml", "site_url: https://konkursi.example/\n", "")
    completed = mkdocs_build(root, tmp_path / "site")
    assert completed.returncode != 0
    assert MISSING_SITE_URL in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (tmp_path / "site" / "abonet").exists()


def test_site_url_without_scheme_is_refused(tmp_path):
    # MkDocs refuses such a site_url itself; konkursi generate has only this check.
    with pytest.raises(ValidationFailed) as failed:
        publish_project(copy_project(tmp_path / "project"), site_url="konkursi.example")
    assert [str(problem) for problem in failed.value.errors] == [
        'mkdocs.yml: laukā "site_url": jābūt pilnai adresei, kas sākas ar https:// vai http://, piemēram, '
        'https://konkursi.example/, nevis "konkursi.example"'
    ]


def test_generate_writes_feeds_next_to_the_pages(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    code = cli.main(["generate", "-f", str(root / "mkdocs.yml"), "--out", str(tmp_path / "out")])
    assert code == 0
    parsed = feedparser.parse((tmp_path / "out/abonet/konkursi.atom.xml").read_bytes())
    assert not parsed.bozo and len(call_ids(parsed)) == len(ANNOUNCED)
    assert (tmp_path / "out/abonet.md").is_file()


def test_generate_without_site_url_fails_with_the_latvian_error(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    edit(root / "mkdocs.yml", "site_url: https://konkursi.example/\n", "")
    code = cli.main(["generate", "-f", str(root / "mkdocs.yml"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert MISSING_SITE_URL in capsys.readouterr().err


def alternate_links(site: Path, page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    links = soup.find_all("link", rel="alternate", type=["application/rss+xml", "application/atom+xml"])
    folder = posixpath.dirname(page)
    return [(link["title"], posixpath.normpath(posixpath.join(folder, link["href"]))) for link in links]


def test_every_page_announces_the_site_feeds_and_its_own(site):
    home = alternate_links(site, "index.html")
    assert home == [
        ("PuMPuRS projektu konkursi (RSS)", "abonet/konkursi.rss.xml"),
        ("PuMPuRS projektu konkursi (Atom)", "abonet/konkursi.atom.xml"),
    ]
    municipality = alternate_links(site, "pasvaldibas/cesu-novads/index.html")
    assert municipality[2:] == [
        ("PuMPuRS projektu konkursi: Cēsu novads (RSS)", "abonet/pasvaldibas/cesu-novads.rss.xml"),
        ("PuMPuRS projektu konkursi: Cēsu novads (Atom)", "abonet/pasvaldibas/cesu-novads.atom.xml"),
    ]
    call = [path for _, path in alternate_links(site, "konkursi/2020-pavasaris/cesu-novads/index.html")]
    assert call[2:] == [
        "abonet/pasvaldibas/cesu-novads.rss.xml",
        "abonet/pasvaldibas/cesu-novads.atom.xml",
        "abonet/kartas/2020-pavasaris.rss.xml",
        "abonet/kartas/2020-pavasaris.atom.xml",
    ]
    assert len(alternate_links(site, "kartas/2019-pavasaris/index.html")) == 4
    for _, path in home + municipality:
        assert (site / path).is_file()


def page_links(site: Path, page: str) -> set[str]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    folder = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(folder, a["href"])) for a in soup.select("article a[href]") if "://" not in a["href"] and not a["href"].startswith(("mailto:", "tel:", "#"))}


def test_subscribe_page_links_every_feed_and_calendar(site):
    links = page_links(site, "abonet/index.html")
    files = {path for path in published_files(site) if path.endswith((".xml", ".ics"))}
    site_wide = {path for path in files if not path.startswith("kalendars/konkursi/")}
    assert site_wide <= links
    assert len(site_wide) == 38 + 1 + 15 + 3
    text = (site / "abonet/index.html").read_text(encoding="utf-8")
    assert "https://konkursi.example/abonet/konkursi.rss.xml" in text
    assert "Kā abonēt" in text


@pytest.mark.parametrize("path", ["abonet/konkursi.rss.xml", "abonet/konkursi.atom.xml", "abonet/pasvaldibas/cesu-novads.atom.xml"])
def test_feeds_match_the_golden_files(site, path):
    check_golden(path, (site / path).read_bytes())


def test_press_releases_join_the_feeds(example_site):
    import feedparser

    site = feedparser.parse((example_site / "abonet/konkursi.atom.xml").read_bytes())
    ids = [entry.id for entry in site.entries]
    assert "tag:konkursi.example,2020:press/2020-pavasaris" in ids
    assert "tag:konkursi.example,2020:press/2020-pavasaris/cesu-novads" in ids
    round_feed = feedparser.parse((example_site / "abonet/kartas/2020-pavasaris.rss.xml").read_bytes())
    release = next(e for e in round_feed.entries if e.id == "tag:konkursi.example,2020:press/2020-pavasaris")
    assert release.title.startswith("Informācija medijiem: ")
    assert release.link == "https://konkursi.example/informacija-medijiem/2020-pavasaris/"
    cesis = feedparser.parse((example_site / "abonet/pasvaldibas/cesu-novads.rss.xml").read_bytes())
    assert [e.id for e in cesis.entries] == [
        "tag:konkursi.example,2020:call/2020-pavasaris/cesu-novads",
        "tag:konkursi.example,2020:press/2020-pavasaris/cesu-novads",
    ]
    # Call releases not yet dated by the demo's "now" are announced nowhere.
    assert "tag:konkursi.example,2020:press/2020-pavasaris/talsu-novads" not in ids


def test_a_feed_carries_only_the_newest_items(monkeypatch, tmp_path):
    from konkursi.outputs import feeds

    full = feedparser.parse(publish_project(copy_project(tmp_path / "full")).files["abonet/konkursi.atom.xml"])
    monkeypatch.setattr(feeds, "MAX_ITEMS", 3)
    parsed = feedparser.parse(publish_project(copy_project(tmp_path / "project")).files["abonet/konkursi.atom.xml"])
    assert len(full.entries) > 3 and len(parsed.entries) == 3
    assert ids(parsed) == ids(full)[:3]
