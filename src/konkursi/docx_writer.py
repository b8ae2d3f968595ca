"""Writing a press release's blocks as a Word (.docx) document with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .inline import inline_spans

LANGUAGE = "lv-LV"


def write(release) -> bytes:
    """The release as .docx bytes: one Word paragraph per paragraph of the page."""
    document = Document()
    _set_metadata(document, release)
    _set_language(document)
    for block in release.blocks:
        _write_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_timestamps(buffer.getvalue(), release.date)


def _fixed_timestamps(data: bytes, date: dt.date) -> bytes:
    # python-docx stamps each zip entry with the current time; the release date
    # instead makes two builds of the same records byte-identical.
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()


def _set_metadata(document, release) -> None:
    props = document.core_properties
    moment = dt.datetime.combine(release.date, dt.time(0, 0))
    props.title = release.headline
    props.subject = "Informācija medijiem"
    props.language = LANGUAGE
    props.author = release.contact_name
    props.last_modified_by = release.contact_name
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.comments = ""
    props.keywords = "informācija medijiem"


def _set_language(document) -> None:
    # Word's spelling check and hyphenation follow w:lang of the default run style.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


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
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.italic = block.kind == "letterhead"


def _fill(paragraph, markup, bold: bool = False):
    for span in inline_spans(markup):
        if span.url_note:
            continue
        if span.href:
            _add_hyperlink(paragraph, span.href, span.text)
        elif span.text == "\n":
            paragraph.add_run().add_break()
        else:
            run = paragraph.add_run(span.text)
            run.bold = bold or span.bold or None
            run.italic = span.italic or None
    return paragraph


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    # python-docx has no public API for hyperlinks; this is the documented XML.
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.append(run._r)
    paragraph._p.append(link)
