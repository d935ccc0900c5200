"""The knowledge base: practices, projects, events and publications, linked both ways."""

import feedparser
import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from network.models import PractitionerPage, Theme, TwinningPage
from practices.factories import EventPageFactory, PracticePageFactory, PublicationFactory
from practices.models import (
    EventIndexPage,
    EventPage,
    PracticeIndexPage,
    PracticePage,
    ProjectPage,
    Publication,
)

from .conftest import LANGUAGES, html

pytestmark = pytest.mark.django_db


def live(model, language):
    return model.objects.live().filter(locale__language_code=language)


def titles(response, selector=".cards h3 a"):
    return [a.get_text(strip=True) for a in html(response).select(selector)]


def test_demo_has_enough_of_every_record_in_every_language():
    now = timezone.now()
    for language in LANGUAGES:
        assert live(PracticePage, language).count() >= 15
        assert live(ProjectPage, language).count() >= 6
        events = live(EventPage, language)
        assert events.count() >= 8
        assert events.filter(start__gte=now).exists() and events.filter(start__lt=now).exists()
    assert Publication.objects.count() >= 10
    assert (
        live(PracticePage, "lv").get(slug="roma-mediation-latvia").title
        == "Romu mediatori pašvaldību dienestos"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_record_renders_in_every_language(client, language):
    pages = [*live(PracticePage, language), *live(ProjectPage, language), *live(EventPage, language)]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html(response).h1.get_text(strip=True) == page.title
    for index in ("practices", "projects", "events", "library"):
        assert client.get(f"/{language}/{index}/").status_code == 200


def test_practices_filter_by_country_and_status_with_counts(client):
    response = client.get("/en/practices/", {"country": "LV", "status": "completed"})
    expected = live(PracticePage, "en").filter(country__code="LV", status="completed")
    assert sorted(titles(response)) == sorted(expected.values_list("title", flat=True))
    doc = html(response)
    status_counts = {
        box["value"]: int(box.find_parent("label").select_one(".count").get_text().strip("()"))
        for box in doc.select("input[name=status]")
    }
    latvian = live(PracticePage, "en").filter(country__code="LV")
    assert status_counts == {
        status: latvian.filter(status=status).count()
        for status in ("ongoing", "completed", "looking_for_partners")
        if latvian.filter(status=status).exists()
    }


def test_practices_filter_by_theme_target_group_and_year_newest_first(client):
    response = client.get("/lt/practices/", {"theme": "roma-inclusion", "year": "2021"})
    expected = live(PracticePage, "lt").filter(themes__slug="roma-inclusion", start_date__year=2021)
    assert titles(response) == list(expected.order_by("-start_date", "title").values_list("title", flat=True))
    assert titles(response)
    response = client.get("/en/practices/", {"group": "women"})
    listed = titles(response)
    starts = [live(PracticePage, "en").get(title=title).start_date for title in listed]
    assert starts == sorted(starts, reverse=True)


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"theme": "\x00"}, {"status": "x" * 3000}, {"page": "-5"}, {"country": ["LV"] * 100}],
)
def test_bad_parameters_never_break_listings(client, params):
    for url in ("/en/practices/", "/lv/projects/", "/ru/events/", "/et/library/", "/en/practices/feed/"):
        assert client.get(url, params).status_code == 200


def test_links_are_made_once_and_shown_on_both_sides(client):
    practice = live(PracticePage, "lv").get(slug="roma-mediation-latvia")
    doc = html(client.get(practice.url))
    project = live(ProjectPage, "lv").get(slug="latvian-roma-platform")
    assert doc.select_one(f'a[href="{project.url}"]') is not None
    twinning = live(TwinningPage, "lv").get(slug="jelgava-kaunas")
    assert doc.select_one(f'a[href="{twinning.url}"]') is not None

    # The other side of each link, in the same language
    assert practice.title in titles(client.get(project.url))
    assert practice.title in html(client.get(twinning.url)).get_text()
    mediator = live(PractitionerPage, "lv").get(slug="raimonds-grigorjevs")
    profile = client.get(mediator.url)
    assert practice.title in titles(profile)
    seminar = live(EventPage, "lv").get(slug="roma-mediators-seminar-2027")
    assert seminar.title in titles(profile)
    meeting = live(EventPage, "en").get(slug="coalition-meeting-october-2020")
    assert meeting.title in titles(client.get(live(ProjectPage, "en").get(slug="niem-latvia-2020").url))


