"""Relevance: queries in five languages, with the items each must find in the top five.

Queries use other inflected forms than the pages (Latvian "mediatoriem" for
"mediatori"), no diacritics ("majoklis begliem"), Russian e typed for yo, several words, and other
languages than the reader's (an English query on the Latvian site). Each names the
items (by their URL slug) any of which counts as a hit.

Thresholds: recall@5 ≥ 0.90 and MRR ≥ 0.75. The demo data has several items per topic,
so a perfect first rank is not always the only right answer; 0.90 leaves room for at
most six misses in 65 queries, and an MRR of 0.75 means the expected item is on
average first or second. Both sit below what the engine reaches today (printed in the
test summary), so a regression in stemming, folding or ranking fails the suite.
"""

import pytest
from django.http import QueryDict

from search.engine import search

pytestmark = pytest.mark.django_db

RECALL_AT_5 = 0.90
MRR = 0.75

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
]


def rank_of(expected: set[str], urls: list[str]) -> int | None:
    for position, url in enumerate(urls, start=1):
        if any(url.rstrip("/").endswith("/" + slug) for slug in expected):
            return position
    return None


def test_relevance_meets_the_thresholds(request):
    assert len(QUERIES) >= 60
    ranks, misses = [], []
    for language, query, expected in QUERIES:
        outcome = search(query, language, QueryDict(""))
        urls = [result.entry.url for result in outcome.results[:5]]
        assert all(result.entry.language == language for result in outcome.results), (
            f"{query!r}: every demo item exists in {language}, so every result must be shown in it"
        )
        rank = rank_of(expected, urls)
        ranks.append(rank)
        if rank is None:
            misses.append(f"{language} {query!r}: got {[r.entry.title for r in outcome.results[:5]]}")
    recall = sum(1 for rank in ranks if rank) / len(ranks)
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    request.config.stash.setdefault("search_metrics", {}).update(
        {"queries": len(ranks), "recall@5": round(recall, 3), "MRR": round(mrr, 3), "misses": misses}
    )
    assert recall >= RECALL_AT_5, "\n".join(misses)
    assert mrr >= MRR, f"MRR {mrr:.3f}"
