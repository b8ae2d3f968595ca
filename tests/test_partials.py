"""What the generated pages share of mkdocs-material's page (the sidebar of pages outside the
navigation, the search form) is rendered once per folder or site (konkursi.speedups.partials), and is
byte for byte what Material renders for each page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from conftest import REPO, copy_project, needs_speedups

pytestmark = needs_speedups("partials")
from konkursi.speedups.partials import SharedPartials, SharedPartialsLoader


def _site(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_site_is_byte_for_byte_the_one_material_renders_page_by_page(tmp_path, monkeypatch, directory_urls):
    project = copy_project(tmp_path / "projekts")
    kept, asked = [], []
    keep, key = SharedPartials.keep, SharedPartials.key
    monkeypatch.setattr(SharedPartials, "keep", lambda self, k, html: kept.append(k) or keep(self, k, html))
    monkeypatch.setattr(SharedPartials, "key", lambda self, page, nav, scope="folder": asked.append((page.file.src_uri, scope) if page else None) or key(self, page, nav, scope))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "shared"), use_directory_urls=directory_urls))
    shared_by = [uri for uri, scope in filter(None, asked) if uri.startswith("konkursi/2020-pavasaris/") and scope == "folder"]

    monkeypatch.setattr(SharedPartials, "key", lambda self, page, nav, scope="folder": None)  # Material renders each page's
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "own"), use_directory_urls=directory_urls))

    shared, own = _site(tmp_path / "shared"), _site(tmp_path / "own")
    assert len(shared) > 100 and shared.keys() == own.keys()
    assert [path for path in shared if shared[path] != own[path]] == []
    # Every call page asked; the sidebar was rendered once for each folder, not for each page.
    assert len(shared_by) >= 10
    assert len(kept) == len(set(kept)) and len(kept) < len(asked) / 3
    assert ("partials/nav.html", "konkursi/2020-pavasaris") in kept
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
                         plugins=[], nav=["index.md", {"Sadaļa": ["a/index.md", "a/b/c.md"]}, {"Saite": "y"}], not_in_nav="/a/x.md\n/a/b.md\n/y/z.md\n/y.md",
                         use_directory_urls=directory_urls)
    return config.plugins.on_config(config)


URIS = ("index.md", "a/index.md", "a/b/c.md", "a/x.md", "a/b.md", "y/z.md", "y.md")


def test_a_page_in_the_navigation_or_holding_an_entry_gets_its_own_sidebar(tmp_path):
    pages, nav = _pages(_config(tmp_path), *URIS)
    shared = SharedPartials(True, applies=lambda page: True)
    assert shared.key(pages["a/x.md"], nav) == "a"
    assert shared.key(pages["y/z.md"], nav) == "y"
    # y/ holds the entry "y" (a link without the slash): from y/ it is ".", from its neighbours "../y".
    assert shared.key(pages["y.md"], nav) is None
    # The logo or home link inside a page's folder: the same.
    assert SharedPartials(True, applies=lambda page: True, addresses=("a/x/logo.png",)).key(pages["a/x.md"], nav) is None
    assert SharedPartials(True, applies=lambda page: True, addresses=("assets/logo.png",)).key(pages["a/x.md"], nav) == "a"
    assert shared.key(pages["index.md"], nav) is None  # the root links from another place than its folders
    assert shared.key(pages["a/b.md"], nav) is None  # the entry a/b/c/ lies inside a/b/: its link differs
    pages["a/b/c.md"].active = True
    assert shared.key(pages["a/x.md"], nav) is None  # while an entry (here a/b/c) is active: not shared
    pages["a/b/c.md"].active = False
    assert shared.key(pages["a/x.md"], nav) == "a"
    assert SharedPartials(True, applies=lambda page: False).key(pages["a/x.md"], nav) is None
    # Without directory URLs a page is a file: nothing lies inside it.
    pages, nav = _pages(_config(tmp_path, directory_urls=False), *URIS)
    assert SharedPartials(False, applies=lambda page: True).key(pages["a/b.md"], nav) == "a"


def test_a_projects_own_sidebar_is_rendered_for_every_page(tmp_path):
    # An override in the project's theme may show the page; it is not shared.
    project = copy_project(tmp_path / "projekts")
    override = project / "theme" / "overrides" / "partials" / "nav.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text('<nav class="mana-nav">{{ page.title | e }}</nav>', encoding="utf-8")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    for folder, name in (("cesu-novads", "Cēsu novads"), ("jekabpils-novads", "Jēkabpils novads")):
        page = (tmp_path / "site" / "konkursi" / "2020-pavasaris" / folder / "index.html").read_text(encoding="utf-8")
        assert f'<nav class="mana-nav">{name}: jaunatnes' in page


def test_only_materials_own_partials_are_wrapped(tmp_path):
    from jinja2 import Environment, FileSystemLoader

    material, ours = tmp_path / "material", tmp_path / "ours"
    for folder, text in ((material, "material"), (ours, "ours")):
        (folder / "partials").mkdir(parents=True)
        (folder / "partials" / "search.html").write_text(text, encoding="utf-8")
    (material / "partials" / "nav.html").write_text("material nav", encoding="utf-8")
    loader = SharedPartialsLoader(FileSystemLoader([str(ours), str(material)]), material=str(material))
    env = Environment(loader=loader)
    assert loader.get_source(env, "partials/search.html")[0] == "ours"
    assert "konkursi_partials" in loader.get_source(env, "partials/nav.html")[0]
    assert env.get_template("partials/nav.html").render() == "material nav"  # no konkursi_partials: Material's own
    # A project's override of a partial the sidebar includes (here its entries) may show the page too.
    (ours / "partials" / "nav-item.html").write_text("{{ page.title }}", encoding="utf-8")
    assert loader.get_source(env, "partials/nav.html")[0] == "material nav"
