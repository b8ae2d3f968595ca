"""MkDocs hook (``hooks:`` in mkdocs.yml): mends markup of mkdocs-material that no template override reaches.

Material's ``base.html`` writes the drawer and search toggles, two checkboxes, with ``autocomplete="off"``
(so that Firefox does not restore them open on reload). HTML allows ``autocomplete`` on no checkbox: the Nu Html
Checker reports both on every page (tests/test_html_valid.py). The inputs lie outside every block of
``base.html``, so only a copy of the whole of it could leave the attribute out, and such a copy would pin the
hashed file names of Material's stylesheet and script (after an update of Material its pages would load
neither). The attribute is taken out of each rendered page instead; konkursi.js closes a toggle that a browser
restored checked.
"""

from __future__ import annotations

import re

_TOGGLES = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">'
)


def mend(html: str) -> str:
    """``html`` without the attribute on the theme's two toggles (anything else is left as it is)."""
    return _TOGGLES.sub(r"\1>", html, count=2)


def on_post_page(output: str, page, config) -> str:
    return mend(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """Pages MkDocs renders from a theme template alone (404.html)."""
    return mend(output_content) if template_name.endswith(".html") else output_content
