"""What follows from the records at a given moment: statuses, totals, order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import Enum

from ..lv import lv_date, lv_sorted, plural, sort_key
from ..records.errors import Problem
from ..records.load import Records
from ..records.model import REGIONS, Call, Contact, Municipality, PressRelease, Programme, Round
from ..records.values import RIGA

CLOSING_SOON = dt.timedelta(days=7)
"""An open call whose deadline is this close is highlighted."""


class Status(str, Enum):
    """Where a call stands at the build's "now"."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


def status_at(opens: dt.datetime, closes: dt.datetime, now: dt.datetime) -> Status:
    """Applications are accepted from ``opens`` (inclusive) until ``closes`` (exclusive)."""
    if now < opens:
        return Status.UPCOMING
    if now < closes:
        return Status.OPEN
    return Status.CLOSED


def release_moment(date: dt.date, publish_at: dt.datetime | None = None) -> dt.datetime:
    """When a press release becomes public: its embargo, else the start of its date in Riga."""
    if publish_at is not None:
        return publish_at
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=RIGA)


def is_released(date: dt.date, publish_at: dt.datetime | None, now: dt.datetime) -> bool:
    """A release under embargo (or dated after ``now``) is not published anywhere yet."""
    return now >= release_moment(date, publish_at)


@dataclass(frozen=True)
class Totals:
    """How many projects a round approved, and in how many municipalities."""

    projects: int
    municipalities: int
    applications: int | None = None
    """Applications received, where every decided call recorded it."""
    computed: bool = False
    """True when summed from the calls' results, False when taken from the round record."""
    reported: int = 0
    """Calls whose results are recorded (when ``computed``)."""
    calls: int = 0
    """Calls of the round (when ``computed``)."""
    known: dt.date | None = None
    """When the last of the reported results was decided (a call with no decision date: its closing day)."""

    @property
    def final(self) -> bool:
        """Whether these are the round's results, not a sum so far: the round's ``totals`` say so, or every call reported."""
        return not self.computed or self.reported >= self.calls


@dataclass(frozen=True)
class CallEntry:
    """A call with its round, municipality, contacts and status."""

    call: Call
    round: Round
    municipality: Municipality
    contacts: tuple[Contact, ...]
    """The call's own contact persons, else the municipality's; in Latvian alphabetical order."""
    status: Status
    closing_soon: bool
    press_date: dt.date | None = None
    """Date of the call's press release, once it is public at ``now`` (else None)."""

    @property
    def id(self) -> str:
        return self.call.id


@dataclass(frozen=True)
class RoundEntry:
    """A round with its calls in Latvian alphabetical order of municipality."""

    round: Round
    calls: tuple[CallEntry, ...]
    totals: Totals | None
    press_release: PressRelease | None = None
    """The round's press release, only once it is public at ``now``."""
    today: dt.date | None = None
    """``now``'s day in Riga: the round's tense and whether its results release is out follow it."""

    @property
    def id(self) -> str:
        return self.round.id

    @property
    def phase(self) -> str:
        """Where the round's period stands on ``today``: "coming", "current" or "past" (the tense its pages use)."""
        if self.today is None or self.round.opens <= self.today <= self.round.closes:
            return "current"
        return "coming" if self.today < self.round.opens else "past"

    @property
    def results_public(self) -> bool:
        """Whether the round's results release is out at ``now``."""
        date = self.results_date
        return date is not None and self.today is not None and date <= self.today

    @property
    def results_date(self) -> dt.date | None:
        """The date of the round's results release: once every call of the round has reported its results."""
        totals = self.totals
        if totals is None or not totals.computed or not totals.final:
            return None
        return totals.known

    def with_status(self, status: Status | str) -> tuple[CallEntry, ...]:
        """The calls with ``status`` (a Status or its value, as templates write it: "open")."""
        wanted = Status(status)
        return tuple(entry for entry in self.calls if entry.status is wanted)


