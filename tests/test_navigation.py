"""The sidebar of the generated pages, all outside the navigation, is rendered once per folder
(konkursi.navigation) and is byte for byte the sidebar mkdocs-material renders for each page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from conftest import REPO, copy_project
from konkursi.navigation import SharedNavigation


def _site(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_site_is_byte_for_byte_the_one_material_renders_page_by_page(tmp_path, monkeypatch, directory_urls):
    project = copy_project(tmp_path / "projekts")
    kept, asked = [], []
    keep, key = SharedNavigation.keep, SharedNavigation.key
    monkeypatch.setattr(SharedNavigation, "keep", lambda self, k, html: kept.append(k) or keep(self, k, html))
    monkeypatch.setattr(SharedNavigation, "key", lambda self, page, nav: asked.append(page.file.src_uri if page else None) or key(self, page, nav))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "shared"), use_directory_urls=directory_urls))
    shared_by = [uri for uri in asked if uri and uri.startswith("konkursi/2020-pavasaris/")]

    monkeypatch.setattr(SharedNavigation, "key", lambda self, page, nav: None)  # Material renders every sidebar
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "own"), use_directory_urls=directory_urls))

    shared, own = _site(tmp_path / "shared"), _site(tmp_path / "own")
    assert len(shared) > 100 and shared.keys() == own.keys()
    assert [path for path in shared if shared[path] != own[path]] == []
    # Every call page asked; the sidebar was rendered once for each folder, not for each page.
    assert len(shared_by) >= 10
    assert len(kept) == len(set(kept)) and len(kept) < len(asked) / 3
    assert "konkursi/2020-pavasaris" in kept
    page = (tmp_path / "shared" / ("konkursi/2020-pavasaris/cesu-novads/index.html" if directory_urls
                                   else "konkursi/2020-pavasaris/cesu-novads.html")).read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary"' in page and "Kontaktpersonas" in page


def _pages(config, *uris: str):
    files = Files([File.generated(config, uri, content=f"# {uri}\n") for uri in uris])
    nav = get_navigation(files, config)
    return {uri: files.get_file_from_path(uri).page or Page(None, files.get_file_from_path(uri), config) for uri in uris}, nav


def _config(tmp_path, directory_urls: bool = True):
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                         plugins=[], nav=["index.md", {"Sadaļa": ["a/index.md", "a/b/c.md"]}], not_in_nav="/a/x.md\n/a/b.md\n/y/z.md",
                         use_directory_urls=directory_urls)
    return config.plugins.on_config(config)


URIS = ("index.md", "a/index.md", "a/b/c.md", "a/x.md", "a/b.md", "y/z.md")


def test_a_page_in_the_navigation_or_holding_an_entry_gets_its_own_sidebar(tmp_path):
    pages, nav = _pages(_config(tmp_path), *URIS)
    shared = SharedNavigation(True, applies=lambda page: True)
    assert shared.key(pages["a/x.md"], nav) == "a"
    assert shared.key(pages["y/z.md"], nav) == "y"
    assert shared.key(pages["a/b.md"], nav) is None  # the entry a/b/c/ lies inside a/b/: its link differs
    pages["a/b/c.md"].active = True
    assert shared.key(pages["a/x.md"], nav) is None  # while an entry (here a/b/c) is active: not shared
    pages["a/b/c.md"].active = False
    assert shared.key(pages["a/x.md"], nav) == "a"
    assert SharedNavigation(True, applies=lambda page: False).key(pages["a/x.md"], nav) is None
    # Without directory URLs a page is a file: nothing lies inside it.
    pages, nav = _pages(_config(tmp_path, directory_urls=False), *URIS)
    assert SharedNavigation(False, applies=lambda page: True).key(pages["a/b.md"], nav) == "a"
