"""Writing a press release's blocks as a Word (.docx) document.

python-docx makes the base document once (its template, with Latvian as the language of the
default run style) and serialises the parts every release shares: styles, theme, settings,
fonts, numbering … These are deflated once into an in-memory zip. A release then only needs
three small parts of its own, written here as XML strings: ``word/document.xml`` (its
paragraphs), ``word/_rels/document.xml.rels`` (the template's relationships and one per link
address) and ``docProps/core.xml`` (title, author, dates). The XML is what python-docx itself
wrote for the same calls (same elements, attributes and order), only without building the
object tree, which cost some 30 ms per release.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .inline import inline_spans

LANGUAGE = "lv-LV"
SUBJECT = "Informācija medijiem"
KEYWORDS = "informācija medijiem"
LINK_COLOUR = "0563C1"
SMALL_SIZE = 18
"""Letterhead and funding text: 9 pt, in half-points."""
MAX_PROPERTY = 255
"""Longest core property python-docx writes (and Word's properties dialog accepts)."""

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CORE = "docProps/core.xml"


def write(release) -> bytes:
    """The release as .docx bytes: one Word paragraph per paragraph of the page."""
    base = _base()
    body = _Body()
    for block in release.blocks:
        _write_block(body, block)
    output = io.BytesIO(base.zip_dated(release.date))
    stamp = _stamp(release.date)
    with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as target:
        for member, text in (
            (DOCUMENT, base.document_head + "".join(body.xml) + base.document_tail),
            (DOCUMENT_RELS, base.rels_head + "".join(_link_rel(r_id, url) for url, r_id in body.links.items()) + base.rels_tail),
            (CORE, _core_xml(release)),
        ):
            entry = zipfile.ZipInfo(member, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, text.encode("utf-8"), compresslevel=1)
    return output.getvalue()


# --- the shared parts, made once ------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    zip: bytes
    """``[Content_Types].xml``, ``_rels/.rels`` and every constant part, deflated."""
    stamps: tuple[int, ...]
    """Offsets of the (time, date) fields of every entry in ``zip``: local headers and central directory."""
    document_head: str
    """``word/document.xml`` up to and including ``<w:body>``."""
    document_tail: str
    """The template's ``<w:sectPr>`` (the last child of the body) and the closing tags."""
    rels_head: str
    """The template's relationships of the document part, without the closing tag."""
    rels_tail: str
    """The closing tag of the relationships."""
    rel_ids: frozenset[str]
    """Relationship ids the template uses; a link gets the lowest free one, as with python-docx."""

    def zip_dated(self, date: dt.date) -> bytearray:
        """A copy of ``zip`` whose entries carry ``date`` (written over the placeholder stamps)."""
        data = bytearray(self.zip)
        dos_time, dos_date = _dos_stamp(_stamp(date))
        for offset in self.stamps:
            struct.pack_into("<HH", data, offset, dos_time, dos_date)
        return data


@functools.lru_cache(maxsize=1)
def _base_document():
    document = Document()
    _set_language(document)
    return document


def _set_language(document) -> None:
    # Word's spelling check and hyphenation follow w:lang of the default run style.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


@functools.lru_cache(maxsize=1)
def _base() -> _Base:
    document = _base_document()
    package = document.part.package
    parts = list(package.iter_parts())
    changing = {DOCUMENT, CORE}
    if CORE not in {part.partname.membername for part in parts}:
        raise RuntimeError("python-docx's template has no docProps/core.xml")

    # Content types depend on the parts only; hyperlinks are relationships, not parts.
    members = [(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
               (PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        member = part.partname.membername
        if member not in changing:
            members.append((member, part.blob))
        if part.rels and member != DOCUMENT:
            members.append((part.partname.rels_uri.membername, part.rels.xml))

    placeholder = (1980, 1, 1, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member, blob in members:
            entry = zipfile.ZipInfo(member, date_time=placeholder)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, blob, compresslevel=9)
    data = output.getvalue()

    head, tail = _split_document(document.part.blob.decode("utf-8"))
    rels = document.part.rels
    rels_xml = rels.xml.decode("utf-8")
    closing = "</Relationships>"
    if not rels_xml.endswith(closing) or any(rel.is_external for rel in rels.values()):
        raise RuntimeError("unexpected relationships in python-docx's template")
    return _Base(
        zip=data,
        stamps=_stamp_offsets(data),
        document_head=head,
        document_tail=tail,
        rels_head=rels_xml[: -len(closing)],
        rels_tail=closing,
        rel_ids=frozenset(rels),
    )


def _split_document(xml: str) -> tuple[str, str]:
    """The template's document.xml around the paragraphs: the body holds only ``<w:sectPr>``."""
    opening = "<w:body>"
    start = xml.find(opening) + len(opening)
    section = xml.find("<w:sectPr", start)
    if start < len(opening) or section != start or not xml.endswith("</w:body></w:document>"):
        raise RuntimeError("unexpected body in python-docx's template")
    return xml[:start], xml[start:]


def _stamp_offsets(data: bytes) -> tuple[int, ...]:
    """Where each entry's DOS time and date are: in its local header and its central directory record."""
    offsets = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        for info in entries:
            offsets.append(info.header_offset + 10)
        position = archive.start_dir
    for _ in entries:
        if data[position:position + 4] != b"PK\x01\x02":
            raise RuntimeError("unexpected zip layout")
        offsets.append(position + 12)
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, position + 28)
        position += 46 + name_length + extra_length + comment_length
    return tuple(offsets)


def _stamp(date: dt.date) -> tuple[int, int, int, int, int, int]:
    # The release date, not the build time: two builds of the same records are byte-identical.
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)


def _dos_stamp(stamp: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


# --- XML text -------------------------------------------------------------------------

# Characters XML 1.0 does not allow (C0 controls but tab, newline and return; lone surrogates;
# U+FFFE, U+FFFF): lxml, and so python-docx, refused them; here they are left out.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _text(text: str) -> str:
    """Escaped character data, as lxml writes it."""
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(text: str) -> str:
    """Escaped attribute value for double quotes, as lxml writes it."""
    return (_clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _link_rel(r_id: str, url: str) -> str:
    return (f'<Relationship Id="{r_id}" Type="{RELATIONSHIP_TYPE.HYPERLINK}" '
            f'Target="{_attribute(url)}" TargetMode="External"/>')


_CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"
    "<cp:keywords>{keywords}</cp:keywords><dc:description></dc:description>"
    "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
    "<cp:category/><dc:language>{language}</dc:language></cp:coreProperties>"
)


def _core_xml(release) -> str:
    """Core properties: Latvian, by the contact person, created and modified on the release date."""
    date = release.date
    return _CORE.format(
        title=_property(release.headline),
        subject=_property(SUBJECT),
        author=_property(release.contact_name),
        keywords=_property(KEYWORDS),
        moment=f"{date.year:04d}-{date.month:02d}-{date.day:02d}T00:00:00Z",
        language=LANGUAGE,
    )


def _property(value: str) -> str:
    return _text(_clean(value)[:MAX_PROPERTY])  # cut after cleaning, so that 255 characters remain


# --- the body -------------------------------------------------------------------------


class _Body:
    """Paragraphs of ``word/document.xml`` as XML strings, and the link addresses they use."""

    def __init__(self):
        self.xml: list[str] = []
        self.links: dict[str, str] = {}
        """``{address: relationship id}``, one relationship per distinct address."""
        self._number = 0

    def paragraph(self, runs: list[str], style: str | None = None, tight: bool = False) -> None:
        properties = ""
        if style:
            properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        elif tight:
            properties = '<w:pPr><w:spacing w:after="0"/></w:pPr>'
        inner = properties + "".join(runs)
        self.xml.append(f"<w:p>{inner}</w:p>" if inner else "<w:p/>")

    def relate(self, url: str) -> str:
        r_id = self.links.get(url)
        if r_id is None:
            taken = _base().rel_ids
            while True:
                self._number += 1
                r_id = f"rId{self._number}"
                if r_id not in taken:
                    break
            self.links[url] = r_id
        return r_id


def _write_block(body: _Body, block) -> None:
    if block.kind == "headline":
        body.paragraph(_runs(body, block.html), style="Heading1")
    elif block.kind == "list":
        for item in block.items:
            body.paragraph(_runs(body, item), style="ListBullet")
    elif block.kind == "contact":
        body.paragraph(_runs(body, block.html, bold=True), tight=True)
        for line in block.items:
            body.paragraph(_runs(body, line), tight=True)
    elif block.kind in ("letterhead", "funding"):
        # Small print; the letterhead in italics, the funding line explicitly upright.
        body.paragraph(_runs(body, block.html, small=True, italic=block.kind == "letterhead"))
    else:
        body.paragraph(_runs(body, block.html, bold=block.kind == "label"))


def _runs(body: _Body, markup, bold: bool = False, small: bool = False, italic: bool = False) -> list[str]:
    """The runs of a paragraph. ``small`` sets the size and ``italic`` (on or off) of its own runs, not of its links'."""
    runs = []
    for span in inline_spans(markup):
        if span.url_note:
            continue
        if span.href:
            properties = f'<w:rPr><w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/></w:rPr>'
            runs.append(f'<w:hyperlink r:id="{body.relate(span.href)}"><w:r>{properties}{_content(span.text)}</w:r></w:hyperlink>')
            continue
        line_break = span.text == "\n"
        content = "<w:br/>" if line_break else _content(span.text)
        # Element order within w:rPr is the schema's: b, i, color, sz, u.
        properties = ""
        if not line_break and (bold or span.bold):
            properties += "<w:b/>"
        if small:
            properties += "<w:i/>" if italic else '<w:i w:val="0"/>'
            properties += f'<w:sz w:val="{SMALL_SIZE}"/>'
        elif span.italic and not line_break:
            properties += "<w:i/>"
        if line_break and not small:
            runs.append(f"<w:r>{content}</w:r>")  # python-docx gave a line break's run no properties
        elif properties:
            runs.append(f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>")
        else:
            runs.append(f"<w:r><w:rPr/>{content}</w:r>")
    return runs


@functools.lru_cache(maxsize=16384)
def _content(text: str) -> str:
    """A run's text: tabs as ``<w:tab/>``, line breaks as ``<w:br/>``, the rest in ``<w:t>``."""
    pieces = []
    for index, piece in enumerate(re.split(r"(\t|\r|\n)", _clean(text))):
        if index % 2:
            pieces.append("<w:tab/>" if piece == "\t" else "<w:br/>")
        elif piece:
            # xml:space only where Word would otherwise drop white space at either end.
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            pieces.append(f"<w:t{space}>{_text(piece)}</w:t>")
    return "".join(pieces)
