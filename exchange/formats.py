"""Reading partners' files and writing ours: CSV (as spreadsheets save it) and JSON.

The csv and json modules of the standard library do the parsing; what is written here is
only what they leave to us: telling a UTF-8 file from a cp1257/latin-1 one (with
charset-normalizer, already installed with the HTTP stack, to name the likely encoding),
choosing between comma and semicolon, and neutralising spreadsheet formulas on export.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# A 10 MB cell must reach the row check (and be rejected there), not crash the parser.
csv.field_size_limit(64 * 1024 * 1024)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FileError(Exception):
    """The file as a whole cannot be read: the message says why, for the person importing."""


@dataclass
class ParsedFile:
    rows: list[dict[str, Any]]
    # The row number a person sees in the spreadsheet (header = 1) or the JSON position.
    line_numbers: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    format: str = "csv"


def normalise_column(name: Any) -> str:
    """Column names match case-insensitively, with spaces or dashes for underscores."""
    return str(name).strip().lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM; anything else is refused with the encoding it looks like."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        guess = guess_encoding(data)
        message = _(
            "The file is not UTF-8 text (byte %(position)s cannot be read). "
            "Save it again as “CSV UTF-8” or UTF-8 JSON."
        ) % {"position": error.start + 1}
        if guess:
            message += " " + _("It looks like %(encoding)s.") % {"encoding": guess}
        raise FileError(message) from error


BALTIC_LETTERS = set("āčēģīķļņšūžąęėįųõäöüĀČĒĢĪĶĻŅŠŪŽĄĘĖĮŲÕÄÖÜ")


def guess_encoding(data: bytes) -> str:
    """The likely encoding of a file that is not UTF-8, to name it to the person importing.

    charset-normalizer (installed with requests) judges by language, but on a short file it
    takes Windows Baltic (cp1257) for Western (cp1252); when cp1257 reads as Baltic letters
    only, that is what a Latvian, Lithuanian or Estonian spreadsheet saved.
    """
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    best = from_bytes(sample, cp_isolation=["cp1257", "cp1252", "cp1251", "iso8859_13", "latin_1"]).best()
    if best is not None and best.encoding == "cp1251":
        return "cp1251"
    letters = [char for char in sample.decode("cp1257", errors="replace") if ord(char) > 127]
    if letters and sum(char in BALTIC_LETTERS for char in letters) >= 0.8 * len(letters):
        return "cp1257"
    return best.encoding if best is not None else ""


def parse(data: bytes, filename: str = "") -> ParsedFile:
    """Rows of a CSV or JSON file, as dicts with normalised column names."""
    if b"\x00" in data[:4096]:
        raise FileError(_("This is not a text file (it contains binary data). Upload CSV or JSON."))
    text = decode(data)
    stripped = text.lstrip()
    if filename.lower().endswith(".json") or stripped[:1] in ("[", "{"):
        return _parse_json(stripped)
    return _parse_csv(text)


def _parse_csv(text: str) -> ParsedFile:
    if not text.strip():
        raise FileError(_("The file is empty."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        columns = [normalise_column(name) for name in header]
        rows, lines = [], []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            row = {}
            for index, value in enumerate(values):
                name = columns[index] if index < len(columns) else f"column_{index + 1}"
                if name:
                    row[name] = value
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as error:
        raise FileError(
            _("The CSV file cannot be read near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    duplicates = sorted({name for name in columns if name and columns.count(name) > 1})
    if duplicates:
        raise FileError(_("These columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)})
    return ParsedFile(rows=rows, line_numbers=lines, columns=[c for c in columns if c], format="csv")


def _parse_json(text: str) -> ParsedFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(
            _("The JSON file cannot be read at line %(line)s, column %(column)s: %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error
    except (RecursionError, ValueError) as error:  # e.g. 100 000 nested brackets
        raise FileError(_("The JSON file is nested too deeply to be a list of records.")) from error
    # Accepted shapes: our export {"records": {kind: [rows]}}, {kind: [rows]}, or [rows].
    if isinstance(data, dict) and isinstance(data.get("records"), dict | list):
        data = data["records"]
    items: list[Any] = []
    if isinstance(data, dict):
        for kind, rows in data.items():
            if not isinstance(rows, list):
                raise FileError(_("“%(kind)s” must be a list of records.") % {"kind": kind})
            items.extend({"kind": kind, **row} if isinstance(row, dict) else row for row in rows)
    elif isinstance(data, list):
        items = data
    else:
        raise FileError(_("The JSON file must hold a list of records or an object of lists."))
    rows = []
    for item in items:
        if isinstance(item, dict):
            rows.append({normalise_column(key): value for key, value in item.items()})
        else:
            rows.append({"__invalid__": item})
    columns = sorted({column for row in rows for column in row})
    return ParsedFile(rows=rows, line_numbers=list(range(1, len(rows) + 1)), columns=columns, format="json")


def spreadsheet_safe(value: Any) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula (OWASP's advice:
    prefix a quote to anything that starts like a formula). The importer removes it again."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    # Every cell quoted: a spreadsheet that splits on ";" (the Baltic locales' separator) could
    # otherwise start a new cell, and a formula, in the middle of an unquoted value.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(_flat(row.get(column))) for column in columns])
    # A BOM so Excel opens the file as UTF-8 (Latvian, Lithuanian, Estonian and Cyrillic letters).
    return "\ufeff" + out.getvalue()


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
