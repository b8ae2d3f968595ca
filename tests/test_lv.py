"""Latvian dates, numbers, plural agreement and alphabetical order."""

import datetime as dt
from decimal import Decimal

import pytest

from konkursi.lv import eur, lv_date, lv_datetime, lv_sorted, phone, plural
from konkursi.records.values import RIGA


def test_dates_as_latvian_texts_write_them():
    assert lv_date(dt.date(2020, 3, 2), "nominative") == "2020. gada 2. marts"
    assert lv_date(dt.date(2022, 12, 31), "dative") == "2022. gada 31. decembrim"
    assert lv_date(dt.date(2020, 4, 27), "genitive") == "2020. gada 27. aprīļa"
    assert lv_date(dt.date(2020, 4, 8), "locative") == "2020. gada 8. aprīlī"


@pytest.mark.parametrize("month, dative", [(1, "janvārim"), (2, "februārim"), (3, "martam"), (4, "aprīlim"),
                                            (5, "maijam"), (6, "jūnijam"), (7, "jūlijam"), (8, "augustam"),
                                            (9, "septembrim"), (10, "oktobrim"), (11, "novembrim"), (12, "decembrim")])
def test_every_month_has_its_dative(month, dative):
    assert lv_date(dt.date(2020, month, 1), "dative") == f"2020. gada 1. {dative}"


def test_times_use_a_dot_and_riga_time():
    moment = dt.datetime(2020, 4, 15, 17, 0, tzinfo=RIGA)
    assert lv_datetime(moment, "dative") == "2020. gada 15. aprīlim plkst. 17.00"


def test_amounts():
    assert eur(4600) == "4600 eiro"
    assert eur(Decimal("4600.00")) == "4600 eiro"
    assert eur(Decimal("4600.5")) == "4600,50 eiro"
    assert eur(15000) == "15\u00a0000 eiro"


@pytest.mark.parametrize("count, word", [(0, "projekti"), (1, "projekts"), (2, "projekti"), (10, "projekti"),
                                          (11, "projekti"), (21, "projekts"), (36, "projekti"), (78, "projekti"),
                                          (97, "projekti"), (101, "projekts"), (111, "projekti")])
def test_plural_agrees_with_the_number(count, word):
    assert plural(count, "projekts", "projekti") == word


def test_phone_display():
    assert phone("+37128638431") == "+371 28638431"


def test_latvian_alphabetical_order_not_code_points():
    names = ["Ķekavas novads", "Kuldīgas novads", "Ādažu novads", "Augšdaugavas novads", "Jēkabpils novads",
             "Jelgavas novads", "Zilupes novads", "Čaka iela", "Cēsu novads", "Žīguri", "Saldus novads", "Šķēde"]
    assert lv_sorted(names) == ["Augšdaugavas novads", "Ādažu novads", "Cēsu novads", "Čaka iela", "Jelgavas novads",
                                "Jēkabpils novads", "Kuldīgas novads", "Ķekavas novads", "Saldus novads", "Šķēde",
                                "Zilupes novads", "Žīguri"]
    assert sorted(names) != lv_sorted(names)
