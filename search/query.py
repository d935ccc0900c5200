"""Turning what a visitor typed into something every search backend accepts."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200

# Control characters (NUL included) break SQLite FTS5 and PostgreSQL alike; they
# never carry meaning in a search box, so they become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_query(raw: str | None) -> str:
    """Normalise a raw query: NFC, no control characters, single spaces, bounded length."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", str(raw))
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip()
