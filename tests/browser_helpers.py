"""Helpers for the browser tests: serve a built site locally and drive it in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import os
import threading
from datetime import datetime
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from conftest import copy_project

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a test failure


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 from a thread; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_live_example(workdir: Path, built_at: str, announced: bool = False) -> Path:
    """The example built like a live site at ``built_at`` (ISO): "now" not fixed, so browsers use their clock.

    ``announced``: every record counts as published already (``published`` dates removed), as
    calls announced ahead of their opening are; a record published after ``built_at`` is on no page.
    """
    copy_project(workdir)
    if announced:
        for call in [*(workdir / "calls").glob("*/*.yml"), *(workdir / "municipalities").glob("*.yml")]:
            kept = [line for line in call.read_text(encoding="utf-8").splitlines() if not line.startswith("published:")]
            call.write_text("\n".join(kept) + "\n", encoding="utf-8")
    config = workdir / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(line for line in lines if not line.strip().startswith("now:")) + "\n", encoding="utf-8")
    out = workdir / "site"
    env = {k: v for k, v in os.environ.items() if k != "KONKURSI_NOW"}
    # A reproducible build's moment: statuses are computed for it, but it is not "fixed" for browsers.
    env["SOURCE_DATE_EPOCH"] = str(int(datetime.fromisoformat(built_at).timestamp()))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    return out


@dataclass
class Visit:
    """A page opened in its own browser context, with what it requested and logged."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base).netloc
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                and urlsplit(url).netloc != own]

    def axe_violations(self) -> list[dict]:
        """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
        self.page.add_script_tag(path=str(AXE))
        return axe_violations(self.page)

    def has_horizontal_scroll(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on ``page``, which has axe already (a script tag, or an init script)."""
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


UNDERLINES = """cedillas => [...document.querySelectorAll("body *")]
  .filter(e => getComputedStyle(e).textDecorationLine.includes("underline") && e.checkVisibility())
  .map(e => {
    const style = getComputedStyle(e), size = parseFloat(style.fontSize), offset = style.textUnderlineOffset;
    const canvas = document.createElement("canvas").getContext("2d");
    canvas.font = `${style.fontStyle} ${style.fontWeight} 100px ${style.fontFamily}`;  // large: whole pixels are exact enough
    return {
      text: e.textContent.trim().slice(0, 40),
      depth: canvas.measureText(cedillas).actualBoundingBoxDescent / 100 * size,
      offset: offset.endsWith("%") ? parseFloat(offset) / 100 * size : offset.endsWith("px") ? parseFloat(offset) : offset,
      skipInk: style.textDecorationSkipInk,
    };
  })"""
"""Each underlined element on the page: how deep the cedillas of its font reach under the baseline (px, canvas
measureText), and how far under the baseline its underline starts (text-underline-offset, px; "auto" if the font
decides)."""

INK_ROWS = """async png => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const rows = [];
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const at = (y * canvas.width + x) * 4;
      if (pixels[at] + pixels[at + 1] + pixels[at + 2] < 3 * 160) { rows.push(y); break; }
    }
  }
  return rows;
}"""
"""The rows of a PNG (base64) that hold ink (a pixel darker than mid grey), decoded by the browser."""


def open_visit(browser, base: str, path: str = "", *, width: int = 1280, height: int = 900, clock_at: str | None = None,
               javascript: bool = True) -> Visit:
    """Open ``base + path`` in a fresh context; ``clock_at`` (ISO time) installs a fake browser clock first."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="lv-LV",
                                  timezone_id="Europe/Riga", java_script_enabled=javascript)
    page = context.new_page()
    visit = Visit(page, base)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    if clock_at:
        page.clock.install(time=clock_at)
    page.goto(base + path)
    return visit
