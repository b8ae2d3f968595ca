"""The calendars speedup (events written from their values, once) gives exactly the calendars icalendar writes."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from konkursi.outputs.calendars import Maker, build_calendars
from konkursi.records.values import RIGA
from konkursi.speedups import SWITCH
from konkursi.speedups import calendars as speedup

from _speedup_helpers import example_catalogue_and_context, random_moment, random_text


def _random_event(rng):
    utc = [random_moment(rng, dt.timezone.utc) for _ in range(3)]
    properties = [
        ("uid", "tag:konkursi.example,2020:call/" + random_text(rng, longest=60)),
        ("dtstamp", utc[0]),
        ("created", utc[1]),
        ("last-modified", utc[2]),
        ("dtstart", random_moment(rng, RIGA)),
        ("summary", random_text(rng)),
        ("description", random_text(rng, longest=400)),
        ("url", "https://konkursi.example/" + random_text(rng, "abcāž/-_.%?&=;,", 150)),
        ("categories", [random_text(rng, longest=40) for _ in range(rng.randrange(4))]),
        ("transp", rng.choice(["TRANSPARENT", "OPAQUE"])),
    ]
    rng.shuffle(properties)
    return properties


def test_calendars_of_random_events_are_the_same_both_ways():
    rng = random.Random(4)
    properties = [_random_event(rng) for _ in range(300)]
    core, fast = Maker(), speedup.Maker()
    events = [(core.event(p), fast.event(p)) for p in properties]
    for _ in range(300):  # the same events in many calendars, as a call's are in four
        chosen = rng.sample(events, rng.randrange(5))
        name, description = random_text(rng).replace("\n", " "), random_text(rng, longest=300).replace("\n", " ")
        expected = core.calendar(name, description, sorted((c for c, _ in chosen), key=core.order))
        assert fast.calendar(name, description, sorted((f for _, f in chosen), key=fast.order)) == expected
        assert [core.order(c) for c, _ in chosen] == [fast.order(f) for _, f in chosen]


def test_a_raw_newline_in_a_calendar_name_is_refused_both_ways():
    for maker in (Maker(), speedup.Maker()):
        with pytest.raises(AssertionError):
            maker.calendar("a\nb", "c", [])


@pytest.mark.parametrize("switch", ["0", "1"])
def test_the_example_calendars_are_the_same_both_ways(monkeypatch, switch):
    catalogue, context = example_catalogue_and_context()
    monkeypatch.setenv(SWITCH, "1")
    fast = build_calendars(catalogue, context)
    monkeypatch.setenv(SWITCH, "0")
    assert build_calendars(catalogue, context) == fast and len(fast) > 10


def test_a_leading_byte_order_mark_is_dropped_both_ways_as_icalendar_reads_values_back():
    rng = random.Random(7)
    core, fast = Maker(), speedup.Maker()
    for field in ("summary", "description", "uid", "categories"):
        properties = [(name, (["\ufeff\ufeffa", "b"] if name == "categories" else "\ufeff\ufeff" + value) if name == field else value)
                      for name, value in _random_event(rng)]
        expected = core.calendar("\ufeffname", "\ufeffdesc", [core.event(properties)])
        assert fast.calendar("\ufeffname", "\ufeffdesc", [fast.event(properties)]) == expected
        assert b"\xef\xbb\xbf" in expected  # one of the two marks stays, as icalendar keeps it


def test_a_line_break_in_an_address_is_refused_both_ways():
    rng = random.Random(8)
    properties = [(name, "https://konkursi.example/a\rb" if name == "url" else value) for name, value in _random_event(rng)]
    for maker in (Maker(), speedup.Maker()):
        with pytest.raises(ValueError):
            maker.calendar("n", "d", [maker.event(properties)])
