"""The web editor (issue 19): Decap CMS's config made from the record model, its files in the built site,
the admin: options of mkdocs.yml, the file server of `konkursi edit`, records as the form writes them, and
the preview's notice of record errors.

The golden config (tests/golden/cms/config.yml) is what `konkursi build` writes for the repository's own
mkdocs.yml; after an intended change: ``KONKURSI_UPDATE_GOLDEN=1 scripts/test.sh tests/test_cms.py`` and
review ``git diff tests/golden``.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from mkdocs.config import load_config

from _feeds_helpers import check_golden, publish_project
from _search_helpers import indexed_pages
from conftest import CALL, DEMO_NOW, REPO, MiniProject, copy_project, run_konkursi
from test_cli import snapshot

from konkursi.cli import project_from_config
from konkursi.cms.config import DRAFT_HINT, FORM_HINTS
from konkursi.cms.server import MAX_BODY, EditServer, Records
from konkursi.cms.site import admin_files
from konkursi.engines.preview import NOTICE, NOTICE_SCRIPT, write_notice
from konkursi.lv import sort_key
from konkursi.project import Project, docs_files, generate, validate
from konkursi.records.errors import ValidationFailed
from konkursi.records.model import Call, ListOf, Municipality, Programme, Round, is_record, yaml_fields
from konkursi.records.scaffold import Request, new_record
from konkursi.records.schema import schema_modeline
from konkursi.records.values import Choice, Date, DateTime

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
ORIGIN = "http://127.0.0.1:9"
"""The preview's address the test servers answer (konkursi edit passes its own)."""
DIST = REPO / "cms" / "node_modules" / "decap-cms" / "dist"
"""Decap CMS's npm files, as scripts/_cms.sh installs them."""


# --- 1. The config, made from the model ------------------------------------------------------------

def admin_config(root: Path) -> dict:
    """The admin/config.yml `konkursi build` writes for the project in ``root``, read as YAML."""
    project, _ = project_from_config(root / "mkdocs.yml")
    records, _ = validate(project)
    files = admin_files(project.admin, project.layout, records, project.site_name, project.site_url)
    return yaml.safe_load(files[f"{project.admin.path}/config.yml"])


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """A copy of the example project, not changed by the tests that read it."""
    return copy_project(tmp_path_factory.mktemp("cms-example") / "projekts")


@pytest.fixture(scope="module")
def config(example) -> dict:
    return admin_config(example)


def collection(config: dict, name: str) -> dict:
    [found] = [c for c in config["collections"] if c["name"] == name]
    return found


def forms(config: dict) -> list[tuple[type, str, list[dict]]]:
    """``(record class, where, fields)`` of every form of the editor: calls, municipalities, each round, the programme."""
    found = [(Call, "calls", collection(config, "calls")["fields"]),
             (Municipality, "municipalities", collection(config, "municipalities")["fields"])]
    found += [(Round, item["file"], item["fields"]) for item in collection(config, "rounds")["files"]]
    found += [(Programme, item["file"], item["fields"]) for item in collection(config, "programme")["files"]]
    return found


def walk(cls: type, fields: list[dict], where: str, groups: tuple[str, ...] = ()):
    """Every field of a form, nested ones too: ``(class, dotted name, declaration, spec, groups)``; ``groups``: the
    labels of the optional groups (from the outermost) it is inside of, empty when it is in none."""
    specs = {spec["name"]: spec for spec in fields}
    assert len(specs) == len(fields), f"{where}: a field twice"
    assert set(specs) == set(yaml_fields(cls)), f"{where}: the form's fields are not the model's fields of {cls.__name__}"
    for name, declared in yaml_fields(cls).items():
        spec, kind = specs[name], declared.metadata["kind"]
        yield cls, f"{where}.{name}", declared, spec, groups
        if is_record(kind):
            inner = groups + (spec["label"],) if groups or not declared.metadata["required"] else ()
            yield from walk(kind, spec["fields"], f"{where}.{name}", inner)
        elif isinstance(kind, ListOf) and is_record(kind.item):
            yield from walk(kind.item, spec["fields"], f"{where}.{name}[]")  # an added item is filled in whole


def every_field(config: dict):
    for cls, where, fields in forms(config):
        yield from walk(cls, fields, where)


def record_classes(roots=(Programme, Municipality, Round, Call)) -> set[type]:
    found: set[type] = set()
    todo = list(roots)
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        for declared in yaml_fields(cls).values():
            kind = declared.metadata["kind"]
            kind = kind.item if isinstance(kind, ListOf) else kind
            if is_record(kind):
                todo.append(kind)
    return found


def test_every_field_of_every_record_is_in_the_editor_with_a_latvian_label_and_a_hint_naming_its_key(config):
    reached = set()
    for cls, where, declared, spec, _ in every_field(config):
        reached.add(cls)
        name = spec["name"]
        assert spec["label"] and spec["label"] != name, where
        # The label is the model's own (spec(label=…)) or the start of its Latvian help text; the hint is all of
        # the help and the key in the file.
        assert spec["label"] == declared.metadata.get("label") or \
            declared.metadata["help"].casefold().startswith(spec["label"].casefold()), (where, spec["label"])
        assert declared.metadata["help"] in spec["hint"] or (cls.__name__, name) in FORM_HINTS or name == "draft", where
        assert spec["hint"].endswith(f"Lauks failā: {name}"), (where, spec["hint"])
    assert reached == record_classes() and len(reached) > 10


def test_required_fields_are_required_except_inside_an_optional_group_whose_name_the_hint_gives(config):
    inside_groups = 0
    for _, where, declared, spec, groups in every_field(config):
        if where in ("calls.round", "calls.municipality"):
            continue  # the call's selects, below
        required = declared.metadata["required"]
        if required and groups:
            # Decap would demand them even of a group left empty: validate checks them once the group is filled in.
            inside_groups += 1
            assert spec["required"] is False, where
            assert spec["hint"].startswith("Jāaizpilda, ja aizpildāt grupu „"), (where, spec["hint"])
            named = spec["hint"].split("„", 1)[1].split("”", 1)[0]
            assert named.startswith(groups[0]) and named.endswith(groups[-1]), (where, named, groups)
        else:
            assert spec["required"] is required, where
            assert "Jāaizpilda, ja aizpildāt" not in spec["hint"], where
    assert inside_groups > 5  # results.applications, the accessibility statement's fields …


