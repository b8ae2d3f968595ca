"""Every page of the built example is valid HTML for the Nu Html Checker (vnu.jar from npm, run by Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
VNU = REPO / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
"""Installed by scripts/test.sh (``npm ci`` in tests/browser), with Java from apt."""


def nu_errors(pages: list[Path], root: Path) -> list[str]:
    """The checker's errors on ``pages``, one run over all of them: "page:line: message «extract»"."""
    java = shutil.which("java")
    assert java, "Java is missing: scripts/test.sh installs default-jre-headless"
    assert VNU.is_file(), f"{VNU} is missing: scripts/test.sh installs it (npm ci --prefix tests/browser)"
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
                          capture_output=True, text=True)
    assert done.stdout, done.stderr
    errors = []
    for message in json.loads(done.stdout)["messages"]:
        # "error" is a validity error; "non-document-error" a page the checker could not read.
        url = urlsplit(message.get("url", ""))
        page = Path(unquote(url.path)).relative_to(root) if url.scheme == "file" else message.get("url", "?")
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())
        errors.append(f"{page}:{line}: {message['type']}: {message['message']} «{extract}»")
    return errors


def test_every_built_page_is_valid_html(example_site):
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) >= 50 and example_site / "404.html" in pages
    errors = nu_errors(pages, example_site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
