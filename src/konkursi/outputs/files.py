"""Published files kept as ``{path relative to the site dir: bytes}``, some made only when written.

A site of 5,000 calls has 5,000 press releases as .docx of ~36 KB each: kept in memory from the
start of the build to its end they would weigh ~180 MB. They are made from records that are
already checked, so they can wait until they are written, one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, ItemsView, Iterator, Mapping


class Deferred:
    """Bytes made when they are read; equal when made from equal inputs (``key``)."""

    __slots__ = ("make", "key")

    def __init__(self, make: Callable[[], bytes], key: Hashable):
        self.make = make
        self.key = key

    def __call__(self) -> bytes:
        return self.make()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


class Files(Mapping[str, bytes]):
    """``{path: bytes}`` where a content may be kept ``Deferred``: read, it is made (and not kept).

    Every way of reading it (``files[path]``, ``get``, ``values``, ``items``, ``dict(files)``,
    ``{**files}``) gives bytes; ``stored()`` alone shows the contents as kept.
    """

    __slots__ = ("_stored",)

    def __init__(self, *groups: Mapping[str, bytes | Deferred]):
        """The files of ``groups`` (of a path in several, the last one's), deferred contents kept so."""
        self._stored: dict[str, bytes | Deferred] = {}
        for group in groups:
            self._stored.update(stored_items(group))

    def __getitem__(self, path: str) -> bytes:
        value = self._stored[path]
        return value() if isinstance(value, Deferred) else value

    def __contains__(self, path: object) -> bool:
        return path in self._stored

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def __repr__(self) -> str:
        return f"Files({list(self._stored)!r})"

    def stored(self) -> ItemsView[str, bytes | Deferred]:
        """The items as kept, ``Deferred`` contents not made."""
        return self._stored.items()


def stored_items(files: Mapping[str, bytes | Deferred]) -> Iterator[tuple[str, bytes | Deferred]]:
    """Items of any ``{path: content}`` without making deferred contents."""
    return iter(files.stored() if isinstance(files, Files) else files.items())
