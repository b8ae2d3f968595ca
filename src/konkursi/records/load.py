"""Reading YAML record files into records, noting file and line of every problem."""

from __future__ import annotations

import difflib
import errno
import functools
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .errors import Problem, Problems
from ..lv import plural
from ..memo import NO_MEMO, Memo
from .model import UNREADABLE, Call, Fields, ListOf, Municipality, Programme, Round, Source, is_record, yaml_fields
from .values import Invalid, Kind, text_problem

ROUND_FILE = "_round.yml"
RECORD_SUFFIXES = (".yml", ".yaml")
MAX_NODES = 20_000  # far above any real record; stops alias ("billion laughs") blow-ups
MAX_FILE_PROBLEMS = 100  # further problems of one file are counted, not listed
MAX_BYTES = 1_000_000  # a real record is a few kilobytes; bounds parse time and memory per file
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_NULLS = {"", "~", "null", "Null", "NULL"}
PLACEHOLDER = re.compile(r"«[^«»]*»")
"""A value still to be filled in, as ``konkursi new`` writes it: ``«e-pasta adrese»``."""


@dataclass
class Readable:
    """What could be read of every record file, whole or in part: the checks between fields work on it.

    A record with a fault is missing from ``Records``' own collections (or lacks the faulty value);
    here are the values read all the same, so that comparing two of them never waits for a third.
    """

    municipalities: dict[str, Fields] = field(default_factory=dict)
    rounds: dict[str, Fields] = field(default_factory=dict)
    calls: list[Fields] = field(default_factory=list)
    """One for every call file read or tried, the unreadable ones included (``Fields.unread``)."""
    rounds_with_unlisted_calls: set[str] = field(default_factory=set)
    """Ids of the rounds whose folder holds a call file not even tried (refused, misnamed, an id taken twice)."""


