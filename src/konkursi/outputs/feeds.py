"""RSS 2.0 and Atom feeds of new calls: for the whole site, each municipality and each round.

An item's kind (calls, press releases) is one function in ``ITEM_KINDS`` that turns
the catalogue into ``FeedItem``s; a new kind (press releases) adds a function
there and macros to ``feed.txt.j2``, and every feed it belongs to picks it up.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from ..site.derive import CallEntry, Catalogue, release_moment
from ..records.model import Call
from ..site.paths import SiteUrls
from ..site.context import Context
from ..records.values import RIGA

FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
"""Feed formats by the ``{format}`` of their paths, with their media types."""

FORMAT_NAMES = {"rss": "RSS", "atom": "Atom"}

TEXTS = "feed.txt.j2"
"""Template whose macros word the feeds."""

MAX_ITEMS = 100
"""Newest items a feed carries: readers poll feeds often, and a national programme's site
feed would otherwise grow with every call ever announced (and its build with it)."""

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
"""Date of a feed with no dated record at all: fixed, never the build time."""


@dataclass(frozen=True)
class Category:
    """A category of an item: a stable term, its label and the scheme (kind) it belongs to."""

    scheme: str
    term: str
    label: str


@dataclass(frozen=True)
class FeedItem:
    """One announcement in the feeds, whatever record it comes from."""

    id: str
    """``tag:`` URI from the record's id."""
    title: str
    link: str
    """Absolute URL of the record's page."""
    summary: str
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[Category, ...]
    scopes: frozenset[tuple[str, str]]
    """Feeds besides the site's that carry the item: ``("municipality", id)``, ``("round", id)``."""


@dataclass(frozen=True)
class Feed:
    """One feed, written in every format of ``FORMATS``."""

    kind: str
    """Output kind in ``Outputs``: feed, municipality_feed or round_feed."""
    ids: tuple[tuple[str, str], ...]
    """Ids in the output path; also the scope of the feed (empty: the whole site)."""
    title: str
    description: str
    link: str
    """Absolute URL of the page the feed follows."""
    author: str
    dated: dt.datetime
    """Date of the feed when it has no items: its own record's, never the build time."""

    def path(self, urls: SiteUrls, fmt: str) -> str:
        return urls.outputs.format(self.kind, format=fmt, **dict(self.ids))

    @property
    def scope(self) -> tuple[str, str] | None:
        """The scope of the items it carries (one of ``FeedItem.scopes``); None: every item."""
        return self.ids[0] if self.ids else None


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page links it for autodiscovery."""

    title: str
    type: str
    path: str
    """Path of the feed file relative to the site dir."""


def build_feeds(catalogue: Catalogue, context: Context) -> dict[str, bytes]:
    """Every feed file: ``{path relative to the site dir: content}``."""
    items = announced_items(catalogue, context)
    # Each item is in the site's feed and in a feed of each of its scopes: the items
    # of a scope are found once, and an item's feed entry is made once per format.
    by_scope: dict[tuple[str, str] | None, list[int]] = {None: list(range(len(items)))}
    for index, item in enumerate(items):
        for scope in item.scopes:
            by_scope.setdefault(scope, []).append(index)
    entries: dict[tuple[int, str], bytes] = {}
    files = {}
    for feed in all_feeds(catalogue, context):
        chosen = by_scope.get(feed.scope, [])[:MAX_ITEMS]
        chosen_items = tuple(items[index] for index in chosen)
        for fmt in FORMATS:
            chosen_entries = _Entries(items, chosen, fmt, entries)
            files[feed.path(context.urls, fmt)] = context.remember(
                "feed", (feed, chosen_items, fmt), lambda: _render_spliced(feed, list(chosen_items), chosen_entries, fmt, context)
            )
    return files


def announced_items(catalogue: Catalogue, context: Context) -> list[FeedItem]:
    """Items of every kind published by the catalogue's "now", newest first."""
    items = [item for make in ITEM_KINDS for item in make(catalogue, context)]
    visible = [item for item in items if item.published <= catalogue.now]
    by_id = sorted(visible, key=lambda item: item.id)
    return sorted(by_id, key=lambda item: item.published, reverse=True)  # stable: same day keeps id order


