"""Generated pages are converted with one Markdown instance per build, and come out exactly as
MkDocs' own per-page conversion makes them (konkursi.speedups.converter)."""

from __future__ import annotations

from pathlib import Path

import markdown.extensions.toc
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import konkursi.speedups as speedups
from konkursi.speedups.converter import RESETTING_EXTENSIONS, Converter, reusable
from konkursi.speedups.engine import enabled_on
from konkursi.engines.pages import GeneratedPage

from conftest import REPO, copy_project, needs_speedups

pytestmark = needs_speedups("converter")


def _toc(toc) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in toc]


def _converted(page: Page) -> tuple:
    return (page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids,
            {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()}, page.title)


def _both_ways(config, files: Files, sources: list[File]) -> tuple[list, list]:
    """Each file's page converted by MkDocs' Page.render and by one shared Converter, in order."""
    converter = Converter()
    by_mkdocs, by_converter = [], []
    for file in sources:
        for results, render in ((by_mkdocs, None), (by_converter, converter.render)):
            page = Page(None, file, config)
            page.read_source(config)
            if render is None:
                page.render(config, files)
            else:
                render(page, config, files)
            results.append(_converted(page))
    return by_mkdocs, by_converter


def test_every_generated_page_of_the_example_converts_as_mkdocs_converts_it(tmp_path):
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))  # never the repository's site/
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert reusable(config)
    files = config.plugins["konkursi"].on_files(Files([]), config=config)
    generated = [file for file in files if isinstance(file, GeneratedPage)]
    assert len(generated) > 30
    by_mkdocs, by_converter = _both_ways(config, files, generated)
    differing = [file.src_uri for file, a, b in zip(generated, by_mkdocs, by_converter) if a != b]
    assert differing == []
    # The comparison sees what a reader sees: headings in the contents, links made relative.
    call = next(i for i, file in enumerate(generated) if file.src_uri == "konkursi/2020-pavasaris/cesu-novads.md")
    content, toc, title, *_ = by_converter[call]
    assert title.startswith("Cēsu novads") and any(entry[0] == "Kontaktpersona" for entry in toc[0][3])
    assert 'href="../../../kartas/2020-pavasaris/"' in content


def test_nothing_of_one_page_carries_over_into_the_next(tmp_path):
    # Python-Markdown's stateful extensions (references, footnotes, abbreviations, the contents)
    # must start afresh on every page, or one page would show another's links or notes.
    (tmp_path / "docs").mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"), plugins=[])
    config = config.plugins.on_config(config)
    config.markdown_extensions += ["footnotes", "abbr"]
    assert reusable(config)
    first = File.generated(config, "a.md", content=(
        "# Pirmā\n\n## Sadaļa\n\nSkatīt [nolikumu][n] un *HTML*.[^1]\n\n"
        "[n]: https://cesis.lv/nolikums.pdf\n[^1]: Piezīme.\n*[HTML]: HyperText Markup Language\n"))
    second = File.generated(config, "b.md", content=(
        "# Otrā\n\nSkatīt [nolikumu][n] un *HTML*, [pirmo lapu](a.md#sadala).[^1]\n"))
    files = Files([first, second])
    by_mkdocs, by_converter = _both_ways(config, files, [first, second])
    assert by_converter == by_mkdocs
    content, toc, *_ = by_converter[1]
    assert "cesis.lv" not in content and "<abbr" not in content and "Piezīme" not in content
    assert [entry[0] for entry in toc] == ["Otrā"]
    assert 'href="../a/#sadala"' in content


@pytest.mark.parametrize("extension", ["pymdownx.tasklist", markdown.extensions.toc.TocExtension()])
def test_an_extension_that_may_keep_state_leaves_the_conversion_to_mkdocs(extension):
    config = load_config(str(REPO / "mkdocs.yml"))
    config.markdown_extensions.append(extension)
    assert not reusable(config)


@pytest.mark.parametrize("extension, options", [("footnotes", {"UNIQUE_IDS": True}),
                                                ("extra", {"footnotes": {"UNIQUE_IDS": True}})])
def test_numbered_footnotes_leave_the_conversion_to_mkdocs(extension, options):
    # Their ids count the documents one instance converted: fn:2-1 on a new one, fn:3-1 … on a reused one.
    config = load_config(str(REPO / "mkdocs.yml"))
    config.markdown_extensions.append(extension)
    config.mdx_configs[extension] = options
    assert not reusable(config)


DOCUMENTS = [
    "# Pirmā\n\n## Sadaļa\n\nTeksts[^1] ar [saiti][s], *HTML* un \"pēdiņām\" -- [[WikiLapa]].\n\n"
    "[s]: https://cesis.lv/\n[^1]: Piezīme.\n*[HTML]: HyperText Markup Language\n\n!!! note \"Piezīme\"\n    Teksts.\n",
    "---\ntitle: Otrā\n---\n# Otrā\n\n## Sadaļa\n\nTeksts[^1], [saite][s], HTML.\n\n[^1]: Cita.\n\n"
    "Termins\n:   Skaidrojums\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div markdown>*iekšā*</div>\n\n```\nkods\n```\n",
]


@pytest.mark.parametrize("extension", sorted(RESETTING_EXTENSIONS))
def test_each_extension_counted_as_resetting_converts_a_second_page_as_a_new_instance(extension):
    # What reusable() trusts: after reset(), an instance converts as a new one does.
    import markdown

    shared = markdown.Markdown(extensions=[extension])
    for document in DOCUMENTS:
        shared.reset()
        assert shared.convert(document) == markdown.Markdown(extensions=[extension]).convert(document)


def test_another_mkdocs_release_leaves_the_conversion_to_mkdocs(monkeypatch):
    config = load_config(str(REPO / "mkdocs.yml"))
    assert reusable(config)
    monkeypatch.setitem(speedups.PROVEN, "converter", {**speedups.PROVEN["converter"], "mkdocs": "1.6.0"})
    speedups._versions_match.cache_clear()
    try:
        assert not reusable(config)
    finally:
        monkeypatch.undo()
        speedups._versions_match.cache_clear()


def test_properdocs_converts_its_pages_itself(monkeypatch):
    config = load_config(str(REPO / "mkdocs.yml"))
    monkeypatch.setattr("konkursi.speedups.converter.enabled_on", lambda names: enabled_on(names, "properdocs"))
    assert not reusable(config)


def _site(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_site_is_byte_for_byte_the_site_mkdocs_alone_converts(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "projekts")
    used = []
    render = Converter.render
    monkeypatch.setattr(Converter, "render", lambda self, page, config, files: used.append(page.file.src_uri) or render(self, page, config, files))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "shared")))
    generated = set(used)
    monkeypatch.setenv(speedups.SWITCH, "-converter")
    used.clear()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "per-page")))
    assert used == []
    assert "konkursi/2020-pavasaris/cesu-novads.md" in generated and "par-projektu.md" not in generated  # hand-written: MkDocs converts it
    shared, per_page = _site(tmp_path / "shared"), _site(tmp_path / "per-page")
    assert len(shared) > 100
    assert [path for path in shared if shared[path] != per_page.get(path)] == []
    assert shared.keys() == per_page.keys()