@dataclass(frozen=True)
class MunicipalityEntry:
    """A municipality with its calls, newest round first."""

    municipality: Municipality
    calls: tuple[CallEntry, ...]

    @property
    def id(self) -> str:
        return self.municipality.id

    @property
    def region_name(self) -> str:
        return dict(REGIONS)[self.municipality.region]

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The municipality's contact persons in Latvian alphabetical order."""
        return tuple(lv_sorted(self.municipality.contacts, key=lambda c: c.name))


@dataclass(frozen=True)
class RegionEntry:
    """A planning region with its municipalities."""

    code: str
    name: str
    municipalities: tuple[MunicipalityEntry, ...]


@dataclass(frozen=True)
class Catalogue:
    """Everything the pages show, derived from the records at ``now``."""

    programme: Programme
    now: dt.datetime
    rounds: tuple[RoundEntry, ...]
    """Newest round first."""
    municipalities: tuple[MunicipalityEntry, ...]
    """In Latvian alphabetical order."""
    regions: tuple[RegionEntry, ...]
    """In Latvian alphabetical order of their names."""
    calls: tuple[CallEntry, ...]
    """Ordered by deadline, then municipality."""
    now_fixed: bool = False
    """True when ``now`` was fixed by configuration (a demo), so browsers must use it too."""

    def calls_with_status(self, status: Status | str) -> tuple[CallEntry, ...]:
        status = Status(status)
        return tuple(entry for entry in self.calls if entry.status is status)

    @property
    def open_calls(self) -> tuple[CallEntry, ...]:
        return self.calls_with_status(Status.OPEN)

    @property
    def upcoming_calls(self) -> tuple[CallEntry, ...]:
        return tuple(sorted(self.calls_with_status(Status.UPCOMING), key=lambda e: (e.call.opens, _name_key(e))))

    @property
    def closed_calls(self) -> tuple[CallEntry, ...]:
        """The most recently closed first."""
        return tuple(sorted(self.calls_with_status(Status.CLOSED), key=lambda e: (-e.call.closes.timestamp(), _name_key(e))))

    @property
    def calls_by_status(self) -> tuple[CallEntry, ...]:
        """What a visitor looks for first: open calls (closing soonest first), then upcoming (opening soonest
        first), closed last (most recently closed first). konkursi.js keeps the same order with live statuses."""
        return self.open_calls + self.upcoming_calls + self.closed_calls


def _name_key(entry: CallEntry):
    return sort_key(entry.municipality.name)


def is_public(record: Call | Municipality | Round | PressRelease, now: dt.datetime) -> bool:
    """The one rule for "not yet public": a draft, or ``published`` after ``now``."""
    if record.draft:
        return False
    published = getattr(record, "published", None)
    return published is None or is_released(published, None, now)


def public_records(records: Records, now: dt.datetime) -> Records:
    """The records readers may see at ``now``; what hangs on a hidden record is hidden with it.

    Applied before anything is derived, so no page, feed, calendar or data file can show
    a draft or a record published later.
    """
    municipalities = {key: m for key, m in records.municipalities.items() if is_public(m, now)}
    rounds = {key: _public_round(r, now) for key, r in records.rounds.items() if is_public(r, now)}
    calls = [
        call for call in records.calls
        if is_public(call, now) and call.round_id in rounds and call.municipality_id in municipalities
    ]
    return replace(records, municipalities=municipalities, rounds=rounds, calls=calls)


def _public_round(round_: Round, now: dt.datetime) -> Round:
    release = round_.press_release
    if release is not None and not release.draft:
        return round_
    return replace(round_, press_release=None)


