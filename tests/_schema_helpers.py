"""Reading a record as an editor's YAML plugin sees it, and naming schema errors as the loader does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from konkursi.records.schema import SCHEMA_DIR, schema_file_name

# YAML 1.2 core schema, which yaml-language-server (VS Code's YAML extension) uses:
# no timestamps, and only true/false are booleans.
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def editor_data(text: str):
    """The record's data as a YAML 1.2 editor plugin reads it (what the schema is checked against)."""
    return _convert(yaml.compose(text, Loader=yaml.SafeLoader))


def _convert(node):
    if isinstance(node, yaml.MappingNode):
        return {key.value: _convert(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item) for item in node.value]
    value = node.value
    if node.style is not None:
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value, 0) if value.startswith(("0o", "0x")) else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def shipped_schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8"))


def schema_errors(kind: str, text: str) -> list[jsonschema.ValidationError]:
    validator = jsonschema.Draft7Validator(shipped_schema(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(editor_data(text)))


def field_names(errors) -> set[str]:
    """Each error's field, written as the loader writes it: ``contacts[1].email``."""
    return {_field(error) for error in errors}


def _field(error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    if error.validator == "required":
        path.append(re.match(r"'([^']+)'", error.message).group(1))
    elif error.validator == "additionalProperties":
        path.append(re.search(r"'([^']+)' was unexpected", error.message).group(1))
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def record_files(root: Path) -> list[tuple[Path, str]]:
    """Every record file of a project and its kind."""
    found = [(root / "programme.yml", "programme")]
    found += [(p, "municipality") for p in sorted((root / "municipalities").glob("*.yml"))]
    found += [(p, "round" if p.name == "_round.yml" else "call") for p in sorted((root / "calls").glob("*/*.yml"))]
    return found
