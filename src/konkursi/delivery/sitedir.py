"""The output folder: which folders it may be, its marker, its permissions and its atomic swap.

konkursi deletes or replaces only folders it made itself: a built site carries ``MARKER``,
and a folder without it is never emptied or replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".konkursi-site"
"""File at the top of every folder konkursi builds or generates; without it a folder is not replaced."""
MARKER_TEXT = "Šo mapi izveidoja konkursi; nākamā vietnes veidošana to pilnībā aizstās. Neglabājiet šeit savus failus – tie tiks izdzēsti.\n"


class OutputDirError(Exception):
    """The output folder is not one konkursi may write; the message is Latvian."""


def check_output_dir(target: Path, root: Path, sources: Iterable[tuple[str, Path]], replaced: bool = True,
                     example: str = "-d site") -> None:
    """Refuse an output folder that is, holds or lies in the project or its sources, or that konkursi did not make.

    ``sources`` are ``(name as configured, path)`` of the hand-written folders and files. A folder
    that is to be ``replaced`` whole must be empty or carry konkursi's marker. ``example`` shows the
    option that names another folder.
    """
    if Path(target).is_symlink():
        raise OutputDirError(f"izvades mape {os.fspath(target)} ir simboliskā saite (saīsne); konkursi to neaizstās. "
                             f"Norādiet īstu mapi, piemēram, {example}")
    target, root = _real(target), _real(root)
    shown = target.relative_to(root).as_posix() if root in target.parents else str(target)
    if target == root or target in root.parents:
        raise OutputDirError(f"izvades mape {shown} ir pati projekta mape vai satur to; tur konkursi neraksta, "
                             f"jo tiktu izdzēsti ieraksti. Norādiet atsevišķu mapi, piemēram, {example}")
    name = overlapping(target, (*sources, (".git", root / ".git")))
    if name is not None:
        raise OutputDirError(f"izvades mape {shown} pārklājas ar projekta avotu {name} (tā ir tā pati mape, "
                             f"atrodas tajā vai satur to); tur konkursi neraksta. Norādiet atsevišķu mapi, piemēram, {example}")
    if target.exists() and not target.is_dir():
        raise OutputDirError(f"{shown} ir fails, nevis mape; konkursi to neaizstās. Norādiet citu izvades mapi")
    if replaced and target.is_dir() and not made_by_konkursi(target):
        raise OutputDirError(f"mapē {shown} jau ir faili, ko nav izveidojis konkursi (tajā nav faila {MARKER}); "
                             "konkursi tos neizdzēsīs. Norādiet tukšu vai jaunu mapi vai pārvietojiet šo mapi citur")


def overlapping(target: Path, sources: Iterable[tuple[str, Path]]) -> str | None:
    """The name of the first source that ``target`` is, holds or lies in; None when none."""
    target = _real(target)
    for name, path in sources:
        path = _real(path)
        if target == path or path in target.parents or target in path.parents:
            return name
    return None


def cache_dir_problem(root: Path, cache: str, sources: Iterable[tuple[str, Path]]) -> str | None:
    """Why ``cache`` (relative to the project ``root``) may not hold konkursi's cache, in Latvian; else None."""
    folder = root / cache
    real, project = _real(folder), _real(root)
    if Path(cache).is_absolute() or ".." in Path(cache).parts or project not in real.parents:
        return (f'laukā "plugins.konkursi.cache_dir": jābūt mapei projekta iekšpusē (piemēram, .cache/konkursi), '
                f'nevis "{cache}"')
    name = overlapping(folder, (*sources, (".git", root / ".git"), ("theme", root / "theme")))
    if name is not None:
        return (f'laukā "plugins.konkursi.cache_dir": mape "{cache}" pārklājas ar {name}; '
                "norādiet atsevišķu mapi, piemēram, .cache/konkursi")
    return None


def check_no_overwrite(target: Path, paths: Iterable[str]) -> None:
    """Refuse to write files into ``target`` over files konkursi did not write there (no marker)."""
    if made_by_konkursi(target):
        return
    clashes = sorted(path for path in paths if os.path.lexists(target / path))
    if clashes:
        shown = ", ".join(clashes[:5]) + (f" un vēl {len(clashes) - 5}" if len(clashes) > 5 else "")
        raise OutputDirError(f"mapē {target} jau ir konkursi neizveidoti faili ar tādiem pašiem nosaukumiem kā "
                             f"veidojamie ({shown}); konkursi tos nepārrakstīs. Norādiet citu mapi vai pārvietojiet šos failus citur")


def made_by_konkursi(folder: Path) -> bool:
    """Whether ``folder`` is empty or carries konkursi's marker (and so may be replaced)."""
    try:
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
    except OSError:
        return False
    return not names or MARKER in names


def mark(folder: Path, source: str = "") -> None:
    """Write the marker; ``source`` says what the site was built from (``konkursi.deploy.provenance``)."""
    (folder / MARKER).write_text(MARKER_TEXT + (f"avots: {source}\n" if source else ""), encoding="utf-8")


def marked_source(folder: Path) -> str:
    """The ``source`` the marker of ``folder`` records, or ""."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8")
    except OSError:
        return ""
    return next((line[len("avots: "):] for line in text.splitlines() if line.startswith("avots: ")), "")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def replace_file(target: Path, content: bytes) -> None:
    """Write ``content`` beside ``target`` and rename it into place: a link there is replaced, not followed."""
    fd, temporary = tempfile.mkstemp(prefix=".konkursi-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def make_publishable(folder: Path) -> None:
    """Give ``folder`` and its folders the permissions the umask allows (``mkdtemp`` makes them 0700)."""
    mode = 0o777 & ~_umask()
    for current, dirs, _ in os.walk(folder):
        os.chmod(current, mode)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the builds of sites in it; refuse at once if another holds it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputDirError(f"mapē {folder} jau tiek veidota vietne (darbojas cits konkursi build); "
                                 "pagaidiet, līdz tas beidzas, un palaidiet komandu vēlreiz") from None
        yield
    finally:
        os.close(fd)


def remove_leftovers(parent: Path, prefixes: Iterable[str]) -> None:
    """Remove what a killed build left beside the site (call only while ``locked``)."""
    for entry in os.scandir(parent):
        if entry.is_dir(follow_symlinks=False) and entry.name.startswith(tuple(prefixes)):
            shutil.rmtree(entry.path, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def swap_in(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` so that at every instant one of the two sites is there.

    Linux exchanges the two folders in one step (``renameat2(RENAME_EXCHANGE)``); the old site,
    now at ``new``'s path, is then removed. Where that is not available, the old site is renamed
    away and the new one in (two steps). ``new`` is gone afterwards.
    """
    if not target.exists():
        os.rename(new, target)
        return
    exchange = _renameat2()
    if exchange is not None:
        if exchange(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE) == 0:
            shutil.rmtree(new, ignore_errors=True)
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(target))
    old = new.with_name(new.name.replace(".new-", ".old-", 1))
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["MARKER", "OutputDirError", "cache_dir_problem", "check_no_overwrite", "check_output_dir", "locked", "made_by_konkursi", "make_publishable", "mark", "marked_source", "overlapping", "replace_file",
           "remove_leftovers", "swap_in"]
