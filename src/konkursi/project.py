"""The whole pipeline on one project: load → validate → derive → render → publish files."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .delivery.sitedir import OutputDirError, replace_file
from .cms.site import Admin, AdminError, admin_files
from .memo import NO_MEMO, Memo
from .options import BY_NAME
from .outputs.calendars import build_calendars
from .outputs.context import DEFAULT_AUTHORITY, Context, TagIds, authority_problem
from .outputs.feeds import FeedLink, build_feeds, page_feeds
from .outputs.files import Deferred, Files, stored_items
from .outputs.opendata import FIELDS, LICENCE, build_open_data
from .outputs.pages import FileLinks, Page, Renderer
from .outputs.press import PressBuilder, Release, output_files
from .outputs.search import FOLDER as SEARCH_FOLDER
from .records.errors import Problem, Problems, ValidationFailed
from .records.load import Layout, Records, load_records
from .records.validate import check_records
from .site.clock import ClockError, fixed_now, resolve_now
from .site.derive import Catalogue, catalogue_warnings, derive, unpublished_notes
from .site.paths import Outputs, Paths, SiteUrls, page_url


@dataclass(frozen=True)
class Project:
    """A konkursi project on disk and how to build it."""

    layout: Layout
    templates: Path
    """Folder of the page templates (``theme/pages``)."""
    paths: Paths = field(default_factory=Paths)
    now: str | None = None
    """Fixed "now" for statuses (``2020-04-20 12:00``); None means the current time."""
    site_url: str | None = None
    """``site_url`` of mkdocs.yml: feeds, calendars and data need absolute links."""
    directory_urls: bool = True
    """``use_directory_urls`` of mkdocs.yml."""
    outputs: Outputs = field(default_factory=Outputs)
    id_authority: str = DEFAULT_AUTHORITY
    """Authority of the ``tag:`` ids in feeds and calendars; never changes, even when the domain does."""
    admin: Admin | None = None
    """The web editor (Decap CMS) at ``/admin/``, when mkdocs.yml asks for it."""
    site_name: str = ""

    @classmethod
    def at(cls, root: Path | str, **options) -> "Project":
        """The project in ``root`` with the standard layout."""
        root = Path(root)
        templates = options.pop("templates", BY_NAME["templates"].default)
        return cls(Layout(root, **options.pop("layout", {})), root / templates, **options)


@dataclass(frozen=True)
class Result:
    """What a successful run produced."""

    records: Records
    catalogue: Catalogue
    pages: list[Page]
    warnings: list[Problem]
    releases: list[Release] = field(default_factory=list)
    """Public press releases, newest first."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """``{path relative to the site dir: content}``: press releases as .docx and .txt."""


def validate(project: Project, memo: Memo = NO_MEMO) -> tuple[Records, list[Problem]]:
    """Load and check every record; raise ``ValidationFailed`` with all errors at once."""
    problems = Problems()
    for option, shapes in (("paths", project.paths), ("outputs", project.outputs)):
        for kind, message in shapes.problems():
            problems.error("mkdocs.yml", 0, message, f"plugins.konkursi.{option}.{kind}")
    records = load_records(project.layout, problems, memo)
    check_records(records, problems)
    _check_reserved_ids(project, records, problems)
    problems.raise_if_errors()
    return records, problems.warnings


def generate(project: Project, existing: set[str] = frozenset(), now: dt.datetime | None = None, memo: Memo = NO_MEMO) -> Result:
    """Validate, derive and render; ``existing`` are hand-written pages generated ones may not replace.

    A ``memo`` kept between the builds of a preview makes a rebuild redo only what changed.
    """
    records, warnings = validate(project, memo)
    fixed = now is not None
    if now is None:
        try:
            fixed = fixed_now(project.now) is not None
            now = resolve_now(project.now)
        except ClockError as error:
            problem = Problem("mkdocs.yml", 0, str(error), "now") if error.origin == "now" else Problem(error.origin, 0, error.reason)
            raise ValidationFailed([problem]) from None
    catalogue = derive(records, now, now_fixed=fixed)
    warnings = warnings + unpublished_notes(records, now) + catalogue_warnings(catalogue)
    links = FileLinks(project.outputs, project.site_url, project.directory_urls)
    renderer = Renderer(project.templates, project.paths, links, memo, licence=LICENCE, data_fields=FIELDS)
    releases = PressBuilder(project.templates, project.paths, project.site_url, project.directory_urls, memo).build(catalogue)
    pages = renderer.render_all(catalogue, releases) + renderer.render_press(catalogue, releases)
    files = Files(output_files(releases, memo), renderer.render_files(catalogue))
    # With the docs dir known (a build, not the library alone), a logo must be one of its files.
    _check_collisions(pages, existing, files, _missing_logo_files(records, existing) if existing else [], project.directory_urls,
                      project.admin.path if project.admin else None)
    return Result(records, catalogue, pages, warnings, releases, files)


def _check_reserved_ids(project: Project, records: Records, problems: Problems) -> None:
    """A municipality may not take the address of a round's own page (its results release: ``rezultati``)."""
    taken = project.paths.format("press_results", round="R")
    for municipality_id in sorted(records.municipality_files):
        if project.paths.format("press_call", round="R", municipality=municipality_id) == taken:
            path = f"{project.layout.municipalities}/{municipality_id}.yml"
            problems.error(path, 0, f'identifikators „{municipality_id}” ir aizņemts: šajā adresē ir kārtas rezultātu preses '
                           "relīze; pārdēvējiet failu (piemēram, par …-novads.yml)")


