"""Kinds of field values: each reads the text as written in YAML and checks it.

Values are parsed from the scalar's source text, never from YAML's implicit
typing, so ``012`` stays "012" in a phone number, ``no`` is the text "no",
``17:00`` is a time and ``4600.00`` an exact amount.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..lv import plural

RIGA = ZoneInfo("Europe/Riga")


class Invalid(ValueError):
    """A value that does not fit its field; the message is Latvian."""


_ALLOWED_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
                                 "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs"})
_ALLOWED_CHARACTERS = frozenset("\t\n\r\u00ad\u200b\u200c\u200d\u2060")
"""Tab and line ends; soft hyphen, zero-width space, (non-)joiners (emoji sequences, ligatures), word joiner."""
_PLAIN = re.compile(r"[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\n]*")
"""Latin text that needs no closer look (most values): printable ASCII, Latin-1, Latin Extended."""


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be published, in Latvian; None when every character may be.

    The rule, by Unicode general category: letters (L*), marks (M*), numbers (N*), punctuation (P*),
    symbols (S*, emoji included) and spaces (Zs) are allowed, and so are tab, line ends and the
    few format characters text needs (soft hyphen, zero-width space and (non-)joiner, word joiner).
    Refused: other control and format characters (Cc, Cf: terminal escapes, bidirectional
    overrides), line and paragraph separators (Zl, Zp), surrogates (Cs), private use (Co) and
    characters not assigned in the Unicode version Python knows (Cn, noncharacters such as U+FFFF).
    """
    if _PLAIN.fullmatch(text):
        return None
    for index, char in enumerate(text, 1):
        if char in _ALLOWED_CHARACTERS or unicodedata.category(char) in _ALLOWED_CATEGORIES:
            continue
        name = unicodedata.name(char, "") if unicodedata.category(char) != "Cs" else ""
        what = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        line = text.count("\n", 0, index - 1) + 1
        at = f"vērtības {line}. rindas" if line > 1 else "vērtības"
        column = index - (text.rfind("\n", 0, index - 1) + 1)
        return (f"{at} {column}. rakstzīme {what} nav atļauta: šāda speciāla (parasti neredzama) rakstzīme netiek "
                "publicēta. Izdzēsiet to; ja to neredzat, izdzēsiet visu vērtību un uzrakstiet to no jauna (nekopējiet)")
    return None


@dataclass(frozen=True)
class Kind:
    """Base of scalar kinds."""

    def parse(self, text: str):
        raise NotImplementedError

    def json_schema(self) -> dict:
        return {"type": "string"}


SEARCH_WORD = re.compile(r"konkursi_(?:statuss|regions)_\w*", re.IGNORECASE)
"""The words the pages carry for the search to narrow by (theme/pages/_macros.md.j2, search_word): a record that
wrote one would put its call under another status or region."""


@dataclass(frozen=True)
class Text(Kind):
    """Free text; a short one (up to 300 characters: a name, a title, a role) on one line."""

    max_length: int = 5000

    def parse(self, text: str) -> str:
        value = text.strip()
        if not "".join(char for char in value if not char.isspace() and unicodedata.category(char) != "Cf"):
            raise Invalid("teksts ir tukšs; ierakstiet tekstu vai izdzēsiet lauku")
        if self.max_length <= 300 and ("\n" in value or "\r" in value):
            raise Invalid("šim tekstam jābūt vienā rindā (nosaukums, virsraksts, amats); izdzēsiet rindu pārnesumus")
        if len(value) > self.max_length:
            raise Invalid(f"teksts ir pārāk garš ({len(value)} {plural(len(value), 'rakstzīme', 'rakstzīmes')}; "
                          f"atļauts ne vairāk kā {self.max_length})")
        found = SEARCH_WORD.search(value)
        if found:
            raise Invalid(f"tekstā ir „{found.group()}”: šādus vārdus vietnes meklēšana izmanto, lai atlasītu konkursus "
                          "pēc statusa un reģiona; pārrakstiet tos citādi")
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


_TRUE = ("true", "jā", "ja")
_FALSE = ("false", "nē", "ne")


