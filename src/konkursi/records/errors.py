"""Problems found in the records, collected and reported together in Latvian."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..lv import plural


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in one record file."""

    path: str
    """File the problem is in, relative to the project (``calls/2020-pavasaris/cesu-novads.yml``)."""
    line: int
    """1-based line of the value or key at fault (0 when the whole file is meant)."""
    message: str
    """What is wrong and what was expected, in Latvian."""
    field: str = ""
    """The YAML key at fault, dotted for nested values (``contacts.1.email``); empty for the file."""
    column: int = 0
    """1-based column where known (YAML syntax errors), else 0."""
    warning: bool = False
    """A warning is reported but does not stop the build."""

    def __str__(self) -> str:
        return printable(self._text())

    def _text(self) -> str:
        where = self.path if not self.line else f"{self.path}:{self.line}"
        if self.column:
            where += f":{self.column}"
        kind = "brīdinājums: " if self.warning else ""
        if self.field:
            return f'{where}: {kind}laukā "{self.field}": {self.message}'
        return f"{where}: {kind}{self.message}"

    def as_dict(self) -> dict:
        """Plain form for machine-readable output (``--format json``)."""
        return {
            "path": printable(self.path),
            "line": self.line,
            "column": self.column,
            "field": printable(self.field),
            "message": printable(self.message),
            "severity": "warning" if self.warning else "error",
        }


_UNPRINTABLE = re.compile(r"[^\n\x20-\x7e\u00a0-\u024f]")


def printable(text: str) -> str:
    """``text`` with every control, format or unassigned character shown as ``\\u....``.

    A file name, key or value echoed in a message must not move a terminal's cursor, clear its
    screen or set its title (escape sequences), nor reorder what is shown (bidirectional controls).
    """
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape_if_unprintable, text)



def _escape_if_unprintable(match: re.Match) -> str:
    char = match.group(0)
    if unicodedata.category(char)[0] in "LMNPS" or char == " ":
        return char
    return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"


@dataclass
class Problems:
    """Collects every problem of a run so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, field: str = "", column: int = 0) -> None:
        self.items.append(Problem(path, line, message, field, column))

    def warn(self, path: str, line: int, message: str, field: str = "") -> None:
        self.items.append(Problem(path, line, message, field, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.warning)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors, self.warnings)


class ValidationFailed(Exception):
    """The records have errors; nothing may be built from them."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] | None = None):
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(self.report())

    def report(self, building: bool = True) -> str:
        """The Latvian report a user sees: a count, then one line per problem.

        ``building``: the report stops a build (and says the last site stays), not a mere check.
        """
        count = len(self.errors)
        head = f"Ierakstos {plural(count, 'atrasta', 'atrastas')} {count} {plural(count, 'kļūda', 'kļūdas')}"
        lines = [f"{head}; vietne netika veidota un iepriekšējā vietne palika neskarta:" if building else f"{head}:"]
        lines += [f"  {problem}" for problem in self.errors + self.warnings]
        return "\n".join(lines)
