"""The preview told of a saved file by the kernel (Linux's inotify) at once, instead of polling.

The engine's ``LiveReloadServer`` polls the watched folders every 0.5 s, which is on average a
quarter of a second, at worst half a second, between a save and the start of the rebuild.
``told_of_changes`` makes the engine's serve command use a subclass whose watchdog observer is
fed by inotify and reports writes only (a build reads the records: reported, each read would start
another build). It replaces the server's ``observer`` attribute, an internal: proven per engine.
inotify sees no changes made on another machine (a network share); `konkursi serve --poll` keeps
the engine's polling.
"""

from __future__ import annotations

import importlib
import sys

from . import proven
from .engine import enabled_on

INOTIFY = {"mkdocs": proven("inotify-reload", mkdocs="1.6.1", watchdog="7.1.1"),
           "properdocs": proven("inotify-reload-properdocs", properdocs="1.6.7", watchdog="7.1.1")}


def told_of_changes(engine: str) -> bool:
    """Makes ``engine``'s serve command watch with inotify where proven and available; whether it does."""
    observer_class = inotify() if enabled_on(INOTIFY, engine) else None
    if observer_class is None:
        return False
    serve = importlib.import_module(f"{engine}.commands.serve")
    serve.LiveReloadServer = server_told_of_changes(serve.LiveReloadServer, observer_class)
    return True


def inotify():
    """watchdog's observer fed by Linux's inotify, reporting writes only; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    from watchdog.utils import UnsupportedLibcError

    try:
        from watchdog import events
        from watchdog.observers.inotify import InotifyObserver
    except (ImportError, UnsupportedLibcError):  # a Linux without inotify
        return None
    writes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileAttribEvent, events.FileClosedEvent,
              events.FileDeletedEvent, events.FileMovedEvent, events.DirCreatedEvent, events.DirModifiedEvent,
              events.DirAttribEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class WritesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or writes, **options)

    return WritesObserver


def server_told_of_changes(server_class, observer_class):
    """The engine's ``LiveReloadServer`` with ``observer_class`` (inotify) as its observer."""
    class ToldOfChanges(server_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.observer = observer_class()  # replaced before anything is watched

    return ToldOfChanges