def test_project_shows_period_cost_in_lvl_and_funding_shares(client):
    project = live(ProjectPage, "en").get(slug="immigrant-ngo-capacity")
    facts = html(client.get(project.url)).select_one(".facts").get_text(" ", strip=True)
    assert "14,202.56 LVL" in facts or "14202.56 LVL" in facts or "14 202,56 LVL" in facts
    assert "75%" in facts and "25%" in facts
    assert "Konsultatīvie mehānismi imigrantu integrācijai" in html(client.get(project.url)).get_text()


def test_event_page_shows_participants_by_stakeholder_and_minutes(client):
    event = live(EventPage, "et").get(slug="coalition-meeting-october-2020")
    doc = html(client.get(event.url))
    assert doc.select_one("table.participation tfoot td").get_text() == "23"
    assert doc.select_one('a[href$=".pdf"]') is not None


def test_event_index_lists_upcoming_soonest_first_and_past_latest_first(client):
    doc = html(client.get("/en/events/"))
    upcoming = [a.get_text(strip=True) for a in doc.select("#upcoming-heading ~ ul h3 a")]
    past = [a.get_text(strip=True) for a in doc.select("#past-heading ~ ul h3 a")]
    now = timezone.now()
    expected_upcoming = live(EventPage, "en").filter(start__gte=now).order_by("start")
    assert upcoming == list(expected_upcoming.values_list("title", flat=True))
    starts = [live(EventPage, "en").get(title=title).start for title in past]
    assert starts == sorted(starts, reverse=True) and all(start < now for start in starts)


@pytest.mark.parametrize("language", ["en", "lv", "ru"])
def test_rss_feeds_parse_and_carry_the_language(client, language):
    for index in ("practices", "projects", "events"):
        response = client.get(f"/{language}/{index}/feed/")
        assert response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.language == language
        assert len(feed.entries) >= 6
        assert all(entry.link.startswith(f"http://testserver/{language}/{index}/") for entry in feed.entries)


