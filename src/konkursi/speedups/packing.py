"""Text kept compressed while it waits in memory (pages' Markdown and HTML during a build).

It bypasses no library: it trades a little CPU for memory, so it is switched like the others
(``KONKURSI_SPEEDUPS=0`` keeps the text as it is) and needs no proven version.
"""

from __future__ import annotations

import zlib

from . import enabled, proven

PACKING = proven("markdown-packing")


def pack(text: str) -> bytes | str:
    """``text`` as compressed UTF-8 (a third of its size as UTF-8 and a sixth of Python's ``str``), if switched on.

    Latvian letters (ā, č, š …) make Python keep a whole string at two bytes a character; a
    site of 5,000 calls holds 10,000 pages of Markdown and, while MkDocs builds, their HTML.
    Level 1: nearly the size of the default level at two thirds of its time. Switched off, the
    text itself.
    """
    return zlib.compress(text.encode("utf-8"), 1) if enabled(PACKING) else text


def unpack(data: bytes | str) -> str:
    """The text that ``pack`` made ``data`` of."""
    return data if isinstance(data, str) else zlib.decompress(data).decode("utf-8")
