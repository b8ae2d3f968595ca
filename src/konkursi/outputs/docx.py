"""Writing a press release's blocks as a Word (.docx) document with python-docx.

Each release is a new ``Document()``: python-docx's own template, Latvian as the language of
its default run style, one paragraph per paragraph of the page, the release's core properties.
The saved package is then written again with ``zipfile`` so that a rebuild gives the same bytes:
every member carries the release date, in a fixed order, deflated at a fixed level
(``speedups.docx`` writes these very bytes faster).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .inline import inline_spans

LANGUAGE = "lv-LV"
SUBJECT = "Informācija medijiem"
KEYWORDS = "informācija medijiem"
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
SMALL_SIZE = Pt(9)
"""Letterhead and funding text."""
MAX_PROPERTY = 255
"""Longest core property python-docx writes (and Word's properties dialog accepts)."""

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CORE = "docProps/core.xml"
OWN = (DOCUMENT, DOCUMENT_RELS, CORE)
"""A release's own members of the package; every other member is the same in every release."""
SHARED_LEVEL, OWN_LEVEL = 9, 1
"""Deflate levels: the shared members (styles, theme, numbering …: most of the file) hard, a release's own fast."""


def write(release) -> bytes:
    """The release as .docx bytes: one Word paragraph per paragraph of the page."""
    document = Document()
    set_language(document)
    _set_properties(document, release)
    for block in release.blocks:
        _write_block(document, block)
    saved = io.BytesIO()
    document.save(saved)
    return dated_package(saved.getvalue(), release.date)


def dated_package(data: bytes, date: dt.date) -> bytes:
    """The saved package written again: the shared members in python-docx's order, then ``OWN``; all dated ``date``.

    python-docx stamps each member with the current time; the release date instead makes
    two builds of the same records byte-identical.
    """
    stamp = zip_stamp(date)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        shared = [name for name in source.namelist() if name not in OWN]
        for name in shared + list(OWN):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(name), compresslevel=OWN_LEVEL if name in OWN else SHARED_LEVEL)
    return output.getvalue()


def zip_stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    """A zip member's date and time: midnight of ``date``, its year held to what zip dates can carry (1980–2107)."""
    return (min(max(date.year, 1980), 2107), date.month, date.day, 0, 0, 0)


def set_language(document) -> None:
    """Latvian for Word's spelling check and hyphenation, which follow w:lang of the default run style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


# Characters XML 1.0 does not allow (C0 controls but tab, newline and return; lone surrogates;
# U+FFFE, U+FFFF): python-docx (lxml) refuses them, so they are left out.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def property_text(value: str) -> str:
    """A core property's text: cut after cleaning, so that 255 characters remain."""
    return clean(value)[:MAX_PROPERTY]


def moment(date: dt.date) -> dt.datetime:
    """Created and modified: midnight of the release date."""
    return dt.datetime.combine(date, dt.time(0, 0))


def _set_properties(document, release) -> None:
    """Core properties: Latvian, by the contact person, created and modified on the release date."""
    props = document.core_properties
    props.title = property_text(release.headline)
    props.subject = SUBJECT
    props.language = LANGUAGE
    props.author = property_text(release.contact_name)
    props.last_modified_by = property_text(release.contact_name)
    props.created = moment(release.date)
    props.modified = moment(release.date)
    props.revision = 1
    props.comments = ""
    props.keywords = KEYWORDS


def _write_block(document, block) -> None:
    if block.kind == "headline":
        _fill(document.add_heading(level=1), block.html)
    elif block.kind == "list":
        for item in block.items:
            _fill(document.add_paragraph(style="List Bullet"), item)
    elif block.kind == "contact":
        _fill(document.add_paragraph(), block.html, bold=True).paragraph_format.space_after = Pt(0)
        for line in block.items:
            _fill(document.add_paragraph(), line).paragraph_format.space_after = Pt(0)
    else:
        paragraph = _fill(document.add_paragraph(), block.html, bold=block.kind == "label")
        if block.kind in ("letterhead", "funding"):
            # Small print (not the links): the letterhead in italics, the funding line explicitly upright.
            for run in paragraph.runs:
                run.font.size = SMALL_SIZE
                run.italic = block.kind == "letterhead"


def _fill(paragraph, markup, bold: bool = False):
    for span in inline_spans(markup):
        if span.url_note:
            continue
        if span.href:
            _add_hyperlink(paragraph, clean(span.href), clean(span.text))
        elif span.text == "\n":
            paragraph.add_run().add_break()
        else:
            run = paragraph.add_run(clean(span.text))
            run.bold = bold or span.bold or None
            run.italic = span.italic or None
    return paragraph


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    # python-docx reads hyperlinks but has no call to add one: its relationship is made by the
    # part's relate_to (one per address), the w:hyperlink element wraps a run python-docx made.
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text)
    run.font.underline = True
    run.font.color.rgb = LINK_COLOUR
    link.append(run._r)
    paragraph._p.append(link)
