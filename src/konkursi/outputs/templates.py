"""What every konkursi template gets: compiled once and cached, filters and globals, errors in Latvian."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from .. import lv
from .escaping import attr
from ..records.model import GRANT_KINDS, REGIONS, SUBMISSION_METHODS
from ..records.values import DayOnly, spreadsheet_safe


class CompiledTemplates(BytecodeCache):
    """Compiled templates, kept in memory for the life of the process and, once ``folder`` is
    set, on disk between builds.

    Compiling konkursi's templates and the theme's costs about a second on every build;
    the pages themselves take about 10 ms each to render. Jinja keys each entry by the template's file and
    checks the checksum of its source, so an edited template is compiled anew. The compiled
    code also depends on the environment's settings (escaping, finalize, extensions, syntax),
    which are part of the key here, so one instance serves every environment.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        """Where compiled templates are kept between builds (``.cache/konkursi/templates``); None: memory only."""
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        key = self._key(bucket)
        code = self.compiled.get(key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / key).read_bytes()
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # resets itself when the source changed
            except (EOFError, ValueError, TypeError):  # a damaged file: compiled anew
                bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        key, code = self._key(bucket), bucket.bytecode_to_string()
        self.compiled[key] = code
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                temporary = self.folder / f"{key}.{os.getpid()}.tmp"
                temporary.write_bytes(code)
                os.replace(temporary, self.folder / key)  # another build never reads half a file
            except OSError:
                pass  # a read-only project: the next build compiles again

    def _key(self, bucket) -> str:
        return f"{_settings_key(bucket.environment)}-{bucket.key}"


_SETTINGS_KEYS: weakref.WeakKeyDictionary[Environment, str] = weakref.WeakKeyDictionary()
"""Each environment's ``_settings_key``, for as long as the environment lives (a preview makes new ones at every rebuild)."""


def _settings_key(env: Environment) -> str:
    """A digest of what, besides the source, decides an environment's compiled code."""
    known = _SETTINGS_KEYS.get(env)
    if known is not None:
        return known
    settings = (
        jinja2.__version__, sys.version, sorted(env.extensions), _name(env.autoescape), _name(env.finalize), env.is_async,
        env.optimized, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
    )
    digest = hashlib.sha1(repr(settings).encode()).hexdigest()[:16]
    _SETTINGS_KEYS[env] = digest
    return digest


def _name(value: Any) -> Any:
    return f"{value.__module__}.{value.__qualname__}" if callable(value) else value


COMPILED = CompiledTemplates()
"""The compiled templates of every environment: konkursi's pages, texts and press releases, and the theme's."""


class TextTemplates:
    """Plain-text pieces (feed titles, summaries, event names) from macros in the templates.

    Feedgen and icalendar escape what they write, so nothing is escaped here.
    """

    def __init__(self, templates_dir: Path, name: str):
        env = Environment(loader=FileSystemLoader(str(templates_dir)), undefined=StrictUndefined, autoescape=False, bytecode_cache=COMPILED)
        env.filters.update(shared_filters())
        env.globals.update(template_globals())
        self.name = name
        try:
            self.module = env.get_template(name).module
        except TemplateError as error:
            raise RenderError(f"{name}:{getattr(error, 'lineno', 0)}: veidnes kļūda: {error}") from error

    def __call__(self, macro: str, *args: Any) -> str:
        """The text of ``macro`` in one line, surrounding whitespace removed."""
        return " ".join(self._call(macro, args).split())

    def lines(self, macro: str, *args: Any) -> str:
        """The text of ``macro`` keeping its non-blank lines, each stripped."""
        return "\n".join(line.strip() for line in self._call(macro, args).splitlines() if line.strip())

    def _call(self, macro: str, args: tuple) -> str:
        try:
            return str(getattr(self.module, macro)(*args))
        except (TemplateError, LookupError, TypeError, AttributeError, ValueError) as error:
            raise RenderError(f"{self.name}: veidnes kļūda makro {macro}: {error}") from error


TEMPLATE_ERRORS = (TemplateError, LookupError, TypeError, AttributeError, ValueError)
"""What a mistake in a template raises while it renders (StrictUndefined, a bad filter argument …)."""


def template_error(error: Exception, template_name: str, subject: str) -> "RenderError":
    """A Latvian message naming the template, its line where known, and what was being made."""
    line = getattr(error, "lineno", None)
    where = f"{getattr(error, 'filename', None) or template_name}" + (f":{line}" if line else "")
    return RenderError(f"{where}: veidnes kļūda {subject}: {error}")


class RenderError(Exception):
    """A template failed; the message names the template and line."""


def _iso(value: Any) -> Markup:
    return Markup(value.isoformat())


def _csv_row(values: list[Any]) -> Markup:
    """One CSV line (no line end) of the given values; none can start a spreadsheet formula."""
    buffer = io.StringIO()
    cells = ["" if v is None else spreadsheet_safe(str(v)) for v in values]
    csv.writer(buffer, lineterminator="").writerow(cells)
    return Markup(buffer.getvalue())


def _json(value: Any) -> Markup:
    """JSON for front matter (read by ``split_front_matter``); the theme re-escapes it for HTML."""
    return Markup(json.dumps(value, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def shared_filters() -> dict[str, Any]:
    """Filters every template gets, pages and plain-text pieces alike."""
    return dict(
        lv_date=lv.lv_date,
        lv_time=lv.lv_time,
        lv_datetime=lv.lv_datetime,
        eur=lv.eur,
        number=lv.lv_number,
        phone=lv.phone,
        name_cases=lv.name_cases,
        lv_period=lv.lv_period,
        plural=lambda count, one, other: lv.plural(count, one, other),
        timed=lambda moment: not isinstance(moment, DayOnly),
        attr=attr,
        iso=_iso,
        paragraphs=_paragraphs,
        csv_row=_csv_row,
        json=_json,
        raw=Markup,
    )


def template_globals() -> dict[str, Any]:
    return dict(
        region_name=dict(REGIONS).__getitem__,
        submission_method=dict(SUBMISSION_METHODS).__getitem__,
        grant_kind=dict(GRANT_KINDS).__getitem__,
    )
