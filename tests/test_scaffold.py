"""`konkursi new`: commented record templates that validate once their «…» values are filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _schema_helpers import schema_errors
from conftest import run_konkursi
from konkursi.records.model import Call, Municipality, Round, is_record, yaml_fields, ListOf
from konkursi.records.schema import MODELINE, SCHEMA_DIR

# What an editor types in place of each «…», by field.
FILLED = {
    "closes": {"call": "2020-04-30 17:00", "round": "2020-09-30"},
    "quota": "2",
    "address": "pieteikumi@ludzas-novads.example",
    "title": "2020. gada rudens",
    "region": "latgale",
    "name": "Inese Kalniņa",
    "email": "inese.kalnina@ludzas-novads.example",
    "grant_amount": "4600",
    "headline": "Aicina pieteikties jaunatnes iniciatīvu projektu konkursam",
    "lead": "Pašvaldības izsludina pieteikšanos.",
    "role": "projekta koordinatore",
    "phone": "20000009",
}
FIELD_LINE = re.compile(r"^# ( *(?:- )?[a-z_]+:(?: .*)?| +- .*)$")
NOW = ("--now", "2020-03-01 10:00")


def fill(text: str, kind: str) -> str:
    def value(match: re.Match) -> str:
        wanted = FILLED[match["key"]]
        return match["head"] + (wanted[kind] if isinstance(wanted, dict) else wanted)

    text = re.sub(r"(?P<head>(?P<key>[a-z_]+): )«[^»]*»", value, text)
    return re.sub(r"(?m)^(?P<head>#?\s*- )«[^»]*»", lambda m: m["head"] + "Papildu rindkopa.", text)


def uncomment_optional_fields(text: str) -> str:
    return "\n".join(FIELD_LINE.sub(r"\1", line) for line in text.splitlines()) + "\n"


def new(mini, *args: str):
    return run_konkursi("new", *args, *NOW, cwd=mini.root)


@pytest.fixture
def ludza(mini) -> Path:
    """A mini project with a filled-in new municipality, and the path of a new call there."""
    assert new(mini, "municipality", "--name", "Ludzas novads").returncode == 0
    path = mini.root / "municipalities/ludzas-novads.yml"
    path.write_text(fill(path.read_text(encoding="utf-8"), "municipality"), encoding="utf-8")
    done = new(mini, "call", "--round", "2020-pavasaris", "--municipality", "ludzas-novads")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Izveidots calls/2020-pavasaris/ludzas-novads.yml: aizpildiet vērtības «…» un palaidiet konkursi validate"
    return mini.root / "calls/2020-pavasaris/ludzas-novads.yml"


def test_new_call_has_todays_dates_and_lists_what_to_fill_in(mini, ludza):
    text = ludza.read_text(encoding="utf-8")
    assert "\nopens: 2020-03-01 09:00\n" in text
    assert "\npublished: 2020-03-01\n" in text
    assert "# Ludzas novads: jaunatnes iniciatīvu projektu konkurss kārtā „2020. gada pavasaris”." in text
    done = run_konkursi("validate", cwd=mini.root)
    assert done.returncode == 1
    rel = "calls/2020-pavasaris/ludzas-novads.yml"
    assert done.stderr.splitlines() == [
        "Ierakstos atrastas 3 kļūdas:",
        f'  {rel}:13: laukā "closes": vērtība nav aizpildīta: ierakstiet īsto vērtību «pieteikšanās beigas, piemēram, 2020-03-31 17:00» vietā',
        f'  {rel}:19: laukā "quota": vērtība nav aizpildīta: ierakstiet īsto vērtību «projektu skaits, piemēram, 2» vietā',
        f'  {rel}:30: laukā "submission[1].address": vērtība nav aizpildīta: ierakstiet īsto vērtību «e-pasta adrese pieteikumiem» vietā',
    ]


def test_filled_new_call_validates_and_is_built(mini, ludza):
    ludza.write_text(fill(ludza.read_text(encoding="utf-8"), "call"), encoding="utf-8")
    assert mini.problems() == []
    assert schema_errors("call", ludza.read_text(encoding="utf-8")) == []
    done = run_konkursi("build", cwd=mini.root)
    assert done.returncode == 0, done.stderr
    html = (mini.root / "site/konkursi/2020-pavasaris/ludzas-novads/index.html").read_text(encoding="utf-8")
    assert "pieteikumi@ludzas-novads.example" in html


def test_every_optional_field_is_there_commented_out_and_valid_when_uncommented(mini, ludza):
    text = fill(ludza.read_text(encoding="utf-8"), "call")
    ludza.write_text(uncomment_optional_fields(text), encoding="utf-8")
    assert mini.problems() == []
    assert schema_errors("call", ludza.read_text(encoding="utf-8")) == []
    municipality = mini.root / "municipalities/ludzas-novads.yml"
    municipality.write_text(uncomment_optional_fields(municipality.read_text(encoding="utf-8")), encoding="utf-8")
    assert mini.problems() == []


def declared_keys(cls: type) -> set[str]:
    keys = set()
    for name, declared in yaml_fields(cls).items():
        keys.add(name)
        kind = declared.metadata["kind"]
        kind = kind.item if isinstance(kind, ListOf) else kind
        if is_record(kind):
            keys |= declared_keys(kind)
    return keys


@pytest.mark.parametrize("kind,cls,args", [
    ("call", Call, ("--round", "2020-pavasaris", "--municipality", "cesu-novads")),
    ("round", Round, ("--round", "2020-rudens")),
    ("municipality", Municipality, ("--municipality", "ludzas-novads")),
])
def test_scaffold_shows_every_declared_field_and_names_its_schema(mini, kind, cls, args):
    if kind == "call":
        (mini.root / "calls/2020-pavasaris/cesu-novads.yml").unlink()
    done = new(mini, kind, *args)
    assert done.returncode == 0, done.stderr
    path = mini.root / done.stdout.split(":")[0].removeprefix("Izveidots ")
    text = path.read_text(encoding="utf-8")
    written = {m.group(1) for m in re.finditer(r"^#? *(?:- )?([a-z_]+):", text, re.M)}
    assert declared_keys(cls) <= written
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    assert (path.parent / first[len(MODELINE):]).resolve() == (SCHEMA_DIR / f"{kind}.schema.json").resolve()


def test_new_round_numbers_itself_and_validates_once_filled(mini):
    done = new(mini, "round", "--round", "2020-rudens")
    assert done.returncode == 0, done.stderr
    path = mini.root / "calls/2020-rudens/_round.yml"
    text = path.read_text(encoding="utf-8")
    assert "\nnumber: 4\n" in text and "\ngrant_amount: 4600\n" in text and "\nopens: 2020-03-01\n" in text
    assert any("nav aizpildīta" in p for p in mini.problems())
    path.write_text(uncomment_optional_fields(fill(text, "round")), encoding="utf-8")
    assert mini.problems() == []
    assert schema_errors("round", path.read_text(encoding="utf-8")) == []


def test_new_never_overwrites_a_record(mini):
    path = mini.root / "calls/2020-pavasaris/cesu-novads.yml"
    before = path.read_bytes()
    done = new(mini, "call", "--round", "2020-pavasaris", "--municipality", "cesu-novads")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "konkursi: fails calls/2020-pavasaris/cesu-novads.yml jau ir; konkursi nepārraksta esošus ierakstus – "
        "atveriet to redaktorā vai izvēlieties citu identifikatoru"
    )
    assert path.read_bytes() == before
    assert new(mini, "round", "--round", "2020-pavasaris").returncode == 1
    assert new(mini, "municipality", "--name", "Cēsu novads").returncode == 1


@pytest.mark.parametrize("args,message", [
    (("call", "--round", "2021-rudens", "--municipality", "cesu-novads"),
     'konkursi: kārta "2021-rudens" nav atrasta (calls/2021-rudens/_round.yml); vispirms izveidojiet to: konkursi new round --round 2021-rudens'),
    (("call", "--round", "2020-pavasaris", "--municipality", "ogres-novads"),
     'konkursi: pašvaldība "ogres-novads" nav atrasta (municipalities/ogres-novads.yml); vispirms izveidojiet to: konkursi new municipality --municipality ogres-novads'),
    (("call", "--round", "2020-pavasaris", "--municipality", "cesis"),
     'konkursi: pašvaldība "cesis" nav atrasta; vai domājāt "cesu-novads"? '
     "Palaidiet vēlreiz, piemēram: konkursi new call --round 2020-pavasaris --municipality cesu-novads"),
    (("call", "--round", "2020-pavasaris", "--municipality", "cesu"),
     'konkursi: pašvaldība "cesu" nav atrasta; vai domājāt "cesu-novads"? '
     "Palaidiet vēlreiz, piemēram: konkursi new call --round 2020-pavasaris --municipality cesu-novads"),
    (("municipality", "--municipality", "Ogres novads"),
     'konkursi: --municipality "Ogres novads" nav derīgs identifikators: atļauti tikai mazie latīņu burti, cipari un defise; piemēram, "ogres-novads"'),
    (("round",), "konkursi: norādiet --round: kārtas identifikators, piemēram, 2021-rudens"),
])
def test_new_explains_what_is_missing(mini, args, message):
    done = new(mini, *args)
    assert done.returncode == 1
    assert done.stderr.strip() == message
    assert not (mini.root / "calls/2021-rudens").exists()
    assert sorted(p.name for p in (mini.root / "municipalities").iterdir()) == ["cesu-novads.yml"]
