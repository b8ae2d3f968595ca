"""Published files kept as ``{path relative to the site dir: bytes}``, some made only when written.

A site of 5,000 calls has 5,000 press releases as .docx of ~36 KB each: kept in memory from the
start of the build to its end they would weigh ~180 MB. They are made from records that are
already checked, so they can wait until they are written, one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator


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


class Files(dict):
    """``{path: bytes}`` where a value may be ``Deferred``: read, it is made (and not kept)."""

    def __getitem__(self, path: str) -> bytes:
        value = super().__getitem__(path)
        return value() if isinstance(value, Deferred) else value

    def get(self, path: str, default=None):
        return self[path] if path in self else default

    def values(self) -> Iterator[bytes]:  # type: ignore[override]
        return (self[path] for path in self)

    def items(self) -> Iterator[tuple[str, bytes]]:  # type: ignore[override]
        return ((path, self[path]) for path in self)

    def stored(self) -> Iterator[tuple[str, bytes | Deferred]]:
        """The items as kept, ``Deferred`` values not made."""
        return dict.items(self)  # type: ignore[return-value]


def stored_items(files: dict) -> Iterator:
    """Items of any ``{path: content}`` without making deferred contents."""
    return files.stored() if isinstance(files, Files) else iter(files.items())
