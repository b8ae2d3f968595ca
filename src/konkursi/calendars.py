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
    events = {entry.id: [_Serialised(_event(entry, moment, context)) for moment in MOMENTS] for entry in catalogue.calls}
    make = _CalendarMaker(context, programme, events)
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

    def __call__(self, calls: Iterable[CallEntry], scope: str, entry) -> bytes:
        events = sorted((event for call in calls for event in self.events[call.id]), key=lambda event: event.order)
        return _calendar(events, self.context, self.programme, scope, entry, self._timezone)

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
        self.order = _event_order(event)
        self.ical = event.to_ical()


def _calendar(events: list["_Serialised"], context: Context, programme, scope: str, entry, timezone) -> bytes:
    texts = context.texts(TEXTS)
    calendar = Calendar()
    calendar.add("prodid", "-//konkursi//konkursi//LV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = texts("calendar_name", programme, scope, entry)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", texts("calendar_description", programme, scope, entry))
    calendar.add("x-wr-timezone", TZID)
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    body = [timezone(events)] + [event.ical for event in events] if events else []
    return head[: -len(end)] + b"".join(body) + end


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


def _event_order(event: Event) -> tuple:
    return (event.decoded("dtstart"), str(event["uid"]))


def _timezone(starts: list[dt.datetime]) -> Timezone:
    """Europe/Riga's rules over the years the events span, so the file is the same on every build."""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(starts).year + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first, last_date=last)
