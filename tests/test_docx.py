"""The .docx writer: what Word shows of a release, links, hostile text and reproducible files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.shared import Pt, RGBColor
from docx.text.hyperlink import Hyperlink
from lxml import etree
from markupsafe import Markup

from konkursi.records.errors import ValidationFailed

from conftest import MUNICIPALITY
from konkursi.outputs import docx as docx_writer
from konkursi.site.clock import parse_now
from konkursi.outputs.press import Block, Release
from konkursi.project import Project, generate

HOSTILE = 'A & B <b>not bold</b> ]]> "quoted" \'single\' \u202eevil\u202c 👩‍👩‍👧‍👦 e\u0301'
LINK = 'https://example.lv/a?x=1&y="2"&z=<3>'


def _release(blocks, date=dt.date(2020, 3, 2)) -> Release:
    return Release("round", None, date, tuple(blocks), "informacija-medijiem/x/index.md")


def _escaped(text: str) -> Markup:
    return Markup.escape(text)


def _open(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "[Content_Types].xml"
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # well-formed
    return docx.Document(io.BytesIO(data))


def _sample() -> Release:
    link = Markup('<a href="{}">{}</a>').format(LINK, HOSTILE)
    return _release([
        Block("letterhead", Markup("Vēstule <strong>treknā</strong>")),
        Block("headline", _escaped("Virsraksts: " + HOSTILE)),
        Block("label", Markup("Informācija medijiem")),
        Block("paragraph", Markup("Teksts ") + link + Markup(" un <em>slīpi</em><br>jaunā rindā ")
              + Markup('<a href="mailto:a@b.lv">a@b.lv</a>')),
        Block("list", items=(Markup("pirmais"), Markup("otrais ") + link)),
        Block("contact", Markup("Kontaktpersona:"), (Markup("Ilze Bērziņa"), Markup("e-pasts: x@y.lv"))),
        Block("funding", Markup("Finansē <em>ESF</em>")),
    ])


def test_release_reads_back_in_word_as_written():
    document = _open(docx_writer.write(_sample()))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == [
        "Vēstule treknā",
        "Virsraksts: " + HOSTILE,
        "Informācija medijiem",
        f"Teksts {HOSTILE} un slīpi\njaunā rindā a@b.lv",  # the link's address is not repeated after its text
        "pirmais",
        "otrais " + HOSTILE,
        "Kontaktpersona:",
        "Ilze Bērziņa",
        "e-pasts: x@y.lv",
        "Finansē ESF",
    ]
    assert [p.style.style_id for p in paragraphs] == ["Normal", "Heading1", "Normal", "Normal", "ListBullet", "ListBullet",
                                                      "Normal", "Normal", "Normal", "Normal"]
    letterhead, _, label, text, _, item, contact, line, _, funding = paragraphs
    assert [(r.text, r.bold, r.italic, r.font.size) for r in letterhead.runs] == [
        ("Vēstule ", None, True, Pt(9)), ("treknā", True, True, Pt(9))]
    assert [(r.text, r.italic, r.font.size) for r in funding.runs] == [("Finansē ", False, Pt(9)), ("ESF", False, Pt(9))]
    assert all(r.bold for r in label.runs) and all(r.bold for r in contact.runs)
    assert not any(r.bold for r in line.runs)
    assert [p.paragraph_format.space_after for p in (contact, line)] == [Pt(0), Pt(0)]
    assert [r.italic for r in text.runs if r.text == "slīpi"] == [True]

    links = [item for item in text.iter_inner_content() if isinstance(item, Hyperlink)]
    assert [(link.url, link.text) for link in links] == [(LINK, HOSTILE), ("mailto:a@b.lv", "a@b.lv")]
    for link in links:
        (run,) = link.runs
        assert run.font.color.rgb == RGBColor(0x05, 0x63, 0xC1) and run.font.underline is True
    (item_link,) = [i for i in item.iter_inner_content() if isinstance(i, Hyperlink)]
    assert item_link.url == LINK
    # One relationship per address, however often it is linked.
    external = sorted(r.target_ref for r in document.part.rels.values() if r.is_external)
    assert external == sorted([LINK, "mailto:a@b.lv"])
    assert document.element.body[-1].tag.endswith("}sectPr")


def test_release_metadata_is_latvian_and_dated():
    document = _open(docx_writer.write(_sample()))
    props = document.core_properties
    assert props.title == "Virsraksts: " + HOSTILE
    assert props.author == props.last_modified_by == "Ilze Bērziņa"
    assert props.language == "lv-LV"
    assert props.subject == "Informācija medijiem" and props.keywords == "informācija medijiem"
    assert props.created == props.modified == dt.datetime(2020, 3, 2, 0, 0, tzinfo=props.created.tzinfo)
    assert props.revision == 1
    assert 'w:lang w:val="lv-LV"' in document.styles.element.xml


def test_two_writes_are_byte_identical_and_carry_the_release_date():
    first, second = docx_writer.write(_sample()), docx_writer.write(_sample())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(docx_writer.write(_release(_sample().blocks, dt.date(2024, 12, 31))))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 12, 31, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(docx_writer.write(_release(_sample().blocks, dt.date(1975, 5, 6))))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 5, 6, 0, 0, 0)}  # zip dates start in 1980
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 3, 2, 0, 0, 0)}


@pytest.mark.parametrize("bad", ["\x01", "\x07", "\x1b", "\x0b", "\ufffe", "\ud800"])
def test_characters_xml_forbids_are_left_out(bad):
    release = _release([
        Block("headline", _escaped(f"Virs{bad}raksts")),
        Block("paragraph", Markup('<a href="https://x.lv/{0}">sai{0}te</a>').format(bad)),
        Block("contact", Markup("Kontaktpersona:"), (_escaped(f"Ilze{bad} Bērziņa"),)),
    ])
    document = _open(docx_writer.write(release))
    assert [p.text for p in document.paragraphs] == ["Virsraksts", "saite", "Kontaktpersona:", "Ilze Bērziņa"]
    # The title is the headline as plain text, whose white space (such as "\x0b") is one space.
    assert document.core_properties.title == release.headline.replace(bad, "")
    assert document.core_properties.author == release.contact_name.replace(bad, "")
    (link,) = [i for i in document.paragraphs[1].iter_inner_content() if isinstance(i, Hyperlink)]
    assert link.url == "https://x.lv/"


def test_a_headline_longer_than_a_word_property_is_whole_in_the_text_and_cut_in_the_title():
    headline = "Ļoti garš virsraksts " * 20
    document = _open(docx_writer.write(_release([Block("headline", _escaped(headline.strip()))])))
    assert document.paragraphs[0].text == headline.strip()
    assert document.core_properties.title == headline.strip()[:255]


def test_a_control_character_in_a_record_is_refused_before_any_document_is_made(mini):
    # python-docx refuses "\x07"; the records' character rule refuses it first, naming file, line and field.
    mini.write("municipalities/cesu-novads.yml", MUNICIPALITY
               .replace("name: Cēsu novads", 'name: "Cēsu\\x07 novads ]]> <b>"')
               .replace("name: Ilze Bērziņa", 'name: "Ilze\\x1b Bērziņa"'))
    with pytest.raises(ValidationFailed) as failed:
        generate(Project.at(mini.root), now=parse_now("2020-04-20 12:00"))
    assert [str(p).split(": vērtības")[0] for p in failed.value.errors] == [
        'municipalities/cesu-novads.yml:1: laukā "name"', 'municipalities/cesu-novads.yml:5: laukā "contacts[1].name"']