def _missing_logo_files(records: Records, existing: set[str]) -> list[Problem]:
    """A logo must be a file of the docs dir itself (not a link out of it), and an SVG one must hold no script."""
    found = []
    root = getattr(existing, "root", None)
    for index, logo in enumerate(records.programme.logos, 1):
        message = None
        if logo.file not in existing:
            message = f'attēla fails "{logo.file}" nav atrasts mapē content/'
        elif root is not None:
            message = _logo_file_problem(Path(root), logo.file)
        if message:
            found.append(Problem(logo.source.path, logo.source.line_of("file"), message, f"logos[{index}].file"))
    return found


# What makes an SVG more than a picture when it is opened on its own: scripts, event handlers, links to scripts, HTML.
_ACTIVE_SVG = re.compile(r"<\s*script|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject|<!ENTITY", re.IGNORECASE)


def _logo_file_problem(root: Path, relative: str) -> str | None:
    path = root / relative
    try:
        if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
            return f'attēla fails "{relative}" ir saite uz failu ārpus mapes content/; ielieciet pašu attēlu mapē content/'
        if path.suffix.lower() == ".svg" and _ACTIVE_SVG.search(path.read_text(encoding="utf-8", errors="replace")):
            return f'SVG failā "{relative}" ir skripts, notikumu apstrādātājs vai HTML; saglabājiet attēlu bez tiem (piemēram, eksportējot kā vienkāršu SVG)'
    except OSError as error:
        return f'attēla failu "{relative}" nevar nolasīt: {error.strerror or error}'
    return None


def sources(project: Project, docs_dir: Path, custom_dir: Path | None = None, config_file: Path | None = None) -> list[tuple[str, Path]]:
    """The project's hand-written folders and files, ``(name, path)``: no output, cache or copy may overlap them."""
    layout = project.layout
    named = [
        (docs_dir.name, docs_dir),
        (layout.programme, layout.root / layout.programme),
        (layout.municipalities, layout.root / layout.municipalities),
        (layout.calls, layout.root / layout.calls),
        ("theme", layout.root / "theme"),
        (str(project.templates), project.templates),
    ]
    if config_file is not None:
        named.append((config_file.name, config_file))
    if custom_dir is not None:
        named.append((custom_dir.name, custom_dir))
    return named


class DocsFiles(set):
    """The paths of a docs dir's files, knowing the dir (``root``) they are in."""

    root: Path


def docs_files(docs_dir: Path | str) -> DocsFiles:
    """Paths of the hand-written files in the docs dir, relative to it (generated ones may not replace them)."""
    found = DocsFiles()
    found.root = Path(docs_dir)
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            found.add(Path(folder, name).relative_to(docs_dir).as_posix())
    return found