def test_icalendar_feed_is_valid_and_in_the_readers_language(client):
    response = client.get("/lv/events/calendar/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    lv_titles = set(live(EventPage, "lv").values_list("title", flat=True))
    assert events and {str(event["SUMMARY"]) for event in events} <= lv_titles
    for event in events:
        assert event["DTSTART"].dt < event["DTEND"].dt
        assert str(event["URL"]).startswith("http://testserver/lv/events/")
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_library_filters_publications_by_language(client):
    response = client.get("/en/library/", {"language": "lv"})
    listed = [a.get_text(strip=True) for a in html(response).select(".publications li > a")]
    assert sorted(listed) == sorted(Publication.objects.filter(language="lv").values_list("title", flat=True))


def test_listing_and_record_pages_do_a_fixed_number_of_queries(client):
    from django.core.cache import cache

    def queries(url):
        cache.clear()  # shared parts are rebuilt after any change: compare cold with cold
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    practice = live(PracticePage, "en").get(slug="roma-mediation-latvia")
    urls = ["/en/practices/", "/en/events/", practice.url, "/en/library/"]
    before = [queries(url) for url in urls]
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    events = EventIndexPage.objects.get(locale__language_code="en")
    theme = Theme.objects.get(slug="housing", locale__language_code="en")
    country = practice.country
    for number in range(12):
        extra = PracticePageFactory(parent=index, title=f"Extra practice {number}", country=country)
        extra.themes.set([theme])
        extra.save()
        EventPageFactory(parent=events, title=f"Extra event {number}")
        PublicationFactory(title=f"Extra report {number}")
    assert [queries(url) for url in urls] == before


def test_a_practitioner_drafts_a_practice_that_waits_for_moderation(client, admin_user, django_user_model):
    user = django_user_model.objects.create_user(
        "drafter@example.net", "drafter@example.net", "pw-12345-long"
    )
    client.force_login(user)
    country = live(PracticePage, "en").first().country
    data = {
        "title": "Neighbourhood mothers",
        "summary": "Mothers who arrived earlier visit new families at home.",
        "country": country.pk,
        "start_date": "2024-02-01",
        "activities": "Training of ten mothers.\n\nHome visits every week.",
    }
    assert client.get("/lv/practices/propose/").status_code == 200
    response = client.post("/lv/practices/propose/", data)
    assert response.status_code == 302
    draft = PracticePage.objects.get(title="Neighbourhood mothers")
    assert not draft.live and draft.workflow_in_progress
    assert draft.locale.language_code == "en"  # drafts go into the original-language tree
    assert "Neighbourhood mothers" not in client.get("/en/practices/").content.decode()
    draft.current_workflow_state.current_task_state.approve(user=admin_user)
    assert "Neighbourhood mothers" in client.get("/en/practices/").content.decode()


def test_practice_proposal_with_bad_input_keeps_what_was_typed(client, django_user_model):
    user = django_user_model.objects.create_user(
        "drafter2@example.net", "drafter2@example.net", "pw-12345-long"
    )
    client.force_login(user)
    response = client.post(
        "/en/practices/propose/",
        {"title": "Half a practice\x00", "summary": "Kept", "start_date": "not a date"},
    )
    assert response.status_code == 400
    doc = html(response)
    assert doc.select_one("textarea[name=summary]").get_text().strip() == "Kept"
    assert len(doc.select(".error")) >= 3


def test_uploaded_documents_are_checked_for_type_and_size(admin_client, settings):
    bad_type = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Tool", "file": bad_type, "kind": "report", "language": "en"}
    )
    assert response.status_code == 200 and not Publication.objects.filter(title="Tool").exists()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    too_big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Big", "file": too_big, "kind": "report", "language": "en"}
    )
    assert response.status_code == 200 and not Publication.objects.filter(title="Big").exists()
    ok = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Minutes", "file": ok, "kind": "minutes", "language": "lv", "year": "2020"},
    )
    assert response.status_code == 302
    assert Publication.objects.get(title="Minutes").language == "lv"


def test_every_body_block_renders(client):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    image = Image.objects.create(title="Mediators", file=get_test_image_file())
    document = PublicationFactory(title="Annual report")
    page = PracticePageFactory(
        parent=index,
        title="Blocks",
        country=live(PracticePage, "en").first().country,
        body=[
            (
                "figure",
                {"image": image, "alt_text": "Four mediators", "caption": "The team", "credit": "Ministry"},
            ),
            ("quote", {"quote": "It works.", "attribution": "A mediator"}),
            ("documents", {"heading": "Read more", "documents": [document]}),
            ("call_to_action", {"text": "Try it", "label": "Contact us", "page": index, "external_url": ""}),
            ("table", {"data": [["City", "Families"], ["Jelgava", "40"]], "first_row_is_table_header": True}),
            ("key_figures", {"heading": "", "figures": [{"figure": "149", "label": "families"}]}),
        ],
    )
    doc = html(client.get(page.url))
    assert doc.select_one("figure.figure img")["alt"] == "Four mediators"
    assert doc.select_one("blockquote").get_text(strip=True) == "It works."
    assert doc.select_one(".documents a").get_text() == "Annual report"
    assert doc.select_one(".cta a")["href"] == index.url
    assert "Jelgava" in doc.select_one("table").get_text()
    assert doc.select_one(".key-figure dd").get_text() == "149"
