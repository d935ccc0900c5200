"""Reading one row's cells into model values, collecting a clear reason for each bad cell.

Every check a partner's spreadsheet needs is here: required cells, lengths, formulas,
scripts and HTML, dates and numbers as people type them, and references to countries,
cities, themes and other records by their stable codes.
"""

from __future__ import annotations

import datetime
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.emails import normalize_email

from .formats import FORMULA_START

# Longest cell accepted where the model sets no limit (a 10 MB cell is refused, not stored).
MAX_TEXT = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = re.compile(r"^\s*(=|[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\()")
_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b|javascript\s*:|\bon[a-z]+\s*=", re.I)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_TRUE = {"1", "yes", "y", "true", "x", "jā", "ja", "taip", "jah", "да"}
_FALSE = {"0", "no", "n", "false", "nē", "ne", "ei", "нет", ""}


class RowRejected(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def validation_reasons(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {' '.join(str(message) for message in messages)}"
            for field, messages in error.message_dict.items()
        ]
    return [str(message) for message in error.messages]


class Cells:
    """The cells of one row; each reader returns a value or records why it cannot."""

    def __init__(self, row: dict[str, Any], context):
        self.row = row
        self.context = context
        self.reasons: list[str] = []

    def has(self, column: str) -> bool:
        return column in self.row

    def fail(self, message: str) -> None:
        self.reasons.append(message)

    def check(self) -> None:
        if self.reasons:
            raise RowRejected(self.reasons)

    # Plain values ---------------------------------------------------------------------

    def raw(self, column: str) -> Any:
        value = self.row.get(column)
        if value is None:
            return ""
        if isinstance(value, str):
            value = _CONTROL.sub("", value)
            # Our CSV export quotes formula-like cells with a leading apostrophe: undo it.
            if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_START:
                value = value[1:]
        return value

    def text(
        self,
        column: str,
        *,
        required: bool = False,
        max_length: int | None = None,
        rich: bool = False,
        multiline: bool = False,
    ) -> str:
        value = self.raw(column)
        if isinstance(value, list) and multiline:
            value = "\n".join(str(item) for item in value)
        if isinstance(value, bool | int | float):
            value = str(value)
        if not isinstance(value, str):
            self.fail(_("“%(column)s” must be text.") % {"column": column})
            return ""
        value = value.strip()
        limit = max_length or MAX_TEXT
        if len(value) > limit:
            self.fail(
                _("“%(column)s” is %(length)s characters long; at most %(limit)s are allowed.")
                % {"column": column, "length": len(value), "limit": limit}
            )
            return ""
        if required and not value:
            self.fail(_("“%(column)s” is required.") % {"column": column})
            return ""
        if _FORMULA.match(value):
            self.fail(
                _("“%(column)s” holds a spreadsheet formula (%(start)s…); enter the text itself.")
                % {"column": column, "start": value[:20]}
            )
            return ""
        if _SCRIPT.search(value):
            self.fail(_("“%(column)s” contains a script or event handler.") % {"column": column})
            return ""
        if not rich and _TAG.search(value):
            self.fail(_("“%(column)s” contains HTML; plain text is expected.") % {"column": column})
            return ""
        return value

    def rich_text(self, column: str, features: list[str], *, required: bool = False) -> str:
        value = self.text(column, required=required, rich=True)
        if not value:
            return ""
        if not _TAG.search(value):
            # Plain text from a spreadsheet: one paragraph per block of lines.
            from django.utils.html import escape

            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
            value = "".join("<p>{}</p>".format(escape(p).replace("\n", "<br/>")) for p in paragraphs)
        from bs4 import BeautifulSoup
        from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

        # Wagtail's own whitelist for its rich text: only the editor's features survive.
        cleaned = EditorHTMLConverter(features).to_database_format(value)
        # If the whitelist removed nothing, keep the text byte for byte (entities included),
        # so an exported page imports back exactly as it was.
        if str(BeautifulSoup(value, "html.parser")) == cleaned:
            return value
        return cleaned

    def slug(self, column: str) -> str:
        value = self.text(column, max_length=100)
        if value and slugify(value) != value:
            self.fail(
                _("“%(column)s” must be lowercase letters, digits and hyphens, e.g. %(example)s.")
                % {"column": column, "example": slugify(value) or "my-slug"}
            )
            return ""
        return value

    def choice(self, column: str, choices, *, default: str = "", required: bool = False) -> str:
        value = self.text(column, required=required)
        if not value:
            return default
        for code, label in choices.choices:
            if value.lower() in (str(code).lower(), str(label).lower()):
                return code
        self.fail(
            _("“%(column)s”: unknown value “%(value)s” (use one of: %(choices)s).")
            % {"column": column, "value": value[:60], "choices": ", ".join(choices.values)}
        )
        return default

    def boolean(self, column: str, *, default: bool = False) -> bool:
        value = self.raw(column)
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if not text:
            return default
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.fail(
            _("“%(column)s” must be yes or no, not “%(value)s”.") % {"column": column, "value": text[:30]}
        )
        return default

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required, max_length=40)
        if not value:
            return None
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y.%m.%d"):
            try:
                return datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        self.fail(
            _("“%(column)s” is not a date: “%(value)s” (write 2025-03-31 or 31.03.2025).")
            % {"column": column, "value": value[:40]}
        )
        return None

    def decimal(self, column: str) -> Decimal | None:
        value = self.text(column, max_length=40)
        if not value:
            return None
        try:
            number = Decimal(value.replace(" ", "").replace("\u00a0", "").replace(",", "."))
            if not number.is_finite() or abs(number) >= Decimal("1e10"):
                raise InvalidOperation
            return number.quantize(Decimal("0.01"))
        except InvalidOperation:
            self.fail(
                _("“%(column)s” is not a number: “%(value)s”.") % {"column": column, "value": value[:40]}
            )
            return None

    def integer(self, column: str) -> int | None:
        value = self.raw(column)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if not text:
            return None
        if text.isdigit() and len(text) < 7:
            return int(text)
        self.fail(_("“%(column)s” must be a whole number.") % {"column": column})
        return None

    def url(self, column: str) -> str:
        value = self.text(column, max_length=200)
        if not value:
            return ""
        if "://" not in value:
            value = "https://" + value
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            self.fail(
                _("“%(column)s” is not a web address: “%(value)s”.") % {"column": column, "value": value[:80]}
            )
            return ""
        return value

    def email(self, column: str) -> str:
        value = self.text(column, max_length=254)
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.fail(_("“%(column)s” is not an e-mail address.") % {"column": column})
            return ""
        # As PractitionerContact stores it: re-importing "Anna@Example.org" changes nothing.
        return normalize_email(value)

    def items(self, column: str) -> list[str]:
        """A list cell: a JSON list, or values separated by | ; or , in a spreadsheet."""
        value = self.raw(column)
        if isinstance(value, list):
            values = [str(item).strip() for item in value]
        else:
            text = self.text(column)
            values = [part.strip() for part in re.split(r"[|;,\n]", text)]
        return [value for value in values if value]

    # References ---------------------------------------------------------------------------

    def country(self, column: str, *, required: bool = False):
        value = self.text(column, required=required, max_length=100)
        if not value:
            return None
        country = self.context.countries.get(value.lower())
        if country is None:
            self.fail(
                _("Unknown country “%(value)s” (use an ISO code: %(codes)s).")
                % {"value": value[:60], "codes": ", ".join(sorted(self.context.country_codes))}
            )
        return country

    def city(self, column: str, *, country=None, required: bool = False):
        value = self.text(column, required=required, max_length=100)
        if not value:
            return None
        city = self.context.cities.get(value.lower())
        if city is None:
            self.fail(_("Unknown city “%(value)s”: add it in the admin first.") % {"value": value[:60]})
        elif country is not None and city.country_id != country.pk:
            self.fail(_("%(city)s is not in %(country)s.") % {"city": city.name, "country": country.name})
        return city

    def terms(self, column: str, model, label: str) -> list:
        found, unknown = [], []
        lookup = self.context.terms(model)
        for value in self.items(column):
            term = lookup.get(value.lower())
            if term is None:
                unknown.append(value[:60])
            elif term not in found:
                found.append(term)
        if unknown:
            self.fail(
                _("Unknown %(what)s: %(values)s (known: %(known)s).")
                % {
                    "what": label,
                    "values": ", ".join(unknown),
                    "known": ", ".join(sorted({t.slug for t in lookup.values()})),
                }
            )
        return found

    def languages(self, column: str) -> list:
        found, unknown = [], []
        for value in self.items(column):
            language = self.context.spoken_languages.get(value.lower())
            if language is None:
                unknown.append(value[:30])
            elif language not in found:
                found.append(language)
        if unknown:
            self.fail(
                _("Unknown languages: %(values)s (use codes such as lv, ru, uk).")
                % {"values": ", ".join(unknown)}
            )
        return found

    def reference(self, column: str, kind: str, *, required: bool = False):
        value = self.text(column, required=required, max_length=200)
        if not value:
            return None
        found = self.context.reference(kind, value)
        if found is None:
            self.fail(
                _("“%(column)s”: no %(kind)s with the key “%(value)s”.")
                % {"column": column, "kind": kind.replace("_", " "), "value": value[:60]}
            )
        return found

    def references(self, column: str, kind: str) -> list:
        found, unknown = [], []
        for value in self.items(column):
            instance = self.context.reference(kind, value)
            if instance is None:
                unknown.append(value[:60])
            elif instance not in found:
                found.append(instance)
        if unknown:
            self.fail(
                _("“%(column)s”: no %(kind)s with the keys %(values)s.")
                % {"column": column, "kind": kind.replace("_", " "), "values": ", ".join(unknown)}
            )
        return found


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
