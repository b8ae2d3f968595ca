"""The editors' guide (content/ka-publicet.md): in the navigation, and its commands are real ones."""

from __future__ import annotations

import re
import shlex

from bs4 import BeautifulSoup

from conftest import REPO
from konkursi.cli import _parser

GUIDE = REPO / "content/ka-publicet.md"


def guide_commands() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("konkursi ")]


def test_every_konkursi_command_in_the_guide_is_accepted():
    commands = guide_commands()
    assert [c[:2] for c in commands] == [
        ["new", "round"], ["new", "call"], ["new", "municipality"], ["validate"], ["serve"], ["next"], ["build"], ["deploy"],
    ]
    for args in commands:
        assert callable(_parser().parse_args(args).run)


def test_guide_is_in_the_navigation(example_site):
    soup = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    assert links["Kā publicēt jaunu konkursu"] == "ka-publicet/"
    guide = BeautifulSoup((example_site / "ka-publicet/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text(strip=True) for h in guide.select("article h2")] == [
        "Rediģēšana pārlūkā (satura redaktors)", "Pirms sākat (vienreiz)", "Jauna kārta", "Jauns konkurss", "Pārbaude un priekšskatījums",
        "Kā labot kļūdas paziņojumu", "Publicēšana",
    ]
