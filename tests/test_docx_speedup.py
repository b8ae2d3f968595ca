"""The .docx speedup writes exactly the bytes of the core writer (python-docx), for any release."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from konkursi.outputs import docx as core
from konkursi.outputs.press import BLOCK_KINDS, Block, Release, to_docx
from konkursi.project import Project, generate
from konkursi.speedups import SWITCH, enabled
from konkursi.speedups import docx as speedup

from conftest import needs_speedups
from test_docx import _sample

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example_releases():
    return generate(Project.at(ROOT, site_url="https://konkursi.example/")).releases


def test_every_release_of_the_example_is_the_same_both_ways(example_releases):
    assert len(example_releases) > 5
    for release in [*example_releases, _sample()]:
        assert speedup.write(release) == core.write(release), release.page


@needs_speedups("docx")
def test_the_speedup_is_used_unless_switched_off(monkeypatch, example_releases):
    release = example_releases[0]
    monkeypatch.setattr(core, "write", lambda release: b"core")
    monkeypatch.delenv(SWITCH, raising=False)
    assert enabled(speedup.DOCX) and to_docx(release) == speedup.write(release)
    monkeypatch.setenv(SWITCH, "0")
    assert to_docx(release) == b"core"


# Text a record could hold and text it could not: markup characters, white space at the ends,
# tabs, returns, characters XML forbids (left out by both), wide and combining characters.
_TEXT = st.text(alphabet=st.sampled_from(list('aā Ž&<>"\'\t\r\n\x01\x0b\ufffe\ud800]]>😀e\u0301\u00a0;:/?=') + ["\u202e"]),
                max_size=40)


@st.composite
def _inline(draw) -> Markup:
    pieces = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "strong", "em", "link", "br", "mail"]))
        text = draw(_TEXT)
        if kind == "text":
            pieces.append(Markup.escape(text))
        elif kind in ("strong", "em"):
            pieces.append(Markup("<{0}>{1}</{0}>").format(Markup(kind), text))
        elif kind == "br":
            pieces.append(Markup("<br>"))
        else:
            # Few distinct addresses, so that some are linked twice (one relationship each).
            address = draw(st.sampled_from(["https://a.lv/?x=1&y=<2>", "https://b.lv/\x01", "https://b.lv/", "", "mailto:a@b.lv"]))
            pieces.append(Markup('<a href="{}">{}</a>').format(address + draw(st.sampled_from(["", text])), text))
    return Markup("").join(pieces)


@st.composite
def _releases(draw) -> Release:
    blocks = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(sorted(BLOCK_KINDS)))
        items = tuple(draw(st.lists(_inline(), max_size=3))) if kind in ("list", "contact") else ()
        blocks.append(Block(kind, draw(_inline()), items))
    date = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    return Release("round", None, date, tuple(blocks), "informacija-medijiem/x/index.md")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_releases())
def test_any_release_is_the_same_both_ways(release):
    assert speedup.write(release) == core.write(release)
