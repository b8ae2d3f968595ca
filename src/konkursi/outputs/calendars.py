"""iCalendar files of call openings and deadlines: the whole site, each municipality, round and call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, Timezone
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import _escape_char

from ..site.derive import CallEntry, Catalogue
from .feeds import call_moments
from ..site.context import Context
from ..records.values import RIGA

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
        entry.id: context.remember("events", entry, lambda: [_Serialised(properties) for properties in _call_events(entry, context)])
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
    """An event with its iCalendar text, written once (see ``_event_ical``)."""

    def __init__(self, properties: list[tuple[str, object]]):
        values = dict(properties)
        self.start = values["dtstart"]
        self.order = (self.start, values["uid"])
        self.ical = _event_ical(properties)


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
    description are written (``_header_line``), and put where icalendar orders them.
    """

    def __init__(self):
        lines = _calendar_properties("-", "-").content_lines()
        assert lines[-2:] == ["END:VCALENDAR", ""]
        self.lines = [(_property_name(line), _fold(line) + b"\r\n") for line in lines[:-2]]

    def __call__(self, name: str, description: str) -> bytes:
        values = {"NAME": name, "X-WR-CALNAME": name, "X-WR-CALDESC": description}
        made = {key: _header_line(key, value) for key, value in values.items()}
        return b"".join(made[key] if key in VARYING else line for key, line in self.lines)


def _header_line(name: str, value: str) -> bytes:
    """The folded line of a varying header property, its value written by icalendar's class for it."""
    return _fold(_line(name, CALENDAR_TYPES[name](value).to_ical().decode("utf-8"))) + b"\r\n"


CALENDAR_TYPES = {name: Calendar.types_factory.for_property(name, None) for name in VARYING}
"""icalendar's value class of each varying header property (``vUnknown``: written verbatim)."""


def _line(name: str, value: str) -> str:
    """A content line without parameters, as ``Contentline.from_parts`` makes it (which refuses a raw newline)."""
    if "\n" in value:
        raise ValueError(f"{name}: iCalendar content line can not contain unescaped new line characters")
    return f"{name}:{value}"


def _property_name(line: str) -> str:
    return line.split(":", 1)[0].split(";", 1)[0]


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


def _call_events(entry: CallEntry, context: Context) -> list[list[tuple[str, object]]]:
    """The properties of a call's events, one per moment of ``MOMENTS``, as ``(name, value)`` given to ``Event.add``.

    What the events share (link, dates, categories) is worded once.
    """
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


def _event_ical(properties: list[tuple[str, object]]) -> bytes:
    """What an icalendar ``Event`` given ``properties`` by ``Event.add`` writes, written straight from the values
    (making the Event was most of the cost; tests/test_fast_paths.py compares the two).

    Each value is written as icalendar writes it (``_escape_char`` is its own text
    escaping), in the order icalendar sorts an event's properties.
    """
    values = {name.upper(): value for name, value in properties}
    lines = [
        _line(name + EVENT_PARAMETERS.get(name, ""), EVENT_WRITERS[name](values[name])) for name in _event_order(tuple(values))
    ]
    return b"\r\n".join(_fold(line) for line in ["BEGIN:VEVENT", *lines, "END:VEVENT"]) + b"\r\n"


def _event_order(names: tuple[str, ...]) -> list[str]:
    """Property names as icalendar orders them in an event: its canonical order, then alphabetical."""
    if names not in _ORDERS:
        _ORDERS[names] = canonsort_keys(names, Event.canonical_order)
    return _ORDERS[names]


_ORDERS: dict[tuple[str, ...], list[str]] = {}


def _utc(moment: dt.datetime) -> str:
    """A UTC date-time as ``vDatetime`` writes it, with ``Z``."""
    assert moment.tzinfo is dt.timezone.utc, moment
    return _stamp(moment) + "Z"


def _riga(moment: dt.datetime) -> str:
    """A Riga date-time as ``vDatetime`` writes it (its ``TZID`` is in ``EVENT_PARAMETERS``)."""
    assert moment.tzinfo is RIGA, moment
    return _stamp(moment)


def _stamp(moment: dt.datetime) -> str:
    """``vDatetime``'s date and time of day: to the second, no fraction."""
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _text(value: str) -> str:
    """``vText``: icalendar's own escaping of text."""
    return _escape_char(value)


def _categories(values: list[str]) -> str:
    """``vCategory``: each category escaped as text, joined by commas."""
    return ",".join(_escape_char(value) for value in values)


def _verbatim(value: str) -> str:
    """``vUri``: the address as it is."""
    return value


EVENT_WRITERS = {
    "UID": _text,
    "DTSTAMP": _utc,
    "CREATED": _utc,
    "LAST-MODIFIED": _utc,
    "DTSTART": _riga,
    "SUMMARY": _text,
    "DESCRIPTION": _text,
    "URL": _verbatim,
    "CATEGORIES": _categories,
    "TRANSP": _text,
}
"""How ``_event_ical`` writes the value of each property ``_call_events`` gives."""

EVENT_PARAMETERS = {"DTSTART": f";TZID={TZID}"}
"""Parameters icalendar writes after a property's name: the start's time zone."""


def _timezone(starts: list[dt.datetime]) -> Timezone:
    """Europe/Riga's rules over the years the events span, so the file is the same on every build."""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(starts).year + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first, last_date=last)