def test_a_choice_is_a_select_of_exactly_the_models_codes(config):
    choices = 0
    for _, where, declared, spec, _ in every_field(config):
        kind = declared.metadata["kind"]
        if isinstance(kind, Choice):
            choices += 1
            assert spec["widget"] == "select", where
            assert [option["value"] for option in spec["options"]] == [code for code, _ in kind.options], where
            assert all(option["label"] for option in spec["options"]), where
    assert choices >= 6  # region, grant_kind, method, compliance, reason, accessibility method


def test_dates_and_times_are_written_as_validate_reads_them_in_riga_time(config):
    kinds = set()
    for _, where, declared, spec, _ in every_field(config):
        kind = declared.metadata["kind"]
        if isinstance(kind, DateTime):
            kinds.add(DateTime)
            assert (spec["widget"], spec["format"], spec["picker_utc"]) == ("datetime", "YYYY-MM-DD HH:mm", False), where
        elif isinstance(kind, Date):
            kinds.add(Date)
            assert (spec["widget"], spec["format"], spec["picker_utc"]) == ("datetime", "YYYY-MM-DD", False), where
            assert spec["time_format"] is False, where  # no time to pick
    assert kinds == {Date, DateTime}


def test_a_list_has_the_minimum_number_of_items_the_model_asks_for(config):
    with_minimum = 0
    for _, where, declared, spec, _ in every_field(config):
        kind = declared.metadata["kind"]
        if isinstance(kind, ListOf):
            assert spec["widget"] == "list", where
            if kind.min_items:
                with_minimum += 1
                assert spec["min"] == kind.min_items, where
            else:
                assert "min" not in spec, where
    assert with_minimum >= 3  # submission, contacts of a municipality, eligible_applicants


def test_the_calls_selects_offer_exactly_the_projects_rounds_by_number_and_municipalities_in_latvian_order(example, config):
    fields = {spec["name"]: spec for spec in collection(config, "calls")["fields"]}
    assert [name for name in fields][:2] == ["round", "municipality"]  # the folder and the file name: first
    rounds = {folder.name: yaml.safe_load((folder / "_round.yml").read_text(encoding="utf-8"))
              for folder in (example / "calls").iterdir() if (folder / "_round.yml").is_file()}
    offered = [option["value"] for option in fields["round"]["options"]]
    assert offered == sorted(rounds, key=lambda round_id: rounds[round_id]["number"]) and len(offered) == 3
    names = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["name"] for path in (example / "municipalities").glob("*.yml")}
    offered = [option["value"] for option in fields["municipality"]["options"]]
    assert sorted(offered) == sorted(names)
    assert offered == sorted(names, key=lambda municipality_id: sort_key(names[municipality_id]))
    assert offered.index("kuldigas-novads") < offered.index("keguma-novads")  # Kuldīgas, then Ķeguma: not by code point
    for option in fields["municipality"]["options"]:
        assert names[option["value"]] in option["label"]  # the editor picks by the name
    for name in ("round", "municipality"):
        assert fields[name]["widget"] == "select" and fields[name]["required"] is True
        assert fields[name]["hint"].endswith(f"Lauks failā: {name}")


def test_the_first_field_of_every_form_carries_the_schema_line_konkursi_new_writes(tmp_path):
    # In the repository, where konkursi's schemas are part of the project, the line is the one `konkursi new` writes.
    config = admin_config(REPO)
    expected = {Programme: schema_modeline("programme", REPO / "programme.yml"),
                Call: schema_modeline("call", REPO / "calls/2020-pavasaris/ludzas-novads.yml"),
                Municipality: schema_modeline("municipality", REPO / "municipalities/testa-novads.yml"),
                Round: schema_modeline("round", REPO / "calls/2021-rudens/_round.yml")}
    root = copy_project(tmp_path / "projekts")
    elsewhere = admin_config(root)
    written = new_record(_layout(root), Request("call", "2020-pavasaris", "ludzas-novads"), dt.date(2020, 4, 20))
    assert written.read_text(encoding="utf-8").splitlines()[0].startswith("# yaml-language-server: $schema=")
    for cls, where, fields in forms(config):
        comments = [spec for spec in fields if "comment" in spec]
        assert comments == [fields[0]], f"{where}: only the first field carries the comment"
        comment = fields[0]["comment"]
        assert not comment.startswith("#"), where  # Decap writes the "# "
        assert "# " + comment == expected[cls], where
    # A project elsewhere (konkursi installed apart from it): no line naming a folder of the machine that built it.
    assert not [where for _, where, fields in forms(elsewhere) if any("comment" in spec for spec in fields)]


def _layout(root: Path):
    return Project.at(root).layout


def test_every_value_of_the_example_passes_the_forms_pattern(example, config):
    """A record validate accepts can be saved from the form as it is: no pattern is stricter than validate."""
    checked = 0

    def check(value, spec, where):
        nonlocal checked
        if isinstance(value, dict):
            for key, item in value.items():
                [inner] = [s for s in spec["fields"] if s["name"] == key]
                check(item, inner, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                check(item, spec["field"] if "field" in spec else {"fields": spec["fields"]}, f"{where}[{index}]")
        elif "pattern" in spec:
            checked += 1
            assert re.search(spec["pattern"][0], value), (where, value, spec["pattern"])

    for cls, where, fields in forms(config):
        files = {Call: [p for p in (example / "calls").glob("*/*.yml") if p.name != "_round.yml"],
                 Municipality: list((example / "municipalities").glob("*.yml")),
                 Round: [example / where], Programme: [example / where]}[cls]
        for path in files:
            # BaseLoader: every scalar as the text written, as the form's pattern sees it.
            check(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader), {"fields": fields}, str(path))
    assert checked > 100


def test_no_label_is_a_yaml_key_or_code(config):
    for _, where, declared, spec, _ in every_field(config):
        kind = declared.metadata["kind"]
        codes = {code.casefold() for code, _ in kind.options} if isinstance(kind, Choice) else set()
        assert spec["label"].casefold() not in codes | {spec["name"].casefold()}, (where, spec["label"])


def test_within_a_form_no_label_is_only_the_beginning_of_another(config):
    for cls, where, fields in forms(config):
        _distinct_labels(cls, fields, where)


def _distinct_labels(cls, fields, where):
    labels = {spec["name"]: spec["label"] for spec in fields}
    for name, label in labels.items():
        for other, longer in labels.items():
            # "Datums" beside "Datums, kad …" (not "Pašvaldība" beside "Pašvaldības konkursa …": another word)
            cut = other != name and longer.startswith(label) and not longer[len(label):][:1].isalpha()
            assert not cut, f"{where}: {name} „{label}”, {other} „{longer}”"
    for spec in fields:
        if "fields" in spec:
            kind = yaml_fields(cls)[spec["name"]].metadata["kind"]
            _distinct_labels(kind.item if isinstance(kind, ListOf) else kind, spec["fields"], f"{where}.{spec['name']}")