def all_feeds(catalogue: Catalogue, context: Context) -> list[Feed]:
    """The site's feed, then one per municipality and one per round."""
    programme, urls = catalogue.programme, context.urls
    site_date = _newest([programme.published, programme.updated], EPOCH)
    feeds = [_feed(catalogue, context, "site", None, urls.page("calls"), site_date)]
    for entry in catalogue.municipalities:
        link = urls.page("municipality", municipality=entry.id)
        feeds.append(_feed(catalogue, context, "municipality", entry, link, _dated(entry.municipality, site_date)))
    for entry in catalogue.rounds:
        link = urls.page("round", round=entry.id)
        feeds.append(_feed(catalogue, context, "round", entry, link, _dated(entry.round, site_date)))
    return feeds


def _feed(catalogue: Catalogue, context: Context, scope: str, entry, link: str, dated: dt.datetime) -> Feed:
    texts, programme = context.texts(TEXTS), catalogue.programme
    title = texts("feed_title", programme, scope, entry)
    description = texts("feed_description", programme, scope, entry)
    kind, ids = ("feed", ()) if entry is None else (f"{scope}_feed", ((scope, entry.id),))
    return Feed(kind, ids, title, description, link, texts("feed_author", programme), dated)


def _dated(record, fallback: dt.datetime) -> dt.datetime:
    return _newest([record.published, record.updated], fallback)


def page_feeds(catalogue: Catalogue, context: Context) -> tuple[list[FeedLink], dict[str, list[FeedLink]]]:
    """Feeds to announce on every page, and the extra ones of each page (by source path)."""
    feeds = all_feeds(catalogue, context)
    site = _links(feeds[0], context.urls)
    by_scope = {feed.ids[0]: _links(feed, context.urls) for feed in feeds[1:]}
    paths = context.urls.paths
    pages: dict[str, list[FeedLink]] = {}
    for entry in catalogue.municipalities:
        pages[paths.format("municipality", municipality=entry.id)] = by_scope[("municipality", entry.id)]
    for entry in catalogue.rounds:
        pages[paths.format("round", round=entry.id)] = by_scope[("round", entry.id)]
    for entry in catalogue.calls:
        path = paths.format("call", round=entry.round.id, municipality=entry.municipality.id)
        pages[path] = by_scope[("municipality", entry.municipality.id)] + by_scope[("round", entry.round.id)]
    return site, pages


def _links(feed: Feed, urls: SiteUrls) -> list[FeedLink]:
    return [FeedLink(f"{feed.title} ({FORMAT_NAMES[fmt]})", mime, feed.path(urls, fmt)) for fmt, mime in FORMATS.items()]


def _call_items(catalogue: Catalogue, context: Context) -> Iterable[FeedItem]:
    for entry in catalogue.calls:
        yield context.remember("call_item", entry, lambda: _call_item(entry, context))


def _call_item(entry: CallEntry, context: Context) -> FeedItem:
    call, tags, texts = entry.call, context.tags, context.texts(TEXTS)
    published, updated = call_moments(call)
    categories = _call_categories(entry, context)
    return FeedItem(
        id=tags("call", call.round_id, call.municipality_id),
        title=texts("call_title", entry),
        link=context.urls.page("call", round=call.round_id, municipality=call.municipality_id),
        summary=texts("call_summary", entry),
        published=published,
        updated=updated,
        categories=categories,
        scopes=frozenset({("municipality", entry.municipality.id), ("round", entry.round.id)}),
    )


def _call_categories(entry: CallEntry, context: Context) -> tuple[Category, ...]:
    """The municipality and the round of a call's items."""
    tags, texts = context.tags, context.texts(TEXTS)
    return (
        Category(tags("municipality"), entry.municipality.id, entry.municipality.name),
        Category(tags("round"), entry.round.id, texts("round_label", entry.round)),
    )


def _release_items(catalogue: Catalogue, context: Context) -> Iterable[FeedItem]:
    for release in context.releases:
        yield context.remember("release_item", release, lambda: _release_item(release, context))


def _release_item(release, context: Context) -> FeedItem:
    tags, texts, entry = context.tags, context.texts(TEXTS), release.entry
    if release.kind == "round":
        ids = {"round": entry.id}
        moment = release_moment(release.date, entry.press_release.publish_at)
        scopes = {("round", entry.id)}
    elif release.kind == "results":
        ids = {"round": entry.id}
        moment = release_moment(release.date)
        scopes = {("round", entry.id)}
    else:
        ids = {"round": entry.round.id, "municipality": entry.municipality.id}
        moment = release_moment(release.date)
        scopes = {("round", entry.round.id), ("municipality", entry.municipality.id)}
    return FeedItem(
        id=tags("press", *ids.values()),
        title=texts("release_title", release),
        link=context.urls.page(f"press_{release.kind}", **ids),
        summary=texts("release_summary", release),
        published=moment,
        updated=moment,
        categories=(Category(tags("kind"), "press", texts("release_category")),),
        scopes=frozenset(scopes),
    )


