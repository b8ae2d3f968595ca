"""The moments at which the built output changes by itself: each listed one changes it, and none is missing.

Completeness is shown by building: one second before and after each listed moment the output
differs, and between two consecutive moments (at both ends and at a random moment inside) it
does not. Builds go through the library's generate and publish, in memory: nothing is written.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil

import pytest

from conftest import PROGRAMME, REPO, MiniProject
from konkursi.site import derive
from konkursi.cli import project_from_config
from konkursi.site.moments import KINDS, changes, next_changes
from konkursi.project import Project, generate, publish, validate
from konkursi.records.values import RIGA

SECOND = dt.timedelta(seconds=1)
UTC = dt.timezone.utc


def riga(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=RIGA)


def output(project: Project, now: dt.datetime) -> dict[str, bytes]:
    """Every page and file a build at ``now`` makes, ``now`` itself left out ("Statusi atbilst stāvoklim …")."""
    now = now.astimezone(RIGA)
    result = generate(project, now=now)
    published = publish(project, result)
    made = {page.path: page.markdown.encode("utf-8") for page in result.pages}
    for files in (result.files, published.files):
        made.update(files)  # a deferred .docx made as it is read
    made = {path: content.replace(now.isoformat().encode("ascii"), b"<now>") for path, content in made.items()}
    return {path: NOW_SHOWN.sub(b"<now>", content) for path, content in made.items()}


NOW_SHOWN = re.compile(rb'<time datetime="<now>">[^<]*</time>')
"""``now`` as the home and open data pages show it (its text escaped for Markdown: "2021\\. gada"); calls.json has it
as ``"status_at"``, the sitemap (not made here) as every page's date."""


