"""The bundled example project loads cleanly and shows every status at the demo date."""

from __future__ import annotations

from collections import Counter

from conftest import DEMO_NOW, REPO

from konkursi.site.clock import parse_now
from konkursi.site.derive import derive
from konkursi.project import Project, validate


def test_example_loads_without_problems():
    records, warnings = validate(Project.at(REPO))
    assert warnings == []
    assert len(records.municipalities) == 15
    assert sorted(records.rounds) == ["2018-rudens", "2019-pavasaris", "2020-pavasaris"]
    assert len(records.calls) == 13
    assert {m.region for m in records.municipalities.values()} == {"kurzeme", "latgale", "riga", "vidzeme", "zemgale"}


def test_example_contacts_are_clearly_example_data():
    records, _ = validate(Project.at(REPO))
    for municipality in records.municipalities.values():
        for contact in municipality.contacts:
            assert contact.email.endswith(".example") and "(piemērs)" in contact.name
    assert records.programme.contact.email == "lubova.vasecko@834.ikvd.gov.lv"


def test_demo_date_shows_open_upcoming_and_closed_calls():
    records, _ = validate(Project.at(REPO))
    catalogue = derive(records, parse_now(DEMO_NOW))
    assert Counter(e.status.value for e in catalogue.calls) == {"open": 6, "upcoming": 4, "closed": 3}
    assert [e.municipality.name for e in catalogue.calls if e.closing_soon] == ["Rēzeknes novads"]
