"""A preview hashes its records once per object (konkursi.speedups.record_hash): equality and
hashing stay exactly as a record's fields say, in this process and in another."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from konkursi.records.errors import Problems
from konkursi.records.load import Layout, load_records
from konkursi.records.values import RIGA
from konkursi.site.derive import derive
from konkursi.speedups.record_hash import hash_records_once

SRC = Path(__file__).resolve().parents[1] / "src"
NOW = dt.datetime(2020, 4, 20, 12, tzinfo=RIGA)


def _records():
    problems = Problems()
    records = load_records(Layout(REPO), problems)
    assert problems.errors == []
    return records


def test_records_with_equal_fields_hash_equal_and_find_each_other():
    hash_records_once()
    first, second = _records(), _records()
    pairs = [(first.programme, second.programme), *zip(first.calls, second.calls), *zip(first.rounds.values(), second.rounds.values()),
             *zip(derive(first, NOW).calls, derive(second, NOW).calls)]
    for one, other in pairs:
        hash(one)  # kept in ``one``, not yet in ``other``
        assert one is not other and one == other and hash(one) == hash(other)
        assert {one: "atrasts"}[other] == "atrasts"
    call = first.calls[0]
    later = dataclasses.replace(call, closes=call.closes + dt.timedelta(days=1))
    assert later != call and hash(later) != hash(call) and {call: 1}.get(later) is None


def test_a_pickled_record_hashes_anew_in_another_process(tmp_path):
    hash_records_once()
    records = _records()
    entry = derive(records, NOW).calls[0]
    hash(entry), hash(records.calls[0])  # kept in the objects
    (tmp_path / "records.pickle").write_bytes(pickle.dumps((records.calls[0], entry)))
    check = (
        "import pickle, sys; sys.path.insert(0, sys.argv[2])\n"
        "from test_record_hash import NOW, _records\n"
        "from konkursi.site.derive import derive\n"
        "from konkursi.speedups.record_hash import hash_records_once; hash_records_once()\n"
        "call, entry = pickle.loads(open(sys.argv[1], 'rb').read())\n"
        "records = _records()\n"
        "assert {records.calls[0]: 1}.get(call) == 1 and hash(call) == hash(records.calls[0])\n"
        "assert {derive(records, NOW).calls[0]: 1}.get(entry) == 1\n"
    )
    for seed in ("1", "2"):  # string hashes differ from this process's: a kept hash would be wrong there
        subprocess.run([sys.executable, "-c", check, str(tmp_path / "records.pickle"), str(Path(__file__).parent)],
                       check=True, env={"PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
