"""Checks that span fields and records: dates in order, links between records, totals."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from slugify import slugify

from .errors import Problems
from .load import Readable, Records
from ..lv import eur, lv_date, lv_datetime, plural
from .model import UNREADABLE, Fields
from .values import RIGA, Email, Invalid, Url


def check_records(records: Records, problems: Problems) -> None:
    """Add every cross-record problem of ``records`` to ``problems``.

    The checks work on what could be read of each record file (``Records.readable``), complete or
    not: each one runs whenever the values it compares were read, whatever else is wrong in the
    same file or in another, so that one run reports every problem. A value that could not be read
    has its own error already; nothing is said about it here.
    """
    readable = records.readable
    _check_municipality_names(readable, problems)
    if records.programme is not None:
        _check_logos(records.programme, problems)
    _check_rounds(readable, problems)
    for call in readable.calls:
        _check_call(call, records, problems)
    _check_totals(readable, problems)
    if records.programme and records.programme.accessibility:
        _check_accessibility(records.programme.accessibility, problems)


def _check_logos(programme, problems: Problems) -> None:
    seen = set()
    for index, logo in enumerate(programme.logos, 1):
        src = logo.source
        if logo.file in seen:
            problems.error(src.path, src.line_of("file"), f'logotips "{logo.file}" jau ir sarakstā', f"logos[{index}].file")
        seen.add(logo.file)


def _given(fields: Fields, name: str) -> Any:
    """The value of field ``name`` to compare; None when it was left out or could not be read."""
    value = fields.get(name)
    return None if value is UNREADABLE else value


def _check_municipality_names(readable: Readable, problems: Problems) -> None:
    by_slug: dict[str, list[tuple[str, Fields]]] = defaultdict(list)
    for municipality in readable.municipalities.values():
        name = _given(municipality, "name")
        if name is not None:
            by_slug[slugify(name)].append((name, municipality))
    for slug, same in by_slug.items():
        first_name, first = same[0]
        for name, municipality in same[1:]:
            problems.error(
                municipality.source.path, municipality.source.line_of("name"),
                f'nosaukums "{name}" sakrīt ar "{first_name}" ({first.source.path}): '
                f'abi veido vienu identifikatoru "{slug}"', "name",
            )


def _check_rounds(readable: Readable, problems: Problems) -> None:
    numbers: dict[int, Fields] = {}
    titles: dict[str, tuple[str, Fields]] = {}
    for round_ in sorted(readable.rounds.values(), key=lambda r: r.source.path):
        src = round_.source
        dates = round_.read("opens", "closes")
        if dates and dates[1] < dates[0]:
            opens, closes = dates
            problems.error(src.path, src.line_of("closes"), f"kārtas beigas ({lv_date(closes, 'nominative')}) ir pirms sākuma ({lv_date(opens, 'nominative')})", "closes")
        number = _given(round_, "number")
        if number is not None:
            if number in numbers:
                problems.error(src.path, src.line_of("number"), f"kārtas numurs {number} jau ir kārtai {numbers[number].source.path}", "number")
            numbers.setdefault(number, round_)
        title = _given(round_, "title")
        if title is not None:
            slug = slugify(title)
            if slug in titles:
                other_title, other = titles[slug]
                problems.error(src.path, src.line_of("title"), f'nosaukums "{title}" sakrīt ar kārtas {other.source.path} nosaukumu "{other_title}"', "title")
            titles.setdefault(slug, (title, round_))
        release = round_.get("press_release")
        if isinstance(release, Fields):
            _check_press_release(round_, release, problems)


# An amount written in a release's own text: "4600 eiro", "4 600,00 EUR", "4600 €".
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(?:eiro|euro|EUR|€)", re.IGNORECASE)


def _check_press_release(round_: Fields, release: Fields, problems: Problems) -> None:
    src = release.source
    moments = release.read("publish_at", "date")
    if moments and moments[0].date() > moments[1]:
        publish_at, date = moments
        problems.error(
            src.path, src.line_of("publish_at"),
            f"embargo beidzas {lv_datetime(publish_at, 'locative')}, pēc relīzes datuma ({lv_date(date, 'nominative')}); "
            "norādiet embargo laiku relīzes datumā vai agrāk", "press_release.publish_at",
        )
    grant_amount = _given(round_, "grant_amount")
    texts = [("headline", release.get("headline")), ("lead", release.get("lead"))]
    body = release.get("body")
    if isinstance(body, tuple):  # a paragraph that could not be read is UNREADABLE; the others are checked
        texts += [(f"body[{index}]", text) for index, text in enumerate(body, 1)]
    for name, text in texts:
        if not isinstance(text, str):
            continue
        for slip in typography_slips(text, headline=name == "headline"):
            problems.warn(src.path, src.line_of(name.split("[")[0]), slip, f"press_release.{name}")
        for amount in _amounts(text) if grant_amount is not None else ():
            if amount != grant_amount:
                problems.error(
                    src.path, src.line_of(name.split("[")[0]),
                    f"tekstā minēti {eur(amount)}, bet kārtas finansējums vienam projektam (grant_amount) ir "
                    f"{eur(grant_amount)}; summām relīzē jāsakrīt ar sludinājumu", f"press_release.{name}",
                )


# Slips a release is prone to (the seed release had each): said as warnings, the text stays the editor's.
_TYPOGRAPHY = (
    (re.compile(r"\w - \w"), "starp vārdiem lietojiet domuzīmi ar atstarpēm („ – ”), nevis defisi („ - ”)"),
    (re.compile(r",\s+jeb\b"), "pirms „jeb” komatu neliek"),
    (re.compile(r"[\"“]"), "lietojiet latviešu pēdiņas „…”"),
    (re.compile(r"\b(?:pavasarī|vasarā|rudenī|ziemā),\s+\w", re.IGNORECASE), "pēc apstākļa („2020. gada pavasarī”) komats nav vajadzīgs"),
    (re.compile(r"\bu\.c\."), "saīsinājumu raksta ar atstarpi: „u. c.”"),
)


def typography_slips(text: str, headline: bool = False) -> list[str]:
    """Typographic slips in ``text``, each said once, in Latvian."""
    slips = [message for pattern, message in _TYPOGRAPHY if pattern.search(text)]
    if headline and text.rstrip().endswith("."):
        slips.append("virsraksta beigās punktu neliek")
    return slips


def _amounts(text: str) -> list[Decimal]:
    found = []
    for match in _AMOUNT_IN_TEXT.finditer(text):
        whole = re.sub(r"\D", "", match[1])
        found.append(Decimal(f"{whole}.{match[2]}") if match[2] else Decimal(whole))
    return found


def _check_deadline_change(call: Fields, problems: Problems) -> None:
    """A changed deadline is told on the call page: the earlier one must differ and the change be dated."""
    src = call.source
    previous = _given(call, "previous_closes")
    if previous is None:
        return
    line = src.line_of("previous_closes")
    times = call.read("opens", "closes")
    closes = _given(call, "closes")
    if closes is not None and previous == closes:
        problems.error(src.path, line, f"iepriekšējās beigas ({lv_datetime(previous, 'nominative')}) sakrīt ar pašreizējām; "
                       "ja termiņš nav mainīts, izdzēsiet šo lauku", "previous_closes")
    elif times and previous <= times[0]:
        problems.error(src.path, line, f"iepriekšējās beigas ({lv_datetime(previous, 'nominative')}) nav pēc pieteikšanās sākuma "
                       f"({lv_datetime(times[0], 'nominative')})", "previous_closes")
    if call.get("updated") is None:  # left out (one that could not be read has its own error)
        problems.warn(src.path, line, "termiņš mainīts, bet nav norādīts izmaiņu datums (updated): abonenti un lasītāji "
                      "neuzzinās, kad tas mainīts", "previous_closes")


def _check_call(call: Fields, records: Records, problems: Problems) -> None:
    src = call.source
    municipality_id = call.get("municipality_id")
    if municipality_id not in records.municipality_files:
        known = difflib.get_close_matches(municipality_id, sorted(records.readable.municipalities), n=1)
        hint = f'; vai domājāt "{known[0]}"?' if known else ""
        problems.error(src.path, 0, f'nezināma pašvaldība "{municipality_id}": mapē municipalities/ nav faila {municipality_id}.yml{hint}')
    for key, id_key, where in (("round", "round_id", "mapes"), ("municipality", "municipality_id", "faila")):
        written = call.get(key)
        if isinstance(written, str) and written != call.get(id_key):
            problems.error(src.path, src.line_of(key), f'"{written}" nesakrīt ar {where} nosaukumu "{call.get(id_key)}": '
                           "izlabojiet vai izdzēsiet šo lauku (kārtu nosaka mapes nosaukums, pašvaldību – faila nosaukums)", key)
    _check_deadline_change(call, problems)
    times = call.read("opens", "closes")
    if times:
        _check_call_times(call, *times, records.readable.rounds.get(call.get("round_id")), problems)
    if call.get("quota") is None and call.get("budget") is None:  # left out both, neither rejected
        problems.error(src.path, src.line, "jānorāda kvota (quota – projektu skaits) vai kopējais finansējums (budget – summa eiro)", "quota")
    submission = call.get("submission")
    if isinstance(submission, tuple):  # a way to apply that could not be read is UNREADABLE; the others are checked
        for index, way in enumerate(submission, 1):
            if isinstance(way, Fields):
                _check_submission_address(call, index, way, problems)
    results = call.get("results")
    if isinstance(results, Fields):
        _check_results(call, results, problems)


def _check_call_times(call: Fields, opens: dt.datetime, closes: dt.datetime, round_: Fields | None, problems: Problems) -> None:
    """The call's own dates in order, then within its round's period (the round's record may have faults of its own)."""
    src = call.source
    if closes <= opens:
        problems.error(src.path, src.line_of("closes"), f"pieteikšanās beigas ({lv_datetime(closes, 'nominative')}) nav pēc sākuma ({lv_datetime(opens, 'nominative')})", "closes")
        return
    period = round_.read("opens", "closes") if round_ else None
    if not period:
        return
    first, last = period
    if opens.date() < first or closes.date() > last:
        problems.warn(
            src.path, src.line_of("opens"),
            f"konkurss ({lv_date(opens, 'nominative')} – {lv_date(closes, 'nominative')}) neiekļaujas kārtas "
            f"periodā ({lv_date(first, 'nominative')} – {lv_date(last, 'nominative')})", "opens",
        )


def _check_submission_address(call: Fields, index: int, submission: Fields, problems: Problems) -> None:
    way = submission.read("method", "address")
    if not way:
        return
    method, address = way
    kind = {"email": Email(), "online": Url()}.get(method)
    if kind is None:
        return
    try:
        kind.parse(address)
    except Invalid as invalid:
        problems.error(call.source.path, submission.source.line_of("address"), str(invalid), f"submission[{index}].address")


def _check_results(call: Fields, results: Fields, problems: Problems) -> None:
    src = results.source
    decided, opens = _given(results, "decided"), _given(call, "opens")
    if decided is not None and opens is not None and decided < opens.date():
        problems.error(src.path, src.line_of("decided"), f"lēmuma datums ({lv_date(decided, 'nominative')}) ir pirms pieteikšanās "
                       f"sākuma ({lv_datetime(opens, 'nominative')}); pārbaudiet datumu", "results.decided")
    listed = results.get("projects")
    for index, project in enumerate(listed if isinstance(listed, tuple) else (), 1):
        dates = project.read("starts", "ends") if isinstance(project, Fields) else None
        if dates and dates[1] < dates[0]:
            starts, ends = dates
            problems.error(src.path, project.source.line_of("ends"), f"projekta beigas ({lv_date(ends, 'nominative')}) ir pirms sākuma ({lv_date(starts, 'nominative')})", f"results.projects[{index}].ends")
    projects = _projects(results)
    if projects is None:
        return
    funded = len(projects)
    quota = _given(call, "quota")
    if quota is not None and funded > quota:
        problems.error(src.path, src.line_of("projects"), f"{_funded(funded)}, bet kvota ir {quota}", "results.projects")
    count = _given(results, "applications")
    if count is not None and count < funded:
        problems.error(src.path, src.line_of("applications"), f"{plural(count, 'saņemts', 'saņemti')} {count} {plural(count, 'pieteikums', 'pieteikumi')}, bet {_funded(funded)}", "results.applications")


def _projects(results: Fields) -> tuple[Fields, ...] | None:
    """The funded projects as listed, when each is a project (read in part, maybe): then their number is known.

    ``projects: 3`` or an item that is no project (a bare title) leaves the number unknown.
    """
    projects = results.get("projects")
    if isinstance(projects, tuple) and all(isinstance(project, Fields) for project in projects):
        return projects
    return None


def _check_totals(readable: Readable, problems: Problems) -> None:
    by_round: dict[str, list[Fields]] = defaultdict(list)
    for call in readable.calls:
        by_round[call.get("round_id")].append(call)
    for round_id, calls in by_round.items():
        round_ = readable.rounds.get(round_id)
        decided = [(call, call.get("results")) for call in calls if isinstance(call.get("results"), Fields)]
        if not round_ or not decided:
            continue
        _check_budgets(round_, decided, problems)
        totals = round_.get("totals")
        if not isinstance(totals, Fields):
            continue
        counted = [_projects(results) for _, results in decided]
        if (
            round_id in readable.rounds_with_unlisted_calls
            or any(call.get("results") is UNREADABLE for call in calls)
            or any(listed is None for listed in counted)
        ):
            continue  # a call's results are not known, so neither are the sums
        projects = sum(len(listed) for listed in counted)
        places = sum(1 for listed in counted if listed)
        src = totals.source
        given = _given(totals, "projects")
        if given is not None and given != projects:
            problems.error(src.path, src.line_of("projects"), f"norādīti {given}, bet konkursu rezultātos kopā {_funded(projects)}", "totals.projects")
        given = _given(totals, "municipalities")
        if given is not None and given != places:
            problems.error(src.path, src.line_of("municipalities"), f"norādītas {given}, bet konkursu rezultātos projekti atbalstīti {places} {plural(places, 'pašvaldībā', 'pašvaldībās')}", "totals.municipalities")


def _check_budgets(round_: Fields, decided: list[tuple[Fields, Fields]], problems: Problems) -> None:
    grant = round_.read("grant_kind", "grant_amount")
    if not grant or grant[0] != "fixed":
        return
    for call, results in decided:
        budget, projects = _given(call, "budget"), _projects(results)
        if budget is None or projects is None:
            continue
        spent = grant[1] * len(projects)
        if spent > budget:
            src = results.source
            problems.error(src.path, src.line_of("projects"), f"atbalstītie projekti kopā prasa {eur(spent)}, bet budžets ir {eur(budget)}", "results.projects")


def _funded(count: int) -> str:
    return f"{plural(count, 'atbalstīts', 'atbalstīti')} {count} {plural(count, 'projekts', 'projekti')}"


def today() -> dt.date:
    """Today in Riga by the machine's clock.

    A statement's dates are checked against it, not against the build's "now": "now" may be a
    moment in the past (the demo's 2020), while a date still to come is a typo whatever "now" says.
    """
    return dt.datetime.now(RIGA).date()


_PROBLEM_REASONS = ("neatbilstība", "nesamērīgs slogs")
"""Reasons that make a site less than fully compliant; content outside the law's scope does not."""


def _check_accessibility(statement, problems: Problems) -> None:
    src = statement.source
    now = today()
    for name in ("prepared", "reviewed"):
        date = getattr(statement, name)
        if date is not None and date > now:
            problems.error(src.path, src.line_of(name), (
                f"datums {lv_date(date, 'nominative')} vēl nav pienācis (šodien ir {lv_date(now, 'nominative')}); "
                "norādiet dienu, kad paziņojums tika sagatavots vai pārskatīts"), f"accessibility.{name}")
    if statement.reviewed is not None and statement.reviewed < statement.prepared:
        problems.error(src.path, src.line_of("reviewed"), (
            f"pārskatīšanas datums ({lv_date(statement.reviewed, 'nominative')}) ir pirms sagatavošanas datuma "
            f"({lv_date(statement.prepared, 'nominative')}, lauks prepared)"), "accessibility.reviewed")
    if "non_accessible" in src.failed:
        return  # already reported; the list as read is not the list as meant
    listed = any(item.reason in _PROBLEM_REASONS for item in statement.non_accessible)
    if statement.compliance == "pilnīgi atbilst" and listed:
        problems.error(src.path, src.line_of("compliance"), (
            "statuss ir „pilnīgi atbilst”, bet laukā non_accessible ir saturs ar iemeslu „neatbilstība” vai "
            "„nesamērīgs slogs”; norādiet „daļēji atbilst” vai izņemiet šo saturu no saraksta"), "accessibility.compliance")
    elif statement.compliance != "pilnīgi atbilst" and not listed:
        problems.error(src.path, src.line_of("compliance"), (
            f"statuss ir „{statement.compliance}”, bet laukā non_accessible nav neviena satura ar iemeslu "
            "„neatbilstība” vai „nesamērīgs slogs”; uzskaitiet, kas nav piekļūstams un kāpēc"), "accessibility.compliance")
