"""Relevance: queries in six languages, with the items each must find in the top five.

Queries use other inflected forms than the pages (Latvian "mediatoriem" for
"mediatori"), no diacritics ("majoklis begliem"), Russian e typed for yo, several words, and other
languages than the reader's (an English query on the Latvian site). Each names the
items (by their URL slug) any of which counts as a hit.

Since issue 20 the set also holds Estonian dictionary forms, typos (a letter missing,
doubled, swapped or wrong), Russian typed on a Latin keyboard in several schemes and a
Latvian name typed in Cyrillic: 91 queries. Issue 21 added 12 Ukrainian queries (the
guides, the part of the demo that is in Ukrainian): 103.

Thresholds: recall@5 ≥ 0.95 and MRR ≥ 0.85. The demo data has several items per topic,
so a perfect first rank is not always the only right answer (guides come first for
newcomers' questions, see ``search.engine.newcomer_guides_first``); 0.95 leaves room for
four misses in 91 queries. Both sit below what the engine reaches today (printed in the
test summary with every query's rank under ``-s``, and the zero-result rate), so a
regression in stemming, folding, correction or ranking fails the suite.
"""

import pytest
from django.http import QueryDict

from search.engine import search

pytestmark = pytest.mark.django_db

RECALL_AT_5 = 0.95
MRR = 0.85

# The demo's newcomer guides (their URL slugs): the countries' and Valka's.
GUIDES = {"latvia", "lithuania", "estonia", "finland", "valka"}
# Languages of which only the newcomers' part is translated: other results may be in another language.
NEWCOMER_ONLY = {"uk"}
NEWCOMER_KINDS = {"guide", "help_point"}

