"""First-aid guides: the tailored checklist, municipal differences, bilingual printout,
bad input, help points, and what editors are asked to review."""

from __future__ import annotations

import datetime
import http.server
import threading

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from guides import link_checker, review
from guides.checklist import Choice, build
from guides.demo_data import GUIDES, HELP_POINTS, MUNICIPAL_GUIDES, STATUSES
from guides.factories import GuidePageFactory, HelpPointFactory, LegalStatusFactory
from guides.models import GuidePage, GuideStep, HelpPoint, LegalStatus, LinkCheck
from network.models import City, Country, Organisation

from .conftest import LANGUAGES, free_port, html

pytestmark = pytest.mark.django_db


def guide(language: str, slug: str) -> GuidePage:
    return GuidePage.objects.get(locale__language_code=language, slug=slug)


def step_titles(response) -> list[str]:
    return [h3.get_text(strip=True) for h3 in html(response).select("ol.steps li.step h3")]


def expected_steps(language: str, slug: str, status: str) -> list[str]:
    """Titles, in ``language``, of the country guide's steps that list ``status`` or list none."""
    page = guide(language, slug)
    return [
        step.title
        for step in page.steps.all()
        if not step.statuses.exists() or step.statuses.filter(slug=status).exists()
    ]


def test_every_language_has_the_guides_and_the_chooser(client):
    for language in LANGUAGES:
        response = client.get(f"/{language}/guides/")
        assert response.status_code == 200
        page = html(response)
        links = {a["href"] for a in page.select(".cards h3 a")}
        assert {f"/{language}/guides/{slug}/" for slug in GUIDES} <= links
        statuses = [option["value"] for option in page.select("#choose-status option") if option["value"]]
        assert statuses == list(STATUSES)  # in the editors' order, named in the reader's language
        names = {option.get_text() for option in page.select("#choose-status option")}
        assert (
            set(LegalStatus.objects.filter(locale__language_code=language).values_list("name", flat=True))
            <= names
        )


@pytest.mark.parametrize(
    ("city", "target"),
    [
        ("riga", "/guides/latvia/"),
        ("valka", "/guides/latvia/valka/"),
        ("tartu", "/guides/estonia/"),
        ("kaunas", "/guides/lithuania/"),
        ("tampere", "/guides/finland/"),
    ],
)
def test_choosing_status_and_town_leads_to_a_shareable_checklist(client, city, target):
    for language in LANGUAGES:
        response = client.get(f"/{language}/guides/", {"status": "refugee", "city": city})
        assert response.status_code == 302
        assert response["Location"] == f"/{language}{target}?status=refugee&city={city}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["latvia", "lithuania", "estonia", "finland"])
def test_checklist_shows_only_the_steps_for_the_status(client, language, slug):
    city = (
        City.objects.filter(locale__language_code="en", country__code=GUIDES[slug]["country"])
        .exclude(slug="valka")
        .first()
    )
    shown_for = {}
    for status in ("asylum-seeker", "refugee", "temporary-protection", "work-permit", "eu-citizen"):
        response = client.get(guide(language, slug).url, {"status": status, "city": city.slug})
        assert response.status_code == 200
        titles = step_titles(response)
        assert titles == expected_steps(language, slug, status)
        assert titles, status
        shown_for[status] = titles
    # Statuses really differ: an asylum seeker's first step is not a refugee's.
    assert shown_for["asylum-seeker"] != shown_for["refugee"]
    assert shown_for["asylum-seeker"][0] not in shown_for["refugee"]


def test_municipal_guide_replaces_the_steps_that_differ_and_keeps_the_rest(client):
    latvia, valka = guide("lv", "latvia"), guide("lv", "valka")
    response = client.get(valka.url, {"status": "refugee", "city": "valka"})
    titles = step_titles(response)
    local = {step.topic: step.title for step in valka.steps.all()}
    country = [
        step
        for step in latvia.steps.all()
        if step.statuses.filter(slug="refugee").exists() or not step.statuses.exists()
    ]
    expected = [local.get(step.topic, step.title) for step in country]
    assert titles == expected
    assert local["registration"] in titles and local["language"] in titles
    replaced = [s.title for s in country if s.topic in local]
    assert not set(replaced) & set(titles)
    # An asylum seeker in Valka still gets the country's first step: Valka's registration
    # step is for people who already have a status.
    asylum = step_titles(client.get(valka.url, {"status": "asylum-seeker", "city": "valka"}))
    assert asylum[0] == latvia.steps.first().title
    assert local["language"] in asylum
    # Nearest first: in every step, a help point in Valka comes before those elsewhere.
    valka_name = City.objects.get(locale__language_code="lv", slug="valka").name
    seen_valka_first = 0
    for step_html in html(response).select("ol.steps li.step"):
        towns = [
            li.select_one("strong").next_sibling.strip(", ").strip()
            for li in step_html.select(".help-points li")
        ]
        if valka_name in towns:
            assert towns[0] == valka_name, towns
            seen_valka_first += len(set(towns)) > 1
    assert seen_valka_first  # at least one step also lists help points in other towns


