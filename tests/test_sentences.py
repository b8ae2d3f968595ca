"""The sentence catalogue: every generated sentence with a number or a date in it, over a grid of values.

The golden file ``tests/golden/teikumi.txt`` is the product a Latvian reader reviews line by line:
counts 0, 1, 2, 5, 10, 11, 21, 22, 100, 101, 111 in every slot a count fills; every month in
every case a sentence puts it in; each status; dates with and without a time; partial and
complete results. The pages, feeds and releases are made by the real templates from small
projects written for each value. After a change of wording:
``KONKURSI_UPDATE_GOLDEN=1 scripts/test.sh tests/test_sentences.py`` and read ``git diff``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import CALL, MUNICIPALITY, MiniProject
from konkursi.outputs.press import to_text
from konkursi.project import Project, generate, publish

GOLDEN = Path(__file__).parent / "golden" / "teikumi.txt"
COUNTS = (0, 1, 2, 5, 10, 11, 21, 22, 100, 101, 111)
SITE_URL = "https://konkursi.example/"

ROUND = """\
number: {number}
title: {title}
opens: {opens}
closes: {closes}
grant_amount: 4600
"""

RELEASE = """\
press_release:
  date: 2021-01-04
  headline: Aicina pieteikties 4600 eiro finansējumam
  lead: Pašvaldības organizē pieteikšanos.
"""


def _text(markdown: str) -> str:
    """What a reader sees of a page's Markdown: no tags, links as their text, cells as phrases."""
    text = re.sub(r"</?(?:span|a|strong|em|b|i|abbr|time|code|small)\b[^>]*>", "", markdown)  # inline: no space
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{[:.][^}]*\}", " ", text)  # attribute lists
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\|?[-| :]+\|?\s*$", " ", text, flags=re.MULTILINE)  # table rules
    text = text.replace("|", " ¦ ")
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*\d+\.\s+(?!gada\b)", "• ", text, flags=re.MULTILINE)  # a numbered list item, not a date
    text = re.sub(r"\s*\n:\s+", ": ", text)  # a definition list: "term: definition"
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~&<])", r"\1", text)  # Markdown escapes: the reader sees the character


# A sentence ends at . ! ? before a capital (not after "Nr." or "plkst."; "1. jūnijā" goes on), at a table
# cell, a blank line or a list item.
_SENTENCE_END = re.compile(r"(?<!\bNr\.)(?<!\bplkst\.)(?<=[.!?])\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ„])|\s*¦\s*|\n\s*\n|\n(?=\s*[-*•] )")


def sentences(text: str) -> list[str]:
    found = []
    for part in _SENTENCE_END.split(text):
        part = " ".join(part.split()).strip(" -*")
        if re.search(r"[^\W\d_]", part):  # words, not a bare number
            found.append(part)
    return found


def _outputs(project: Project) -> dict[str, str]:
    """Every text a reader meets, by where it is: pages, release files, feed summaries, calendars."""
    result = generate(project)
    texts = {f"lapa {page.path}": _text(page.body) for page in result.pages}
    for release in result.releases:
        texts[f"relīze {release.files['txt']}"] = to_text(release)
    published = publish(project, result)
    for path, content in published.files.items():
        if path.endswith(".rss.xml") and "/" not in path.removeprefix("abonet/"):
            items = re.findall(r"<(?:title|description)>(.*?)</(?:title|description)>", content.decode("utf-8"), re.S)
            texts[f"kanāls {path}"] = "\n\n".join(items)
        elif path.endswith(".ics") and path.count("/") == 1:
            text = content.decode("utf-8").replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
            texts[f"kalendārs {path}"] = "\n\n".join(re.findall(r"^(?:SUMMARY|DESCRIPTION):(.*)$", text, re.M))
    return texts


def _with_number(n: int):
    token = re.compile(rf"(?<![\d.,/+]){n}(?![\d.,])|(?<![\d.,/+]){n}(?=[.,](?:\s|$))")
    return lambda sentence: bool(token.search(sentence))


