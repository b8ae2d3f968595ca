"""Checks that span fields and records: dates in order, links between records, totals."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from decimal import Decimal

from slugify import slugify

from .errors import Problems
from .load import Records
from .lv import eur, lv_date, lv_datetime, plural
from .model import Call, Round
from .values import RIGA, Email, Invalid, Url


def check_records(records: Records, problems: Problems) -> None:
    """Add every cross-record problem of ``records`` to ``problems``."""
    _check_municipality_names(records, problems)
    _check_rounds(records, problems)
    for call in records.calls:
        _check_call(call, records, problems)
    _check_totals(records, problems)
    if records.programme and records.programme.accessibility:
        _check_accessibility(records.programme.accessibility, problems)


def _check_municipality_names(records: Records, problems: Problems) -> None:
    by_slug: dict[str, list] = defaultdict(list)
    for municipality in records.municipalities.values():
        by_slug[slugify(municipality.name)].append(municipality)
    for slug, same in by_slug.items():
        for municipality in same[1:]:
            first = same[0]
            problems.error(
                municipality.source.path, municipality.source.line_of("name"),
                f'nosaukums "{municipality.name}" sakrīt ar "{first.name}" ({first.source.path}): '
                f'abi veido vienu identifikatoru "{slug}"', "name",
            )


def _check_rounds(records: Records, problems: Problems) -> None:
    numbers: dict[int, Round] = {}
    titles: dict[str, Round] = {}
    for round_ in sorted(records.rounds.values(), key=lambda r: r.source.path):
        src = round_.source
        if round_.closes < round_.opens:
            problems.error(src.path, src.line_of("closes"), f"kārtas beigas ({lv_date(round_.closes, 'nominative')}) ir pirms sākuma ({lv_date(round_.opens, 'nominative')})", "closes")
        if round_.number in numbers:
            other = numbers[round_.number]
            problems.error(src.path, src.line_of("number"), f"kārtas numurs {round_.number} jau ir kārtai {other.source.path}", "number")
        numbers.setdefault(round_.number, round_)
        slug = slugify(round_.title)
        if slug in titles:
            other = titles[slug]
            problems.error(src.path, src.line_of("title"), f'nosaukums "{round_.title}" sakrīt ar kārtas {other.source.path} nosaukumu "{other.title}"', "title")
        titles.setdefault(slug, round_)
        if round_.press_release:
            _check_press_release(round_, problems)


# An amount written in a release's own text: "4600 eiro", "4 600,00 EUR", "4600 €".
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(?:eiro|euro|EUR|€)", re.IGNORECASE)


def _check_press_release(round_: Round, problems: Problems) -> None:
    release = round_.press_release
    src = release.source
    if release.publish_at and release.publish_at.date() > release.date:
        problems.error(
            src.path, src.line_of("publish_at"),
            f"embargo beidzas {lv_datetime(release.publish_at, 'locative')}, pēc relīzes datuma ({lv_date(release.date, 'nominative')}); "
            "norādiet embargo laiku relīzes datumā vai agrāk", "press_release.publish_at",
        )
    texts = [("headline", release.headline), ("lead", release.lead)]
    texts += [(f"body[{index}]", text) for index, text in enumerate(release.body, 1)]
    for name, text in texts:
        for amount in _amounts(text):
            if amount != round_.grant_amount:
                problems.error(
                    src.path, src.line_of(name.split("[")[0]),
                    f"tekstā minēti {eur(amount)}, bet kārtas finansējums vienam projektam (grant_amount) ir "
                    f"{eur(round_.grant_amount)}; summām relīzē jāsakrīt ar sludinājumu", f"press_release.{name}",
                )


def _amounts(text: str) -> list[Decimal]:
    found = []
    for match in _AMOUNT_IN_TEXT.finditer(text):
        whole = re.sub(r"\D", "", match[1])
        found.append(Decimal(f"{whole}.{match[2]}") if match[2] else Decimal(whole))
    return found


def _check_call(call: Call, records: Records, problems: Problems) -> None:
    src = call.source
    round_ = records.rounds.get(call.round_id)
    if call.municipality_id not in records.municipality_files:
        known = difflib.get_close_matches(call.municipality_id, records.municipalities, n=1)
        hint = f'; vai domājāt "{known[0]}"?' if known else ""
        problems.error(src.path, 0, f'nezināma pašvaldība "{call.municipality_id}": mapē municipalities/ nav faila {call.municipality_id}.yml{hint}')
    if call.closes <= call.opens:
        problems.error(src.path, src.line_of("closes"), f"pieteikšanās beigas ({lv_datetime(call.closes, 'nominative')}) nav pēc sākuma ({lv_datetime(call.opens, 'nominative')})", "closes")
    elif round_ and (call.opens.date() < round_.opens or call.closes.date() > round_.closes):
        problems.warn(
            src.path, src.line_of("opens"),
            f"konkurss ({lv_date(call.opens, 'nominative')} – {lv_date(call.closes, 'nominative')}) neiekļaujas kārtas "
            f"periodā ({lv_date(round_.opens, 'nominative')} – {lv_date(round_.closes, 'nominative')})", "opens",
        )
    if call.quota is None and call.budget is None and not {"quota", "budget"} & set(src.failed):
        problems.error(src.path, src.line, "jānorāda kvota (quota — projektu skaits) vai budžets (budget — summa eiro)", "quota")
    for index, submission in enumerate(call.submission, 1):
        _check_submission_address(call, index, submission, problems)
    if call.results:
        _check_results(call, problems)


def _check_submission_address(call: Call, index: int, submission, problems: Problems) -> None:
    kind = {"email": Email(), "online": Url()}.get(submission.method)
    if kind is None:
        return
    try:
        kind.parse(submission.address)
    except Invalid as invalid:
        problems.error(call.source.path, submission.source.line_of("address"), str(invalid), f"submission[{index}].address")


def _check_results(call: Call, problems: Problems) -> None:
    results = call.results
    src = results.source
    funded = len(results.projects)
    if call.quota is not None and funded > call.quota:
        problems.error(src.path, src.line_of("projects"), f"{_funded(funded)}, bet kvota ir {call.quota}", "results.projects")
    if results.applications < funded:
        problems.error(src.path, src.line_of("applications"), f"{plural(results.applications, 'saņemts', 'saņemti')} {results.applications} {plural(results.applications, 'pieteikums', 'pieteikumi')}, bet {_funded(funded)}", "results.applications")
    for index, project in enumerate(results.projects, 1):
        if project.ends < project.starts:
            problems.error(src.path, project.source.line_of("ends"), f"projekta beigas ({lv_date(project.ends, 'nominative')}) ir pirms sākuma ({lv_date(project.starts, 'nominative')})", f"results.projects[{index}].ends")


def _check_totals(records: Records, problems: Problems) -> None:
    decided: dict[str, list[Call]] = defaultdict(list)
    for call in records.calls:
        if call.results:
            decided[call.round_id].append(call)
    for round_id, calls in decided.items():
        round_ = records.rounds.get(round_id)
        if not round_:
            continue
        _check_budgets(round_, calls, problems)
        if not round_.totals:
            continue
        projects = sum(len(call.results.projects) for call in calls)
        places = sum(1 for call in calls if call.results.projects)
        totals = round_.totals
        src = totals.source
        if projects != totals.projects:
            problems.error(src.path, src.line_of("projects"), f"norādīti {totals.projects}, bet konkursu rezultātos kopā {_funded(projects)}", "totals.projects")
        if places != totals.municipalities:
            problems.error(src.path, src.line_of("municipalities"), f"norādītas {totals.municipalities}, bet konkursu rezultātos projekti atbalstīti {places} {plural(places, 'pašvaldībā', 'pašvaldībās')}", "totals.municipalities")


def _check_budgets(round_: Round, calls: list[Call], problems: Problems) -> None:
    for call in calls:
        if call.budget is None or round_.grant_kind != "fixed":
            continue
        spent = round_.grant_amount * len(call.results.projects)
        if spent > call.budget:
            src = call.results.source
            problems.error(src.path, src.line_of("projects"), f"atbalstītie projekti kopā prasa {eur(spent)}, bet budžets ir {eur(call.budget)}", "results.projects")


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