def _check_collisions(pages: list[Page], existing: set[str], files: Mapping[str, bytes] | None = None, found: list[Problem] = (),
                      directory_urls: bool = True, admin: str | None = None) -> None:
    problems = Problems()
    problems.items.extend(found)
    if admin and admin.split("/")[0].casefold() in RESERVED_FOR_ADMIN:
        problems.error("mkdocs.yml", 0, f"satura redaktora mape {admin}/ ir aizņemta (tur ir vietnes meklēšana vai noformējums); "
                                        "izvēlieties citu, piemēram, admin", "plugins.konkursi.admin.path")
    seen: set[str] = set()
    addresses = {page_url(path, directory_urls): path for path in existing if path.endswith(".md")}
    outputs = [(page.path, "lapu") for page in pages] + [(path, "failu") for path in files or {}]
    for path in sorted(existing) + [path for path, _ in outputs]:
        # The search index's folder (outputs/search.py) replaces whatever a page or file put there.
        address = page_url(path, directory_urls) if path.endswith(".md") else path
        if address.split("/")[0].casefold() == SEARCH_FOLDER:
            problems.error(path, 0, f"adrese {address} ir mapē {SEARCH_FOLDER}/, kur ir vietnes meklēšanas indekss; "
                                    "pārdēvējiet failu vai izvēlieties citu ceļu")
        if admin and _under(address, admin):
            problems.error(path, 0, f"adrese {address} ir satura redaktora mapē {admin}/ (plugins.konkursi.admin.path); "
                                    "pārdēvējiet failu vai izvēlieties redaktoram citu mapi")
    for path, what in outputs:
        other = addresses.get(page_url(path, directory_urls)) if what == "lapu" else None
        if path in existing:
            problems.error(path, 0, f"šo {what} veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; pārdēvējiet vai izdzēsiet to")
        elif other is not None:
            problems.error(other, 0, f"šī lapa būtu tajā pašā adresē, kurā konkursi veido lapu {path}; pārdēvējiet vai izdzēsiet to")
        elif path in seen:
            problems.error(path, 0, f"divi ieraksti veidotu {what} ar vienu un to pašu ceļu")
        seen.add(path)
    problems.raise_if_errors()


RESERVED_FOR_ADMIN = {SEARCH_FOLDER, "assets", "search"}
"""Folders the editor may not take: the search index's, the theme's files."""


def _under(address: str, folder: str) -> bool:
    address, folder = address.strip("/").casefold(), folder.strip("/").casefold()
    return address == folder or address.startswith(folder + "/")


def write_pages(pages: list[Page], out_dir: Path) -> list[Path]:
    """Write pages as plain Markdown files under ``out_dir`` (for another engine)."""
    writer = _Writer(out_dir, replace=True)
    return [writer(page.path, page.markdown.encode("utf-8")) for page in pages]


@dataclass(frozen=True)
class Published:
    """Files published next to the pages, and the feeds each page announces."""

    files: Mapping[str, bytes]
    """``{path relative to the site dir: content}``: feeds, calendars, data."""
    site_feeds: list[FeedLink]
    """Feeds every page links for autodiscovery."""
    page_feeds: dict[str, list[FeedLink]]
    """Further feeds of a page, by its source path (a municipality's, a round's)."""


def publish(project: Project, result: Result, existing: set[str] = frozenset(), memo: Memo = NO_MEMO,
            into: Path | None = None) -> Published:
    """Feeds, calendars and open data of a generated site; stops on a missing ``site_url``.

    ``existing`` are the docs dir's own files, which MkDocs copies to the same paths. A ``memo``
    kept between the builds of a preview remakes only the files whose records changed.

    With ``into`` (a folder), the files are written there, one group at a time as each is made,
    and not kept: ``files`` of the result is then empty. A site of 5,000 calls publishes some
    20,000 files; held all at once they would weigh more than the pages MkDocs builds.
    Every problem is still found before this returns; the caller discards ``into`` on one.
    """
    context = _context(project, tuple(result.releases), memo)

    admin = project.admin.path if project.admin else None

    def groups():  # made one at a time, as _merge_files asks for them; the editor's folder is its own
        yield _outside_admin(result.files, admin)
        for build in (build_feeds, build_calendars, build_open_data):
            yield _outside_admin(build(result.catalogue, context), admin)
        if project.admin is not None:
            yield _admin_files(project, result)

    files = _merge_files(groups(), existing, into)
    site_feeds, by_page = page_feeds(result.catalogue, context)
    return Published(files, site_feeds, by_page)


def _outside_admin(group: Mapping[str, bytes], admin: str | None) -> Mapping[str, bytes]:
    """``group``, once none of its files is in the editor's folder (else a Latvian error naming each)."""
    taken = sorted(path for path in group if admin and _under(path, admin))
    if taken:
        problems = Problems()
        for path in taken:
            problems.error("mkdocs.yml", 0, f"fails {path} būtu satura redaktora mapē {admin}/; izvēlieties redaktoram citu "
                                            "mapi (plugins.konkursi.admin.path)", "plugins.konkursi.admin.path")
        problems.raise_if_errors()
    return group


def _admin_files(project: Project, result: Result) -> dict[str, bytes]:
    try:
        return admin_files(project.admin, project.layout, result.records, project.site_name, project.site_url,
                           project.paths, project.directory_urls, result.catalogue)
    except AdminError as error:
        raise ValidationFailed([Problem("mkdocs.yml", 0, str(error), "plugins.konkursi.admin")]) from None