def _municipalities(mini: MiniProject, count: int) -> list[str]:
    ids = []
    for index in range(count):
        letter = "ABCDEFGHIJKLMNOPRSTUVZ"[index]
        municipality_id = f"pasvaldiba-{letter.lower()}"
        mini.write(f"municipalities/{municipality_id}.yml", MUNICIPALITY.replace("Cēsu novads", f"Pašvaldība {letter}"))
        ids.append(municipality_id)
    return ids


def _results(applications: int, funded: int, decided: str = "2021-05-10") -> str:
    projects = "".join(
        "    - title: Jauniešu rīts\n      implementer: Biedrība Jaunieši\n      starts: 2021-06-01\n      ends: 2021-12-31\n"
        for k in range(1, funded + 1)
    )
    return f"results:\n  applications: {applications}\n  decided: {decided}\n  projects:\n{projects or '    []'}\n"


def count_lines(tmp_path: Path) -> list[str]:
    """Counts in every slot: quota, applications, approved projects, calls, municipalities, totals."""
    lines = []
    for n in COUNTS:
        for shape in ("visi ziņojuši", "daļēji"):
            mini = MiniProject(tmp_path / f"skaiti-{n}-{shape}")
            mini.write("calls/2020-pavasaris/_round.yml", "")  # replaced by the rounds below
            (mini.root / "calls/2020-pavasaris").rename(mini.root / "calls/2021-pavasaris")
            mini.write("calls/2020-rudens/_round.yml", ROUND.format(number=2, title="2020. gada rudens", opens="2020-09-01", closes="2020-11-30")
                       + f"totals:\n  projects: {n}\n  municipalities: {n}\n")
            mini.write("calls/2021-pavasaris/_round.yml", ROUND.format(number=3, title="2021. gada pavasaris", opens="2021-01-01", closes="2021-06-30") + RELEASE)
            call = CALL.replace("2020-03-02 09:00", "2021-02-01 09:00").replace("2020-04-15 17:00", "2021-04-15 17:00")
            call = call.replace("quota: 3", f"quota: {max(n, 1)}")
            mini.write("calls/2021-pavasaris/cesu-novads.yml", call + _results(n, n))
            if shape == "daļēji":
                for other in _municipalities(mini, 2):
                    mini.write(f"calls/2021-pavasaris/{other}.yml", call)
            project = Project.at(mini.root, now="2021-06-01 12:00", site_url=SITE_URL)
            with_n = _with_number(n)
            keep = (lambda s: with_n(s) or "netika" in s or "neviens" in s) if n == 0 else with_n  # none is said in words
            for where, text in _outputs(project).items():
                lines += [f"{n:>3} · {shape} · {where} · {s}" for s in sentences(text) if keep(s)]
    return lines


MONTH_NAMES = re.compile(r"\b(janvār|februār|mart|aprīl|maij|jūnij|jūlij|august|septembr|oktobr|novembr|decembr)\w*")


def month_lines(tmp_path: Path) -> list[str]:
    """Every month in each case a sentence needs, for an upcoming, an open, a closing-soon and a closed call."""
    mini = MiniProject(tmp_path / "menesi")
    mini.write("calls/2020-pavasaris/_round.yml", "")
    (mini.root / "calls/2020-pavasaris").rename(mini.root / "calls/2021-2022")
    mini.write("calls/2021-2022/_round.yml", ROUND.format(number=3, title="2021.–2022. gads", opens="2021-01-01", closes="2022-12-31"))
    (mini.root / "calls/2021-2022/cesu-novads.yml").unlink()
    for month, municipality in zip(range(1, 13), _municipalities(mini, 12)):
        with_time = month % 2 == 1
        opens = f"2021-{month:02d}-02" + (" 9:00" if with_time else "")
        closes = f"2022-{month:02d}-20" + (" 16:30" if with_time else "")
        call = CALL.replace("2020-03-02 09:00", opens).replace("2020-04-15 17:00", closes)
        mini.write(f"calls/2021-2022/{municipality}.yml", call)
    lines = []
    for status, now in (("drīzumā", "2020-12-01 12:00"), ("atvērts", "2021-12-25 12:00"), ("drīz beigsies", "2022-06-18 12:00"),
                        ("noslēgts", "2023-01-05 12:00")):
        project = Project.at(mini.root, now=now, site_url=SITE_URL)
        for where, text in _outputs(project).items():
            lines += [f"{status} · {where} · {s}" for s in sentences(text) if MONTH_NAMES.search(s)]
    return lines


