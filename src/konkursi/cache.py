"""A content-keyed cache of costly outputs (.docx), so rebuilds and previews redo only what changed."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

VERSION = "1"
"""Bump when the way an output is made changes, so that no stale output is reused."""


class ContentCache:
    """Outputs stored by the hash of everything they are made from; ``None`` folder: no cache."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def get(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The cached output for ``key``, else ``make()`` stored for next time."""
        if self.folder is None:
            return make()
        digest = hashlib.sha256(f"{VERSION}\0{kind}\0{key}".encode("utf-8")).hexdigest()
        path = self.folder / kind / digest[:2] / digest
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = make()
        self._store(path, data)
        return data

    @staticmethod
    def _store(path: Path, data: bytes) -> None:
        # Written beside and renamed, so a killed build never leaves a half-written entry.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only or full disk only costs speed
