"""The web editor as an editor uses it: `konkursi edit` on a copy of the example, Decap CMS in headless Chromium.

Opens /admin/ in local mode, creates a call through the form, saves, and checks that `konkursi validate`
passes and the site shows the call; an invalid edit shows validate's Latvian message in the browser and
writes nothing; a record broken on disk shows on the preview's pages; every example record opened and saved
unchanged builds the identical site. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import difflib
import filecmp
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import REPO, copy_project, run_konkursi

pytestmark = pytest.mark.skipif(not (REPO / "cms/node_modules/decap-cms/dist/decap-cms.js").is_file(),
                                reason="Decap CMS is not installed (scripts/test.sh installs it)")

LOGIN = "Pieteikties"
PUBLISH = "Publicēt"
PUBLISH_NOW = "Publicēt tūlīt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def editing(project: Path):
    """`konkursi edit` on ``project``; yields the preview's base URL (the editor is at admin/)."""
    port, api_port = _free_port(), _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    log = open(project.parent / f"edit-{port}.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "konkursi", "edit", "-a", f"127.0.0.1:{port}", "--api-port", str(api_port), "--no-open"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "admin/config.yml", timeout=5) as response:
                    if f"127.0.0.1:{api_port}/api/v1" in response.read().decode("utf-8"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"konkursi edit did not start:\n{log.read()}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projekts")


@pytest.fixture
def editor(browser):
    """A browser context in Latvian and Riga time that records every request's host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lv-LV", timezone_id="Europe/Riga")
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    context.hosts = hosts
    yield context
    context.close()


def open_entry(context, base: str, route: str):
    """Opens the editor at ``route`` (after #/), signing in to the local backend when asked."""
    page = context.new_page()
    page.goto(f"{base}admin/#/{route}")
    if os.environ.get("KONKURSI_DEBUG_SHOTS"):
        page.wait_for_timeout(5000)
        page.screenshot(path=os.path.join(os.environ["KONKURSI_DEBUG_SHOTS"], route.replace("/", "_") + ".png"))
    page.wait_for_selector(f"button:has-text('{LOGIN}'), input[id*='-field-'], textarea[id*='-field-']", timeout=30000)
    login = page.get_by_role("button", name=LOGIN)
    if login.count():
        login.click()
    page.locator("input[id*='-field-'], textarea[id*='-field-']").first.wait_for(timeout=30000)
    return page


def choose(page, field: str, text: str) -> None:
    """Picks ``text`` in the select of ``field`` (Decap's selects are searchable inputs)."""
    box = page.locator(f"input[id^='{field}-field']").first
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def publish(page) -> None:
    page.get_by_role("button", name=PUBLISH, exact=True).click()
    page.get_by_text(PUBLISH_NOW).click()


def wait_for_change(path: Path, before: tuple | None, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and _state(path) != before:
            return
        time.sleep(0.1)
    raise AssertionError(f"{path} was not saved")


def _state(path: Path) -> tuple | None:
    if not path.exists():
        return None
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def own_hosts_only(context, base: str) -> set[str]:
    return {host for host in context.hosts if not host.startswith("127.0.0.1:")}


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for_page(url: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if status == 200 and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} does not show {text!r}")


def test_a_call_created_through_the_form_validates_and_is_published(project, editor):
    target = project / "calls/2020-pavasaris/ludzas-novads.yml"
    assert not target.exists()
    with editing(project) as base:
        page = open_entry(editor, base, "collections/calls/new")
        choose(page, "round", "2020. gada pavasaris")
        choose(page, "municipality", "Ludzas")
        page.locator("input[id^='opens-field']").fill("2020-05-04T09:00")
        page.locator("input[id^='closes-field']").fill("2020-06-05T17:00")
        page.locator("input[id^='quota-field']").fill("3")
        page.get_by_role("button", name="Pievienot: iesniegšanas veids").click()
        choose(page, "method", "pa e-pastu")
        page.locator("input[id^='address-field']").first.fill("pieteikumi@ludzas-novads.example")
        publish(page)
        wait_for_change(target, None)
        # The preview rebuilds on its own and shows the new call.
        body = wait_for_page(base + "konkursi/2020-pavasaris/ludzas-novads/", "pieteikumi@ludzas-novads.example")
        assert "Ludzas novads" in body
        assert own_hosts_only(editor, base) == set(), "a request left 127.0.0.1"
    text = target.read_text(encoding="utf-8")
    assert "opens: 2020-05-04 09:00" in text and "closes: 2020-06-05 17:00" in text  # as validate reads, Riga time
    # konkursi's schemas are not inside this copy: no $schema line naming a folder elsewhere (tests/test_cms.py has
    # the repository's case, where the line is written above the first key).
    assert text.splitlines()[:2] == ["round: 2020-pavasaris", "municipality: ludzas-novads"]
    checked = run_konkursi("validate", cwd=project)
    assert checked.returncode == 0, checked.stderr
    built = run_konkursi("build", "-d", str(project.parent / "site"), cwd=project)
    assert built.returncode == 0, built.stderr
    page_html = (project.parent / "site/konkursi/2020-pavasaris/ludzas-novads/index.html").read_text(encoding="utf-8")
    assert "2020. gada 4. maija plkst. 9.00" in page_html or "4. maija" in page_html


def test_an_invalid_edit_shows_the_latvian_message_and_writes_nothing(project, editor):
    target = project / "calls/2020-pavasaris/adazu-novads.yml"
    before = target.read_bytes()
    with editing(project) as base:
        page = open_entry(editor, base, "collections/calls/entries/2020-pavasaris/adazu-novads")
        page.locator("input[id^='closes-field']").fill("2020-04-01T17:00")  # before it opens (27 April)
        publish(page)
        toast = page.get_by_text("pārbaudē atrastas kļūdas, fails nav mainīts").first
        toast.wait_for(timeout=20000)
        message = toast.inner_text()
        assert 'laukā "closes"' in message and "nav pēc sākuma" in message, message
        assert "calls/2020-pavasaris/adazu-novads.yml" in message
        # In the form, before anything is sent: a required field left empty is named in Latvian.
        page.reload()
        page.locator("input[id^='address-field']").first.wait_for()
        page.locator("input[id^='address-field']").first.fill("")
        publish(page)
        page.get_by_text("Dažos laukos ir kļūdas vai nav aizpildīti obligātie lauki").first.wait_for(timeout=10000)
        assert own_hosts_only(editor, base) == set()
    assert target.read_bytes() == before


def test_the_preview_shows_record_errors_on_its_pages(project, editor):
    target = project / "calls/2020-pavasaris/cesu-novads.yml"
    good = target.read_text(encoding="utf-8")
    with editing(project) as base:
        page = editor.new_page()
        page.goto(base + "konkursi/2020-pavasaris/cesu-novads/")
        assert page.locator(".konkursi-preview-errors").count() == 0
        target.write_text(good.replace("quota: 2", "quota: nulle", 1) if "quota: 2" in good
                          else good.replace("quota:", "quota: nulle #", 1), encoding="utf-8")
        notice = page.locator(".konkursi-preview-errors")
        notice.wait_for(timeout=30000)  # the page reloads after the rebuild
        text = notice.inner_text()
        assert "Ierakstos atrasta 1 kļūda" in text
        assert 'calls/2020-pavasaris/cesu-novads.yml' in text and 'laukā "quota"' in text
        assert notice.get_attribute("role") == "alert"
        target.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + 30
        while page.locator(".konkursi-preview-errors").count() and time.monotonic() < deadline:
            time.sleep(0.3)
        assert page.locator(".konkursi-preview-errors").count() == 0
    built = run_konkursi("build", "-d", str(project.parent / "site"), cwd=project)
    assert built.returncode == 0, built.stderr
    assert not (project.parent / "site/konkursi-preview.json").exists()  # never in a built site


# Every record of the example, where the editor opens it, and a text field to touch (Decap saves only a changed form).
def _records() -> list[tuple[str, str, str]]:
    records = [("programme.yml", "collections/programme/entries/programme", "short_name")]
    for path in sorted((REPO / "municipalities").glob("*.yml")):
        records.append((f"municipalities/{path.name}", f"collections/municipalities/entries/{path.stem}", "name"))
    for path in sorted((REPO / "calls").glob("*/_round.yml")):
        records.append((f"calls/{path.parent.name}/_round.yml", f"collections/rounds/entries/round-{path.parent.name}", "title"))
    for path in sorted((REPO / "calls").glob("*/*.yml")):
        if path.name != "_round.yml":
            records.append((f"calls/{path.parent.name}/{path.name}", f"collections/calls/entries/{path.parent.name}/{path.stem}",
                            "address"))
    return records


def test_every_example_record_saved_unchanged_builds_the_identical_site(tmp_path, editor):
    original = copy_project(tmp_path / "original")
    project = copy_project(tmp_path / "projekts")
    records = _records()
    assert {rel.split("/")[0] for rel, _, _ in records} == {"programme.yml", "municipalities", "calls"}
    with editing(project) as base:
        for rel, route, field in records:
            target = project / rel
            before = _state(target)
            page = open_entry(editor, base, route)
            # Decap saves only a form that differs from the file: a letter added and saved, then taken away and
            # saved again, leaves what the editor writes of the record's own values.
            box = page.locator(f"input[id^='{field}-field']").first
            box.click()
            box.press("End")
            box.type("x")
            publish(page)
            wait_for_change(target, before)
            page.get_by_text("Publicēts", exact=True).first.wait_for()
            between = _state(target)
            page.reload()  # the form compares with the record as loaded: load the saved one
            box.wait_for()
            box.press("End")
            box.press("Backspace")
            publish(page)
            wait_for_change(target, between)
            page.close()
        assert own_hosts_only(editor, base) == set()
    checked = run_konkursi("validate", cwd=project)
    assert checked.returncode == 0, checked.stderr
    sites = {}
    for name, root in (("original", original), ("saved", project)):
        done = run_konkursi("build", "-d", str(tmp_path / f"site-{name}"), cwd=root)
        assert done.returncode == 0, done.stderr
        sites[name] = tmp_path / f"site-{name}"
    different = _different_files(sites["original"], sites["saved"])
    assert different == [], different
    # What saving changed in each file (the README lists it): the values are the same (a call gains its round and
    # municipality); comments other than the $schema line are gone; long texts may be wrapped differently.
    report = []
    for rel, _, _ in records:
        old_text, new_text = (original / rel).read_text(encoding="utf-8"), (project / rel).read_text(encoding="utf-8")
        old_data, new_data = yaml.safe_load(old_text), yaml.safe_load(new_text)
        added = {key: new_data.pop(key) for key in ("round", "municipality") if key in new_data and key not in old_data}
        assert new_data == old_data, rel
        reordered = list(new_data) != list(old_data)  # Decap writes the keys in the form's order
        old_comments = [line for line in old_text.splitlines() if line.lstrip().startswith("#")]
        new_comments = [line for line in new_text.splitlines() if line.lstrip().startswith("#")]
        rewritten = sum(1 for line in difflib.ndiff(old_text.splitlines(), new_text.splitlines())
                        if line.startswith("+ ") and not line[2:].lstrip().startswith("#") and not line[2:].startswith(("round: ", "municipality: ")))
        report.append(f"| {rel} | {'identical' if old_text == new_text else 'same values'} | "
                      f"{len(old_comments) - len(new_comments)} of {len(old_comments)} | "
                      f"{', '.join(f'{k}: {v}' for k, v in added.items()) or '–'} | {'yes' if reordered else 'no'} | {rewritten} |")
    if os.environ.get("KONKURSI_CMS_REPORT"):
        Path(os.environ["KONKURSI_CMS_REPORT"]).write_text(
            "| record | after saving | comments dropped | keys added | keys reordered | lines rewritten |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            + "\n".join(report) + "\n", encoding="utf-8")


def _different_files(left: Path, right: Path) -> list[str]:
    different = []
    left_files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    different += sorted(left_files ^ right_files)
    for rel in sorted(left_files & right_files):
        if not filecmp.cmp(left / rel, right / rel, shallow=False):
            different.append(rel)
    return different


@pytest.mark.parametrize("width, height", [(1280, 900), (360, 640)])
def test_the_editors_pages_meet_wcag_aa(project, browser, width, height):
    """axe-core on the editor as an editor goes through it: sign-in, a list, a call, a new call, a round
    (Decap's own contrast and unnamed icon buttons are corrected by konkursi-cms.css and konkursi-cms.js)."""
    from browser_helpers import AXE, axe_violations

    context = browser.new_context(viewport={"width": width, "height": height}, locale="lv-LV", timezone_id="Europe/Riga")
    context.add_init_script(path=str(AXE))
    found = {}
    try:
        with editing(project) as base:
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # "leave the new entry?" when going on
            page.goto(base + "admin/")
            login = page.get_by_role("button", name=LOGIN)
            login.wait_for()
            found["sign-in"] = axe_violations(page)
            login.click()
            for route, ready in (("collections/calls", "text=Konkursi"),
                                 ("collections/calls/entries/2020-pavasaris/cesu-novads", "input[id^='address-field']"),
                                 ("collections/calls/new", "input[id^='opens-field']"),
                                 ("collections/rounds/entries/round-2020-pavasaris", "input[id^='title-field']")):
                page.close()
                page = context.new_page()  # signed in still (the local backend's user is kept by the browser)
                page.goto(f"{base}admin/#/{route}")
                page.locator(ready).first.wait_for()
                page.wait_for_timeout(300)  # the names of list items' buttons are given once a frame
                found[route] = axe_violations(page)
    finally:
        context.close()
    assert {where: v for where, v in found.items() if v} == {}