@dataclass(frozen=True)
class Bool(Kind):
    """Yes or no: ``true``/``false`` or ``jā``/``nē`` (YAML's ``yes``/``on`` are not guessed)."""

    def parse(self, text: str) -> bool:
        value = text.strip()
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise Invalid(f'jābūt "true" vai "false" (arī "jā" vai "nē"), nevis "{value}"')

    def json_schema(self) -> dict:
        return {"type": ["boolean", "string"], "enum": [True, False, "jā", "nē"]}


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number written in decimal digits (``012`` is twelve, not octal ten)."""

    minimum: int = 0

    def parse(self, text: str) -> int:
        value = text.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,9}", value):
            raise Invalid(f'jābūt veselam skaitlim, nevis "{value}"')
        number = int(value)
        if number < self.minimum:
            raise Invalid(f"skaitlim jābūt ne mazākam par {self.minimum}, nevis {number}")
        return number

    def json_schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True)
class Amount(Kind):
    """A positive amount of euro, exact to the cent (``4600``, ``4600.00``, ``4 600,50``)."""

    def parse(self, text: str) -> Decimal:
        value = text.strip()
        compact = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not re.fullmatch(r"[+-]?\d{1,12}(\.\d{1,2})?", compact):
            raise Invalid(f'jābūt summai eiro (piemēram, 4600 vai 4600.50), nevis "{value}"')
        try:
            amount = Decimal(compact)
        except InvalidOperation:  # pragma: no cover - the pattern above rules it out
            raise Invalid(f'jābūt summai eiro, nevis "{value}"') from None
        if amount <= 0:
            raise Invalid(f"summai jābūt lielākai par nulli, nevis {value}")
        return amount

    def json_schema(self) -> dict:
        return {"type": ["number", "string"], "exclusiveMinimum": 0, "pattern": r"^\d[\d  ]*([.,]\d{1,2})?$"}


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_LV_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?", re.ASCII)


def _parse_date(value: str) -> dt.date:
    match = _ISO_DATE.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _LV_DATE.fullmatch(value)
        if not match:
            raise Invalid(f'jābūt datumam formā GGGG-MM-DD (piemēram, 2020-03-02), nevis "{value}"')
        day, month, year = (int(part) for part in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise Invalid(f"datums {value} neeksistē") from None
    check_year(date.year, value)
    return date


MIN_YEAR, MAX_YEAR = 1991, 2099
"""Dates konkursi accepts: Riga's time zone rules are those of today's Latvia from 1991 on
(earlier ones give offsets such as +01:36:34 that RFC 3339 cannot write); gzip headers
(sitemap.xml.gz) hold seconds since 1970 in 32 bits, until 2106."""


def check_year(year: int, written: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(f"datumam {written} jābūt no {MIN_YEAR}. līdz {MAX_YEAR}. gadam")


@dataclass(frozen=True)
class Date(Kind):
    """A calendar date: ``2020-03-02`` (or ``02.03.2020``)."""

    def parse(self, text: str) -> dt.date:
        return _parse_date(text.strip())

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}\.?)$"}


_DATETIME = re.compile(
    r"(?P<date>[\d.-]+?)(?:[ T]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?", re.ASCII
)


@dataclass(frozen=True)
class DateTime(Kind):
    """A date and time in Riga: ``2020-04-15 17:00``; a date alone means ``default_time``."""

    default_time: dt.time = dt.time(0, 0)

    def parse(self, text: str) -> dt.datetime:
        value = text.strip()
        match = _DATETIME.fullmatch(value)
        if not match:
            raise Invalid(f'jābūt datumam un laikam formā GGGG-MM-DD SS:MM (piemēram, 2020-04-15 17:00), nevis "{value}"')
        date = _parse_date(match["date"])
        if match["hour"] is None:
            return riga_time(date, self.default_time, value, DayOnly)
        try:
            time = dt.time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
        except ValueError:
            raise Invalid(f"laiks {value} neeksistē") from None
        return riga_time(date, time, value)

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^[\d.-]+([ T]+\d{1,2}[:.]\d{2}(:\d{2})?)?$"}


class DayOnly(dt.datetime):
    """A moment written as a date alone: its time is the field's default, and texts show the date alone."""

    day_only = True


