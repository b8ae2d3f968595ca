"""Latvian agreement of numbers (CLDR plural rules via Babel) and the case table for months."""

from __future__ import annotations

import datetime as dt

import pytest

from konkursi import lv

# n, CLDR category for Latvian, "N projekts/projekti", verb, "N pašvaldībā/pašvaldībās"
AGREEMENT = [
    (0, "zero", "0 projekti", "tika apstiprināti", "0 pašvaldībās"),
    (1, "one", "1 projekts", "tika apstiprināts", "1 pašvaldībā"),
    (2, "other", "2 projekti", "tika apstiprināti", "2 pašvaldībās"),
    (10, "zero", "10 projekti", "tika apstiprināti", "10 pašvaldībās"),
    (11, "zero", "11 projekti", "tika apstiprināti", "11 pašvaldībās"),
    (21, "one", "21 projekts", "tika apstiprināts", "21 pašvaldībā"),
    (36, "other", "36 projekti", "tika apstiprināti", "36 pašvaldībās"),
    (78, "other", "78 projekti", "tika apstiprināti", "78 pašvaldībās"),
    (97, "other", "97 projekti", "tika apstiprināti", "97 pašvaldībās"),
]


@pytest.mark.parametrize(("n", "category", "projects", "verb", "places"), AGREEMENT)
def test_numbers_take_the_form_cldr_gives_them(n, category, projects, verb, places):
    assert lv.plural_category(n) == category
    assert f"{lv.lv_number(n)} {lv.plural(n, 'projekts', 'projekti')}" == projects
    assert lv.plural(n, "tika apstiprināts", "tika apstiprināti") == verb
    assert f"{n} {lv.plural(n, 'pašvaldībā', 'pašvaldībās')}" == places


def test_zero_category_takes_the_plural_form():
    # CLDR's "zero" (0, 10–20, 30 …) has no form of its own in konkursi: it reads as the plural.
    for n in (0, 10, 11, 19, 20, 30, 100, 111):
        assert lv.plural_category(n) == "zero"
        assert lv.plural(n, "projekts", "projekti") == "projekti"
    for n in (31, 101, 121):
        assert lv.plural(n, "projekts", "projekti") == "projekts"


def test_dates_in_every_case():
    assert lv.lv_date(dt.date(2020, 3, 2), "nominative") == "2020. gada 2. marts"  # Babel (CLDR)
    assert lv.lv_date(dt.date(2022, 12, 31), "dative") == "2022. gada 31. decembrim"
    assert lv.lv_date(dt.date(2020, 4, 6), "genitive") == "2020. gada 6. aprīļa"
    assert lv.lv_date(dt.date(2020, 3, 2), "locative") == "2020. gada 2. martā"
    with pytest.raises(ValueError):
        lv.lv_date(dt.date(2020, 3, 2), "vocative")


def test_month_table_covers_every_month_that_cldr_names():
    nominatives = [lv.lv_month(month, "nominative") for month in range(1, 13)]
    assert nominatives == [
        "janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs",
        "jūlijs", "augusts", "septembris", "oktobris", "novembris", "decembris",
    ]
    assert sorted(lv.MONTH_CASES) == list(range(1, 13))
    for month, forms in lv.MONTH_CASES.items():
        assert set(forms) == {"genitive", "dative", "locative"}
        # Second-declension months ("-is") soften l → ļ in the genitive only ("aprīļa").
        stem = forms["dative"][: -len("im") if forms["dative"].endswith("im") else -len("am")]
        assert forms["locative"] in (stem + "ī", stem + "ā")
    assert lv.lv_month(2, "genitive") == "februāra" and lv.lv_month(5, "dative") == "maijam"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2018. gada rudens", "2018. gada rudenī"),
        ("2019. gada pavasaris", "2019. gada pavasarī"),
        ("2021. gada vasara", "2021. gada vasarā"),
        ("2022. gada ziema", "2022. gada ziemā"),
        ("Ārkārtas kārta", None),
    ],
)
def test_round_titles_in_the_locative(title, expected):
    assert lv.lv_period(title, "locative") == expected


def test_phone_as_latvian_readers_dial_it():
    assert lv.phone_national("+37128638431") == "28638431"
    assert lv.phone_national("+4915112345678") == "+4915112345678"
