"""RSS 2.0 and Atom feeds of new calls: for the whole site, each municipality and each round.

An item's kind (calls, press releases) is one function in ``ITEM_KINDS`` that turns
the catalogue into ``FeedItem``s; a new kind (press releases) adds a function
there and macros to ``feed.txt.j2``, and every feed it belongs to picks it up.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from .context import Context
from ..site.derive import CallEntry, Catalogue, call_moments, midnight, release_moment, results_moment
from ..site.paths import SiteUrls
from ..speedups import enabled
from ..speedups import feeds as feeds_speedup

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
    write = feeds_speedup.writer(_writer(), _render, _summary) if enabled(feeds_speedup.FEEDS) else _writer()
    files = {}
    for feed in all_feeds(catalogue, context):
        chosen = tuple(items[index] for index in by_scope.get(feed.scope, [])[:MAX_ITEMS])
        for fmt in FORMATS:
            files[feed.path(context.urls, fmt)] = context.remember("feed", (feed, chosen, fmt), lambda: write(feed, list(chosen), fmt, context))
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


def _writer() -> Callable[[Feed, list[FeedItem], str, Context], bytes]:
    """Writes a feed with feedgen; an item's entry is made once per format and given to every feed that carries it."""
    entries: dict[tuple[FeedItem, str], FeedEntry] = {}

    def entry(item: FeedItem, fmt: str) -> FeedEntry:
        if (item, fmt) not in entries:
            entries[item, fmt] = _entry(item, fmt)
        return entries[item, fmt]

    def write(feed: Feed, items: list[FeedItem], fmt: str, context: Context) -> bytes:
        return _render(feed, items, [entry(item, fmt) for item in items], fmt, context)

    return write


def _render(feed: Feed, items: list[FeedItem], entries: Iterable[FeedEntry], fmt: str, context: Context) -> bytes:
    """The feed of ``items`` in ``fmt``, written by feedgen; ``entries`` are their ``_entry`` in that format."""
    generator = _generator(feed, items, fmt, context)
    for entry in entries:
        generator.add_entry(entry, order="append")
    if fmt == "rss":
        return generator.rss_str(pretty=True)
    return generator.atom_str(pretty=True)


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


def _newest(days: list[dt.date | None], fallback: dt.datetime) -> dt.datetime:
    dated = [midnight(day) for day in days if day]
    return max(dated, default=fallback)
