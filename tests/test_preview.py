"""Previewing with `konkursi serve`: rebuilt on every change, the last good preview kept on errors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import re
import sys
import time
import urllib.request

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import CALL
from test_cli import CALL_FILE

BROKEN = CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-02-30 17:00")
ERROR_LINE = f'{CALL_FILE}:2: laukā "closes": datums 2020-02-30 neeksistē'
CALL_PAGE = "konkursi/2020-pavasaris/cesu-novads.md"


def plugin_after_startup(mini, command: str):
    config = load_config(str(mini.root / "mkdocs.yml"))
    plugin = config.plugins["konkursi"]
    plugin.on_startup(command=command, dirty=False)
    return config, plugin


def call_markdown(plugin) -> str:
    return next(p.markdown for p in plugin.result.pages if p.path == CALL_PAGE)


def test_serve_rebuild_with_a_record_error_keeps_the_last_good_pages(mini, capsys):
    config, plugin = plugin_after_startup(mini, "serve")
    plugin.on_config(config)
    assert "3 projekti" in call_markdown(plugin)
    mini.write(CALL_FILE, BROKEN.replace("quota: 3", "quota: 2"))
    plugin.on_config(config)  # no exception: mkdocs serve would stall every request after one
    assert "3 projekti" in call_markdown(plugin)
    err = capsys.readouterr().err
    assert f"  {ERROR_LINE}" in err
    assert err.strip().endswith("Priekšskatījumā paliek pēdējā derīgā versija; izlabojiet kļūdas, un lapa atjaunosies.")
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    plugin.on_config(config)
    assert "2 projekti" in call_markdown(plugin)


@pytest.mark.parametrize("text", [
    'note: "pieteikumi\\ud800"\n', 'note: "a\\x1b[2J"\n', "closes: 9999-12-31 17:00\n", "closes: 2020-10-25 03:30\n",
])
def test_serve_keeps_the_last_good_preview_after_any_hostile_save(mini, capsys, text):
    config, plugin = plugin_after_startup(mini, "serve")
    plugin.on_config(config)
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00\n", "") + text)
    plugin.on_config(config)
    assert "3 projekti" in call_markdown(plugin)
    assert f"{CALL_FILE}:" in capsys.readouterr().err


def test_serve_keeps_the_last_good_preview_after_an_unforeseen_fault(mini, capsys, monkeypatch):
    import konkursi.engines.mkdocs_plugin

    config, plugin = plugin_after_startup(mini, "serve")
    plugin.on_config(config)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(konkursi.engines.mkdocs_plugin, "publish", broken)
    plugin.on_config(config)
    assert "3 projekti" in call_markdown(plugin)
    assert "Neparedzēta kļūda" in capsys.readouterr().err


def test_build_with_a_record_error_still_fails(mini):
    config, plugin = plugin_after_startup(mini, "build")
    plugin.on_config(config)
    mini.write(CALL_FILE, BROKEN)
    with pytest.raises(PluginError, match=ERROR_LINE):
        plugin.on_config(config)


def test_serve_started_with_a_record_error_reports_it(mini):
    mini.write(CALL_FILE, BROKEN)
    config, plugin = plugin_after_startup(mini, "serve")
    with pytest.raises(PluginError, match=ERROR_LINE):
        plugin.on_config(config)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=15) as response:
        return response.read().decode("utf-8")


def wait_for(check, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(mini, tmp_path):
    """`konkursi serve` running on a free port: (base URL, path of its log)."""
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "konkursi", "serve", "-a", f"127.0.0.1:{port}"], cwd=mini.root,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    """Stops a server started in its own session: as a terminal's kill would, then for sure."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def test_live_preview_follows_records_pages_and_templates_and_survives_an_error(mini, served):
    base, log = served
    page = base + "konkursi/2020-pavasaris/cesu-novads/"
    wait_for(lambda: "3 projekti" in fetch(page), "the first build")

    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
    wait_for(lambda: "2 projekti" in fetch(page), "a rebuild after a record changed")
    # Only the pages the change touched were built again (already on the first rebuild).
    wait_for(lambda: re.search(r"konkursi: pārbūvētas? \d+ lapa", log.read_text(encoding="utf-8")), "the rebuild's report")
    assert log.read_text(encoding="utf-8").count("visas lapas pārbūvētas") == 1
    guide = mini.root / "content/ka-pieteikties.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nPriekšskatījuma pārbaude.\n", encoding="utf-8")
    wait_for(lambda: "Priekšskatījuma pārbaude." in fetch(base + "ka-pieteikties/"), "a rebuild after a page changed")
    template = mini.root / "theme/pages/call.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nVeidnes pārbaude.\n", encoding="utf-8")
    wait_for(lambda: "Veidnes pārbaude." in fetch(page), "a rebuild after a template changed")

    mini.write(CALL_FILE, BROKEN.replace("quota: 3", "quota: 1"))
    wait_for(lambda: ERROR_LINE in log.read_text(encoding="utf-8"), "the error in the terminal")
    time.sleep(1)
    html = fetch(page)  # answered at once with the last good version
    assert "2 projekti" in html and "1 projekts" not in html

    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 1"))
    wait_for(lambda: "1 projekts" in fetch(page), "a rebuild after the error was fixed")


