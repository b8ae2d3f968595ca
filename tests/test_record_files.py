"""Record files that are not regular files (issue 15, item 4): symlinks leading out of the project,
devices, FIFOs, loops and huge files are refused unread with a Latvian error naming the file; a
sub-folder that is not read is named in a warning."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import CALL, MUNICIPALITY, PROGRAMME, ROUND, run_konkursi
from konkursi.records.load import MAX_BYTES

ROUND_DIR = "calls/2020-pavasaris"
CALL_FILE = f"{ROUND_DIR}/cesu-novads.yml"
STRAY = f"{ROUND_DIR}/x.yml"
FILE_RULE = "ievietojiet projekta mapē pašu ieraksta .yml failu"
FOLDER_RULE = "ierakstu mapei jābūt īstai mapei projekta mapes iekšpusē"
OUTSIDE = f"ierakstu fails ir simboliskā saite (saīsne) uz vietu ārpus projekta mapes; {FILE_RULE}"
NOT_REGULAR = f"ierakstu fails nav parasts fails, bet speciāls sistēmas fails (piemēram, ierīce vai kanāls); izdzēsiet to un {FILE_RULE}"
LOOP = f"ierakstu fails ir simboliskā saite (saīsne), kas norāda pati uz sevi; {FILE_RULE}"
DANGLING = f"ierakstu fails ir simboliskā saite (saīsne) uz failu, kas neeksistē; {FILE_RULE}"
FOLDER_OUTSIDE = f"ierakstu mape ir simboliskā saite (saīsne) uz vietu ārpus projekta mapes; {FOLDER_RULE}"
TOO_LARGE = "fails ir pārāk liels ({} kB; atļauts ne vairāk kā %d kB)" % (MAX_BYTES // 1000)
RECORDS = {"programme.yml": PROGRAMME, "municipalities/cesu-novads.yml": MUNICIPALITY,
           f"{ROUND_DIR}/_round.yml": ROUND, CALL_FILE: CALL}
MEMORY_LIMIT = 3 * 2**30
"""Address space of a ``konkursi validate`` child: reading /dev/zero or a 10 GB file runs into it at once."""


def link(mini, rel: str, target: Path | str) -> Path:
    path = mini.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and not path.is_symlink():
        path.unlink()
    os.symlink(target, path)
    return path


def validate_bounded(root: Path, *, script: str | None = None) -> subprocess.CompletedProcess:
    """``konkursi validate`` (or ``script``) in a child with a time and memory limit: an old reader that
    hangs on a FIFO or swallows /dev/zero fails the test instead of the machine."""
    def limit_memory():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    args = ["-c", script] if script else ["-m", "konkursi", "validate"]
    return subprocess.run(
        [sys.executable, *args], cwd=root, capture_output=True, text=True, timeout=60, preexec_fn=limit_memory,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def report(done: subprocess.CompletedProcess) -> str:
    return done.stdout + done.stderr


# Symlinks


def test_a_symlink_to_a_system_file_is_refused_without_showing_its_content(mini):
    link(mini, STRAY, "/etc/passwd")
    assert mini.problems() == [f"{STRAY}: {OUTSIDE}"]
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert f"{STRAY}: {OUTSIDE}" in done.stderr
    assert "root:" not in report(done) and "/etc/passwd" not in report(done) and "Traceback" not in report(done)


@pytest.mark.parametrize("rel", RECORDS)
def test_a_symlink_to_a_valid_record_outside_the_project_is_refused_and_not_published(mini, tmp_path, rel):
    outside = tmp_path / "citur" / Path(rel).name
    outside.parent.mkdir()
    shutil.move(mini.root / rel, outside)
    link(mini, rel, outside)
    problems = mini.problems()
    assert f"{rel}: {OUTSIDE}" in problems
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 1
    assert f"{rel}: {OUTSIDE}" in done.stderr
    assert str(tmp_path) not in report(done) and "Traceback" not in report(done)
    assert not (mini.root / "site").exists()


def test_a_refused_municipality_file_gives_no_follow_on_error_in_its_calls(mini, tmp_path):
    outside = tmp_path / "cesu-novads.yml"
    outside.write_text(MUNICIPALITY, encoding="utf-8")
    link(mini, "municipalities/cesu-novads.yml", outside)
    assert mini.problems() == [f"municipalities/cesu-novads.yml: {OUTSIDE}"]


def test_a_symlink_inside_the_project_to_a_valid_record_is_accepted(mini):
    shared = mini.root / "kopigie" / "cesu-novads.yml"
    shared.parent.mkdir()
    shutil.move(mini.root / CALL_FILE, shared)
    link(mini, CALL_FILE, "../../kopigie/cesu-novads.yml")
    archive = mini.root / "arhivs" / "2021-rudens"
    archive.mkdir(parents=True)
    (archive / "_round.yml").write_text(ROUND.replace("number: 3", "number: 4").replace("2020", "2021"), encoding="utf-8")
    link(mini, "calls/2021-rudens", "../arhivs/2021-rudens")
    assert mini.problems() == []
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Visi ieraksti ir kārtībā."


def test_a_round_folder_linked_from_outside_the_project_is_refused_and_not_published(mini, tmp_path):
    outside = tmp_path / "citur" / "2021-rudens"
    outside.mkdir(parents=True)
    (outside / "_round.yml").write_text(ROUND.replace("number: 3", "number: 4").replace("2020", "2021"), encoding="utf-8")
    (outside / "cesu-novads.yml").write_text(CALL.replace("2020", "2021"), encoding="utf-8")
    link(mini, "calls/2021-rudens", outside)
    assert mini.problems() == [f"calls/2021-rudens/: {FOLDER_OUTSIDE}"]
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert str(tmp_path) not in report(done)


@pytest.mark.parametrize("folder", ["calls", "municipalities"])
def test_a_record_folder_linked_from_outside_the_project_is_refused(mini, tmp_path, folder):
    outside = tmp_path / "citur" / folder
    outside.parent.mkdir()
    shutil.move(mini.root / folder, outside)
    link(mini, folder, outside)
    assert f"{folder}/: {FOLDER_OUTSIDE}" in mini.problems()
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert str(tmp_path) not in report(done) and "Traceback" not in report(done)


@pytest.mark.parametrize("rel", [STRAY, f"{ROUND_DIR}/_round.yml", "programme.yml"])
def test_a_symlink_loop_is_a_latvian_error(mini, rel):
    path = mini.root / rel
    if path.exists():
        path.unlink()
    os.symlink(path.name, path)
    problems = mini.problems()
    assert f"{rel}: {LOOP}" in problems
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    assert f"{rel}: {LOOP}" in done.stderr and "Traceback" not in report(done)


def test_a_round_folder_in_a_symlink_loop_is_an_error_not_silently_skipped(mini):
    os.symlink("2021-rudens", mini.root / "calls/2021-rudens")
    assert mini.problems() == [f"calls/2021-rudens/: ierakstu mape ir simboliskā saite (saīsne), kas norāda pati uz sevi; {FOLDER_RULE}"]


def test_a_dangling_symlink_is_named(mini):
    link(mini, STRAY, "nekur.yml")
    assert mini.problems() == [f"{STRAY}: {DANGLING}"]


# Devices, FIFOs, huge files: refused before a single byte is read


def test_a_symlink_to_dev_zero_is_refused_at_once(mini):
    link(mini, STRAY, "/dev/zero")
    started = time.monotonic()
    done = validate_bounded(mini.root)
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), done.stderr[-2000:]
    assert f"{STRAY}: {OUTSIDE}" in done.stderr
    assert time.monotonic() - started < 30


def test_a_symlink_inside_the_project_to_a_fifo_is_refused_not_read(mini):
    os.mkfifo(mini.root / "kanals")
    link(mini, STRAY, "../../kanals")
    done = validate_bounded(mini.root)
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), done.stderr[-2000:]
    assert f"{STRAY}: {NOT_REGULAR}" in done.stderr


@pytest.mark.parametrize("rel", [STRAY, "programme.yml", f"{ROUND_DIR}/_round.yml"])
def test_a_fifo_record_file_is_refused_without_hanging(mini, rel):
    path = mini.root / rel
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    done = validate_bounded(mini.root)  # the old reader waited here for a writer forever
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), done.stderr[-2000:]
    assert f"{rel}: {NOT_REGULAR}" in done.stderr


def test_a_file_turned_into_a_fifo_after_its_check_is_still_not_read(mini):
    # The state said "a small regular file", but a FIFO is what gets opened: refused, not waited on.
    os.mkfifo(mini.root / STRAY)
    script = textwrap.dedent("""
        import os, stat
        from konkursi.records import load
        from konkursi.records.errors import Problems
        real = os.stat
        class Lying:
            def __init__(self, path):
                self.s = real(path)
            def __getattr__(self, name):
                return stat.S_IFREG | 0o644 if name == "st_mode" else getattr(self.s, name)
        load._stat = Lying
        problems = Problems()
        load.load_records(load.Layout(load.Path(".").resolve()), problems)
        print("\\n".join(str(p) for p in problems.items))
    """)
    done = validate_bounded(mini.root, script=script)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{STRAY}: {NOT_REGULAR}" in done.stdout.splitlines()


def test_a_10_gb_sparse_file_is_refused_by_its_size_unread(mini):
    path = mini.root / CALL_FILE
    os.truncate(path, 10 * 10**9)  # sparse: nothing on disk, but 10 GB to read
    started = time.monotonic()
    done = validate_bounded(mini.root)
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), done.stderr[-2000:]
    assert f"{CALL_FILE}: {TOO_LARGE.format(10_000_000)}" in done.stderr
    assert time.monotonic() - started < 30
    assert mini.problems() == [f"{CALL_FILE}: {TOO_LARGE.format(10_000_000)}"]


def test_a_record_path_that_is_a_folder_is_named(mini):
    (mini.root / "programme.yml").unlink()
    (mini.root / "programme.yml").mkdir()
    assert mini.problems() == ["programme.yml: tā ir mape, nevis ierakstu fails"]


# Errors of the system: Latvian problems, never a traceback


def test_a_folder_that_cannot_be_listed_is_a_latvian_error(mini, monkeypatch):
    real = os.scandir
    denied = str(mini.root / ROUND_DIR)

    def scandir(path="."):
        if str(path) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = mini.problems()
    assert f"{ROUND_DIR}/: mapi nevar nolasīt: nav atļaujas to lasīt" in problems


def test_a_file_that_cannot_be_read_is_a_latvian_error(mini, monkeypatch):
    real = os.open
    broken = str(mini.root / CALL_FILE)

    def open_(path, flags, *args, **kwargs):
        if str(path) == broken:
            raise OSError(errno.EIO, os.strerror(errno.EIO), path)
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    assert mini.problems() == [f"{CALL_FILE}: failu nevar nolasīt: diska ievades/izvades kļūda"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_a_latvian_error(mini):
    (mini.root / CALL_FILE).chmod(0)
    assert mini.problems() == [f"{CALL_FILE}: failu nevar nolasīt: nav atļaujas to lasīt"]


# Nothing ignored without a word


def test_a_sub_folder_of_a_round_folder_is_named_in_a_warning(mini):
    mini.write(f"{ROUND_DIR}/arhivs/ogres-novads.yml", CALL)
    mini.write(f"{ROUND_DIR}/.git/config", "x")  # hidden entries stay silent
    mini.write(f"{ROUND_DIR}/.cesu-novads.yml.swp", "x")
    warning = f"{ROUND_DIR}/arhivs/: brīdinājums: mape netiek lasīta, jo konkursu ieraksti jāglabā tieši kārtas mapē, nevis apakšmapē"
    assert mini.problems() == [warning]
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    assert warning in done.stderr


def test_a_sub_folder_of_municipalities_is_named_in_a_warning(mini):
    mini.write("municipalities/vecie/ogres-novads.yml", MUNICIPALITY)
    assert mini.problems() == [
        "municipalities/vecie/: brīdinājums: mape netiek lasīta, jo pašvaldību ieraksti jāglabā tieši mapē municipalities/, nevis apakšmapē"
    ]


def test_a_file_directly_in_the_calls_folder_is_named_in_a_warning(mini):
    mini.write("calls/cesu-novads.yml", CALL)
    assert mini.problems() == [
        "calls/cesu-novads.yml: brīdinājums: fails netiek lasīts, jo konkursu ieraksti jāglabā kārtas mapē (calls/<kārta>/)"
    ]
