"""Checks between fields run whenever the values they compare were read (issue 16, item 6).

Every check that compares two fields (or records) is shown three times: with an unrelated error
in the same record, which keeps the record from being made; with one in another record; and
with one of its own values unreadable, when it must say nothing. One run lists every problem.
"""

from __future__ import annotations

import json

import pytest

from conftest import CALL, MUNICIPALITY, ROUND, copy_project, run_konkursi
from test_validation import RESULTS

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
OTHER_ROUND = "calls/2020-rudens/_round.yml"
PLACE_FILE = "municipalities/cesu-novads.yml"

RELEASE = """\
press_release:
  date: 2020-03-02
  headline: Aicina pieteikties 4600 eiro finansējumam
  lead: Pašvaldības organizē pieteikšanos.
"""
TOTALS = "totals:\n  projects: 5\n  municipalities: 1\n"

# Unrelated errors, each of which keeps its record from being made.
CALL_BROKEN = ("method: email", "method: [email]")
CALL_BROKEN_SAYS = f'{CALL_FILE}:5: laukā "submission[1].method": jābūt vienai vērtībai, nevis sarakstam'
ROUND_BROKEN = ("grant_amount: 4600", "grant_amount: 0")
ROUND_BROKEN_SAYS = f'{ROUND_FILE}:5: laukā "grant_amount": summai jābūt lielākai par nulli, nevis 0'
PLACE_BROKEN = ("region: vidzeme", "region: [vidzeme]")
PLACE_BROKEN_SAYS = f'{PLACE_FILE}:2: laukā "region": jābūt vienai vērtībai, nevis sarakstam'


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


# --- The dates of a round ---

ROUND_BACKWARDS = ("closes: 2020-06-30", "closes: 2020-01-15")
ROUND_BACKWARDS_SAYS = [
    f'{ROUND_FILE}:4: laukā "closes": kārtas beigas (2020. gada 15. janvāris) ir pirms sākuma (2020. gada 1. februāris)',
    # The call cannot fit into a period that ends before it begins: true of what is written.
    f'{CALL_FILE}:1: brīdinājums: laukā "opens": konkurss (2020. gada 2. marts – 2020. gada 15. aprīlis) '
    "neiekļaujas kārtas periodā (2020. gada 1. februāris – 2020. gada 15. janvāris)",
]

# --- Two rounds alike ---

SECOND_ROUND = edit(ROUND, ("title: 2020. gada pavasaris", "title: 2020. gada rudens"),
                    ("opens: 2020-02-01", "opens: 2020-08-01"), ("closes: 2020-06-30", "closes: 2020-11-30"))
SAME_NUMBER_SAYS = f'{OTHER_ROUND}:1: laukā "number": kārtas numurs 3 jau ir kārtai {ROUND_FILE}'
SAME_TITLE = edit(SECOND_ROUND, ("number: 3", "number: 4"), ("title: 2020. gada rudens", "title: 2020. gada Pavasaris"))
SAME_TITLE_SAYS = (f'{OTHER_ROUND}:2: laukā "title": nosaukums "2020. gada Pavasaris" sakrīt ar kārtas {ROUND_FILE} '
                   'nosaukumu "2020. gada pavasaris"')
OTHER_ROUND_BROKEN_SAYS = ROUND_BROKEN_SAYS.replace(ROUND_FILE, OTHER_ROUND)

# --- Two municipalities alike ---

SECOND_PLACE = "municipalities/cesu-novads-2.yml"
SAME_NAME_SAYS = (f'{PLACE_FILE}:1: laukā "name": nosaukums "Cēsu novads" sakrīt ar "Cesu novads" ({SECOND_PLACE}): '
                  'abi veido vienu identifikatoru "cesu-novads"')

# --- A round's press release ---