def _results_items(catalogue: Catalogue, context: Context) -> Iterable[FeedItem]:
    for entry in catalogue.calls:
        if entry.call.results is not None:
            yield context.remember("results_item", entry, lambda: _results_item(entry, context))


def _results_item(entry: CallEntry, context: Context) -> FeedItem:
    """A call's results as news of their own: subscribers learn of them the day they are decided."""
    call, tags, texts = entry.call, context.tags, context.texts(TEXTS)
    moment = results_moment(call)
    categories = _call_categories(entry, context) + (Category(tags("kind"), "results", texts("results_category")),)
    return FeedItem(
        id=tags("results", call.round_id, call.municipality_id),
        title=texts("results_title", entry),
        link=context.urls.page("call", round=call.round_id, municipality=call.municipality_id) + "#rezultati",
        summary=texts("results_summary", entry),
        published=moment,
        updated=moment,
        categories=categories,
        scopes=frozenset({("municipality", entry.municipality.id), ("round", entry.round.id)}),
    )


ITEM_KINDS: tuple[Callable[[Catalogue, Context], Iterable[FeedItem]], ...] = (_call_items, _release_items, _results_items)
"""Every kind of item the feeds announce."""


class _Entries:
    """The written entries of the chosen items, made when a feed is rendered (not when it is reused)."""

    def __init__(self, items: list[FeedItem], chosen, fmt: str, made: dict[tuple[int, str], bytes]):
        self.items, self.chosen, self.fmt, self.made = items, chosen, fmt, made

    def __iter__(self):
        for index in self.chosen:
            if (index, self.fmt) not in self.made:
                self.made[index, self.fmt] = _entry_xml(self.items[index], self.fmt)
            yield self.made[index, self.fmt]


def _render(feed: Feed, items: list[FeedItem], entries: Iterable[FeedEntry], fmt: str, context: Context) -> bytes:
    """The general path: the whole feed written by feedgen (``_render_spliced`` gives the same bytes)."""
    generator = _generator(feed, items, fmt, context)
    for entry in entries:
        generator.add_entry(entry, order="append")
    if fmt == "rss":
        return generator.rss_str(pretty=True)
    return generator.atom_str(pretty=True)


def _render_spliced(feed: Feed, items: list[FeedItem], entries: Iterable[bytes], fmt: str, context: Context) -> bytes:
    """``_render``, with each entry written once (``_entry_xml``) and put into feedgen's feed without entries.

    Feedgen appends the entries after the feed's own elements, so they go right before its closing tags.
    """
    empty = _render(feed, items, (), fmt, context)
    closing = CLOSING[fmt]
    assert empty.endswith(closing), empty
    return b"".join([empty[: -len(closing)], *entries, closing])


CLOSING = {"rss": b"  </channel>\n</rss>\n", "atom": b"</feed>\n"}
"""How a pretty-printed feed of each format ends, after its last entry."""


def _entry_xml(item: FeedItem, fmt: str) -> bytes:
    """The entry of ``item`` as feedgen's pretty-printed feed of ``fmt`` has it.

    An item of plain text is written straight from its values (building feedgen's
    elements is most of a feed's cost); any other goes through feedgen and lxml.
    """
    if _plain(item):
        return (_rss_item if fmt == "rss" else _atom_entry)(item)
    return _cut_entry(_entry(item, fmt), fmt)


def _plain(item: FeedItem) -> bool:
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


