"""Inline HTML of press-release blocks as formatted pieces: for plain text and for Word."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser


@dataclass(frozen=True)
class Span:
    """A piece of inline text with its formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    url_note: bool = False
    """True for the " (https://…)" a plain-text link gets after its text."""


class _InlineParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.spans: list[Span] = []
        self.bold = self.italic = 0
        self.href: str | None = None
        self.link_text = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a":
            self.href, self.link_text = dict(attrs).get("href"), ""
        elif tag == "br":
            self.spans.append(Span("\n"))

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "a" and self.href:
            # A link whose text is its address (or its host) needs no repetition.
            target = self.href.removeprefix("mailto:")
            if self.link_text.strip() and self.link_text.strip() not in target:
                self.spans.append(Span(f" ({target})", url_note=True))
            self.href = None

    def handle_data(self, data):
        if self.href:
            self.link_text += data
        self.spans.append(Span(data, self.bold > 0, self.italic > 0, self.href))


def inline_spans(markup: str) -> tuple[Span, ...]:
    """The formatted pieces of a block's inline HTML."""
    return _spans(str(markup))


@lru_cache(maxsize=16384)  # the funding line, the contact block, labels: the same in every release
def _spans(markup: str) -> tuple[Span, ...]:
    parser = _InlineParser()
    parser.feed(markup)
    parser.close()
    return tuple(parser.spans)


def inline_text(markup: str, urls: bool = True) -> str:
    """Plain text of inline HTML; with ``urls``, links keep their address in brackets."""
    text = "".join(span.text for span in inline_spans(markup) if urls or not span.url_note)
    return " ".join(text.split())