def derive(records: Records, now: dt.datetime, now_fixed: bool = False) -> Catalogue:
    """Build the catalogue from valid records (``check_records`` found no errors).

    Records that are not public at ``now`` are left out first (``public_records``).
    """
    records = public_records(records, now)
    entries = [_call_entry(call, records, now) for call in records.calls]
    entries.sort(key=lambda e: (e.call.closes, _name_key(e), e.round.number))
    by_round: dict[str, list[CallEntry]] = {rid: [] for rid in records.rounds}
    for entry in entries:
        by_round[entry.call.round_id].append(entry)
    rounds = tuple(
        RoundEntry(
            round_,
            tuple(lv_sorted(by_round[round_.id], key=lambda e: e.municipality.name)),
            _totals(round_, by_round[round_.id]),
            _released(round_.press_release, now),
            now.date(),
        )
        for round_ in sorted(records.rounds.values(), key=lambda r: r.number, reverse=True)
    )
    by_municipality: dict[str, list[CallEntry]] = {mid: [] for mid in records.municipalities}
    for entry in entries:
        by_municipality[entry.call.municipality_id].append(entry)
    municipalities = tuple(
        MunicipalityEntry(m, tuple(sorted(by_municipality[m.id], key=lambda e: -e.round.number)))
        for m in lv_sorted(records.municipalities.values(), key=lambda m: m.name)
    )
    regions = tuple(
        RegionEntry(code, name, tuple(m for m in municipalities if m.municipality.region == code))
        for code, name in lv_sorted(REGIONS, key=lambda r: r[1])
    )
    return Catalogue(records.programme, now, rounds, municipalities, regions, tuple(entries), now_fixed)


def _call_entry(call: Call, records: Records, now: dt.datetime) -> CallEntry:
    municipality = records.municipalities[call.municipality_id]
    status = status_at(call.opens, call.closes, now)
    # Elapsed time, as the browser counts it (konkursi.js): across a clock change 7 days are 168 hours, not 7 wall-clock days.
    soon = status is Status.OPEN and call.closes.astimezone(dt.timezone.utc) - now.astimezone(dt.timezone.utc) <= CLOSING_SOON
    contacts = tuple(lv_sorted(call.contacts or municipality.contacts, key=lambda c: c.name))
    press_date = call.published or call.opens.date()
    if not is_released(press_date, None, now):
        press_date = None
    return CallEntry(call, records.rounds[call.round_id], municipality, contacts, status, soon, press_date)


def _released(release: PressRelease | None, now: dt.datetime) -> PressRelease | None:
    if release is None or not is_released(release.date, release.publish_at, now):
        return None
    return release


def _totals(round_: Round, entries: list[CallEntry]) -> Totals | None:
    """The round's recorded totals (final), else the sum of its calls' results so far."""
    if round_.totals:
        return Totals(round_.totals.projects, round_.totals.municipalities)
    decided = [e.call.results for e in entries if e.call.results]
    if not decided:
        return None
    return Totals(
        projects=sum(len(r.projects) for r in decided),
        municipalities=sum(1 for r in decided if r.projects),
        applications=sum(r.applications for r in decided),
        computed=True,
        reported=len(decided),
        calls=len(entries),
        known=max((e.call.results.decided or e.call.closes.date()) for e in entries if e.call.results),
    )


def catalogue_warnings(catalogue: Catalogue) -> list[Problem]:
    """What is true of the records only at this "now" and a reader should not be told as settled."""
    found = []
    for entry in catalogue.rounds:
        totals = entry.totals
        if totals is not None and not totals.final:
            src = entry.round.source
            found.append(Problem(src.path, src.line, (
                f"rezultāti ievadīti {totals.reported} no {totals.calls} {plural(totals.calls, 'konkursa', 'konkursiem')}; "
                "kārtas kopsummas lapās un relīzēs tiek rādītas kā daļējas („līdz šim …”), līdz rezultāti būs "
                "ievadīti visiem konkursiem vai kārtai būs norādīts lauks totals"), warning=True))
    today = catalogue.now.date()
    for entry in catalogue.calls:
        results = entry.call.results
        if results is not None and results.decided is not None and results.decided > today:
            src = results.source
            found.append(Problem(src.path, src.line_of("decided"), (
                f"lēmuma datums {lv_date(results.decided, 'nominative')} vēl nav pienācis "
                f"(šodien ir {lv_date(today, 'nominative')}); pārbaudiet datumu"), "results.decided", warning=True))
        if results is not None and entry.status is not Status.CLOSED:
            src = results.source
            found.append(Problem(src.path, src.line, (
                "rezultāti ievadīti konkursam, kurā pieteikšanās vēl nav beigusies; konkursa lapā tie tiek rādīti blakus "
                "statusam „" + ("Atvērts" if entry.status is Status.OPEN else "Drīzumā") + "”"), "results", warning=True))
        updated = entry.call.updated
        if updated is not None and updated > today:
            src = entry.call.source
            found.append(Problem(src.path, src.line_of("updated"), (
                f"izmaiņu datums {lv_date(updated, 'nominative')} vēl nav pienācis (šodien ir {lv_date(today, 'nominative')}); "
                "lapā un kanālos būtu „Informācija atjaunināta” nākotnē – ierakstiet izmaiņu dienu"), "updated", warning=True))
    found += statement_warnings(catalogue.programme, today)
    return found