# --- 2. The editor in the built example site ---------------------------------------------------------

def test_the_shipped_config_matches_the_reviewed_golden_file(example_site):
    """What `konkursi build` writes for the repository's mkdocs.yml (the modeline is relative to its records)."""
    check_golden("cms/config.yml", (example_site / "admin" / "config.yml").read_bytes())


def test_the_editor_page_is_latvian_not_indexed_and_loads_only_its_own_files(example_site):
    page = (example_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="lv">', page)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert re.findall(r'<script src="([^"]*)"', page) == ["decap-cms.js", "locale-lv.js", "konkursi-cms.js"]
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "config.yml" in addresses
    for address in addresses:
        if address.startswith("data:"):
            continue
        # Its own folder's files, and the site's own icon (../assets/images/favicon.png): nothing from another host.
        assert not urlsplit(address).scheme and not urlsplit(address).netloc, address
        assert "/" not in address or address == "../assets/images/favicon.png", address
        assert (example_site / "admin" / address).resolve().is_file(), address
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy and policy.group(1) == "connect-src 'self' https://api.github.com"  # no githubstatus.com, no other
    assert "<script>" not in page.replace(" ", "")  # no inline code: nothing but the three files runs


def test_the_editor_is_not_in_the_sitemap_the_navigation_or_the_search(example_site):
    assert "/admin" not in (example_site / "sitemap.xml").read_text(encoding="utf-8")
    pages = [p for p in example_site.rglob("*.html") if p.relative_to(example_site).parts[0] != "admin"]
    assert len(pages) > 40
    for path in pages:
        url = "https://konkursi.example/" + path.relative_to(example_site).as_posix()
        for href in re.findall(r'href="([^"]*)"', path.read_text(encoding="utf-8")):
            assert not urlsplit(urljoin(url, href)).path.startswith("/admin"), (path, href)
    indexed = indexed_pages(example_site)
    assert len(indexed) > 40 and not [url for url in indexed if url.startswith("/admin")]


def test_the_editor_gets_decaps_bundle_and_its_chunks_but_no_source_map_and_no_second_build(example_site):
    admin = example_site / "admin"
    names = {p.name for p in admin.iterdir()}
    assert not [name for name in names if name.endswith(".map")]
    assert "cms.js" not in names and "cms.css" not in names and not [n for n in names if re.fullmatch(r"\d+\.cms\.js", n)]
    chunks = {p.name for p in DIST.iterdir() if re.fullmatch(r"\d+\.decap-cms\.js", p.name)}
    assert chunks and chunks <= names  # Decap loads them lazily: every one is there
    assert (admin / "decap-cms.js").read_bytes() == (DIST / "decap-cms.js").read_bytes()
    own = {"index.html", "config.yml", "locale-lv.js", "konkursi-cms.js", "konkursi-cms.css", "decap-cms.js", "decap-cms.js.LICENSE.txt"}
    assert names - own - chunks == {p.name for p in DIST.glob("*.wasm")}


def test_a_built_site_has_no_preview_notice(example_site):
    assert not (example_site / NOTICE).exists()
    page = (example_site / "index.html").read_text(encoding="utf-8")
    assert "konkursi-preview.js" not in page


# --- 3. admin: in mkdocs.yml, and `konkursi edit` ---------------------------------------------------

ADMIN_BLOCK = re.compile(r"(?m)^      admin:\n(?:        .*\n)+")