EMBARGO = RELEASE + "  publish_at: 2020-03-03 10:00\n"
EMBARGO_SAYS = (f'{ROUND_FILE}:10: laukā "press_release.publish_at": embargo beidzas 2020. gada 3. martā plkst. 10.00, '
                "pēc relīzes datuma (2020. gada 2. marts); norādiet embargo laiku relīzes datumā vai agrāk")
HEADLINE_BROKEN = ("headline: Aicina pieteikties 4600 eiro finansējumam", "headline: [Aicina pieteikties]")
HEADLINE_BROKEN_SAYS = f'{ROUND_FILE}:8: laukā "press_release.headline": jābūt vienai vērtībai, nevis sarakstam'
WRONG_AMOUNT = edit(RELEASE, ("4600 eiro", "5000 eiro"))
WRONG_AMOUNT_SAYS = (f'{ROUND_FILE}:8: laukā "press_release.headline": tekstā minēti 5000 eiro, bet kārtas finansējums '
                     "vienam projektam (grant_amount) ir 4600 eiro; summām relīzē jāsakrīt ar sludinājumu")
LEAD_BROKEN = ("lead: Pašvaldības organizē pieteikšanos.", "lead: [Pašvaldības]")
LEAD_BROKEN_SAYS = f'{ROUND_FILE}:9: laukā "press_release.lead": jābūt vienai vērtībai, nevis sarakstam'
ROUND_OPENS_BROKEN = ("opens: 2020-02-01", "opens: 2020-13-01")
ROUND_OPENS_BROKEN_SAYS = f'{ROUND_FILE}:3: laukā "opens": datums 2020-13-01 neeksistē'

# --- A call's own fields ---

CALL_BACKWARDS = ("closes: 2020-04-15 17:00", "closes: 2020-03-01 17:00")
CALL_BACKWARDS_SAYS = (f'{CALL_FILE}:2: laukā "closes": pieteikšanās beigas (2020. gada 1. marts plkst. 17.00) '
                       "nav pēc sākuma (2020. gada 2. marts plkst. 9.00)")
CALL_LATE = ("closes: 2020-04-15 17:00", "closes: 2020-07-15 17:00")
CALL_LATE_SAYS = (f'{CALL_FILE}:1: brīdinājums: laukā "opens": konkurss (2020. gada 2. marts – 2020. gada 15. jūlijs) '
                  "neiekļaujas kārtas periodā (2020. gada 1. februāris – 2020. gada 30. jūnijs)")
NO_QUOTA = ("quota: 3\n", "")
NO_QUOTA_SAYS = f'{CALL_FILE}:1: laukā "quota": jānorāda kvota (quota – projektu skaits) vai kopējais finansējums (budget – summa eiro)'
POSTAL_EMAIL = ("address: pieteikumi@cesu-novads.example", "address: Raunas iela 4, Cēsis")
POSTAL_EMAIL_SAYS = (f'{CALL_FILE}:6: laukā "submission[1].address": "Raunas iela 4, Cēsis" nav derīga e-pasta adrese '
                     "(piemēram, vards.uzvards@novads.lv)")
SECOND_WAY_BROKEN = "  - method: [post]\n    address: Raunas iela 4, Cēsis\n"  # a second way to apply, after the first

# --- A call's results ---

OVER_QUOTA = ("quota: 3", "quota: 1")
OVER_QUOTA_SAYS = f'{CALL_FILE}:9: laukā "results.projects": atbalstīti 2 projekti, bet kvota ir 1'
APPLICATIONS_BROKEN = ("applications: 5", "applications: pieci")
APPLICATIONS_BROKEN_SAYS = f'{CALL_FILE}:8: laukā "results.applications": jābūt veselam skaitlim, nevis "pieci"'
FEW_APPLICATIONS = ("applications: 5", "applications: 1")
FEW_APPLICATIONS_SAYS = f'{CALL_FILE}:8: laukā "results.applications": saņemts 1 pieteikums, bet atbalstīti 2 projekti'
PROJECT_BROKEN = ("implementer: Biedrība B", "implementer: [Biedrība B]")
PROJECT_BROKEN_SAYS = f'{CALL_FILE}:11: laukā "results.projects[2].implementer": jābūt vienai vērtībai, nevis sarakstam'
PROJECT_BACKWARDS = ("implementer: Biedrība A, starts: 2020-06-01, ends: 2020-07-01",
                     "implementer: Biedrība A, starts: 2020-06-01, ends: 2020-05-01")
