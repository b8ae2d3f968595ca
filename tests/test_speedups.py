"""The speedups package: each speedup is tied to the exact versions it was proven with, and can be switched off."""

from __future__ import annotations


import pytest

import konkursi.speedups as speedups
from conftest import run_konkursi
from test_dependencies import _locked


def _all_speedups() -> dict[str, dict[str, str]]:
    return speedups.declared()


def test_every_speedup_is_proven_against_the_locked_versions():
    locked = _locked()
    found = _all_speedups()
    assert found, "no speedup declares the versions it was proven with"
    assert any(found.values()), "no speedup names a version it was proven with"
    for name, versions in found.items():
        for distribution, version in versions.items():
            assert locked.get(distribution) == version, (
                f"speedup {name} was proven with {distribution} {version}, requirements.lock has {locked.get(distribution)}: "
                "prove it again with the locked version (its equivalence tests) and update its declaration")


@pytest.mark.parametrize("switch, expected", [("0", False), (" 0 ", False), ("1", True), ("", True)])
def test_konkursi_speedups_0_switches_every_speedup_off(monkeypatch, switch, expected):
    names = list(_all_speedups())
    monkeypatch.setenv(speedups.SWITCH, switch)
    assert {name: speedups.enabled(name) for name in names} == {name: expected and speedups._versions_match(name) for name in names}
    assert expected is False or any(speedups.enabled(name) for name in names)  # record-hash and markdown-packing need no version


def test_a_speedup_is_off_when_an_installed_version_differs(monkeypatch):
    speedups.proven("test-only", mkdocs="0.0.1")
    try:
        monkeypatch.delenv(speedups.SWITCH, raising=False)
        assert not speedups.enabled("test-only")
    finally:
        del speedups.PROVEN["test-only"]
        speedups._versions_match.cache_clear()


@pytest.mark.parametrize("switch", ["false", "off", "-nonexistent", "-DOCX", "docx", "\u2212docx", "-docx -feeds", "-docx;-feeds"])
def test_a_switch_that_names_nothing_known_stops_konkursi_with_a_latvian_message(monkeypatch, switch, tmp_path):
    monkeypatch.setenv(speedups.SWITCH, switch)
    assert "nezināma vērtība" in speedups.switch_problem()
    done = run_konkursi("build", cwd=tmp_path, env={speedups.SWITCH: switch})
    assert done.returncode == 2
    assert f"vides mainīgajā {speedups.SWITCH} nezināma vērtība" in done.stderr and "-docx,-feeds" in done.stderr


@pytest.mark.parametrize("switch", ["", "1", "0", "0,", " 0 ", "-docx", "-docx, -feeds", "-gc-hold", "-gc-hold-properdocs"])
def test_a_known_switch_is_accepted(monkeypatch, switch):
    monkeypatch.setenv(speedups.SWITCH, switch)
    assert speedups.switch_problem() is None


def test_a_name_turns_off_its_variant_for_the_other_engine_too(monkeypatch):
    _all_speedups()
    monkeypatch.setenv(speedups.SWITCH, "-gc-hold")
    assert not speedups.enabled("gc-hold") and not speedups.enabled("gc-hold-properdocs")
