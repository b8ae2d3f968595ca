"""Feeds whose entries are written straight from an item's values, once per build: same bytes.

feedgen builds an element tree of every entry in every feed that carries it (an item is in
the site's feed and in its municipality's and round's), and most of a feed's cost is that.
Here an item of plain text (``_plain``) has its entry written once per format as feedgen and
lxml write it in a pretty-printed feed, and the entries are put into the text feedgen writes
for the feed without entries, before its closing tags, where feedgen appends them. A feed
with any other item is written by the core (feedgen) as a whole.

Proven with the feedgen and lxml below: tests/test_feeds_speedup.py compares whole feeds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import proven

FEEDS = proven("feeds", feedgen="1.0.0", lxml="6.2.0")


def writer(core: Callable, render: Callable, summary: Callable) -> Callable:
    """``outputs.feeds._writer()`` for one build: ``core`` writes a feed as feedgen does, ``render`` one given its entries.

    ``summary(item, fmt)`` is an item's summary in a feed of ``fmt``.
    """
    written: dict[tuple[object, str], bytes] = {}

    def entry(item, fmt: str) -> bytes:
        if (item, fmt) not in written:
            written[item, fmt] = (_rss_item if fmt == "rss" else _atom_entry)(item, summary(item, fmt))
        return written[item, fmt]

    def write(feed, items: list, fmt: str, context) -> bytes:
        if not all(map(_plain, items)):
            return core(feed, items, fmt, context)
        empty = render(feed, items, (), fmt, context)
        closing = CLOSING[fmt]
        if not empty.endswith(closing):
            raise ValueError("feedgen ended a feed otherwise")
        return b"".join([empty[: -len(closing)], *(entry(item, fmt) for item in items), closing])

    return write


CLOSING = {"rss": b"  </channel>\n</rss>\n", "atom": b"</feed>\n"}
"""How a pretty-printed feed of each format ends, after its last entry."""


def _plain(item) -> bool:
    """Whether ``item``'s dates are aware and its texts non-empty XML that lxml writes with the escapes of ``_xml_text``."""
    texts = [item.id, item.title, item.link, item.summary]
    texts += [text for category in item.categories for text in (category.scheme, category.term, category.label)]
    aware = item.published.utcoffset() is not None and item.updated.utcoffset() is not None
    return aware and all(isinstance(text, str) and text for text in texts) and not _NOT_PLAIN.search("".join(texts))


_NOT_PLAIN = re.compile(r"[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML cannot hold, and a carriage return (which lxml writes as a reference)."""


def _xml_text(text: str) -> str:
    """Plain text as lxml writes an element's text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attribute(text: str) -> str:
    """Plain text as lxml writes an attribute's value (in double quotes)."""
    return _xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _rss_item(item, summary: str) -> bytes:
    """``FeedEntry.rss_entry`` of ``outputs.feeds._entry(item, "rss")``, written as in a feed's channel."""
    lines = [
        "    <item>",
        f"      <title>{_xml_text(item.title)}</title>",
        f"      <link>{_xml_text(item.link)}</link>",
        f"      <description>{_xml_text(summary)}</description>",
        f'      <guid isPermaLink="false">{_xml_text(item.id)}</guid>',
        *(f'      <category domain="{_xml_attribute(c.scheme)}">{_xml_text(c.label)}</category>' for c in item.categories),
        f"      <pubDate>{_rfc2822(item.published)}</pubDate>",
        "    </item>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _rfc2822(moment: dt.datetime) -> str:
    """``formatRFC2822``: the names of day and month in the C locale, which it switches to for them."""
    return f"{WEEKDAYS[moment.weekday()]}, {moment:%d} {MONTHS[moment.month - 1]} {moment:%Y %H:%M:%S %z}"


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _atom_entry(item, summary: str) -> bytes:
    """``FeedEntry.atom_entry`` of ``outputs.feeds._entry(item, "atom")``, written as in a feed (a link keeps only its address there)."""
    categories = (
        f'    <category term="{_xml_attribute(c.term)}" scheme="{_xml_attribute(c.scheme)}" label="{_xml_attribute(c.label)}"/>'
        for c in item.categories
    )
    lines = [
        "  <entry>",
        f"    <id>{_xml_text(item.id)}</id>",
        f"    <title>{_xml_text(item.title)}</title>",
        f"    <updated>{item.updated.isoformat()}</updated>",
        f'    <link href="{_xml_attribute(item.link)}"/>',
        f"    <summary>{_xml_text(summary)}</summary>",
        *categories,
        f"    <published>{item.published.isoformat()}</published>",
        "  </entry>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
