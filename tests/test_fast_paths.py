"""Faster code paths give exactly what the general code they replace gives."""

import random
import re
import textwrap

from icalendar.parser.string import _foldline

from konkursi import press
from konkursi.calendars import _fold
from konkursi.render import md_escape

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def general_md_escape(text):
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def general_wrap(text, first="", rest=""):
    held = press._KEEP_TOGETHER.sub(press._HELD, text.replace(press._HELD, " "))
    wrapped = textwrap.fill(held, press.WIDTH, initial_indent=first, subsequent_indent=rest,
                            break_long_words=False, break_on_hyphens=False)
    return wrapped.replace(press._HELD, " ")


def test_md_escape_matches_the_regex_escape():
    rng = random.Random(1)
    alphabet = "\\`*_{}[]()#+-.!|>~&<;a āčž \n\t\u00a0\u2003xyz0:"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
        assert md_escape(text) == general_md_escape(text), repr(text)
    for value in (1, 2.5, None, "Cēsu novads", "4600 eiro"):
        assert md_escape(value) == general_md_escape(value)


def test_fold_matches_icalendar():
    rng = random.Random(2)
    for _ in range(3000):
        alphabet = rng.choice(["ab\\^;:,āčž€😀 \u00a0x", "a\\^", "a"])
        line = "".join(rng.choice(alphabet) for _ in range(rng.choice([rng.randrange(80), rng.randrange(60, 400)])))
        assert _fold(line) == _foldline(line).encode("utf-8"), repr(line)


def test_wrap_matches_textwrap():
    rng = random.Random(3)
    words = ["a", "Nr.", "plkst.", "2020.", "78", "gada", "8.3.4.0/16/I/001", "pašvaldībās", "x" * 70, "y" * 73,
             "https://example.com/a/very/long/address/that/never/breaks/anywhere/at/all/x", "1", "–", "\u00a0", "\u2003", ""]
    separators = [" "] * 8 + ["  ", "\u00a0", "\t", "\u2003", "\n"]
    for _ in range(1000):
        text = "".join(rng.choice(words) + rng.choice(separators) for _ in range(rng.randrange(40)))
        text = text.strip() if rng.random() < 0.5 else text
        for first, rest in (("", ""), ("• ", "  ")):
            assert press._wrap(text, first, rest) == general_wrap(text, first, rest), repr(text)