def riga_time(date: dt.date, time: dt.time, written: str = "", kind: type = dt.datetime) -> dt.datetime:
    """Combine a date and wall-clock time in Riga, refusing times the clock skips or repeats."""
    local = kind.combine(date, time, tzinfo=RIGA)
    written = written or local.strftime("%Y-%m-%d %H:%M")
    round_trip = local.astimezone(dt.timezone.utc).astimezone(RIGA)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise Invalid(
            f"laiks {written} Rīgā neeksistē: tonakt pulkstenis tiek pagriezts "
            "no 03.00 uz 04.00 (vasaras laiks); norādiet citu laiku"
        )
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        raise Invalid(
            f"laiks {written} Rīgā atkārtojas divreiz: tonakt pulksteni pagriež stundu atpakaļ no 04.00 uz 03.00 "
            "(pāreja uz ziemas laiku), tāpēc nav skaidrs, kurš brīdis domāts; norādiet citu laiku, piemēram, 02.59 vai 04.00"
        )
    return local


_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


@dataclass(frozen=True)
class Email(Kind):
    """A work e-mail address: ``vards.uzvards@iestade.lv``."""

    def parse(self, text: str) -> str:
        value = text.strip()
        if not _EMAIL.fullmatch(value) or len(value) > 254:
            raise Invalid(f'"{value}" nav derīga e-pasta adrese (piemēram, vards.uzvards@novads.lv)')
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "format": "email"}


@dataclass(frozen=True)
class Phone(Kind):
    """A phone number: 8 Latvian digits (``28638431``) or ``+`` and a country code; kept as +371…"""

    def parse(self, text: str) -> str:
        value = text.strip()
        digits = re.sub(r"[\s()-]", "", value)
        if re.fullmatch(r"(\+371|00371)?[2-9]\d{7}", digits):
            return "+371" + digits[-8:]
        if re.fullmatch(r"\+(?!371)[1-9]\d{6,14}", digits):
            return digits
        raise Invalid(
            f'tālruņa numurs "{value}" nav derīgs: jābūt 8 cipariem (piemēram, 28638431) '
            "vai numuram ar valsts kodu (piemēram, +371 28638431)"
        )

    def json_schema(self) -> dict:
        return {"type": ["string", "integer"], "pattern": r"^[+\d][\d\s()-]{6,20}$"}


LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
"""Image files a logo may be: every browser shows them."""
_SAFE_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
"""A path that needs no escaping in a URL or an HTML attribute."""


@dataclass(frozen=True)
class ImagePath(Kind):
    """An image in the docs dir, by its path there: ``logotipi/ikvd.svg``."""

    def parse(self, text: str) -> str:
        path = text.strip()
        parts = path.split("/")
        if path.startswith("/") or "\\" in path or ":" in path or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
            raise Invalid(f'"{path}" nav faila ceļš mapē content/ (piemēram, logotipi/ikvd.svg): bez „..”, sākuma „/”, apgrieztām slīpsvītrām un slēptām mapēm')
        if not _SAFE_PATH.fullmatch(path):
            raise Invalid(f'"{path}" satur rakstzīmes, kas adresē nav droši lietojamas: faila un mapju nosaukumos lietojiet tikai latīņu burtus, ciparus, „-”, „_” un „.”')
        if not path.lower().endswith(LOGO_TYPES):
            raise Invalid(f'"{path}" nav attēls, ko rāda visas pārlūkprogrammas: lietojiet SVG, PNG, JPG vai WEBP failu')
        return path

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": "^" + _SAFE_PATH.pattern + "$"}


@dataclass(frozen=True)
class Url(Kind):
    """A web address that starts with ``https://`` or ``http://``."""

    def parse(self, text: str) -> str:
        value = text.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
            raise Invalid(f'"{value}" nav derīga tīmekļa adrese: tai jāsākas ar https:// vai http://')
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of codes; ``options`` maps each code to its Latvian meaning."""

    options: tuple[tuple[str, str], ...] = ()

    def parse(self, text: str) -> str:
        value = text.strip()
        codes = [code for code, _ in self.options]
        if value in codes:
            return value
        listed = ", ".join(f'"{code}" ({label})' for code, label in self.options)
        raise Invalid(f'nezināma vērtība "{value}"; atļautās: {listed}')

    def json_schema(self) -> dict:
        return {"type": "string", "enum": [code for code, _ in self.options]}


_FORMULA_START = re.compile(r"^(?![+]\d[\d ]*$)[=+\-@\t\r]")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a leading = + - @ (or tab, CR) gets an apostrophe.

    A phone number ("+371 28638431") stays as written: a spreadsheet may read it as a number,
    but it cannot call anything.
    """
    return _FORMULA_START.sub(lambda match: "'" + match.group(0), text)