def catalogue(tmp_path: Path) -> str:
    seen, unique = set(), []
    for line in count_lines(tmp_path) + month_lines(tmp_path):
        sentence = line.rsplit(" · ", 1)[1]
        key = (line.split(" · ", 1)[0], sentence)
        if key not in seen:
            seen.add(key)
            unique.append(line)
    header = (
        "# Teikumu katalogs: katrs ģenerētais teikums ar skaitli vai datumu (tests/test_sentences.py).\n"
        "# Rinda: vērtība · situācija · kur · teikums. Katrs teikums parādīts vienreiz katrai vērtībai.\n"
    )
    return header + "\n".join(unique) + "\n"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> str:
    return catalogue(tmp_path_factory.mktemp("teikumi"))


def test_the_sentence_catalogue_matches_the_reviewed_golden_file(made):
    if os.environ.get("KONKURSI_UPDATE_GOLDEN"):
        GOLDEN.write_text(made, encoding="utf-8")
    assert made == GOLDEN.read_text(encoding="utf-8"), "KONKURSI_UPDATE_GOLDEN=1 scripts/test.sh tests/test_sentences.py; review git diff"


def test_the_catalogue_covers_the_grid(made):
    lines = made.splitlines()[2:]
    for n in COUNTS:
        assert sum(line.startswith(f"{n:>3} · ") for line in lines) >= 5, n
    for status in ("drīzumā", "atvērts", "drīz beigsies", "noslēgts"):
        assert any(line.startswith(status + " · ") for line in lines), status
    for case_form in ("martā", "marta", "martam", "marts", "maijā", "maijam"):
        assert any(re.search(rf"\b{case_form}\b", line) for line in lines), case_form
    assert any("Līdz šim" in line for line in lines) and any("Rezultāti zināmi" in line for line in lines)


# Agreement a reader would notice at once: the counted noun after its number.
AGREEMENT = [
    (r"\b(\d+) (projekts|projekti|projektu|projektus)\b", {"one": ("projekts", "projektu"), "other": ("projekti", "projektus")}),
    (r"\b(\d+) (pieteikums|pieteikumi|pieteikuma|pieteikumiem)\b", {"one": ("pieteikums", "pieteikuma"), "other": ("pieteikumi", "pieteikumiem")}),
    (r"\b(\d+) (pašvaldībā|pašvaldībās|pašvaldība|pašvaldības)\b", {"one": ("pašvaldībā", "pašvaldība"), "other": ("pašvaldībās", "pašvaldības")}),
]


def test_every_counted_noun_agrees_with_its_number(made):
    from konkursi.lv import plural

    for line in made.splitlines()[2:]:
        for pattern, forms in AGREEMENT:
            for number, noun in re.findall(pattern, line):
                kind = plural(int(number), "one", "other")
                assert noun in forms[kind], line


def test_the_data_behind_the_catalogue_is_what_the_sentences_say(tmp_path):
    """One value end to end: the count the calls.json gives is the count the sentence gives."""
    mini = MiniProject(tmp_path / "viens")
    mini.write("calls/2020-pavasaris/cesu-novads.yml", CALL.replace("quota: 3", "quota: 21") + _results(21, 21, decided="2020-05-10"))
    project = Project.at(mini.root, now="2020-06-01 12:00", site_url=SITE_URL)
    result = generate(project)
    data = json.loads(publish(project, result).files["dati/calls.json"])["calls"][0]
    (page,) = [p for p in result.pages if p.kind == "call"]
    said = f"Saņemts {data['results_applications']} pieteikums, atbalstīts {data['results_approved']} projekts."
    assert said in " ".join(page.body.split())
