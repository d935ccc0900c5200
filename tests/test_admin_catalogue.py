"""The admin in Latvian and Lithuanian has no English left on the screens editors use every day.

Wagtail's, wagtail-localize's and Django's own lv/lt catalogues are partial; the missing strings
are translated in ``locale_admin/`` (in ``LOCALE_PATHS``). These tests render the screens an
editor or moderator uses with the admin in lv or lt and the moderation e-mails Wagtail sends,
and look for any shown text that is an English msgid of one of those catalogues (or ours) with
no translation in the active language: a name or other content is counted only if it happens
to be spelled like an msgid.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
import wagtail
from bs4 import BeautifulSoup, Comment
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Page, Workflow
from wagtail.users.models import UserProfile

from editorial import roles
from guides.models import GuideIndexPage, GuidePage, HelpPoint
from network.models import Country, NetworkIndexPage, PractitionerPage
from practices.models import PracticeIndexPage, PracticePage

from .test_editorial import add_practice, make_user

pytestmark = pytest.mark.django_db

SITE_PACKAGES = Path(wagtail.__file__).resolve().parent.parent
# The packages whose strings the admin shows (their English catalogues list every msgid).
SOURCE_PACKAGES = ["wagtail", "wagtail_localize", "django", "taggit"]
ADMIN_LANGUAGES = ["lv", "lt"]
# Attributes a person sees (tooltips, labels read aloud, placeholders, button captions).
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")
# JSON props and data attributes also carry names, icons and types, never shown as text.
IDENTIFIER = re.compile(r"[a-z0-9_\-.:/]+")
IDENTIFIER_KEYS = {"_type", "name", "icon_name", "icon", "classname", "url", "type", "prefix", "fieldName"}
PLACEHOLDER = re.compile(r"%\([a-zA-Z_0-9]+\)[sd]|%[sd]|\{[a-zA-Z_0-9]*\}")


@dataclass(frozen=True)
class Entry:
    msgid: str
    context: str | None
    plural: bool


def _normal(text: str) -> str:
    return " ".join(text.split())


def _source_catalogues() -> list[Path]:
    paths = []
    for package in SOURCE_PACKAGES:
        paths += sorted((SITE_PACKAGES / package).glob("**/locale/en/LC_MESSAGES/django.po"))
    # Our own strings: the source msgids of the project's catalogue.
    paths.append(Path(settings.BASE_DIR) / "locale" / "lv" / "LC_MESSAGES" / "django.po")
    return paths


class Catalogue:
    """Every English msgid the admin may show, and whether a language has a translation of it."""

    def __init__(self):
        self.exact: dict[str, set[Entry]] = defaultdict(set)
        self.patterns: list[tuple[re.Pattern, set[Entry]]] = []
        by_pattern: dict[str, set[Entry]] = defaultdict(set)
        for path in _source_catalogues():
            for po_entry in polib.pofile(str(path)):
                if po_entry.obsolete:
                    continue
                entry = Entry(po_entry.msgid, po_entry.msgctxt, bool(po_entry.msgid_plural))
                for text in filter(None, (po_entry.msgid, po_entry.msgid_plural)):
                    shown = _normal(text).replace("%%", "%")
                    if PLACEHOLDER.search(shown):
                        # Enough fixed text to recognise it: "%(time_period)s ago" yes,
                        # "%(first)s and %(last)s" no (any sentence with "and" would match).
                        letters = sum(character.isalpha() for character in PLACEHOLDER.sub("", shown))
                        if letters >= 4 or (letters == 3 and len(PLACEHOLDER.findall(shown)) == 1):
                            by_pattern[shown].add(entry)
                    elif sum(character.isalpha() for character in shown) >= 2:
                        self.exact[shown].add(entry)
        for shown, entries in by_pattern.items():
            parts = PLACEHOLDER.split(shown)
            regex = "(.+?)".join(re.escape(part) for part in parts)
            self.patterns.append((re.compile(regex), entries))

    @staticmethod
    def has_translation(entry: Entry, language: str) -> bool:
        catalog = trans_real.translation(language)._catalog
        key = f"{entry.context}\x04{entry.msgid}" if entry.context is not None else entry.msgid
        return bool(catalog.get((key, 0) if entry.plural else key))

    def entries_for(self, text: str) -> set[Entry]:
        """The msgids the whole text is an English rendering of: an msgid itself, or else the
        msgids with placeholders it fills ("More options for '%(title)s'")."""
        found = set()
        for candidate in {text, text.rstrip(":").strip(), text.rstrip(".…").strip()}:
            found |= self.exact.get(candidate, set())
        if not found and any(character.isalpha() for character in text):
            for regex, entries in self.patterns:
                if regex.fullmatch(text):
                    found |= entries
        return found

    @staticmethod
    @functools.cache
    def translations(language: str) -> frozenset[str]:
        """Every translated string of the language's catalogues, as shown."""
        catalog = trans_real.translation(language)._catalog
        return frozenset(_normal(value) for _key, value in catalog.items() if value)

    def check(self, texts: set[str], language: str) -> tuple[set[str], int]:
        """(shown texts that are untranslated msgids, number of shown texts that are translations)."""
        untranslated = set()
        for text in texts:
            entries = self.entries_for(text)
            if entries and not all(self.has_translation(entry, language) for entry in entries):
                untranslated.add(text)
        return untranslated, len(texts & self.translations(language))


