"""The MkDocs plugin: generated pages join the build and `mkdocs serve` watches the records."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config


class RecordingServer:
    def __init__(self):
        self.watched: list[str] = []

    def watch(self, path: str, *args) -> None:
        self.watched.append(path)


def test_serve_watches_records_and_templates(mini):
    config = load_config(str(mini.root / "mkdocs.yml"))
    plugin = config.plugins["konkursi"]
    config = config.plugins.on_config(config)
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    watched = {Path(p).relative_to(mini.root).as_posix() for p in server.watched}
    assert watched == {"programme.yml", "municipalities", "calls", "theme/pages"}


def test_call_pages_are_added_but_kept_out_of_the_nav(mini):
    from mkdocs.structure.files import Files

    config = load_config(str(mini.root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins["konkursi"].on_files(Files([]), config=config)
    by_uri = {f.src_uri: f for f in files}
    assert by_uri["konkursi/2020-pavasaris/cesu-novads.md"].inclusion.is_not_in_nav()
    assert not by_uri["konkursi/index.md"].inclusion.is_not_in_nav()
    assert "# Cēsu novads" in by_uri["pasvaldibas/cesu-novads.md"].content_string
