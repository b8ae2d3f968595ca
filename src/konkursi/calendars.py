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
    files = {outputs.format("calendar"): _calendar(catalogue.calls, context, programme, "site", None)}
    for entry in catalogue.municipalities:
        path = outputs.format("municipality_calendar", municipality=entry.id)
        files[path] = _calendar(entry.calls, context, programme, "municipality", entry)
    for entry in catalogue.rounds:
        files[outputs.format("round_calendar", round=entry.id)] = _calendar(entry.calls, context, programme, "round", entry)
    for entry in catalogue.calls:
        path = outputs.format("call_calendar", round=entry.round.id, municipality=entry.municipality.id)
        files[path] = _calendar((entry,), context, programme, "call", entry)
    return files


def _calendar(calls: Iterable[CallEntry], context: Context, programme, scope: str, entry) -> bytes:
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
    events = sorted((_event(call, moment, context) for call in calls for moment in MOMENTS), key=_event_order)
    if events:
        calendar.add_component(_timezone(events))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


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


def _timezone(events: list[Event]) -> Timezone:
    """Europe/Riga's rules over the years the events span, so the file is the same on every build."""
    starts = [event.decoded("dtstart") for event in events]
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(max(starts).year + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first, last_date=last)
