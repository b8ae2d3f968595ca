"""The feeds speedup (entries written from an item's values, once) gives exactly the feeds feedgen writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from konkursi.outputs.feeds import FORMATS, Category, Feed, FeedItem, _render, _summary, _writer, build_feeds
from konkursi.records.values import RIGA
from konkursi.speedups import SWITCH
from konkursi.speedups import feeds as speedup

from _speedup_helpers import example_catalogue_and_context, random_moment, random_text


@pytest.fixture(scope="module")
def context():
    return example_catalogue_and_context()[1]


def _fast():
    return speedup.writer(_writer(), _render, _summary)


def _random_item(rng, alphabet="aā čž&<>\"'\n\t]]>Ē€😀x.;/", empty=False):
    def text(longest=80):
        made = random_text(rng, alphabet, longest)
        return made if made or empty else "x"

    zone = rng.choice([RIGA, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30))])
    published = random_moment(rng, zone)
    categories = tuple(Category(text(30), text(20), text(30)) for _ in range(rng.randrange(4)))
    return FeedItem(id="tag:konkursi.example,2020:" + text(40), title=text(), link="https://konkursi.example/" + text(60),
                    summary=text(300), published=published, updated=published + dt.timedelta(days=rng.randrange(3)),
                    categories=categories, scopes=frozenset())


def _feed(rng):
    return Feed("feed", (), random_text(rng).replace("\n", " ") or "t", random_text(rng) or "d",
                "https://konkursi.example/", "PuMPuRS", dt.datetime(2020, 1, 1, tzinfo=RIGA))


@pytest.mark.parametrize("alphabet", ["aā čž&<>\"'\n\t]]>Ē€😀x.;/", "a&<\r\"\n ā"])  # plain text; a return, which the core writes
def test_feeds_of_random_items_are_the_same_both_ways(context, alphabet):
    rng = random.Random(6)
    items = [_random_item(rng, alphabet) for _ in range(60)]
    core, fast = _writer(), _fast()
    for _ in range(150):  # the same items in many feeds, as an item is in its site's, municipality's and round's
        chosen, feed = rng.sample(items, rng.randrange(5)), _feed(rng)
        for fmt in FORMATS:
            assert fast(feed, chosen, fmt, context) == core(feed, chosen, fmt, context), chosen


def _outcome(make):
    try:
        return make()
    except ValueError:
        return ValueError


@pytest.mark.parametrize("change", [{"title": ""}, {"summary": ""}, {"id": ""}, {"title": "a\x01b"}, {"summary": "\ufffe"},
                                    {"categories": (Category("s", "t", ""),)}, {"link": "https://a.example/\x00"},
                                    {"published": dt.datetime(2020, 1, 1)}])
def test_items_feedgen_refuses_or_writes_otherwise_are_the_same_both_ways(context, change):
    item = dataclasses.replace(_random_item(random.Random(8)), **change)
    feed = _feed(random.Random(9))
    for fmt in FORMATS:
        assert _outcome(lambda: _fast()(feed, [item], fmt, context)) == _outcome(lambda: _writer()(feed, [item], fmt, context))


@pytest.mark.parametrize("zone", [RIGA, dt.timezone.utc, dt.timezone(dt.timedelta(hours=-9, minutes=-30))])
def test_dates_of_every_weekday_and_month_are_the_same_both_ways(context, zone):
    rng = random.Random(10)
    items = [dataclasses.replace(_random_item(rng), published=random_moment(rng, zone)) for _ in range(100)]
    feed = _feed(rng)
    for fmt in FORMATS:
        assert _fast()(feed, items, fmt, context) == _writer()(feed, items, fmt, context)


def test_the_example_feeds_are_the_same_both_ways(monkeypatch):
    catalogue, context = example_catalogue_and_context()
    monkeypatch.setenv(SWITCH, "1")
    fast = build_feeds(catalogue, context)
    monkeypatch.setenv(SWITCH, "0")
    assert build_feeds(catalogue, context) == fast and len(fast) > 10