def differences(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def check_moments(project: Project, moments: list[dt.datetime], start: dt.datetime, end: dt.datetime, chosen: list[int], seed: int):
    """For each index in ``chosen``: the output changes at that moment, and not between it and the next
    (nor between ``start`` and the first moment when -1 is chosen). Returns the changed paths of each moment."""
    rng = random.Random(seed)
    bounds = [moment.astimezone(UTC) for moment in [start, *moments, end]]  # in Riga, 04.00 - 1 s is 03.59 of the wrong hour
    built: dict[dt.datetime, dict[str, bytes]] = {}

    def at(moment: dt.datetime) -> dict[str, bytes]:  # the end of one span is the "before" of the next moment
        if moment not in built:
            built[moment] = output(project, moment)
        return built[moment]

    changed = {}
    for index in chosen:
        left, right = bounds[index + 1], bounds[index + 2]  # index -1: from start to the first moment
        assert right - left > 2 * SECOND, (left, right)
        if index >= 0:
            changed[moments[index]] = differences(at(left - SECOND), at(left + SECOND))
            assert changed[moments[index]], f"nothing changes at {moments[index].isoformat()}"
        inside = left + SECOND + (right - left - 2 * SECOND) * rng.random()
        for moment in (inside, right - SECOND):
            assert not differences(at(left + SECOND), at(moment)), (
                f"the output changes between {left.isoformat()} and {right.isoformat()} "
                f"(at {moment.isoformat()} it differs from {(left + SECOND).isoformat()}): a moment is missing")
    return changed


# A project made for the edge cases: embargoes of every kind, drafts, a call shorter than "closing
# soon", dates without times, results decided later (of one call of a round, of all calls of
# another, with a decision date and without), and "closing soon" starting at 03.30 on the nights
# the clocks change (spring: the clock jumps over it; autumn: the clock shows it twice).
SYNTHETIC = {
    "programme.yml": PROGRAMME,
    "municipalities/cesu-novads.yml": """\
        name: Cēsu novads
        region: vidzeme
        contacts:
          - name: Ilze Bērziņa
            email: ilze@cesu-novads.example
        """,
    "municipalities/ludzas-novads.yml": """\
        name: Ludzas novads
        region: latgale
        contacts:
          - name: Olga Šmite
            email: olga@ludzas-novads.example
        published: 2021-03-10
        """,
    "municipalities/bauskas-novads.yml": """\
        name: Bauskas novads
        region: zemgale
        contacts:
          - name: Anna Ozola
            email: anna@bauskas-novads.example
        published: 2021-01-20
        """,
    "municipalities/talsu-novads.yml": """\
        name: Talsu novads
        region: kurzeme
        contacts:
          - name: Juris Kalniņš
            email: juris@talsu-novads.example
        draft: true
        """,
    "calls/2021-pavasaris/_round.yml": """\
        number: 1
        title: 2021. gada pavasaris
        opens: 2021-02-01
        closes: 2021-06-30
        grant_amount: 4600
        published: 2021-02-15
        press_release:
          date: 2021-02-15
          publish_at: 2021-02-15 10:00
          headline: Aicina pieteikties
          lead: Pašvaldības izsludina konkursus.
        """,
    "calls/2021-pavasaris/cesu-novads.yml": """\
        opens: 2021-03-01 09:00
        closes: 2021-04-04 03:30
        quota: 2
        published: 2021-02-20
        submission:
          - method: email
            address: pieteikumi@cesu-novads.example
        results:
          applications: 3
          decided: 2021-06-01
          projects:
            - title: Jauniešu vasara
              implementer: Biedrība „Cēsu jaunieši”
              starts: 2021-07-01
              ends: 2021-12-31
        """,
    "calls/2021-pavasaris/ludzas-novads.yml": """\
        opens: 2021-03-01
        closes: 2021-03-05
        quota: 1
        submission:
          - method: email
            address: pieteikumi@ludzas-novads.example
        """,
    "calls/2021-pavasaris/bauskas-novads.yml": """\
        opens: 2021-02-10 10:00
        closes: 2021-03-20 17:00
        quota: 2
        published: 2021-02-05
        submission:
          - method: post
            address: Bauskas novada dome
        """,
    "calls/2021-pavasaris/talsu-novads.yml": """\
        opens: 2021-03-02 09:00
        closes: 2021-03-25 17:00
        quota: 2
        submission:
          - method: email
            address: pieteikumi@talsu-novads.example
        """,
    "calls/2021-rudens/_round.yml": """\
        number: 2
        title: 2021. gada rudens
        opens: 2021-09-01
        closes: 2021-12-31
        grant_amount: 5000
        grant_kind: up_to
        press_release:
          date: 2021-09-01
          headline: Rudens kārta
          lead: Melnraksts.
          draft: true
        """,
    "calls/2021-rudens/cesu-novads.yml": """\
        opens: 2021-10-01 09:00
        closes: 2021-11-07 03:30
        quota: 2
        published: 2021-09-20
        updated: 2021-10-05
        submission:
          - method: email
            address: pieteikumi@cesu-novads.example
        results:
          applications: 1
        """,
    "calls/2021-rudens/bauskas-novads.yml": """\
        opens: 2021-10-04 10:00
        closes: 2021-10-29 12:00
        quota: 1
        submission:
          - method: in_person
            address: Bauskas novada dome
        results:
          applications: 2
          decided: 2021-11-10
          projects:
            - title: Rudens skola
              implementer: Biedrība „Bauskas jaunieši”
              starts: 2022-01-01
              ends: 2022-05-31
        """,
    "calls/2021-rudens/ludzas-novads.yml": """\
        opens: 2021-11-22 09:00
        closes: 2021-12-10 17:00
        quota: 1
        published: 2021-11-20
        submission:
          - method: email
            address: pieteikumi@ludzas-novads.example
        """,
    "municipalities/saldus-novads.yml": """\
        name: Saldus novads
        region: kurzeme
        contacts:
          - name: Dace Liepa
            email: dace@saldus-novads.example
        """,
    "calls/2021-rudens/saldus-novads.yml": """\
        opens: 2021-10-01 09:00
        closes: 2021-10-20 17:00
        quota: 1
        draft: true
        submission:
          - method: email
            address: pieteikumi@saldus-novads.example
        """,
    "calls/2022-pavasaris/_round.yml": """\
        number: 3
        title: 2022. gada pavasaris
        opens: 2021-11-01
        closes: 2022-06-30
        grant_amount: 5000
        draft: true
        """,
    "calls/2022-pavasaris/cesu-novads.yml": """\
        opens: 2021-11-01 09:00
        closes: 2021-11-20 17:00
        quota: 1
        submission:
          - method: email
            address: pieteikumi@cesu-novads.example
        """,
}

YEAR = (riga("2021-01-01 00:00"), riga("2022-01-01 12:00"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Project:
    mini = MiniProject(tmp_path_factory.mktemp("moments") / "projekts")
    (mini.root / "municipalities/cesu-novads.yml").unlink()
    shutil.rmtree(mini.root / "calls/2020-pavasaris")
    for path, text in SYNTHETIC.items():
        mini.write(path, text)
    return project_from_config(mini.root / "mkdocs.yml")[0]


@pytest.fixture(scope="module")
def example() -> Project:
    return project_from_config(REPO / "mkdocs.yml")[0]


def test_the_synthetic_projects_moments_are_exactly_those_at_which_its_output_changes(synthetic):
    records, _ = validate(synthetic)
    found = changes(records, *YEAR)
    moments = sorted({change.instant for change in found})
    check_moments(synthetic, moments, *YEAR, chosen=list(range(-1, len(moments))), seed=16)
    kinds = {change.kind for change in found}
    assert kinds == set(KINDS) - {"announced"}, kinds  # a call enters the feeds when it is published or opens


def test_the_synthetic_projects_moments_are_the_expected_ones(synthetic):
    records, _ = validate(synthetic)
    listed = [(change.at.isoformat(), change.kind, change.record) for change in changes(records, *YEAR)]
    expected = [
        ("2021-01-20T00:00:00+02:00", "municipality_published", "bauskas-novads"),
        # the Bauska call's own published date (2021-02-05) changes nothing: its round is not public yet;
        # nor does the round's start (2021-02-01), before it is published
        ("2021-02-15T00:00:00+02:00", "round_published", "2021-pavasaris"),
        ("2021-02-15T10:00:00+02:00", "round_release", "2021-pavasaris"),
        ("2021-02-20T00:00:00+02:00", "call_published", "2021-pavasaris/cesu-novads"),
        ("2021-03-01T09:00:00+02:00", "opens", "2021-pavasaris/cesu-novads"),
        ("2021-03-10T00:00:00+02:00", "municipality_published", "ludzas-novads"),  # its short call shows closed at once
        ("2021-03-13T17:00:00+02:00", "closing_soon", "2021-pavasaris/bauskas-novads"),
        ("2021-03-20T17:00:00+02:00", "closes", "2021-pavasaris/bauskas-novads"),
        ("2021-03-28T02:30:00+02:00", "closing_soon", "2021-pavasaris/cesu-novads"),  # 168 hours before, across the clock change
        ("2021-04-04T03:30:00+03:00", "closes", "2021-pavasaris/cesu-novads"),
        ("2021-06-01T00:00:00+03:00", "results_announced", "2021-pavasaris/cesu-novads"),  # the round's others have none
        ("2021-07-01T00:00:00+03:00", "round_ends", "2021-pavasaris"),
        ("2021-09-01T00:00:00+03:00", "round_starts", "2021-rudens"),
        ("2021-09-20T00:00:00+03:00", "call_published", "2021-rudens/cesu-novads"),
        ("2021-10-01T09:00:00+03:00", "opens", "2021-rudens/cesu-novads"),
        ("2021-10-04T00:00:00+03:00", "call_release", "2021-rudens/bauskas-novads"),
        ("2021-10-04T10:00:00+03:00", "opens", "2021-rudens/bauskas-novads"),
        ("2021-10-22T12:00:00+03:00", "closing_soon", "2021-rudens/bauskas-novads"),
        ("2021-10-29T12:00:00+03:00", "closes", "2021-rudens/bauskas-novads"),
        ("2021-10-31T03:30:00+02:00", "closing_soon", "2021-rudens/cesu-novads"),  # 168 hours: the second 03.30 that night
        ("2021-11-07T03:30:00+02:00", "closes", "2021-rudens/cesu-novads"),
        ("2021-11-07T03:30:00+02:00", "results_announced", "2021-rudens/cesu-novads"),  # no decision date: at closing
        ("2021-11-10T00:00:00+02:00", "results_announced", "2021-rudens/bauskas-novads"),
        ("2021-11-10T00:00:00+02:00", "results_release", "2021-rudens"),  # the last result of the round
        ("2021-11-20T00:00:00+02:00", "call_published", "2021-rudens/ludzas-novads"),
        ("2021-11-20T00:00:00+02:00", "results_release_withdrawn", "2021-rudens"),  # a call without results joins
        ("2021-11-22T09:00:00+02:00", "opens", "2021-rudens/ludzas-novads"),
        ("2021-12-03T17:00:00+02:00", "closing_soon", "2021-rudens/ludzas-novads"),
        ("2021-12-10T17:00:00+02:00", "closes", "2021-rudens/ludzas-novads"),
        ("2022-01-01T00:00:00+02:00", "round_ends", "2021-rudens"),
    ]
    assert listed == expected


def test_the_examples_moments_change_its_output_and_none_is_missing(example):
    records, _ = validate(example)
    start, end = riga("2018-01-01 00:00"), riga("2021-01-01 00:00")
    found = changes(records, start, end)
    moments = sorted({change.instant for change in found})
    assert len(moments) > 30
    # A few moments, one of each kind among them, with the spans that follow them.
    first_of_kind = {}
    for change in found:
        first_of_kind.setdefault(change.kind, moments.index(change.instant))
    chosen = sorted(set(first_of_kind.values()) | set(random.Random(10).sample(range(len(moments)), 3)) | {-1, len(moments) - 1})
    changed = check_moments(example, moments, start, end, chosen, seed=10)
    closes = next(change for change in found if change.kind == "closes")
    assert f"konkursi/{closes.record}.md" in changed[closes.instant]  # the call's own page


def test_next_changes_are_those_of_the_first_moment_after_now(example):
    records, _ = validate(example)
    first = next_changes(records, riga("2020-04-20 12:00"))
    assert [(change.at.isoformat(), change.text) for change in first] == [
        ("2020-04-20T17:00:00+03:00", "konkursu atzīmē kā „drīz beigsies”: Jelgavas novads (3. kārta, 2020. gada pavasaris)")]
    together = next_changes(records, riga("2020-03-02 00:00") - SECOND)
    assert [change.kind for change in together] == ["round_published", "round_release", "call_published"]
    assert next_changes(records, riga("2020-03-13 16:00") - SECOND)[0].kind == "closes"
    assert next_changes(records, riga("2020-03-13 16:00"))[0].at == riga("2020-03-13 17:00")  # strictly after now
    assert next_changes(records, riga("2021-01-01 00:00")) == []


def test_closing_soon_follows_derives_threshold(synthetic, monkeypatch):
    records, _ = validate(synthetic)
    monkeypatch.setattr(derive, "CLOSING_SOON", dt.timedelta(days=3))
    soon = [change.at for change in changes(records, *YEAR) if change.record == "2021-pavasaris/bauskas-novads" and change.kind == "closing_soon"]
    assert soon == [riga("2021-03-17 17:00")]