PROJECT_BACKWARDS_SAYS = (f'{CALL_FILE}:10: laukā "results.projects[1].ends": projekta beigas (2020. gada 1. maijs) '
                          "ir pirms sākuma (2020. gada 1. jūnijs)")
PROJECT_TITLE_BROKEN = ("{title: Plāns X,", "{title: [Plāns X],")
PROJECT_TITLE_BROKEN_SAYS = f'{CALL_FILE}:10: laukā "results.projects[1].title": jābūt vienai vērtībai, nevis sarakstam'
BARE_PROJECT = ("    - {title: reStarts, implementer: Biedrība B, starts: 2020-06-01, ends: 2020-07-01}", "    - reStarts")
BARE_PROJECT_SAYS = f'{CALL_FILE}:11: laukā "results.projects[2]": jābūt laukiem formā "lauks: vērtība", nevis tekstam "reStarts"'
TOTALS_SAYS = f'{ROUND_FILE}:7: laukā "totals.projects": norādīti 5, bet konkursu rezultātos kopā atbalstīti 2 projekti'
ON_BUDGET = ("quota: 3", "budget: 4600")
ON_BUDGET_SAYS = f'{CALL_FILE}:9: laukā "results.projects": atbalstītie projekti kopā prasa 9200 eiro, bet budžets ir 4600 eiro'
ROUND_TITLE_BROKEN = ("title: 2020. gada pavasaris", "title: [2020. gada pavasaris]")
ROUND_TITLE_BROKEN_SAYS = f'{ROUND_FILE}:2: laukā "title": jābūt vienai vērtībai, nevis sarakstam'

