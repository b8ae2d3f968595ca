"""Writing a press release's blocks as a Word (.docx) document with python-docx."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .inline import inline_spans

LANGUAGE = "lv-LV"


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever this writer or the libraries it uses change (for the output cache)."""
    import docx

    from . import inline

    sources = b"".join(Path(module.__file__).read_bytes() for module in (sys.modules[__name__], inline))
    return hashlib.sha256(sources).hexdigest() + docx.__version__


def write(release) -> bytes:
    """The release as .docx bytes: one Word paragraph per paragraph of the page."""
    document = copy.deepcopy(_base_document())
    _set_metadata(document, release)
    for block in release.blocks:
        _write_block(document, block)
    return _save(document, release.date)


@functools.lru_cache(maxsize=1)
def _base_document():
    # Opening python-docx's template costs more than filling it; every release starts from a copy.
    document = Document()
    _set_language(document)
    return document


@functools.lru_cache(maxsize=1)
def _constant_blobs() -> dict[str, bytes]:
    """Serialised parts every release shares (styles, theme, settings …): made once."""
    changing = {"word/document.xml", "docProps/core.xml"}
    parts = _base_document().part.package.iter_parts()
    return {p.partname.membername: p.blob for p in parts if p.partname.membername not in changing}


def _save(document, date: dt.date) -> bytes:
    """The package as a zip whose entries carry ``date``, not the build time.

    python-docx stamps each entry with the current time; the release date makes
    two builds of the same records byte-identical. This is python-docx's own
    PackageWriter, with the timestamp set.
    """
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    package = document.part.package
    parts = list(package.iter_parts())
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        def put(member: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(member, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, blob)

        put(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        put(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        constant = _constant_blobs()
        for part in parts:
            member = part.partname.membername
            put(member, constant.get(member) or part.blob)
            if part.rels:
                put(part.partname.rels_uri.membername, part.rels.xml)
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
        _fill(_styled(document.add_paragraph(), "Heading1"), block.html)
    elif block.kind == "list":
        for item in block.items:
            _fill(_styled(document.add_paragraph(), "ListBullet"), item)
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


def _styled(paragraph, style_id: str):
    # The style id, not the name: python-docx looks a name up in styles.xml on every call,
    # which costs more than writing the paragraph.
    paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


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
