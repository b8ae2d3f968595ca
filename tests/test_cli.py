"""The konkursi command as an editor uses it: validate, generate, build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from conftest import CALL, run_konkursi

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_validate_ok(mini):
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 0
    assert done.stdout.strip() == "Visi ieraksti ir kārtībā."


def test_validate_lists_all_errors_in_latvian_without_traceback(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-02-30 17:00").replace("quota: 3", "quota: nav"))
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Ierakstos atrastas 2 kļūdas:",
        f'  {CALL_FILE}:2: laukā "closes": datums 2020-02-30 neeksistē',
        f'  {CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "nav"',
    ]
    assert "Traceback" not in done.stderr


def test_validate_json_for_ci_tools(mini):
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 0"))
    done = run_konkursi("validate", "--format", "json", cwd=mini.root)
    assert done.returncode == 1
    assert json.loads(done.stdout) == [{
        "path": CALL_FILE, "line": 3, "column": 0, "field": "quota",
        "message": "skaitlim jābūt ne mazākam par 1, nevis 0", "severity": "error",
    }]


def test_generate_writes_plain_markdown_for_another_engine(mini, tmp_path):
    out = tmp_path / "md"
    done = run_konkursi("generate", "--out", str(out), cwd=mini.root)
    assert done.returncode == 0, done.stderr
    call = (out / "konkursi/2020-pavasaris/cesu-novads.md").read_text(encoding="utf-8")
    front = yaml.safe_load(call.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front["description"].startswith("Cēsu novads (Vidzemes plānošanas reģions): pieteikšanās no ")
    assert front["konkursi_jsonld"]["@type"] == "MonetaryGrant"
    assert "\n---\n\n# Cēsu novads: jaunatnes iniciatīvu projektu konkurss (2020\\. gada pavasaris)\n" in call
    assert "[3. kārta: 2020\\. gada pavasaris](../../kartas/2020-pavasaris.md)" in call
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "abonet.md", "atvertie-dati.md", "index.md", "informacija-medijiem/2020-pavasaris/cesu-novads/index.md",
        "informacija-medijiem/index.md", "kartas/2020-pavasaris.md", "kartas/index.md", "konkursi/2020-pavasaris/cesu-novads.md",
        "konkursi/index.md", "kontakti.md", "meklet.md", "pasvaldibas/cesu-novads.md", "pasvaldibas/index.md", "pieklustamibas-pazinojums.md",
    ]
    assert (out / "kontakti.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith("Vidzemes plānošanas reģions,Cēsu novads,Ilze Bērziņa,")


def test_failed_build_leaves_the_last_good_site_untouched(mini):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    site = mini.root / "site"
    before = snapshot(site)
    assert "konkursi/2020-pavasaris/cesu-novads/index.html" in before
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-02-30 17:00"))
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert f'{CALL_FILE}:2: laukā "closes": datums 2020-02-30 neeksistē' in done.stderr
    assert "Vietne netika veidota; iepriekšējā vietne palika neskarta." in done.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in mini.root.iterdir() if p.name.startswith(".site")) == []


def test_template_mistake_also_leaves_the_site_untouched(mini):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    before = snapshot(mini.root / "site")
    template = mini.root / "theme/pages/call.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("entry.call", "entry.cal", 1), encoding="utf-8")
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert "call.md.j2" in done.stderr and "veidnes kļūda lapai konkursi/2020-pavasaris/cesu-novads.md" in done.stderr
    assert snapshot(mini.root / "site") == before


def test_build_replaces_the_site_after_success(mini):
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    assert run_konkursi("build", cwd=mini.root).returncode == 0
    html = (mini.root / "site/konkursi/2020-pavasaris/cesu-novads/index.html").read_text(encoding="utf-8")
    assert "2 projekti" in html


def test_now_option_changes_statuses(mini):
    home = mini.root / "site/index.html"
    assert run_konkursi("build", cwd=mini.root).returncode == 0  # mkdocs.yml fixes now at 2020-04-20
    no_open = '<p class="konkursi-empty" data-section="open" data-search-exclude>Pašlaik pieteikšanās nav atvērta nevienā pašvaldībā.</p>'
    assert no_open in home.read_text(encoding="utf-8")
    early = run_konkursi("build", "--now", "2020-04-01 10:00", cwd=mini.root)
    assert early.returncode == 0, early.stderr
    html = home.read_text(encoding="utf-8")
    assert no_open not in html  # kept for the browser, hidden
    assert '<p class="konkursi-empty" data-section="open" data-search-exclude hidden>' in html
    assert "konkursi-status--open" in html
    bad = run_konkursi("build", "--now", "rīt", cwd=mini.root)
    assert bad.returncode == 2
    assert 'iestatījumā --now: jābūt datumam un laikam formā GGGG-MM-DD SS:MM' in bad.stderr


def test_generated_page_may_not_replace_a_hand_written_one(mini):
    mini.write("content/kontakti.md", "# Mūsu kontakti\n")
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert "kontakti.md: šo lapu veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu" in done.stderr


def test_the_plugin_and_the_command_line_read_the_same_options_with_the_same_defaults():
    from konkursi.cli import _OPTION_TYPES
    from konkursi.options import OPTIONS
    from konkursi.engines.mkdocs_plugin import KonkursiConfig

    config = KonkursiConfig()
    config.load_dict({})
    errors, _ = config.validate()
    assert errors == []
    assert set(_OPTION_TYPES) == {option.name for option in OPTIONS} == {name for name, _ in KonkursiConfig._schema}
    for option in OPTIONS:
        assert config[option.name] == option.default, option.name
