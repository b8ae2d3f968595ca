"""iCalendar files of call openings and deadlines: the whole site, each municipality, round and call."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, Timezone

from .context import Context
from ..records.values import RIGA
from ..site.derive import CallEntry, Catalogue, call_moments
from ..speedups import calendars as calendars_speedup
from ..speedups import enabled

TEXTS = "calendar.txt.j2"
"""Template whose macros word the calendars."""

TZID = "Europe/Riga"

MOMENTS = ("opens", "closes")
"""Each call is two events: applications open, applications close."""


def build_calendars(catalogue: Catalogue, context: Context) -> dict[str, bytes]:
    """Every calendar file: ``{path relative to the site dir: content}``."""
    outputs, programme, texts = context.urls.outputs, catalogue.programme, context.texts(TEXTS)
    maker = calendars_speedup.Maker() if enabled(calendars_speedup.CALENDARS) else Maker()
    # Each call's events go into four calendars (site, municipality, round, call): made once.
    events = {entry.id: context.remember(maker.table, entry, lambda: [maker.event(p) for p in _call_events(entry, context)])
              for entry in catalogue.calls}

    def make(calls, scope: str, entry) -> bytes:
        # A preview remakes only the calendars whose calls (or own record) changed.
        def calendar() -> bytes:
            chosen = sorted((event for call in calls for event in events[call.id]), key=maker.order)
            return maker.calendar(texts("calendar_name", programme, scope, entry), texts("calendar_description", programme, scope, entry), chosen)
        return context.remember("calendar", (programme, scope, entry, tuple(calls)), calendar)

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


class Maker:
    """Calendars made by icalendar: ``Event``s given their properties by ``Event.add``, ``Calendar.to_ical``.

    ``speedups.calendars.Maker`` makes the same bytes with the same methods.
    """

    table = "events"
    """The memo table of a call's events as this maker makes them."""

    def __init__(self) -> None:
        self.timezones: dict[tuple[int, int], Timezone] = {}

    def event(self, properties: list[tuple[str, object]]) -> Event:
        return _event(properties)

    def order(self, event: Event) -> tuple[dt.datetime, str]:
        return event.DTSTART, str(event["UID"])

    def calendar(self, name: str, description: str, events: list[Event]) -> bytes:
        """The calendar: its properties, Europe/Riga's rules over the years its events span, the events (in order)."""
        calendar = _calendar_properties(name, description)
        if events:
            starts = [event.DTSTART for event in events]
            span = (min(starts).year, max(starts).year)
            if span not in self.timezones:
                self.timezones[span] = _timezone(starts)
            calendar.add_component(self.timezones[span])
        for event in events:
            calendar.add_component(event)
        return calendar.to_ical()


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


def _call_events(entry: CallEntry, context: Context) -> list[list[tuple[str, object]]]:
    """A call's events as ``(name, value)`` for ``Event.add``, one per moment of ``MOMENTS``; what they share is worded once."""
    texts, call = context.texts(TEXTS), entry.call
    link = context.urls.page("call", round=call.round_id, municipality=call.municipality_id)
    published, updated = call_moments(call)
    # DTSTAMP must be UTC; taking it from the record keeps rebuilds identical.
    stamp, created = updated.astimezone(dt.timezone.utc), published.astimezone(dt.timezone.utc)
    categories = [entry.municipality.name, texts("round_label", entry.round)]
    return [
        [
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
        ]
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