def with_admin(block: str) -> str:
    """The repository's mkdocs.yml with its admin: entry replaced by ``block`` ("" to leave it out)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert ADMIN_BLOCK.search(text), "mkdocs.yml has no admin: entry"
    return ADMIN_BLOCK.sub(block, text)


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory) -> MiniProject:
    """A small project with the editor, built once; each test leaves its mkdocs.yml as it was."""
    mini = MiniProject(tmp_path_factory.mktemp("cms-admin") / "projekts")
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert (mini.root / "site" / "admin" / "index.html").is_file()
    return mini


@pytest.mark.parametrize("block, named", [
    ("      admin:\n        colour: red\n", "plugins.konkursi.admin: nezināms lauks colour; atļautie: path, dist, backend"),
    ("      admin:\n        path: ../redaktors\n", "plugins.konkursi.admin.path: „../redaktors” nav mapes nosaukums vietnē"),
    ("      admin:\n        path: a/../b\n", "plugins.konkursi.admin.path: „a/../b” nav mapes nosaukums vietnē"),
    ("      admin:\n        backend: github\n", "plugins.konkursi.admin.backend: jābūt Decap CMS backend laukiem"),
    ("      admin: [path, dist]\n", 'laukā plugins.konkursi.admin jābūt laukiem formā "lauks: vērtība"'),
])
def test_a_wrong_admin_entry_stops_build_and_validate_in_latvian_and_keeps_the_site(built_mini, block, named):
    before = snapshot(built_mini.root / "site")
    built_mini.write("mkdocs.yml", with_admin(block))
    try:
        for command in ("build", "validate"):
            done = run_konkursi(command, cwd=built_mini.root)
            assert done.returncode != 0, (command, done.stdout)
            assert named in done.stderr, (command, done.stderr)
            assert "Traceback" not in done.stderr
    finally:
        built_mini.write("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert snapshot(built_mini.root / "site") == before


def test_decap_not_installed_names_the_missing_file_and_scripts_build_sh(built_mini):
    before = snapshot(built_mini.root / "site")
    built_mini.write("mkdocs.yml", with_admin("      admin:\n        dist: content\n"))
    try:
        done = [run_konkursi(command, cwd=built_mini.root) for command in ("build", "validate")]
    finally:
        built_mini.write("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for command in done:
        assert command.returncode == 1
        assert ('laukā "plugins.konkursi.admin": satura redaktora (Decap CMS) faili nav instalēti: nav content/decap-cms.js. '
                "Palaidiet scripts/build.sh") in command.stderr, command.stderr
        assert "Traceback" not in command.stderr
    assert snapshot(built_mini.root / "site") == before


def edit_command(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`konkursi edit` that must stop at once (a timeout, not a hang, if it serves instead)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "konkursi", "edit", "--no-open", *args], cwd=root, env=environment,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "[::]:8000", "192.168.1.5:8000", "example.com:8000", "127.0.0.1"])
def test_konkursi_edit_serves_this_computer_only(mini, address):
    done = edit_command(mini.root, "-a", address)
    assert done.returncode == 2
    assert f"konkursi edit: adresei jābūt 127.0.0.1:<ports> vai localhost:<ports>, nevis {address}" in done.stderr, done.stderr


def test_konkursi_edit_with_a_wrong_admin_entry_names_it_and_starts_nothing(mini):
    mini.write("mkdocs.yml", with_admin("      admin:\n        colour: red\n"))
    done = edit_command(mini.root)
    assert done.returncode == 1
    assert "mkdocs.yml: plugins.konkursi.admin: nezināms lauks colour" in done.stderr, done.stderr


def test_without_admin_there_is_no_editor_in_the_site_and_konkursi_edit_says_how_to_add_it(mini):
    mini.write("mkdocs.yml", with_admin(""))
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert (mini.root / "site" / "index.html").is_file() and not (mini.root / "site" / "admin").exists()
    done = edit_command(mini.root)
    assert done.returncode == 2
    assert "nav ieslēgts satura redaktors (plugins.konkursi.admin)" in done.stderr, done.stderr


@pytest.mark.parametrize("path", ["konkursi", "pagefind"])
def test_an_admin_path_taken_by_the_site_is_refused(mini, path):
    mini.write("mkdocs.yml", with_admin(f"      admin:\n        path: {path}\n"))
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode != 0 and "plugins.konkursi.admin" in done.stderr, (done.returncode, done.stderr[-500:])


# --- 4. The file server of `konkursi edit` ----------------------------------------------------------

class Editor:
    """Decap CMS's side of the local backend protocol, talking to a file server over one project."""

    def __init__(self, root: Path, server: EditServer):
        self.root, self.server = root, server
        self.port = server.server_address[1]

    def post(self, action: str, params: dict | None = None, *, origin: str | None = ORIGIN, host: str | None = None,
             content_type: str = "application/json") -> tuple[int, dict]:
        body = json.dumps({"action": action, "params": params or {}}).encode("utf-8")
        headers = {"Content-Type": content_type, "Host": host or f"127.0.0.1:{self.port}"}
        if origin is not None:
            headers["Origin"] = origin
        return self.send("POST", body, headers)

    def send(self, method: str, body: bytes | None, headers: dict) -> tuple[int, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, "/api/v1", body, headers)
            response = connection.getresponse()
            return response.status, json.loads(response.read() or b"null")
        finally:
            connection.close()

    def save(self, path: str, raw: str, *, new_entry: bool = False, new_path: str | None = None) -> tuple[int, dict]:
        """persistEntry as Decap CMS 3 sends it."""
        item = {"path": path, "raw": raw, "slug": Path(path).stem}
        if new_path:
            item["newPath"] = new_path
        params = {"branch": "main", "dataFiles": [item], "assets": [],
                  "options": {"newEntry": new_entry, "collectionName": "calls", "commitMessage": "Saglabāts"}}
        return self.post("persistEntry", params)

    def text(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")


def project_files(root: Path) -> dict[str, bytes | str]:
    """Every file of a project (a link as where it leads), the editor's npm files left out."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not (Path(folder) == root and d == "cms")]
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            found[key] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes()
    return found


@pytest.fixture(scope="module")
def stopping():
    """The servers being shut down: each takes up to half a second (serve_forever's poll), so in the background."""
    threads: list[threading.Thread] = []
    yield threads
    for thread in threads:
        thread.join(10)


@pytest.fixture
def editor(tmp_path, stopping):
    root = copy_project(tmp_path / "projekts")
    project, _ = project_from_config(root / "mkdocs.yml")
    server = EditServer(Records(project, docs_files(root / "content")), origins={ORIGIN}, port=0)  # as konkursi edit
    server.start()
    yield Editor(root, server)

    def stop():
        server.shutdown()
        server.server_close()

    stopping.append(threading.Thread(target=stop))
    stopping[-1].start()


def test_the_server_listens_on_this_computer_only(editor):
    assert editor.server.server_address[0] == "127.0.0.1"
    assert editor.server.url == f"http://127.0.0.1:{editor.port}/api/v1"


def test_info_says_it_is_a_local_file_backend(editor):
    status, info = editor.post("info")
    assert status == 200
    assert info["type"] == "local_fs" and info["repo"] == "projekts"


def test_the_calls_list_has_every_call_with_its_round_and_municipality_and_no_round_file(editor):
    status, entries = editor.post("entriesByFolder", {"folder": "calls", "extension": "yml", "depth": 2})
    assert status == 200
    files = sorted(p.relative_to(editor.root).as_posix() for p in (editor.root / "calls").glob("*/*.yml") if p.name != "_round.yml")
    assert [entry["file"]["path"] for entry in entries] == files and len(files) == 13
    for entry in entries:
        path = Path(entry["file"]["path"])
        ids = f"round: {path.parent.name}\nmunicipality: {path.stem}\n"
        written = editor.text(entry["file"]["path"])
        assert entry["data"].replace(ids, "", 1) == written  # the rest as written, comments too
        first_key = next(line for line in entry["data"].splitlines() if line and not line.startswith("#"))
        assert first_key == f"round: {path.parent.name}"  # before the record's own keys
        data = yaml.safe_load(entry["data"])
        assert (data["round"], data["municipality"]) == (path.parent.name, path.stem)


def test_a_call_that_says_its_round_and_municipality_is_given_them_once(editor):
    text = "round: 2020-pavasaris\nmunicipality: cesu-novads\n" + editor.text(CALL_FILE)
    (editor.root / CALL_FILE).write_text(text, encoding="utf-8")
    status, entry = editor.post("getEntry", {"path": CALL_FILE})
    assert status == 200 and entry["data"] == text


def test_the_municipalities_list_and_a_round_file_are_read_as_written(editor):
    status, entries = editor.post("entriesByFolder", {"folder": "municipalities", "extension": "yml", "depth": 1})
    assert status == 200
    files = sorted(p.relative_to(editor.root).as_posix() for p in (editor.root / "municipalities").glob("*.yml"))
    assert [entry["file"]["path"] for entry in entries] == files and len(files) == 15
    assert all(entry["data"] == editor.text(entry["file"]["path"]) for entry in entries)
    status, entries = editor.post("entriesByFiles", {"files": [{"path": "programme.yml"}]})
    assert status == 200 and [entry["data"] for entry in entries] == [editor.text("programme.yml")]


def test_a_rounds_file_is_opened_and_saved_as_written(editor):
    status, entry = editor.post("getEntry", {"path": ROUND_FILE})
    assert status == 200, entry
    assert entry["data"] == editor.text(ROUND_FILE)  # no round:/municipality: added to a round
    raw = editor.text(ROUND_FILE).replace("title: 2020. gada pavasaris", "title: 2020. gada pavasara kārta")
    assert raw != editor.text(ROUND_FILE)
    status, answer = editor.save(ROUND_FILE, raw)
    assert status == 200, answer
    assert editor.text(ROUND_FILE) == raw


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:8000", "null", None])
def test_a_page_of_another_origin_or_none_is_refused_and_nothing_is_written(editor, origin):
    before = project_files(editor.root)
    status, answer = _save_from(editor, origin=origin)
    assert status == 403 and "aizliegts" in answer["error"]
    status, answer = editor.post("getEntry", {"path": CALL_FILE}, origin=origin)
    assert status == 403 and "data" not in answer
    assert project_files(editor.root) == before
    assert _save_from(editor)[0] == 200  # the same request from the preview's page is written


def _save_from(editor: Editor, **headers) -> tuple[int, dict]:
    raw = editor.text(CALL_FILE).replace("quota: 3", "quota: 2")
    params = {"dataFiles": [{"path": CALL_FILE, "raw": raw, "slug": "cesu-novads"}], "assets": [], "options": {"newEntry": False}}
    return editor.post("persistEntry", params, **headers)


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.nip.io:{port}", "127.0.0.1:1", "127.0.0.1", "[::1]:{port}"])
def test_another_host_name_dns_rebinding_is_refused(editor, host):
    before = project_files(editor.root)
    status, _ = _save_from(editor, host=host.format(port=editor.port))
    assert status == 403
    assert project_files(editor.root) == before


def test_localhost_by_name_is_answered(editor):
    status, entry = editor.post("getEntry", {"path": CALL_FILE}, host=f"localhost:{editor.port}")
    assert status == 200 and entry["data"].replace("round: 2020-pavasaris\nmunicipality: cesu-novads\n", "") == editor.text(CALL_FILE)


def test_the_preflight_is_answered_for_the_preview_only(editor):
    headers = {"Host": f"127.0.0.1:{editor.port}", "Access-Control-Request-Method": "POST"}
    connection = http.client.HTTPConnection("127.0.0.1", editor.port, timeout=30)
    connection.request("OPTIONS", "/api/v1", headers={**headers, "Origin": ORIGIN})
    response = connection.getresponse()
    response.read()
    assert response.status == 204 and response.getheader("Access-Control-Allow-Origin") == ORIGIN
    connection.request("OPTIONS", "/api/v1", headers={**headers, "Origin": "https://evil.example"})
    response = connection.getresponse()
    response.read()
    assert response.status == 403 and response.getheader("Access-Control-Allow-Origin") is None
    connection.close()


def test_a_body_that_is_not_json_by_its_type_is_refused_and_nothing_is_written(editor):
    before = project_files(editor.root)
    status, answer = _save_from(editor, content_type="text/plain")
    assert status == 415 and answer["error"] == "jābūt application/json"
    assert project_files(editor.root) == before


def test_get_is_not_allowed(editor):
    status, _ = editor.send("GET", None, {"Host": f"127.0.0.1:{editor.port}", "Origin": ORIGIN})
    assert status == 405


def test_a_body_over_2_mb_is_refused_unread(editor):
    before = project_files(editor.root)
    connection = http.client.HTTPConnection("127.0.0.1", editor.port, timeout=30)
    connection.putrequest("POST", "/api/v1", skip_host=True)
    for name, value in (("Host", f"127.0.0.1:{editor.port}"), ("Origin", ORIGIN), ("Content-Type", "application/json"),
                        ("Content-Length", str(MAX_BODY + 1))):
        connection.putheader(name, value)
    connection.endheaders(b'{"action": "persistEntry", ')  # the server answers before reading the rest
    response = connection.getresponse()
    assert response.status == 413 and "pārāk liels" in json.loads(response.read())["error"]
    connection.close()
    assert project_files(editor.root) == before


NOT_RECORDS = ["../mkdocs.yml", "/etc/passwd", "mkdocs.yml", "calls/2020-pavasaris/../../x.yml", ".git/config",
               "content/index.md", "calls/2020-pavasaris/.x.yml", "calls/.git/x.yml", "municipalities/../mkdocs.yml",
               "calls\\2020-pavasaris\\cesu-novads.yml", "theme/pages/call.md.j2", "calls/2020-pavasaris/cesu-novads.yaml"]


@pytest.mark.parametrize("path", NOT_RECORDS)
def test_a_path_that_is_no_record_file_is_neither_read_nor_written(editor, path):
    (editor.root / ".git").mkdir()
    (editor.root / ".git" / "config").write_text("[remote]\n  token = slepens\n", encoding="utf-8")
    before = project_files(editor.root)
    status, answer = editor.post("getEntry", {"path": path})
    assert status == 403 and "nav ieraksta fails" in answer["error"] and "data" not in answer
    status, answer = editor.save(path, "name: x\n")
    assert status == 403 and "nav ieraksta fails" in answer["error"]
    status, answer = editor.save(CALL_FILE, editor.text(CALL_FILE), new_path=path)
    assert status == 403
    assert project_files(editor.root) == before
    assert not (editor.root.parent / "x.yml").exists() and not (editor.root / "x.yml").exists()


def test_a_link_among_the_calls_that_leads_out_of_the_project_is_neither_read_nor_written(editor, tmp_path):
    outside = tmp_path / "cits" / "slepens.yml"
    outside.parent.mkdir()
    outside.write_text("parole: slepena\n", encoding="utf-8")
    link = "calls/2020-pavasaris/ludzas-novads.yml"
    (editor.root / link).symlink_to(outside)
    (editor.root / "calls" / "2099-arpus").symlink_to(outside.parent, target_is_directory=True)
    before = project_files(editor.root)
    for path in (link, "calls/2099-arpus/slepens.yml"):
        status, answer = editor.post("getEntry", {"path": path})
        assert status == 403 and "caur saiti" in answer["error"] and "slepena" not in json.dumps(answer)
        status, answer = editor.save(path, editor.text(CALL_FILE))
        assert status == 403 and "caur saiti" in answer["error"]
    status, entries = editor.post("entriesByFolder", {"folder": "calls", "extension": "yml", "depth": 2})
    assert status == 200 and "slepena" not in json.dumps(entries) and len(entries) == 13
    assert outside.read_text(encoding="utf-8") == "parole: slepena\n"
    assert project_files(editor.root) == before


def test_a_valid_change_is_written_exactly_as_given_with_a_final_newline_in_place_of_the_file(editor):
    raw = "round: 2020-pavasaris\nmunicipality: cesu-novads\n" + editor.text(CALL_FILE).replace("quota: 3", "quota: 2").rstrip("\n")
    target = editor.root / CALL_FILE
    inode = target.stat().st_ino
    status, answer = editor.save(CALL_FILE, raw)
    assert (status, answer) == (200, {"message": "entry persisted"})
    assert target.read_bytes() == (raw + "\n").encode("utf-8")
    assert target.stat().st_ino != inode  # written beside it and renamed over it: never half a file
    assert not [p.name for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary file left
    status, _ = editor.save(CALL_FILE, raw + "\n")
    assert status == 200 and target.read_text(encoding="utf-8") == raw + "\n"  # not a second newline
    validate(Project.at(editor.root))  # the project as saved is valid


@pytest.mark.parametrize("old, new, message", [
    ("quota: 3", "quota: nulle", f'{CALL_FILE}:5: laukā "quota": jābūt veselam skaitlim, nevis "nulle"'),
    ("closes: 2020-04-30 17:00", "closes: 2020-03-01 17:00", f'{CALL_FILE}:4: laukā "closes": pieteikšanās beigas'),
    ("quota: 3", "quota: 3\nkvota: 3", f'{CALL_FILE}:6: laukā "kvota": nezināms lauks'),
])
def test_a_change_that_makes_the_record_invalid_is_refused_with_validates_message_and_the_file_stays(editor, old, new, message):
    text = editor.text(CALL_FILE)
    assert old in text
    status, answer = editor.save(CALL_FILE, text.replace(old, new))
    assert status == 422
    assert answer["error"].startswith("pārbaudē atrastas kļūdas, fails nav mainīts:\n• " + message), answer
    assert editor.text(CALL_FILE) == text


def test_a_save_is_accepted_when_another_record_was_already_broken_by_hand(editor):
    broken = "calls/2020-pavasaris/bauskas-novads.yml"
    (editor.root / broken).write_text(editor.text(broken).replace("quota:", "quota: nulle\nx:"), encoding="utf-8")
    with pytest.raises(ValidationFailed):
        validate(Project.at(editor.root))
    raw = editor.text(CALL_FILE).replace("quota: 3", "quota: 2")
    status, _ = editor.save(CALL_FILE, raw)
    assert status == 200 and editor.text(CALL_FILE) == raw
    # A new error is still refused, and only it is named: the editor did not make the other one.
    status, answer = editor.save(CALL_FILE, raw.replace("quota: 2", "quota: divi"))
    assert status == 422 and CALL_FILE in answer["error"] and broken not in answer["error"]
    assert editor.text(CALL_FILE) == raw


def test_a_new_call_where_one_exists_is_refused_and_nothing_is_overwritten(editor):
    text = editor.text(CALL_FILE)
    status, answer = editor.save(CALL_FILE, text.replace("quota: 3", "quota: 1"), new_entry=True)
    assert status == 422 and "jau ir ievadīts" in answer["error"] and "atveriet to sadaļas „Konkursi” sarakstā" in answer["error"]
    assert editor.text(CALL_FILE) == text
    new = "calls/2020-pavasaris/ludzas-novads.yml"
    raw = f"round: 2020-pavasaris\nmunicipality: ludzas-novads\n{text}"
    status, _ = editor.save(new, raw, new_entry=True)
    assert status == 200 and editor.text(new) == raw  # where there is none, the new call is written


def test_a_call_moved_to_a_municipality_without_one_is_moved_if_valid(editor):
    text = editor.text(CALL_FILE)
    new = "calls/2020-pavasaris/ludzas-novads.yml"
    wrong = f"round: 2020-pavasaris\nmunicipality: cesu-novads\n{text}"  # the form's municipality not changed with the path
    status, answer = editor.save(CALL_FILE, wrong, new_path=new)
    assert status == 422 and 'laukā "municipality"' in answer["error"]
    assert editor.text(CALL_FILE) == text and not (editor.root / new).exists()
    raw = f"round: 2020-pavasaris\nmunicipality: ludzas-novads\n{text}"
    status, _ = editor.save(CALL_FILE, raw, new_path=new)
    assert status == 200
    assert not (editor.root / CALL_FILE).exists() and editor.text(new) == raw
    validate(Project.at(editor.root))  # the project as saved is valid


def test_a_call_is_not_moved_over_another_call(editor):
    before = project_files(editor.root)
    status, answer = editor.save(CALL_FILE, editor.text(CALL_FILE), new_path="calls/2020-pavasaris/bauskas-novads.yml")
    assert status == 422 and "jau ir" in answer["error"]
    assert project_files(editor.root) == before


def test_uploads_deletes_and_unknown_actions_are_refused_in_latvian(editor):
    before = project_files(editor.root)
    raw = editor.text(CALL_FILE).replace("quota: 3", "quota: 2")
    params = {"dataFiles": [{"path": CALL_FILE, "raw": raw}], "options": {},
              "assets": [{"path": "content/faili/x.pdf", "content": "JVBERi0=", "encoding": "base64"}]}
    status, answer = editor.post("persistEntry", params)
    assert status == 422 and "failu augšupielāde nav paredzēta" in answer["error"]
    status, answer = editor.post("persistMedia", {"asset": {"path": "content/faili/x.pdf", "content": "JVBERi0="}})
    assert status == 422 and "failu augšupielāde nav paredzēta" in answer["error"]
    for action, params in (("deleteFile", {"path": CALL_FILE}), ("deleteFiles", {"paths": [CALL_FILE]})):
        status, answer = editor.post(action, params)
        assert status == 422 and "ierakstus redaktorā dzēst nevar" in answer["error"] and "(melnraksts)”" in answer["error"]
    status, answer = editor.post("runShell", {"command": "rm -rf /"})
    assert status == 422 and answer["error"] == "nezināma darbība 'runShell'"
    assert project_files(editor.root) == before


def test_a_refused_requests_body_is_not_read_as_another_request(editor):
    raw = editor.text(CALL_FILE).replace("quota: 3", "quota: 1")
    inner_body = json.dumps({"action": "persistEntry", "params": {
        "dataFiles": [{"path": CALL_FILE, "raw": raw}], "assets": [], "options": {}}}).encode("utf-8")
    inner = (f"POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{editor.port}\r\nOrigin: {ORIGIN}\r\n"
             f"Content-Type: application/json\r\nContent-Length: {len(inner_body)}\r\n\r\n").encode("ascii") + inner_body
    outer = (f"POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{editor.port}\r\nOrigin: https://evil.example\r\n"
             f"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {len(inner)}\r\n\r\n").encode("ascii") + inner
    before = editor.text(CALL_FILE)
    with socket.create_connection(("127.0.0.1", editor.port), timeout=10) as connection:
        connection.sendall(outer)  # as a browser sends a cross-site form or no-cors fetch: no preflight
        answers = _read_for(connection, seconds=1)
    assert answers.startswith((b"HTTP/1.0 403", b"HTTP/1.1 403"))
    assert editor.text(CALL_FILE) == before
    assert b"entry persisted" not in answers


def _read_for(connection: socket.socket, seconds: float) -> bytes:
    received, end = b"", time.monotonic() + seconds
    connection.settimeout(0.2)
    while time.monotonic() < end:
        try:
            chunk = connection.recv(65536)
        except TimeoutError:
            continue
        if not chunk:
            break
        received += chunk
    return received


def test_a_call_beginning_with_a_document_marker_or_a_byte_order_mark_is_valid(mini):
    for start in ("---\n", "\ufeff"):
        mini.write(CALL_FILE, start + CALL)
        assert mini.problems() == [], start


@pytest.mark.parametrize("start", ["---\n", "\ufeff"])
def test_a_call_beginning_with_a_document_marker_or_a_byte_order_mark_opens_in_the_editor(editor, start):
    text = editor.text(CALL_FILE)
    (editor.root / CALL_FILE).write_text(start + text, encoding="utf-8")
    status, entry = editor.post("getEntry", {"path": CALL_FILE})
    assert status == 200
    assert yaml.safe_load(entry["data"]) == {"round": "2020-pavasaris", "municipality": "cesu-novads", **yaml.safe_load(text)}


# --- 5. Records as a form writes them ---------------------------------------------------------------

def outputs(root: Path) -> dict[str, object]:
    """Every page (Markdown and metadata) and published file the project makes, for comparing two versions."""
    project = Project.at(root, now=DEMO_NOW)
    pages = {page.path: (page.markdown, page.meta) for page in generate(project).pages}
    return {"pages": pages, "files": dict(publish_project(root).files)}


@pytest.fixture(scope="module")
def plain_outputs(tmp_path_factory) -> dict:
    return outputs(MiniProject(tmp_path_factory.mktemp("cms-plain") / "projekts").root)


@pytest.mark.parametrize("extra", [
    'note: ""\n',
    "note: ''\n",
    "results: {applications: '', projects: []}\n",
    "results:\n  applications: ''\n  decided: ''\n  projects: []\n",
    "previous_closes: ''\nbudget: ''\ndocuments: []\ncontacts: []\n",
    "round: 2020-pavasaris\nmunicipality: cesu-novads\n",
])
def test_what_a_form_writes_for_fields_left_empty_is_read_as_left_out(mini, plain_outputs, extra):
    mini.write(CALL_FILE, CALL + extra)
    assert mini.problems() == []
    assert outputs(mini.root) == plain_outputs


def test_an_empty_quoted_required_value_is_named_as_empty(mini):
    mini.write(CALL_FILE, CALL.replace("opens: 2020-03-02 09:00", 'opens: ""'))
    assert mini.problems() == [
        f'{CALL_FILE}:1: laukā "opens": vērtība ir tukša (Pieteikšanās sākums (Rīgas laiks), piemēram, 2020-03-02 09:00)'
    ]


def test_a_filled_in_group_still_needs_its_required_fields(mini):
    mini.write(CALL_FILE, CALL + "results: {applications: '', decided: 2020-05-01}\n")
    assert mini.problems() == [f'{CALL_FILE}:7: laukā "results.applications": vērtība ir tukša (Saņemto pieteikumu skaits)']


@pytest.mark.parametrize("extra, field, written, wanted", [
    ("round: 2019-pavasaris\n", "round", "2019-pavasaris", "mapes nosaukumu \"2020-pavasaris\""),
    ("municipality: x\n", "municipality", "x", "faila nosaukumu \"cesu-novads\""),
])
def test_a_round_or_municipality_other_than_the_files_place_is_named(mini, extra, field, written, wanted):
    mini.write(CALL_FILE, CALL + extra)
    [problem] = mini.problems()
    assert problem.startswith(f'{CALL_FILE}:7: laukā "{field}": "{written}" nesakrīt ar {wanted}'), problem


# --- 6. The preview's notice ------------------------------------------------------------------------

@pytest.mark.parametrize("count, title", [
    (1, "Ierakstos atrasta 1 kļūda: lapas nav atjaunotas"),
    (2, "Ierakstos atrastas 2 kļūdas: lapas nav atjaunotas"),
    (11, "Ierakstos atrastas 11 kļūdas: lapas nav atjaunotas"),
    (21, "Ierakstos atrasta 21 kļūda: lapas nav atjaunotas"),
])
def test_the_notice_counts_the_errors_in_latvian(tmp_path, count, title):
    problems = [f'{CALL_FILE}:{n}: laukā "quota": jābūt veselam skaitlim, nevis "nulle"' for n in range(1, count + 1)]
    write_notice(tmp_path / "site", problems)
    notice = json.loads((tmp_path / "site" / NOTICE).read_text(encoding="utf-8"))
    assert notice["title"] == title
    assert notice["problems"] == problems
    assert notice["intro"].startswith("Priekšskatījumā redzama pēdējā derīgā versija.")


def test_without_errors_the_notice_is_empty(tmp_path):
    write_notice(tmp_path, ["vecā kļūda"])
    write_notice(tmp_path, [])
    notice = json.loads((tmp_path / NOTICE).read_text(encoding="utf-8"))
    assert notice["problems"] == [] and notice["title"] == ""


def test_the_preview_keeps_the_errors_of_its_last_rebuild_for_the_notice(mini, capsys):
    config = load_config(str(mini.root / "mkdocs.yml"))
    plugin = config.plugins["konkursi"]
    plugin.on_startup(command="serve", dirty=True)
    plugin.on_config(config)
    assert plugin.problems == [] and NOTICE_SCRIPT in config.extra_javascript
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: nulle"))
    plugin.on_config(config)
    assert plugin.problems == [f'{CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "nulle"']
    mini.write(CALL_FILE, CALL)
    plugin.on_config(config)
    assert plugin.problems == []
    capsys.readouterr()
    built = load_config(str(mini.root / "mkdocs.yml"))
    builder = built.plugins["konkursi"]
    builder.on_startup(command="build", dirty=False)
    builder.on_config(built)
    builder.on_build_error(None)  # its files were made beside the site: removed
    assert NOTICE_SCRIPT not in built.extra_javascript



# Found by the attacker's review (issue 19) ------------------------------------------------------------------------


def test_a_record_whose_anchors_nest_deeply_is_read_at_once_and_one_containing_itself_gets_a_message(mini):
    levels = ["a0: &a0 {" + ", ".join(f"k{i}: ~" for i in range(10)) + "}"]
    for level in range(1, 9):  # 10**9 paths through the shared nodes: walked one by one, validate would never end
        levels.append(f"a{level}: &a{level} {{" + ", ".join(f"k{i}: *a{level - 1}" for i in range(10)) + "}")
    mini.write(CALL_FILE, CALL + "results: {" + ", ".join(levels) + "}\n")
    assert mini.problems() == []  # a group with nothing filled in: left out
    mini.write(CALL_FILE, CALL + "results: &r {applications: *r}\n")
    assert any('laukā "results.applications"' in problem for problem in mini.problems())


def test_a_save_the_build_would_refuse_is_refused_though_every_record_is_valid_alone(editor):
    raw = editor.text("programme.yml").replace("logos:\n", "logos:\n  - file: logotipi/nav-tada.svg\n    alt: Nav tāda logotipa\n", 1)
    assert raw != editor.text("programme.yml")
    before = editor.text("programme.yml")
    status, answer = editor.save("programme.yml", raw)
    assert status == 422 and "logotipi/nav-tada.svg" in answer["error"], answer
    assert editor.text("programme.yml") == before


def test_one_file_named_twice_in_a_save_is_refused_and_nothing_is_moved_or_deleted(editor):
    before = project_files(editor.root)
    path = "municipalities/cesu-novads.yml"
    params = {"dataFiles": [{"path": "municipalities/./cesu-novads.yml", "raw": editor.text(path), "newPath": "municipalities/zzz-novads.yml"},
                            {"path": path, "raw": editor.text(path)}], "assets": [], "options": {}}
    status, answer = editor.post("persistEntry", params)
    assert status == 422 and "divreiz" in answer["error"]
    assert project_files(editor.root) == before


def test_a_saved_record_keeps_its_files_mode(editor):
    target = editor.root / CALL_FILE
    target.chmod(0o644)
    status, _ = editor.save(CALL_FILE, editor.text(CALL_FILE).replace("quota: 3", "quota: 2"))
    assert status == 200 and target.stat().st_mode & 0o777 == 0o644


def test_a_call_written_on_one_line_is_not_shown_as_an_empty_form(editor):
    (editor.root / CALL_FILE).write_text('{opens: "2020-03-02 09:00", closes: "2020-04-15 17:00", quota: 3, '
                                         'submission: [{method: email, address: a@cesu-novads.example}]}\n', encoding="utf-8")
    status, answer = editor.post("getEntry", {"path": CALL_FILE})
    assert status == 422 and "vienā rindā" in answer["error"]


def test_a_folder_where_a_record_should_be_gets_an_answer_not_a_closed_connection(editor):
    (editor.root / "calls/2020-pavasaris/zz-novads.yml").mkdir()
    status, answer = editor.save("calls/2020-pavasaris/zz-novads.yml", editor.text(CALL_FILE), new_entry=True)
    assert status in (403, 422, 500) and answer["error"]


def test_the_environment_cannot_point_a_published_editor_at_another_server(tmp_path):
    root = copy_project(tmp_path / "projekts")
    done = run_konkursi("build", "-d", str(tmp_path / "site"), cwd=root, env={"KONKURSI_EDIT_API": "http://evil.example/api/v1"})
    assert done.returncode == 0, done.stderr
    config = (tmp_path / "site/admin/config.yml").read_text(encoding="utf-8")
    assert "evil.example" not in config and "local_backend" not in config and "publish_mode: editorial_workflow" in config


def test_a_linked_file_in_decaps_folder_is_not_copied(tmp_path):
    root = copy_project(tmp_path / "projekts")
    dist = tmp_path / "dist"
    shutil.copytree(REPO / "cms/node_modules/decap-cms/dist", dist)
    (tmp_path / "secret.txt").write_text("slepens", encoding="utf-8")
    (dist / "7.decap-cms.js").unlink(missing_ok=True)
    (dist / "7.decap-cms.js").symlink_to(tmp_path / "secret.txt")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      admin:\n", f"      admin:\n        dist: {dist}\n"), encoding="utf-8")
    done = run_konkursi("build", "-d", str(tmp_path / "site"), cwd=root)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "site/admin/7.decap-cms.js").exists()


@pytest.mark.parametrize("path", ["index.html", "sitemap.xml", "a\\\\b", "Admin", "redaktors?x"])
def test_an_editor_folder_that_is_no_plain_folder_name_is_refused(tmp_path, path):
    root = copy_project(tmp_path / "projekts")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      admin:\n", f"      admin:\n        path: '{path}'\n"), encoding="utf-8")
    for command in ("validate", "build"):
        done = run_konkursi(command, cwd=root)
        assert done.returncode != 0 and "plugins.konkursi.admin.path" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_record_changed_on_disk_behind_the_editors_back_is_checked_again_though_its_size_and_time_are_kept(editor):
    # The file server reuses its last check while the record files hold the same: by content, not size and time.
    target = editor.root / "municipalities/adazu-novads.yml"
    good = target.read_text(encoding="utf-8")
    bad = good.replace("region: riga", "region: xxxx")
    assert bad != good and len(bad) == len(good)
    target.write_text(bad, encoding="utf-8")
    other = "municipalities/bauskas-novads.yml"
    assert editor.save(other, editor.text(other) + "\n")[0] == 200  # accepted: it adds no error
    stat = target.stat()  # the bad file as that save's check saw it
    target.write_text(good, encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time as when it was checked
    status, answer = editor.save("municipalities/adazu-novads.yml", bad)
    assert status == 422 and "xxxx" in answer["error"], answer
    assert target.read_text(encoding="utf-8") == good
