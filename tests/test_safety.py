"""Safety: nothing an editor types or configures hurts visitors, the sources or the published site.

Each test here is one of the failures a hostile-input review found (issue 15), as a user meets it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from _search_helpers import indexed_pages
from conftest import CALL, MUNICIPALITY, ROUND, run_konkursi
from test_cli import CALL_FILE, snapshot

MUNICIPALITY_FILE = "municipalities/cesu-novads.yml"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
SOURCES = ("calls", "municipalities", "content", "theme", "programme.yml", "mkdocs.yml")


def project_state(root: Path) -> dict[str, str]:
    return {part: snapshot(root / part) if (root / part).is_dir() else (root / part).read_text(encoding="utf-8")
            for part in SOURCES}


# --- 1, 5, 8, 10: which characters record text may hold -------------------------------------------

@pytest.mark.parametrize("escape, shown", [
    ("\\x7f", "U+007F"), ("\\x85", "U+0085"), ("\\x9b", "U+009B"), ("\\x1b[2J", "U+001B"), ("\\x01", "U+0001"),
    ("\\u202e", "U+202E"), ("\\ufffe", "U+FFFE"), ("\\uffff", "U+FFFF"), ("\\ud800", "U+D800"), ("\\u2028", "U+2028"),
    ("\\ue000", "U+E000"),
])
def test_a_control_or_unassigned_character_in_a_name_is_refused_with_file_line_and_field(mini, escape, shown):
    mini.write(MUNICIPALITY_FILE, MUNICIPALITY.replace("name: Cēsu novads", f'name: "Cēsu novads{escape}<script>alert(1)</script>"'))
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert f'{MUNICIPALITY_FILE}:1: laukā "name": vērtības 12. rakstzīme {shown}' in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr


def test_a_control_character_in_a_round_title_stops_the_build_and_keeps_the_site(mini):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    mini.write(ROUND_FILE, ROUND.replace("title: 2020. gada pavasaris", 'title: "2020. gada pavasaris\\x7f<script>alert(1)</script>"'))
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert f'{ROUND_FILE}:2: laukā "title"' in done.stderr
    assert "Aborted with a BuildError" not in done.stdout + done.stderr
    assert snapshot(mini.root / "site") == before


def test_emoji_and_markup_in_a_name_stay_text_in_the_title_json_ld_and_search(mini, tmp_path):
    name = 'Cēsu novads 😀 "</script><script>alert(1)</script>'
    mini.write(MUNICIPALITY_FILE, MUNICIPALITY.replace("name: Cēsu novads", f"name: {json.dumps(name, ensure_ascii=False)}"))
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    site = mini.root / "site"
    call = BeautifulSoup((site / "konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [s for s in call.find_all("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1 and json.loads(scripts[0].string)["funder"]["name"] == name
    assert not [s for s in call.find_all("script") if s.get("type") != "application/ld+json" and "alert(" in s.get_text()]
    assert "<script>alert(1)" not in (site / "konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8")
    releases = list((site / "informacija-medijiem").rglob("index.html"))
    release = next(p for p in releases if "cesu-novads" in p.as_posix())
    page = BeautifulSoup(release.read_text(encoding="utf-8"), "html.parser")
    assert "😀" in page.title.get_text() and page.title.get_text() != "Index"
    assert not [h for h in page.find_all(["h1", "h2"]) if h.get_text().startswith("title:")]
    indexed = indexed_pages(site)
    release_url = "/" + release.parent.relative_to(site).as_posix() + "/"
    assert not [url for url in indexed if url.startswith(release_url)], "a call's release stays out of search"
    assert indexed["/konkursi/2020-pavasaris/cesu-novads/"]["meta"]["municipality"] == name  # whole, as text


def test_generated_pages_reach_mkdocs_without_front_matter(mini):
    from mkdocs.utils import meta

    from konkursi.project import Project, generate

    # A name is one line (a line break in it is refused); a note may hold lines that look like front matter.
    mini.write(MUNICIPALITY_FILE, MUNICIPALITY.replace("name: Cēsu novads", 'name: "title: x---Cēsu"'))
    mini.write(CALL_FILE, CALL + 'note: "---\\ntitle: x\\n---\\nCēsu"\n')
    result = generate(Project.at(mini.root, now="2020-04-20 12:00"))
    for page in result.pages:
        markdown, found = meta.get_data(page.body)
        assert found == {} and markdown == page.body.lstrip("\n"), page.path
    call = next(p for p in result.pages if p.kind == "call")
    assert call.metadata["konkursi_jsonld"]["funder"]["name"] == "title: x---Cēsu"
    mini.write(MUNICIPALITY_FILE, MUNICIPALITY.replace("name: Cēsu novads", 'name: "title: x\\n---\\nCēsu"'))
    assert any('laukā "name": šim tekstam jābūt vienā rindā' in problem for problem in mini.problems())


# --- 2: the output folder ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, config", [
    (["-d", "."], ""), ([], "site_dir: ."), (["-d", "calls"], ""), ([], "site_dir: calls"),
    (["-d", "municipalities"], ""), (["-d", "content"], ""), (["-d", "theme/pages"], ""), (["-d", "calls/x"], ""),
    (["-d", ".."], ""), (["-d", ".git"], ""), (["-d", "mkdocs.yml"], ""), (["-d", "extra"], ""),
])
def test_build_refuses_an_output_folder_that_would_replace_sources(mini, args, config):
    subprocess.run(["git", "init", "-q", str(mini.root)], check=True)
    (mini.root / "extra").mkdir()
    (mini.root / "extra/notes.txt").write_text("mine", encoding="utf-8")
    if config:
        (mini.root / "mkdocs.yml").write_text((mini.root / "mkdocs.yml").read_text(encoding="utf-8") + f"\n{config}\n", encoding="utf-8")
    before = project_state(mini.root)
    done = run_konkursi("build", *args, cwd=mini.root)
    assert done.returncode == 1, done.stdout
    assert "konkursi build: " in done.stderr and "Traceback" not in done.stderr
    assert project_state(mini.root) == before
    assert (mini.root / ".git/HEAD").is_file() and (mini.root / "extra/notes.txt").read_text() == "mine"


def test_generate_refuses_to_overwrite_files_it_did_not_write(mini, tmp_path):
    out = tmp_path / "cits"
    (out / "konkursi").mkdir(parents=True)
    (out / "index.md").write_text("mana lapa", encoding="utf-8")
    done = run_konkursi("generate", "--out", str(out), cwd=mini.root)
    assert done.returncode == 1 and "index.md" in done.stderr
    assert (out / "index.md").read_text(encoding="utf-8") == "mana lapa"
    assert run_konkursi("generate", "--out", ".", cwd=mini.root).returncode == 1
    fresh = tmp_path / "jauns"
    assert run_konkursi("generate", "--out", str(fresh), cwd=mini.root).returncode == 0
    assert run_konkursi("generate", "--out", str(fresh), cwd=mini.root).returncode == 0, "its own files it may rewrite"


# --- 5, 7: failures of the machine, permissions, leftovers, the swap --------------------------------

def test_the_built_site_is_readable_by_a_web_server_and_leaves_nothing_beside_it(mini):
    old = os.umask(0o022)
    try:
        assert run_konkursi("build", cwd=mini.root).returncode == 0
        assert run_konkursi("build", cwd=mini.root).returncode == 0
    finally:
        os.umask(old)
    site = mini.root / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


def test_the_swap_never_leaves_a_moment_without_a_site(tmp_path):
    from konkursi.delivery.sitedir import swap_in

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0")
    missing = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            if not (site / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(1, 200):
            new = tmp_path / f".site.new-{number}"
            new.mkdir()
            (new / "index.html").write_text(str(number))
            swap_in(new, site)
    finally:
        done.set()
        watcher.join()
    assert missing == []
    assert (site / "index.html").read_text() == "199"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_second_build_of_the_same_site_at_once_is_refused_in_latvian(mini):
    from konkursi.delivery.sitedir import locked

    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    with locked(mini.root):
        done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert "jau tiek veidota vietne (darbojas cits konkursi build)" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(mini.root / "site") == before


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "diskā nav brīvas vietas"), (errno.EROFS, "tikai lasīšanai"),
                                         (errno.EACCES, "nav atļaujas")])
def test_a_full_or_read_only_disk_is_a_latvian_message_and_the_site_stays(mini, monkeypatch, capsys, code, words):
    import konkursi.cli as cli

    monkeypatch.chdir(mini.root)
    assert cli.main(["build"]) == 0
    before = snapshot(mini.root / "site")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(mini.root / "site"))

    monkeypatch.setattr(cli, "swap_in", fail)
    capsys.readouterr()
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert words in err and "iepriekšējā vietne palika neskarta" in err
    assert snapshot(mini.root / "site") == before
    assert [p.name for p in mini.root.iterdir() if p.name.startswith(".site")] == []


# --- 5, 9: dates and times -------------------------------------------------------------------------

@pytest.mark.parametrize("closes, message", [
    ("0001-01-01 10:00", "datumam 0001-01-01 jābūt no 1991. līdz 2099. gadam"),
    ("9999-12-31 10:00", "datumam 9999-12-31 jābūt no 1991. līdz 2099. gadam"),
    ("1900-04-15 17:00", "datumam 1900-04-15 jābūt no 1991. līdz 2099. gadam"),
    ("2020-10-25 03:30", "laiks 2020-10-25 03:30 Rīgā atkārtojas divreiz"),
])
def test_dates_out_of_range_and_ambiguous_hours_are_refused(mini, closes, message):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", f"closes: {closes}"))
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f'{CALL_FILE}:2: laukā "closes": {message}' in done.stderr


@pytest.mark.parametrize("args, env", [
    (["--now", "0001-01-01 00:00"], {}), (["--now", "9999-12-31T23:59+00:00"], {}),
    ([], {"SOURCE_DATE_EPOCH": "253402300799"}), ([], {"SOURCE_DATE_EPOCH": "-62135596800"}),
])
def test_an_impossible_now_is_a_latvian_message(mini, args, env):
    environment = {k: v for k, v in os.environ.items() if k != "KONKURSI_NOW"}
    config = mini.root / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines()
                                if not line.strip().startswith("now:")) + "\n", encoding="utf-8")
    done = run_konkursi("build", *args, cwd=mini.root, env={**environment, **env})
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr and "1991" in done.stderr


# --- 6: validate and build agree --------------------------------------------------------------------

@pytest.mark.parametrize("stray", ["cesu-novads.yml~", "cesu-novads.bak", "piezimes.txt"])
def test_a_stray_file_is_named_by_validate_and_does_not_stop_the_build(mini, stray):
    mini.write(f"calls/2020-pavasaris/{stray}", "x")
    checked = run_konkursi("validate", cwd=mini.root)
    built = run_konkursi("build", cwd=mini.root)
    assert checked.returncode == 0 and built.returncode == 0, built.stdout + built.stderr
    assert f"calls/2020-pavasaris/{stray}: brīdinājums: fails netiek lasīts" in checked.stderr
    assert f"calls/2020-pavasaris/{stray}: brīdinājums: fails netiek lasīts" in built.stderr


def test_a_call_outside_its_rounds_period_is_a_warning_in_validate_and_build_alike(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-08-15 17:00"))
    checked = run_konkursi("validate", cwd=mini.root)
    built = run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (0, 0), built.stderr
    warning = next(line for line in checked.stderr.splitlines() if "brīdinājums" in line)
    assert warning.strip() in built.stderr


# --- 10: error text ----------------------------------------------------------------------------------

def test_raw_control_bytes_and_a_second_document_get_latvian_messages_with_lines(mini):
    mini.write(CALL_FILE, CALL.encode() + b"note: ab\x01c\n")
    mini.write(ROUND_FILE, ROUND + "---\nnumber: 4\n")
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert f"{CALL_FILE}:7:" in done.stderr and "neatļauta rakstzīme U+0001" in done.stderr
    assert f"{ROUND_FILE}:6:" in done.stderr and "tikai viens ieraksts" in done.stderr
    assert "unacceptable" not in done.stderr and "found another" not in done.stderr


def test_terminal_escapes_in_a_file_name_are_not_echoed(mini):
    mini.write("calls/2020-pavasaris/x\x1b]0;pwned\x07\x1b[2J.yml", CALL)
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\\u001b" in done.stderr


# --- what an independent hostile-input review found after the first fixes -------------------------

def test_generate_never_marks_a_folder_of_user_files_for_build_to_replace(mini, tmp_path):
    folder = tmp_path / "darbs"
    folder.mkdir()
    (folder / "diplomdarbs.txt").write_text("mans", encoding="utf-8")
    assert run_konkursi("generate", "--out", str(folder), cwd=mini.root).returncode == 0
    done = run_konkursi("build", "-d", str(folder), cwd=mini.root)
    assert done.returncode == 1 and "ko nav izveidojis konkursi" in done.stderr
    assert (folder / "diplomdarbs.txt").read_text(encoding="utf-8") == "mans"


@pytest.mark.parametrize("option, value", [
    ("outputs", '{contacts_csv: "../programme.yml"}'), ("outputs", '{calls_csv: "/tmp/konkursi-pwn.csv"}'),
    ("paths", '{call: "../calls/{round}/{municipality}.md"}'), ("paths", '{call: "{nope}.md"}'),
])
def test_configured_paths_stay_inside_the_site_and_validate_says_so_as_build_does(mini, option, value):
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '      now: "2020-04-20 12:00"', f'      now: "2020-04-20 12:00"\n      {option}: {value}'), encoding="utf-8")
    before = project_state(mini.root)
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert checked.returncode == built.returncode == 1
    assert f'mkdocs.yml: laukā "plugins.konkursi.{option}.' in checked.stderr
    assert project_state(mini.root) == before and not Path("/tmp/konkursi-pwn.csv").exists()


@pytest.mark.parametrize("config, env", [
    ('      now: "2020-02-30 12:00"', {}), ("", {"KONKURSI_NOW": "nekad"}), ("site_url: ", {}),
])
def test_validate_and_build_agree_on_settings(mini, config, env):
    path = mini.root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    if config.startswith("site_url"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith("site_url:")) + "\n"
    elif config:
        text = text.replace('      now: "2020-04-20 12:00"', config)
    path.write_text(text, encoding="utf-8")
    checked, built = run_konkursi("validate", cwd=mini.root, env=env), run_konkursi("build", cwd=mini.root, env=env)
    assert (checked.returncode, built.returncode) == (1, 1), checked.stdout
    assert "Traceback" not in checked.stderr + built.stderr


def test_plugins_written_as_a_mapping_are_read_by_every_command(mini):
    (mini.root / "calls").rename(mini.root / "ieraksti")
    path = mini.root / "mkdocs.yml"
    text, replaced = re.subn(r"plugins:\n(  #.*\n)*  - konkursi:\n", "plugins:\n  search: {}\n  konkursi:\n      calls: ieraksti\n",
                             path.read_text(encoding="utf-8"))
    assert replaced == 1
    path.write_text(text, encoding="utf-8")
    assert run_konkursi("validate", cwd=mini.root).returncode == 0
    done = run_konkursi("build", "-d", "ieraksti/x", cwd=mini.root)
    assert done.returncode == 1 and "pārklājas ar projekta avotu ieraksti" in done.stderr


@pytest.mark.parametrize("option, value, words", [
    ("paths", '"x"', "plugins.konkursi.paths jābūt laukiem"), ("calls", "5", "plugins.konkursi.calls jābūt tekstam"),
    ("templates", "[1]", "plugins.konkursi.templates jābūt tekstam"),
])
def test_settings_of_the_wrong_kind_are_a_latvian_message(mini, option, value, words):
    path = mini.root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '      now: "2020-04-20 12:00"', f'      now: "2020-04-20 12:00"\n      {option}: {value}'), encoding="utf-8")
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr


def test_the_template_cache_may_not_go_into_the_sources(mini):
    path = mini.root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '      now: "2020-04-20 12:00"', '      now: "2020-04-20 12:00"\n      cache_dir: content'), encoding="utf-8")
    before = project_state(mini.root)
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1 and "cache_dir" in done.stderr
    assert project_state(mini.root) == before


def test_commands_that_write_files_fail_in_latvian(mini):
    (mini.root / "piezimes.txt").write_text("mans", encoding="utf-8")
    schema = run_konkursi("schema", "--out", "piezimes.txt", cwd=mini.root)
    long = run_konkursi("new", "municipality", "--name", "A" * 300, cwd=mini.root)
    late = run_konkursi("build", "--now", "2150-01-01 12:00", cwd=mini.root)
    for done in (schema, long, late):
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "ir fails, nevis mape" in schema.stderr and "pārāk garš" in long.stderr and "2099" in late.stderr


@pytest.mark.parametrize("args", [
    ["validate", "-f", "\x1b[31mx.yml"], ["deploy", "--branch", "\x1b]0;PWNED\x07b"], ["new", "municipality", "--name", "\x1b]0;X\x07Rīga"],
])
def test_arguments_with_terminal_escapes_are_refused_and_not_echoed(mini, args):
    done = run_konkursi(*args, cwd=mini.root)
    assert done.returncode == 2 and "\x1b" not in done.stderr + done.stdout and "\\u001b" in done.stderr
    assert not list((mini.root / "municipalities").glob("*r*ga*.yml"))


def test_a_link_inside_the_project_to_a_file_that_is_no_record_is_not_read(mini):
    (mini.root / ".env").write_text("ghp_SECRETTOKEN123\n", encoding="utf-8")
    (mini.root / "municipalities/env.yml").symlink_to("../.env")
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1 and "ghp_SECRET" not in done.stderr and "municipalities/env.yml" in done.stderr


def test_an_output_folder_that_is_a_symlink_is_refused(mini, tmp_path):
    (mini.root / "saite").symlink_to(tmp_path)
    done = run_konkursi("build", "-d", "saite", cwd=mini.root)
    assert done.returncode == 1 and "simboliskā saite" in done.stderr
    assert (mini.root / "saite").is_symlink()


# --- a second hostile-input review, after the mends -------------------------------------------------

def _configure(mini, lines: str) -> None:
    path = mini.root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '      now: "2020-04-20 12:00"', '      now: "2020-04-20 12:00"\n' + lines), encoding="utf-8")


@pytest.mark.parametrize("option, value", [
    ("outputs", '{call_calendar: "{round:.<2.0}/programme{municipality:.0}.yml"}'),
    ("outputs", '{call_calendar: "{round:/<1.0}tmp/konkursi-abs-{municipality}.ics"}'),
    ("paths", '{call: "konkursi/{round!r}/{municipality}.md"}'),
])
def test_a_format_spec_cannot_make_a_path_leave_the_site(mini, option, value):
    _configure(mini, f"      {option}: {value}")
    before = project_state(mini.root)
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert checked.returncode == built.returncode == 1
    assert "bez formāta" in checked.stderr
    assert project_state(mini.root) == before and not list(Path("/tmp").glob("konkursi-abs-*"))


@pytest.mark.parametrize("cache", ["../outside", "content/x", "calls", ".git", "theme/x"])
def test_validate_and_build_refuse_a_cache_dir_among_the_sources(mini, cache):
    subprocess.run(["git", "init", "-q", str(mini.root)], check=True)
    _configure(mini, f'      cache_dir: "{cache}"')
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (1, 1)
    assert "cache_dir" in checked.stderr and "cache_dir" in built.stderr
    assert not (mini.root / ".git/templates").exists() and not (mini.root / "theme/x").exists()


def test_inherit_and_env_in_mkdocs_yml_are_read_as_mkdocs_reads_them(mini):
    (mini.root / "mkdocs.yml").rename(mini.root / "base.yml")
    text = (mini.root / "base.yml").read_text(encoding="utf-8")
    site_url = next(line for line in text.splitlines() if line.startswith("site_url:"))
    (mini.root / "base.yml").write_text(text.replace(site_url, 'site_url: !ENV [KONKURSI_TEST_URL, "https://x.example/"]'), encoding="utf-8")
    (mini.root / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (0, 0), checked.stderr


@pytest.mark.parametrize("line", ["      calls_dir: x", "use_directory_urls: varbūt"])
def test_validate_reports_what_mkdocs_refuses_in_its_settings(mini, line):
    if line.startswith(" "):
        _configure(mini, line)
    else:
        path = mini.root / "mkdocs.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (1, 1)
    assert "MkDocs iestatījumu kļūda" in checked.stderr


@pytest.mark.parametrize("epoch", ["abc", "99999999999999999999", "１６００００００００"])
def test_source_date_epoch_is_checked_even_when_now_is_fixed(mini, epoch):
    for command in ("validate", "build"):
        done = run_konkursi(command, cwd=mini.root, env={"SOURCE_DATE_EPOCH": epoch})
        assert done.returncode == 1 and "SOURCE_DATE_EPOCH" in done.stderr and "Traceback" not in done.stderr


def test_a_mkdocs_yml_not_in_utf8_is_a_latvian_message(mini):
    with open(mini.root / "mkdocs.yml", "ab") as config:
        config.write(b"\nextra_css_x: \xe9\xe9\n")
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1 and "nav UTF-8" in done.stderr and "Traceback" not in done.stderr


def test_generate_replaces_links_in_its_folder_and_never_writes_through_them(mini, tmp_path):
    out = tmp_path / "izvade"
    assert run_konkursi("generate", "--out", str(out), cwd=mini.root).returncode == 0
    guarded = mini.root / "content/ka-publicet.md"
    before = guarded.read_text(encoding="utf-8")
    (out / "kontakti.md").unlink()
    os.link(guarded, out / "kontakti.md")
    (out / "pasvaldibas/index.md").unlink()
    (out / "pasvaldibas/index.md").symlink_to(mini.root / "programme.yml")
    victim = tmp_path / "upuris"
    victim.mkdir()
    (out / "kartas").rename(tmp_path / "kartas-vecas")
    (out / "kartas").symlink_to(victim)
    done = run_konkursi("generate", "--out", str(out), cwd=mini.root)
    assert guarded.read_text(encoding="utf-8") == before
    assert "Cēsu novads" not in (mini.root / "programme.yml").read_text(encoding="utf-8")
    assert list(victim.iterdir()) == []
    assert done.returncode == 1 and "simboliskā saite" in done.stderr


def test_schema_refuses_the_sources_and_replaces_a_link_instead_of_writing_through(mini, tmp_path):
    assert run_konkursi("schema", "--out", "calls", cwd=mini.root).returncode == 1
    out = tmp_path / "shemas"
    out.mkdir()
    (out / "programme.schema.json").symlink_to(mini.root / "programme.yml")
    before = (mini.root / "programme.yml").read_text(encoding="utf-8")
    assert run_konkursi("schema", "--out", str(out), cwd=mini.root).returncode == 0
    assert (mini.root / "programme.yml").read_text(encoding="utf-8") == before
    assert not (out / "programme.schema.json").is_symlink()


def test_new_never_writes_through_a_round_folder_linked_from_outside(mini, tmp_path):
    outside = tmp_path / "cita"
    outside.mkdir()
    (outside / "_round.yml").write_text(ROUND, encoding="utf-8")
    (mini.root / "calls/zz").symlink_to(outside)
    done = run_konkursi("new", "call", "--round", "zz", "--municipality", "cesu-novads", cwd=mini.root)
    assert done.returncode == 1 and sorted(p.name for p in outside.iterdir()) == ["_round.yml"]


# --- a third review ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    ('{calls_json: ".konkursi-site"}', "jābeidzas ar .json"), ('{calls_json: "dati/.konkursi-site.json"}', "slēptām daļām"),
    ('{calls_csv: "x.html"}', "jābeidzas ar .csv"), ('{feed: "abonet/x.xml"}', "trūkst vietas {format}"),
    ('{calls_json: "search/search_index.json"}', "aizņemtu MkDocs"), ('{kalendars: "x.ics"}', "nezināms ceļa veids"),
])
def test_an_output_keeps_its_kind_its_places_and_its_own_name(mini, value, words):
    _configure(mini, f"      outputs: {value}")
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (1, 1)
    assert words in checked.stderr and words in built.stderr


def test_an_inherit_loop_is_a_latvian_message(mini):
    path = mini.root / "mkdocs.yml"
    path.write_text("INHERIT: mkdocs.yml\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    for command in ("validate", "build"):
        done = run_konkursi(command, cwd=mini.root)
        assert done.returncode == 1 and "INHERIT veido cilpu" in done.stderr and "Traceback" not in done.stderr


def test_validate_knows_the_hand_written_pages_a_generated_one_would_replace(mini):
    mini.write("content/index.md", "# Mana sākumlapa\n")
    checked, built = run_konkursi("validate", cwd=mini.root), run_konkursi("build", cwd=mini.root)
    assert (checked.returncode, built.returncode) == (1, 1)
    assert "index.md: šo lapu veido konkursi" in checked.stderr


def test_generate_makes_no_folder_through_a_linked_sub_folder(mini, tmp_path):
    out, victim = tmp_path / "izvade", tmp_path / "upuris"
    out.mkdir()
    victim.mkdir()
    (out / "kalendars").symlink_to(victim)
    done = run_konkursi("generate", "--out", str(out), cwd=mini.root)
    assert done.returncode == 1 and list(victim.iterdir()) == []
