"""New record files from commented templates (``konkursi new``), never overwriting one."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
from slugify import slugify

from .errors import Problems
from .load import ROUND_FILE, Layout, Records, load_records
from .model import REGIONS, SUBMISSION_METHODS
from .schema import schema_modeline

SCAFFOLD_DIR = Path(__file__).parent / "scaffolds"
KINDS = ("round", "municipality", "call")


class ScaffoldError(Exception):
    """A record that cannot be created; the message is Latvian and says what to do."""


@dataclass(frozen=True)
class Request:
    """What the editor asked for: the kind of record and its ids."""

    kind: str
    round_id: str = ""
    municipality_id: str = ""
    name: str = ""
    """Official name of a new municipality, if given."""


def new_record(layout: Layout, request: Request, today: dt.date) -> Path:
    """Write the scaffold of a new record and return its path; refuses to overwrite."""
    request = _resolve_ids(request)
    target = _target_path(layout, request)
    records = load_records(layout, Problems())
    _check_links(layout, request, records)
    text = _render(request.kind, _context(request, records, today, target))
    root = os.path.realpath(layout.root)
    if not os.path.realpath(target.parent).startswith(os.path.join(root, "")):
        raise ScaffoldError(f"mape {_rel(layout, target.parent)} ir simboliskā saite (saīsne) uz vietu ārpus projekta mapes; "
                            "jaunus ierakstus konkursi tur neraksta")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"fails {_rel(layout, target)} jau ir; konkursi nepārraksta esošus ierakstus – "
            "atveriet to redaktorā vai izvēlieties citu identifikatoru"
        ) from None
    return target


def _resolve_ids(request: Request) -> Request:
    if request.kind == "municipality" and not request.municipality_id and request.name:
        request = Request(request.kind, request.round_id, slugify(request.name), request.name)
    for option, value in (("--round", request.round_id), ("--municipality", request.municipality_id)):
        if value and slugify(value) != value:
            hint = f'; piemēram, "{slugify(value)}"' if slugify(value) else ""
            raise ScaffoldError(f'{option} "{value}" nav derīgs identifikators: atļauti tikai mazie latīņu burti, cipari un defise{hint}')
    return request


def _target_path(layout: Layout, request: Request) -> Path:
    calls = layout.root / layout.calls
    if request.kind == "round":
        _require(request.round_id, "--round", "kārtas identifikators, piemēram, 2021-rudens")
        return calls / request.round_id / ROUND_FILE
    if request.kind == "municipality":
        _require(request.municipality_id, "--municipality", "pašvaldības identifikators, piemēram, cesu-novads (vai --name)")
        return layout.root / layout.municipalities / f"{request.municipality_id}.yml"
    _require(request.round_id, "--round", "kārtas identifikators, piemēram, 2020-pavasaris")
    _require(request.municipality_id, "--municipality", "pašvaldības identifikators, piemēram, cesu-novads")
    return calls / request.round_id / f"{request.municipality_id}.yml"


def _require(value: str, option: str, what: str) -> None:
    if not value:
        raise ScaffoldError(f"norādiet {option}: {what}")


def _check_links(layout: Layout, request: Request, records: Records) -> None:
    if request.kind != "call":
        return
    if not (layout.root / layout.calls / request.round_id / ROUND_FILE).is_file():
        raise ScaffoldError(
            f'kārta "{request.round_id}" nav atrasta ({layout.calls}/{request.round_id}/{ROUND_FILE}); '
            f"vispirms izveidojiet to: konkursi new round --round {request.round_id}"
        )
    if request.municipality_id not in records.municipality_files:
        known = sorted(records.municipality_files)
        stems = {m.split("-")[0]: m for m in known}  # "ludzas-novads" is typed "ludza", "cesu-novads" "cesis"
        close = [m for m in known if m.startswith(request.municipality_id)] or \
            [stems[s] for s in difflib.get_close_matches(request.municipality_id.split("-")[0], stems, n=3, cutoff=0.6)]
        if close:
            guesses = " vai ".join(f'"{m}"' for m in close[:3])
            raise ScaffoldError(f'pašvaldība "{request.municipality_id}" nav atrasta; vai domājāt {guesses}? '
                                f"Palaidiet vēlreiz, piemēram: konkursi new call --round {request.round_id} --municipality {close[0]}")
        raise ScaffoldError(
            f'pašvaldība "{request.municipality_id}" nav atrasta ({layout.municipalities}/{request.municipality_id}.yml); '
            f"vispirms izveidojiet to: konkursi new municipality --municipality {request.municipality_id}"
        )


def _context(request: Request, records: Records, today: dt.date, target: Path) -> dict:
    municipality = records.municipalities.get(request.municipality_id)
    round_ = records.rounds.get(request.round_id)
    latest = max(records.rounds.values(), key=lambda r: r.number, default=None)
    return {
        "modeline": schema_modeline(request.kind, target),
        "today": today.isoformat(),
        "in_a_month": (today + dt.timedelta(days=30)).isoformat(),
        "in_four_months": (today + dt.timedelta(days=120)).isoformat(),
        "round_id": request.round_id,
        "round_title": round_.title if round_ else request.round_id,
        "municipality_id": request.municipality_id,
        "municipality_name": municipality.name if municipality else request.municipality_id,
        "name": request.name,
        "next_number": (latest.number + 1) if latest else 1,
        "latest": latest,
        "regions": REGIONS,
        "methods": SUBMISSION_METHODS,
    }


def _render(kind: str, context: dict) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLD_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return environment.get_template(f"{kind}.yml.j2").render(context)


def _rel(layout: Layout, path: Path) -> str:
    return path.relative_to(layout.root).as_posix()


__all__ = ["KINDS", "Request", "ScaffoldError", "new_record"]
