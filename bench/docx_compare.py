"""Compare the .docx files of two ``konkursi generate --out`` folders, as Word would see them.

Usage: PYTHONPATH=src .venv/bin/python bench/docx_compare.py BEFORE_DIR AFTER_DIR

For every .docx in BEFORE_DIR, the file of the same path in AFTER_DIR is read back with
python-docx and compared: paragraph texts and style ids, spacing after, every run (text, bold,
italic, size, underline, colour) inside and outside hyperlinks, hyperlink targets and core
properties. The XML members of both zips are also compared byte for byte (a difference there
is reported, not an error, if the read-back is equal). Each new file must be a valid zip whose
first entry is ``[Content_Types].xml`` and whose XML members are well-formed.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.text.hyperlink import Hyperlink
from lxml import etree

CORE = ("author", "category", "comments", "content_status", "created", "identifier", "keywords", "language",
        "last_modified_by", "last_printed", "modified", "revision", "subject", "title", "version")


def _run(run) -> tuple:
    font = run.font
    return (run.text, run.bold, run.italic, font.size, font.underline, font.color.rgb if font.color.type else None)


def readback(data: bytes) -> dict:
    document = docx.Document(io.BytesIO(data))
    paragraphs = []
    for paragraph in document.paragraphs:
        content = []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                content.append(("link", item.url, tuple(_run(r) for r in item.runs)))
            else:
                content.append(("run",) + _run(item))
        paragraphs.append((paragraph.style.style_id, paragraph.text, paragraph.paragraph_format.space_after, tuple(content)))
    rels = sorted((r.reltype, r.target_ref, r.is_external) for r in document.part.rels.values())
    props = document.core_properties
    return {
        "paragraphs": paragraphs,
        "rels": rels,
        "core": {name: getattr(props, name) for name in CORE},
        "sections": [(s.page_width, s.page_height, s.left_margin) for s in document.sections],
        "lang": [e.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
                 for e in document.styles.element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")],
    }


def check_package(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.infolist()[0].filename == "[Content_Types].xml", archive.infolist()[0].filename
        names = archive.namelist()
        assert len(names) == len(set(names)), "duplicate zip entries"
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def main() -> int:
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    olds = sorted(before.rglob("*.docx"))
    news = sorted(after.rglob("*.docx"))
    assert [p.relative_to(before) for p in olds] == [p.relative_to(after) for p in news], "different sets of files"
    different_members: dict[str, int] = {}
    failures = 0
    for old_path in olds:
        rel = old_path.relative_to(before)
        old, new = old_path.read_bytes(), (after / rel).read_bytes()
        check_package(new)
        a, b = readback(old), readback(new)
        if a != b:
            failures += 1
            for key in a:
                if a[key] != b[key]:
                    print(f"DIFFERENT {rel}: {key}\n  before {a[key]}\n  after  {b[key]}")
        ma, mb = members(old), members(new)
        if set(ma) != set(mb):
            print(f"DIFFERENT {rel}: members {sorted(set(ma) ^ set(mb))}")
            failures += 1
        for name in ma:
            if ma[name] != mb.get(name):
                different_members[name] = different_members.get(name, 0) + 1
    print(f"{len(olds)} documents compared; {failures} differ when read back with python-docx")
    print(f"zip members not byte-identical: {different_members or 'none'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
