"""The calls as open data: JSON checked against its published schema, CSV read with the csv module."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from _feeds_helpers import build_ok, check_golden, copy_project, edit, mkdocs_build, publish_project, published_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_ok(ROOT, tmp_path_factory.mktemp("site"))


def load_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def read_csv(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, as kontakti.csv: Excel shows ā, č, ņ"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_json_is_valid_against_the_published_schema(site):
    schema = load_json(site, "dati/calls.schema.json")
    document = load_json(site, "dati/calls.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert document["$schema"] == schema["$id"] == "https://konkursi.example/dati/calls.schema.json"
    assert document["licence"]["id"] == "CC0-1.0"
    assert document["status_at"] == "2020-04-20T12:00:00+03:00"
    assert len(document["calls"]) == 13


def test_schema_rejects_a_time_without_offset(site):
    schema = load_json(site, "dati/calls.schema.json")
    document = load_json(site, "dati/calls.json")
    document["calls"][0]["closes"] = "2020-03-13 16:00"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_json_call_has_ids_status_times_amounts_contacts_and_url(site):
    calls = {call["id"]: call for call in load_json(site, "dati/calls.json")["calls"]}
    cesis = calls["2020-pavasaris/cesu-novads"]
    assert cesis["municipality"] == "Cēsu novads"
    assert cesis["region"] == "vidzeme"
    assert cesis["round_number"] == 3
    assert cesis["status"] == "open"
    assert cesis["opens"] == "2020-03-02T09:00:00+02:00"
    assert cesis["closes"] == "2020-04-30T17:00:00+03:00"
    assert cesis["grant_amount"] == 4600
    assert cesis["quota"] == 3
    assert cesis["contacts"][0]["email"].endswith("@cesu-novads.example")
    assert cesis["url"] == "https://konkursi.example/konkursi/2020-pavasaris/cesu-novads/"
    statuses = Counter(call["status"] for call in calls.values())
    assert statuses == {"closed": 3, "open": 6, "upcoming": 4}


def test_csv_has_a_header_and_one_row_per_call_matching_the_json(site):
    rows = read_csv((site / "dati/calls.csv").read_bytes())
    calls = load_json(site, "dati/calls.json")["calls"]
    assert [row["id"] for row in rows] == [call["id"] for call in calls]
    row = next(row for row in rows if row["id"] == "2020-pavasaris/keguma-novads")
    assert row["municipality"] == "Ķeguma novads"
    assert row["region_name"] == "Rīgas plānošanas reģions"
    assert row["closes"] == "2020-03-27T17:00:00+02:00"
    assert row["grant_amount"] == "4600"
    assert row["budget"] == ""
    assert row["contact_name"] == "Ģirts Krūmiņš (piemērs)"
    assert row["contact_phone"] == "+37120000007"  # a phone number cannot call anything: kept as written


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "municipalities/cesu-novads.yml", "name: Cēsu novads", 'name: "=HYPERLINK(\\"http://x.example\\")"')
    edit(root / "municipalities/cesu-novads.yml", "role: ", "role: '@SUM(A1)' #")
    edit(root / "calls/2020-pavasaris/_round.yml", "title: 2020. gada pavasaris", "title: -2+3")
    files = publish_project(root).files
    row = next(row for row in read_csv(files["dati/calls.csv"]) if row["municipality_id"] == "cesu-novads")
    assert row["municipality"] == "'=HYPERLINK(\"http://x.example\")"
    assert row["round_title"] == "'-2+3"
    document = json.loads(files["dati/calls.json"])
    cesis = next(call for call in document["calls"] if call["municipality_id"] == "cesu-novads")
    assert cesis["municipality"] == '=HYPERLINK("http://x.example")'  # JSON keeps the text as written
    assert cesis["contacts"][0]["role"] == "@SUM(A1)"


def test_two_builds_of_unchanged_data_give_identical_data_files(site, tmp_path):
    first = published_files(site)
    again = published_files(build_ok(ROOT, tmp_path / "again"))
    data = sorted(path for path in first if path.startswith("dati/"))
    assert data == ["dati/calls.csv", "dati/calls.json", "dati/calls.schema.json"]
    assert [again[path] for path in data] == [first[path] for path in data]


def test_open_data_page_links_the_files_and_states_the_licence(site):
    page = site / "atvertie-dati/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    hrefs = [a["href"] for a in article.find_all("a")]
    for name in ("calls.json", "calls.csv", "calls.schema.json"):
        href = next(h for h in hrefs if h.endswith("dati/" + name))
        assert (page.parent / href).resolve() == (site / "dati" / name).resolve()
    assert "https://creativecommons.org/publicdomain/zero/1.0/deed.lv" in hrefs
    text = " ".join(article.get_text().split())
    assert "licenci CC0 1.0 Universāls (nodošana publiskajā domēnā): tos drīkst" in text
    assert "round_number" in text  # every field is described


@pytest.mark.parametrize("path", ["dati/calls.json", "dati/calls.csv", "dati/calls.schema.json"])
def test_data_files_match_the_golden_files(site, path):
    check_golden(path, (site / path).read_bytes())


def test_a_hand_written_file_at_a_data_path_stops_the_build(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "content/dati").mkdir()
    (root / "content/dati/calls.csv").write_text("vecie dati\n", encoding="utf-8")
    completed = mkdocs_build(root, tmp_path / "site")
    assert completed.returncode != 0
    assert (
        "dati/calls.csv: šo failu veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; "
        "pārdēvējiet vai izdzēsiet to"
    ) in completed.stderr


def test_json_is_laid_out_as_json_dumps_lays_it_out(site):
    """calls.json is assembled from calls serialised one by one (a preview reuses them); it reads
    exactly as one json.dumps of the whole document, two-space indented."""
    data = (site / "dati/calls.json").read_bytes()
    assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert len(json.loads(data)["calls"]) == 13


def test_recorded_results_reach_the_json_and_the_csv(site):
    calls = {call["id"]: call for call in load_json(site, "dati/calls.json")["calls"]}
    saldus = calls["2020-pavasaris/saldus-novads"]
    assert (saldus["results_applications"], saldus["results_approved"], saldus["results_decided"]) == (11, 6, "2020-04-02")
    assert saldus["results_projects"][0] == {"title": "Esi piederīgs un aktīvs", "implementer": "Biedrība „Saldus jaunieši” (piemērs)",
                                             "starts": saldus["results_projects"][0]["starts"], "ends": saldus["results_projects"][0]["ends"]}
    assert len(saldus["results_projects"]) == 6
    open_call = calls["2020-pavasaris/cesu-novads"]
    assert (open_call["results_applications"], open_call["results_approved"], open_call["results_projects"]) == (None, None, None)
    rows = {row["id"]: row for row in read_csv((site / "dati/calls.csv").read_bytes())}
    assert (rows["2020-pavasaris/saulkrastu-novads"]["results_applications"], rows["2020-pavasaris/saulkrastu-novads"]["results_approved"]) == ("4", "3")
    assert rows["2020-pavasaris/cesu-novads"]["results_approved"] == ""
