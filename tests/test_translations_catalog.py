"""The UI strings: every one translated into lv, lt, et, ru and uk, and the catalogs current."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from .conftest import require_service

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ["lv", "lt", "et", "ru", "uk"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}")
# Strings that are the same in every language on purpose (none yet).
SAME_IN_ALL_LANGUAGES: set[str] = set()


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_ui_string_has_a_real_translation(language):
    po = catalog(language)
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            if not form.strip():
                problems.append(f"untranslated: {entry.msgid!r}")
            elif form == entry.msgid and entry.msgid not in SAME_IN_ALL_LANGUAGES:
                problems.append(f"copied from English: {entry.msgid!r}")
            elif set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {form!r}")
    assert len(po) > 20
    assert not problems, "\n".join(problems)


def test_catalogs_contain_every_string_of_the_code_and_templates(tmp_path):
    """Extract the strings again into a scratch copy; a new template string missing from
    locale/*.po (someone forgot `make makemessages`) fails here."""
    require_service(shutil.which("xgettext") is not None, "GNU gettext (xgettext)")
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "media", "staticfiles", "*.sqlite3", "__pycache__"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "lv", "--no-location", "--ignore=staticfiles"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "nbnet.settings.test"},
    )
    fresh = {entry.msgid for entry in polib.pofile(str(copy / "locale/lv/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in catalog("lv") if not entry.obsolete}
    missing = fresh - committed
    assert not missing, f"run `make makemessages` and translate: {sorted(missing)}"
    for language in TRANSLATED:
        assert {e.msgid for e in catalog(language) if not e.obsolete} == committed