QUERIES = [
    # Latvian: inflected forms and no diacritics
    ("lv", "romu mediators", {"roma-mediation-latvia"}),
    ("lv", "romu mediatoriem", {"roma-mediation-latvia"}),
    ("lv", "bēgļu ģimenes mājoklis", {"bergen-housing-first"}),
    ("lv", "majoklis begliem", {"bergen-housing-first"}),
    ("lv", "valodu kafejnīca", {"klaipeda-language-cafes"}),
    ("lv", "vienas pieturas aģentūrā", {"tartu-one-stop-shop"}),
    ("lv", "kvalifikāciju atzīšanu", {"reykjavik-qualifications"}),
    ("lv", "veselības mediators", {"vilnius-health-mediators"}),
    ("lv", "romu skolēniem", {"valka-valga-roma-schools"}),
    ("lv", "ukraiņu ģimenēm atbalsts", {"ukrainian-family-peer-support"}),
    ("lv", "integracijas plans begli", {"malmo-co-designed-plan"}),
    ("lv", "nodarbinātība mentors", {"aarhus-employment-mentors"}),
    ("lv", "Ilze Kalnina", {"ilze-kalnina"}),
    # Lithuanian
    ("lt", "romų mediatorius", {"roma-mediation-latvia"}),
    ("lt", "pabėgėlių mentorius", {"aarhus-employment-mentors"}),
    ("lt", "kalbų kavinė", {"klaipeda-language-cafes"}),
    ("lt", "kalbu kavines", {"klaipeda-language-cafes"}),
    ("lt", "vieno langelio centre", {"tartu-one-stop-shop"}),
    ("lt", "kvalifikacijos pripažinimas", {"reykjavik-qualifications"}),
    ("lt", "sveikatos mediatorius prieglobsčio prašytojui", {"vilnius-health-mediators"}),
    ("lt", "būstas pabėgėlių šeimai", {"bergen-housing-first"}),
    ("lt", "romu mokiniu", {"valka-valga-roma-schools"}),
    ("lt", "laikinoji apsauga", {"kaunas-temporary-protection-centre"}),
    ("lt", "ukrainiečių šeimų pagalba", {"ukrainian-family-peer-support"}),
    ("lt", "pabegeliai", {"aarhus-employment-mentors", "bergen-housing-first", "malmo-co-designed-plan"}),
    ("lt", "Jelgava Kaunas", {"jelgava-kaunas"}),
    # Estonian
    ("et", "pagulane", {"aarhus-employment-mentors", "malmo-co-designed-plan", "bergen-housing-first"}),
    ("et", "keelekohvik", {"klaipeda-language-cafes"}),
    ("et", "ühe akna keskuses", {"tartu-one-stop-shop"}),
    ("et", "uhe akna keskus", {"tartu-one-stop-shop"}),
    ("et", "kvalifikatsioonide tunnustamine", {"reykjavik-qualifications"}),
    ("et", "roma õpilastele", {"valka-valga-roma-schools"}),
    ("et", "tervisevahendaja", {"vilnius-health-mediators"}),
    ("et", "lõimumiskava pagulastega", {"malmo-co-designed-plan"}),
    ("et", "loimumise toolaud", {"integration-data-dashboard"}),
    ("et", "ajutise kaitse vastuvõtukeskus", {"kaunas-temporary-protection-centre"}),
    ("et", "roma noortele naistele", {"roma-youth-women-workshops"}),
    ("et", "töömentor", {"aarhus-employment-mentors"}),
    # Russian, with е for ё
    ("ru", "наставник беженцы", {"aarhus-employment-mentors"}),
    ("ru", "языковое кафе", {"klaipeda-language-cafes"}),
    ("ru", "ромский медиатор", {"roma-mediation-latvia"}),
    ("ru", "признание квалификации", {"reykjavik-qualifications"}),
    ("ru", "жилье семьям беженцев", {"bergen-housing-first"}),
    ("ru", "центр одного окна", {"tartu-one-stop-shop"}),
    ("ru", "ромским ученикам", {"valka-valga-roma-schools"}),
    ("ru", "украинская семья", {"ukrainian-family-peer-support"}),
    ("ru", "временная защита центр", {"kaunas-temporary-protection-centre"}),
    ("ru", "медиатор здравоохранение", {"vilnius-health-mediators"}),
    ("ru", "ромская молодежь", {"roma-youth-women-workshops"}),
    ("ru", "план интеграции беженцы", {"malmo-co-designed-plan"}),
    ("ru", "Латвийский Красный Крест", {"latvian-red-cross"}),
    # English
    ("en", "roma mediators", {"roma-mediation-latvia"}),
    ("en", "housing refugee families", {"bergen-housing-first"}),
    ("en", "language cafe", {"klaipeda-language-cafes"}),
    ("en", "qualification recognition", {"reykjavik-qualifications"}),
    ("en", "one-stop shop", {"tartu-one-stop-shop"}),
    ("en", "employment mentor", {"aarhus-employment-mentors"}),
    ("en", "coalition meeting Belarus", {"coalition-meeting-october-2020"}),
    ("en", "Valka Valga", {"valka-valga"}),
    ("en", "Tartu International House", {"tartu-international-house"}),
    # Across languages: the query in another language than the reader's
    ("lv", "housing first", {"bergen-housing-first"}),
    ("ru", "Roma mediators", {"roma-mediation-latvia"}),
    ("en", "bēgļu ģimenēm", {"bergen-housing-first"}),
    ("et", "беженцы наставник", {"aarhus-employment-mentors"}),
    ("lt", "valodu kafejnicas", {"klaipeda-language-cafes"}),
    # Estonian dictionary forms (issue 20)
    ("et", "kohvik", {"klaipeda-language-cafes"}),
    ("et", "mentor pagulane", {"aarhus-employment-mentors"}),
    # Typos: a letter missing, doubled, swapped or wrong (issue 20)
    ("lv", "imigrnti", {"immigrant-ngo-capacity", "nordic-baltic-cooperation"}),
    ("lv", "romu medaitori", {"roma-mediation-latvia"}),
    ("lv", "valodu kafejnca", {"klaipeda-language-cafes"}),
    ("lv", "kvalifikaciju atzisanu", {"reykjavik-qualifications"}),
    ("lt", "kalbu kavinse", {"klaipeda-language-cafes"}),
    ("lt", "romų mediatorus", {"roma-mediation-latvia"}),
    ("lt", "laikinojji apsauga", {"kaunas-temporary-protection-centre"}),
    ("et", "pagulsed", {"aarhus-employment-mentors", "malmo-co-designed-plan", "bergen-housing-first"}),
    ("et", "keelekohvikk", {"klaipeda-language-cafes"}),
    ("ru", "языковое кофе", {"klaipeda-language-cafes"}),
    ("ru", "ромскй медиатор", {"roma-mediation-latvia"}),
    ("en", "refugess mentors", {"aarhus-employment-mentors"}),
    ("en", "mediatrs roma", {"roma-mediation-latvia"}),
    ("en", "langauge cafe", {"klaipeda-language-cafes"}),
    ("en", "housnig first", {"bergen-housing-first"}),
    ("en", "qualificaton recognition", {"reykjavik-qualifications"}),
    # Russian typed on a Latin keyboard, in several schemes; names typed in Cyrillic (issue 20)
    ("ru", "bezhency nastavnik", {"aarhus-employment-mentors"}),
    ("ru", "yazykovoe kafe", {"klaipeda-language-cafes"}),
    ("ru", "romskij mediator", {"roma-mediation-latvia"}),
    ("ru", "zhilye bezhencev", {"bergen-housing-first"}),
    ("ru", "vremennaya zashchita", {"kaunas-temporary-protection-centre"}),
    ("ru", "priznanie kvalifikacii", {"reykjavik-qualifications"}),
    ("ru", "tsentr odnogo okna", {"tartu-one-stop-shop"}),
    ("lv", "Калнина", {"ilze-kalnina"}),
    # Ukrainian (issue 21): only the newcomers' part is in Ukrainian, so the guides answer;
    # inflected forms, the apostrophe typed three ways, ґ/є typed as on a Russian keyboard.
    ("uk", "робота", GUIDES),
    ("uk", "роботу", GUIDES),
    ("uk", "шукач роботи", GUIDES),
    ("uk", "посвідки на проживання", GUIDES),
    ("uk", "сімейного лікаря", GUIDES),
    ("uk", "курси латиської мови", {"latvia", "valka"}),
    ("uk", "уроки естонської", {"estonia"}),
    ("uk", "притулку", {"latvia", "lithuania", "estonia", "finland"}),
    ("uk", "Валці", {"valka"}),
    ("uk", "член сім'ї", GUIDES),
    ("uk", "сімʼя", GUIDES),
    ("uk", "медичне страхування", GUIDES),
]


