"""Where each generated page goes: every URL shape is defined here and nowhere else."""

from __future__ import annotations

import posixpath
from string import Formatter
from dataclasses import dataclass, fields


class _PathShapes:
    """A registry of path shapes: one format string per kind, overridable from mkdocs.yml."""

    def format(self, kind: str, **ids: str) -> str:
        """Path of ``kind`` for the given ids."""
        return getattr(self, kind).format(**ids)

    @classmethod
    def from_config(cls, overrides: dict[str, str] | None):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (overrides or {}).items() if k in names})

    @classmethod
    def unknown(cls, overrides: dict | None) -> list[str]:
        """Keys of ``overrides`` that name no shape (a typo would otherwise be ignored without a word)."""
        names = {f.name for f in fields(cls)}
        return sorted(str(key) for key in (overrides or {}) if key not in names)

    def problems(self) -> list[tuple[str, str]]:
        """``(kind, Latvian message)`` for every shape that would write outside its folder, over another
        output, or cannot be filled."""
        found = []
        for shape in fields(self):
            problem = _shape_problem(getattr(self, shape.name), shape.default)
            if problem:
                found.append((shape.name, problem))
        return found


def unknown_kind_problem(paths: dict | None, outputs: dict | None) -> str | None:
    """Latvian message when the plugin's ``paths:`` or ``outputs:`` name a kind of path that does not exist."""
    unknown = Paths.unknown(paths) + Outputs.unknown(outputs)
    if not unknown:
        return None
    return f'laukā "plugins.konkursi": nezināms ceļa veids "{unknown[0]}" (paths vai outputs); skatiet konkursi.paths'


_RESERVED = {"assets", "search", "pagefind", "sitemap.xml", "sitemap.xml.gz", "404.md", "404.html"}
"""What MkDocs and the theme write at the top of the site."""


def _shape_problem(value: object, default: str) -> str | None:
    allowed = {name for _, name, _, _ in Formatter().parse(default) if name}
    if not isinstance(value, str) or not value:
        return f"jābūt ceļam (tekstam), piemēram, konkursi/{{round}}/{{municipality}}.md, nevis {value!r}"
    try:
        fields_ = [(name, spec, conversion) for _, name, spec, conversion in Formatter().parse(value) if name is not None]
    except ValueError:
        return f'ceļā "{value}" ir nepāra figūriekavas {{ }}'
    if any(spec or conversion for _, spec, conversion in fields_):
        # "{round:.<2.0}" would make ".." of an id: a place is filled in as it is, nothing more.
        return f'ceļā "{value}" vietās drīkst būt tikai nosaukums, piemēram, {{round}}, bez formāta (:…, !…)'
    used = {name for name, _, _ in fields_}
    missing = sorted(allowed - used)
    if missing:
        return f'ceļā "{value}" trūkst vietas {{{missing[0]}}}: bez tās vairāki faili saņemtu vienu ceļu'
    suffix = "." + default.rsplit(".", 1)[1]
    if not value.endswith(suffix):
        return f'ceļam "{value}" jābeidzas ar {suffix}, kā šī veida failam (piemēram, {default})'
    unknown = sorted(used - allowed)
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "nekādas"
        return f'ceļā "{value}" ir nezināma vieta {{{unknown[0]}}}; atļautās: {known}'
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or "" in parts or any(part.startswith(".") for part in parts) \
            or any(not char.isprintable() for char in value):
        return f'ceļam "{value}" jābūt relatīvam vietnes mapē (bez "/" sākumā, "..", "." vai slēptām daļām ar . sākumā)'
    if parts[0] in _RESERVED or value in _RESERVED:
        return f'ceļš "{value}" aizņemtu MkDocs vai tēmas failus ({", ".join(sorted(_RESERVED))})'
    return None