@functools.cache
def catalogue() -> Catalogue:
    """Parsed once per test session (about 4,000 msgids), read-only afterwards."""
    return Catalogue()


def _json_strings(value) -> list[str]:
    """The strings of a JSON value that may be shown: not the identifiers (names, icons, types)."""
    if isinstance(value, str):
        return [] if IDENTIFIER.fullmatch(value) else [value]
    if isinstance(value, dict):
        shown = [item for key, item in value.items() if key not in IDENTIFIER_KEYS]
        return [text for item in shown for text in _json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def shown_texts(markup: str) -> set[str]:
    """The text nodes and shown attributes of an admin page, and the strings of its JSON props
    (the sidebar and other components are drawn from those by the admin's script)."""
    soup = BeautifulSoup(markup, "html.parser")
    texts: list[str] = []
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            with contextlib.suppress(ValueError):
                texts += _json_strings(json.loads(script.string or "null"))
        script.decompose()
    for style in soup.find_all("style"):
        style.decompose()
    texts += [str(node) for node in soup.find_all(string=True) if not isinstance(node, Comment)]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if not isinstance(value, str):
                continue
            if name in SHOWN_ATTRIBUTES:
                texts.append(value)
            elif name.startswith("data-") and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    texts += _json_strings(json.loads(value))
            elif name.startswith("data-") and name.endswith("-value") and not IDENTIFIER.fullmatch(value):
                texts.append(value)
        if element.name == "input" and element.get("type") in ("submit", "button"):
            texts.append(element.get("value", ""))
    return {text for text in map(_normal, texts) if text}


def mail_texts(message) -> set[str]:
    """An e-mail's subject, lines and the sentences of its lines (a line may end with a URL)."""
    alternatives = getattr(message, "alternatives", [])
    bodies = [message.body] + [content for content, kind in alternatives if "text" in kind]
    texts = {_normal(message.subject)}
    for body in bodies:
        if "<" in body and ">" in body:
            texts |= shown_texts(body)
            continue
        for line in body.splitlines():
            line = _normal(line)
            texts.add(line)
            without_url = re.sub(r"\s*https?://\S+", "", line).strip()
            texts.add(without_url)
    return {text for text in texts if text}


# --- The people and the content on the screens ----------------------------------------------


def speaking(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def people(django_user_model):
    def make(language: str) -> dict:
        return {
            "admin": speaking(
                django_user_model.objects.create_superuser(
                    f"admin-{language}", f"admin-{language}@example.org", "pw-not-secret-123"
                ),
                language,
            ),
            "editor": speaking(
                make_user(django_user_model, f"lv-editor-{language}", "Editors: Latvia"), language
            ),
            "moderator": speaking(
                make_user(django_user_model, f"moderator-{language}", roles.MODERATORS), language
            ),
        }

    return make


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content).get("html", "")
    return response.content.decode()


def screens(client, people: dict) -> dict[str, dict[str, str]]:
    """Screen group -> {url: HTML}, as each person sees them; the moderation e-mails apart."""
    english = {"locale__language_code": "en"}
    practitioner = PractitionerPage.objects.filter(live=True, **english).first()
    practice = PracticePage.objects.filter(live=True, country__code="LV", **english).first()
    guide = GuidePage.objects.filter(live=True, **english).first()
    help_point = HelpPoint.objects.filter(**english).first()
    network, practices = NetworkIndexPage.objects.get(**english), PracticeIndexPage.objects.get(**english)
    guides = GuideIndexPage.objects.get(**english)
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    task = workflow.tasks.first()

    # A practice submitted for moderation, so the moderation screens have something to show.
    latvia = Country.objects.get(code="LV", **english)
    client.force_login(people["editor"])
    assert add_practice(client, latvia, "action-submit").status_code == 302
    submitted = PracticePage.objects.get(slug="neighbourhood-mentors-lv", **english)
    workflow_state = submitted.current_workflow_state
    task_state = workflow_state.current_task_state

    client.force_login(people["admin"])
    admin_urls = {
        "dashboard": ["/admin/"],
        "page editor": [
            f"/admin/pages/add/network/practitionerpage/{network.pk}/",
            f"/admin/pages/{practitioner.pk}/edit/",
            f"/admin/pages/add/practices/practicepage/{practices.pk}/",
            f"/admin/pages/{practice.pk}/edit/",
            f"/admin/pages/add/guides/guidepage/{guides.pk}/",
            f"/admin/pages/{guide.pk}/edit/",
            "/admin/snippets/guides/helppoint/add/",
            f"/admin/snippets/guides/helppoint/edit/{help_point.pk}/",
        ],
        "listings": [
            "/admin/pages/",
            f"/admin/pages/{Page.get_first_root_node().pk}/",
            f"/admin/pages/{practices.pk}/",
            "/admin/pages/search/?q=mentors",
            "/admin/snippets/network/organisation/",
            "/admin/snippets/guides/helppoint/",
        ],
        "reports": [
            "/admin/reports/locked/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/reports/site-history/",
            "/admin/reports/aging-pages/",
            "/admin/reports/page-types-usage/",
            "/admin/guides/review/",
            "/admin/translations/status/",
            "/admin/follows/counts/",
        ],
        "workflow": [
            "/admin/workflows/list/",
            f"/admin/workflows/edit/{workflow.pk}/",
            "/admin/workflows/tasks/index/",
            f"/admin/workflows/tasks/edit/{task.pk}/",
            f"/admin/pages/{submitted.pk}/edit/",
            f"/admin/pages/{submitted.pk}/history/",
            f"/admin/pages/{submitted.pk}/workflow_history/",
            f"/admin/pages/{submitted.pk}/workflow_history/detail/{workflow_state.pk}/",
        ],
    }
    rendered = {group: {url: get_html(client, url) for url in urls} for group, urls in admin_urls.items()}
    client.force_login(people["moderator"])
    rendered["workflow"]["moderator's dashboard"] = get_html(client, "/admin/")
    for action in ("approve", "reject"):
        url = f"/admin/pages/workflow/action/{submitted.pk}/{action}/{task_state.pk}/"
        rendered["workflow"][url] = get_html(client, url)
    return rendered


def moderation_mails(client, people: dict) -> list:
    """Submitted, approved and rejected: what Wagtail's workflow sends the people involved."""
    english = {"locale__language_code": "en"}
    latvia = Country.objects.get(code="LV", **english)
    ours = {people[role].email for role in ("admin", "editor", "moderator")}
    sent = []
    for action in ("approve", "reject"):
        mail.outbox.clear()
        client.force_login(people["editor"])
        response = add_practice(client, latvia, "action-submit")
        assert response.status_code == 302
        page = PracticePage.objects.get(slug="neighbourhood-mentors-lv", **english)
        task_state = page.current_workflow_state.current_task_state
        client.force_login(people["moderator"])
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": "Checked"}
        )
        assert response.status_code in (200, 302)
        sent += [message for message in mail.outbox if ours & set(message.to)]
        page.delete()
    return sent


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_no_english_left_on_the_admin_screens_and_moderation_mails(client, people, language):
    catalog = catalogue()
    involved = people(language)
    messages = moderation_mails(client, involved)
    rendered = screens(client, involved)
    report, counts = {}, {}
    for group, pages in rendered.items():
        untranslated, translated = set(), 0
        for markup in pages.values():
            missing, found = catalog.check(shown_texts(markup), language)
            untranslated |= missing
            translated += found
        # The screens really were read, in the language: they show many translated strings.
        assert translated > 20 * len(pages), f"{group}: only {translated} translated strings shown"
        report[group], counts[group] = untranslated, len(untranslated)

    kinds = {message.subject for message in messages}
    assert len(kinds) >= 3, kinds  # submitted, approved, rejected
    mail_missing, mail_found = set(), 0
    for message in messages:
        missing, found = catalog.check(mail_texts(message), language)
        mail_missing |= missing
        mail_found += found
    assert mail_found > 3
    report["moderation e-mails"], counts["moderation e-mails"] = mail_missing, len(mail_missing)

    details = "\n".join(f"{group}: {sorted(texts)}" for group, texts in report.items() if texts)
    assert sum(counts.values()) == 0, f"untranslated admin strings in {language}: {counts}\n{details}"


