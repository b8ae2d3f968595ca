"""Results of pure steps kept between the rebuilds of one preview, keyed by their inputs.

A preview rebuilds after every save. Reading a record file, rendering a call's page or
press release depend only on values that compare by content (the file's bytes, frozen
records), so a rebuild asks the memo first and makes only what changed. What a build does
not ask for is dropped at its end: the memo holds one build's results, no more.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """``get(table, key, make)``: the result made for an equal ``key`` in this or the last build."""

    def __init__(self) -> None:
        self._previous: dict[_Slot, Any] = {}
        self._current: dict[_Slot, Any] = {}
        self.hits = 0
        self.misses = 0

    def get(self, table: str, key: Hashable, make: Callable[[], T]) -> T:
        try:
            slot = _Slot((table, key))
        except TypeError:  # a key that cannot be hashed is simply not remembered
            return make()
        value = self._current.get(slot, _MISSING)
        if value is _MISSING:
            value = self._previous.get(slot, _MISSING)
            if value is _MISSING:
                self.misses += 1
                value = make()
            else:
                self.hits += 1
            self._current[slot] = value
        else:
            self.hits += 1
        return value

    def next_build(self) -> None:
        """Start a build: results the last build did not use are forgotten."""
        self._previous, self._current = self._current, {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._current)


_MISSING = object()


class _Slot:
    """A key whose (deep, costly) hash is computed once for all the dict look-ups it takes part in."""

    __slots__ = ("key", "hash")

    def __init__(self, key: Hashable):
        self.key = key
        self.hash = hash(key)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Slot) and self.hash == other.hash and self.key == other.key


class NoMemo(Memo):
    """Makes everything every time (a one-off build has nothing to remember)."""

    def get(self, table: str, key: Hashable, make: Callable[[], T]) -> T:
        return make()


NO_MEMO = NoMemo()
