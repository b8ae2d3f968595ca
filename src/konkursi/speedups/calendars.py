"""Calendars written straight from their values, each event once: the bytes icalendar writes.

A call's two events are in four calendars (the site's, its municipality's, its round's, its own).
icalendar builds an ``Event`` of each, then writes every component again for each calendar that
carries it, and each calendar's header anew; making the events and writing them were most of the
calendars' cost. Here an event's text is written once from its properties, as icalendar writes
each value (``_escape_char`` is its own text escaping, a private name: hence the exact version),
in its order of properties and with its line folding; a calendar's header is written once and only
its name and description lines per file; each span of years' VTIMEZONE once, by icalendar.

Proven with the icalendar below: tests/test_calendars_speedup.py compares whole calendars of
random events and the example's, both ways.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import _escape_char

from ..records.values import RIGA
from . import proven

CALENDARS = proven("calendars", icalendar="7.3.2")

TZID = "Europe/Riga"
END = b"END:VCALENDAR\r\n"
VARYING = ("NAME", "X-WR-CALNAME", "X-WR-CALDESC")
"""Header properties that differ between calendars; the others are the same in every file."""


class Maker:
    """``outputs.calendars.Maker``'s methods, making the same bytes; one per build."""

    table = "events-written"
    """The memo table of a call's events as this maker makes them (not ``Event``s)."""

    def __init__(self) -> None:
        self.timezones: dict[tuple[int, int], bytes] = {}
        self.header = _Header()

    def event(self, properties: list[tuple[str, object]]) -> "_Written":
        return _Written(properties)

    def order(self, event: "_Written") -> tuple[dt.datetime, str]:
        return event.order

    def calendar(self, name: str, description: str, events: list["_Written"]) -> bytes:
        if "\n" in name or "\n" in description:  # icalendar refuses it: let it, in its own words
            from ..outputs.calendars import Maker as Core
            core = Core()
            return core.calendar(name, description, [core.event(written.properties) for written in events])
        body = [self._timezone(events), *(event.ical for event in events)] if events else []
        return self.header(name, description) + b"".join(body) + END

    def _timezone(self, events: list["_Written"]) -> bytes:
        from ..outputs.calendars import _timezone
        starts = [event.start for event in events]
        span = (min(starts).year, max(starts).year)
        if span not in self.timezones:
            self.timezones[span] = _timezone(starts).to_ical()
        return self.timezones[span]


class _Written:
    """An event's properties and its iCalendar text, written once (``_event_ical``)."""

    __slots__ = ("properties", "start", "order", "ical")

    def __init__(self, properties: list[tuple[str, object]]):
        values = dict(properties)
        self.properties = properties
        self.start = values["dtstart"]
        self.order = (self.start, str(values["uid"]))
        self.ical = _event_ical(properties)


class _Header:
    """``BEGIN:VCALENDAR`` and the calendar's properties, as icalendar writes them: written once,
    and for each file only the lines of its name and description, put where icalendar orders them."""

    def __init__(self):
        from ..outputs.calendars import _calendar_properties
        lines = _calendar_properties("-", "-").content_lines()
        if lines[-2:] != ["END:VCALENDAR", ""]:
            raise ValueError("icalendar ended a calendar otherwise")
        self.lines = [(_property_name(line), _fold(line) + b"\r\n") for line in lines[:-2]]

    def __call__(self, name: str, description: str) -> bytes:
        values = {"NAME": name, "X-WR-CALNAME": name, "X-WR-CALDESC": description}
        made = {key: _fold(f"{key}:{_decoded(CALENDAR_TYPES[key](value).to_ical())}") + b"\r\n" for key, value in values.items()}
        return b"".join(made[key] if key in VARYING else line for key, line in self.lines)


CALENDAR_TYPES = {name: Calendar.types_factory.for_property(name, None) for name in VARYING}
"""icalendar's value class of each varying header property."""


def _property_name(line: str) -> str:
    return line.split(":", 1)[0].split(";", 1)[0]


FOLD_AT = 74
"""Octets a folded line holds at most (RFC 5545: 75 with the line break's leading space)."""


def _fold(line: str) -> bytes:
    """icalendar's ``_foldline(line).encode()``: the same breaks, made on the UTF-8 bytes.

    A line breaks before the character that would make it reach 75 octets, never inside a
    character, and not right after a backslash or a caret that starts an escape (icalendar moves
    that character to the next line).
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


def _event_ical(properties: list[tuple[str, object]]) -> bytes:
    """What an ``Event`` given ``properties`` by ``Event.add`` writes, written from the values."""
    values = {name.upper(): value for name, value in properties}
    lines = [f"{name}{EVENT_PARAMETERS.get(name, '')}:{_without_bom(EVENT_WRITERS[name](values[name]))}"
             for name in _event_order(tuple(values))]
    for line in lines:
        if "\n" in line:  # as icalendar's Contentline refuses it
            raise ValueError("iCalendar content line can not contain unescaped new line characters")
    return b"\r\n".join(_fold(line) for line in ["BEGIN:VEVENT", *lines, "END:VEVENT"]) + b"\r\n"


def _decoded(value: bytes) -> str:
    """A value's bytes as icalendar's ``Contentline.from_parts`` reads them back (``utf-8-sig``: one leading BOM goes)."""
    return value.decode("utf-8-sig")


def _without_bom(value: str) -> str:
    """What icalendar writes of a value: its text read back as ``utf-8-sig``, one leading U+FEFF dropped."""
    return value[1:] if value[:1] == "\ufeff" else value


def _uri(value: str) -> str:
    """``vUri``: the address as it is; a line break refused, as icalendar refuses it."""
    if "\r" in value or "\n" in value:
        raise ValueError("A URI value may not contain CR or LF characters")
    return value


_ORDERS: dict[tuple[str, ...], list[str]] = {}


def _event_order(names: tuple[str, ...]) -> list[str]:
    """Property names as icalendar orders them in an event: its canonical order, then alphabetical."""
    if names not in _ORDERS:
        _ORDERS[names] = canonsort_keys(names, Event.canonical_order)
    return _ORDERS[names]


def _utc(moment: dt.datetime) -> str:
    """A UTC date-time as ``vDatetime`` writes it, with ``Z``."""
    if moment.tzinfo is not dt.timezone.utc:
        raise ValueError(f"not in UTC: {moment}")
    return _stamp(moment) + "Z"


def _riga(moment: dt.datetime) -> str:
    """A Riga date-time as ``vDatetime`` writes it (its ``TZID`` is in ``EVENT_PARAMETERS``)."""
    if moment.tzinfo is not RIGA:
        raise ValueError(f"not in Riga time: {moment}")
    return _stamp(moment)


def _stamp(moment: dt.datetime) -> str:
    """``vDatetime``'s date and time of day: to the second, no fraction."""
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


EVENT_WRITERS = {
    "UID": _escape_char,
    "DTSTAMP": _utc,
    "CREATED": _utc,
    "LAST-MODIFIED": _utc,
    "DTSTART": _riga,
    "SUMMARY": _escape_char,
    "DESCRIPTION": _escape_char,
    "URL": _uri,
    "CATEGORIES": lambda values: ",".join(_escape_char(value) for value in values),
    "TRANSP": _escape_char,
}
"""How each property ``outputs.calendars._call_events`` gives is written: ``vText``, ``vDatetime``, ``vUri``, ``vCategory``."""

EVENT_PARAMETERS = {"DTSTART": f";TZID={TZID}"}
"""Parameters icalendar writes after a property's name: the start's time zone."""
