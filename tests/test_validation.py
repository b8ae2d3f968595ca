"""Every mistake an editor can make gets one clear Latvian message with file, line and field."""

from __future__ import annotations

from decimal import Decimal

from conftest import CALL, MUNICIPALITY, ROUND

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
RESULTS = """\
results:
  applications: 5
  projects:
    - {title: Plāns X, implementer: Biedrība A, starts: 2020-06-01, ends: 2020-07-01}
    - {title: reStarts, implementer: Biedrība B, starts: 2020-06-01, ends: 2020-07-01}
"""


def test_valid_project_has_no_problems(mini):
    assert mini.problems() == []


def test_yaml_syntax_error_names_line_and_column(mini):
    mini.write(CALL_FILE, "opens: 2020-03-02 09:00\ncloses: a: b\n")
    assert mini.problems() == [
        f"{CALL_FILE}:2:10: YAML sintakses kļūda: šeit nedrīkst būt kols; ja vērtībā ir kols, ielieciet visu vērtību pēdiņās"
    ]


def test_unclosed_bracket_is_explained(mini):
    mini.write(CALL_FILE, "opens: 2020-03-02 09:00\ncloses: [2020\nquota: 3\n")
    assert mini.problems() == [
        f"{CALL_FILE}:3:6: YAML sintakses kļūda: nav aizvērta kvadrātiekava [ vai starp vērtībām trūkst komata"
    ]


def test_misspelt_field_suggests_the_close_match(mini):
    mini.write(CALL_FILE, CALL.replace("closes:", "clses:"))
    assert mini.problems() == [f'{CALL_FILE}:2: laukā "clses": nezināms lauks; vai domājāt "closes"?']


def test_unknown_field_without_close_match_lists_allowed_fields(mini):
    mini.write(CALL_FILE, CALL + "krāsa: zila\n")
    [message] = mini.problems()
    assert message.startswith(f'{CALL_FILE}:7: laukā "krāsa": nezināms lauks; atļautie lauki: opens, closes, previous_closes, quota')


