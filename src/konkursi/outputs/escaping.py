"""Record text made safe where templates print it: Markdown, HTML attributes, page titles."""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~&<]")
"""Characters with a meaning in Markdown (each gets a backslash), and "&" and "<" (entities)."""

# Backslashes first, then the entities: no replacement adds a character that a later one changes.
_MD_REPLACEMENTS = (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;")) + tuple(
    (char, "\\" + char) for char in "`*_{}[]()#+-.!|>~"
)


def md_escape(text: Any) -> str:
    """Make record text safe inside Markdown: no markup, no HTML, one line."""
    text = " ".join(str(text).split())
    if _MD_SPECIAL.search(text) is None:  # most names and numbers: nothing to escape
        return text
    for char, replacement in _MD_REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def html_title(title: str) -> str:
    """A page title (heading HTML as MkDocs keeps it) as escaped plain text for ``<title>``."""
    return html.escape(Markup(title).striptags(), quote=False)


def finalize(value: Any) -> Markup:
    # Everything a template prints from the records is escaped for Markdown and
    # HTML; only values already marked safe (links, macros, attributes) pass.
    if isinstance(value, Markup):
        return value
    # str.__new__ makes the same Markup without Markup.__new__'s checks (a plain str has no __html__).
    return str.__new__(Markup, md_escape(value))


def attr(value: Any) -> Markup:
    """Escape a value for an HTML attribute (or any raw HTML context)."""
    return Markup(html.escape(str(value), quote=True))
