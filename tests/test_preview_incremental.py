"""The fast preview (`konkursi serve` = `mkdocs serve --dirty`): a rebuild redoes only what a
change touches, yet the preview always shows exactly what a full build would."""

from __future__ import annotations

import gc
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from _search_helpers import indexed_pages
from conftest import copy_project

SERVE_URL = "http://127.0.0.1:8000/"
CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"
CALL_HTML = "konkursi/2020-pavasaris/cesu-novads/index.html"


class Preview:
    """One `mkdocs serve --dirty` session, driven in-process: the plugins live across rebuilds."""

    def __init__(self, root: Path, site: Path):
        self.root, self.site = root, site
        self.plugins = None

    def config(self):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        if self.plugins is None:
            config.plugins.on_startup(command="serve", dirty=True)
            self.plugins = config.plugins
        return config

    def rebuild(self, caplog) -> str:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.konkursi"):
            build(self.config(), serve_url=SERVE_URL, dirty=True)
        self.plugins["konkursi"].preview.search.wait()  # the index follows the rebuild in a thread of its own
        return "\n".join(r.getMessage() for r in caplog.records if r.getMessage().startswith("konkursi:"))

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fresh_build(root: Path, site: Path) -> None:
    # Another process: MkDocs keeps plugin instances (and the preview's state) per process.
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


PREVIEW_ONLY = {"konkursi-preview.json", "assets/javascripts/konkursi-preview.js"}
"""What only a preview has: its notice of record errors (engines/preview.py write_notice)."""


NOTICE_TAG = re.compile(rb'\s*<script src="[^"]*assets/javascripts/konkursi-preview\.js"></script>')
"""The tag that loads the notice, on every page of a preview."""


def site_files(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return {path: NOTICE_TAG.sub(b"", data) if path.endswith(".html") else data
            for path, data in files.items() if path not in PREVIEW_ONLY}


def assert_same_site(preview_site: Path, fresh_site: Path) -> None:
    ours, theirs = site_files(preview_site), site_files(fresh_site)
    assert sorted(ours) == sorted(theirs)
    # The search index too: Pagefind indexes the preview's pages after each rebuild as a build does.
    differing = [path for path in ours if ours[path] != theirs[path]]
    assert differing == []


def rebuilt_count(message: str) -> int:
    found = re.search(r"pārbūvētas? (\d+) lapas?", message)
    assert found, message
    return int(found.group(1))


@pytest.fixture
def preview(tmp_path):
    root = copy_project(tmp_path / "project")
    yield Preview(root, tmp_path / "preview-site")
    gc.unfreeze()  # the preview froze what its first build left (see plugin._freeze_what_lasts)


def test_one_changed_call_rebuilds_a_few_pages_and_the_preview_equals_a_full_build(preview, tmp_path, caplog):
    assert "visas lapas pārbūvētas" in preview.rebuild(caplog)
    pages = len(list(preview.site.rglob("index.html")))
    other = preview.site / "kontakti/index.html"
    other_before = other.stat().st_mtime_ns

    preview.edit(CALL_FILE, "quota: 3", "quota: 2")
    message = preview.rebuild(caplog)
    # The call's page, its round, its municipality, the list of all calls, the home page …
    assert 1 <= rebuilt_count(message) <= 8 < pages
    assert "2 projekti" in (preview.site / CALL_HTML).read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == other_before  # an unaffected page is not written again

    # A new call, a removed call, a renamed municipality: pages appear, go and follow.
    new_call = preview.root / "calls/2020-pavasaris/ludzas-novads.yml"
    new_call.write_text((preview.root / CALL_FILE).read_text(encoding="utf-8").replace("cesu-novads", "ludzas-novads"), encoding="utf-8")
    preview.rebuild(caplog)
    assert (preview.site / "konkursi/2020-pavasaris/ludzas-novads/index.html").is_file()
    (preview.root / "calls/2020-pavasaris/talsu-novads.yml").unlink()
    preview.rebuild(caplog)
    assert not (preview.site / "konkursi/2020-pavasaris/talsu-novads/index.html").exists()
    preview.edit("municipalities/cesu-novads.yml", "name: Cēsu novads", "name: Cēsu novada pašvaldība")
    preview.rebuild(caplog)

    fresh_build(preview.root, tmp_path / "fresh-1")
    assert_same_site(preview.site, tmp_path / "fresh-1")


def test_a_change_every_page_shows_rebuilds_every_page_and_still_equals_a_full_build(preview, tmp_path, caplog):
    preview.rebuild(caplog)
    # The funding statement is in every page's footer.
    preview.edit("programme.yml", "funding_statement: ", "funding_statement: Labots. ")
    assert "visas lapas pārbūvētas" in preview.rebuild(caplog)
    assert "Labots." in (preview.site / "ka-pieteikties/index.html").read_text(encoding="utf-8")
    # A page template: only pages whose Markdown changed are rebuilt.
    preview.edit("theme/pages/call.md.j2", "## ", "## Sadaļa: ")
    assert rebuilt_count(preview.rebuild(caplog)) >= 13
    # The theme: every page.
    preview.edit("theme/overrides/main.html", "</p>", " Tēma labota.</p>")
    assert "visas lapas pārbūvētas" in preview.rebuild(caplog)
    assert "Tēma labota." in (preview.site / "kontakti/index.html").read_text(encoding="utf-8")

    fresh_build(preview.root, tmp_path / "fresh-2")
    assert_same_site(preview.site, tmp_path / "fresh-2")


def test_a_hand_written_page_change_rebuilds_that_page_and_keeps_search_whole(preview, tmp_path, caplog):
    preview.rebuild(caplog)
    guide = preview.root / "content/ka-pieteikties.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n## Jauna sadaļa\n\nMeklējamais vārds zilonis.\n", encoding="utf-8")
    assert rebuilt_count(preview.rebuild(caplog)) == 1
    indexed = indexed_pages(preview.site)
    assert "zilonis" in indexed["/ka-pieteikties/"]["content"]
    assert "/konkursi/2020-pavasaris/cesu-novads/" in indexed  # the pages not rebuilt stay in the index

    fresh_build(preview.root, tmp_path / "fresh-3")
    assert_same_site(preview.site, tmp_path / "fresh-3")