def test_stopping_konkursi_serve_stops_the_server(mini):
    """The preview is MkDocs' server itself, not a child left running when konkursi is stopped."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "konkursi", "serve", "-a", f"127.0.0.1:{port}"], cwd=mini.root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for(lambda: "Cēsu" in fetch(f"http://127.0.0.1:{port}/"), "the preview")
        server.terminate()
        server.wait(timeout=15)

        def refused() -> bool:
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) != 0
        wait_for(refused, "the port to close", seconds=15)
    finally:
        if server.poll() is None:
            server.kill()


def test_stopping_konkursi_serve_with_a_signal_removes_its_temporary_site(mini, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "konkursi", "serve", "-a", f"127.0.0.1:{port}"], cwd=mini.root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)})
    try:
        wait_for(lambda: "Cēsu" in fetch(f"http://127.0.0.1:{port}/"), "the preview")
        assert [p.name[:7] for p in temporary.iterdir()] == ["mkdocs_"]
        server.terminate()
        server.wait(timeout=15)
        assert list(temporary.iterdir()) == []
    finally:
        if server.poll() is None:
            server.kill()


def test_the_preview_is_told_of_changes_by_the_kernel_and_can_poll_instead(mini, tmp_path):
    from mkdocs.livereload import LiveReloadServer

    from konkursi.speedups.livereload import inotify, server_told_of_changes

    if inotify() is None:
        pytest.skip("inotify is Linux's")
    server = server_told_of_changes(LiveReloadServer, inotify())(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        from watchdog.events import FileOpenedEvent
        from watchdog.observers.inotify import InotifyObserver

        assert isinstance(server.observer, InotifyObserver)
        seen = []
        handler = type("Handler", (), {"dispatch": lambda self, event: seen.append(type(event))})()
        server.observer.schedule(handler, str(mini.root / "calls"), recursive=True)
        server.observer.start()
        (mini.root / CALL_FILE).read_bytes()  # a build reads the records: no reason for another build
        mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 2"))
        wait_for(lambda: seen, "the save to be reported", seconds=10)
        time.sleep(0.2)
        assert FileOpenedEvent not in seen
    finally:
        if server.observer.is_alive():
            server.observer.stop()
        server.server_close()

    # --poll: MkDocs' own polling watcher, which sees changes on network shares too.
    port = free_port()
    log = tmp_path / "poll.log"
    with open(log, "w") as out:
        polling = subprocess.Popen([sys.executable, "-m", "konkursi", "serve", "--poll", "-a", f"127.0.0.1:{port}"], cwd=mini.root,
                                   stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = f"http://127.0.0.1:{port}/konkursi/2020-pavasaris/cesu-novads/"
        wait_for(lambda: "2 projekti" in fetch(page), "the first build")
        mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 1"))
        wait_for(lambda: "1 projekts" in fetch(page), "a rebuild after a record changed")
    finally:
        polling.terminate()
        polling.wait(timeout=15)


def test_an_inotify_limit_asks_for_polling(mini, monkeypatch, capsys):
    import errno
    import signal as signals

    from mkdocs import __main__ as mkdocs_main
    from mkdocs.livereload import LiveReloadServer

    from konkursi import cli

    def limit_reached(*args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(mkdocs_main.cli, "main", limit_reached)
    monkeypatch.setattr(signals, "signal", lambda *args: None)  # the test's own SIGTERM stays as it is
    monkeypatch.setattr("mkdocs.commands.serve.LiveReloadServer", LiveReloadServer)  # restored after the test
    monkeypatch.chdir(mini.root)
    assert cli.main(["serve"]) == 1
    assert "konkursi serve --poll" in capsys.readouterr().err
