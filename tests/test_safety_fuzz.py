"""Fuzzing by Unicode category: text from every general category, in every text field at once.

For each of Unicode's 30 general categories, hypothesis draws strings of that category's characters
(mixed with markup characters) and writes one into every text field of a small project. Either
``validate`` refuses them, naming every field and its file and line (the categories the rule
refuses: control, format, separators, surrogates, private use, unassigned), or every output is
built and read back by the tool a user would use: pages as MkDocs reads them (no front matter,
inert HTML), their metadata, feeds (feedparser), calendars (icalendar), calls.json, the CSV files,
the press releases (.txt, python-docx). Bounded: ``KONKURSI_FUZZ_EXAMPLES`` (default 5) examples per
category, 150 projects in about 15 s.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata

import feedparser
import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MiniProject
from konkursi.records.errors import ValidationFailed
from konkursi.project import Project, generate, publish
from test_hardening_fuzz import _page_html
from test_hardening_injection import assert_inert_html

CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]
REFUSED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
"""What the documented rule refuses (konkursi.records.values.text_problem), but for these few characters:"""
ALLOWED_ANYWAY = set("\t\n\r\u00ad\u200b\u200c\u200d\u2060")

EXAMPLES = int(os.environ.get("KONKURSI_FUZZ_EXAMPLES", "5"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get("KONKURSI_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])

PROGRAMME = """\
name: {t}
short_name: {t}
project_number: {t}
fund: {t}
implementer: {t}
competition_name: {t}
ends: 2022-12-31
target_group: {t}
eligible_applicants:
  - {t}
supported_activities: {t}
funding_statement: {t}
implemented_by: {t}
contact:
  name: {t}
  role: {t}
  email: lubova.vasecko@834.ikvd.gov.lv
  phone: 28638431
"""
MUNICIPALITY = """\
name: {t}
region: vidzeme
contacts:
  - name: {t}
    role: {t}
    email: ilze@cesu-novads.example
"""
ROUND = """\
number: 3
title: {t}
opens: 2020-02-01
closes: 2020-06-30
grant_amount: 4600
press_release:
  date: 2020-03-02
  headline: {t}
  lead: {t}
  body:
    - {t}
"""
CALL = """\
opens: 2020-03-02 09:00
closes: 2020-04-15 17:00
quota: 3
submission:
  - method: post
    address: {t}
    note: {t}
documents:
  - title: {t}
    url: https://cesu-novads.example/nolikums.pdf
note: {t}
results:
  applications: 2
  projects:
    - title: {t}
      implementer: {t}
      starts: 2020-08-15
      ends: 2021-01-30
"""
FILES = {"programme.yml": PROGRAMME, "municipalities/cesu-novads.yml": MUNICIPALITY,
         "calls/2020-pavasaris/_round.yml": ROUND, "calls/2020-pavasaris/cesu-novads.yml": CALL}
FIELDS = sum(text.count("{t}") for text in FILES.values())


def _characters(category: str) -> st.SearchStrategy[str]:
    if category == "Cs":
        return st.integers(0xD800, 0xDFFF).map(chr)
    return st.characters(categories=[category], codec=None)


def _texts(category: str) -> st.SearchStrategy[str]:
    markup = st.sampled_from(list("<>&\"'\\[]()*_`#:|-") + ["</script>", "]]>", "\r\n", "---"])
    pieces = st.lists(st.one_of(_characters(category), _characters(category), markup), min_size=1, max_size=12)
    # Letters around them: a value is never empty or all spaces, and the category's characters sit inside.
    return pieces.map(lambda parts: "A" + "".join(parts) + "z").filter(lambda text: any(_in(c, category) for c in text))


def _in(char: str, category: str) -> bool:
    return unicodedata.category(char) == category


def _yaml(text: str) -> str:
    """A double-quoted YAML scalar holding ``text`` exactly, written in ASCII."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _refused(text: str) -> bool:
    return any(unicodedata.category(c) in REFUSED and c not in ALLOWED_ANYWAY for c in text)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> MiniProject:
    return MiniProject(tmp_path_factory.mktemp("fuzz") / "projekts")


@pytest.mark.parametrize("category", CATEGORIES)
def test_text_of_every_category_in_every_field_is_refused_or_published_inert(project, category):
    @FUZZ
    @given(text=_texts(category))
    def check(text):
        for rel, template in FILES.items():
            (project.root / rel).write_text(template.replace("{t}", _yaml(text)), encoding="utf-8")
        run = Project.at(project.root, now="2020-04-20 12:00", site_url="https://konkursi.example/")
        try:
            result = generate(run)
        except ValidationFailed as failed:
            assert _refused(text), (text, failed.report())
            refused = [p for p in failed.errors if "nav atļauta" in p.message]
            assert len(refused) == FIELDS and all(p.line > 0 and p.field for p in refused), failed.report()
            return
        assert not _refused(text), text
        _check_outputs(result, publish(run, result).files)

    check()


def _check_outputs(result, files: dict) -> None:
    from docx import Document
    from mkdocs.utils import meta

    for page in result.pages:
        markdown, found = meta.get_data(page.body)
        assert found == {}, page.path  # MkDocs reads no metadata from what records wrote
        assert_inert_html(_page_html(markdown), page.path)
        front = page.markdown.split("\n---\n", 1)[0].removeprefix("---\n") if page.meta else ""
        assert (yaml.safe_load(front) or {}) == page.metadata, page.path  # another engine reads the same metadata
    for path, data in files.items():
        data = data() if callable(data) else data
        data = data if isinstance(data, bytes) else getattr(data, "data", data)
        if path.endswith(".xml"):
            feed = feedparser.parse(data)
            assert not feed.bozo, (path, feed.get("bozo_exception"))
            for entry in feed.entries:
                assert_inert_html(entry.get("summary", "") + entry.get("content", [{}])[0].get("value", ""), path)
        elif path.endswith(".ics"):
            assert icalendar.Calendar.from_ical(data).walk("VEVENT") is not None
        elif path.endswith(".json"):
            json.loads(data)
        elif path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            assert len({len(row) for row in rows}) == 1, path
            assert not [cell for row in rows[1:] for cell in row if re.match(r"[=+\-@]", cell) and not cell.startswith("+371")]
        elif path.endswith(".docx"):
            assert Document(io.BytesIO(data)).paragraphs
        elif path.endswith(".txt"):
            data.decode("utf-8")
