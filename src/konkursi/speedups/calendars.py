"""Calendars whose events are written once, not once per calendar: same bytes.

A call's two events are in four calendars (the site's, its municipality's, its round's, its
own), and each calendar of a span of years carries the same VTIMEZONE. icalendar's
``Calendar.to_ical`` writes every component again for each calendar; here each component is
written once per build by its own ``to_ical`` and the calendar's text is that of the calendar
without components with theirs put before its ``END:VCALENDAR``, where icalendar writes them
(icalendar writes a component's lines one after another, folding each line on its own).

Proven with the icalendar below: tests/test_calendars_speedup.py compares whole calendars.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from icalendar import Calendar, Component

from . import proven

CALENDARS = proven("calendars", icalendar="7.3.2")

END = b"END:VCALENDAR\r\n"


def writer() -> Callable[[Calendar, Sequence[Component]], bytes]:
    """``outputs.calendars._write`` for one build: the text of each component is kept for the calendars after."""
    written: dict[int, tuple[Component, bytes]] = {}  # by id(), with the component, so that its id stays its own

    def component_ical(component: Component) -> bytes:
        if id(component) not in written:
            written[id(component)] = (component, component.to_ical())
        return written[id(component)][1]

    def write(calendar: Calendar, components: Sequence[Component]) -> bytes:
        if calendar.subcomponents:
            raise ValueError("the calendar's components are given apart")
        empty = calendar.to_ical()
        if not empty.endswith(END):
            raise ValueError("icalendar ended a calendar otherwise")
        return b"".join([empty[: -len(END)], *map(component_ical, components), END])

    return write
