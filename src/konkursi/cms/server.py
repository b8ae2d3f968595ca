"""The file server of ``konkursi edit``: Decap CMS's local backend protocol over a project's records.

Decap CMS in local mode (``local_backend`` in its config) sends ``POST /api/v1`` with ``{action, params}``;
decap-server (npm) answers it from the files of a folder. This answers the same actions (decap-server
3.11's ``localFs`` middleware) with what konkursi knows of the records:

- it listens on 127.0.0.1 only, answers only the preview's own pages (``Origin``) at its own address
  (``Host``: no DNS rebinding) and reads and writes record files only (programme, municipalities,
  calls), never another file of the project;
- a call's list leaves out the rounds' ``_round.yml`` (Decap cannot filter a folder by file name), and a
  call is given the ``round`` and ``municipality`` its folder and file name say (the form's selects);
- a save is checked first with ``validate`` on a copy of the records: one that would add an error is
  refused with ``validate``'s Latvian messages, shown by the editor, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

import yaml

from ..outputs.templates import RenderError
from ..project import Project, generate, publish
from ..records.errors import Problem, ValidationFailed
from ..records.load import ROUND_FILE, Layout

MAX_BODY = 2 * 1024 * 1024
"""A record is a few kilobytes; nothing bigger is read."""


class EditError(Exception):
    """A request the file server refuses; the message is Latvian and the editor shows it."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.UNPROCESSABLE_ENTITY):
        super().__init__(message)
        self.status = status


