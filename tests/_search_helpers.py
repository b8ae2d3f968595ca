"""Reading the site's Pagefind index back: what a visitor's search can find, page by page."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from konkursi.outputs.search import SIGNATURE


def indexed_pages(site: Path) -> dict[str, dict]:
    """Every page in the index by its URL path ("/konkursi/…/"): content, meta (title …) and filters."""
    pages = {}
    for fragment in sorted((Path(site) / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        page = json.loads(data[len(SIGNATURE):])
        pages[page["url"]] = page
    return pages


def index_text(site: Path) -> str:
    """All text the index holds (contents, titles, meta), for scans."""
    return "\n".join(json.dumps(page, ensure_ascii=False) for page in indexed_pages(site).values())


def words(page: dict) -> set[str]:
    """The words of an indexed page's content (the narrowing words like ``konkursi_regions_latgale`` among them)."""
    return set(re.findall(r"\w+", page["content"]))