def test_missing_required_field(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00\n", ""))
    assert mini.problems() == [
        f'{CALL_FILE}:1: laukā "closes": trūkst obligātā lauka (Pieteikšanās beigas (Rīgas laiks), piemēram, 2020-04-15 17:00)'
    ]


def test_empty_required_value(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes:"))
    assert mini.problems() == [
        f'{CALL_FILE}:2: laukā "closes": vērtība ir tukša (Pieteikšanās beigas (Rīgas laiks), piemēram, 2020-04-15 17:00)'
    ]


def test_wrong_types_are_all_reported(mini):
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: trīs").replace("opens: 2020-03-02 09:00", "opens: [1, 2]"))
    assert mini.problems() == [
        f'{CALL_FILE}:1: laukā "opens": jābūt vienai vērtībai, nevis sarakstam',
        f'{CALL_FILE}:3: laukā "quota": jābūt veselam skaitlim, nevis "trīs"',
    ]


def test_impossible_date(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-02-30 17:00"))
    assert mini.problems() == [f'{CALL_FILE}:2: laukā "closes": datums 2020-02-30 neeksistē']


def test_time_skipped_by_the_spring_clock_change(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-03-29 03:30"))
    assert mini.problems() == [
        f'{CALL_FILE}:2: laukā "closes": laiks 2020-03-29 03:30 Rīgā neeksistē: tonakt pulkstenis tiek pagriezts '
        "no 03.00 uz 04.00 (vasaras laiks); norādiet citu laiku"
    ]


def test_closing_before_opening(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-03-01 17:00"))
    assert mini.problems() == [
        f'{CALL_FILE}:2: laukā "closes": pieteikšanās beigas (2020. gada 1. marts plkst. 17.00) '
        "nav pēc sākuma (2020. gada 2. marts plkst. 9.00)"
    ]


def test_call_outside_round_period_is_only_a_warning(mini):
    mini.write(CALL_FILE, CALL.replace("closes: 2020-04-15 17:00", "closes: 2020-07-15 17:00"))
    assert mini.problems() == [
        f'{CALL_FILE}:1: brīdinājums: laukā "opens": konkurss (2020. gada 2. marts – 2020. gada 15. jūlijs) '
        "neiekļaujas kārtas periodā (2020. gada 1. februāris – 2020. gada 30. jūnijs)"
    ]


def test_unknown_municipality_suggests_the_close_match(mini):
    (mini.root / CALL_FILE).rename(mini.root / "calls/2020-pavasaris/cesu-novad.yml")
    assert mini.problems() == [
        'calls/2020-pavasaris/cesu-novad.yml: nezināma pašvaldība "cesu-novad": mapē municipalities/ '
        'nav faila cesu-novad.yml; vai domājāt "cesu-novads"?'
    ]


def test_unknown_round(mini):
    mini.write("calls/2021-pavasaris/cesu-novads.yml", CALL)
    assert mini.problems() == [
        "calls/2021-pavasaris/: nav kārtas apraksta faila _round.yml, tāpēc šīs mapes konkursus nevar publicēt"
    ]


def test_duplicate_ids_from_two_files(mini):
    mini.write("calls/2020-pavasaris/cesu-novads.yaml", CALL)
    assert mini.problems() == [
        f'{CALL_FILE}: identifikators "cesu-novads" jau ir aizņemts ar failu calls/2020-pavasaris/cesu-novads.yaml'
    ]


def test_duplicate_key_in_one_file(mini):
    mini.write(CALL_FILE, CALL + "quota: 4\n")
    assert mini.problems() == [f'{CALL_FILE}:7: laukā "quota": lauks norādīts divreiz (pirmoreiz 3. rindā)']


def test_two_names_that_slugify_alike(mini):
    mini.write("municipalities/cesu-novads-2.yml", MUNICIPALITY.replace("Cēsu novads", "Cesu novads"))
    assert mini.problems() == [
        'municipalities/cesu-novads.yml:1: laukā "name": nosaukums "Cēsu novads" sakrīt ar "Cesu novads" '
        '(municipalities/cesu-novads-2.yml): abi veido vienu identifikatoru "cesu-novads"'
    ]


def test_duplicate_round_number(mini):
    mini.write("calls/2020-rudens/_round.yml", ROUND.replace("pavasaris", "rudens"))
    assert mini.problems() == [
        'calls/2020-rudens/_round.yml:1: laukā "number": kārtas numurs 3 jau ir kārtai calls/2020-pavasaris/_round.yml'
    ]


def test_file_name_that_is_not_a_slug(mini):
    mini.write("municipalities/Cēsu novads.yml", MUNICIPALITY)
    assert mini.problems() == [
        'municipalities/Cēsu novads.yml: faila nosaukums "Cēsu novads" nav derīgs identifikators: atļauti tikai '
        'mazie latīņu burti, cipari un defise; pārdēvējiet to par "cesu-novads"'
    ]


def test_malformed_email_phone_and_url_without_follow_on_errors(mini):
    bad = (
        MUNICIPALITY.replace("ilze@cesu-novads.example", "ilze at cesu")
        .replace('"20000001"', '"12345"')
        .replace("https://www.cesis.lv", "www.cesis.lv")
    )
    mini.write("municipalities/cesu-novads.yml", bad)
    assert mini.problems() == [
        'municipalities/cesu-novads.yml:3: laukā "website": "www.cesis.lv" nav derīga tīmekļa adrese: '
        "tai jāsākas ar https:// vai http://",
        'municipalities/cesu-novads.yml:6: laukā "contacts[1].email": "ilze at cesu" nav derīga e-pasta adrese '
        "(piemēram, vards.uzvards@novads.lv)",
        'municipalities/cesu-novads.yml:7: laukā "contacts[1].phone": tālruņa numurs "12345" nav derīgs: '
        "jābūt 8 cipariem (piemēram, 28638431) vai numuram ar valsts kodu (piemēram, +371 28638431)",
    ]


def test_javascript_url_is_rejected(mini):
    mini.write(CALL_FILE, CALL + "documents:\n  - title: Nolikums\n    url: javascript:alert(1)\n")
    assert mini.problems() == [
        f'{CALL_FILE}:9: laukā "documents[1].url": "javascript:alert(1)" nav derīga tīmekļa adrese: '
        "tai jāsākas ar https:// vai http://"
    ]


def test_submission_address_must_fit_its_method(mini):
    mini.write(CALL_FILE, CALL.replace("address: pieteikumi@cesu-novads.example", "address: Raunas iela 4, Cēsis"))
    assert mini.problems() == [
        f'{CALL_FILE}:6: laukā "submission[1].address": "Raunas iela 4, Cēsis" nav derīga e-pasta adrese '
        "(piemēram, vards.uzvards@novads.lv)"
    ]


def test_non_positive_amount(mini):
    mini.write(ROUND_FILE, ROUND.replace("grant_amount: 4600", "grant_amount: 0"))
    assert mini.problems() == [f'{ROUND_FILE}:5: laukā "grant_amount": summai jābūt lielākai par nulli, nevis 0']


def test_neither_quota_nor_budget(mini):
    mini.write(CALL_FILE, CALL.replace("quota: 3\n", ""))
    assert mini.problems() == [
        f'{CALL_FILE}:1: laukā "quota": jānorāda kvota (quota – projektu skaits) vai kopējais finansējums (budget – summa eiro)'
    ]


def test_more_funded_projects_than_quota(mini):
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 1") + RESULTS)
    assert mini.problems() == [f'{CALL_FILE}:9: laukā "results.projects": atbalstīti 2 projekti, bet kvota ir 1']


def test_fewer_applications_than_funded_projects(mini):
    mini.write(CALL_FILE, CALL + RESULTS.replace("applications: 5", "applications: 1"))
    assert mini.problems() == [
        f'{CALL_FILE}:8: laukā "results.applications": saņemts 1 pieteikums, bet atbalstīti 2 projekti'
    ]


def test_round_totals_that_disagree_with_call_results(mini):
    mini.write(ROUND_FILE, ROUND + "totals:\n  projects: 5\n  municipalities: 1\n")
    mini.write(CALL_FILE, CALL + RESULTS)
    assert mini.problems() == [
        f'{ROUND_FILE}:7: laukā "totals.projects": norādīti 5, bet konkursu rezultātos kopā atbalstīti 2 projekti'
    ]


def test_empty_file(mini):
    mini.write(CALL_FILE, "# tikai komentārs\n\n")
    assert mini.problems() == [f"{CALL_FILE}: fails ir tukšs"]


def test_file_not_in_utf8(mini):
    mini.write(CALL_FILE, "opens: 2020-03-02 09:00\nnote: Cēsis\n".encode("cp1257"))
    assert mini.problems() == [
        f"{CALL_FILE}:2: fails nav UTF-8 kodējumā; saglabājiet to kā UTF-8 (bez BOM vai ar to)"
    ]


def test_python_object_tag_is_refused_not_executed(mini, tmp_path):
    marker = tmp_path / "izpildīts"
    mini.write(CALL_FILE, CALL + f"note: !!python/object/apply:os.system ['touch {marker}']\n")
    [message] = mini.problems()
    assert message.startswith(f'{CALL_FILE}:7: laukā "note": YAML tags "tag:yaml.org,2002:python/object/apply:os.system"')
    assert not marker.exists()


def test_alias_expansion_is_bounded(mini):
    aliases = ", ".join(["*c"] * 8000)
    mini.write("municipalities/cesu-novads.yml", f"name: Cēsu novads\nregion: vidzeme\ncontacts: [&c {{name: A, email: a@b.lv}}, {aliases}]\n")
    assert mini.problems() == [
        'municipalities/cesu-novads.yml:3: fails ir pārāk liels vai satur pārāk daudz atsauču (&/*): vairāk nekā 20000 vērtību'
    ]


def test_every_problem_of_every_file_is_listed_at_once(mini):
    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: -1"))
    mini.write("municipalities/cesu-novads.yml", MUNICIPALITY.replace("region: vidzeme", "region: vidzme"))
    mini.write(ROUND_FILE, ROUND.replace("opens: 2020-02-01", "opens: 2020-13-01"))
    assert mini.problems() == [
        f'{ROUND_FILE}:3: laukā "opens": datums 2020-13-01 neeksistē',
        f'{CALL_FILE}:3: laukā "quota": skaitlim jābūt ne mazākam par 1, nevis -1',
        'municipalities/cesu-novads.yml:2: laukā "region": nezināma vērtība "vidzme"; atļautās: "kurzeme" '
        '(Kurzemes plānošanas reģions), "latgale" (Latgales plānošanas reģions), "riga" (Rīgas plānošanas reģions), '
        '"vidzeme" (Vidzemes plānošanas reģions), "zemgale" (Zemgales plānošanas reģions)',
    ]


def test_implicit_yaml_typing_does_not_change_values(mini):
    from konkursi.project import Project, validate

    mini.write(CALL_FILE, CALL.replace("quota: 3", "quota: 012") + "note: no\n")
    mini.write("municipalities/cesu-novads.yml", MUNICIPALITY.replace('phone: "20000001"', "phone: 28638431"))
    mini.write(ROUND_FILE, ROUND.replace("grant_amount: 4600", "grant_amount: 4600.00"))
    records, warnings = validate(Project.at(mini.root))
    [call] = records.calls
    assert call.quota == 12  # decimal, not YAML 1.1 octal (10)
    assert call.note == "no"  # not False
    assert records.municipalities["cesu-novads"].contacts[0].phone == "+37128638431"
    assert records.rounds["2020-pavasaris"].grant_amount == Decimal("4600.00")
    assert call.closes.hour == 17 and call.closes.minute == 0  # "17:00" is a time, not 1020 minutes
    assert warnings == []