def test_guide_without_a_choice_lists_every_step_with_whom_it_applies_to(client):
    page = guide("ru", "estonia")
    response = client.get(page.url)
    assert step_titles(response) == [step.title for step in page.steps.all()]
    applies = html(response).select("ol.steps dl.facts dd")
    asylum_name = LegalStatus.objects.get(locale__language_code="ru", slug="asylum-seeker").name
    assert any(asylum_name in dd.get_text() for dd in applies)


def test_easy_language_summary_comes_first(client):
    for language in LANGUAGES:
        page = guide(language, "lithuania")
        document = html(client.get(page.url))
        article = document.select_one("article.guide")
        easy = article.select_one("section.easy")
        assert easy is not None and page.easy_summary in easy.get_text()
        # before the chooser and the steps
        order = article.find_all(True)
        assert order.index(easy) < order.index(article.form) < order.index(article.select_one("ol.steps"))


@pytest.mark.parametrize(
    "params",
    [
        {"status": "astronaut", "city": "riga"},
        {"status": "refugee", "city": "atlantis"},
        {"status": "\x00\x01", "city": "\"'<script>"},
        {"status": "x" * 10_000},
        {"status": ["refugee", "asylum-seeker"], "city": ["riga", "valka"]},
        {"city": "valga"},  # a real town, but in another country than this guide
    ],
)
def test_unknown_or_hostile_choices_get_a_clear_message_not_an_error(client, params):
    for language in LANGUAGES:
        for url in (
            f"/{language}/guides/",
            guide(language, "latvia").url,
            guide(language, "latvia").url + "print/",
        ):
            response = client.get(url, params)
            assert response.status_code in (200, 302), (url, params)
            if response.status_code == 200 and not url.endswith("print/"):
                body = response.content.decode()
                assert "<script>" not in body.split("<main", 1)[1]
                if isinstance(params.get("status"), list):
                    assert not html(response).select(".chooser .notice--error")  # the first of each is used
                elif params.get("status") not in (None, "refugee") or params.get("city") not in (
                    None,
                    "riga",
                ):
                    assert html(response).select(".chooser .notice--error"), (url, params)


def test_unknown_value_message_is_in_the_readers_language(client):
    response = client.get("/lv/guides/latvia/", {"status": "astronaut"})
    message = html(response).select_one(".chooser .notice--error").get_text()
    assert "astronaut" in message
    english = html(client.get("/en/guides/latvia/", {"status": "astronaut"})).select_one(
        ".chooser .notice--error"
    )
    assert message != english.get_text()


def test_chooser_keeps_the_valid_choice_when_the_other_is_wrong(client):
    document = html(client.get("/en/guides/", {"status": "refugee", "city": "atlantis"}))
    assert document.select_one("#choose-status option[selected]")["value"] == "refugee"


@pytest.mark.parametrize(
    ("reader", "slug", "with_", "second"),
    [
        ("ru", "latvia", None, "lv"),
        ("en", "lithuania", None, "lt"),
        ("lv", "latvia", None, "en"),
        ("lt", "estonia", None, "et"),
        ("et", "finland", None, "en"),
        ("ru", "latvia", "et", "et"),
        ("en", "finland", None, None),
        ("ru", "latvia", "xx", "lv"),
    ],
)
def test_printout_puts_the_official_language_next_to_the_readers(client, reader, slug, with_, second):
    page = guide(reader, slug)
    params = {"status": "refugee"}
    if with_:
        params["with"] = with_
    response = client.get(page.url + "print/", params)
    assert response.status_code == 200
    document = html(response)
    assert document.html["lang"] == reader
    first_column = [h2.get_text(strip=True) for h2 in document.select("tbody td:first-child > h2")]
    mine = [
        step.title
        for step in page.steps.all()
        if step.statuses.filter(slug="refugee").exists() or not step.statuses.exists()
    ]
    assert [title.split(". ", 1)[1] for title in first_column[: len(mine)]] == mine
    other_cells = document.select("tbody td[lang]")
    if second is None:
        assert other_cells == []
        return
    assert {cell["lang"] for cell in other_cells} == {second}
    other = guide(second, slug)
    theirs = [
        step.title
        for step in other.steps.all()
        if step.statuses.filter(slug="refugee").exists() or not step.statuses.exists()
    ]
    assert [
        cell.select_one("h2").get_text(strip=True).split(". ", 1)[1] for cell in other_cells[: len(theirs)]
    ] == theirs


