"""Ukrainian stemming and folding (search/ukrainian.py, search/text.py): the forms a reader
types meet the forms the guides use, however the apostrophe and the letters ґ, є, ї are typed."""

import pytest

from search import ukrainian
from search.text import fold, index_terms, query_forms, words


@pytest.mark.parametrize(
    "forms",
    [
        ["робота", "роботи", "роботу", "роботою", "роботі"],  # work
        ["посвідка", "посвідки", "посвідку", "посвідкою", "посвідці"],  # к → ц before -і
        ["допомога", "допомоги", "допомогу", "допомогою", "допомозі"],  # г → з before -і
        ["школа", "школи", "школу", "школі", "школою", "школах"],
        ["лікар", "лікаря", "лікарю", "лікарем", "лікарі", "лікарів"],
        ["навчання", "навчанню", "навчанням"],  # a verbal noun: -нн- then -я, -ю, -ям
        ["медичне", "медичного", "медичної", "медичну", "медичних", "медичним"],  # adjective
        ["біженець", "біженця", "біженці", "біженців", "біженцям"],  # fleeting е of -ець
        ["притулок", "притулку", "притулком"],  # fleeting о of -ок
        ["країна", "країни", "країну", "країні", "країною"],
        ["станція", "станції", "станцію", "станцією", "станціях"],
    ],
)
def test_ukrainian_light_stemmer_conflates_real_word_forms(forms):
    assert len({ukrainian.stem(form) for form in forms}) == 1, {form: ukrainian.stem(form) for form in forms}


def test_ukrainian_stemmer_keeps_short_words_and_unrelated_words_apart():
    assert ukrainian.stem("урок") == ukrainian.stem("уроку") == "урок"  # no fleeting vowel in a short word
    assert ukrainian.stem("до") == "до"
    assert ukrainian.stem("дім") == "дім"
    assert ukrainian.stem("єс") == "єс"  # too short to lose anything
    assert ukrainian.stem("робота") != ukrainian.stem("рибалка")
    assert ukrainian.stem("школа") != ukrainian.stem("шкода")


def test_apostrophes_inside_ukrainian_words_are_one_word_however_typed():
    typed = ["сім'я", "сім’я", "сімʼя", "сім`я"]
    assert {tuple(words(text)) for text in typed} == {("сімя",)}
    # Outside Cyrillic words an apostrophe still separates, as before.
    assert words("don't") == ["don", "t"]


def test_folding_of_ukrainian_letters():
    assert fold("Ґанок") == "ганок"
    assert fold("Європа") == "европа"
    assert fold("Її") == "іі"
    assert fold("Рейк’явік") == fold("Рейкявік")


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("робота", "Знайдіть роботу або зареєструйтеся як шукач роботи"),
        ("роботи", "Тимчасовий захист одразу дає право працювати на роботі."),
        ("посвідка", "Отримайте картку посвідки на проживання"),
        ("сімʼя", "Ви приїхали до члена сім’ї"),
        ("сім'ї", "Член сім’ї"),
        ("европа", "Громадянин країни Європи"),  # є typed as е on a Russian keyboard
        ("Валці", "Перші кроки у Валка"),
    ],
)
def test_ukrainian_queries_meet_ukrainian_documents(query, document):
    indexed = set(index_terms(document, "uk").split())
    assert query_forms(query) & indexed, (query_forms(query), indexed)


def test_unrelated_ukrainian_words_do_not_meet():
    indexed = set(index_terms("Знайдіть роботу або зареєструйтеся як шукач роботи", "uk").split())
    assert not query_forms("школа") & indexed
    assert not query_forms("работа") & indexed  # Russian "work" is another word
