"""The benchmark's own code on a tiny project, so that it does not rot. No timing is asserted."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_project_validates_builds_and_is_weighed(bench, tmp_path, browser):
    root, plain, site = tmp_path / "project", tmp_path / "plain", tmp_path / "site"
    root.mkdir()
    plain.mkdir()
    bench.write_project(root, 3)
    assert len(list((root / "calls").glob("*/m*.yml"))) == 3
    done = subprocess.run([sys.executable, "-m", "konkursi", "validate"], cwd=root, env=bench.bench_env(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    # The plain copy: the same call pages as Markdown, and no konkursi plugin left in mkdocs.yml.
    bench.plain_copy(root, plain)
    assert "- konkursi:" not in (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert len(list((plain / "content" / "konkursi").glob("*/*.md"))) == 3

    run = bench.measure(root / "mkdocs.yml", site)
    assert run.wall > 0 and run.cpu > 0 and run.peak > 0 and 0 <= run.system <= run.cpu

    # A fair comparison: plain MkDocs turns the copy into the same article HTML, tables of calls
    # (Markdown inside <div markdown>) included.
    assert "  - md_in_html\n" in (plain / "mkdocs.yml").read_text(encoding="utf-8")
    bench.measure(plain / "mkdocs.yml", tmp_path / "plain-site")
    compared, different = bench.same_pages(site, tmp_path / "plain-site")
    assert compared >= 10 and different == []
    assert "<table>" in (tmp_path / "plain-site" / "kartas" / "2000-pavasaris" / "index.html").read_text(encoding="utf-8")

    # Plain MkDocs keeps the theme's search, whose whole index every page load fetches; konkursi has Pagefind.
    raw, gz = bench.search_index_size(tmp_path / "plain-site")
    assert 0 < gz < raw
    assert not (site / "search").exists() and bench.pagefind_size(site)[0] > 5
    first = bench.first_query_weight(site, "novads", browser=browser)
    paths = [path for path, _, _ in first["files"]]
    assert first["results"] >= 3 and "/pagefind/pagefind.js" in paths
    assert any(path.startswith("/pagefind/index/") for path in paths)
    assert any(path.startswith("/pagefind/fragment/") for path in paths)
    assert all(0 < sent <= raw for _, raw, sent in first["files"])

    page = bench.call_page(site)
    assert page.relative_to(site).parts[0] == "konkursi" and len(page.relative_to(site).parts) == 4
    weight = bench.page_weight(site, page)
    paths = [path for path, _, _ in weight["assets"]]
    assert paths[0] == "/" + page.relative_to(site).as_posix()
    assert "/assets/stylesheets/konkursi.css" in paths
    assert "/assets/javascripts/konkursi.js" in paths
    assert any(path.startswith("/assets/stylesheets/main.") for path in paths)
    assert any(path.startswith("/assets/javascripts/bundle.") for path in paths)
    assert weight["foreign"] == [] and weight["missing"] == []
    assert weight["script_fetched"] == []  # konkursi's pages fetch no search index on load …
    fetched = [path for path, _, _ in bench.page_weight(tmp_path / "plain-site", bench.call_page(tmp_path / "plain-site"))["script_fetched"]]
    assert "/search/search_index.json" in fetched  # … the theme's search does
    assert any(path.startswith("/assets/javascripts/workers/search.") for path in fetched)
    assert all(0 < gz <= raw + 64 for _, raw, gz in weight["assets"])


def test_page_weight_follows_stylesheets_and_reports_foreign_hosts(bench, tmp_path):
    site = tmp_path / "site"
    (site / "k" / "r" / "m").mkdir(parents=True)
    (site / "css").mkdir()
    (site / "fonts").mkdir()
    (site / "css" / "a.css").write_text(
        "@font-face{src:url('../fonts/f.woff2')} .x{background:url(data:image/png;base64,AAAA)}", encoding="utf-8")
    (site / "fonts" / "f.woff2").write_bytes(b"\0" * 100)
    (site / "k" / "r" / "m" / "index.html").write_text(
        '<link rel="canonical" href="https://konkursi.example/k/r/m/">'
        '<link rel="alternate" href="../../feed.xml">'
        '<link rel="stylesheet" href="../../../css/a.css">'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.net/x.js"></script><img src="/gone.png">', encoding="utf-8")
    weight = bench.page_weight(site, site / "k" / "r" / "m" / "index.html")
    assert [path for path, _, _ in weight["assets"]] == ["/k/r/m/index.html", "/css/a.css", "/fonts/f.woff2"]
    assert weight["foreign"] == ["https://fonts.googleapis.com/css?family=Roboto", "//cdn.example.net/x.js"]
    assert weight["missing"] == ["/gone.png"]


def test_instructions_are_counted_and_grow_with_the_work(bench):
    # The count the benchmark reads from Valgrind: more work, more instructions; same work, same count.
    def count(loops: int) -> int:
        return bench.instructions_of(bench.count_instructions(
            [sys.executable, "-S", "-c", f"for i in range({loops}): pass"]))

    small, again, large = count(1000), count(1000), count(1_000_000)
    assert small > 1_000_000
    assert abs(small - again) < small * 0.001
    assert large > small + 10_000_000


def test_a_failed_counted_command_stops_the_benchmark(bench):
    with pytest.raises(SystemExit, match="counted command failed"):
        bench.instructions_of(bench.count_instructions([sys.executable, "-S", "-c", "raise SystemExit(3)"]))


def test_hugo_is_found_in_a_namespace_package_whose_file_is_none(bench, tmp_path, monkeypatch):
    binary = tmp_path / "hugo" / "binaries" / "hugo"  # no __init__.py: a namespace package, hugo.__file__ is None
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.delenv("HUGO", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(__import__("sys").modules, "hugo", raising=False)
    assert bench.find_hugo() == str(binary)


def test_sites_with_and_without_speedups_are_compared_byte_for_byte(bench, tmp_path):
    one, other = tmp_path / "on", tmp_path / "off"
    for root in (one, other):
        (root / "a").mkdir(parents=True)
        (root / "a" / "index.html").write_bytes(b"<p>same</p>")
        (root / "feed.xml").write_bytes(b"<rss/>")
    assert bench.different_files(one, other) == []
    assert "byte for byte the same" in bench.speedups_verdict([])
    (other / "feed.xml").write_bytes(b"<rss />")
    (other / "extra.ics").write_bytes(b"")
    assert bench.different_files(one, other) == ["extra.ics", "feed.xml"]
    assert "2 files differ" in bench.speedups_verdict(bench.different_files(one, other))