CASES = [
    # The round closes before it opens.
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_BACKWARDS, ROUND_BROKEN)}, [*ROUND_BACKWARDS_SAYS, ROUND_BROKEN_SAYS],
                 id="round-dates+same"),
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_BACKWARDS), CALL_FILE: edit(CALL, CALL_BROKEN)},
                 [*ROUND_BACKWARDS_SAYS, CALL_BROKEN_SAYS], id="round-dates+other"),
    pytest.param({ROUND_FILE: edit(ROUND, ("closes: 2020-06-30", "closes: 2020-02-30"), ROUND_BROKEN)},
                 [f'{ROUND_FILE}:4: laukā "closes": datums 2020-02-30 neeksistē', ROUND_BROKEN_SAYS], id="round-dates-unread"),
    # Two rounds with one number, or one title.
    pytest.param({OTHER_ROUND: edit(SECOND_ROUND, ROUND_BROKEN)}, [SAME_NUMBER_SAYS, OTHER_ROUND_BROKEN_SAYS],
                 id="round-number+same"),
    pytest.param({OTHER_ROUND: SECOND_ROUND, ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [SAME_NUMBER_SAYS, ROUND_BROKEN_SAYS],
                 id="round-number+other"),
    pytest.param({OTHER_ROUND: edit(SECOND_ROUND, ("number: 3", "number: trīs"))},
                 [f'{OTHER_ROUND}:1: laukā "number": jābūt veselam skaitlim, nevis "trīs"'], id="round-number-unread"),
    pytest.param({OTHER_ROUND: edit(SAME_TITLE, ROUND_BROKEN)}, [SAME_TITLE_SAYS, OTHER_ROUND_BROKEN_SAYS],
                 id="round-title+same"),
    pytest.param({OTHER_ROUND: SAME_TITLE, ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [SAME_TITLE_SAYS, ROUND_BROKEN_SAYS],
                 id="round-title+other"),
    pytest.param({OTHER_ROUND: edit(SAME_TITLE, ("title: 2020. gada Pavasaris", "title: [2020. gada Pavasaris]"))},
                 [f'{OTHER_ROUND}:2: laukā "title": jābūt vienai vērtībai, nevis sarakstam'], id="round-title-unread"),
    # Two municipality names that make one id.
    pytest.param({SECOND_PLACE: edit(MUNICIPALITY, ("Cēsu novads", "Cesu novads")), PLACE_FILE: edit(MUNICIPALITY, PLACE_BROKEN)},
                 [SAME_NAME_SAYS, PLACE_BROKEN_SAYS], id="municipality-name+same"),
    pytest.param({SECOND_PLACE: edit(MUNICIPALITY, ("Cēsu novads", "Cesu novads"), PLACE_BROKEN)},
                 [SAME_NAME_SAYS, PLACE_BROKEN_SAYS.replace(PLACE_FILE, SECOND_PLACE)], id="municipality-name+other"),
    pytest.param({SECOND_PLACE: edit(MUNICIPALITY, ("Cēsu novads", "[Cesu novads]"))},
                 [f'{SECOND_PLACE}:1: laukā "name": jābūt vienai vērtībai, nevis sarakstam'], id="municipality-name-unread"),
    # A press release under embargo until after its date.
    pytest.param({ROUND_FILE: ROUND + edit(EMBARGO, HEADLINE_BROKEN)}, [EMBARGO_SAYS, HEADLINE_BROKEN_SAYS],
                 id="embargo+same"),
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_BROKEN) + EMBARGO}, [EMBARGO_SAYS, ROUND_BROKEN_SAYS], id="embargo+other"),
    pytest.param({ROUND_FILE: ROUND + edit(EMBARGO, ("date: 2020-03-02", "date: 2020-02-30"))},
                 [f'{ROUND_FILE}:7: laukā "press_release.date": datums 2020-02-30 neeksistē'], id="embargo-unread"),
    # An amount in a press release that is not the round's.
    pytest.param({ROUND_FILE: ROUND + edit(WRONG_AMOUNT, LEAD_BROKEN)}, [WRONG_AMOUNT_SAYS, LEAD_BROKEN_SAYS],
                 id="release-amount+same"),
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_OPENS_BROKEN) + WRONG_AMOUNT}, [ROUND_OPENS_BROKEN_SAYS, WRONG_AMOUNT_SAYS],
                 id="release-amount+other"),
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_BROKEN) + WRONG_AMOUNT}, [ROUND_BROKEN_SAYS], id="release-amount-unread"),
    # A call file named for no municipality.
    pytest.param({CALL_FILE: None, "calls/2020-pavasaris/cesu-novad.yml": edit(CALL, CALL_BROKEN)},
                 [CALL_BROKEN_SAYS.replace("cesu-novads", "cesu-novad"),
                  'calls/2020-pavasaris/cesu-novad.yml: nezināma pašvaldība "cesu-novad": mapē municipalities/ '
                  'nav faila cesu-novad.yml; vai domājāt "cesu-novads"?'], id="municipality-unknown+same"),
    pytest.param({CALL_FILE: None, "calls/2020-pavasaris/cesu-novad.yml": "opens: [\n", PLACE_FILE: edit(MUNICIPALITY, PLACE_BROKEN)},
                 ['calls/2020-pavasaris/cesu-novad.yml: nezināma pašvaldība "cesu-novad": mapē municipalities/ '
                  'nav faila cesu-novad.yml; vai domājāt "cesu-novads"?',
                  "calls/2020-pavasaris/cesu-novad.yml:2:1: YAML sintakses kļūda: nepareizs YAML pieraksts; "
                  "pārbaudiet pēdiņas, kolus un atkāpes šajā rindā",
                  PLACE_BROKEN_SAYS], id="municipality-unknown+other"),
    # A call that closes before it opens.
    pytest.param({CALL_FILE: edit(CALL, CALL_BACKWARDS, CALL_BROKEN)}, [CALL_BACKWARDS_SAYS, CALL_BROKEN_SAYS],
                 id="call-dates+same"),
    pytest.param({CALL_FILE: edit(CALL, CALL_BACKWARDS), ROUND_FILE: edit(ROUND, ROUND_BROKEN)},
                 [ROUND_BROKEN_SAYS, CALL_BACKWARDS_SAYS], id="call-dates+other"),
    pytest.param({CALL_FILE: edit(CALL, ("opens: 2020-03-02 09:00", "opens: 2020-03-32 09:00"), CALL_BROKEN)},
                 [f'{CALL_FILE}:1: laukā "opens": datums 2020-03-32 neeksistē', CALL_BROKEN_SAYS], id="call-dates-unread"),
    # A call outside its round's period: the round with an error of its own too.
    pytest.param({CALL_FILE: edit(CALL, CALL_LATE, CALL_BROKEN)}, [CALL_BROKEN_SAYS, CALL_LATE_SAYS], id="call-period+same"),
    pytest.param({CALL_FILE: edit(CALL, CALL_LATE), ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [ROUND_BROKEN_SAYS, CALL_LATE_SAYS],
                 id="call-period+round"),
    pytest.param({CALL_FILE: edit(CALL, CALL_LATE), ROUND_FILE: edit(ROUND, ("closes: 2020-06-30", "closes: 2020-06-31"), ROUND_BROKEN)},
                 [f'{ROUND_FILE}:4: laukā "closes": datums 2020-06-31 neeksistē', ROUND_BROKEN_SAYS], id="call-period-unread"),
    # Neither quota nor budget.
    pytest.param({CALL_FILE: edit(CALL, NO_QUOTA, CALL_BROKEN)}, [NO_QUOTA_SAYS, CALL_BROKEN_SAYS.replace(":5:", ":4:")],
                 id="quota-or-budget+same"),
    pytest.param({CALL_FILE: edit(CALL, NO_QUOTA), ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [ROUND_BROKEN_SAYS, NO_QUOTA_SAYS],
                 id="quota-or-budget+other"),
    pytest.param({CALL_FILE: edit(CALL, ("quota: 3", "quota: trīs"), CALL_BROKEN)},
                 [f'{CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "trīs"', CALL_BROKEN_SAYS],
                 id="quota-or-budget-unread"),
    # A submission address that does not fit its method.
    pytest.param({CALL_FILE: edit(CALL, POSTAL_EMAIL) + SECOND_WAY_BROKEN},
                 [POSTAL_EMAIL_SAYS, f'{CALL_FILE}:7: laukā "submission[2].method": jābūt vienai vērtībai, nevis sarakstam'],
                 id="submission-address+same"),
    pytest.param({CALL_FILE: edit(CALL, POSTAL_EMAIL), ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [ROUND_BROKEN_SAYS, POSTAL_EMAIL_SAYS],
                 id="submission-address+other"),
    pytest.param({CALL_FILE: edit(CALL, POSTAL_EMAIL, CALL_BROKEN)}, [CALL_BROKEN_SAYS], id="submission-address-unread"),
    # More funded projects than the quota.
    pytest.param({CALL_FILE: edit(CALL, OVER_QUOTA) + edit(RESULTS, APPLICATIONS_BROKEN)},
                 [APPLICATIONS_BROKEN_SAYS, OVER_QUOTA_SAYS], id="quota+same"),
    pytest.param({CALL_FILE: edit(CALL, OVER_QUOTA) + RESULTS, ROUND_FILE: edit(ROUND, ROUND_BROKEN)},
                 [ROUND_BROKEN_SAYS, OVER_QUOTA_SAYS], id="quota+other"),
    pytest.param({CALL_FILE: edit(CALL, ("quota: 3", "quota: 0"), CALL_BROKEN) + RESULTS},
                 [f'{CALL_FILE}:3: laukā "quota": skaitlim jābūt ne mazākam par 1, nevis 0', CALL_BROKEN_SAYS],
                 id="quota-unread"),
    pytest.param({CALL_FILE: edit(CALL, ("quota: 3", "quota: 1"), CALL_BROKEN) + edit(RESULTS, BARE_PROJECT)},
                 [CALL_BROKEN_SAYS, BARE_PROJECT_SAYS], id="quota-projects-unread"),
    # Fewer applications than funded projects.
    pytest.param({CALL_FILE: CALL + edit(RESULTS, FEW_APPLICATIONS, PROJECT_BROKEN)},
                 [FEW_APPLICATIONS_SAYS, PROJECT_BROKEN_SAYS], id="applications+same"),
    pytest.param({CALL_FILE: edit(CALL, CALL_BROKEN) + edit(RESULTS, FEW_APPLICATIONS)},
                 [CALL_BROKEN_SAYS, FEW_APPLICATIONS_SAYS], id="applications+other"),
    pytest.param({CALL_FILE: CALL + edit(RESULTS, ("applications: 5", "applications: viens"), PROJECT_BROKEN)},
                 [f'{CALL_FILE}:8: laukā "results.applications": jābūt veselam skaitlim, nevis "viens"', PROJECT_BROKEN_SAYS],
                 id="applications-unread"),
    pytest.param({CALL_FILE: CALL + edit(RESULTS, FEW_APPLICATIONS, BARE_PROJECT)}, [BARE_PROJECT_SAYS],
                 id="applications-projects-unread"),
    # A funded project that ends before it starts.
    pytest.param({CALL_FILE: CALL + edit(RESULTS, PROJECT_BACKWARDS, PROJECT_TITLE_BROKEN)},
                 [PROJECT_TITLE_BROKEN_SAYS, PROJECT_BACKWARDS_SAYS], id="project-dates+same"),
    pytest.param({CALL_FILE: edit(CALL, CALL_BROKEN) + edit(RESULTS, PROJECT_BACKWARDS, PROJECT_BROKEN)},
                 [CALL_BROKEN_SAYS, PROJECT_BACKWARDS_SAYS, PROJECT_BROKEN_SAYS], id="project-dates+other"),
    pytest.param({CALL_FILE: CALL + edit(RESULTS, ("Biedrība A, starts: 2020-06-01", "Biedrība A, starts: 2020-07-32"))},
                 [f'{CALL_FILE}:10: laukā "results.projects[1].starts": datums 2020-07-32 neeksistē'], id="project-dates-unread"),
    # A round's totals that disagree with its calls' results.
    pytest.param({ROUND_FILE: edit(ROUND, ROUND_BROKEN) + TOTALS, CALL_FILE: CALL + RESULTS},
                 [ROUND_BROKEN_SAYS, TOTALS_SAYS], id="totals+same"),
    pytest.param({ROUND_FILE: ROUND + TOTALS, CALL_FILE: edit(CALL, CALL_BROKEN) + edit(RESULTS, PROJECT_BROKEN)},
                 [TOTALS_SAYS, CALL_BROKEN_SAYS, PROJECT_BROKEN_SAYS], id="totals+other"),
    pytest.param({ROUND_FILE: ROUND + TOTALS, CALL_FILE: edit(CALL, CALL_BROKEN) + edit(RESULTS, BARE_PROJECT)},
                 [CALL_BROKEN_SAYS, BARE_PROJECT_SAYS], id="totals-projects-unread"),
    pytest.param({ROUND_FILE: ROUND + TOTALS, CALL_FILE: CALL + "results: [5]\n"},
                 [f'{CALL_FILE}:7: laukā "results": jābūt laukiem formā "lauks: vērtība", nevis sarakstam'],
                 id="totals-results-unread"),
    pytest.param({ROUND_FILE: ROUND + TOTALS, CALL_FILE: CALL + RESULTS,
                  "municipalities/valmieras-novads.yml": edit(MUNICIPALITY, ("Cēsu novads", "Valmieras novads")),
                  "calls/2020-pavasaris/valmieras-novads.yml": "opens: [\n"},
                 ["calls/2020-pavasaris/valmieras-novads.yml:2:1: YAML sintakses kļūda: nepareizs YAML pieraksts; "
                  "pārbaudiet pēdiņas, kolus un atkāpes šajā rindā"], id="totals-call-file-unread"),
    pytest.param({ROUND_FILE: ROUND + TOTALS, CALL_FILE: CALL + RESULTS, "calls/2020-pavasaris/Valmieras novads.yml": CALL + RESULTS},
                 ['calls/2020-pavasaris/Valmieras novads.yml: faila nosaukums "Valmieras novads" nav derīgs identifikators: '
                  'atļauti tikai mazie latīņu burti, cipari un defise; pārdēvējiet to par "valmieras-novads"'],
                 id="totals-call-file-unlisted"),
    # Funded projects that cost more than the call's budget.
    pytest.param({CALL_FILE: edit(CALL, ON_BUDGET, CALL_BROKEN) + RESULTS}, [CALL_BROKEN_SAYS, ON_BUDGET_SAYS], id="budget+same"),
    pytest.param({CALL_FILE: edit(CALL, ON_BUDGET) + RESULTS, ROUND_FILE: edit(ROUND, ROUND_TITLE_BROKEN)},
                 [ROUND_TITLE_BROKEN_SAYS, ON_BUDGET_SAYS], id="budget+other"),
    pytest.param({CALL_FILE: edit(CALL, ON_BUDGET) + RESULTS, ROUND_FILE: edit(ROUND, ROUND_BROKEN)}, [ROUND_BROKEN_SAYS],
                 id="budget-unread"),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_a_check_between_fields_runs_whenever_its_values_were_read(mini, files, expected):
    for rel, text in files.items():
        if text is None:
            (mini.root / rel).unlink()
        else:
            mini.write(rel, text)
    assert sorted(mini.problems()) == sorted(expected)  # each message whole: file, line, field and text


def test_the_cli_lists_field_errors_and_checks_between_fields_in_one_run(tmp_path):
    """The example project with a call and its round each wrong twice over: one run says all four."""
    root = copy_project(tmp_path / "projekts")
    call = root / "calls/2020-pavasaris/cesu-novads.yml"
    call.write_text(edit(call.read_text(encoding="utf-8"), ("closes: 2020-04-30 17:00", "closes: 2020-07-30 17:00"),
                         ("  - method: post\n", "  - method: pasts\n")), encoding="utf-8")
    round_file = root / "calls/2020-pavasaris/_round.yml"
    round_file.write_text(edit(round_file.read_text(encoding="utf-8"), ("grant_amount: 4600", "grant_amount: četri tūkstoši"),
                               ("closes: 2020-06-30", "closes: 2020-01-31")), encoding="utf-8")
    done = run_konkursi("validate", "--format", "json", cwd=root)
    assert done.returncode == 1, done.stderr
    found = {(p["path"], p["line"], p["field"], p["severity"]): p["message"] for p in json.loads(done.stdout)}
    round_rel, call_rel = "calls/2020-pavasaris/_round.yml", "calls/2020-pavasaris/cesu-novads.yml"
    assert found[(round_rel, 8, "grant_amount", "error")].startswith('jābūt summai eiro')
    assert found[(round_rel, 7, "closes", "error")] == "kārtas beigas (2020. gada 31. janvāris) ir pirms sākuma (2020. gada 1. februāris)"
    assert found[(call_rel, 9, "submission[2].method", "error")].startswith('nezināma vērtība "pasts"')
    assert found[(call_rel, 3, "opens", "warning")] == (
        "konkurss (2020. gada 2. marts – 2020. gada 30. jūlijs) neiekļaujas kārtas periodā "
        "(2020. gada 1. februāris – 2020. gada 31. janvāris)")