def test_printout_and_guide_pages_are_light(client):
    """Under 100 kB for a guide page, its stylesheet and script (no images on these pages)."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = sum(Path(finders.find(name)).stat().st_size for name in ("css/site.css", "js/suggest.js"))
    for language in LANGUAGES:
        for slug in ("latvia", "lithuania", "estonia", "finland"):
            page = guide(language, slug)
            assert len(client.get(page.url).content) + css < 100_000
            assert len(client.get(page.url + "print/").content) < 100_000


def test_help_point_list_shows_details_in_the_readers_language_and_filters_by_town(client):
    response = client.get("/et/guides/help-points/", {"city": "tartu"})
    document = html(response)
    cards = document.select(".help-points > li.card")
    expected = [key for key, spec in HELP_POINTS.items() if spec["city"] == "tartu"]
    assert len(cards) == len(expected)
    point = HelpPoint.objects.get(locale__language_code="et", address=HELP_POINTS[expected[0]]["address"])
    text = cards[0].get_text(" ", strip=True)
    assert point.opening_hours in text and point.organisation.name in text and point.phone in text
    assert len(html(client.get("/et/guides/help-points/")).select(".help-points > li.card")) == len(
        HELP_POINTS
    )
    unknown = client.get("/et/guides/help-points/", {"city": "nowhere"})
    assert unknown.status_code == 200 and html(unknown).select(".notice--error")


def test_demo_has_what_the_issue_asks_for():
    for language in LANGUAGES:
        guides = GuidePage.objects.filter(
            locale__language_code=language, city__isnull=True, alias_of__isnull=True
        )
        assert {g.country.code for g in guides} >= {"LV", "LT", "EE"} and guides.count() >= 4
        for page in guides:
            assert page.steps.count() >= 8
        assert LegalStatus.objects.filter(locale__language_code=language).count() >= 5
        assert HelpPoint.objects.filter(locale__language_code=language).count() >= 20
    assert set(MUNICIPAL_GUIDES) <= set(GuidePage.objects.values_list("slug", flat=True))


def test_checklist_queries_do_not_grow_with_the_number_of_steps(client, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nbnet import page_cache

    en = Locale.get_default()
    country = Country.objects.get(locale=en, code="LV")
    index = GuidePage.objects.get(locale=en, slug="latvia").get_parent()
    status = LegalStatus.objects.get(locale=en, slug="refugee")
    counts = []
    for size in (2, 20):
        points = [
            HelpPointFactory(
                organisation=Organisation.objects.get(locale=en, slug="providus"),
                city=City.objects.get(locale=en, slug="riga"),
                locale=en,
            )
            for _ in range(3)
        ]
        page = GuidePageFactory(parent=index, slug=f"bounded-{size}", country=country, locale=en)
        for number in range(size):
            step = GuideStep(
                guide=page, topic="work", title=f"Step {number}", what="<p>Do it.</p>", sort_order=number
            )
            step.save()
            step.statuses.set([status])
            step.help_points.set(points)
            step.save()
        page.save_revision().publish()
        cache.clear()  # both cold: what the second guide shares with the first is not kept
        page_cache._local.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url, {"status": "refugee", "city": "riga"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_checklist_build_uses_the_default_language_relations_for_every_translation():
    for language in LANGUAGES:
        page = guide(language, "estonia")
        locale = page.locale
        items = build(page, Choice(status="temporary-protection", city="tartu"), locale)
        assert items
        for item in items:
            for point in item.help_points:
                assert point.locale_id in (locale.pk, Locale.get_default().pk)
                assert point.locale_id == locale.pk  # the demo translates every help point


# --- Editors: what needs review -------------------------------------------------------


def test_review_lists_guides_and_help_points_not_verified_for_six_months():
    today = datetime.date(2026, 11, 22)
    due_points = {point.address for point in review.due_help_points(today)}
    expected = {
        spec["address"]
        for spec in HELP_POINTS.values()
        if today - datetime.date.fromisoformat(spec["verified"]) > datetime.timedelta(days=183)
    }
    assert due_points == expected and expected  # the demo has some to review
    later = today + datetime.timedelta(days=365)
    assert len(list(review.due_guides(later))) == len(GUIDES) + len(MUNICIPAL_GUIDES)
    assert list(review.due_guides(datetime.date(2026, 10, 2))) == []


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/missing":
            self.send_response(404)
        else:
            self.send_response(200)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path != "/missing" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A real HTTP server on loopback: the link checker is tested without the internet."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_link_checker_records_working_and_broken_links(local_server, admin_client):
    en = Locale.get_default()
    HelpPoint.objects.filter(locale=en).update(website="")
    Organisation.objects.filter(locale=en).update(website="")
    urls = {
        "ok": f"{local_server}/fine",
        "no_head": f"{local_server}/no-head",
        "missing": f"{local_server}/missing",
        "down": f"http://127.0.0.1:{free_port()}/",
    }
    points = list(HelpPoint.objects.filter(locale=en)[:4])
    for point, url in zip(points, urls.values(), strict=True):
        point.website = url
        point.save()
    results = {result.url: result for result in link_checker.check_all(link_checker.collect(), timeout=5)}
    assert set(results) == set(urls.values())
    assert results[urls["ok"]].ok and results[urls["no_head"]].ok
    assert not results[urls["missing"]].ok and results[urls["missing"]].status == 404
    assert not results[urls["down"]].ok and results[urls["down"]].error
    assert set(LinkCheck.objects.filter(ok=False).values_list("url", flat=True)) == {
        urls["missing"],
        urls["down"],
    }
    # Editors see them in the admin report, with where they are used.
    response = admin_client.get(reverse("guides_review"))
    assert response.status_code == 200
    body = response.content.decode()
    assert urls["missing"] in body and urls["down"] in body and urls["ok"] not in body
    assert points[2].display_name in body


def test_check_links_command_reports_without_network(capsys):
    call_command("check_links", "--no-network")
    output = capsys.readouterr().out
    assert "help points not verified for six months" in output
    stale = [p for p in HelpPoint.objects.filter(locale=Locale.get_default()) if p.verification_due]
    for point in stale:
        assert point.display_name in output


def test_review_report_is_for_editors_only(client, django_user_model):
    assert client.get(reverse("guides_review")).status_code == 302  # to the admin login
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get(reverse("guides_review")).status_code in (302, 403)


def test_new_legal_status_is_offered_in_the_chooser(client):
    LegalStatusFactory(name="Researcher", slug="researcher", locale=Locale.get_default(), sort_order=99)
    document = html(client.get("/lv/guides/"))
    values = [option["value"] for option in document.select("#choose-status option")]
    assert values[-1] == "researcher"  # falls back to the English name until translated


def test_printout_of_a_town_guide_for_another_town_goes_to_that_towns_checklist(client):
    response = client.get(
        "/lv/guides/latvia/valka/print/", {"city": "riga", "status": "refugee", "with": "ru"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/lv/guides/latvia/print/?status=refugee&city=riga&with=ru"


def test_whole_town_guide_keeps_every_country_step_someone_still_needs(client):
    latvia, valka = guide("en", "latvia"), guide("en", "valka")
    titles = step_titles(client.get(valka.url))
    first = latvia.steps.first()  # asylum seekers only; Valka's address step is for people with a status
    assert first.title in titles
    local_titles = [step.title for step in valka.steps.all()]
    assert set(local_titles) <= set(titles)


def test_error_message_does_not_repeat_arbitrary_text(client):
    response = client.get("/en/guides/latvia/", {"status": "Office closed, call +371 2000 0000"})
    message = html(response).select_one(".chooser .notice--error").get_text()
    assert "Office closed" not in message and "+371" not in message


def test_town_guide_must_sit_under_its_country_guide():
    en = Locale.get_default()
    index = GuidePage.objects.get(locale=en, slug="latvia").get_parent()
    valka = City.objects.get(locale=en, slug="valka")
    page = GuidePageFactory.build(slug="stray", country=valka.country, city=valka, locale=en)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):  # a town's guide straight under the index is refused
        index.add_child(instance=page)
