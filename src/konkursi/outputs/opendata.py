"""The calls as open data: JSON with its JSON Schema, and CSV, from one table of fields.

Each field is declared once in ``FIELDS`` (name, JSON Schema, Latvian description,
value), so the JSON, the CSV header, the schema and the "Atvērtie dati" page agree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .context import Context
from ..records.model import REGIONS, Results
from ..records.values import spreadsheet_safe
from ..site.derive import CallEntry, Catalogue


@dataclass(frozen=True)
class Licence:
    """The licence the data is published under."""

    id: str
    """SPDX identifier."""
    name: str
    url: str


LICENCE = Licence("CC0-1.0", "CC0 1.0 Universāls (nodošana publiskajā domēnā)", "https://creativecommons.org/publicdomain/zero/1.0/deed.lv")
"""CC0: media and data users may reuse the calls without conditions."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Field:
    """One field of a call in the data files."""

    name: str
    schema: dict
    help: str
    """Latvian description, shown in the schema and on the open data page."""
    value: Callable[[CallEntry, Context], Any]
    csv: bool = True
    json: bool = True


def _text(nullable: bool = False) -> dict:
    return {"type": ["string", "null"]} if nullable else {"type": "string", "minLength": 1}


def _number(nullable: bool = False) -> dict:
    return {"type": ["number", "null"] if nullable else "number", "minimum": 0}


def _integer(nullable: bool = False) -> dict:
    return {"type": ["integer", "null"] if nullable else "integer", "minimum": 0}


def _pattern(pattern: str, nullable: bool = False) -> dict:
    if nullable:
        return {"anyOf": [{"type": "string", "pattern": pattern}, {"type": "null"}]}
    return {"type": "string", "pattern": pattern}


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _contacts(entry: CallEntry, context: Context) -> list[dict]:
    return [{"name": c.name, "role": c.role, "email": c.email, "phone": c.phone} for c in entry.contacts]


def _joined(attribute: str) -> Callable[[CallEntry, Context], str]:
    def value(entry: CallEntry, context: Context) -> str:
        return "; ".join(getattr(contact, attribute) or "" for contact in entry.contacts)

    return value


_CONTACT_SCHEMA = {
    "type": "object",
    "required": ["name", "role", "email", "phone"],
    "additionalProperties": False,
    "properties": {"name": _text(), "role": _text(True), "email": _text(), "phone": _text(True)},
}

_PROJECT_SCHEMA = {
    "type": "object",
    "required": ["title", "implementer", "starts", "ends"],
    "additionalProperties": False,
    "properties": {"title": _text(), "implementer": _text(), "starts": _pattern(_ISO_DATE), "ends": _pattern(_ISO_DATE)},
}


def _results(attribute: Callable[[Results], Any]) -> Callable[[CallEntry, Context], Any]:
    """A value of the call's results; null while none are recorded."""
    def value(entry: CallEntry, context: Context) -> Any:
        results = entry.call.results
        return None if results is None else attribute(results)

    return value


def _projects(results: Results) -> list[dict]:
    return [{"title": p.title, "implementer": p.implementer, "starts": p.starts.isoformat(), "ends": p.ends.isoformat()} for p in results.projects]


