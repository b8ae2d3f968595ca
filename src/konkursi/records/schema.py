"""JSON Schemas of the record files, generated from the field declarations in model.py."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..delivery.sitedir import replace_file
from .model import Call, ListOf, Municipality, Programme, Round, is_record, yaml_fields
from .values import Choice

SCHEMA_DIR = Path(__file__).parent.parent / "schema"
"""Shipped with the package (record files name it in their first line, so it keeps its place)."""
"""Where the package ships the generated schemas."""

RECORD_KINDS: dict[str, type] = {
    "programme": Programme,
    "municipality": Municipality,
    "round": Round,
    "call": Call,
}
"""Each kind of record file and its record class."""

TITLES = {
    "programme": "Programmas apraksts (programme.yml)",
    "municipality": "Pašvaldība (municipalities/<id>.yml)",
    "round": "Uzsaukuma kārta (calls/<kārta>/_round.yml)",
    "call": "Pašvaldības konkurss kārtā (calls/<kārta>/<pašvaldība>.yml)",
}

MODELINE = "# yaml-language-server: $schema="


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def record_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 7, as editors' YAML plugins read it) of one kind of record file."""
    definitions: dict[str, Any] = {}
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": TITLES[kind],
        **_object_schema(RECORD_KINDS[kind], definitions),
    }
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    return schema


def schema_text(kind: str) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(record_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every record kind's schema into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in RECORD_KINDS:
        path = out_dir / schema_file_name(kind)
        replace_file(path, schema_text(kind).encode("utf-8"))  # a link there is replaced, not written through
        written.append(path)
    return written


def schema_modeline(kind: str, record_file: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    """The first line of a record file: tells editors where its schema is, relative to the file."""
    target = os.path.relpath(schema_dir.resolve() / schema_file_name(kind), record_file.resolve().parent)
    return MODELINE + Path(target).as_posix()


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    fields = yaml_fields(cls)
    properties = {}
    for name, declared in fields.items():
        meta = declared.metadata
        # An empty optional value ("website:") is read as absent by the loader, but the schema
        # underlines it: the editor either fills it in or deletes the line.
        properties[name] = {"description": meta["help"], **_kind_schema(meta["kind"], definitions), **_default(declared)}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [name for name, declared in fields.items() if declared.metadata["required"]]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _kind_schema(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(kind, ListOf):
        schema = {"type": "array", "items": _kind_schema(kind.item, definitions)}
        if kind.min_items:
            schema["minItems"] = kind.min_items
        return schema
    if is_record(kind):
        if kind.__name__ not in definitions:
            definitions[kind.__name__] = {}  # placeholder first: guards against recursion
            definitions[kind.__name__] = {"description": kind.__doc__ or "", **_object_schema(kind, definitions)}
        return {"$ref": f"#/definitions/{kind.__name__}"}
    schema = kind.json_schema()
    if isinstance(kind, Choice):
        schema["enumDescriptions"] = [label for _, label in kind.options]
    return schema


def _default(declared) -> dict[str, Any]:
    default = declared.default
    if isinstance(default, (str, int)) and not isinstance(default, bool):
        return {"default": default}
    return {}


__all__ = ["RECORD_KINDS", "SCHEMA_DIR", "record_schema", "schema_modeline", "schema_text", "write_schemas"]