@dataclass(frozen=True)
class Paths(_PathShapes):
    """Source paths (``.md``, relative to the docs dir) of generated pages, as format strings."""

    home: str = "index.md"
    """The home page."""
    calls: str = "konkursi/index.md"
    """The list of all calls."""
    call: str = "konkursi/{round}/{municipality}.md"
    """One call; ids are the round's folder and the municipality's file name."""
    rounds: str = "kartas/index.md"
    """The list of rounds."""
    round: str = "kartas/{round}.md"
    """One round with its calls."""
    municipalities: str = "pasvaldibas/index.md"
    """The list of municipalities by planning region."""
    municipality: str = "pasvaldibas/{municipality}.md"
    """One municipality with its calls and contacts."""
    contacts: str = "kontakti.md"
    """Contact persons of every municipality."""
    subscribe: str = "abonet.md"
    """How to subscribe: every feed and calendar."""
    open_data: str = "atvertie-dati.md"
    """The calls as open data: files, fields, licence."""
    search: str = "meklet.md"
    """The search page: the query in its address (``?q=``), results from the Pagefind index."""
    accessibility: str = "pieklustamibas-pazinojums.md"
    """The accessibility statement, from the programme's ``accessibility``."""
    press: str = "informacija-medijiem/index.md"
    """The press-release archive, newest first."""
    press_round: str = "informacija-medijiem/{round}/index.md"
    """A round's press release; its downloadable files sit in the same folder."""
    press_round_file: str = "informacija-medijiem/{round}/informacija-medijiem-{round}.{ext}"
    """A round's press release as a file to send (``ext``: docx, txt)."""
    press_results: str = "informacija-medijiem/{round}/rezultati/index.md"
    """A round's results release, once every call of the round has reported."""
    press_results_file: str = "informacija-medijiem/{round}/rezultati/informacija-medijiem-{round}-rezultati.{ext}"
    """A round's results release as a file to send."""
    press_call: str = "informacija-medijiem/{round}/{municipality}/index.md"
    """A call's press release for local media."""
    press_call_file: str = "informacija-medijiem/{round}/{municipality}/informacija-medijiem-{round}-{municipality}.{ext}"
    """A call's press release as a file to send."""



@dataclass(frozen=True)
class Outputs(_PathShapes):
    """Files written next to the pages (feeds, calendars, data), relative to the site dir.

    ``{format}`` in a feed path is ``rss`` or ``atom``.
    """

    feed: str = "abonet/konkursi.{format}.xml"
    """Every call of the site."""
    municipality_feed: str = "abonet/pasvaldibas/{municipality}.{format}.xml"
    """The calls of one municipality."""
    round_feed: str = "abonet/kartas/{round}.{format}.xml"
    """The calls of one round."""
    calendar: str = "kalendars/konkursi.ics"
    """Openings and deadlines of every call."""
    municipality_calendar: str = "kalendars/pasvaldibas/{municipality}.ics"
    """Openings and deadlines of one municipality's calls."""
    round_calendar: str = "kalendars/kartas/{round}.ics"
    """Openings and deadlines of one round's calls."""
    call_calendar: str = "kalendars/konkursi/{round}/{municipality}.ics"
    """Opening and deadline of one call."""
    calls_json: str = "dati/calls.json"
    """Every call as JSON."""
    calls_csv: str = "dati/calls.csv"
    """Every call as CSV, one call a row."""
    calls_schema: str = "dati/calls.schema.json"
    """JSON Schema of ``calls_json``."""
    contacts_csv: str = "kontakti.csv"
    """The municipalities' contact persons as CSV."""



def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page whose source is ``path`` (a README is an index)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "README" or stem.endswith("/README"):
        stem = stem[: -len("README")] + "index"
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def file_link(source: str, target: str, directory_urls: bool = True) -> str:
    """Link from page ``source`` (``.md``) to output file ``target``, relative to the built page.

    Needed for raw HTML links: MkDocs rewrites Markdown links to pages, not these.
    """
    url = page_url(source, directory_urls)
    base = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
    return _relpath(target, base)


@dataclass(frozen=True)
class SiteUrls:
    """Absolute URLs of pages and output files under ``site_url``."""

    site_url: str
    paths: Paths = Paths()
    outputs: Outputs = Outputs()
    directory_urls: bool = True

    def page(self, kind: str, **ids: str) -> str:
        return self.absolute(page_url(self.paths.format(kind, **ids), self.directory_urls))

    def file(self, kind: str, **ids: str) -> str:
        return self.absolute(self.outputs.format(kind, **ids))

    def absolute(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + path


def relative_link(source: str, target: str) -> str:
    """Link from page ``source`` to page ``target``, both docs-dir paths of ``.md`` files."""
    return _relpath(target, posixpath.dirname(source))


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without its look at the working directory
    (a call page's links cost a tenth)."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    base = [part for part in start.split("/") if part not in ("", ".")]
    if ".." in to or ".." in base:
        return posixpath.relpath(target, start or ".")
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