def test_moderation_mail_is_in_each_recipients_admin_language(client, django_user_model):
    """Wagtail renders each notification under the recipient's preferred admin language."""
    editor = speaking(make_user(django_user_model, "lv-editor-mail", "Editors: Latvia"), "lv")
    moderators = {
        language: speaking(
            make_user(django_user_model, f"moderator-mail-{language}", roles.MODERATORS), language
        )
        for language in ("lv", "lt", "en")
    }
    latvia = Country.objects.get(code="LV", locale__language_code="en")
    mail.outbox.clear()
    client.force_login(editor)
    assert add_practice(client, latvia, "action-submit").status_code == 302
    page = PracticePage.objects.get(slug="neighbourhood-mentors-lv", locale__language_code="en")
    task_name = page.current_workflow_state.current_task_state.task.name
    english = 'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    values = {"title": page.title, "task": task_name}
    # Wagtail's msgids, named through variables so that makemessages does not copy them into
    # the site's own catalogues (Wagtail's and locale_admin's translate them).
    hello, edit_preferences = "Hello %(username)s,", "Edit your notification preferences here:"
    for language, moderator in moderators.items():
        (message,) = [message for message in mail.outbox if moderator.email in message.to]
        with translation.override(language):
            expected = translation.gettext(english) % values
            greeting = translation.gettext(hello) % {"username": moderator.username}
            preferences = translation.gettext(edit_preferences)
        assert message.subject == expected
        assert (expected == english % values) == (language == "en")  # lv and lt are translated
        assert message.body.startswith(greeting)
        assert preferences in message.body


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_the_admin_scripts_strings_are_translated_too(client, django_user_model, language):
    """What the admin's scripts write ("Autosave in progress…", the block picker, comments)
    comes from the JavaScript catalogue the browser loads: every string of Wagtail's admin
    scripts has a translation in it, in every plural form the language has."""
    wagtail_js = [
        entry
        for entry in polib.pofile(str(SITE_PACKAGES / "wagtail/admin/locale/ru/LC_MESSAGES/djangojs.po"))
        if not entry.obsolete
    ]
    assert len(wagtail_js) > 50
    client.force_login(speaking(make_user(django_user_model, f"js-{language}", roles.MODERATORS), language))
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    shipped = json.loads(match.group(1))
    plural_forms = re.search(r"nplurals=(\d+)", response.content.decode())
    missing = []
    for entry in wagtail_js:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = shipped.get(key)
        if entry.msgid_plural:
            if not isinstance(value, list) or not all(value) or (plural_forms and len(value) < 2):
                missing.append(entry.msgid)
        elif not value:
            missing.append(entry.msgid)
    assert not missing, f"{language}: {len(missing)} admin script strings untranslated: {missing}"
