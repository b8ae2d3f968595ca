"""The national test project (tests/national.py): every municipality of 2009–2021, and it builds."""

from __future__ import annotations

from collections import Counter

from conftest import run_konkursi
from national import municipalities, write_national_project


def test_national_project_has_every_municipality_of_2009_to_2021_once():
    listed = municipalities()
    assert len(listed) == 119 and len({mid for mid, _, _ in listed}) == 119
    assert Counter(region for _, _, region in listed) == {"riga": 30, "vidzeme": 26, "zemgale": 22, "latgale": 21, "kurzeme": 20}
    names = {name for _, name, _ in listed}
    assert {"Rīga", "Jūrmala", "Ādažu novads", "Ķekavas novads", "Mērsraga novads", "Ilūkstes novads"} <= names


def test_national_project_validates_and_builds_with_every_status(tmp_path):
    root = write_national_project(tmp_path / "projekts")
    checked = run_konkursi("validate", cwd=root)
    assert checked.returncode == 0 and checked.stdout.strip() == "Visi ieraksti ir kārtībā.", checked.stdout + checked.stderr
    built = run_konkursi("build", cwd=root)
    assert built.returncode == 0, built.stderr
    site = root / "site"
    assert len(list((site / "pasvaldibas").glob("*/index.html"))) == 119
    assert len(list((site / "konkursi" / "2020-pavasaris").glob("*/index.html"))) == 119
    page = (site / "konkursi" / "index.html").read_text(encoding="utf-8")
    assert "40 atvērti" in page and "39 drīzumā" in page and "40 noslēgti" in page