@dataclass
class Records:
    """Everything read from a project, before cross-record checks."""

    programme: Programme | None = None
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    municipality_files: set[str] = field(default_factory=set)
    """Ids of every municipality file found, readable or not (to avoid follow-on errors)."""
    readable: Readable = field(default_factory=Readable, compare=False, repr=False)
    """What could be read of each record file, complete or not, for the checks between fields."""


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its records, relative to its root."""

    root: Path
    programme: str = "programme.yml"
    municipalities: str = "municipalities"
    calls: str = "calls"


def load_records(layout: Layout, problems: Problems, memo: Memo = NO_MEMO) -> Records:
    """Read every record file of a project; problems go to ``problems``.

    With a ``memo`` (a preview), a file whose bytes did not change since the last build is not parsed
    again, and a file whose state on disk did not change is not even read again (``_read``).

    Record files and folders must be regular files and real folders inside the project; a symbolic
    link is followed only to one inside it. Anything else is refused unread (``_resolve``).
    """
    records = Records()
    root = os.path.realpath(layout.root)
    load = functools.partial(_load_file, layout, memo=memo)
    programme = layout.root / layout.programme
    refusal = _refusal(root, programme, _FILE)
    if refusal:
        problems.error(_rel(layout, programme), 0, refusal)
    else:
        records.programme, _ = load(programme, Programme, problems)
    municipalities_dir = layout.root / layout.municipalities
    refusal = _refusal(root, municipalities_dir, _FOLDER)
    if refusal:
        problems.error(_rel(layout, municipalities_dir) + "/", 0, refusal)
    else:
        hint = f"pašvaldību ieraksti jāglabā tieši mapē {layout.municipalities}/"
        refused: set[str] = set()
        for path in _record_files(layout, root, municipalities_dir, problems, hint, refused=refused):
            records.municipality_files.add(path.stem)
            record, records.readable.municipalities[path.stem] = load(path, Municipality, problems, id=path.stem)
            if record:
                records.municipalities[record.id] = record
        records.municipality_files |= refused  # refused, yet there: its calls need no second error
    calls_dir = layout.root / layout.calls
    refusal = _refusal(root, calls_dir, _FOLDER)
    if refusal:
        problems.error(_rel(layout, calls_dir) + "/", 0, refusal)
        return records
    if not calls_dir.is_dir():
        problems.error(layout.calls, 0, "mape ar konkursu ierakstiem nav atrasta")
        return records
    for round_dir in _round_dirs(layout, root, calls_dir, problems):
        _load_round_dir(layout, round_dir, records, problems, load, root)
    return records


def _round_dirs(layout: Layout, root: str, calls_dir: Path, problems: Problems) -> list[Path]:
    """The round folders in ``calls_dir``; what else is there is named, in an error or a warning."""
    calls_rel = _rel(layout, calls_dir)
    try:
        with os.scandir(calls_dir) as entries:
            listed = sorted((entry.name, _entry_kind(root, entry, _FOLDER)) for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        problems.error(calls_rel + "/", 0, f"mapi nevar nolasīt: {_os_reason(error)}")
        return []
    found = []
    for name, (kind, refusal) in listed:
        rel = f"{calls_rel}/{name}"
        if refusal:
            problems.error(rel + "/", 0, refusal)
        elif kind == "folder":
            found.append(calls_dir / name)
        else:
            problems.warn(rel, 0, f"fails netiek lasīts, jo konkursu ieraksti jāglabā kārtas mapē ({layout.calls}/<kārta>/)")
    return found


def _load_round_dir(
    layout: Layout, round_dir: Path, records: Records, problems: Problems, load: Callable[..., Any], root: str
) -> None:
    rel = _rel(layout, round_dir)
    if not _check_slug(round_dir.name, rel + "/", problems, "mapes"):
        return
    round_file = round_dir / ROUND_FILE
    refusal = _refusal(root, round_file, _FILE)
    if refusal:
        problems.error(f"{rel}/{ROUND_FILE}", 0, refusal)
    elif round_file.is_file():
        round_, records.readable.rounds[round_dir.name] = load(round_file, Round, problems, id=round_dir.name)
        if round_:
            records.rounds[round_.id] = round_
    else:
        problems.error(rel + "/", 0, f"nav kārtas apraksta faila {ROUND_FILE}, tāpēc šīs mapes konkursus nevar publicēt")
    hint = "konkursu ieraksti jāglabā tieši kārtas mapē"
    unlisted: set[str] = set()
    for path in _record_files(layout, root, round_dir, problems, hint, skip=ROUND_FILE, unlisted=unlisted):
        call, fields = load(path, Call, problems, round_id=round_dir.name, municipality_id=path.stem)
        records.readable.calls.append(fields)
        if call:
            records.calls.append(call)
    if unlisted:
        records.readable.rounds_with_unlisted_calls.add(round_dir.name)


def _record_files(
    layout: Layout, root: str, folder: Path, problems: Problems, hint: str, skip: str = "",
    refused: set[str] | None = None, unlisted: set[str] | None = None,
) -> list[Path]:
    """The record files of ``folder`` that may be read; ``refused`` gets the ids of those that may not.

    ``unlisted`` gets the names of all the record files left out after an error: refused, misnamed
    or a second file of one id.

    A sub-folder is named in a warning (``hint`` says where records belong); hidden entries (editor
    swap files, ``.git``) are passed over in silence.
    """
    if not folder.is_dir():
        problems.error(_rel(layout, folder), 0, "mape nav atrasta")
        return []
    folder_rel = _rel(layout, folder)
    found: dict[str, Path] = {}
    # os.scandir and plain names: a folder of a thousand calls is listed at every preview rebuild.
    # A DirEntry knows its own type; only a symbolic link costs more system calls (``_entry_kind``).
    try:
        with os.scandir(folder) as entries:
            listed = sorted(
                (entry.name, _entry_kind(root, entry, _FILE))
                for entry in entries if not entry.name.startswith(".") and entry.name != skip
            )
    except OSError as error:
        problems.error(folder_rel + "/", 0, f"mapi nevar nolasīt: {_os_reason(error)}")
        return []
    for name, (kind, refusal) in listed:
        rel = f"{folder_rel}/{name}"
        stem, suffix = os.path.splitext(name)
        if kind == "folder":
            problems.warn(rel + "/", 0, f"mape netiek lasīta, jo {hint}, nevis apakšmapē")
            continue
        if kind != "file":
            problems.error(rel, 0, refusal or _NOT_REGULAR)
            if suffix in RECORD_SUFFIXES:
                if refused is not None:
                    refused.add(stem)
                if unlisted is not None:
                    unlisted.add(name)
            continue
        if suffix not in RECORD_SUFFIXES:
            problems.warn(rel, 0, "fails netiek lasīts, jo ierakstu failu nosaukumiem jābeidzas ar .yml vai .yaml")
            continue
        if not _check_slug(stem, rel, problems, "faila"):
            if unlisted is not None:
                unlisted.add(name)
            continue
        if stem in found:
            problems.error(rel, 0, f'identifikators "{stem}" jau ir aizņemts ar failu {_rel(layout, found[stem])}')
            if unlisted is not None:
                unlisted.add(name)
            continue
        found[stem] = folder / name
    return list(found.values())


_FILE = ("ierakstu fails", "nav parasts fails", "ievietojiet projekta mapē pašu ieraksta .yml failu")
_FOLDER = ("ierakstu mape", "nav parasta mape", "ierakstu mapei jābūt īstai mapei projekta mapes iekšpusē")
"""How a refusal names a record file (folder), says it is neither, and what is expected instead."""
_NOT_REGULAR = f"{_FILE[0]} {_FILE[1]}, bet speciāls sistēmas fails (piemēram, ierīce vai kanāls); izdzēsiet to un {_FILE[2]}"
_LINK_ERRORS = {
    errno.ELOOP: "ir simboliskā saite (saīsne), kas norāda pati uz sevi",
    errno.ENOENT: "ir simboliskā saite (saīsne) uz failu, kas neeksistē",
}


def _refusal(root: str, path: Path, what: tuple[str, str, str]) -> str:
    """Why the record file (``_FILE``) or folder (``_FOLDER``) ``path`` may not be read, or "".

    "" also when it is missing or of the other kind: its reader says so. The whole path is resolved,
    so this is for the few fixed paths; listed entries are checked by ``_entry_kind``.
    """
    kind, refusal = _resolve(root, str(path), what)
    if kind == "other":
        if refusal or what is _FILE:
            return refusal or _NOT_REGULAR
        return f"{what[0]} {what[1]}, bet speciāls sistēmas fails (piemēram, ierīce vai kanāls); {what[2]}"
    return ""


def _entry_kind(root: str, entry: os.DirEntry, what: tuple[str, str, str]) -> tuple[str, str]:
    """What a listed entry is ("file", "folder" or "other") and, for one that may not be read, why.

    The type of an entry comes with the listing; only a symbolic link is resolved (``_resolve``).
    """
    try:
        if entry.is_symlink():
            return _resolve(root, entry.path, what)
        if entry.is_dir(follow_symlinks=False):
            return "folder", ""
        if entry.is_file(follow_symlinks=False):
            return "file", ""
    except OSError as error:
        return "other", f"{'failu' if what is _FILE else 'mapi'} nevar nolasīt: {_os_reason(error)}"
    return "other", ""


def _resolve(root: str, path: str, what: tuple[str, str, str]) -> tuple[str, str]:
    """What ``path`` leads to ("file", "folder", "other" or "missing") and why it may not be read.

    A link is followed only to a place inside the project folder ``root`` (resolved); where it leads
    otherwise is never told, nor read: a link to /etc/passwd must not put the file in a CI log.
    """
    try:
        target = os.path.realpath(path, strict=True)
        mode = os.stat(target).st_mode
    except OSError as error:
        if error.errno == errno.ENOENT and not os.path.islink(path):
            return "missing", ""
        reason = _LINK_ERRORS.get(error.errno)
        if reason:
            return "other", f"{what[0]} {reason}; {what[2]}"
        return "other", f"{'failu' if what is _FILE else 'mapi'} nevar nolasīt: {_os_reason(error)}"
    link = os.path.islink(path)
    if target != root and not target.startswith(os.path.join(root, "")):
        where = "ir simboliskā saite (saīsne) uz vietu ārpus projekta mapes" if link else "atrodas ārpus projekta mapes"
        return "other", f"{what[0]} {where}; {what[2]}"
    if stat.S_ISDIR(mode):
        return "folder", ""
    if link and stat.S_ISREG(mode) and not target.endswith(RECORD_SUFFIXES):
        # A link inside the project is followed only to a record: its values are quoted in messages.
        return "other", f"{what[0]} ir simboliskā saite (saīsne) uz failu, kas nav ieraksts (.yml); {what[2]}"
    return ("file" if stat.S_ISREG(mode) else "other"), ""


_OS_REASONS = {
    errno.EACCES: "nav atļaujas to lasīt",
    errno.EPERM: "nav atļaujas to lasīt",
    errno.ENOENT: "tas vai tā nav atrasta",
    errno.EISDIR: "tā ir mape, nevis fails",
    errno.ENOTDIR: "ceļā ir fails, nevis mape",
    errno.ELOOP: "simboliskās saites veido cilpu",
    errno.EIO: "diska ievades/izvades kļūda",
    errno.ENAMETOOLONG: "ceļš ir pārāk garš",
    errno.EMFILE: "atvērts pārāk daudz failu",
    errno.ENFILE: "atvērts pārāk daudz failu",
    errno.ENOMEM: "nepietiek atmiņas",
}


def _os_reason(error: OSError) -> str:
    """Why the system refused, in Latvian; never the path (it may lead outside the project)."""
    return _OS_REASONS.get(error.errno) or f"sistēmas kļūda {errno.errorcode.get(error.errno, error.errno)}"


def _check_slug(name: str, rel: str, problems: Problems, what: str) -> bool:
    slug = slugify(name)
    if slug == name:
        return True
    hint = f'; pārdēvējiet to par "{slug}"' if slug else ""
    problems.error(rel, 0, f'{what} nosaukums "{name}" nav derīgs identifikators: atļauti tikai mazie latīņu burti, cipari un defise{hint}')
    return False


def _rel(layout: Layout, path: Path) -> str:
    text, root = str(path), str(layout.root)
    if text.startswith(root + os.sep):  # what relative_to would give, without its cost (thousands of files)
        return text[len(root) + 1:].replace(os.sep, "/")
    try:
        return path.relative_to(layout.root).as_posix()
    except ValueError:
        return path.as_posix()


def _load_file(
    layout: Layout, path: Path, cls: type, problems: Problems, memo: Memo = NO_MEMO, **ids: str
) -> tuple[Any, Fields]:
    """The record in the file (None when it cannot be made) and what could be read of it."""
    rel = _rel(layout, path)
    try:
        data = _read(path, rel, memo)
    except _Refused as refused:
        problems.error(rel, 0, str(refused))
        return None, Fields.unread(cls, rel, ids)
    except OSError as error:
        problems.error(rel, 0, "fails nav atrasts" if error.errno == errno.ENOENT else f"failu nevar nolasīt: {_os_reason(error)}")
        return None, Fields.unread(cls, rel, ids)
    key = (rel, cls.__name__, tuple(sorted(ids.items())), data)
    record, fields, found = memo.get("record", key, lambda: _parse_file(data, rel, cls, ids))
    problems.items.extend(found)
    return record, fields


SETTLED_NS = 2_000_000_000
"""A file changed less than this long ago is read again at every build, whatever its state says.

