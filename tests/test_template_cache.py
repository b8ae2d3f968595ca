"""Compiled templates kept between builds: a template edit always shows, a damaged cache never breaks a build."""

from __future__ import annotations

import os
import subprocess
import sys

from test_cli import snapshot

CACHE = ".cache/konkursi/templates"
CALL_PAGE = "site/konkursi/2020-pavasaris/cesu-novads/index.html"


def build(mini) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini.root, env=env,
                          capture_output=True, text=True)


def test_a_build_keeps_compiled_templates_and_the_next_build_gives_the_same_site(mini):
    assert build(mini).returncode == 0
    cached = sorted((mini.root / CACHE).iterdir())
    assert len(cached) > 20, "konkursi's templates and the theme's"
    first = snapshot(mini.root / "site")
    assert build(mini).returncode == 0
    assert snapshot(mini.root / "site") == first
    assert sorted((mini.root / CACHE).iterdir()) == cached, "nothing compiled anew"


def test_an_edited_page_template_shows_in_the_next_build(mini):
    assert build(mini).returncode == 0
    template = mini.root / "theme/pages/call.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nLabots veidnē.\n", encoding="utf-8")
    assert build(mini).returncode == 0
    assert "Labots veidnē." in (mini.root / CALL_PAGE).read_text(encoding="utf-8")


def test_an_edited_theme_override_shows_in_the_next_build(mini):
    assert build(mini).returncode == 0
    override = mini.root / "theme/overrides/main.html"
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace("{% block extrahead %}", "{% block extrahead %}<!-- labots -->", 1), encoding="utf-8")
    assert build(mini).returncode == 0
    assert "<!-- labots -->" in (mini.root / CALL_PAGE).read_text(encoding="utf-8")


def test_a_damaged_cache_is_compiled_anew(mini):
    assert build(mini).returncode == 0
    first = snapshot(mini.root / "site")
    for path in (mini.root / CACHE).iterdir():
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    done = build(mini)
    assert done.returncode == 0, done.stderr
    assert snapshot(mini.root / "site") == first


def test_an_empty_cache_dir_keeps_nothing(mini):
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - konkursi:\n", "  - konkursi:\n      cache_dir: ''\n"), encoding="utf-8")
    assert "cache_dir: ''" in config.read_text(encoding="utf-8")
    assert build(mini).returncode == 0
    assert not (mini.root / ".cache").exists()


def test_the_cache_does_not_keep_an_environment_alive():
    # Every preview rebuild makes new environments (the theme's holds the whole catalogue in
    # its globals): the shared cache must let the last build's go.
    import gc
    import weakref

    from jinja2 import DictLoader, Environment

    from konkursi.outputs.templates import COMPILED

    env = Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=COMPILED)
    env.globals["catalogue"] = ["a whole site"]
    assert env.get_template("t").render() == "2"
    gone = weakref.ref(env)
    del env
    gc.collect()
    assert gone() is None
