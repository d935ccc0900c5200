"""What a reader sees in search results: readable snippets, and guides first for newcomers.

Snippets are cut from the text stored with each search entry. That text keeps the
headings, paragraphs, list items and blocks of a page apart, as the page shows them
(it once read "organizācijas.Ko mēs darāmMēs publicējam…"), and holds what the page
says, not the names of its themes, places and target groups, which are searched but
not shown. A query that a step of a newcomer guide answers ("работа", "dzīvoklis",
"work permit") puts that guide first.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict
from wagtail.rich_text import RichText

from guides.models import GuidePage
from home.factories import StandardPageFactory
from home.models import HomePage
from network.models import PractitionerPage
from search.engine import highlight, search
from search.extract import readable
from search.models import SearchEntry

from .conftest import html

pytestmark = pytest.mark.django_db

SENTENCE_MARKS = ".!?…:;"


def run_together(text: str) -> list[str]:
    """Places where a sentence or a word runs into the next one without a space:
    "organizācijas.Ko", "darāmMēs"."""
    return [
        text[max(0, i - 12) : i + 12]
        for i in range(1, len(text))
        if text[i].isupper() and (text[i - 1].islower() or text[i - 1] in SENTENCE_MARKS)
    ]


def results(client, language: str, query: str) -> list:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return html(response).select("ol.results > li")


def snippet_text(item) -> str:
    return item.select_one(".snippet").get_text()


# -- The text: blocks apart ------------------------------------------------------------------


def test_rich_text_and_blocks_are_separated_like_sentences():
    body = [
        {
            "type": "text",
            "value": "<h2>Kas piedalās</h2><p>Pašvaldību <b>darbinieki</b> &amp; NVO.</p>"
            "<h2>Ko mēs darām</h2><p>Mēs publicējam</p><ul><li>Pase</li><li>dzīves vietas adrese</li></ul>",
        },
        {
            "type": "key_figures",
            "value": {"heading": "Skaitļos", "figures": [{"figure": "149", "label": "ģimenes"}]},
        },
        {"type": "quote", "value": {"quote": "Palīdzēja.", "attribution": "Sociālā darbiniece"}},
        {
            "type": "table",
            "value": {
                "data": [["Pilsēta", "Ģimenes"], ["Rīga", "120"], ["Jelgava", None]],
                "table_caption": "Pa pilsētām",
                "first_row_is_table_header": "true",
                "table_header_choice": "row",
                "cell": [],
                "mergeCells": [],
            },
        },
        {"type": "documents", "value": {"heading": "Dokumenti", "documents": [3, 4]}},
    ]
    assert readable("Ievads", body, "Pirmā rinda\nOtrā rinda") == (
        "Ievads. Kas piedalās. Pašvaldību darbinieki & NVO. Ko mēs darām. Mēs publicējam. "
        "Pase; dzīves vietas adrese. Skaitļos. 149 ģimenes. Palīdzēja. Sociālā darbiniece. "
        "Pa pilsētām. Pilsēta, Ģimenes. Rīga, 120. Jelgava. Dokumenti. Pirmā rinda. Otrā rinda"
    )


def test_a_snippet_starts_at_its_sentence_and_shows_the_part_with_most_query_words():
    text = (
        "Pirmais teikums par kaut ko citu. Otrais teikums min darbu. "
        + "Vidū ir daudz vārdu bez nozīmes. " * 6
        + "Šeit ir darba atļauja un darbs kopā."
    )
    snippet = str(highlight(text, ["darba", "atļauja"], "lv"))
    assert snippet.startswith("… Šeit ir <mark>darba</mark> <mark>atļauja</mark>"), snippet


def test_the_search_page_shows_the_blocks_of_a_page_as_separate_sentences(client):
    home = HomePage.objects.get(locale__language_code="lv")
    page = StandardPageFactory(
        parent=home,
        locale=home.locale,
        title="Zvejnieku tīkls",
        slug="zvejnieku-tikls",
        intro="Par mums.",
        body=[
            (
                "text",
                RichText(
                    "<h2>Kas piedalās</h2><p>Zvejnieki un jūrnieki no piekrastes.</p>"
                    "<h2>Ko mēs darām</h2><p>Mēs lāpām tīklus</p>"
                    "<ul><li>Pirmdienās ostā</li><li>otrdienās krastā</li></ul>"
                ),
            )
        ],
    )
    page.save_revision().publish()
    item = results(client, "lv", "jūrnieki")[0]
    assert item.h2.get_text(strip=True) == "Zvejnieku tīkls"
    text = snippet_text(item)
    assert "piekrastes. Ko mēs darām. Mēs lāpām tīklus. Pirmdienās ostā; otrdienās krastā" in text, text
    assert item.select_one(".snippet mark").get_text() == "jūrnieki"


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("lv", "publicējam"),
        ("lv", "romu"),
        ("lv", "bēgļu"),
        ("lv", "darbs"),
        ("en", "refugee"),
        ("ru", "беженцы"),
        ("lt", "pabėgėlių"),
        ("et", "pagulased"),
    ],
)
def test_no_snippet_runs_sentences_together(client, language, query):
    items = results(client, language, query)
    assert items, f"{query!r} finds nothing on /{language}/search/"
    for item in items:
        assert not run_together(snippet_text(item)), (item.h2.get_text(strip=True), snippet_text(item))


def test_no_stored_text_runs_blocks_together():
    joined = {entry.url: found for entry in SearchEntry.objects.all() if (found := run_together(entry.text))}
    assert not joined


# -- The text: what the page says, not its taxonomy -------------------------------------------


def latvian(term) -> str:
    """A taxonomy term's Latvian name (profiles point at the default-language terms)."""
    from wagtail.models import Locale

    return (term.get_translation_or_none(Locale.objects.get(language_code="lv")) or term).name


