"""A preview's records and entries hash once per object, not at every look-up of its memo.

The memo of a preview (``konkursi.memo``) finds what the last build made by keys that hold
records, the entries derived from them and the press releases: each key is hashed, and the
hash of a frozen dataclass hashes every field, all the way down. Records read from an
unchanged file are the very same objects in every build of a preview, and an entry takes part
in many keys (its page, the lists, feeds and calendars that show it), so its hash is the same
work done again and again. At 1,000 calls (``bench/preview.py``) hashing the memo's keys takes
some 100–130 ms of a rebuild, 25–30 ms with this; the rebuild itself, about half a second, is
from 5 to 20 % faster.

``hash_once`` keeps each object's hash, once computed, in the object itself. The value is the
class's own hash, so equality and hashing behave exactly as before; a pickled copy leaves the
kept hash behind (string hashes differ between processes) and hashes anew. It copies no
library's internals, so it is proven with no version; ``KONKURSI_SPEEDUPS=0`` turns it off too.
"""

from __future__ import annotations

from . import enabled, proven
from ..outputs.press import Release
from ..records.model import Call, Municipality, Programme, Round
from ..site.derive import CallEntry, MunicipalityEntry, RoundEntry

RECORD_HASH = proven("record-hash")

_KEPT = "_hash_once"
"""The attribute that keeps an object's hash."""

_APPLIED: set[type] = set()


def hash_once(*classes: type) -> None:
    """Give each frozen dataclass of ``classes`` a hash computed once per object (again: nothing)."""
    for cls in classes:
        if cls not in _APPLIED:
            _keep_hash(cls)
            _APPLIED.add(cls)


def hash_records_once() -> None:
    """``hash_once`` for what a preview's memo keys hold: records, entries, press releases (if switched on)."""
    if enabled(RECORD_HASH):
        hash_once(Programme, Municipality, Round, Call, CallEntry, RoundEntry, MunicipalityEntry, Release)


def _keep_hash(cls: type) -> None:
    computed = cls.__hash__

    def __hash__(self) -> int:
        try:
            return self.__dict__[_KEPT]
        except KeyError:
            value = computed(self)
            object.__setattr__(self, _KEPT, value)  # frozen: set the way dataclasses do
            return value

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != _KEPT}

    cls.__hash__ = __hash__
    cls.__getstate__ = __getstate__
