"""Picking a contact in the page editor, in a browser (issue 24): the editor types part of a
name, picks the person the search box finds, and the saved draft keeps them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

PASSWORD = "pw-not-secret-picker-123"  # a throwaway account on the test server's own database

SETUP = """
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from network.models import PractitionerPage
from practices.models import PracticePage
User = get_user_model()
if not User.objects.filter(username="picker-admin").exists():
    User.objects.create_superuser("picker-admin", "picker-admin@example.org", "{password}")
person = PractitionerPage.objects.get(locale=Locale.get_default(), slug="kadri-tamm")
practice = (
    PracticePage.objects.filter(locale=Locale.get_default()).exclude(contacts=person).order_by("pk").first()
)
print(practice.pk, person.pk)
"""


@pytest.fixture(scope="module")
def editing(live_site, tmp_path_factory) -> tuple[int, int]:
    """An administrator on the test server's database; a practice, and a person not its contact."""
    database = tmp_path_factory.getbasetemp() / "live-site0" / "db.sqlite3"
    assert database.exists(), database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nbnet.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SETUP.format(password=PASSWORD)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    practice, person = (int(value) for value in done.stdout.split()[-2:])
    return practice, person


def test_an_editor_finds_and_picks_a_contact(page, live_site, editing):
    practice, person = editing
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", "picker-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site}/admin/")

    page.goto(f"{live_site}/admin/pages/{practice}/edit/")
    chosen = page.locator('[data-picker-chosen][data-name="contacts"]')
    assert chosen.locator(f'input[value="{person}"]').count() == 0
    search = page.locator("#id_contacts-search")
    assert page.locator('label[for="id_contacts-search"]').count() == 1  # named by the field's label
    search.fill("kadri tam")  # part of a name: the demo has one
    found = page.locator(f'[data-picker-results] button[data-id="{person}"]')
    found.wait_for(timeout=10_000)
    assert found.inner_text().startswith("Kadri Tamm")
    found.click()
    box = chosen.locator(f'input[value="{person}"]')
    assert box.is_checked()
    assert "Kadri Tamm" in chosen.inner_text()
    # Enter in the search box does not submit the page.
    search.fill("zzzz-nobody")
    search.press("Enter")
    page.locator("[data-picker-status]", has_text="Nothing found").first.wait_for(timeout=10_000)
    assert page.url.endswith(f"/admin/pages/{practice}/edit/")

    page.locator("button.action-save").first.click()
    page.wait_for_load_state("load")
    page.goto(f"{live_site}/admin/pages/{practice}/edit/")
    saved = page.locator(f'[data-picker-chosen][data-name="contacts"] input[value="{person}"]')
    assert saved.is_checked()
