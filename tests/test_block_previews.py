"""Block previews in the editor's block picker (issue 24): every block a page's StreamField
offers has a description and a preview, rendered here through Wagtail's own preview view
(``wagtailadmin_block_preview``) as a signed-in country editor would see it in the picker."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from .conftest import html

pytestmark = pytest.mark.django_db


def picker_blocks() -> list[tuple[str, str, object]]:
    """(page type, block name, block) for every block of every StreamField of every page type."""
    found = []
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                for name, block in field.stream_block.child_blocks.items():
                    found.append((f"{model.__name__}.{field.name}", name, block))
    return found


BLOCKS = picker_blocks()


def test_the_page_types_offer_blocks():
    assert {"HomePage.body", "StandardPage.body", "ContactPage.body"} <= {where for where, _n, _b in BLOCKS}
    assert {"network_figures", "figure", "table", "key_figures"} <= {name for _w, name, _b in BLOCKS}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="lv-editor-previews", email="lv-editor-previews@example.org", password="pw-not-secret-123"
    )
    user.groups.add(Group.objects.get(name="Editors: Latvia"))
    client.force_login(user)
    return client


def preview(client, block):
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    doc = html(response)
    shown = doc.select_one("main")
    assert shown is not None
    text = shown.get_text(" ", strip=True)
    return response, doc, text


@pytest.mark.parametrize(("where", "name", "block"), BLOCKS, ids=[f"{w}.{n}" for w, n, _b in BLOCKS])
def test_every_block_has_a_preview_with_something_to_see(editor, where, name, block):
    assert block.is_previewable, f"{where}: {name} has no preview in the picker"
    assert str(block.get_description()).strip(), f"{where}: {name} has no description"
    response, doc, text = preview(editor, block)
    assert (
        doc.select_one('link[rel="stylesheet"][href$="css/site.css"]') is not None
    )  # drawn as readers see it
    # the block itself, in the wrapper Wagtail's preview gives it, with text a person can read
    rendered = doc.select_one(f"main .block-{name}")
    assert rendered is not None and rendered.find(True) is not None, name
    assert len(text) >= 10, (name, text)
    assert "None" not in text.split() and "None" not in response.content.decode().split('"'), (name, text)


def test_the_picker_offers_each_blocks_preview(admin_client):
    """The page editor's block definitions (what the picker reads) mark every block as
    previewable, with its description."""
    edit_pages = {}
    for page in Page.objects.filter(locale__language_code="en").specific():
        where = f"{type(page).__name__}.body"
        form_fields = type(page).get_edit_handler().get_form_class().base_fields
        if where not in edit_pages and "body" in form_fields:
            edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
            assert edit.status_code == 200
            edit_pages[where] = html_lib.unescape(edit.content.decode())
    assert {"HomePage.body", "StandardPage.body", "ContactPage.body", "PrivacyPage.body"} <= set(edit_pages)
    for where, name, block in BLOCKS:
        if where not in edit_pages:  # a page type that does not let editors change its body
            continue
        edit = edit_pages[where]
        entry = re.search(rf'"blockDefId": "{block.definition_prefix}", "isPreviewable": (true|false)', edit)
        assert entry is not None and entry.group(1) == "true", (where, name)
        description = str(block.get_description())
        assert description in edit or json.dumps(description)[1:-1] in edit, (where, name)


def test_previews_work_with_an_empty_image_and_document_library(editor):
    """The image and document blocks preview what the library has, and made-up samples when it
    has nothing, never an empty block."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    blocks = {name: block for _w, name, block in BLOCKS}
    _response, doc, text = preview(editor, blocks["figure"])
    assert doc.select_one("main figure svg[role=img][aria-label]") is not None
    assert "Valga" in text
    _response, doc, text = preview(editor, blocks["documents"])
    items = doc.select("main .documents li")
    assert len(items) == 2 and "Annual report 2024" in text and "PDF" in text


def test_the_counted_figures_preview_counts_nothing(editor):
    """The network-in-numbers preview draws sample figures: no counting query, bars on any
    database, and the same number of queries as a plain quote's preview."""
    blocks = {name: block for _w, name, block in BLOCKS}
    preview(editor, blocks["quote"])  # the session and the user loaded once
    with CaptureQueriesContext(connection) as quote:
        preview(editor, blocks["quote"])
    with CaptureQueriesContext(connection) as figures:
        _response, doc, _text = preview(editor, blocks["network_figures"])
    assert len(figures) == len(quote), [q["sql"] for q in figures.captured_queries]
    assert len(doc.select("main .bar-chart li")) >= 5
    assert [dd.get_text(strip=True) for dd in doc.select("main .figures-totals dd")] != ["0", "0", "0", "0"]


def test_the_previews_follow_the_editors_admin_language(editor, django_user_model):
    """An editor with the admin in Latvian sees the sample figures in Latvian."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.get(username="lv-editor-previews")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "lv"
    profile.save()
    blocks = {name: block for _w, name, block in BLOCKS}
    _response, doc, _text = preview(editor, blocks["network_figures"])
    assert doc.select_one("html")["lang"] == "lv"
    with translation.override("lv"):
        heading = translation.gettext("The network in numbers")
    assert heading != "The network in numbers"
    assert doc.select_one("main h2").get_text(strip=True) == heading


def test_the_block_preview_may_be_framed_by_the_admin_only(editor):
    """The picker shows a preview in a frame of the admin's own page."""
    blocks = {name: block for _w, name, block in BLOCKS}
    response, _doc, _text = preview(editor, blocks["quote"])
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" not in policy


def test_the_image_block_and_the_key_figure_have_labels_of_their_own_in_latvian():
    """ "Figure" is an image block and a key figure's number: two labels, two translations
    (pgettext contexts), neither left in English."""
    from home.blocks import FigureBlock, KeyFigureBlock

    image_label = FigureBlock().label
    number_label = KeyFigureBlock().child_blocks["figure"].label
    with translation.override("lv"):
        image, number = str(image_label), str(number_label)
    assert image != number
    assert "Figure" not in (image, number)
