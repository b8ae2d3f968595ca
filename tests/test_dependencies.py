"""Dependencies that hold: every import declared, every declaration locked, the lock what CI installs."""

from __future__ import annotations

import ast
import os
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

LOCK = REPO / "requirements.lock"


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {canonicalize_name(Requirement(text).name): Requirement(text) for text in wanted}


def _runtime() -> set[str]:
    """What the package may import: its dependencies and its optional extras (an engine), not the test tools."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [text for name, extra in project["optional-dependencies"].items() if name != "test" for text in extra]
    return {canonicalize_name(Requirement(text).name) for text in project["dependencies"] + extras}


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def _imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"konkursi", "__future__"}


def test_every_package_the_code_imports_is_declared():
    distributions = metadata.packages_distributions()
    runtime = _runtime()
    for module in sorted(_imports(REPO / "src/konkursi") | _imports(REPO / "theme/hooks")):
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert names & runtime, f"{module} is imported but none of {sorted(names)} is in pyproject's dependencies"


def test_every_declared_package_is_locked_at_a_version_its_declaration_allows():
    locked = _locked()
    for name, requirement in _declared().items():
        assert name in locked, f"{name} is declared but not in requirements.lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (name, str(requirement.specifier), locked[name])


@pytest.mark.skipif(os.environ.get("KONKURSI_LOWEST") == "1", reason="scripts/test-lowest.sh installs the floors")
def test_the_test_command_installed_exactly_the_locked_versions():
    locked = _locked()
    for name in _declared():
        assert metadata.version(name) == locked[name], f"{name}: installed {metadata.version(name)}, locked {locked[name]}"


def test_ci_and_the_publish_workflow_install_from_the_lock():
    assert re.search(r"pip install .*-c requirements\.lock", (REPO / "scripts/_env.sh").read_text(encoding="utf-8"))
    # Editable, as scripts/_env.sh installs it: the web editor's config names the JSON Schemas in src/.
    assert "python -m pip install -c requirements.lock -e ." in (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "scripts/test.sh" in (REPO / ".ci/run").read_text(encoding="utf-8")
