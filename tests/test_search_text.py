"""Stemming and folding: the inflected forms readers type meet the forms pages use."""

import pytest

from search import latvian
from search.text import fold, index_terms, query_forms, query_words


@pytest.mark.parametrize(
    "forms",
    [
        ["bēgļi", "bēgļu", "bēgļiem", "bēgļus"],  # refugees: palatalised ļ undone
        ["pašvaldība", "pašvaldības", "pašvaldībā", "pašvaldībām"],
        ["imigranti", "imigrantu", "imigrantiem"],
        ["mediators", "mediatori", "mediatoru", "mediatoriem"],
        ["brālis", "brāļi", "brāļu"],
        ["skola", "skolas", "skolā", "skolām"],
        ["ģimene", "ģimenes", "ģimenēm"],
        ["labs", "labā", "labajiem"],  # adjective, definite forms
    ],
)
def test_latvian_light_stemmer_conflates_real_word_forms(forms):
    assert len({latvian.stem(form) for form in forms}) == 1, {form: latvian.stem(form) for form in forms}


def test_latvian_stemmer_keeps_short_words_and_a_vowel():
    assert latvian.stem("uz") == "uz"
    assert latvian.stem("un") == "un"
    assert latvian.stem("kas") == "kas"  # stripping would leave fewer than three letters of stem


def test_folding_removes_diacritics_and_yo():
    assert fold("Rīgā") == "riga"
    assert fold("Šiaulių") == "siauliu"
    assert fold("Lõimumine") == "loimumine"
    assert fold("ёлка") == "елка"


@pytest.mark.parametrize(
    ("query", "document", "language"),
    [
        ("bēgļi", "Atbalsts bēgļu ģimenēm", "lv"),
        ("begli", "Atbalsts bēgļu ģimenēm", "lv"),
        ("kaimiņš", "mūsu kaimiņu pilsēta", "lv"),  # š vs ņ: the folding meets what the stemmer leaves
        ("pabėgėliai", "Parama pabėgėlių šeimoms", "lt"),
        ("pabegeliai", "Parama pabėgėlių šeimoms", "lt"),
        ("pagulane", "Töö pagulaste heaks", "et"),
        ("loimumine", "Kohaliku lõimumise kava", "et"),
        ("беженцы", "Помощь для беженцев", "ru"),
        ("елка", "Новогодняя ёлка", "ru"),
        ("cooperate", "Nordic-Baltic cooperation", "en"),
    ],
)
def test_query_words_meet_documents_in_their_language(query, document, language):
    indexed = set(index_terms(document, language).split())
    assert query_forms(query) & indexed, (query_forms(query), indexed)


def test_unrelated_words_do_not_meet():
    indexed = set(index_terms("Atbalsts bēgļu ģimenēm", "lv").split())
    assert not query_forms("skola") & indexed


@pytest.mark.parametrize(
    ("query", "function_word_text", "language"),
    [
        ("īre", "Jaunimas ir šeimos", "lt"),  # Latvian "rent" stemmed as Lithuanian: "ir", "and"
        ("kursi", "Kur kreiptis pagalbos", "lt"),  # Latvian "courses" stemmed: "kur", "where"
    ],
)
def test_a_query_word_is_not_expanded_to_another_languages_function_word(query, function_word_text, language):
    """Issue 20: a query word met every text holding "and" or "where" in another language."""
    indexed = set(index_terms(function_word_text, language).split())
    assert not query_forms(query) & indexed, query_forms(query) & indexed


def test_function_words_are_left_out_of_a_query_unless_it_is_nothing_else():
    assert query_words("Data and evidence") == ["data", "evidence"]
    assert query_words("valodas kursi un pieaugušajiem") == ["valodas", "kursi", "pieaugušajiem"]
    assert query_words("and") == ["and"]  # someone looking for the word itself
    assert "ir" in query_forms("ir")  # typed, it is kept