def _merge_files(built: Iterable[Mapping[str, bytes]], existing: set[str], into: Path | None = None) -> Files:
    problems = Problems()
    files: dict[str, bytes | Deferred] = {}
    seen: set[str] = set()
    writer = _Writer(into) if into is not None else None
    for group in built:  # a generator: each group is let go once it is written
        for path, content in stored_items(group):
            if path in seen:
                problems.error(path, 0, "divi ieraksti veidotu failu ar vienu un to pašu ceļu")
            elif path in existing:
                problems.error(path, 0, "šo failu veido konkursi, bet mapē content/ jau ir fails ar tādu pašu ceļu; pārdēvējiet vai izdzēsiet to")
            seen.add(path)
            if writer is None:
                files[path] = content
            else:  # after a problem too: the caller discards the folder
                writer(path, content() if isinstance(content, Deferred) else content)
    problems.raise_if_errors()
    return Files(files)


class _Writer:
    """Writes files under a folder, making each parent folder once; never outside it.

    With ``replace`` (a folder that may hold links or other people's files, as ``generate --out``
    writes into), each file is written beside its place and renamed into it: a symbolic or hard
    link found there is replaced, never written through, and a folder that is a link leading
    elsewhere is refused.
    """

    def __init__(self, root: Path, replace: bool = False):
        self.root = root
        self.replace = replace
        self.made: set[Path] = set()
        self.real = os.path.realpath(root)

    def __call__(self, path: str, content: bytes) -> Path:
        if path.startswith("/") or ".." in path.split("/") or "\\" in path or not path:
            raise OSError(errno.EINVAL, f"ceļš {path!r} neatrodas izvades mapē")
        target = self.root / path
        if target.parent not in self.made:
            if self.replace:
                existing = target.parent
                while not existing.exists() and existing != self.root:
                    existing = existing.parent  # checked before a folder is made through it
                real = os.path.realpath(existing)
                if real != self.real and not real.startswith(self.real + os.sep):
                    raise OutputDirError(f"izvades mapē ir simboliskā saite (saīsne) {existing} uz vietu ārpus tās; "
                                         "konkursi caur to neraksta. Izdzēsiet saiti vai norādiet citu mapi")
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        if self.replace:
            replace_file(target, content)
        else:
            target.write_bytes(content)
        return target


def _context(project: Project, releases: tuple = (), memo: Memo = NO_MEMO) -> Context:
    problems = Problems()
    url_problem = site_url_problem(project.site_url)
    if url_problem:
        problems.error("mkdocs.yml", 0, url_problem, "site_url")
    id_problem = authority_problem(project.id_authority)
    if id_problem:
        problems.error("mkdocs.yml", 0, id_problem, "id_authority")
    problems.raise_if_errors()
    urls = SiteUrls(project.site_url, project.paths, project.outputs, project.directory_urls)
    return Context(urls, TagIds(project.id_authority), project.templates, releases, memo)


def site_url_problem(site_url: str | None) -> str | None:
    """Latvian message when ``site_url`` cannot make absolute links, else None."""
    if not site_url:
        return (
            "nav norādīta vietnes adrese; tā vajadzīga pilnām saitēm RSS un Atom kanālos, kalendāros un "
            "atvērtajos datos. Norādiet to mkdocs.yml, piemēram: site_url: https://konkursi.example/"
        )
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f'jābūt pilnai adresei, kas sākas ar https:// vai http://, piemēram, https://konkursi.example/, nevis "{site_url}"'
    return None


def write_files(files: Mapping[str, bytes], out_dir: Path, replace: bool = False) -> list[Path]:
    """Write published files under ``out_dir`` (the site dir, or with ``replace`` ``generate --out``; see _Writer)."""
    writer = _Writer(out_dir, replace)
    return [writer(path, files[path]) for path in sorted(files)]  # a deferred .docx is made now, one at a time


def files_staging_prefix(site_dir: Path) -> str:
    """Name start of the folder where a build of ``site_dir`` puts its files until they move in.

    Beside the site dir (``.site.files-…`` for ``site``), so that the moves are renames; a
    build killed before the move leaves it behind for ``konkursi build`` to remove.
    """
    return f".{site_dir.name.lstrip('.')}.files-"


def move_tree(source: Path, target: Path) -> None:
    """Move everything in ``source`` into ``target``, merging folders; ``source`` is removed.

    On one file system a folder that ``target`` lacks moves whole, as one rename.
    """
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False) and destination.is_dir():
            move_tree(Path(entry.path), destination)
        else:
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)
            shutil.move(entry.path, destination)
    source.rmdir()
