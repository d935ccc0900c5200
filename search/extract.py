"""Readable plain text of what a page shows, for search snippets and search terms.

Rich text and StreamField values keep their sentences apart only through markup: a
heading, a paragraph, a list item or a block ends where its tag or its block ends.
Stripping the tags alone runs them together ("organizācijas.Ko mēs darāmMēs
publicējam…"), so the text is cut into segments at those boundaries and joined again
with a full stop where a segment does not already end a sentence (see ``join``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

_SPACES = re.compile(r"\s+")
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>")
# Ends a sentence (or asks for what follows): ". ! ? … : ;", then closing quotes or brackets.
ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# Joins on with what follows: a comma or a dash, as in "Rīga, " or "Valka –".
_RUNS_ON = re.compile(r"[,\-–—/(]$")
_HAS_LETTER = re.compile(r"[^\W\d_]")

# Elements that start a new line of text when a browser shows them.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "embed",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "img",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "template"})
# StreamField/struct keys whose values are references or settings, not text a reader sees.
SKIP_KEYS = frozenset(
    {
        "id",
        "type",
        "image",
        "page",
        "documents",
        "document",
        "external_url",
        "url",
        "link",
        "first_row_is_table_header",
        "first_col_is_header",
        "table_header_choice",
        "cell",
        "mergeCells",
    }
)


class _Segments(HTMLParser):
    """Text of an HTML fragment, one segment per block-level element; entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = "".join(self._current)
        self._current = []
        if text.strip():
            self.segments.append(text)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def segments_of(text: str) -> list[str]:
    """The segments of one string: HTML is cut at its block elements, plain text at its lines."""
    if _LOOKS_LIKE_HTML.search(text):
        parser = _Segments()
        parser.feed(text)
        parser.close()
        return parser.segments
    return [line for line in text.splitlines() if line.strip()]


def _is_table(value: dict) -> bool:
    """A TableBlock value: rows of cells under "data"."""
    data = value.get("data")
    return isinstance(data, list) and all(isinstance(row, list) for row in data)


def _walk(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool):
        return
    if hasattr(value, "raw_data"):  # StreamValue: its raw JSON, without fetching what it points to
        _walk(list(value.raw_data), out)
    elif hasattr(value, "source") and isinstance(value.source, str):  # RichText
        out.extend(segments_of(value.source))
    elif isinstance(value, dict) and _is_table(value):
        _walk(value.get("table_caption"), out)
        for row in value["data"]:  # one segment per row: "Rīga, 120"
            out.append(", ".join(str(cell).strip() for cell in row if cell not in (None, "")))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIP_KEYS:
                _walk(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, out)
    elif isinstance(value, str):
        out.extend(segments_of(value))
    else:
        out.append(str(value))


def segments(*parts: Any) -> list[str]:
    """Every segment of strings, rich text, StreamField values and lists of them, in order."""
    out: list[str] = []
    for part in parts:
        _walk(part, out)
    return [clean for segment in out if (clean := _SPACES.sub(" ", segment).strip())]


def join(pieces: Iterable[str]) -> str:
    """Segments as running text, each boundary marked as a reader expects.

    A segment that already ends a sentence ("…organizācijas.") or runs on ("Rīga,") is
    followed by a space; a figure or a number joins what follows ("149 families"); a
    segment that starts in lower case continues a list ("a passport; a photo");
    anything else (a heading, a list item, a field) ends with a full stop.
    """
    text = ""
    previous = ""
    for piece in pieces:
        if not text:
            text = piece
        elif ENDS_SENTENCE.search(text) or _RUNS_ON.search(text) or not _HAS_LETTER.search(previous):
            text += " " + piece
        elif piece[0].islower():
            text += "; " + piece
        else:
            text += ". " + piece
        previous = piece
    return text


def readable(*parts: Any) -> str:
    """Plain text of ``parts`` with their headings, paragraphs, list items and blocks apart."""
    return join(segments(*parts))
