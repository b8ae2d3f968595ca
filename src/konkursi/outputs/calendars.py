"""iCalendar files of call openings and deadlines: the whole site, each municipality, round and call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Component, Event, Timezone

from .context import Context
from ..records.values import RIGA
from ..site.derive import CallEntry, Catalogue
from ..site.derive import call_moments
from ..speedups import calendars as calendars_speedup
from ..speedups import enabled

TEXTS = "calendar.txt.j2"
"""Template whose macros word the calendars."""

TZID = "Europe/Riga"

MOMENTS = ("opens", "closes")
"""Each call is two events: applications open, applications close."""


def build_calendars(catalogue: Catalogue, context: Context) -> dict[str, bytes]:
    """Every calendar file: ``{path relative to the site dir: content}``."""
    outputs, programme = context.urls.outputs, catalogue.programme
    # Each call's events go into four calendars (site, municipality, round, call): made once.
    events = {entry.id: context.remember("events", entry, lambda: _call_events(entry, context)) for entry in catalogue.calls}
    timezones: dict[tuple[int, int], Timezone] = {}
    write = calendars_speedup.writer() if enabled(calendars_speedup.CALENDARS) else _write

    def make(calls, scope: str, entry) -> bytes:
        # A preview remakes only the calendars whose calls (or own record) changed.
        key = (programme, scope, entry, tuple(calls))
        return context.remember("calendar", key, lambda: write(*_calendar(context, programme, events, timezones, calls, scope, entry)))

    files = {outputs.format("calendar"): make(catalogue.calls, "site", None)}
    for entry in catalogue.municipalities:
        path = outputs.format("municipality_calendar", municipality=entry.id)
        files[path] = make(entry.calls, "municipality", entry)
    for entry in catalogue.rounds:
        files[outputs.format("round_calendar", round=entry.id)] = make(entry.calls, "round", entry)
    for entry in catalogue.calls:
        path = outputs.format("call_calendar", round=entry.round.id, municipality=entry.municipality.id)
        files[path] = make((entry,), "call", entry)
    return files


def _calendar(context: Context, programme, events: dict[str, list[Event]], timezones: dict, calls: Iterable[CallEntry],
              scope: str, entry) -> tuple[Calendar, list[Component]]:
    """A calendar's properties, and its components: Europe/Riga's rules over the years its events span, the events in order of start."""
    texts = context.texts(TEXTS)
    calendar = _calendar_properties(texts("calendar_name", programme, scope, entry),
                                    texts("calendar_description", programme, scope, entry))
    chosen = sorted((event for call in calls for event in events[call.id]), key=_event_order)
    if not chosen:
        return calendar, []
    starts = [event.DTSTART for event in chosen]
    span = (min(starts).year, max(starts).year)
    if span not in timezones:
        timezones[span] = _timezone(starts)
    return calendar, [timezones[span], *chosen]


def _write(calendar: Calendar, components: list[Component]) -> bytes:
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()


def _event_order(event: Event) -> tuple[dt.datetime, str]:
    return event.DTSTART, str(event["UID"])


def _calendar_properties(name: str, description: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//konkursi//konkursi//LV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TZID)
    return calendar


def _call_events(entry: CallEntry, context: Context) -> list[Event]:
    """A call's events, one per moment of ``MOMENTS``; what they share (link, dates, categories) is worded once."""
    texts, call = context.texts(TEXTS), entry.call
    link = context.urls.page("call", round=call.round_id, municipality=call.municipality_id)
    published, updated = call_moments(call)
    # DTSTAMP must be UTC; taking it from the record keeps rebuilds identical.
    stamp, created = updated.astimezone(dt.timezone.utc), published.astimezone(dt.timezone.utc)
    categories = [entry.municipality.name, texts("round_label", entry.round)]
    return [
        _event([
            ("uid", context.tags("call", call.round_id, call.municipality_id, moment)),
            ("dtstamp", stamp),
            ("created", created),
            ("last-modified", stamp),
            ("dtstart", getattr(call, moment).astimezone(RIGA)),
            ("summary", texts(f"{moment}_summary", entry)),
            ("description", texts.lines("event_description", entry, moment, link)),
            ("url", link),
            ("categories", list(categories)),
            # A deadline is a moment to remember, not time the reader is busy.
            ("transp", "TRANSPARENT"),
        ])
        for moment in MOMENTS
    ]


def _event(properties: list[tuple[str, object]]) -> Event:
    event = Event()
    for name, value in properties:
        event.add(name, value)
    return event


def _timezone(starts: list[dt.datetime]) -> Timezone:
    """Europe/Riga's rules over the years the events span, so the file is the same on every build."""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(starts).year + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first, last_date=last)
