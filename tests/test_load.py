"""Reading record files in a preview: a file whose state on disk did not change is not read again,
and no change is ever missed (same size, same second, old modification time, rename, deletion)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import CALL
from konkursi.records import load
from konkursi.records.errors import Problems
from konkursi.records.load import Layout, load_records
from konkursi.memo import Memo

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"


class Loads:
    """The builds of one preview: one memo, ``load_records`` once per build."""

    def __init__(self, root: Path):
        self.root = root
        self.memo = Memo()

    def __call__(self):
        self.memo.next_build()
        problems = Problems()
        records = load_records(Layout(self.root), problems, self.memo)
        assert problems.errors == []
        return records

    def quota(self) -> int | None:
        calls = self().calls
        return calls[0].quota if calls else None


@pytest.fixture
def loads(mini) -> Loads:
    return Loads(mini.root)


@pytest.fixture
def settled(monkeypatch):
    """Every file counts as changed long ago: only its state decides whether it is read again."""
    monkeypatch.setattr(load, "_clock_ns", lambda: time.time_ns() + 10 * load.SETTLED_NS)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Names of the record files read, in order."""
    read: list[str] = []
    original = load._read_bytes

    def read_bytes(path: Path) -> bytes:
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(load, "_read_bytes", read_bytes)
    return read


def same_size_edit(path: Path, quota: int) -> None:
    """Replace the quota by one of the same length, keeping the size."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text[text.index("quota: "):].split("\n")[0], f"quota: {quota}"), encoding="utf-8")


def test_a_settled_unchanged_file_is_not_read_again(loads, settled, reads):
    first = loads()
    assert "cesu-novads.yml" in reads
    reads.clear()
    second = loads()
    assert reads == []
    assert second.calls[0] is first.calls[0]


def test_a_file_changed_just_now_is_read_at_every_build(loads, reads):
    loads()
    reads.clear()
    loads()
    assert "cesu-novads.yml" in reads  # the example files were all written a moment ago


def test_two_same_size_saves_within_one_timestamp_tick_are_both_seen(mini, loads, monkeypatch):
    # A filesystem with one-second timestamps: both saves leave the very same state.
    real_stat = os.stat

    class CoarseStat:
        def __init__(self, path):
            self.stat = real_stat(path)

        def __getattr__(self, name):
            value = getattr(self.stat, name)
            return value // 10**9 * 10**9 if name.endswith("time_ns") else value

    monkeypatch.setattr(load, "_stat", CoarseStat)
    path = mini.root / CALL_FILE
    assert loads.quota() == 3
    same_size_edit(path, 4)
    assert loads.quota() == 4
    same_size_edit(path, 5)
    assert loads.quota() == 5


def test_a_same_size_save_given_back_its_old_modification_time_is_seen(mini, loads, settled):
    path = mini.root / CALL_FILE
    assert loads.quota() == 3
    before = path.stat()
    time.sleep(0.05)  # past the kernel's timestamp tick: the change time moves on
    same_size_edit(path, 4)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert loads.quota() == 4


def test_a_file_replaced_by_a_rename_is_seen(mini, loads, settled):
    path = mini.root / CALL_FILE
    assert loads.quota() == 3
    before = path.stat()
    replacement = path.with_name(".cesu-novads.yml.tmp")  # as an editor saves: write aside, then rename
    replacement.write_text(CALL.replace("quota: 3", "quota: 7"), encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    assert loads.quota() == 7


def test_a_deleted_file_is_gone(mini, loads, settled):
    path = mini.root / CALL_FILE
    assert loads.quota() == 3
    path.unlink()
    assert loads.quota() is None
