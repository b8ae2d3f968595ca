"""Compares a Zensical build of konkursi's generated pages with konkursi's own build (issue 17).

Usage: python bench/zensical_compare.py REF_SITE ZENSICAL_SITE
Run by bench/zensical_trial.sh; standard library only. Prints figures, asserts nothing: it is a trial,
not part of the test suite.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SKIP_ANCHOR = '<a id="__skip" tabindex="-1"></a>'  # Zensical opens every article with it
UP_LINK = re.compile(r'href="(\.\./[^"]*)"')
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
LOADS = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\ssrc="([^"]*)"|<link\b([^>]*)>')
CALL = "konkursi/2020-pavasaris/cesu-novads/index.html"
ROUND = "kartas/2020-pavasaris/index.html"
HOME = "index.html"


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def url_of(rel: str, prefix: str = "/") -> str:
    return prefix + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def article(path: Path) -> str:
    found = ARTICLE.search(path.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


def normal(text: str, url: str, *, loose: bool, resolve: bool) -> str:
    """The article with whitespace between tags folded; ``loose`` also drops the differences that
    change nothing a reader sees (Zensical's skip anchor, the search-only attribute data-search-exclude);
    ``resolve`` turns every relative href into the path it leads to from the page's address."""
    if loose:
        text = text.replace(SKIP_ANCHOR, "", 1).replace(" data-search-exclude", "")
    text = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text)).strip()
    if resolve:
        text = re.sub(r'href="([^"#:]+)"',
                      lambda m: 'href="%s"' % urlsplit(urljoin("https://h" + url, html.unescape(m.group(1)))).path, text)
    return text


def broken_links(site: Path, prefix: str) -> tuple[int, int, list[str]]:
    """Relative links and sources of every page that lead to no file when the site is served under ``prefix``."""
    total, broken, pages = 0, 0, set()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html":  # served for any address: both engines give it site-absolute links by design
            continue
        for link in map(html.unescape, LINK.findall(page.read_text(encoding="utf-8"))):
            if not link or link.startswith(("#", "mailto:", "tel:", "data:", "javascript:", "//")) or "://" in link:
                continue
            total += 1
            path = urlsplit(urljoin("https://h" + url_of(rel, prefix), link)).path
            target = unquote(path[len(prefix):]) if path.startswith(prefix) else None
            ok = target is not None and (
                (site / target / "index.html").is_file() if target in ("",) or target.endswith("/") else (site / target).is_file())
            if not ok:
                broken += 1
                pages.add(rel)
    return total, broken, sorted(pages)


def third_party_loads(site: Path, own_host: str) -> dict[str, int]:
    """Hosts other than the site's that a browser would fetch from without a click (scripts, images,
    stylesheets, preconnects), over every page; links to follow are not counted."""
    hosts: dict[str, int] = {}
    for page in site.rglob("*.html"):
        for src, link in LOADS.findall(page.read_text(encoding="utf-8")):
            if link:
                rel = re.search(r'rel="([^"]*)"', link)
                if rel and rel.group(1).split()[0] in ("alternate", "canonical"):
                    continue
                href = re.search(r'href="([^"]*)"', link)
                src = href.group(1) if href else ""
            host = urlsplit(html.unescape(src)).hostname
            if host and host != own_host:
                hosts[host] = hosts.get(host, 0) + 1
    return hosts


