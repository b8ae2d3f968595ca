"""When the built site changes by itself: the moments at which a rebuild would show something new.

A build computes everything time-dependent for its "now" (``derive``): a call's status (upcoming,
open, closed) and "closing soon", which records are public yet (``published`` dates, a press
release's ``publish_at``), which press releases exist (a call's from its day, a round's results
from the day the last of them was decided), which calls and results the feeds announce, and
whether a round's period is told as coming, current or past. Between two such moments every
build of the same records is the same, so a site rebuilt soon after each moment is always
correct; ``konkursi next`` and the publishing workflow ask this module when.

Each moment is found from the records and then checked with the rules the build applies
(derive's ``_call_entry``, ``is_public``, ``_released``, ``_totals``, ``RoundEntry.phase`` and
``RoundEntry.results_public``; the feeds' ``call_moments`` and ``results_moment``) evaluated just
before and at it: a moment is listed only when what a record shows changes there, and no rule or
threshold is restated here. tests/test_moments.py builds the site around every moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import partial

from . import derive
from ..delivery.deploy import LastDeploy
from .derive import (RoundEntry, Status, _call_entry, _public_round, _released, _totals, call_moments, is_public,
                     release_moment, results_moment)
from ..lv import lv_datetime, plural
from ..records.load import Records
from ..records.model import Call, Round
from ..records.values import RIGA

UTC = dt.timezone.utc
_BEFORE = dt.timedelta(microseconds=1)
"""How long before a moment the state "before" is taken: the finest step a datetime has."""


@dataclass(frozen=True)
class Change:
    """Something the built site shows differently from ``at`` on."""

    at: dt.datetime
    """The moment, in Europe/Riga. Compare ``instant``: two moments in Riga compare by their wall-clock
    times, so the two 03.30s of the night the clocks are put back would be equal."""
    kind: str
    """One of ``KINDS``."""
    record: str
    """Id of the record whose pages change: ``ludzas-novads``, ``2020-pavasaris``, ``2020-pavasaris/ludzas-novads``."""
    subject: str
    """The record as readers know it: "Ludzas novads (3. kārta, 2020. gada pavasaris)"."""

    @property
    def instant(self) -> dt.datetime:
        """The moment in UTC."""
        return self.at.astimezone(UTC)

    @property
    def text(self) -> str:
        """What happens, in Latvian: "beidzas pieteikšanās: Ludzas novads (3. kārta, 2020. gada pavasaris)"."""
        return f"{KINDS[self.kind]}: {self.subject}"


KINDS: dict[str, str] = {
    "municipality_published": "tiek publicēta pašvaldība",
    "round_published": "tiek publicēta kārta",
    "round_release": "tiek publicēta kārtas preses relīze",
    "round_starts": "sākas kārtas laikposms",
    "call_published": "tiek publicēts konkurss",
    "call_release": "tiek publicēta konkursa preses relīze",
    "opens": "sākas pieteikšanās",
    "closing_soon": "konkursu atzīmē kā „drīz beigsies”",
    "closes": "beidzas pieteikšanās",
    "announced": "konkurss parādās ziņu kanālos",
    "results_announced": "konkursa rezultāti parādās ziņu kanālos",
    "round_ends": "beidzas kārtas laikposms",
    "results_release": "tiek publicēta kārtas rezultātu preses relīze",
    "results_release_withdrawn": "kārtas rezultātu preses relīze vairs netiek rādīta (publicēts konkurss bez rezultātiem)",
}
"""Every kind of change, with what it means for readers (Latvian)."""


def changes(records: Records, after: dt.datetime, until: dt.datetime | None = None) -> list[Change]:
    """Every change of the built output at a moment in (``after``, ``until``], earliest first.

    ``records`` are valid (``check_records`` found no errors), drafts and embargoed records included.
    """
    start, end = after.astimezone(UTC), until.astimezone(UTC) if until is not None else None
    found: list[Change] = []
    for watched in _watched(records):
        instants = {instant for wall in watched.walls for instant in _reached(wall)}
        for instant in sorted(instants):
            if instant <= start or (end is not None and instant > end):
                continue
            before, at = watched.state(_riga(instant - _BEFORE)), watched.state(_riga(instant))
            if before != at:
                found += [Change(_riga(instant), kind, watched.id, watched.subject(kind)) for kind in watched.kinds(before, at)]
    return sorted(found, key=lambda change: (change.instant, _ORDER[change.kind], change.record))


def next_changes(records: Records, now: dt.datetime) -> list[Change]:
    """The changes at the first moment after ``now`` (several records may change at once); [] when none."""
    upcoming = changes(records, now)
    return [change for change in upcoming if change.instant == upcoming[0].instant] if upcoming else []


_ORDER = {kind: index for index, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class _Watched:
    """A record, the wall-clock times at which what it shows may change, and how to tell what it shows."""

    id: str
    walls: list[dt.datetime]
    state: Callable[[dt.datetime], Hashable]
    """What the record shows at a moment (derive's rules); equal states, equal output."""
    kinds: Callable[[Hashable, Hashable], list[str]]
    """The kinds of a change from one state to another."""
    subject: Callable[[str], str]


def _watched(records: Records) -> Iterable[_Watched]:
    """Every record that can change with time.

    A call is also shown from when its round and municipality are published: those moments are
    theirs (listed as the round's or the municipality's change), not the call's.
    """
    for place in records.municipalities.values():
        walls = [release_moment(place.published)] if place.published else []
        yield _Watched(place.id, walls, partial(is_public, place), _municipality_kinds, lambda kind, name=place.name: name)
    by_round: dict[str, list[Call]] = {key: [] for key in records.rounds}
    for call in records.calls:
        by_round[call.round_id].append(call)
    for round_ in records.rounds.values():
        walls = [release_moment(round_.published)] if round_.published else []
        if round_.press_release is not None:
            walls.append(release_moment(round_.press_release.date, round_.press_release.publish_at))
        walls += [release_moment(round_.opens), release_moment(round_.closes + dt.timedelta(days=1))]
        yield _Watched(round_.id, walls, partial(_round_state, round_), _round_kinds, partial(_round_subject, round_))
        # The results release: on the day the last result was decided, once every public call has one; a
        # call made public later without results withdraws it until it has them.
        calls = by_round[round_.id]
        days = {result_day for call in calls if call.results for result_day in (call.results.decided, call.closes.date()) if result_day}
        days |= {day for call in calls for day in (call.published, records.municipalities[call.municipality_id].published) if day}
        walls = [release_moment(day) for day in sorted(days)] + ([release_moment(round_.published)] if round_.published else [])
        yield _Watched(round_.id, walls, partial(_results_state, round_, calls, records), _results_kinds, partial(_round_subject, round_))
    for call in records.calls:
        soon = (call.closes.astimezone(dt.timezone.utc) - derive.CLOSING_SOON).astimezone(call.closes.tzinfo)  # elapsed, as derive counts
        walls = [call.opens, call.closes, soon, release_moment(call.opens.date()), call_moments(call)[0]]
        if call.published:
            walls.append(release_moment(call.published))
        if call.results is not None:
            walls.append(results_moment(call))
        round_, place = records.rounds[call.round_id], records.municipalities[call.municipality_id]
        subject = f"{place.name} ({round_.number}. kārta, {round_.title})"
        yield _Watched(call.id, walls, partial(_call_state, call, records), _call_kinds, lambda kind, subject=subject: subject)


def _call_state(call: Call, records: Records, now: dt.datetime) -> Hashable:
    """What a call's pages, feeds and releases show at ``now``: None while it is not public."""
    round_, place = records.rounds[call.round_id], records.municipalities[call.municipality_id]
    if not (is_public(call, now) and is_public(round_, now) and is_public(place, now)):
        return None
    entry = _call_entry(call, records, now)  # derive's own rule for status, "closing soon" and the release
    results = call.results is not None and results_moment(call) <= now  # the feeds' rules from here on
    return entry.status, entry.closing_soon, entry.press_date, call_moments(call)[0] <= now, results


def _round_state(round_: Round, now: dt.datetime) -> Hashable:
    if not is_public(round_, now):
        return None
    released = _released(_public_round(round_, now).press_release, now) is not None
    return released, RoundEntry(round_, (), None, today=now.date()).phase  # the period's tense: coming, current, past


def _results_state(round_: Round, calls: list[Call], records: Records, now: dt.datetime) -> Hashable:
    """Whether the round's results release is out at ``now``."""
    if not is_public(round_, now):
        return False
    shown = [_Shown(call) for call in calls
             if is_public(call, now) and is_public(records.municipalities[call.municipality_id], now)]
    return RoundEntry(round_, (), _totals(round_, shown), today=now.date()).results_public  # derive's own rule


@dataclass(frozen=True)
class _Shown:
    """A public call as ``derive._totals`` reads it (only ``.call``)."""

    call: Call


def _municipality_kinds(before, at) -> list[str]:
    return ["municipality_published"]


def _round_kinds(before, at) -> list[str]:
    if before is None:
        return ["round_published"] + (["round_release"] if at[0] else [])
    kinds = ["round_release"] if at[0] and not before[0] else []
    if at[1] != before[1]:
        kinds.append("round_ends" if at[1] == "past" else "round_starts")
    return kinds


def _results_kinds(before, at) -> list[str]:
    return ["results_release" if at else "results_release_withdrawn"]


def _call_kinds(before, at) -> list[str]:
    if before is None:
        return ["call_published"]
    (status, soon, press, announced, results), (status_at, soon_at, press_at, announced_at, results_at) = before, at
    kinds = []
    if press != press_at:
        kinds.append("call_release")
    if status != status_at:
        kinds.append("closes" if status_at is Status.CLOSED else "opens")
    if soon != soon_at and status_at is Status.OPEN:
        kinds.append("closing_soon")  # elapsed time only grows: the mark, once on, stays until closing
    if announced != announced_at and not kinds:
        kinds.append("announced")
    if results != results_at:
        kinds.append("results_announced")
    return kinds


def _round_subject(round_: Round, kind: str) -> str:
    label = f"{round_.number}. kārta ({round_.title})"
    if kind == "round_release" and round_.press_release is not None:
        return f"{label}, „{round_.press_release.headline}”"
    return label


def _riga(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(RIGA)


def _reached(wall: dt.datetime) -> list[dt.datetime]:
    """The instants (UTC) near which Riga's clocks reach the wall-clock time of ``wall``.

    derive compares moments in Riga by their wall-clock times (both have the same tzinfo), so a
    change happens when the clock reaches a time. Usually that is one instant; when the clock is
    put forward over it (spring) the change happens at the jump, and when the clock is put back
    over it (autumn) the clock shows it twice: both instants and the jump are returned, and
    ``changes`` keeps the ones at which something does change.
    """
    local = wall.replace(tzinfo=None)
    found = {local.replace(tzinfo=RIGA, fold=fold).astimezone(UTC) for fold in (0, 1)}
    early, late = min(found) - dt.timedelta(days=1), max(found) + dt.timedelta(days=1)
    if _riga(early).utcoffset() != _riga(late).utcoffset():
        found.add(_clock_change(early, late))
    return sorted(found)


def _clock_change(early: dt.datetime, late: dt.datetime) -> dt.datetime:
    """The first whole second after ``early`` with Riga's offset at ``late`` (one clock change between them)."""
    low, high = int(early.timestamp()), int(late.timestamp())
    offset = _riga(early).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if _riga(dt.datetime.fromtimestamp(middle, UTC)).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return dt.datetime.fromtimestamp(high, UTC)


# What `konkursi next` says (Latvian).

_LISTED = 10
"""Changes listed one by one; more are counted."""


@dataclass(frozen=True)
class Verdict:
    """Whether the site must be built again, and why (Latvian)."""

    due: bool
    text: str


def next_text(records: Records, now: dt.datetime) -> str:
    """ "Nākamās izmaiņas: 2020. gada 13. martā plkst. 16.00 – beidzas pieteikšanās: Saldus novads (…)"."""
    upcoming = next_changes(records, now)
    if not upcoming:
        return (f"Nākamo izmaiņu nav: pēc {lv_datetime(now, 'genitive')} neviens ieraksts laika dēļ vairs nemainās; "
                "vietne jāveido no jauna tikai tad, kad mainīti ieraksti.")
    when = lv_datetime(upcoming[0].at, "locative")
    if len(upcoming) == 1:
        return f"Nākamās izmaiņas: {when} – {upcoming[0].text}"
    return f"Nākamās izmaiņas: {when}:\n" + "\n".join(_listed(upcoming, with_time=False))


def due_since(records: Records, since: dt.datetime, now: dt.datetime) -> Verdict:
    """Due when some change of the output happens in (``since``, ``now``]."""
    passed = changes(records, since, now)
    if passed:
        return Verdict(True, f"Vietne jāveido no jauna: kopš {lv_datetime(since, 'genitive')} "
                             f"{plural(len(passed), 'ir pienācis', 'ir pienākuši')} {len(passed)} "
                             f"{plural(len(passed), 'izmaiņu brīdis', 'izmaiņu brīži')}:\n" + "\n".join(_listed(passed)))
    return Verdict(False, f"Vietne nav jāveido no jauna: no {lv_datetime(since, 'genitive')} līdz "
                          f"{lv_datetime(now, 'dative')} nav pienācis neviens izmaiņu brīdis.{_then(records, now)}")


def due_since_deploy(records: Records, last: LastDeploy | None, source: str, now: dt.datetime, where: str) -> Verdict:
    """Due unless the site ``last`` published (``where``: "zarā gh-pages krātuvē origin") was built from
    ``source`` (``deploy.provenance`` of the project now, "<commit> clean") and no change of the output
    has happened since the "now" it was built for."""
    if last is None:
        return Verdict(True, f"Vietne jāpublicē: {where} vēl nav publicētas vietnes.")
    if not last.by_deploy or not last.source or last.built_for is None:
        return Verdict(True, f"Vietne jāpublicē: pēdējā publicēšana {where} (commit {last.commit[:12]}) nenorāda, "
                             "no kuras projekta versijas un kādam brīdim vietne veidota.")
    if last.source.endswith(" dirty"):
        return Verdict(True, f"Vietne jāpublicē: pēdējā publicēšana {where} ietvēra izmaiņas, kas nebija saglabātas git vēsturē.")
    if last.source != source:
        published, current = last.source.split()[0][:12], (source.split() or ["?"])[0][:12]
        return Verdict(True, f"Vietne jāpublicē: kopš pēdējās publicēšanas {where} projekts ir mainīts "
                             f"(publicēta versija {published}, tagad {current}{' ar nesaglabātām izmaiņām' if source.endswith(' dirty') else ''}).")
    built = lv_datetime(last.built_for.astimezone(RIGA), "locative")
    if last.built_for > now:
        return Verdict(True, f"Vietne jāpublicē: publicētā vietne {where} veidota vēlākam brīdim ({built}) nekā pašreizējais.")
    passed = changes(records, last.built_for, now)
    if passed:
        return Verdict(True, f"Vietne jāpublicē: publicētā vietne {where} atbilst stāvoklim {built}, un kopš tā "
                             f"{plural(len(passed), 'ir pienācis', 'ir pienākuši')} {len(passed)} "
                             f"{plural(len(passed), 'izmaiņu brīdis', 'izmaiņu brīži')}:\n" + "\n".join(_listed(passed)))
    return Verdict(False, f"Vietne nav jāpublicē: publicētā vietne {where} veidota no pašreizējās projekta versijas "
                          f"({last.source.split()[0][:12]}) un atbilst stāvoklim {built}; kopš tā nav pienācis neviens "
                          f"izmaiņu brīdis.{_then(records, now)}")


def _then(records: Records, now: dt.datetime) -> str:
    upcoming = next_changes(records, now)
    return f" Nākamās izmaiņas: {lv_datetime(upcoming[0].at, 'locative')}." if upcoming else ""


def _listed(found: list[Change], with_time: bool = True) -> list[str]:
    lines = [f"  {lv_datetime(change.at, 'locative') + ' – ' if with_time else ''}{change.text}" for change in found[:_LISTED]]
    if len(found) > _LISTED:
        lines.append(f"  un vēl {len(found) - _LISTED}")
    return lines
