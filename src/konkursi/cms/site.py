"""The web editor's files in the built site: Decap CMS from the npm registry, its Latvian interface and config."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lv import plural
from ..site.paths import Paths
from .config import Backend, choices_of, cms_config, config_text

ASSETS = Path(__file__).parent / "assets"
BUNDLE = "decap-cms.js"
"""Decap CMS's browser bundle in its npm package's ``dist/`` (the other files there are its lazy chunks)."""
LOCAL_API = "KONKURSI_EDIT_API"
"""Set by ``konkursi edit`` to its file server's address: the config then names it as Decap's local backend."""


class AdminError(Exception):
    """The editor's files cannot be put in the site; the message is Latvian."""


@dataclass(frozen=True)
class Admin:
    """``admin:`` of konkursi's entry in mkdocs.yml."""

    path: str = "admin"
    """Where in the site the editor is (``/admin/``)."""
    dist: str = "cms/node_modules/decap-cms/dist"
    """Decap CMS's ``dist/`` folder, relative to mkdocs.yml (scripts/_cms.sh installs it there)."""
    backend: dict[str, Any] = field(default_factory=dict)

    KEYS = ("path", "dist", "backend")

    @classmethod
    def from_config(cls, options: dict | None) -> "Admin | None":
        if options is None or options is False:
            return None
        if options is True:
            options = {}
        if not isinstance(options, dict):
            raise AdminError("plugins.konkursi.admin: jābūt laukiem path, dist un backend")
        unknown = sorted(set(options) - set(cls.KEYS))
        if unknown:
            raise AdminError(f"plugins.konkursi.admin: {plural(len(unknown), 'nezināms lauks', 'nezināmi lauki')} {', '.join(unknown)}; "
                             f"atļautie: {', '.join(cls.KEYS)}")
        path = str(options.get("path", cls.path)).strip("/")
        if not path or any(part in ("", ".", "..") for part in path.split("/")):
            raise AdminError(f"plugins.konkursi.admin.path: {path!r} nav mapes nosaukums vietnē (piemēram, admin)")
        backend = options.get("backend") or {}
        if not isinstance(backend, dict) or not all(isinstance(key, str) for key in backend):
            raise AdminError("plugins.konkursi.admin.backend: jābūt Decap CMS backend laukiem (name, repo, branch …)")
        return cls(path, str(options.get("dist", cls.dist)), dict(backend))


def admin_files(admin: Admin, root: Path, layout, records, title: str, site_url: str | None = None, paths=None,
                directory_urls: bool = True) -> dict[str, bytes]:
    """``{path in the site: content}`` of the editor: Decap's bundle and chunks, index.html, locale, config."""
    dist = root / admin.dist
    if not (dist / BUNDLE).is_file():
        raise AdminError(
            f"satura redaktora (Decap CMS) faili nav instalēti: nav {(Path(admin.dist) / BUNDLE).as_posix()}. "
            "Palaidiet scripts/build.sh (tas tos uzstāda no npm reģistra) vai izdzēsiet no mkdocs.yml ierakstu admin:"
        )
    files: dict[str, bytes] = {}
    for item in sorted(os.listdir(dist)):
        # The bundle, its lazy chunks (NNN.decap-cms.js) and its licence notice; no source maps, no second build.
        if item == BUNDLE or (item.endswith("." + BUNDLE) and item.split(".", 1)[0].isdigit()) or item == BUNDLE + ".LICENSE.txt" \
                or item.endswith(".wasm"):
            files[item] = (dist / item).read_bytes()
    files["index.html"] = (ASSETS / "index.html").read_text(encoding="utf-8").replace("{title}", html.escape(title)).encode("utf-8")
    files["locale-lv.js"] = (ASSETS / "locale-lv.js").read_bytes()
    files["konkursi-cms.js"] = (ASSETS / "konkursi-cms.js").read_bytes()
    files["konkursi-cms.css"] = (ASSETS / "konkursi-cms.css").read_bytes()
    backend = Backend(admin.backend, os.environ.get(LOCAL_API) or None)
    config = cms_config(layout, choices_of(records), backend, site_url, paths or Paths(), directory_urls)
    files["config.yml"] = config_text(config).encode("utf-8")
    return {f"{admin.path}/{name}": content for name, content in files.items()}


__all__ = ["Admin", "AdminError", "LOCAL_API", "admin_files"]
