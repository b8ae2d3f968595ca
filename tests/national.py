"""A national project for tests: all 119 municipalities of Latvia's 2009–2021 division, one call each."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from slugify import slugify

REPO = Path(__file__).resolve().parents[1]

CITIES = ("Daugavpils", "Jēkabpils", "Jelgava", "Jūrmala", "Liepāja", "Rēzekne", "Rīga", "Valmiera", "Ventspils")
"""The nine republic cities (republikas pilsētas) of 2009–2021."""

NOVADI = {
    "kurzeme": (
        "Aizputes", "Alsungas", "Brocēnu", "Dundagas", "Durbes", "Grobiņas", "Kuldīgas", "Mērsraga", "Nīcas",
        "Pāvilostas", "Priekules", "Rojas", "Rucavas", "Saldus", "Skrundas", "Talsu", "Vaiņodes", "Ventspils",
    ),
    "latgale": (
        "Aglonas", "Baltinavas", "Balvu", "Ciblas", "Dagdas", "Daugavpils", "Ilūkstes", "Kārsavas", "Krāslavas",
        "Līvānu", "Ludzas", "Preiļu", "Rēzeknes", "Riebiņu", "Rugāju", "Vārkavas", "Viļakas", "Viļānu", "Zilupes",
    ),
    "riga": (
        "Ādažu", "Alojas", "Babītes", "Baldones", "Carnikavas", "Engures", "Garkalnes", "Ikšķiles", "Inčukalna",
        "Jaunpils", "Kandavas", "Krimuldas", "Ķeguma", "Ķekavas", "Lielvārdes", "Limbažu", "Mālpils", "Mārupes",
        "Ogres", "Olaines", "Ropažu", "Salacgrīvas", "Salaspils", "Saulkrastu", "Sējas", "Siguldas", "Stopiņu",
        "Tukuma",
    ),
    "vidzeme": (
        "Alūksnes", "Amatas", "Apes", "Beverīnas", "Burtnieku", "Cēsu", "Cesvaines", "Ērgļu", "Gulbenes",
        "Jaunpiebalgas", "Kocēnu", "Līgatnes", "Lubānas", "Madonas", "Mazsalacas", "Naukšēnu", "Pārgaujas",
        "Priekuļu", "Raunas", "Rūjienas", "Smiltenes", "Strenču", "Valkas", "Varakļānu", "Vecpiebalgas",
    ),
    "zemgale": (
        "Aizkraukles", "Aknīstes", "Auces", "Bauskas", "Dobeles", "Iecavas", "Jaunjelgavas", "Jelgavas",
        "Jēkabpils", "Kokneses", "Krustpils", "Neretas", "Ozolnieku", "Pļaviņu", "Rundāles", "Salas", "Skrīveru",
        "Tērvetes", "Vecumnieku", "Viesītes",
    ),
}
"""The 110 novadi of 2010–2021 (Mērsraga novads was split off Rojas novads in 2010) by planning region."""

CITY_REGIONS = {
    "Daugavpils": "latgale", "Jēkabpils": "zemgale", "Jelgava": "zemgale", "Jūrmala": "riga", "Liepāja": "kurzeme",
    "Rēzekne": "latgale", "Rīga": "riga", "Valmiera": "vidzeme", "Ventspils": "kurzeme",
}

WOMEN = (("Ilze", "Bērziņa"), ("Laura", "Ozoliņa"), ("Līga", "Kalniņa"), ("Inese", "Liepiņa"), ("Dace", "Krūmiņa"),
         ("Kristīne", "Zariņa"), ("Zane", "Vītola"), ("Agnese", "Kļaviņa"), ("Ieva", "Šmite"), ("Māra", "Jansone"),
         ("Sanita", "Eglīte"), ("Gunta", "Ģērmane"))
MEN = (("Jānis", "Bērziņš"), ("Andris", "Ozoliņš"), ("Mārtiņš", "Kalniņš"), ("Edgars", "Liepiņš"),
       ("Kaspars", "Krūmiņš"), ("Raivis", "Zariņš"), ("Ēriks", "Vītols"), ("Aivars", "Kļaviņš"), ("Uldis", "Šmits"),
       ("Ņikita", "Jansons"), ("Gatis", "Eglītis"), ("Roberts", "Ķēniņš"))

ROUND = "2020-pavasaris"


def municipalities() -> list[tuple[str, str, str]]:
    """(id, name, region code) of all 119, republic cities first, then the novadi by region."""
    named = [(city, CITY_REGIONS[city]) for city in CITIES]
    named += [(f"{stem} novads", region) for region, stems in NOVADI.items() for stem in stems]
    return [(slugify(name), name, region) for name, region in named]


def call_dates(index: int, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The ``index``-th call's opening and deadline: in turn closed, open and upcoming at ``now``, a day apart."""
    day = dt.timedelta(days=1)
    kind, step = index % 3, index // 3
    morning = now.replace(hour=9, minute=0)
    if kind == 0:  # closed: deadlines from 41 days before now up to the day before
        closes = morning.replace(hour=17) - (41 - step) * day
        return (closes - 30 * day).replace(hour=9), closes
    if kind == 1:  # open: deadlines from tomorrow on, some within the "closing soon" week
        closes = morning.replace(hour=17) + (step + 1) * day
        return morning - (10 + step % 20) * day, closes
    opens = morning + (step + 1) * day  # upcoming: openings from tomorrow on, each open for 30 days
    return opens, opens + 30 * day


