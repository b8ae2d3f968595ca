"""Published files as a library user reads them: bytes, whichever way they are read, though a
press release's .docx is made only when it is read (or written)."""

from __future__ import annotations

import json

from conftest import copy_project
from konkursi.outputs.files import Deferred
from konkursi.project import Project, generate, publish


def test_every_way_of_reading_the_files_gives_bytes_though_a_docx_waits_until_read(tmp_path):
    project = Project.at(copy_project(tmp_path / "projekts"), now="2020-07-01 12:00", site_url="https://konkursi.example/")
    result = generate(project)
    files = publish(project, result).files
    docx = [path for path in files if path.endswith(".docx")]
    assert docx and all(path in result.files for path in docx)
    assert {path for path, content in files.stored() if isinstance(content, Deferred)} == set(docx)

    as_dict = dict(files)
    for read in (as_dict, {**files}, dict(files.items()), dict(zip(files, files.values())), {path: files[path] for path in files}):
        assert set(read) == set(files) and all(type(content) is bytes for content in read.values())
        assert all(read[path].startswith(b"PK") for path in docx)  # a made .docx (a zip), not a promise of one
    assert files.get(docx[0]) == as_dict[docx[0]] and files == as_dict
    assert all(type(content) is bytes for content in dict(result.files).values())
    assert json.loads(as_dict["dati/calls.json"])
