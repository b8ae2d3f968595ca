"""Faster code paths give exactly what the general code they replace gives."""

import datetime as dt
import random
import re
import textwrap
from pathlib import Path

import pytest
from icalendar.parser.string import _foldline

from konkursi import press
from konkursi.calendars import END, _calendar_properties, _call_events, _event, _event_ical, _fold, _Header
from konkursi.project import Project, _context, generate
from konkursi.values import RIGA
from konkursi.render import md_escape

ROOT = Path(__file__).resolve().parent.parent

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def general_md_escape(text):
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def general_wrap(text, first="", rest=""):
    held = press._KEEP_TOGETHER.sub(press._HELD, text.replace(press._HELD, " "))
    wrapped = textwrap.fill(held, press.WIDTH, initial_indent=first, subsequent_indent=rest,
                            break_long_words=False, break_on_hyphens=False)
    return wrapped.replace(press._HELD, " ")


def test_md_escape_matches_the_regex_escape():
    rng = random.Random(1)
    alphabet = "\\`*_{}[]()#+-.!|>~&<;a āčž \n\t\u00a0\u2003xyz0:"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        assert md_escape(text) == general_md_escape(text), repr(text)
    for value in (1, 2.5, None, "Cēsu novads", "4600 eiro"):
        assert md_escape(value) == general_md_escape(value)


def test_fold_matches_icalendar():
    rng = random.Random(2)
    for _ in range(3000):
        alphabet = rng.choice(["ab\\^;:,āčž€😀 \u00a0x", "a\\^", "a"])
        line = "".join(rng.choice(alphabet) for _ in range(rng.choice([rng.randrange(80), rng.randrange(60, 400)])))
        assert _fold(line) == _foldline(line).encode("utf-8"), repr(line)


def test_wrap_matches_textwrap():
    rng = random.Random(3)
    words = ["a", "Nr.", "plkst.", "2020.", "78", "gada", "8.3.4.0/16/I/001", "pašvaldībās", "x" * 70, "y" * 73,
             "https://example.com/a/very/long/address/that/never/breaks/anywhere/at/all/x", "1", "–", "\u00a0", "\u2003", ""]
    separators = [" "] * 8 + ["  ", "\u00a0", "\t", "\u2003", "\n"]
    for _ in range(1000):
        text = "".join(rng.choice(words) + rng.choice(separators) for _ in range(rng.randrange(40)))
        text = text.strip() if rng.random() < 0.5 else text
        for first, rest in (("", ""), ("• ", "  ")):
            assert press._wrap(text, first, rest) == general_wrap(text, first, rest), repr(text)


@pytest.fixture(scope="module")
def example_context():
    """The example project's catalogue and the context of its published files."""
    project = Project.at(ROOT, site_url="https://konkursi.example/")
    result = generate(project)
    return result.catalogue, _context(project, tuple(result.releases))


def _random_text(rng, alphabet="aā čž,;:\\\"'^/Ē€😀\n\r\tx.", longest=120):
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(longest)))


def _random_moment(rng, zone):
    moment = dt.datetime(rng.randrange(1950, 2100), rng.randrange(1, 13), rng.randrange(1, 29),
                         rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.choice([0, 999999]), tzinfo=zone)
    return moment.astimezone(zone)


def test_event_text_matches_icalendar():
    rng = random.Random(4)
    for _ in range(1500):
        utc = [_random_moment(rng, dt.timezone.utc) for _ in range(3)]
        properties = [
            ("uid", "tag:konkursi.example,2020:call/" + _random_text(rng, longest=60)),
            ("dtstamp", utc[0]),
            ("created", utc[1]),
            ("last-modified", utc[2]),
            ("dtstart", _random_moment(rng, RIGA)),
            ("summary", _random_text(rng)),
            ("description", _random_text(rng, longest=400)),
            ("url", "https://konkursi.example/" + _random_text(rng, "abcāž/-_.%?&=;,", 150)),
            ("categories", [_random_text(rng, longest=40) for _ in range(rng.randrange(4))]),
            ("transp", rng.choice(["TRANSPARENT", "OPAQUE"])),
        ]
        rng.shuffle(properties)
        assert _event_ical(properties) == _event(properties).to_ical(), properties


def test_event_text_of_the_example_matches_icalendar(example_context):
    catalogue, context = example_context
    made = [properties for entry in catalogue.calls for properties in _call_events(entry, context)]
    assert len(made) == 2 * len(catalogue.calls) > 0
    for properties in made:
        assert _event_ical(properties) == _event(properties).to_ical()


def test_calendar_header_matches_icalendar():
    rng = random.Random(5)
    header = _Header()
    for _ in range(1500):
        name, description = _random_text(rng).replace("\n", " "), _random_text(rng, longest=300).replace("\n", " ")
        assert header(name, description) + END == _calendar_properties(name, description).to_ical(), (name, description)


def test_calendar_header_refuses_a_raw_newline_as_icalendar_does():
    with pytest.raises(AssertionError):
        _calendar_properties("a\nb", "c").to_ical()
    with pytest.raises(ValueError):
        _Header()("a\nb", "c")