def rank_of(expected: set[str], urls: list[str]) -> int | None:
    for position, url in enumerate(urls, start=1):
        if any(url.rstrip("/").endswith("/" + slug) for slug in expected):
            return position
    return None


def test_relevance_meets_the_thresholds(request):
    assert len(QUERIES) >= 100
    ranks, misses, empty = [], [], 0
    for language, query, expected in QUERIES:
        outcome = search(query, language, QueryDict(""))
        empty += not outcome.results
        urls = [result.entry.url for result in outcome.results[:5]]
        assert all(
            result.entry.language == language
            for result in outcome.results
            if result.entry.kind != "publication"
            and (language not in NEWCOMER_ONLY or result.entry.kind in NEWCOMER_KINDS)
        ), f"{query!r}: every demo page exists in {language}, so every result must be shown in it"
        rank = rank_of(expected, urls)
        ranks.append(rank)
        print(
            f"{language} {query!r}: rank {rank}"
            + (f" (searched {outcome.corrected_query!r})" if outcome.corrected_query else "")
        )
        if rank is None:
            misses.append(f"{language} {query!r}: got {[r.entry.title for r in outcome.results[:5]]}")
    recall = sum(1 for rank in ranks if rank) / len(ranks)
    print(f"zero-result rate: {empty}/{len(ranks)} = {empty / len(ranks):.3f}")
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    request.config.stash.setdefault("search_metrics", {}).update(
        {
            "queries": len(ranks),
            "recall@5": round(recall, 3),
            "MRR": round(mrr, 3),
            "zero-result rate": round(empty / len(ranks), 3),
            "misses": misses,
        }
    )
    assert recall >= RECALL_AT_5, "\n".join(misses)
    assert mrr >= MRR, f"MRR {mrr:.3f}"