def count(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").count(needle) if path.is_file() else 0


def main(ref: Path, zen: Path) -> None:
    ref_files, zen_files = files(ref), files(zen)
    ref_pages = {f for f in ref_files if f.endswith(".html")}
    zen_pages = {f for f in zen_files if f.endswith(".html")}
    print(f"HTML pages: konkursi {len(ref_pages)}, Zensical {len(zen_pages)}, in both {len(ref_pages & zen_pages)}; "
          f"only konkursi: {sorted(ref_pages - zen_pages) or 'none'}; only Zensical: {sorted(zen_pages - ref_pages) or 'none'}")
    assets = ("assets/", "search/", "search.json", "sitemap.xml", ".konkursi-site")
    ref_other = {f for f in ref_files - ref_pages if not f.startswith(assets)}
    zen_other = {f for f in zen_files - zen_pages if not f.startswith(assets)}
    same = [f for f in ref_other & zen_other
            if hashlib.sha256((ref / f).read_bytes()).digest() == hashlib.sha256((zen / f).read_bytes()).digest()]
    kinds: dict[str, int] = {}
    for f in ref_other:
        kinds[f.rsplit(".", 1)[-1]] = kinds.get(f.rsplit(".", 1)[-1], 0) + 1
    print(f"other files (feeds, calendars, data, releases, logos; {', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}): "
          f"konkursi {len(ref_other)}, Zensical {len(zen_other)}, byte-identical {len(same)}; "
          f"missing in Zensical: {sorted(ref_other - zen_other) or 'none'}")
    print(f"theme files only in konkursi's build: {len([f for f in ref_files - zen_files if f.startswith(assets)])} "
          f"(e.g. {', '.join(sorted(f for f in ref_files - zen_files if f.startswith(assets) and 'lunr' not in f)[:4])}); "
          f"only in Zensical's: {len([f for f in zen_files - ref_files if f.startswith(assets)])}")

    for label, loose, resolve in (("byte-identical", False, False), ("same up to whitespace", False, False),
                                  ("same without skip anchor and data-search-exclude", True, False),
                                  ("... and with relative links resolved from the page's address", True, True)):
        differ = []
        for rel in sorted(ref_pages & zen_pages):
            a, b = article(ref / rel), article(zen / rel)
            if label == "byte-identical":
                equal = a == b
            else:
                equal = normal(a, url_of(rel), loose=loose, resolve=resolve) == normal(b, url_of(rel), loose=loose, resolve=resolve)
            if not equal:
                differ.append(rel)
        print(f"articles {label}: {len(ref_pages & zen_pages) - len(differ)} of {len(ref_pages & zen_pages)}"
              + (f"; still differ: {', '.join(differ)}" if len(differ) <= 6 else ""))
    for name, rel in (("home", HOME), ("round", ROUND), ("call", CALL)):
        a, b = (normal(article(s / rel), url_of(rel), loose=True, resolve=True) for s in (ref, zen))
        raw = (article(ref / rel).count("data-search-exclude"), article(zen / rel).count("data-search-exclude"))
        rewritten = {h for h in UP_LINK.findall(article(zen / rel))} - {h for h in UP_LINK.findall(article(ref / rel))}
        print(f"  {name} page {rel}: {'same' if a == b else 'DIFFERENT'} once normalised; data-search-exclude "
              f"konkursi {raw[0]}, Zensical {raw[1]}; links that Zensical rewrote: {len(rewritten)}")

    for prefix in ("/", "/konkursi/"):
        (rt, rb, _), (zt, zb, zp) = broken_links(ref, prefix), broken_links(zen, prefix)
        print(f"broken relative links served under {prefix}: konkursi {rb} of {rt}, Zensical {zb} of {zt} on {len(zp)} pages"
              + (f" ({', '.join(zp)})" if 0 < len(zp) <= 3 else ""))

    call_ref, call_zen = ref / CALL, zen / CALL
    checks = [
        ("<title> from main.html block htmltitle", "<title>Cēsu novads: jaunatnes"),
        ("Open Graph meta (block extrahead)", 'property="og:'),
        ("feed autodiscovery links (block extrahead)", 'rel="alternate feed"'),
        ("JSON-LD of the call (block extrahead)", "application/ld+json"),
        ("EU emblem and fund (block announce)", 'class="konkursi-eu"'),
        ("funding statement (block footer)", "konkursi-funding"),
        ("Latvian search counts (partials/language.html)", "Atrast\\u0101s lapas: #"),
        ("toggles with autocomplete=off (the hook removes them)", 'type="checkbox" id="__drawer" autocomplete="off"'),
    ]
    print("call page, theme overrides and hook (konkursi / Zensical):")
    for label, needle in checks:
        r = count(call_ref, needle)
        z = count(call_zen, needle) or count(call_zen, needle.encode().decode("unicode_escape"))
        print(f"  {label}: {r} / {z}")
    print(f"  404.html Latvian text: {count(ref / '404.html', 'Lapa nav atrasta')} / {count(zen / '404.html', 'Lapa nav atrasta')}")
    generator = re.compile(r'<meta name="generator" content="([^"]*)"')
    print(f"  generator meta (extra.generator: false): {generator.findall(call_ref.read_text(encoding='utf-8'))} / "
          f"{generator.findall(call_zen.read_text(encoding='utf-8'))}")

    ref_index = json.loads((ref / "search/search_index.json").read_text(encoding="utf-8"))
    zen_path = zen / "search.json"
    zen_index = json.loads(zen_path.read_text(encoding="utf-8")) if zen_path.is_file() else {"items": []}
    by_location = {d["location"]: d for d in ref_index["docs"]}
    equal = sum(1 for d in zen_index["items"]
                if d["location"] in by_location and (d["title"], d["text"]) == (by_location[d["location"]]["title"], by_location[d["location"]]["text"]))
    print(f"search index: konkursi search/search_index.json {(ref / 'search/search_index.json').stat().st_size} B, "
          f"{len(ref_index['docs'])} entries (keys {sorted(ref_index)}); Zensical search.json "
          f"{zen_path.stat().st_size if zen_path.is_file() else 0} B, {len(zen_index['items'])} entries (keys {sorted(zen_index)}); "
          f"same title and text: {equal}")

    locs = re.compile(r"<loc>([^<]*)</loc>")
    ref_map, zen_map = ((s / "sitemap.xml").read_text(encoding="utf-8") for s in (ref, zen))
    print(f"sitemap.xml: konkursi {len(locs.findall(ref_map))} URLs ({ref_map.count('<lastmod>')} lastmod, "
          f"sitemap.xml.gz {'yes' if (ref / 'sitemap.xml.gz').exists() else 'no'}), Zensical {len(locs.findall(zen_map))} URLs "
          f"({zen_map.count('<lastmod>')} lastmod, sitemap.xml.gz {'yes' if (zen / 'sitemap.xml.gz').exists() else 'no'}), "
          f"same URLs: {set(locs.findall(ref_map)) == set(locs.findall(zen_map))}")
    own = "konkursi.example"
    print(f"third-party hosts loaded without a click: konkursi {third_party_loads(ref, own) or 'none'}, "
          f"Zensical {third_party_loads(zen, own) or 'none'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
