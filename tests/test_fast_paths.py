"""Faster code paths give exactly what the general code they replace gives."""

import dataclasses
import datetime as dt
import random
import re
from pathlib import Path

import pytest
from icalendar import Event
from icalendar.parser.string import _foldline

from konkursi.outputs.calendars import END, _calendar_properties, _call_events, _event_ical, _fold, _Header
from konkursi.outputs.feeds import (FORMATS, Category, Feed, FeedItem, _cut_entry, _entry, _entry_xml, _plain, _render, _rfc2822,
                            _render_spliced, announced_items)
from konkursi.project import Project, _context, generate
from konkursi.records.values import RIGA
from konkursi.outputs.escaping import md_escape

ROOT = Path(__file__).resolve().parent.parent

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def general_event(properties):
    """The general path: icalendar's own Event, given each property by Event.add."""
    event = Event()
    for name, value in properties:
        event.add(name, value)
    return event


def general_md_escape(text):
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


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
        assert _event_ical(properties) == general_event(properties).to_ical(), properties


def test_event_text_of_the_example_matches_icalendar(example_context):
    catalogue, context = example_context
    made = [properties for entry in catalogue.calls for properties in _call_events(entry, context)]
    assert len(made) == 2 * len(catalogue.calls) > 0
    for properties in made:
        assert _event_ical(properties) == general_event(properties).to_ical()


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


def _random_item(rng, alphabet="aā čž&<>\"'\n\t]]>Ē€😀x.;/", empty=False):
    def text(longest=80):
        made = _random_text(rng, alphabet, longest)
        return made if made or empty else "x"

    zone = rng.choice([RIGA, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30))])
    published = _random_moment(rng, zone)
    categories = tuple(Category(text(30), text(20), text(30)) for _ in range(rng.randrange(4)))
    return FeedItem(id="tag:konkursi.example,2020:" + text(40), title=text(), link="https://konkursi.example/" + text(60),
                    summary=text(300), published=published, updated=published + dt.timedelta(days=rng.randrange(3)),
                    categories=categories, scopes=frozenset())


def _general_and_fast_feeds(rng, items, context):
    """The same feed of ``items`` in each format, written by feedgen alone and by splicing the fast entries."""
    feed = Feed("feed", (), _random_text(rng).replace("\n", " ") or "t", _random_text(rng) or "d",
                "https://konkursi.example/", "PuMPuRS", dt.datetime(2020, 1, 1, tzinfo=RIGA))
    for fmt in FORMATS:
        general = _render(feed, items, [_entry(item, fmt) for item in items], fmt, context)
        fast = _render_spliced(feed, items, [_entry_xml(item, fmt) for item in items], fmt, context)
        yield general, fast


def test_feed_entries_written_from_values_match_feedgen(example_context):
    rng = random.Random(6)
    context = example_context[1]
    for _ in range(300):
        items = [_random_item(rng) for _ in range(rng.randrange(5))]
        assert all(_plain(item) for item in items)
        for general, fast in _general_and_fast_feeds(rng, items, context):
            assert fast == general, items


def test_feed_entries_feedgen_writes_go_through_it(example_context):
    rng = random.Random(7)
    context = example_context[1]
    for _ in range(100):
        items = [_random_item(rng, "a&<\r\"\n ā") for _ in range(1 + rng.randrange(3))]
        assert not all(_plain(item) for item in items)
        for general, fast in _general_and_fast_feeds(rng, items, context):
            assert fast == general, items


def _outcome(make):
    """What ``make()`` gives, or the class of the ValueError it raises."""
    try:
        return make()
    except ValueError:
        return ValueError


@pytest.mark.parametrize("change", [{"title": ""}, {"summary": ""}, {"id": ""}, {"title": "a\x01b"}, {"summary": "\ufffe"},
                                    {"categories": (Category("s", "t", ""),)}, {"link": "https://a.example/\x00"}])
def test_feed_entries_feedgen_writes_or_refuses_alike(example_context, change):
    item = dataclasses.replace(_random_item(random.Random(8)), **change)
    assert not _plain(item)
    feed = Feed("feed", (), "t", "d", "https://konkursi.example/", "PuMPuRS", dt.datetime(2020, 1, 1, tzinfo=RIGA))
    context = example_context[1]
    for fmt in FORMATS:
        general = _outcome(lambda: _render(feed, [item], [_entry(item, fmt)], fmt, context))
        fast = _outcome(lambda: _render_spliced(feed, [item], [_entry_xml(item, fmt)], fmt, context))
        assert fast == general, (fmt, change)


def test_feed_entries_of_the_example_are_written_from_values(example_context):
    catalogue, context = example_context
    items = announced_items(catalogue, context)
    assert items and all(_plain(item) for item in items)
    for fmt in FORMATS:
        for item in items:
            assert _entry_xml(item, fmt) == _cut_entry(_entry(item, fmt), fmt)


def test_rfc2822_matches_feedgen():
    from feedgen.util import formatRFC2822  # after konkursi.outputs.feeds: feedgen.util needs lxml.etree imported

    rng = random.Random(9)
    for _ in range(3000):
        zone = rng.choice([RIGA, dt.timezone.utc, dt.timezone(dt.timedelta(hours=-9, minutes=-30))])
        moment = _random_moment(rng, zone)
        assert _rfc2822(moment) == formatRFC2822(moment), moment