FIELDS: tuple[Field, ...] = (
    Field("id", _text(), "Konkursa identifikators: kārtas un pašvaldības identifikatori", lambda e, c: e.id),
    Field("round_id", _text(), "Kārtas identifikators", lambda e, c: e.round.id),
    Field("round_number", _integer(), "Kārtas numurs", lambda e, c: e.round.number),
    Field("round_title", _text(), "Kārtas nosaukums", lambda e, c: e.round.title),
    Field("municipality_id", _text(), "Pašvaldības identifikators", lambda e, c: e.municipality.id),
    Field("municipality", _text(), "Pašvaldības nosaukums", lambda e, c: e.municipality.name),
    Field("region", {"enum": [code for code, _ in REGIONS]}, "Plānošanas reģiona kods", lambda e, c: e.municipality.region),
    Field("region_name", _text(), "Plānošanas reģions", lambda e, c: dict(REGIONS)[e.municipality.region]),
    Field("status", {"enum": ["upcoming", "open", "closed"]}, "Statuss datu veidošanas brīdī: upcoming – drīzumā, open – atvērts, closed – noslēgts", lambda e, c: e.status.value),
    Field("opens", _pattern(_ISO_DATETIME), "Pieteikšanās sākums, ISO 8601 ar laika joslas nobīdi (Rīgas laiks)", lambda e, c: e.call.opens.isoformat()),
    Field("closes", _pattern(_ISO_DATETIME), "Pieteikšanās beigas, ISO 8601 ar laika joslas nobīdi (Rīgas laiks)", lambda e, c: e.call.closes.isoformat()),
    Field("grant_amount", _number(), "Finansējums vienam projektam, eiro", lambda e, c: e.round.grant_amount),
    Field("grant_kind", {"enum": ["fixed", "up_to"]}, "fixed – fiksēta summa; up_to – ne vairāk kā norādītā summa", lambda e, c: e.round.grant_kind),
    Field("quota", _integer(True), "Cik projektus pašvaldība var atbalstīt (kvota)", lambda e, c: e.call.quota),
    Field("budget", _number(True), "Pašvaldības konkursa kopējais finansējums, eiro", lambda e, c: e.call.budget),
    Field("contacts", {"type": "array", "items": _CONTACT_SCHEMA}, "Kontaktpersonas: vārds, amats, e-pasts, tālrunis", _contacts, csv=False),
    Field("contact_name", _text(), "Kontaktpersonu vārdi (vairāki atdalīti ar semikolu)", _joined("name"), json=False),
    Field("contact_email", _text(), "Kontaktpersonu e-pasta adreses tādā pašā secībā", _joined("email"), json=False),
    Field("contact_phone", _text(True), "Kontaktpersonu tālruņi tādā pašā secībā", _joined("phone"), json=False),
    Field("url", _text(), "Konkursa lapa vietnē", lambda e, c: c.urls.page("call", round=e.round.id, municipality=e.municipality.id)),
    Field("calendar_url", _text(), "Konkursa kalendārs (iCalendar)", lambda e, c: c.urls.file("call_calendar", round=e.round.id, municipality=e.municipality.id)),
    Field("results_applications", _integer(True), "Saņemto pieteikumu skaits; null, kamēr rezultāti nav zināmi", _results(lambda r: r.applications)),
    Field("results_approved", _integer(True), "Atbalstīto projektu skaits; null, kamēr rezultāti nav zināmi", _results(lambda r: len(r.projects))),
    Field("results_decided", _pattern(_ISO_DATE, True), "Lēmuma par rezultātiem datums", _results(lambda r: _date(r.decided))),
    Field("results_projects", {"type": ["array", "null"], "items": _PROJECT_SCHEMA}, "Atbalstītie projekti: nosaukums, īstenotājs, īstenošanas sākums un beigas", _results(_projects), csv=False),
    Field("published", _pattern(_ISO_DATE, True), "Publicēšanas datums", lambda e, c: _date(e.call.published)),
    Field("updated", _pattern(_ISO_DATE, True), "Pēdējo izmaiņu datums", lambda e, c: _date(e.call.updated)),
)


def build_open_data(catalogue: Catalogue, context: Context) -> dict[str, bytes]:
    """The data files: ``{path relative to the site dir: content}``."""
    outputs = context.urls.outputs
    return {
        outputs.format("calls_json"): _json_bytes(_calls_json(catalogue, context)),
        outputs.format("calls_csv"): calls_csv(catalogue, context).encode("utf-8-sig"),  # a BOM, as kontakti.csv: Excel reads ā, č …
        outputs.format("calls_schema"): _json_bytes(calls_schema(context)),
    }


def _calls_json(catalogue: Catalogue, context: Context) -> dict:
    """calls.json: licence, the moment statuses refer to, and every call (its fields kept between previews)."""
    return {
        "$schema": context.urls.file("calls_schema"),
        "licence": {"id": LICENCE.id, "name": LICENCE.name, "url": LICENCE.url},
        "programme": catalogue.programme.short_name,
        "status_at": catalogue.now.isoformat(),
        "calls": [context.remember("json_row", entry, lambda: _json_row(entry, context)) for entry in catalogue.calls],
    }


def _json_row(entry: CallEntry, context: Context) -> dict:
    return {f.name: _plain(f.value(entry, context)) for f in FIELDS if f.json}


def calls_csv(catalogue: Catalogue, context: Context) -> str:
    """The CSV text: a header row, then one call a row, in the order of the site's call list."""
    columns = [f for f in FIELDS if f.csv]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f.name for f in columns])
    header = buffer.getvalue()
    rows = [context.remember("csv_row", entry, lambda: _csv_row(entry, columns, context)) for entry in catalogue.calls]
    return header + "".join(rows)


def _csv_row(entry: CallEntry, columns: list[Field], context: Context) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([_cell(f.value(entry, context)) for f in columns])
    return buffer.getvalue()


def calls_schema(context: Context) -> dict:
    """JSON Schema of calls.json."""
    call = {
        "type": "object",
        "required": [f.name for f in FIELDS if f.json],
        "additionalProperties": False,
        "properties": {f.name: {**f.schema, "description": f.help} for f in FIELDS if f.json},
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": context.urls.file("calls_schema"),
        "title": "Projektu konkursi",
        "type": "object",
        "required": ["licence", "programme", "status_at", "calls"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "licence": {"type": "object", "required": ["id", "name", "url"], "properties": {k: _text() for k in ("id", "name", "url")}},
            "programme": {**_text(), "description": "Programmas īsais nosaukums"},
            "status_at": {**_pattern(_ISO_DATETIME), "description": "Brīdis, kuram noteikti statusi (Rīgas laiks)"},
            "calls": {"type": "array", "items": {"$ref": "#/$defs/call"}},
        },
        "$defs": {"call": call},
    }


def _plain(value: Any) -> Any:
    """JSON-ready value: amounts become numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _cell(value: Any) -> str:
    """A CSV cell; one that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)
    return spreadsheet_safe(text)


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