def test_a_profile_snippet_shows_the_profile_not_its_themes_and_places(client):
    profile = PractitionerPage.objects.live().get(locale__language_code="lv", slug="ilze-kalnina")
    names = [latvian(term) for term in [*profile.themes.all(), *profile.target_groups.all()]]
    names += [latvian(profile.city), latvian(profile.city.country)]
    assert len(names) >= 4
    own_words = f"{profile.role} {profile.bio}"
    item = next(
        item
        for item in results(client, "lv", "Ilze Kalnina")
        if item.h2.a["href"].rstrip("/").endswith("/ilze-kalnina")
    )
    text = snippet_text(item)
    assert text.startswith(profile.role), text
    shown = [name for name in names if name in text and name not in own_words]
    assert not shown, f"taxonomy terms in the snippet: {shown}: {text}"


def test_themes_and_places_are_still_searched():
    entry = SearchEntry.objects.get(language="lv", url__endswith="/ilze-kalnina/")
    profile = PractitionerPage.objects.live().get(locale__language_code="lv", slug="ilze-kalnina")
    theme = latvian(profile.themes.first())
    assert theme not in entry.text
    outcome = search(theme, "lv", QueryDict("type=practitioner"))
    assert entry.url in [item.url for item in outcome.paginator.object_list]


# -- Guides first for newcomers ---------------------------------------------------------------


def guide_urls(language: str, country: str | None = None) -> set[str]:
    guides = GuidePage.objects.live().filter(locale__language_code=language)
    if country:
        guides = guides.filter(country__code=country, city__isnull=True)
    return {guide.get_url() for guide in guides}


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ru", "работа"),
        ("lv", "dzīvoklis"),
        ("en", "work permit"),
        ("lt", "darbas"),
        ("et", "töö"),
        ("ru", "жильё"),
        ("en", "family doctor"),
    ],
)
def test_a_guide_comes_first_when_one_of_its_steps_answers_the_query(client, language, query):
    items = results(client, language, query)
    first = items[0]
    assert first.h2.a["href"] in guide_urls(language), [item.h2.get_text(strip=True) for item in items[:5]]
    # Its snippet is the step that answers, with the word marked.
    assert first.select_one(".snippet mark"), snippet_text(first)


def test_many_steps_answer_work_and_the_two_first_results_are_guides(client):
    items = results(client, "ru", "работа")
    assert {item.h2.a["href"] for item in items[:2]} <= guide_urls("ru")


def test_the_guide_for_the_readers_country_comes_first(client):
    assert results(client, "et", "töö")[0].h2.a["href"] in guide_urls("et", "EE")
    assert results(client, "lt", "darbas")[0].h2.a["href"] in guide_urls("lt", "LT")


def test_a_query_no_step_answers_keeps_its_usual_order(client):
    items = results(client, "en", "roma mediators")
    assert items[0].h2.a["href"] not in guide_urls("en")


def test_each_guide_step_is_found_where_the_text_says_it_is():
    entries = SearchEntry.objects.filter(kind="guide")
    assert entries
    for entry in entries:
        guide = GuidePage.objects.get(pk=entry.item_id)
        tokens = entry.text.split()
        titles = [step.title for step in guide.steps.all()]
        assert len(entry.guide_steps) == len(titles)
        for step, title in zip(entry.guide_steps, titles, strict=True):
            shown = " ".join(tokens[step["start"] : step["start"] + len(title.split())])
            assert shown.rstrip(".") == title, (entry.url, shown, title)
