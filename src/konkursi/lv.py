"""Latvian formatting: dates, times, amounts, plural forms and alphabetical order."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time, get_month_names
from babel.numbers import format_decimal

LOCALE = Locale("lv")

# CLDR has only the nominative month names for Latvian ("marts"); phrases like
# "līdz 2020. gada 15. aprīlim" (dative), "no 2. marta" (genitive) and
# "martā" (locative) need the other cases, so they come from this one table.
MONTH_CASES: dict[int, dict[str, str]] = {
    1: {"genitive": "janvāra", "dative": "janvārim", "locative": "janvārī"},
    2: {"genitive": "februāra", "dative": "februārim", "locative": "februārī"},
    3: {"genitive": "marta", "dative": "martam", "locative": "martā"},
    4: {"genitive": "aprīļa", "dative": "aprīlim", "locative": "aprīlī"},
    5: {"genitive": "maija", "dative": "maijam", "locative": "maijā"},
    6: {"genitive": "jūnija", "dative": "jūnijam", "locative": "jūnijā"},
    7: {"genitive": "jūlija", "dative": "jūlijam", "locative": "jūlijā"},
    8: {"genitive": "augusta", "dative": "augustam", "locative": "augustā"},
    9: {"genitive": "septembra", "dative": "septembrim", "locative": "septembrī"},
    10: {"genitive": "oktobra", "dative": "oktobrim", "locative": "oktobrī"},
    11: {"genitive": "novembra", "dative": "novembrim", "locative": "novembrī"},
    12: {"genitive": "decembra", "dative": "decembrim", "locative": "decembrī"},
}

# Round titles name a season ("2018. gada rudens"); "izsludināti 2018. gada
# rudenī" needs its locative, which CLDR does not have either.
SEASON_CASES: dict[str, dict[str, str]] = {
    "pavasaris": {"genitive": "pavasara", "dative": "pavasarim", "locative": "pavasarī"},
    "vasara": {"genitive": "vasaras", "dative": "vasarai", "locative": "vasarā"},
    "rudens": {"genitive": "rudens", "dative": "rudenim", "locative": "rudenī"},
    "ziema": {"genitive": "ziemas", "dative": "ziemai", "locative": "ziemā"},
}

CASES = ("nominative", "genitive", "dative", "locative")

# The official 33-letter Latvian alphabet; each letter with a diacritic is a
# letter of its own.  Q, W, X and Y (foreign names) sit where the Latin
# alphabet puts them.
ALPHABET = "aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def lv_date(value: dt.date | dt.datetime, case: str) -> str:
    """Format a date the Latvian way in the case its sentence needs: "2020. gada 2. marts" (a dateline),
    "no 2. marta", "līdz 2. martam", "beidzās 2. martā". There is no default: every slot names its case."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if case == "nominative":
        return _long_date(value.year, value.month, value.day)
    if case not in CASES:
        raise ValueError(f"unknown grammatical case: {case}")
    return f"{value.year}. gada {value.day}. {MONTH_CASES[value.month][case]}"


# Babel formats a date in tens of microseconds and a site prints the same few
# hundred dates, times and amounts thousands of times: each is formatted once.
@lru_cache(maxsize=4096)
def _long_date(year: int, month: int, day: int) -> str:
    return format_date(dt.date(year, month, day), "long", locale=LOCALE)


def lv_month(month: int, case: str) -> str:
    """A month's name alone: "marts" (CLDR), "no marta", "līdz martam", "martā" (table)."""
    if case == "nominative":
        return get_month_names("wide", "stand-alone", locale=LOCALE)[month]
    if case not in CASES:
        raise ValueError(f"unknown grammatical case: {case}")
    return MONTH_CASES[month][case]


def lv_period(title: str, case: str) -> str | None:
    """A round title ending in a season in another case ("2018. gada rudenī"), or None."""
    head, _, last = title.strip().rpartition(" ")
    forms = SEASON_CASES.get(last.casefold())
    if forms is None or case not in forms:
        return None
    return f"{head} {forms[case]}".strip()


def lv_time(value: dt.datetime | dt.time) -> str:
    """Format a time as Latvian official texts write it: "17.00"."""
    # With no tzinfo given, Babel formats the value's own wall-clock time: hour and minute are all it reads.
    return _time(value.hour, value.minute)


@lru_cache(maxsize=2048)
def _time(hour: int, minute: int) -> str:
    return format_time(dt.time(hour, minute), "H.mm", locale=LOCALE)


def lv_datetime(value: dt.datetime, case: str) -> str:
    """Format a date and time in the given case: "līdz 2020. gada 15. aprīlim plkst. 17.00".

    A moment written as a date alone (``values.DayOnly``) is shown as the date alone: its time is
    a default ("plkst. 00.00", "plkst. 23.59") no one wrote.
    """
    if getattr(value, "day_only", False):
        return lv_date(value, case)
    return f"{lv_date(value, case)} plkst. {lv_time(value)}"