def statement_warnings(programme: Programme | None, today: dt.date) -> list[Problem]:
    """The accessibility statement is to be reviewed at least once a year: one older than that is named."""
    statement = programme.accessibility if programme is not None else None
    if statement is None:
        return []
    name, last = ("reviewed", statement.reviewed) if statement.reviewed else ("prepared", statement.prepared)
    if today <= _a_year_after(last):
        return []
    done = "pēdējoreiz pārskatīts" if name == "reviewed" else "sagatavots"
    since = "" if name == "reviewed" else ", un kopš tā laika nav pārskatīts"
    src = statement.source
    return [Problem(src.path, src.line_of(name), (
        f"piekļūstamības paziņojums {done} {lv_date(last, 'locative')}, pirms vairāk nekā gada{since} "
        f"(šodien ir {lv_date(today, 'nominative')}); pārskatiet to un ierakstiet pārskatīšanas datumu laukā reviewed"),
        f"accessibility.{name}", warning=True)]


def _a_year_after(date: dt.date) -> dt.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def unpublished_notes(records: Records, now: dt.datetime) -> list[Problem]:
    """Every record readers do not see at ``now``, and why: no record disappears without a word."""
    found = []
    hidden_rounds = {key for key, r in records.rounds.items() if not is_public(r, now)}
    hidden_places = {key for key, m in records.municipalities.items() if not is_public(m, now)}
    for record in (*records.municipalities.values(), *records.rounds.values(), *records.calls):
        src = record.source
        if record.draft:
            found.append(Problem(src.path, src.line_of("draft"), "melnraksts: ieraksts netiek publicēts nekur", "draft", warning=True))
        elif not is_public(record, now):
            found.append(Problem(src.path, src.line_of("published"), (
                f"ieraksts tiks publicēts {lv_date(record.published, 'locative')}; "
                "līdz tam tas nav redzams nekur (ne lapās, ne kanālos, ne datos)"), "published", warning=True))
        elif isinstance(record, Call) and (record.round_id in hidden_rounds or record.municipality_id in hidden_places):
            whose = "kārta" if record.round_id in hidden_rounds else "pašvaldība"
            found.append(Problem(src.path, src.line, f"konkurss netiek publicēts, jo tā {whose} vēl nav publicēta", warning=True))
    return found


def call_moments(call: Call) -> tuple[dt.datetime, dt.datetime]:
    """When a call was published and last updated: its dates, else its opening, never the build time."""
    published = midnight(call.published) if call.published else call.opens
    updated = max(published, midnight(call.updated)) if call.updated else published
    return published, updated


def results_moment(call: Call) -> dt.datetime:
    """When a call's results are news: the decision's date, else the record's update, never before the call closed."""
    results = call.results
    if results is not None and results.decided is not None:
        return max(midnight(results.decided), call.closes)
    if call.updated:
        return max(midnight(call.updated), call.closes)
    return call.closes


def midnight(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in Riga."""
    return dt.datetime.combine(day, dt.time(0, 0), RIGA)
