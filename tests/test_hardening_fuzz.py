"""Property-based fuzzing of the record loader: any bytes in a record file end in a Latvian report.

Loading never raises anything but ``ValidationFailed``, whose every message names the file;
never runs code from a tag; and stays within a bounded time per file. The number of examples
is bounded for CI; ``KONKURSI_FUZZ_EXAMPLES=5000 scripts/test.sh tests/test_hardening_fuzz.py``
runs a longer search.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup

from conftest import CALL, ROUND, MiniProject
from konkursi.records.errors import ValidationFailed
from konkursi.records.load import MAX_BYTES, MAX_FILE_PROBLEMS, MAX_NODES
from konkursi.project import Project, validate

EXAMPLES = int(os.environ.get("KONKURSI_FUZZ_EXAMPLES", "200"))
DEADLINE_MS = 3000
"""A file may take this long to be read and reported, however hostile."""

CALL_FILE = "calls/2020-pavasaris/cesu-novads.yml"
ROUND_FILE = "calls/2020-pavasaris/_round.yml"
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE_MS,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not os.environ.get("KONKURSI_FUZZ_EXAMPLES"),
    database=None,  # nothing written into the project
)

FIELDS = ["opens", "closes", "quota", "budget", "submission", "documents", "contacts", "note", "results",
          "published", "updated", "draft", "method", "address", "title", "url", "name", "email", "phone",
          "number", "grant_amount", "press_release", "lead", "<<", "? x", "!!python/object:os.system"]

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "\u202eevil\u202c", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦", "\x00", "\ufeff", "\ud7ff", "א" * 50, "x" * 20_000,
        "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "\r\nBEGIN:VEVENT", "]]>", "«…»",
        "2020-02-30", "2020-03-29 03:30", "yes", "no", "012", "4600.00", "1e400", ".inf", "-0", "0x10",
        "javascript:alert(1)", "@attr", "`cmd`", "%TAG", "&a", "*a", "!tag", "|", ">", "- ", ": ", "#", "'", '"',
    ]),
)

TAGS = ["!!python/object/apply:os.system", "!!python/name:os.system", "!!binary", "!!set", "!!omap",
        "!custom", "!!str", "!!int", "!!float", "!!timestamp", "!!python/object/new:builtins.exec", "!<tag:x,2020:y>"]


def _scalar(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def yaml_values(draw, depth: int = 0):
    """A YAML value as text: scalars (plain, quoted, tagged), lists, maps, anchors and aliases."""
    choice = draw(st.integers(0, 7 if depth < 4 else 2))
    if choice == 0:
        return _scalar(draw(HOSTILE_TEXT))
    if choice == 1:
        return draw(st.sampled_from(["2020-03-02 09:00", "3", "4600", "true", "jā", "~", "null", "", "[]", "{}"]))
    if choice == 2:
        return f"{draw(st.sampled_from(TAGS))} {_scalar(draw(HOSTILE_TEXT))}"
    if choice == 3:
        items = draw(st.lists(yaml_values(depth + 1), max_size=4))
        return "[" + ", ".join(items) + "]"
    if choice == 4:
        keys = draw(st.lists(st.sampled_from(FIELDS), max_size=4))
        return "{" + ", ".join(f"{key}: {draw(yaml_values(depth + 1))}" for key in keys) + "}"
    if choice == 5:
        return f"&a{depth} {draw(yaml_values(depth + 1))}"
    if choice == 6:
        return f"*a{draw(st.integers(0, 5))}"
    return "[" * draw(st.integers(1, 200)) + "]" * draw(st.integers(0, 200))


@st.composite
def yaml_documents(draw):
    keys = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=8))
    lines = [f"{key}: {draw(yaml_values())}" for key in keys]
    return "\n".join(lines) + "\n"


def billion_laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"note: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def deep_nesting(depth: int, kind: str) -> str:
    if kind == "flow":
        return "note: " + "[" * depth + "x" + "]" * depth + "\n"
    return "note:\n" + "".join("  " * i + "- \n" for i in range(depth)) + "  " * depth + "- x\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> MiniProject:
    return MiniProject(tmp_path_factory.mktemp("fuzz") / "projekts")


def check_loads_or_reports(project: MiniProject, rel: str, content: str | bytes) -> None:
    """The whole project validates, or fails with messages that all start with ``rel``."""
    project.write(CALL_FILE, CALL)
    project.write(ROUND_FILE, ROUND)
    data = content if isinstance(content, bytes) else content.encode("utf-8", errors="surrogatepass")
    (project.root / rel).write_bytes(data)
    started = time.monotonic()
    try:
        validate(Project.at(project.root))
    except ValidationFailed as failed:
        assert failed.errors
        for problem in failed.errors + failed.warnings:
            assert str(problem).startswith(rel), str(problem)
            assert problem.message
    assert time.monotonic() - started < DEADLINE_MS / 1000


@pytest.fixture(autouse=True)
def no_code_runs(monkeypatch):
    """A ``!!python/...`` tag that ran would call one of these."""
    def refuse(*args, **kwargs):
        raise AssertionError("a YAML tag ran code")
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)


@FUZZ
@given(text=yaml_documents())
def test_any_yaml_in_a_call_file_loads_or_is_reported_with_its_path(project, text):
    check_loads_or_reports(project, CALL_FILE, text)


@FUZZ
@given(text=yaml_documents())
def test_any_yaml_in_a_round_file_loads_or_is_reported_with_its_path(project, text):
    check_loads_or_reports(project, ROUND_FILE, text)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_in_a_record_file_are_reported_with_its_path(project, data):
    check_loads_or_reports(project, CALL_FILE, data)


@FUZZ
@given(text=st.text(max_size=500))
def test_any_unicode_text_is_reported_with_its_path(project, text):
    check_loads_or_reports(project, CALL_FILE, text.encode("utf-8", errors="surrogatepass"))


@pytest.mark.parametrize("levels,width", [(9, 9), (30, 2), (4, 200)])
def test_alias_bombs_are_reported_without_being_expanded(mini, levels, width):
    started = time.monotonic()
    mini.write(CALL_FILE, CALL + billion_laughs(levels, width))
    problems = mini.problems()
    assert time.monotonic() - started < 2
    assert problems and all(p.startswith(CALL_FILE) for p in problems), problems


def test_an_alias_bomb_the_loader_walks_stops_at_the_node_limit(mini):
    # 300 unknown fields, repeated 300 times: 90,000 "nezināms lauks" messages without the limit.
    fields = ", ".join(f"z{i}: x" for i in range(300))
    bomb = f"p: &p {{{fields}}}\nresults:\n  applications: 1\n  projects: [" + ", ".join(["*p"] * 300) + "]\n"
    started = time.monotonic()
    mini.write(CALL_FILE, CALL + bomb)
    problems = mini.problems()
    assert time.monotonic() - started < 5
    assert any(f"vairāk nekā {MAX_NODES} vērtību" in p for p in problems), problems[-3:]
    assert len(problems) == MAX_FILE_PROBLEMS + 2  # the first ones, the limit, how many more
    assert re.fullmatch(rf"{CALL_FILE}:11: vēl \d{{5}} kļūdas šajā failā netiek rādītas; vispirms izlabojiet iepriekšējās", problems[-1])
    assert all(p.startswith(CALL_FILE) for p in problems)


@pytest.mark.parametrize("depth,kind", [(5000, "flow"), (100_000, "flow"), (2000, "block")])
def test_deep_nesting_is_reported_not_a_crash(mini, depth, kind):
    started = time.monotonic()
    mini.write(CALL_FILE, deep_nesting(depth, kind))
    problems = mini.problems()
    assert time.monotonic() - started < 5
    assert problems and all(p.startswith(CALL_FILE) for p in problems), problems


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch pwned']",
    "!!python/object/new:os.system ['touch pwned']",
    "!!python/name:os.system",
    "!!python/object:builtins.object {}",
])
def test_python_tags_are_refused_and_never_run(mini, tag):
    mini.write(CALL_FILE, f"note: {tag}\n")
    problems = mini.problems()
    assert problems and all(p.startswith(CALL_FILE) for p in problems)
    assert any("nav atļauts" in p for p in problems), problems
    assert not (mini.root / "pwned").exists() and not Path("pwned").exists()


def test_a_file_over_the_size_limit_is_refused_unread(mini):
    started = time.monotonic()
    mini.write(CALL_FILE, "note: " + "x" * 5_000_000 + "\n")
    assert mini.problems() == [f"{CALL_FILE}: fails ir pārāk liels (5000 kB; atļauts ne vairāk kā {MAX_BYTES // 1000} kB)"]
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("text", [
    "".join(f"k{i}: v\n" for i in range(40_000)),  # just under the size limit, 40,000 unknown fields
    "note: '" + "x" * 990_000 + "\n",  # an unclosed quote: both parsers read it all
])
def test_a_large_hostile_file_under_the_limit_is_reported_in_bounded_time(mini, text):
    started = time.monotonic()
    mini.write(CALL_FILE, text)
    problems = mini.problems()
    assert time.monotonic() - started < 15
    assert problems and all(p.startswith(CALL_FILE) for p in problems)


# --- hostile values through the whole library: every generated page stays inert ---------------

MARKUP_ALPHABET = st.sampled_from(list("<>\"'&[](){}:;#*_`|=!\\/-+.@ \nxX1é") + [
    "javascript:", "onerror=", "<script>", "</title>", "<img src=x ", "{: onclick=alert(1) }", "]]>", "&amp;",
    "\u202e", "e\u0301", "👍", "http://evil.example/", "<!--", "-->", "---", "===", "|---|", "\r\n",
])
HOSTILE_VALUE = st.lists(MARKUP_ALPHABET, min_size=1, max_size=25).map("".join).filter(lambda t: t.strip() and t.strip() == t)


def _page_html(markdown_text: str) -> str:
    import markdown

    body = markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---\n") else markdown_text
    return markdown.markdown(body, extensions=["attr_list", "def_list", "tables", "toc"])  # as mkdocs.yml


# A whole site per example: fewer examples, and a failure is reported unshrunk (shrinking
# would rebuild the site thousands of times).
@settings(FUZZ, max_examples=max(10, EXAMPLES // 8), phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(name=HOSTILE_VALUE, note=HOSTILE_VALUE, title=HOSTILE_VALUE, person=HOSTILE_VALUE)
def test_hostile_values_render_as_text_in_every_page(project, name, note, title, person):
    import json as _json

    from hypothesis import assume
    from test_hardening_injection import assert_inert_html

    from konkursi.project import generate

    quoted = lambda text: _json.dumps(text, ensure_ascii=False)  # noqa: E731
    project.write(ROUND_FILE, ROUND)
    (project.root / "municipalities/cesu-novads.yml").write_text(
        f"name: {quoted(name)}\nregion: vidzeme\ncontacts:\n  - name: {quoted(person)}\n    email: a@b.example\n", encoding="utf-8")
    (project.root / CALL_FILE).write_text(CALL + f"note: {quoted(note)}\nresults:\n  applications: 1\n  projects:\n"
        f"    - title: {quoted(title)}\n      implementer: {quoted(person)}\n      starts: 2020-08-15\n      ends: 2021-01-30\n",
        encoding="utf-8")
    try:
        result = generate(Project.at(project.root, now="2020-04-20 12:00", site_url="https://konkursi.example/"))
    except ValidationFailed as failed:
        assume(False)  # e.g. a name whose slug is empty: reported, nothing to render
        raise AssertionError(failed)  # pragma: no cover
    for page in result.pages:
        assert_inert_html(_page_html(page.markdown), page.path)
    call_page = next(page for page in result.pages if page.path.startswith("konkursi/2020-pavasaris/cesu-novads"))
    shown = " ".join(BeautifulSoup(_page_html(call_page.markdown), "html.parser").get_text().split())
    for value in (name, note, title):
        assert " ".join(value.split()) in shown, value
