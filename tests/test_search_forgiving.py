"""Search that forgives (issue 20): dictionary forms, missing words, typos, the other
alphabet, autocomplete folding, and a ranking that weighs rare words and does not shift.

Each test reads what a person sees: the result titles, the notices and their links on the
results page, or the JSON API's fields.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from home.factories import StandardPageFactory
from home.models import HomePage
from search import translit, vocabulary
from search.engine import rerank, search, word_weights
from search.models import SearchEntry, SearchTerm
from search.text import word_forms

from .conftest import html

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select("ol.results h2 a")]


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return json.loads(response.content)


def suggest(client, q, lang):
    response = client.get("/api/search/suggest/", {"q": q, "lang": lang})
    assert response.status_code == 200
    return json.loads(response.content)["suggestions"]


def publish_page(title: str, intro: str, language: str = "en"):
    home = HomePage.objects.get(locale__language_code=language)
    page = StandardPageFactory(parent=home, title=title, intro=intro)
    page.save_revision().publish()
    return page


# 1. Estonian dictionary forms meet the inflected ones -----------------------------------


def test_estonian_key_brings_singular_and_plural_stems_together():
    for base, inflected in [
        ("kohvik", "kohvikud"),
        ("keelekohvik", "keelekohvikutes"),
        ("töömentor", "töömentorid"),
        ("keskus", "keskuse"),
        ("tervis", "tervisele"),
    ]:
        assert word_forms(base, "et") & word_forms(inflected, "et"), (base, inflected)
    # Short words keep their own key: "elu" (life) does not meet "eluase" (dwelling).
    assert not word_forms("elu", "et") & word_forms("eluase", "et")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kohvik", "Vabatahtlike korraldatud keelekohvikud"),
        ("keelekohvik", "Vabatahtlike korraldatud keelekohvikud"),
        ("töömentor", "Töömentorid pagulastele"),
    ],
)
def test_estonian_dictionary_forms_find_what_the_plurals_find(client, query, expected):
    assert expected in titles(client.get("/et/search/", {"q": query}))


def test_english_word_classes_meet():
    assert word_forms("recognition", "en") & word_forms("recognised", "en")


# 2. Few results with every word: those with most words follow ---------------------------


def test_items_with_most_of_the_words_follow_those_with_all_of_them(client):
    publish_page("Quokka walrus evenings", "Quokka and walrus evenings for newcomers.")
    publish_page("Quokka mornings", "Quokka mornings for newcomers.")
    response = client.get("/en/search/", {"q": "quokka walrus"})
    found = titles(response)
    assert found[:2] == ["Quokka walrus evenings", "Quokka mornings"]
    notices = [p.get_text(" ", strip=True) for p in html(response).select("p.notice")]
    assert "Results with all of your words come first, then those with most of them." in notices
    data = api(client, q="quokka walrus", lang="en")
    assert data["partial"] is True and data["relaxed"] is False and data["count"] == 2


# 3. Typos -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "corrected"),
    [("lv", "imigrnti", "imigranti"), ("en", "refugess", "refugees"), ("en", "refguees", "refugees")],
)
def test_a_word_that_matches_nothing_is_corrected_and_both_are_links(client, language, typed, corrected):
    response = client.get(f"/{language}/search/", {"q": typed, "country": "LV"})
    doc = html(response)
    notice = doc.select_one("p.search-correction")
    assert notice is not None, "the correction notice is missing"
    links = notice.select("a")
    assert [a.get_text(strip=True) for a in links] == [corrected, typed]
    shown, original = (parse_qs(urlsplit(a["href"]).query) for a in links)
    assert shown == {"q": [corrected], "country": ["LV"]}
    assert original == {"q": [typed], "country": ["LV"], "verbatim": ["1"]}
    assert titles(response), "the corrected query finds results"

    # "Search instead for" searches what was typed, without correcting it.
    verbatim = client.get(f"/{language}/search/", {"q": typed, "country": "LV", "verbatim": "1"})
    assert html(verbatim).select_one("p.search-correction") is None
    assert titles(verbatim) == []


def test_a_correction_is_a_written_word_within_the_edit_limit():
    assert vocabulary.closest("imigrnti", "lv") == "imigranti"
    # Written as the reader's language writes it, diacritics back in place.
    assert vocabulary.closest("paveruma", "lv") == "patvēruma"
    # One edit for words of up to five letters, two for longer ones.
    assert vocabulary.max_edits("romu") == 1 and vocabulary.max_edits("imigrnti") == 2
    assert vocabulary.closest("rxqu", "lv") is None


def test_the_api_says_what_it_searched_for(client):
    data = api(client, q="refugess", lang="en")
    assert data["corrected_query"] == "refugees" and data["count"] > 0
    assert api(client, q="refugees", lang="en")["corrected_query"] is None


@pytest.mark.parametrize("shared_cache", [True, False], ids=["version-in-cache", "entries-aggregate"])
def test_the_vocabulary_follows_published_content(client, settings, shared_cache):
    if not shared_cache:  # production without a shared cache: the entries themselves are compared
        settings.FRAGMENT_CACHE_SECONDS = 0
    typed = "zanzibarain"
    assert vocabulary.closest(typed, "en") is None
    page = publish_page("Zanzibarian drums", "Zanzibarian drum circles for newcomers.")
    assert SearchTerm.objects.filter(term="zanzibarian", language="en", entries=1).exists()
    data = api(client, q=typed, lang="en")
    assert data["corrected_query"] == "zanzibarian"
    assert [result["title"] for result in data["results"]] == ["Zanzibarian drums"]
    page.unpublish()
    assert not SearchTerm.objects.filter(term="zanzibarian", entries__gt=0).exists()
    assert api(client, q=typed, lang="en")["corrected_query"] is None


def test_a_query_checks_the_vocabulary_is_current_without_reading_the_entries(django_assert_num_queries):
    vocabulary.closest("imigrnti", "lv")  # loaded once
    # One cache key says whether the entries changed: no aggregate over every entry per query
    # (110 ms at 100k entries).
    with django_assert_num_queries(0):
        assert vocabulary.closest("imigrnti", "lv") == "imigranti"


def test_a_change_of_the_entries_renews_the_vocabulary_now_and_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from django.core.cache import cache

    vocabulary.closest("imigrnti", "lv")
    loaded = cache.get(vocabulary.VERSION_KEY)
    entry = SearchEntry.objects.filter(language="en").first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        vocabulary.entry_changed(None, entry)
        during = cache.get(vocabulary.VERSION_KEY)
    assert during != loaded, "this process reloads at once"
    for callback in callbacks:
        callback()
    # Another process may have loaded the words between the change and its commit.
    assert cache.get(vocabulary.VERSION_KEY) not in (loaded, during)


def test_rebuild_counts_the_same_vocabulary_as_the_updates():
    before = {
        (term, language): entries
        for term, language, entries in SearchTerm.objects.filter(entries__gt=0).values_list(
            "term", "language", "entries"
        )
    }
    vocabulary.recount()
    after = {
        (term, language): entries
        for term, language, entries in SearchTerm.objects.values_list("term", "language", "entries")
    }
    assert after == before


# 4. The other alphabet -------------------------------------------------------------------


def test_transliteration_offers_the_common_schemes():
    for typed in ["bezhency", "bezhentsy", "bežency"]:
        assert "беженцы" in translit.to_cyrillic(typed), typed
    assert "щука" in translit.to_cyrillic("shchuka") and "щука" in translit.to_cyrillic("schuka")
    assert "юля" in translit.to_cyrillic("yulya") and "юля" in translit.to_cyrillic("julja")
    assert "tartu" in translit.to_latin("Тарту")
    assert "jelgava" in translit.to_latin("Елгава")


@pytest.mark.parametrize(
    ("language", "typed", "corrected", "expected"),
    [
        ("ru", "bezhency", "беженцы", "Наставники по трудоустройству для беженцев"),
        ("ru", "bezhentsy", "беженцы", "Наставники по трудоустройству для беженцев"),
        ("lv", "Калнина", "kalniņa", "Ilze Kalniņa"),
        ("ru", "romskij mediator", "ромский медиатор", "Ромские медиаторы в муниципальных службах"),
        ("ru", "zhilye bezhencev", "жильё беженцев", "Принцип «Жильё прежде всего» для семей беженцев"),
    ],
)
def test_a_word_typed_in_the_other_alphabet_is_found(client, language, typed, corrected, expected):
    response = client.get(f"/{language}/search/", {"q": typed})
    notice = html(response).select_one("p.search-correction a")
    assert notice is not None and notice.get_text(strip=True) == corrected
    assert expected in titles(response)


def test_a_cyrillic_name_finds_its_latin_spelling_and_back(client):
    assert "Валка – Валга" in titles(client.get("/ru/search/", {"q": "Valga"}))


# 7. Across languages without shared words: the translated taxonomies --------------------


@pytest.mark.parametrize(
    ("language", "typed"), [("lv", "mājoklis"), ("ru", "жильё"), ("et", "eluase"), ("en", "housing")]
)
def test_an_item_written_in_one_language_is_found_through_its_theme(client, language, typed):
    from network.models import Theme
    from practices.factories import PracticePageFactory
    from practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage.objects.get(locale__language_code="lt")
    country = PracticePage.objects.filter(locale__language_code="lt").first().country
    page = PracticePageFactory(
        parent=index,
        title="Socialinis nuomos fondas Panevėžyje",
        intro="Savivaldybė nuomoja butus šeimoms.",
        country=country,
    )
    page.themes.set([Theme.objects.get(slug="housing", locale__language_code="lt")])
    page.save_revision().publish()

    # Filtered as a reader narrows down: practices only.
    response = client.get(f"/{language}/search/", {"q": typed, "type": "practice"})
    doc = html(response)
    items = doc.select("ol.results li")
    found = [item for item in items if item.h2.get_text(strip=True) == "Socialinis nuomos fondas Panevėžyje"]
    assert found, "the Lithuanian-only practice tagged Housing is found"
    assert found[0]["lang"] == "lt" and found[0].select_one(".language-tag") is not None
    # Below the items that have the word itself.
    assert items.index(found[0]) > 0
    notice = doc.select_one("p.search-concepts")
    assert (
        notice is not None
        and Theme.objects.get(slug="housing", locale__language_code=language).name in notice.text
    )
    data = api(client, q=typed, lang=language, type="practice")
    assert "Socialinis nuomos fondas Panevėžyje" in [result["title"] for result in data["results"]]
    assert {"kind": "theme", "value": "housing"}.items() <= data["concepts"][0].items()


def test_an_item_written_in_one_language_is_found_through_its_city(client):
    """Viļņa (lv), Vilnius (lt), Вильнюс (ru): a Latvian reader finds the Lithuanian-only
    practice in Vilnius whose text never names the city."""
    from network.models import City
    from practices.factories import PracticePageFactory
    from practices.models import PracticeIndexPage

    vilnius = City.objects.get(slug="vilnius", locale__language_code="en")
    page = PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale__language_code="lt"),
        title="Kalbų kavinė darbo ieškantiems",
        intro="Kas savaitę susitinka savanoriai ir atvykėliai.",
        country=vilnius.country,
        city=vilnius,
    )
    page.save_revision().publish()

    response = client.get("/lv/search/", {"q": "Viļņa", "type": "practice"})
    doc = html(response)
    found = [item for item in doc.select("ol.results li") if item.h2.get_text(strip=True) == page.title]
    assert found and found[0]["lang"] == "lt"
    notice = doc.select_one("p.search-concepts")
    assert notice is not None and "Viļņa" in notice.text
    data = api(client, q="Вильнюс", lang="ru", type="practice")
    assert page.title in [result["title"] for result in data["results"]]
    assert {"kind": "city", "value": "vilnius", "label": "Вильнюс"} in data["concepts"]


def test_a_guide_is_found_through_the_legal_status_its_steps_are_for(client):
    """A step for asylum seekers tags its guide: "patvēruma meklētājs" (lv) finds the
    Lithuanian guide, whose words are all Lithuanian."""
    from guides.factories import GuidePageFactory
    from guides.models import GuideIndexPage, GuidePage, GuideStep, LegalStatus, Topic

    country = GuidePage.objects.filter(locale__language_code="lt").first().country
    page = GuidePageFactory(
        parent=GuideIndexPage.objects.get(locale__language_code="lt"),
        title="Pirmoji savaitė Panevėžyje",
        easy_summary="Ką daryti pirmiausia.",
        country=country,
    )
    step = GuideStep(
        guide=page, locale=page.locale, topic=Topic.REGISTRATION, title="Užsiregistruokite seniūnijoje",
        what="<p>Atsineškite pasą.</p>",
    )  # fmt: skip
    step.save()
    step.statuses.set([LegalStatus.objects.get(slug="asylum-seeker", locale__language_code="en")])
    step.save()
    page.save_revision().publish()

    data = api(client, q="patvēruma meklētājs", lang="lv", type="guide")
    assert page.title in [result["title"] for result in data["results"]]
    assert {"kind": "status", "value": "asylum-seeker", "label": "Patvēruma meklētājs"} in data["concepts"]
    # A status its steps are not for does not find it.
    other = api(client, q="bezvalstnieks", lang="lv", type="guide")
    assert page.title not in [result["title"] for result in other["results"]]


def test_a_query_naming_nothing_has_no_concepts(client):
    assert api(client, q="sauna", lang="en")["concepts"] == []


# 5. Autocomplete folds like the search ---------------------------------------------------


@pytest.mark.parametrize(
    ("q", "lang", "expected"),
    [
        ("beg", "lv", "Igaunijas Bēgļu padome"),
        ("maj", "lv", "“Mājoklis vispirms” bēgļu ģimenēm"),
        ("pabeg", "lt", "Lietuvos pabėgėlių taryba"),
        ("uhe", "et", "Ühe akna keskus uustulnukatele"),
        ("жилье", "ru", "Принцип «Жильё прежде всего» для семей беженцев"),
        ("ЖИЛЬЁ", "ru", "Принцип «Жильё прежде всего» для семей беженцев"),
    ],
)
def test_autocomplete_ignores_case_diacritics_and_yo(client, q, lang, expected):
    assert expected in suggest(client, q, lang)


# 6. Ranking ------------------------------------------------------------------------------


def test_rare_words_weigh_more_than_common_ones():
    common, rare = word_weights(["roma", "quokkas"])
    assert rare > common > 0


def test_equal_scores_are_ordered_by_title_whatever_the_backend_order():
    entries = list(SearchEntry.objects.filter(language="en", kind="practice").defer("text", "summary")[:4])
    for entry in entries:  # the same terms: every score is equal
        entry.title_terms, entry.terms = "", "zanzibar"
    forward = rerank(list(entries), ["zanzibar"], "en")
    backward = rerank(list(reversed(entries)), ["zanzibar"], "en")
    assert forward == backward
    assert [entry.title.casefold() for entry in forward] == sorted(
        entry.title.casefold() for entry in entries
    )


def test_an_entry_with_every_word_goes_before_one_with_a_title_match_only():
    entries = list(SearchEntry.objects.filter(language="en", kind="practice").defer("text", "summary")[:2])
    entries[0].title_terms, entries[0].terms = "quokka", "quokka"
    entries[1].title_terms, entries[1].terms = "", "quokka walrus"
    assert rerank(entries, ["quokka", "walrus"], "en")[0] == entries[1]


# Any input stays safe on the new paths --------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "zzqxj " * 40,
        "bezhency " * 30,
        "Тарту\x00 'bez\"hency'",
        "щщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщщ",
        "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
        "ǅ ½ ﬁ ʼn",
        "_ __x x_ ٣٤ ²",
    ],
)
def test_correction_paths_answer_200(client, query):
    assert client.get("/ru/search/", {"q": query}).status_code == 200
    assert client.get("/api/search/", {"q": query, "lang": "lv"}).status_code == 200
    assert client.get("/api/search/suggest/", {"q": query, "lang": "et"}).status_code == 200
    outcome = search(query, "en", QueryDict(""))
    assert outcome.query


# --- Nothing found: what to do next -------------------------------------------------------------


def no_results_block(response):
    page = html(response)
    assert not page.select("ol.results li")
    block = page.select_one(".no-results")
    assert block is not None
    assert "None" not in block.get_text()
    return block


def test_nothing_found_offers_the_themes_and_the_listings_in_the_readers_language(client):
    from network.models import Theme

    response = client.get("/lv/search/", {"q": "zqxjvw"})
    assert response.status_code == 200
    block = no_results_block(response)
    links = {a.get_text(strip=True): a["href"] for a in block.select("a")}
    latvian_themes = set(Theme.objects.filter(locale__language_code="lv").values_list("name", flat=True))
    offered = [name for name in links if name in latvian_themes]
    assert len(offered) == len(latvian_themes)  # nothing like the query: every theme, in Latvian
    for name in offered[:3]:
        url = links[name]
        assert url.startswith("/lv/") and "theme=" in url
        listing = html(client.get(url))
        assert listing.select("ul.cards li, .cards .card"), url  # the theme's practices are listed
    assert (
        links["Praktiķu katalogs"].startswith("/lv/")
        and client.get(links["Praktiķu katalogs"]).status_code == 200
    )
    practices = links["Labās prakses piemēri"]
    assert practices.startswith("/lv/") and client.get(practices).status_code == 200


def test_nothing_found_with_filters_says_how_many_there_are_without_them(client):
    from network.models import Country
    from search.models import Kind

    everywhere = search("housing", "en", QueryDict(), None)
    assert everywhere.count
    countries = (
        Country.objects.filter(locale__language_code="en").order_by("code").values_list("code", flat=True)
    )
    # A kind of item and a country with no housing in it (the demo has such pairs).
    kind, absent = next(
        (kind, code)
        for kind in Kind.values
        for code in countries
        if not search("housing", "en", QueryDict(f"type={kind}&country={code}"), None).count
    )
    response = client.get("/en/search/", {"q": "housing", "type": kind, "country": absent})
    block = no_results_block(response)
    without = block.find("a", string=lambda text: text and "without your filters" in text)
    assert without is not None
    assert without.get_text(strip=True).startswith(f"{everywhere.count} result")
    assert parse_qs(urlsplit(without["href"]).query) == {"q": ["housing"]}
    assert titles(client.get("/en/search/" + without["href"]))  # and there they are
    # "Housing" is what was typed: offered as the related theme, in the reader's country.
    heading = [h.get_text(strip=True) for h in block.select("h2")]
    assert "Related themes" in heading
    theme = block.select_one("ul.inline-links a")
    assert theme.get_text(strip=True) == "Housing"
    assert parse_qs(urlsplit(theme["href"]).query) == {"country": [absent], "theme": ["housing"]}
    directory = block.find("a", string="The directory of practitioners, with your filters")
    assert parse_qs(urlsplit(directory["href"]).query) == {"country": [absent]}
    assert client.get(directory["href"]).status_code == 200