def lv_number(value: int | Decimal | float) -> str:
    """Format a number: "4600", "15 000", "4600,50".

    Latvian usage (and the programme's own press releases) writes four-digit
    numbers without a space, so grouping starts at five digits.
    """
    group = abs(value) >= 10000
    if isinstance(value, int) or Decimal(value) == Decimal(value).to_integral_value():
        return _whole_number(int(value), group)
    return format_decimal(value, format="#,##0.00", locale=LOCALE, group_separator=group)


@lru_cache(maxsize=4096)
def _whole_number(value: int, group: bool) -> str:
    return format_decimal(value, format="#,##0", locale=LOCALE, group_separator=group)


def eur(value: int | Decimal) -> str:
    """Format an amount in euro as Latvian texts do: "4600 eiro"."""
    return f"{lv_number(value)} eiro"


def phone(value: str) -> str:
    """Show a normalised phone number readably: "+371 28638431"."""
    if value.startswith("+371") and len(value) == 12:
        return f"+371 {value[4:]}"
    return value


def phone_national(value: str) -> str:
    """A Latvian number as Latvian readers dial it ("28638431"); others stay international."""
    if value.startswith("+371") and len(value) == 12:
        return value[4:]
    return phone(value)


def plural_category(count: int) -> str:
    """CLDR plural category of a count in Latvian: "zero", "one" or "other"."""
    if type(count) is int:
        return _int_plural_category(abs(count))
    # A Decimal's visible fraction digits ("1.0") can change the category: not cached.
    return LOCALE.plural_form(abs(count))


@lru_cache(maxsize=4096)
def _int_plural_category(count: int) -> str:
    return LOCALE.plural_form(count)


def plural(count: int, one: str, other: str) -> str:
    """Pick the word form that agrees with ``count``.

    CLDR's Latvian ``one`` (1, 21, 31, … but not 11) takes the singular; its
    ``zero`` (0, 10–20, 30, …, 111 …) takes the same plural form as ``other``
    ("0 projekti", "11 projekti", "tika apstiprināti"): CLDR keeps ``zero``
    apart only because some words have a distinct form there, and the words
    konkursi agrees with numbers have none, so ``zero`` is merged into the plural.
    """
    return one if plural_category(count) == "one" else other


def sort_key(text: str) -> tuple:
    """Key that orders strings by the Latvian alphabet, not by code point."""
    folded = text.casefold()
    primary = tuple(_letter_rank(ch) for ch in folded if ch.isalnum())
    return (primary, folded, text)


def _letter_rank(ch: str) -> int:
    digit = unicodedata.digit(ch, None)  # 0–9 in any script, ² and ① too; "½" and "Ⅻ" are letters' kin
    if digit is not None:
        return digit - 10  # digits before letters
    return _RANK.get(ch, len(ALPHABET) + ord(ch))


def lv_sorted(items, key=lambda item: item):
    """Return ``items`` sorted in Latvian alphabetical order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))


# A place name's case forms, by the ending of its last word (the head: "novads", "pilsēta",
# "Rīga"); the words before it are in the genitive already ("Jēkabpils novads" → "Jēkabpils
# novadā"). Declensions: 6th (…pils), 4th (-a), 5th (-e), 1st (-s after a consonant), and the
# plural of the 1st (-i). An ending not listed ("-is", "-us", "-š", a word of another language)
# gives no forms rather than a guess.
_NAME_DECLENSIONS = (
    ("pils", {"genitive": "pils", "dative": "pilij", "locative": "pilī"}),
    ("a", {"genitive": "as", "dative": "ai", "locative": "ā"}),
    ("e", {"genitive": "es", "dative": "ei", "locative": "ē"}),
    ("s", {"genitive": "a", "dative": "am", "locative": "ā"}),
    ("i", {"genitive": "u", "dative": "iem", "locative": "os"}),
)
_VOWELS = set("aāeēiīoōuū")


def name_cases(name: str) -> dict[str, str]:
    """The genitive, dative and locative of a place name ("Rēzeknes novads" → "Rēzeknes novadā"); empty when unknown.

    Search indexes them, so that "Rēzeknes novadā" or "Rīgā" finds the municipality's pages.
    """
    head, space, last = name.rpartition(" ")
    lower = last.casefold()
    for ending, forms in _NAME_DECLENSIONS:
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < 2:
            continue
        if ending == "s" and stem[-1] in _VOWELS | {"i", "u"}:
            return {}  # "-as", "-es", "-is", "-us": a plural or another declension, not told apart by the ending
        word = last[: len(last) - len(ending)]
        return {case: f"{head}{space}{word}{suffix}" for case, suffix in forms.items()}
    return {}