def test_a_record_error_keeps_the_last_good_files_too(preview, caplog, capsys):
    preview.rebuild(caplog)
    feed = preview.site / "abonet/konkursi.rss.xml"
    calendar = preview.site / "kalendars/konkursi.ics"
    before = feed.read_bytes(), calendar.read_bytes()
    preview.edit(CALL_FILE, "closes: 2020-04-30 17:00", "closes: 2020-02-30 17:00")
    preview.rebuild(caplog)
    assert "datums 2020-02-30 neeksistē" in capsys.readouterr().err
    assert (feed.read_bytes(), calendar.read_bytes()) == before
    assert (preview.site / CALL_HTML).is_file()


def test_quick_same_size_saves_a_rename_and_a_deletion_all_reach_the_preview(preview, tmp_path, caplog):
    preview.rebuild(caplog)
    call = preview.root / CALL_FILE
    # Two saves of the same size in quick succession, each followed by a rebuild.
    preview.edit(CALL_FILE, "quota: 3", "quota: 4")
    preview.rebuild(caplog)
    preview.edit(CALL_FILE, "quota: 4", "quota: 5")
    preview.rebuild(caplog)
    assert "5 projekti" in (preview.site / CALL_HTML).read_text(encoding="utf-8")
    # Saved aside and renamed over it (as many editors save), with the old modification time.
    before = call.stat()
    aside = call.with_name(".cesu-novads.yml.tmp")
    aside.write_text(call.read_text(encoding="utf-8").replace("quota: 5", "quota: 6"), encoding="utf-8")
    os.utime(aside, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(aside, call)
    preview.rebuild(caplog)
    assert "6 projekti" in (preview.site / CALL_HTML).read_text(encoding="utf-8")
    (preview.root / "calls/2020-pavasaris/talsu-novads.yml").unlink()
    preview.rebuild(caplog)

    fresh_build(preview.root, tmp_path / "fresh-4")
    assert_same_site(preview.site, tmp_path / "fresh-4")


def test_what_the_first_build_leaves_is_frozen_once(preview, caplog):
    gc.unfreeze()
    preview.rebuild(caplog)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the memo's records and pages, MkDocs' objects …
    preview.edit(CALL_FILE, "quota: 3", "quota: 2")
    preview.rebuild(caplog)
    assert gc.get_freeze_count() <= frozen  # frozen once: a rebuild's objects are collected as usual, and frozen ones no longer used are freed


@pytest.mark.parametrize("count, words", [(1, "pārbūvēta 1 lapa"), (2, "pārbūvētas 2 lapas"), (11, "pārbūvētas 11 lapas"),
                                          (21, "pārbūvēta 21 lapa")])
def test_the_rebuild_report_agrees_with_its_count(count, words):
    from konkursi.engines.preview import _rebuilt
    assert _rebuilt(count) == words