def _rss_item(item: FeedItem) -> bytes:
    """``FeedEntry.rss_entry`` of ``_entry(item, "rss")``, written as in a feed's channel."""
    lines = [
        "    <item>",
        f"      <title>{_xml_text(item.title)}</title>",
        f"      <link>{_xml_text(item.link)}</link>",
        f"      <description>{_xml_text(_summary(item, 'rss'))}</description>",
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


def _atom_entry(item: FeedItem) -> bytes:
    """``FeedEntry.atom_entry`` of ``_entry(item, "atom")``, written as in a feed (a link keeps only its address there)."""
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
        f"    <summary>{_xml_text(_summary(item, 'atom'))}</summary>",
        *categories,
        f"    <published>{item.published.isoformat()}</published>",
        "  </entry>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _cut_entry(entry: FeedEntry, fmt: str) -> bytes:
    """An entry as feedgen's pretty-printed feed has it: built by feedgen, written by lxml at its depth.

    lxml indents an element by its depth and writes the namespaces its ancestors declare
    only on them: the entry is written in an empty root like the feed's, then cut out.
    """
    root, parent = _entry_parent(fmt)
    parent.append(entry.rss_entry() if fmt == "rss" else entry.atom_entry())
    written = etree.tostring(etree.ElementTree(root), pretty_print=True, encoding="UTF-8", xml_declaration=True)
    head, tail = _ENTRY_FRAMES[fmt]
    assert written.startswith(head) and written.endswith(tail), written
    return written[len(head) : -len(tail)]


RSS_NAMESPACES = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}
"""Namespaces feedgen declares on an RSS feed's root."""


def _entry_parent(fmt: str):
    """A root as feedgen makes it for ``fmt``, and the element its entries go in."""
    if fmt == "rss":
        root = xml_elem("rss", version="2.0", nsmap=RSS_NAMESPACES)
        return root, xml_elem("channel", root)
    root = xml_elem("feed", xmlns="http://www.w3.org/2005/Atom", nsmap={})
    return root, root


def _entry_frame(fmt: str) -> tuple[bytes, bytes]:
    """What ``_cut_entry`` writes before and after an entry: found around a placeholder element."""
    root, parent = _entry_parent(fmt)
    xml_elem("placeholder", parent)
    written = etree.tostring(etree.ElementTree(root), pretty_print=True, encoding="UTF-8", xml_declaration=True)
    head, tail = written.split(b"<placeholder/>\n")
    return head.rstrip(b" "), tail


_ENTRY_FRAMES = {fmt: _entry_frame(fmt) for fmt in FORMATS}


def _generator(feed: Feed, items: list[FeedItem], fmt: str, context: Context) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(context.tags("feed", *(part for pair in feed.ids for part in pair)))
    generator.title(feed.title)
    # Readers show RSS's channel description as HTML (see _entry).
    generator.description(html.escape(feed.description, quote=False) if fmt == "rss" else feed.description)
    generator.link(href=context.urls.absolute(feed.path(context.urls, fmt)), rel="self", type=FORMATS[fmt])
    # Last, because feedgen gives RSS's <link> the href of the last link added.
    generator.link(href=feed.link, rel="alternate", type="text/html")
    generator.language("lv")
    generator.author(name=feed.author)
    generator.generator("konkursi")
    # Feedgen stamps feeds with the build time unless told otherwise; the newest
    # record date keeps a rebuild of unchanged data byte-identical.
    generator.updated(max((item.updated for item in items), default=feed.dated))
    return generator


def _entry(item: FeedItem, fmt: str) -> FeedEntry:
    entry = FeedEntry()
    entry.guid(item.id, permalink=False)
    entry.title(item.title)
    entry.link(href=item.link, rel="alternate", type="text/html")
    entry.summary(_summary(item, fmt))
    entry.published(item.published)
    entry.updated(item.updated)
    for category in item.categories:
        entry.category(term=category.term, label=category.label, scheme=category.scheme)
    return entry


def _summary(item: FeedItem, fmt: str) -> str:
    """The item's summary in a feed of ``fmt``."""
    # Atom's summary is declared plain text; readers show RSS's <description> as HTML,
    # so record text there is escaped once more and "<script>" stays words.
    return html.escape(item.summary, quote=False) if fmt == "rss" else item.summary


def call_moments(call: Call) -> tuple[dt.datetime, dt.datetime]:
    """When a call was published and last updated: its dates, else its opening, never the build time."""
    published = _midnight(call.published) if call.published else call.opens
    updated = max(published, _midnight(call.updated)) if call.updated else published
    return published, updated


def results_moment(call: Call) -> dt.datetime:
    """When a call's results are news: the decision's date, else the record's update, never before the call closed."""
    results = call.results
    if results is not None and results.decided is not None:
        return max(_midnight(results.decided), call.closes)
    if call.updated:
        return max(_midnight(call.updated), call.closes)
    return call.closes


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), RIGA)


def _newest(days: list[dt.date | None], fallback: dt.datetime) -> dt.datetime:
    dated = [_midnight(day) for day in days if day]
    return max(dated, default=fallback)
