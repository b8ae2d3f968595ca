"""iCalendar files of call openings and deadlines: the whole site, each municipality, round and call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, Timezone

from .derive import CallEntry, Catalogue
from .feeds import call_moments
from .publishing import Context
from .values import RIGA

TEXTS = "calendar.txt.j2"
"""Template whose macros word the calendars."""

TZID = "Europe/Riga"

MOMENTS = ("opens", "closes")
"""Each call is two events: applications open, applications close."""


def build_calendars(catalogue: Catalogue, context: Context) -> dict[str, bytes]:
    """Every calendar file: ``{path relative to the site dir: content}``."""
    outputs, programme = context.urls.outputs, catalogue.programme
    # Each call's events go into four calendars (site, municipality, round, call):
    # made and serialised once, they keep the cost linear in the number of calls.
    events = {
        entry.id: context.remember("events", entry, lambda: [_Serialised(_event(entry, moment, context)) for moment in MOMENTS])
        for entry in catalogue.calls
    }
    maker = _CalendarMaker(context, programme, events)

    def make(calls, scope: str, entry) -> bytes:
        # A preview remakes only the calendars whose calls (or own record) changed.
        return context.remember("calendar", (programme, scope, entry, tuple(calls)), lambda: maker(calls, scope, entry))

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


class _CalendarMaker:
    """Builds calendars from events made once per call, with one VTIMEZONE per span of years."""

    def __init__(self, context: Context, programme, events: dict[str, list["_Serialised"]]):
        self.context, self.programme, self.events = context, programme, events
        self.timezones: dict[tuple[int, int], bytes] = {}
        self.header = _Header()

    def __call__(self, calls: Iterable[CallEntry], scope: str, entry) -> bytes:
        events = sorted((event for call in calls for event in self.events[call.id]), key=lambda event: event.order)
        texts = self.context.texts(TEXTS)
        name = texts("calendar_name", self.programme, scope, entry)
        description = texts("calendar_description", self.programme, scope, entry)
        body = [self._timezone(events)] + [event.ical for event in events] if events else []
        return self.header(name, description) + b"".join(body) + END

    def _timezone(self, events: list["_Serialised"]) -> bytes:
        starts = [event.start for event in events]
        span = (min(starts).year, max(starts).year)
        if span not in self.timezones:
            self.timezones[span] = _timezone(starts).to_ical()
        return self.timezones[span]


class _Serialised:
    """An event with its iCalendar text, folded once (folding is most of the cost)."""

    def __init__(self, event: Event):
        self.start = event.decoded("dtstart")
        self.order = (self.start, str(event["uid"]))
        self.ical = _to_ical(event)


END = b"END:VCALENDAR\r\n"

VARYING = ("NAME", "X-WR-CALNAME", "X-WR-CALDESC")
"""Header properties that differ between calendars; the others are the same in every file."""


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


class _Header:
    """``BEGIN:VCALENDAR`` and the calendar's properties, as icalendar writes them.

    The full header is serialised once; for each file only the lines of its name and
    description are made (in a calendar of their own), and put where icalendar orders them.
    """

    def __init__(self):
        lines = _calendar_properties("-", "-").content_lines()
        assert lines[-2:] == ["END:VCALENDAR", ""]
        self.lines = [(_property_name(line), _fold(line) + b"\r\n") for line in lines[:-2]]

    def __call__(self, name: str, description: str) -> bytes:
        varying = Calendar()
        varying.add("name", name)
        varying.add("x-wr-calname", name)
        varying.add("x-wr-caldesc", description)
        made = {_property_name(line): _fold(line) + b"\r\n" for line in varying.content_lines() if line}
        return b"".join(made[name] if name in VARYING else line for name, line in self.lines)


def _property_name(line: str) -> str:
    return line.split(":", 1)[0].split(";", 1)[0]


def _to_ical(component) -> bytes:
    """``component.to_ical()``, with the same folding done faster."""
    return b"\r\n".join(_fold(line) for line in component.content_lines() if line) + b"\r\n"


FOLD_AT = 74
"""Octets a folded line holds at most (RFC 5545: 75 with the line break's leading space)."""


def _fold(line: str) -> bytes:
    """``icalendar``'s ``_foldline(line).encode()``: the same breaks, made on the UTF-8 bytes.

    A line breaks before the character that would make it reach 75 octets, never
    inside a character, and not right after a backslash or a caret that starts an
    escape (icalendar moves that character to the next line).
    """
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return data
    parts, start, end = [], 0, len(data)
    while end - start > FOLD_AT:
        stop = start + FOLD_AT
        while data[stop] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            stop -= 1
        if stop - start > 1 and data[stop - 1] in b"\\^":
            stop -= 1
        parts.append(data[start:stop])
        start = stop
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _event(entry: CallEntry, moment: str, context: Context) -> Event:
    texts, call = context.texts(TEXTS), entry.call
    link = context.urls.page("call", round=call.round_id, municipality=call.municipality_id)
    published, updated = call_moments(call)
    event = Event()
    event.add("uid", context.tags("call", call.round_id, call.municipality_id, moment))
    # DTSTAMP must be UTC; taking it from the record keeps rebuilds identical.
    event.add("dtstamp", updated.astimezone(dt.timezone.utc))
    event.add("created", published.astimezone(dt.timezone.utc))
    event.add("last-modified", updated.astimezone(dt.timezone.utc))
    event.add("dtstart", getattr(call, moment).astimezone(RIGA))
    event.add("summary", texts(f"{moment}_summary", entry))
    event.add("description", texts.lines("event_description", entry, moment, link))
    event.add("url", link)
    event.add("categories", [entry.municipality.name, texts("round_label", entry.round)])
    # A deadline is a moment to remember, not time the reader is busy.
    event.add("transp", "TRANSPARENT")
    return event


def _timezone(starts: list[dt.datetime]) -> Timezone:
    """Europe/Riga's rules over the years the events span, so the file is the same on every build."""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(starts).year + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first, last_date=last)