class Records:
    """The record files of one project, as the editor may read and write them."""

    def __init__(self, project: Project, existing: set[str] = frozenset()):
        self.project = project
        self.existing = existing
        """The docs dir's files (``docs_files``): a check sees the hand-written pages and logos a build sees."""
        self.layout: Layout = project.layout
        self.root = Path(os.path.realpath(self.layout.root))
        self.calls = PurePosixPath(self.layout.calls.strip("/"))
        self.municipalities = PurePosixPath(self.layout.municipalities.strip("/"))
        self.programme = PurePosixPath(self.layout.programme)
        self.lock = threading.Lock()
        self._before: tuple | None = None
        """(what the record files held, their errors) at the last check, reused while the files hold the same."""
        self._after: set = set()
        self._checked: dict[str, str] = {}

    # Which paths are records -------------------------------------------------------------------------

    def kind(self, path: str) -> str:
        """``programme``, ``municipality``, ``round`` or ``call`` for a record path; EditError for any other."""
        pure = PurePosixPath(path)
        if "\\" in path or pure.is_absolute() or any(part in ("", ".", "..") or part.startswith(".") for part in pure.parts):
            raise EditError(f"ceļš „{path}” nav ieraksta fails", HTTPStatus.FORBIDDEN)
        parent = pure.parent
        if pure == self.programme:
            return "programme"
        if pure.suffix == ".yml" and (_id(pure.stem) or pure.name == ROUND_FILE):
            if parent == self.municipalities and pure.name != ROUND_FILE:
                return "municipality"
            if parent.parent == self.calls and _id(parent.name):
                return "round" if pure.name == ROUND_FILE else "call"
        raise EditError(f"ceļš „{path}” nav ieraksta fails (programma, pašvaldība, kārta vai konkurss)", HTTPStatus.FORBIDDEN)

    def file(self, path: str) -> Path:
        """The record file on disk, by its normalised path; never through a link (a linked folder or file could
        lead anywhere: .git, the workflows), and never a folder."""
        self.kind(path)
        target = self.root
        for part in PurePosixPath(path).parts:
            target = target / part
            if os.path.islink(target):
                raise EditError(f"ceļš „{path}” ved caur saiti (saīsni); redaktors caur saitēm nelasa un neraksta",
                                HTTPStatus.FORBIDDEN)
        if target.exists() and not target.is_file():
            raise EditError(f"„{path}” nav fails", HTTPStatus.FORBIDDEN)
        return target

    # Reading ------------------------------------------------------------------------------------------

    def entry(self, path: str) -> dict:
        target = self.file(path)
        try:
            data = target.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": path, "id": None}}
        text = data.decode("utf-8", errors="replace")
        if self.kind(path) == "call":
            text = _with_ids(text, PurePosixPath(path))
        return {"data": text, "file": {"path": path, "id": hashlib.sha256(data).hexdigest()}}

    def folder(self, folder: str, extension: str, depth: int) -> list[dict]:
        wanted = PurePosixPath(folder.strip("/"))
        paths: list[str] = []
        if wanted == self.municipalities:
            paths = [f"{wanted}/{p.name}" for p in _yml_files(self.root / str(wanted))]
        elif wanted == self.calls and depth >= 2:
            for round_dir in sorted((self.root / str(wanted)).glob("*/")):
                if round_dir.is_dir() and not round_dir.is_symlink() and _id(round_dir.name):
                    paths += [f"{wanted}/{round_dir.name}/{p.name}" for p in _yml_files(round_dir) if p.name != ROUND_FILE]
        entries = []
        for path in paths:
            try:
                entries.append(self.entry(path))
            except EditError:
                continue  # a file name that is no record id: validate names it
        return entries

    # Writing ------------------------------------------------------------------------------------------

    def persist(self, files: list[dict], new_entry: bool) -> None:
        """Writes the entry's files after ``validate`` found no new error with them; else EditError. One save at
        a time: what is checked is what is written."""
        with self.lock:
            changes = self._changes(files, new_entry)
            self._check(changes)
            # The new file first, then the old one goes: a failure between leaves both, never neither.
            for path, raw in sorted(changes.items(), key=lambda item: item[1] is None):
                target = self.file(path)
                if raw is None:
                    target.unlink(missing_ok=True)
                else:
                    _write(target, raw.encode("utf-8"))
            # What was checked is what the files now hold (unless another program wrote one meanwhile: then the
            # next save's state differs, and the records are checked again in full).
            checked = dict(self._checked)
            for path, raw in changes.items():
                if raw is None:
                    checked.pop(path, None)
                else:
                    checked[path] = hashlib.sha256(raw.encode("utf-8")).hexdigest()
            self._before = (checked, self._after)

    def _changes(self, files: list[dict], new_entry: bool) -> dict[str, str | None]:
        """``{normalised path: new text, or None for a file moved away}``, each file once."""
        changes: dict[str, str | None] = {}
        for item in files:
            path, raw, new_path = item.get("path"), item.get("raw"), item.get("newPath")
            if not isinstance(path, str) or not isinstance(raw, str) or (new_path is not None and not isinstance(new_path, str)):
                raise EditError("nepilnīgs saglabāšanas pieprasījums")
            path = _normal(path)
            self.file(path)
            if new_path and _normal(new_path) != path:
                new_path = _normal(new_path)
                if self.kind(new_path) != self.kind(path):
                    raise EditError(f"„{path}” nevar pārvietot uz „{new_path}”")
                if self.file(new_path).exists():
                    raise EditError(self._exists(new_path))
                changes[path] = None
                path = new_path
            elif new_entry and self.kind(path) == "call" and (taken := self._taken(path, raw)):
                # Decap names a new entry whose file exists "<name>-1": the call is there already.
                raise EditError(self._exists(taken))
            elif new_entry and self.file(path).exists():
                raise EditError(self._exists(path))
            if path in changes:
                raise EditError(f"„{path}” pieprasījumā minēts divreiz")
            changes[path] = raw if raw.endswith("\n") else raw + "\n"
        return changes

    def _exists(self, path: str) -> str:
        if self.kind(path) == "municipality":
            return f"pašvaldība ar šādu faila nosaukumu jau ir ({path}); atveriet to sadaļas „Pašvaldības” sarakstā"
        return f"šīs pašvaldības konkurss šajā kārtā jau ir ievadīts ({path}); atveriet to sadaļas „Konkursi” sarakstā"

    def _taken(self, path: str, raw: str) -> str | None:
        """The existing call a new one's round and municipality name, when its file is not where Decap put it."""
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError:
            return None  # validate names what is wrong
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) and _id(data[k]) for k in ("round", "municipality")):
            return None
        own = f"{self.calls}/{data['round']}/{data['municipality']}.yml"
        return own if own != path and (self.root / own).is_file() else None

    def _check(self, changes: dict[str, str | None]) -> None:
        state = self._checked = self._state()
        before = self._before[1] if self._before and self._before[0] == state else _errors(self._validate({}))
        after = self._validate(changes)
        new = [problem for problem in after if _key(problem) not in before]
        if new:
            self._before = (state, before)
            lines = "\n".join(f"• {problem}" for problem in new)
            raise EditError(f"pārbaudē atrastas kļūdas, fails nav mainīts:\n{lines}")
        self._after = _errors(after)  # the next save's "before", once these files are written (persist)

    def _state(self) -> dict[str, str]:
        """What the record files hold now, ``{path: sha256 of its bytes}``: whether the last check still holds
        (by content, never by size and time, which a same-size edit with its time put back would fool)."""
        found = {}
        for name in (str(self.programme), str(self.municipalities), str(self.calls)):
            source = self.root / name
            paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []
            for path in paths:
                try:
                    found[path.relative_to(self.root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    found[path.relative_to(self.root).as_posix()] = ""
        return found

    def _validate(self, changes: dict[str, str | None]) -> list:
        """What ``konkursi validate`` finds (the records, and the pages, feeds, calendars and data made of them)
        on a copy of the records with ``changes`` made (None: the file removed)."""
        with tempfile.TemporaryDirectory(prefix="konkursi-edit-") as tmp:
            copy = Path(tmp)
            for name in (str(self.programme), str(self.municipalities), str(self.calls)):
                source = self.root / name
                if source.is_dir():
                    shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns(".*"))
                elif source.is_file():
                    (copy / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, copy / name)
            for path, raw in changes.items():
                target = copy / path
                if raw is None:
                    target.unlink(missing_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(raw, encoding="utf-8")
            layout = Layout(copy, str(self.programme), str(self.municipalities), str(self.calls))
            project = replace(self.project, layout=layout, admin=None)
            try:
                result = generate(project, existing=self.existing)
                publish(project, result, self.existing)
            except ValidationFailed as failed:
                return list(failed.errors)
            except RenderError as error:
                return [Problem("", 0, str(error))]
            return []


def _normal(path: str) -> str:
    """One spelling of a path ("municipalities/./x.yml" is "municipalities/x.yml"); kind() refuses "..", "\\" and the like."""
    return str(PurePosixPath(path)) if path else path


def _errors(problems: list) -> set:
    return {_key(problem) for problem in problems}


def _key(problem) -> tuple:
    return (problem.path, problem.field, problem.message)  # not the line: an edit above moves it


_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _id(name: str) -> bool:
    return bool(_ID.fullmatch(name))


def _yml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".yml" and p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


_START = re.compile(r"\ufeff?(?:[ \t]*(?:#[^\n]*)?\n)*(?:---[ \t]*(?:#[^\n]*)?\n)?")
"""What may come before a record's first key: a byte order mark, comments and blank lines, a document start."""


def _with_ids(text: str, path: PurePosixPath) -> str:
    """A call as the form shows it: with the round and municipality its folder and file name say, first.
    EditError for a call written on one line or with a directive: keys put before it would break it."""
    start = _START.match(text).end()
    if text[start:start + 1] in ("{", "%"):
        raise EditError(f"„{path}” ir uzrakstīts vienā rindā ({{…}}) vai ar YAML direktīvu; redaktors to nevar "
                        "parādīt. Labojiet to failā (Visual Studio Code) vai pārrakstiet ierakstu pa rindām")
    added = ""
    if not re.search(r"(?m)^round\s*:", text):
        added += f"round: {path.parent.name}\n"
    if not re.search(r"(?m)^municipality\s*:", text):
        added += f"municipality: {path.stem}\n"
    return text[:start].lstrip("\ufeff") + added + text[start:]


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".konkursi-", suffix=".tmp")
    try:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:  # a new file: as the editor would make it
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)  # a link at the target is replaced, not written through
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class EditServer(ThreadingHTTPServer):
    """``POST /api/v1`` for Decap CMS on 127.0.0.1; ``origins`` are the preview's addresses."""

    daemon_threads = True

    def __init__(self, records: Records, origins: set[str], port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.records = records
        self.origins = origins

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/v1"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="konkursi-edit", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: EditServer
    # One request per connection: a refused request's body is never read as a request of its own.
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):  # the preview's log is enough
        pass

    def _allowed(self) -> str | None:
        """The origin to answer, or None: only the preview's pages, only at this server's own address."""
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            return None
        origin = self.headers.get("Origin")
        return origin if origin in self.server.origins else None

    def _send(self, status: int, body: object, origin: str | None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self):
        origin = self._allowed()
        if self.path != "/api/v1" or origin is None:
            self._send(HTTPStatus.FORBIDDEN, {"error": "aizliegts"}, None)
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "tikai POST /api/v1"}, None)

    def do_POST(self):
        origin = self._allowed()
        if self.path != "/api/v1" or origin is None:
            self._send(HTTPStatus.FORBIDDEN, {"error": "aizliegts: tikai konkursi edit priekšskatījuma lapām"}, None)
            return
        if self.headers.get_content_type() != "application/json":
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "jābūt application/json"}, origin)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "pieprasījums ir tukšs vai pārāk liels"}, origin)
            self.close_connection = True
            return
        try:
            body = json.loads(self.rfile.read(length).decode("utf-8"))
            if not isinstance(body, dict) or not isinstance(body.get("params", {}), dict):
                raise EditError("nepareizs pieprasījums")
            self._send(HTTPStatus.OK, self._answer(body.get("action"), body.get("params") or {}), origin)
        except EditError as error:
            self._send(error.status, {"error": str(error)}, origin)
        except (ValueError, UnicodeDecodeError, RecursionError):
            self._send(HTTPStatus.BAD_REQUEST, {"error": "nepareizs pieprasījums"}, origin)
        except OSError as error:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"saglabāšana neizdevās: failu sistēmas kļūda "
                                                                   f"({error.strerror or error})"}, origin)
        except Exception as error:  # noqa: BLE001 - the editor must get an answer, never a closed connection
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"neparedzēta kļūda ({type(error).__name__}); nekas netika "
                                                                   "ierakstīts"}, origin)

    def _answer(self, action, params: dict):
        records = self.server.records
        if action == "info":
            return {"repo": records.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            depth = params.get("depth", 1)
            return records.folder(str(params.get("folder", "")), str(params.get("extension", "")), depth if isinstance(depth, int) else 1)
        if action == "entriesByFiles":
            files = params.get("files") or []
            return [records.entry(str(item.get("path", ""))) for item in files if isinstance(item, dict)]
        if action == "getEntry":
            return records.entry(str(params.get("path", "")))
        if action == "persistEntry":
            if params.get("assets"):
                raise EditError("failu augšupielāde nav paredzēta: ierakstos ir tikai teksts un saites")
            files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
            options = params.get("options") if isinstance(params.get("options"), dict) else {}
            records.persist([item for item in files if isinstance(item, dict)], bool(options.get("newEntry")))
            return {"message": "entry persisted"}
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        if action in ("deleteFile", "deleteFiles"):
            raise EditError("ierakstus redaktorā dzēst nevar; lai ieraksts netiktu publicēts, ieslēdziet „Nerādīt vietnē (melnraksts)”")
        if action in ("getMediaFile", "persistMedia"):
            raise EditError("failu augšupielāde nav paredzēta: ierakstos ir tikai teksts un saites")
        raise EditError(f"nezināma darbība {action!r}")


__all__ = ["EditError", "EditServer", "Records"]
