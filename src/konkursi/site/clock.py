"""The build's "now": fixed for reproducible builds, else the current time in Riga."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from ..records.values import MAX_YEAR, MIN_YEAR, RIGA, DateTime, Invalid, check_year

NOW_VARIABLE = "KONKURSI_NOW"


class ClockError(ValueError):
    """A "now" setting that cannot be read; the message is Latvian."""

    def __init__(self, message: str, origin: str = "now", reason: str = ""):
        super().__init__(message)
        self.origin = origin
        """Where the setting is: ``now`` (mkdocs.yml), ``--now`` or an environment variable's name."""
        self.reason = reason or message
        """What is wrong, without where."""


def resolve_now(configured: str | None = None, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The moment statuses are computed for, aware and in Europe/Riga.

    In order of precedence: ``KONKURSI_NOW`` (set by ``konkursi --now``), the
    configured value, ``SOURCE_DATE_EPOCH`` (reproducible builds), the clock.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    from_epoch = epoch_now(epoch) if epoch else None  # checked even when unused here: MkDocs reads it too
    fixed = fixed_now(configured, environ)
    return fixed or from_epoch or dt.datetime.now(RIGA)


def epoch_now(epoch: str) -> dt.datetime:
    """The moment ``SOURCE_DATE_EPOCH`` names (seconds since 1970, ASCII digits), in Riga."""
    try:
        if not re.fullmatch(r"-?[0-9]{1,12}", epoch):
            raise ValueError(epoch)
        moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).astimezone(RIGA)
        check_year(moment.year, epoch)
        return moment
    except (ValueError, OverflowError, OSError):
        reason = (f'jābūt sekunžu skaitam kopš 1970. gada (atbilstoši datumam no {MIN_YEAR}. līdz {MAX_YEAR}. gadam), '
                  f'nevis "{_shown(epoch)}"')
        raise ClockError(f"vides mainīgajā SOURCE_DATE_EPOCH {reason}", "SOURCE_DATE_EPOCH", reason) from None


def fixed_now(configured: str | None = None, environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """The "now" fixed by ``KONKURSI_NOW`` or the configuration, or None when the clock decides.

    Pages tell the browser this moment so its live statuses agree with a demo
    build; ``SOURCE_DATE_EPOCH`` only pins the build, not what visitors see.
    """
    environ = os.environ if environ is None else environ
    for origin, text in ((NOW_VARIABLE, environ.get(NOW_VARIABLE)), ("now", configured)):
        if text:
            return parse_now(text, origin)
    return None


def parse_now(text: str, origin: str = "now") -> dt.datetime:
    """Read a "now" setting: ``2020-04-20 12:00`` in Riga, or ISO 8601 with an offset."""
    try:
        value = dt.datetime.fromisoformat(str(text).strip())
    except ValueError:
        value = None
    try:
        if value is not None and value.tzinfo is not None:
            check_year(value.year, str(text))
            moment = value.astimezone(RIGA)
            check_year(moment.year, str(text))
            return moment
        return DateTime().parse(str(text))
    except (Invalid, OverflowError) as invalid:
        where = f"vides mainīgajā {origin}" if origin.isupper() else f"iestatījumā {origin}"
        raise ClockError(f"{where}: {_shown(str(invalid))}", origin, _shown(str(invalid))) from None


def _shown(text: str) -> str:
    """``text`` as a message may echo it: without control characters (terminal escapes)."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
