"""The web editor's files in the built site: Decap CMS from the npm registry, its Latvian interface and config."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lv import plural
from ..records.errors import printable
from ..site.paths import Paths
from .config import Backend, choices_of, cms_config, config_text, public_choices

ASSETS = Path(__file__).parent / "assets"
BUNDLE = "decap-cms.js"
"""Decap CMS's browser bundle in its npm package's ``dist/`` (the other files there are its lazy chunks)."""
LOCAL_API: list[str] = []
"""``konkursi edit``'s file server's address while it runs, in this process only (never from the environment: a
published config must not point the editor at another server); the config then names it as Decap's local backend."""


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
        if not all(_FOLDER.fullmatch(part) for part in path.split("/")):
            raise AdminError(f"plugins.konkursi.admin.path: „{printable(path)}” nav mapes nosaukums vietnē: mazie latīņu burti, "
                             "cipari un defise, piemēram, admin")
        backend = options.get("backend") or {}
        if not isinstance(backend, dict) or not all(isinstance(key, str) and _plain(value) for key, value in backend.items()):
            raise AdminError("plugins.konkursi.admin.backend: jābūt Decap CMS backend laukiem (name, repo, branch …) ar "
                             "teksta, skaitļa vai jā/nē vērtībām")
        if not isinstance(options.get("dist", cls.dist), str):
            raise AdminError("plugins.konkursi.admin.dist: jābūt mapes ceļam (tekstam)")
        return cls(path, str(options.get("dist", cls.dist)), dict(backend))


_FOLDER = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A folder name of the editor's address: nothing a URL, a file (index.html, sitemap.xml) or a shell could misread."""


def _plain(value) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def admin_files(admin: Admin, layout, records, title: str, site_url: str | None = None, paths=None,
                directory_urls: bool = True, catalogue=None) -> dict[str, bytes]:
    """``{path in the site: content}`` of the editor: Decap's bundle and chunks, index.html, locale, config."""
    dist = layout.root / admin.dist
    if not (dist / BUNDLE).is_file():
        raise AdminError(
            f"satura redaktora (Decap CMS) faili nav instalēti: nav {(Path(admin.dist) / BUNDLE).as_posix()}. "
            "Palaidiet scripts/build.sh (tas tos uzstāda no npm reģistra) vai izdzēsiet no mkdocs.yml ierakstu admin:"
        )
    files: dict[str, bytes] = {}
    for item in sorted(os.listdir(dist)):
        if os.path.islink(dist / item) or not (dist / item).is_file():
            continue  # only the package's own files: never one a link leads to
        # The bundle, its lazy chunks (NNN.decap-cms.js) and its licence notice; no source maps, no second build.
        if item == BUNDLE or (item.endswith("." + BUNDLE) and item.split(".", 1)[0].isdigit()) or item == BUNDLE + ".LICENSE.txt" \
                or item.endswith(".wasm"):
            files[item] = (dist / item).read_bytes()
    local = LOCAL_API[-1] if LOCAL_API else None
    depth = admin.path.count("/") + 1
    page = (ASSETS / "index.html").read_text(encoding="utf-8")
    page = page.replace("{title}", html.escape(title)).replace("{favicon}", "../" * depth + "assets/images/favicon.png")
    page = page.replace("{connect}", html.escape(" ".join(_connect_sources(admin.backend, local)), quote=False).replace('"', "&quot;"))
    files["index.html"] = page.encode("utf-8")
    files["locale-lv.js"] = (ASSETS / "locale-lv.js").read_bytes()
    files["konkursi-cms.js"] = (ASSETS / "konkursi-cms.js").read_bytes()
    files["konkursi-cms.css"] = (ASSETS / "konkursi-cms.css").read_bytes()
    backend = Backend(admin.backend, local)
    # The published editor offers only what the site publishes (a draft's name is in no public file);
    # konkursi edit, on this computer, every record.
    choices = choices_of(records) if local or catalogue is None else public_choices(catalogue)
    config = cms_config(layout, choices, backend, site_url, paths or Paths(), directory_urls)
    files["config.yml"] = config_text(config).encode("utf-8")
    return {f"{admin.path}/{name}": content for name, content in files.items()}


def _connect_sources(backend: dict, local: str | None) -> list[str]:
    """Where the editor page may send requests (its Content-Security-Policy): itself, konkursi edit's file
    server, the backend's API. Nothing else: Decap's GitHub backend also asks www.githubstatus.com every five
    minutes, which the policy refuses (Decap then takes GitHub as working)."""
    sources = ["'self'"]
    if local:
        sources.append(local.split("/api/", 1)[0])
    name = backend.get("name", "github")
    api_root = backend.get("api_root")
    if isinstance(api_root, str) and api_root.startswith("https://"):
        sources.append(api_root.rstrip("/"))
    elif name == "github":
        sources.append("https://api.github.com")
    elif name == "gitlab":
        sources.append("https://gitlab.com")
    return sources


__all__ = ["Admin", "AdminError", "LOCAL_API", "admin_files"]