def write_national_project(root: Path, now: str = "2020-04-20 12:00") -> Path:
    """A complete konkursi project in ``root``: the repository's theme, pages, programme and mkdocs.yml
    ("now" fixed at ``now``), the spring 2020 round and every municipality of 2009–2021 with one call in it.

    About a third of the calls are closed, a third open and a third upcoming at ``now`` (any "now" that
    leaves every date inside the round's period, 2020-02-01 to 2020-06-30; the default does).
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "programme.yml", root / "programme.yml")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, replaced = re.subn(r'(?m)^(\s+now:) ".*"$', lambda m: f'{m.group(1)} "{now}"', config)
    assert replaced == 1, "mkdocs.yml has no now: line to set"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if not (root / "cms").exists():
        (root / "cms").symlink_to(REPO / "cms", target_is_directory=True)  # the web editor's npm files
    folder = root / "calls" / ROUND
    folder.mkdir(parents=True)
    shutil.copy(REPO / "calls" / ROUND / "_round.yml", folder / "_round.yml")
    (root / "municipalities").mkdir()
    moment = dt.datetime.strptime(now, "%Y-%m-%d %H:%M")
    for index, (mid, name, region) in enumerate(municipalities()):
        (root / "municipalities" / f"{mid}.yml").write_text(_municipality(index, mid, name, region), encoding="utf-8")
        (folder / f"{mid}.yml").write_text(_call(index, mid, *call_dates(index, moment)), encoding="utf-8")
    return root


def _municipality(index: int, mid: str, name: str, region: str) -> str:
    people = [WOMEN[index % len(WOMEN)] if index % 2 == 0 else MEN[index % len(MEN)]]
    if index % 4 == 1:  # every fourth municipality has a second contact person
        people.append(WOMEN[(index + 5) % len(WOMEN)])
    lines = [f"name: {name}", f"region: {region}", f"website: https://www.{mid}.example", "contacts:"]
    for number, (first, last) in enumerate(people):
        role = "jaunatnes lietu speciāliste" if (first, last) in WOMEN else "jaunatnes lietu speciālists"
        lines += [f"  - name: {first} {last}", f"    role: {role}",
                  f"    email: {slugify(first)}.{slugify(last)}@{mid}.example",
                  f'    phone: "2000{(index * 2 + number) % 10000:04d}"']
    return "\n".join(lines) + "\n"


def _call(index: int, mid: str, opens: dt.datetime, closes: dt.datetime) -> str:
    title = "Konkursa nolikums" if index % 2 == 0 else "Nolikums"
    return (f"opens: {opens:%Y-%m-%d %H:%M}\ncloses: {closes:%Y-%m-%d %H:%M}\nquota: {1 + index % 4}\n"
            f"submission:\n  - method: email\n    address: pieteikumi@{mid}.example\n"
            f"documents:\n  - title: {title}\n    url: https://{mid}.example/pumpurs/2020/nolikums.pdf\n"
            f"  - title: Pieteikuma veidlapa\n    url: https://{mid}.example/pumpurs/2020/pieteikums.docx\n")