Timestamps are coarse (a few milliseconds on Linux, two seconds on FAT): two saves of the same
size within one tick leave the same state. A file is trusted by its state only once no such
tick can follow (git's "racily clean" entries, the same remedy).
"""

_stat = os.stat
_clock_ns = time.time_ns


def _read(path: Path, rel: str, memo: Memo) -> bytes:
    """The file's bytes; in a preview, those of the last build while its state on disk is the same.

    The state is device, inode, size, modification and change time: an edit, a file replaced
    by a rename, even one given back its old modification time, changes at least one of them.
    Only a regular file within ``MAX_BYTES`` is opened at all (``_check_regular``).
    """
    info = _stat(path)
    _check_regular(info.st_mode, info.st_size)
    if memo is NO_MEMO or max(info.st_mtime_ns, info.st_ctime_ns) > _clock_ns() - SETTLED_NS:
        return _read_bytes(path)  # changed just now: a second save within the same tick would look the same
    state = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return memo.get("file", (rel, state), functools.partial(_read_bytes, path))


class _Refused(Exception):
    """A record file left unread, and why: in Latvian, without its content or where a link leads."""


def _check_regular(mode: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise _Refused("tā ir mape, nevis ierakstu fails")
    if not stat.S_ISREG(mode):
        raise _Refused(_NOT_REGULAR)
    if size > MAX_BYTES:
        raise _Refused(f"fails ir pārāk liels ({size // 1000} kB; atļauts ne vairāk kā {MAX_BYTES // 1000} kB)")


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never more than ``MAX_BYTES + 1`` of them.

    The file may have been replaced since its ``stat``: O_NONBLOCK opens a FIFO at once instead of
    waiting for a writer, and the ``fstat`` of what was opened refuses it, a device or a file grown
    too large before a single byte is read. One that grows while read is cut off one byte past the
    limit, which ``parse_yaml`` then reports.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        opened = os.fstat(fd)
        _check_regular(opened.st_mode, opened.st_size)
        parts, left, want = [], MAX_BYTES + 1, opened.st_size + 1  # as a rule, all of it and its end in one read
        while left > 0:
            part = os.read(fd, min(left, want))
            if not part:
                break
            parts.append(part)
            left -= len(part)
            want = 65_536
        return b"".join(parts)
    finally:
        os.close(fd)


def _parse_file(data: bytes, rel: str, cls: type, ids: dict[str, str]) -> tuple[Any, Fields, tuple[Problem, ...]]:
    """The record in ``data`` (None when it cannot be made), what could be read of it, and the problems found in it."""
    problems = Problems()
    root = parse_yaml(data, rel, problems)
    if root is None:
        return None, Fields.unread(cls, rel, ids), tuple(problems.items)
    reader = _Reader(rel, problems)
    fields = reader.record(cls, root, "", ids)
    reader.report_hidden(root.end_mark.line + 1)
    if fields is None:
        return None, Fields.unread(cls, rel, ids), tuple(problems.items)
    return _make(fields), fields, tuple(problems.items)


def _make(fields: Fields) -> Any:
    """The record of complete ``fields``, its nested records made too; a value read only in part is left out."""
    if not fields.complete:
        return None
    return fields.kind(**{key: _made(value) for key, value in fields.values.items()}, source=fields.source)


def _made(value: Any) -> Any:
    if isinstance(value, Fields):
        return _make(value)
    if isinstance(value, tuple):
        return tuple(_made(item) for item in value)
    return value


def parse_yaml(data: bytes, rel: str, problems: Problems) -> yaml.Node | None:
    """Parse one file's bytes into a YAML node tree, or note why they cannot be read."""
    if len(data) > MAX_BYTES:
        problems.error(rel, 0, f"fails ir pārāk liels ({len(data) // 1000} kB; atļauts ne vairāk kā {MAX_BYTES // 1000} kB)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(rel, line, "fails nav UTF-8 kodējumā; saglabājiet to kā UTF-8 (bez BOM vai ar to)")
        return None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.error(rel, 0, "fails ir tukšs")
        return None
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow in a file at all (a control character typed or pasted in).
        char = chr(error.character) if isinstance(error.character, int) else str(error.character)
        before = text[: error.position]
        column = error.position - before.rfind("\n")
        problems.error(rel, before.count("\n") + 1, f"failā ir neatļauta rakstzīme U+{ord(char[:1] or ' '):04X}; izdzēsiet to; "
                       "ja to neredzat, izdzēsiet visu rindu un uzrakstiet to no jauna", column=column)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.error(rel, line, f"YAML sintakses kļūda: {_yaml_problem(error)}", column=column)
        return None
    except RecursionError:
        problems.error(rel, 0, "YAML sintakses kļūda: pārāk daudz iekavu vai atkāpju līmeņu vienu otrā")
        return None
    except yaml.YAMLError:
        problems.error(rel, 0, "YAML sintakses kļūda: failu nevar nolasīt kā YAML")
        return None
    if node is None:
        problems.error(rel, 0, "fails ir tukšs")
    return node


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The node tree, parsed by libyaml where available (ten times faster).

    A file libyaml refuses is parsed again by PyYAML's own parser, whose error
    messages are the ones translated into Latvian below.
    """
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.MarkedYAMLError as error:
            if error.problem and _TOO_DEEP in error.problem:
                raise  # PyYAML's own parser would recurse until the stack runs out
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_TOO_DEEP = "maximum nesting depth"


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "šeit nedrīkst būt kols; ja vērtībā ir kols, ielieciet visu vērtību pēdiņās",
    "could not find expected ':'": "trūkst kola aiz lauka nosaukuma",
    "found character '\\t' that cannot start any token": "atkāpē izmantots tabulators; lietojiet atstarpes",
    "found undefined alias": "atsauce (*) uz nedefinētu enkuru (&)",
    "did not find expected key": "nepareiza atkāpe vai trūkst kola",
    "found unexpected end of stream": "fails beidzas negaidīti (iespējams, nav aizvērtas pēdiņas)",
    "did not find expected '-' indicator": "nepareiza saraksta atkāpe",
    "expected ',' or ']'": "nav aizvērta kvadrātiekava [ vai starp vērtībām trūkst komata",
    "expected ',' or '}'": "nav aizvērta figūriekava { vai starp laukiem trūkst komata",
    "found unknown escape character": "nezināma rakstzīme aiz \\ pēdiņās; ielieciet vērtību vienpēdiņās ('…') vai rakstiet \\\\ viena \\ vietā",
    "found duplicate anchor": "enkurs (&) definēts divreiz",
    "expected <block end>": "nepareiza atkāpe",
    "found character": "neatļauta rakstzīme; ja vērtība sākas ar @, ` vai %, ielieciet to pēdiņās",
    "expected a comment or a line break": "aiz vērtības pēdiņās ir lieks teksts",
    "exceeded maximum nesting depth": "pārāk daudz iekavu vai atkāpju līmeņu vienu otrā",
    "but found another document": "failā drīkst būt tikai viens ieraksts; izdzēsiet šo --- rindu un visu, kas ir aiz tās",
    "found unexpected ':'": "šeit nedrīkst būt kols; ja vērtībā ir kols, ielieciet visu vērtību pēdiņās",
    "found a tab character": "atkāpē izmantots tabulators; lietojiet atstarpes",
    "found unexpected document separator": "rinda vērtības vidū sākas ar --- vai ... (to uztver kā ieraksta beigas); atkāpiet šo rindu ar atstarpēm",
    "expected escape sequence": "nepareizs \\x, \\u vai \\U pieraksts pēdiņās; ielieciet vērtību vienpēdiņās ('…') vai rakstiet \\\\ viena \\ vietā",
    "mapping keys are not allowed here": "šeit nedrīkst sākties jauns lauks; pārbaudiet atkāpi",
    "block sequence entries are not allowed here": "šeit nedrīkst sākties saraksts (-); pārbaudiet atkāpi",
    "expected alphabetic or numeric character": "aiz & vai * jābūt nosaukumam; ja vērtība sākas ar & vai *, ielieciet to pēdiņās",
    "expected chomping or indentation indicators": "aiz | vai > drīkst būt tikai + vai - un cipars; teksts jāsāk nākamajā rindā",
    "expected a mapping or list of mappings for merging": "aiz << jābūt laukiem (lauks: vērtība); ja tas nav vajadzīgs, izdzēsiet šo rindu",
    "found incompatible YAML document": "neatbalstīta YAML versija (%YAML); izdzēsiet šo rindu",
}


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    mark = error.problem_mark
    before = (mark.buffer or "")[: mark.pointer].rstrip(" ") if mark is not None and mark.buffer else ""
    if problem.startswith("expected <block end>, but found '<scalar>'") and before.endswith(('"', "'")):
        # note: "Jauniešu centrs" aicina …: the quotes closed the value, and text follows them.
        return ("vērtība sākas ar pēdiņām, bet turpinās aiz tām; ja pēdiņas ir daļa no teksta, ielieciet visu "
                "vērtību citās pēdiņās (note: 'Biedrība \"Jauniešu centrs\" aicina …') vai lietojiet „…”")
    for english, latvian in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return latvian
    return "nepareizs YAML pieraksts; pārbaudiet pēdiņas, kolus un atkāpes šajā rindā"


class _Reader:
    """Turns the node tree of one file into records, collecting problems."""

    def __init__(self, rel: str, problems: Problems):
        self.rel = rel
        self.problems = problems
        self.nodes = 0
        self.reported = 0

    def error(self, node: yaml.Node, field: str, message: str) -> None:
        self.error_at(node.start_mark.line + 1, field, message)

    def error_at(self, line: int, field: str, message: str) -> None:
        # A hostile file can hold thousands of faults; the first ones are what a person fixes.
        self.reported += 1
        if self.reported <= MAX_FILE_PROBLEMS:
            self.problems.error(self.rel, line, message, field)

    def report_hidden(self, last_line: int) -> None:
        hidden = self.reported - MAX_FILE_PROBLEMS
        if hidden > 0:
            self.problems.error(self.rel, last_line, f"vēl {hidden} {plural(hidden, 'kļūda', 'kļūdas')} šajā failā netiek {plural(hidden, 'rādīta', 'rādītas')}; vispirms izlabojiet iepriekšējās")

    def record(self, cls: type, node: yaml.Node, prefix: str, ids: dict | None = None) -> Fields | None:
        """What could be read of the record in ``node``; None when it is no record at all (not fields)."""
        if not self._count(node):
            return None
        if node.tag not in _STANDARD_TAGS:
            self.error(node, prefix.rstrip("."), f'YAML tags "{node.tag}" nav atļauts; ierakstiet vērtību bez taga')
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, prefix.rstrip("."), f"jābūt laukiem formā \"lauks: vērtība\", nevis {_shape(node)}")
            return None
        declared = yaml_fields(cls)
        values: dict[str, Any] = dict(ids or {})
        partial: dict[str, Any] = {}
        lines: dict[str, int] = {}
        failed: set[str] = set()
        for key_node, value_node in node.value:
            if not self._count(key_node):
                return None
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            name = prefix + str(key)
            if not isinstance(key, str) or key not in declared:
                suggested = self._unknown_field(key_node, name, key, declared)
                failed.update(suggested)  # "clses" already says "closes" is meant
                continue
            if key in lines:
                self.error(key_node, name, f"lauks norādīts divreiz (pirmoreiz {lines[key]}. rindā)")
                continue
            lines[key] = key_node.start_mark.line + 1
            if _is_empty(value_node):
                continue
            value, whole = self.value(declared[key].metadata["kind"], value_node, name)
            if whole:
                values[key] = value
            else:
                failed.add(key)
                if value is not UNREADABLE:
                    partial[key] = value  # a list with a bad item, a nested record with a fault: what was read of it
        missing = [k for k, f in declared.items() if f.metadata["required"] and k not in values]
        for key in missing:
            if key not in failed:
                where = "vērtība ir tukša" if key in lines else "trūkst obligātā lauka"
                self.error_at(lines.get(key, node.start_mark.line + 1), prefix + key, f"{where} ({declared[key].metadata['help']})")
        source = Source(self.rel, node.start_mark.line + 1, tuple(lines.items()), tuple(sorted(failed)))
        return Fields(cls, values, source, partial)

    def value(self, kind: Any, node: yaml.Node, name: str) -> tuple[Any, bool]:
        """What could be read of a value (``UNREADABLE`` for nothing) and whether all of it was read without fault."""
        if not self._count(node):
            return UNREADABLE, False
        if node.tag not in _STANDARD_TAGS:
            self.error(node, name, f'YAML tags "{node.tag}" nav atļauts; ierakstiet vērtību bez taga')
            return UNREADABLE, False
        if isinstance(kind, ListOf):
            return self._list(kind, node, name)
        if is_record(kind):
            fields = self.record(kind, node, name + ".")
            return (UNREADABLE, False) if fields is None else (fields, fields.complete)
        value = self._scalar(kind, node, name)
        return value, value is not UNREADABLE

    def _list(self, kind: ListOf, node: yaml.Node, name: str) -> tuple[Any, bool]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        read = [self.value(kind.item, item, f"{name}[{index}]") for index, item in enumerate(items, 1)]
        values = tuple(value for value, _ in read)
        if not all(whole for _, whole in read):
            return values, False
        if len(values) < kind.min_items:
            self.error(node, name, f"sarakstā jābūt vismaz {kind.min_items} ierakstam")
            return values, False
        return values, True

    def _scalar(self, kind: Kind, node: yaml.Node, name: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, name, f"jābūt vienai vērtībai, nevis {_shape(node)}")
            return UNREADABLE
        problem = text_problem(node.value)
        if problem:
            self.error(node, name, problem)
            return UNREADABLE
        if PLACEHOLDER.fullmatch(node.value.strip()):
            self.error(node, name, f"vērtība nav aizpildīta: ierakstiet īsto vērtību {node.value.strip()} vietā")
            return UNREADABLE
        try:
            return kind.parse(node.value)
        except Invalid as invalid:
            self.error(node, name, str(invalid))
            return UNREADABLE

    def _unknown_field(self, key_node: yaml.Node, name: str, key: Any, declared: dict) -> list[str]:
        if not isinstance(key, str):
            self.error(key_node, "", "lauka nosaukumam jābūt tekstam")
            return []
        close = difflib.get_close_matches(key, declared, n=1, cutoff=0.6)
        hint = f'; vai domājāt "{close[0]}"?' if close else f"; atļautie lauki: {', '.join(declared)}"
        self.error(key_node, name, f"nezināms lauks{hint}")
        return close

    def _count(self, node: yaml.Node) -> bool:
        self.nodes += 1
        if self.nodes == MAX_NODES + 1:
            self.problems.error(self.rel, node.start_mark.line + 1, f"fails ir pārāk liels vai satur pārāk daudz atsauču (&/*): vairāk nekā {MAX_NODES} vērtību")
        return self.nodes <= MAX_NODES


def _is_empty(node: yaml.Node, seen: dict[int, bool] | None = None) -> bool:
    """A value left empty: null, or a group of fields (or a list) with nothing filled in, as a form writes an
    optional group it shows but the editor did not fill ("results: {applications: ''}").

    Each node is looked at once (aliases share nodes: "&a {k: *b, …}" repeated would otherwise be walked an
    exponential number of times), and a node that contains itself is not empty."""
    seen = {} if seen is None else seen
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = False  # while it is being looked at: a cycle through it is no emptiness
    if isinstance(node, yaml.MappingNode) and node.tag in _STANDARD_TAGS:
        empty = all(_is_empty(value, seen) for _, value in node.value)
    elif isinstance(node, yaml.SequenceNode) and node.tag in _STANDARD_TAGS:
        empty = not node.value
    else:
        empty = _is_null(node)
    seen[id(node)] = empty
    return empty


def _is_null(node: yaml.Node) -> bool:
    # Plain (unquoted) style is None in PyYAML, "" in libyaml; a tagged empty value is no null. Quoted
    # emptiness ("" or '') is what a form writes for a field it left empty (the web editor, Decap CMS).
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD_TAGS:
        return False
    return node.value in _NULLS if not node.style else node.value == "" and node.style in ('"', "'")


def _shape(node: yaml.Node) -> str:
    """What the node is, in the dative ("jābūt …, nevis sarakstam")."""
    if isinstance(node, yaml.SequenceNode):
        return "sarakstam"
    if isinstance(node, yaml.MappingNode):
        return "laukiem"
    return f'tekstam "{node.value}"'


__all__ = ["Layout", "Readable", "Records", "load_records", "parse_yaml", "ROUND_FILE"]
