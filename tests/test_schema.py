"""JSON Schemas of the record files: shipped, current, and in agreement with the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from _schema_helpers import editor_data, field_names, record_files, schema_errors, shipped_schema
from conftest import CALL, MUNICIPALITY, PROGRAMME, REPO, ROUND, run_konkursi
from konkursi.records.errors import ValidationFailed
from konkursi.project import Project, validate
from konkursi.records.schema import MODELINE, RECORD_KINDS, SCHEMA_DIR, schema_file_name, schema_text

EXAMPLE_RECORDS = record_files(REPO)


def loader_fields(root: Path, rel: str) -> set[str]:
    """Fields of the errors `konkursi validate` names in one file."""
    try:
        validate(Project.at(root))
    except ValidationFailed as failed:
        return {p.field for p in failed.errors if p.path == rel}
    return set()


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_shipped_schema_is_what_the_model_generates_now(kind):
    shipped = (SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8")
    assert shipped == schema_text(kind), "run: konkursi schema --out src/konkursi/schema"


def test_schema_command_writes_the_shipped_files(tmp_path):
    done = run_konkursi("schema", "--out", str(tmp_path / "s"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert written == ["call.schema.json", "municipality.schema.json", "programme.schema.json", "round.schema.json"]
    for name in written:
        assert (tmp_path / "s" / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


def test_schema_describes_fields_in_latvian_and_refuses_unknown_ones():
    call = shipped_schema("call")
    assert call["additionalProperties"] is False
    assert call["required"] == ["opens", "closes", "submission"]
    assert call["properties"]["quota"]["description"] == "Cik projektus pašvaldība var atbalstīt (kvota)"
    submission = call["definitions"]["Submission"]
    assert submission["additionalProperties"] is False
    assert submission["properties"]["method"]["enum"] == ["email", "post", "in_person", "online"]
    assert shipped_schema("round")["properties"]["grant_kind"]["default"] == "fixed"


@pytest.mark.parametrize("path,kind", EXAMPLE_RECORDS, ids=[p.relative_to(REPO).as_posix() for p, _ in EXAMPLE_RECORDS])
def test_every_example_record_names_its_schema_and_passes_it(path, kind):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    target = (path.parent / first[len(MODELINE):]).resolve()
    assert target == (SCHEMA_DIR / schema_file_name(kind)).resolve()
    assert [e.message for e in schema_errors(kind, text)] == []


def test_example_has_every_kind_of_record():
    assert {kind for _, kind in EXAMPLE_RECORDS} == set(RECORD_KINDS)
    assert len(EXAMPLE_RECORDS) == 1 + 15 + 3 + 13


def test_editor_reads_yaml_1_2_so_dates_stay_text():
    assert editor_data("opens: 2020-03-02 09:00\nquota: 012\nnote: no\n") == {"opens": "2020-03-02 09:00", "quota": 12, "note": "no"}


WRONG = {
    "call": ("calls/2020-pavasaris/cesu-novads.yml", CALL.replace("quota: 3", "quota: nav\npiezime: Sveiki").replace("method: email", "method: fakss")
             + "contacts:\n  - name: Ilze\n    email: nav-epasts\n  - email: a@b.lv\n"),
    "municipality": ("municipalities/cesu-novads.yml", "name: Cēsu novads\nregion: latvija\n"),
    "round": ("calls/2020-pavasaris/_round.yml", ROUND.replace("grant_amount: 4600", "grant_amount: 0").replace("number: 3", "number: trešā")),
    "programme": ("programme.yml", PROGRAMME.replace("phone: 28638431", 'phone: "12"').replace("fund:", "finansetajs:")),
}


@pytest.mark.parametrize("kind", WRONG)
def test_wrong_record_fails_the_schema_on_the_fields_the_loader_names(mini, kind):
    rel, text = WRONG[kind]
    mini.write(rel, text)
    from_loader = loader_fields(mini.root, rel)
    assert len(from_loader) >= 2
    assert field_names(schema_errors(kind, text)) == from_loader


def test_wrong_call_fields_named_exactly(mini):
    rel, text = WRONG["call"]
    mini.write(rel, text)
    assert loader_fields(mini.root, rel) == {"quota", "piezime", "submission[1].method", "contacts[1].email", "contacts[2].name"}


@pytest.mark.parametrize("kind,text", [("programme", PROGRAMME), ("municipality", MUNICIPALITY), ("round", ROUND), ("call", CALL)])
def test_valid_small_records_pass(kind, text):
    assert schema_errors(kind, text) == []


def test_schemas_and_scaffolds_are_package_data():
    import fnmatch
    import tomllib

    globs = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["konkursi"]
    package = REPO / "src/konkursi"
    shipped = [p.relative_to(package).as_posix() for folder in ("schema", "records/scaffolds") for p in (package / folder).iterdir()]
    assert len(shipped) == 7
    assert [f for f in shipped if not any(fnmatch.fnmatch(f, g) for g in globs)] == []
