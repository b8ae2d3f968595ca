"""Editor help without the first-line comment: the repository's VS Code settings give each record file its schema.

The web editor (Decap CMS) drops a record's comments when it saves; the `$schema` line konkursi writes above the
first key is restored by the editor's config (tests/test_cms.py), and these settings give the same help to a file
that has lost it, or never had it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO

from konkursi.records.schema import RECORD_KINDS, SCHEMA_DIR, schema_file_name

SETTINGS = REPO / ".vscode" / "settings.json"


def _matches(pattern: str, path: str) -> bool:
    """yaml-language-server's globs as the settings use them: * within one folder; a leading ! excludes."""
    regex = "".join("[^/]*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", pattern))
    return re.fullmatch(regex, path) is not None


def _schema_of(schemas: dict, path: str) -> list[str]:
    found = []
    for schema, patterns in schemas.items():
        patterns = [patterns] if isinstance(patterns, str) else patterns
        included = any(_matches(p, path) for p in patterns if not p.startswith("!"))
        excluded = any(_matches(p[1:], path) for p in patterns if p.startswith("!"))
        if included and not excluded:
            found.append(schema)
    return found


def test_every_record_file_of_the_example_has_exactly_its_own_schema():
    schemas = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    expected = {"programme.yml": "programme"}
    expected |= {f"municipalities/{p.name}": "municipality" for p in (REPO / "municipalities").glob("*.yml")}
    expected |= {f"calls/{p.parent.name}/{p.name}": "round" if p.name == "_round.yml" else "call"
                 for p in (REPO / "calls").glob("*/*.yml")}
    assert len(expected) > 25
    for path, kind in sorted(expected.items()):
        assert _schema_of(schemas, path) == [f"./src/konkursi/schema/{schema_file_name(kind)}"], path
    # A file that is no record gets none.
    assert _schema_of(schemas, "mkdocs.yml") == [] and _schema_of(schemas, ".github/workflows/publish.yml") == []


def test_the_settings_name_the_schemas_konkursi_ships():
    schemas = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    assert sorted(schemas) == sorted(f"./src/konkursi/schema/{schema_file_name(kind)}" for kind in RECORD_KINDS)
    for schema in schemas:
        assert (REPO / schema).resolve().parent == SCHEMA_DIR.resolve() and (REPO / schema).is_file(), schema
