"""What readers see (issue 19): the rendered pages of the seeded demo, in all five languages.

Each test reads the HTML a person gets (parsed, not searched for substrings where structure
matters) and would fail if the behaviour it names broke: the key figures typed by hand, the
newcomers' way in, dates and times in each language's own form, the privacy notice and the
contact page, links instead of dead ends, and the account pages (sign-in by e-mail, "Forgot
password?", the profile form, someone else's profile).
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone, translation

from home.models import ContactPage, PrivacyPage, StandardPage
from home.seeding import ensure_locales, translate
from network.models import City, Organisation, PractitionerContact, PractitionerPage
from practices.models import EventPage, PracticePage, ProjectPage, Publication

from .conftest import LANGUAGES, html

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def main_text(response) -> str:
    return html(response).select_one("main").get_text(" ", strip=True)


# Item 3: the key figures typed by hand (on the about page since the home page shows the counted
# ones, issue 23) ------------------------------------------------------------------------------

FIGURES = ["8", "16", "149", "4"]


def about_url(language: str) -> str:
    from home.demo import MEMORY

    return f"/{language}/{'about' if language == 'en' else MEMORY['about'][language]}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_shows_its_key_figures_with_what_they_count(client, language):
    from home.demo import MEMORY

    response = client.get(about_url(language))
    assert response.status_code == 200
    figures = html(response).select(".key-figures .key-figure")
    assert [figure.select_one("dd").get_text(strip=True) for figure in figures] == FIGURES
    labels = [figure.select_one("dt").get_text(strip=True) for figure in figures]
    assert all(labels) and "None" not in labels
    expected = "countries in the network"
    assert labels[0] == (expected if language == "en" else MEMORY[expected][language])
    assert "None" not in main_text(response).split()


def test_a_key_figure_left_half_filled_is_left_out_and_never_printed_as_none():
    from home.blocks import KeyFiguresBlock

    block = KeyFiguresBlock()
    value = block.to_python(
        {
            "heading": "Figures",
            "figures": [
                {"type": "item", "value": {"figure": "149", "label": "families"}, "id": "a"},
                {"type": "item", "value": {"figure": "", "label": "nothing counted"}},  # no id: old shape
                {"figure": "12", "label": ""},
            ],
        }
    )
    rendered = block.render(value)
    assert "None" not in rendered
    assert rendered.count('class="key-figure"') == 1 and "149" in rendered
    nothing = block.to_python({"heading": "Empty", "figures": [{"type": "item", "value": {"figure": "1"}}]})
    assert block.render(nothing).strip() == ""  # no heading over an empty list


def test_the_seed_repairs_key_figures_stored_in_the_broken_shape(client, django_capture_on_commit_callbacks):
    """Databases seeded before the fix hold list items without ids, which Wagtail reads as
    empty figures: running the seed again (``make setup`` does) rewrites them in every language."""
    from home import demo

    broken = [
        {
            "type": "key_figures",
            "value": {
                "heading": "The work behind the network",
                "figures": [
                    {"type": "item", "value": item["value"]} for item in demo.KEY_FIGURES["value"]["figures"]
                ],
            },
        }
    ]
    english = StandardPage.objects.get(locale__language_code="en", slug="about")
    english.body = [demo.ABOUT_BODY[0], *broken]
    english.save_revision().publish()
    # its translations made from it, as the seed made them before the fix
    with django_capture_on_commit_callbacks(execute=True):
        translate(english, demo.MEMORY, ensure_locales(), force=True)
    for language in LANGUAGES:
        assert html(client.get(about_url(language))).select_one(".key-figures") is None  # empty, not "None"

    # what `make setup` runs
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    for language in LANGUAGES:
        figures = html(client.get(about_url(language))).select(".key-figure dd")
        assert [figure.get_text(strip=True) for figure in figures] == FIGURES, language
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--skip-index", stdout=out)
    assert "already up to date" in out.getvalue()  # and the next run changes nothing


# Item 5: a newcomer's way in -----------------------------------------------------------------

DOOR = {
    "en": "Just arrived? Start here",
    "lv": "Tikko ieradāties? Sāciet šeit",
    "lt": "Ką tik atvykote? Pradėkite čia",
    "et": "Äsja saabusite? Alustage siit",
    "ru": "Только приехали? Начните здесь",
}
GUIDES_TITLE = {
    "en": "Just arrived: first steps",
    "lv": "Tikko ieradušies: pirmie soļi",
    "lt": "Ką tik atvykusiems: pirmieji žingsniai",
    "et": "Äsja saabunud: esimesed sammud",
    "ru": "Только приехали: первые шаги",
}
FIRST_AID = ("First aid", "Pirmā palīdzība", "Pirmoji pagalba", "Esmaabi", "Первая помощь")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_opens_a_door_for_people_who_have_just_arrived(client, language):
    doc = html(client.get(f"/{language}/"))
    door = doc.select_one("main section.newcomer-door")
    assert door.select_one("h2").get_text(strip=True) == DOOR[language]
    # Near the top: right after the introduction, before the sections and the body.
    headings = [h.get_text(strip=True) for h in doc.select("main h2")]
    assert headings[0] == DOOR[language]
    button = door.select_one("a.button")
    assert button["href"] == f"/{language}/guides/"
    index = html(client.get(button["href"]))
    assert index.select_one("main h1").get_text(strip=True) == GUIDES_TITLE[language]
    # and each country's guide, one step further
    guides = [a["href"] for a in door.select("ul a")]
    assert len(guides) >= 3 and all(href.startswith(f"/{language}/guides/") for href in guides)
    assert client.get(guides[0]).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_calls_the_newcomers_guides_first_aid(client, language):
    for url in (f"/{language}/", f"/{language}/guides/", f"/{language}/about/"):
        text = html(client.get(url)).get_text(" ")
        assert not [words for words in FIRST_AID if words.lower() in text.lower()], url


# Item 6: dates and times in each language's own form --------------------------------------------

SEMINAR = {  # 18 March 2027, 10:00-16:00 in Jelgava
    "en": "18 March 2027, 10:00 – 16:00",
    "lv": "2027. gada 18. marts, 10:00 – 16:00",
    "lt": "2027 m. kovo 18 d., 10:00 – 16:00",
    "et": "18. märts 2027, 10:00 – 16:00",
    "ru": "18 марта 2027 г., 10:00 – 16:00",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_reads_its_date_and_time_as_the_language_writes_them(client, language):
    seminar = EventPage.objects.get(locale__language_code=language, slug="roma-mediators-seminar-2027")
    facts = html(client.get(seminar.url)).select_one("dl.facts dd")
    assert " ".join(facts.get_text(" ", strip=True).split()) == SEMINAR[language]
    assert facts.select_one("time")["datetime"].startswith("2027-03-18T10:00:00")


def test_every_language_has_day_month_year_and_a_24_hour_clock():
    moment = timezone.make_aware(datetime.datetime(2027, 9, 3, 21, 5))
    expected = {
        "en": ("3 September 2027", "3 September 2027, 21:05", "03/09/2027"),
        "lv": ("2027. gada 3. septembris", "2027. gada 3. septembris, 21:05", "03.09.2027"),
        "lt": ("2027 m. rugsėjo 3 d.", "2027 m. rugsėjo 3 d., 21:05", "2027-09-03"),
        "et": ("3. september 2027", "3. september 2027, 21:05", "03.09.2027"),
        "ru": ("3 сентября 2027 г.", "3 сентября 2027 г., 21:05", "03.09.2027"),
    }
    for language, (date, date_time, short) in expected.items():
        with translation.override(language):
            local = timezone.localtime(moment)
            assert formats.date_format(local, "DATE_FORMAT") == date
            assert formats.date_format(local, "DATETIME_FORMAT") == date_time
            assert formats.date_format(local, "SHORT_DATE_FORMAT") == short


# Admin-only templates (the Wagtail dashboard's panels) are outside the public pages' rule.
ADMIN_TEMPLATES = ("/admin/", "background/templates/background/panel.html")
NAMED = {'"DATE_FORMAT"', '"DATETIME_FORMAT"', '"SHORT_DATE_FORMAT"', '"SHORT_DATETIME_FORMAT"',
         '"TIME_FORMAT"', '"YEAR_MONTH_FORMAT"', '"MONTH_DAY_FORMAT"'}  # fmt: skip
MACHINE = {"'c'", '"c"', "'Y-m-d'", '"Y-m-d"', '"Y"', "'Y'"}  # <time datetime>, a year alone


def test_public_templates_use_named_date_formats_not_patterns_of_their_own():
    root = Path(settings.BASE_DIR)
    found = []
    for path in root.glob("*/templates/**/*.html"):
        if ".venv" in path.parts or any(part in path.as_posix() for part in ADMIN_TEMPLATES):
            continue
        for argument in re.findall(r"\|(?:date|time):(\"[^\"]*\"|'[^']*')", path.read_text()):
            if argument not in NAMED | MACHINE:
                found.append(f"{path.relative_to(root)}: {argument}")
    assert found == []


# Item 7: the privacy notice and the contact page -----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_up_consent_leads_to_a_privacy_notice_in_the_readers_language(client, language):
    doc = html(client.get(f"/{language}/account/signup/"))
    consent = doc.select_one("input[name=consent]").find_parent("div")
    link = consent.find_next_sibling("p").select_one("a")
    assert link["href"] == f"/{language}/privacy/"
    notice = client.get(link["href"])
    assert notice.status_code == 200
    privacy = PrivacyPage.objects.get(locale__language_code=language)
    text = main_text(notice)
    assert html(notice).select_one("main h1").get_text(strip=True) == privacy.title
    assert f"{settings.CONTACT_LOG_DAYS}" in text  # how long contact records are kept
    if language != "en":
        assert privacy.title != PrivacyPage.objects.get(locale__language_code="en").title
        assert "If you sign up" not in text  # the notice itself is translated
    # it says who to ask: a button to the contact page in the same language
    contact = ContactPage.objects.get(locale__language_code=language)
    assert html(notice).select_one("main aside.cta a.button")["href"] == contact.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contact_page_says_who_runs_the_site_and_shows_no_address(client, language):
    contact = ContactPage.objects.get(locale__language_code=language)
    response = client.get(f"/{language}/contact/")
    assert response.status_code == 200
    doc = html(response)
    assert doc.select_one("main h1").get_text(strip=True) == contact.title
    teams = [option.get_text(strip=True) for option in doc.select("select[name=team] option")]
    assert len(teams) >= 5 and all(teams)
    assert not EMAIL.findall(doc.select_one("main").decode())


def test_ask_the_editor_in_your_country_reaches_that_countrys_editors(client, django_user_model):
    from editorial.models import CountryTeam

    latvia = Group.objects.get(name="Editors: Latvia")
    editor = django_user_model.objects.create_user("lv-editor", "lv.editor@example.org", "pw-12345-long")
    editor.groups.add(latvia)
    moderator = django_user_model.objects.create_user("mod", "moderator@example.org", "pw-12345-long")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    # "Ask the editor in your country" on the about page leads to the form
    about_page = StandardPage.objects.get(locale__language_code="lv", slug="par-tiklu")
    about = html(client.get(about_page.url))
    assert "/lv/contact/" in [a["href"] for a in about.select("main a")]

    team = CountryTeam.objects.get(group=latvia)
    data = {
        "team": str(team.pk),
        "name": "Ilze Bērziņa",
        "email": "ilze@example.net",
        "message": "Kā es varu pievienot savu organizāciju katalogam?",
        "website": "",
    }
    response = client.post("/lv/contact/", data)
    assert response.status_code == 200
    assert html(response).select_one("[role=status]") is not None
    (sent,) = mail.outbox
    assert sent.to == ["lv.editor@example.org"] and sent.reply_to == ["ilze@example.net"]
    assert "Kā es varu pievienot" in sent.body
    assert "lv.editor@example.org" not in response.content.decode()

    # A team with nobody in it passes the question to the moderators.
    mail.outbox.clear()
    lithuania = CountryTeam.objects.get(group__name="Editors: Lithuania")
    client.post("/en/contact/", {**data, "team": str(lithuania.pk), "email": "other@example.net"})
    assert mail.outbox[-1].to == ["moderator@example.org"]


def test_the_editors_form_keeps_what_was_typed_and_refuses_robots_and_floods(client):
    from editorial.models import CountryTeam

    team = CountryTeam.objects.first()
    data = {
        "team": str(team.pk),
        "name": "A",
        "email": "not-an-address",
        "message": "Too short",
        "website": "",
    }
    response = client.post("/et/contact/", data)
    assert response.status_code == 400
    assert html(response).select_one("input[name=email]")["value"] == "not-an-address"
    assert mail.outbox == []

    data = {**data, "email": "flood@example.net", "message": "A question that is long enough to send."}
    assert client.post("/et/contact/", {**data, "website": "http://spam.example"}).status_code == 200
    assert mail.outbox == []  # the honeypot: a robot is told it worked, nothing is sent
    statuses = [client.post("/et/contact/", data).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert len(mail.outbox) == 5


# Item 8: no dead ends ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_organisations_lead_to_their_pages(client, language):
    practice = (
        PracticePage.objects.live()
        .filter(locale__language_code=language, organisations__isnull=False)
        .first()
    )
    doc = html(client.get(practice.url))
    heading = next(
        h
        for h in doc.select("main h2")
        if h.find_next_sibling("ul") and "organisations/" in str(h.find_next_sibling("ul"))
    )
    links = heading.find_next_sibling("ul").select("a")
    assert len(links) == practice.organisations.count()
    for link in links:
        assert link["href"].startswith(f"/{language}/network/organisations/")
        assert client.get(link["href"]).status_code == 200

    project = (
        ProjectPage.objects.live().filter(locale__language_code=language, lead_partner__isnull=False).first()
    )
    facts = html(client.get(project.url)).select_one("dl.facts")
    lead = facts.select_one("a[href*='/network/organisations/']")
    assert lead is not None and client.get(lead["href"]).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisation_page_lists_its_practices_projects_help_points_and_people(client, language):
    organisation = Organisation.objects.get(locale__language_code=language, slug="tartu-international-house")
    doc = html(client.get(f"/{language}/network/organisations/{organisation.slug}/"))
    practices = [a["href"] for a in doc.select("#practices-heading ~ ul a")]
    projects = [a["href"] for a in doc.select("#projects-heading ~ ul a")]
    assert practices and all(href.startswith(f"/{language}/practices/") for href in practices)
    assert projects and all(href.startswith(f"/{language}/projects/") for href in projects)
    points = doc.select("#help-points-heading ~ ul li")
    assert points and "Küütri 3" in points[0].get_text()
    assert doc.select("#people-heading ~ ul li.person")


def test_the_library_shows_the_readers_summary_the_real_language_and_the_size(client):
    report = Publication.objects.get(title="National integration evaluation: Latvia report 2020")
    assert report.file_size and report.file_size > 0
    doc = html(client.get("/lv/library/"))
    item = next(li for li in doc.select("ul.publications > li") if report.title in li.get_text())
    summary = item.select_one("p")
    assert summary.get_text(strip=True) == report.summary_lv and not summary.has_attr("lang")
    meta = item.select_one(".meta").get_text(" ", strip=True)
    assert "angļu valodā" in meta and "English" not in meta
    assert re.search(r"PDF, \d+[,.]\d\sKB", meta)  # Django's size, e.g. "PDF, 10,8 KB"
    link = item.select_one("a")
    assert link["hreflang"] == "en" and link["lang"] == "en"  # the title is English

    # Where no one wrote a summary in the reader's language, the publication's own shows, marked.
    Publication.objects.filter(pk=report.pk).update(summary_lv="")
    doc = html(client.get("/lv/library/?kind=report"))
    item = next(li for li in doc.select("ul.publications > li") if report.title in li.get_text())
    assert item.select_one("p")["lang"] == "en"


@pytest.mark.parametrize(
    ("language", "name"), [("lt", "anglų kalba"), ("et", "inglise keeles"), ("ru", "на английском")]
)
def test_the_librarys_language_names_are_in_the_readers_language(client, language, name):
    results = html(client.get(f"/{language}/library/?language=en")).select("ul.publications .meta")
    assert results and all(name in meta.get_text() and "English" not in meta.get_text() for meta in results)


def test_a_new_publication_records_its_file_size():
    from practices.factories import PublicationFactory

    publication = PublicationFactory(title="Size check")
    publication.refresh_from_db()
    assert publication.file_size == publication.file.size > 0


# Item 9: accounts -------------------------------------------------------------------------------

LABEL = {"en": "E-mail address", "lv": "E-pasta adrese", "lt": "El. pašto adresas", "et": "E-posti aadress",
         "ru": "Адрес электронной почты"}  # fmt: skip
FORGOT = {"en": "Forgot password?", "lv": "Aizmirsāt paroli?", "lt": "Pamiršote slaptažodį?",
          "et": "Unustasite parooli?", "ru": "Забыли пароль?"}  # fmt: skip
RESET_LINK = re.compile(r"http://testserver(/\w\w/account/password/reset/[^/\s]+/[^/\s]+/)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_asks_for_the_e_mail_address_and_offers_a_new_password(client, language):
    doc = html(client.get(f"/{language}/account/login/"))
    assert doc.select_one("label[for=id_username]").get_text(strip=True) == LABEL[language]
    forgot = doc.select_one(f"main a[href='/{language}/account/password/reset/']")
    assert forgot.get_text(strip=True) == FORGOT[language]
    page = html(client.get(forgot["href"]))
    assert page.select_one("main h1").get_text(strip=True) == FORGOT[language]
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_a_forgotten_password_is_replaced_through_a_link_sent_to_the_address(client, django_user_model):
    user = django_user_model.objects.create_user("ieva@example.net", "ieva@example.net", "old-pass-phrase-1")
    response = client.post("/lv/account/password/reset/", {"email": "Ieva@EXAMPLE.net"})
    assert response.status_code == 302 and response["Location"] == "/lv/account/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["ieva@example.net"]
    (link,) = RESET_LINK.findall(message.body)
    assert link.startswith("/lv/")
    form = client.get(link, follow=True)
    assert html(form).select_one("input[name=new_password1]") is not None
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "new-pass-phrase-2", "new_password2": "new-pass-phrase-2"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-pass-phrase-2")
    signed_in = client.post(
        "/en/account/login/", {"username": "ieva@example.net", "password": "new-pass-phrase-2"}
    )
    assert signed_in.status_code == 302
    assert client.get(link).status_code in (200, 302)  # used once: the form is gone
    assert html(client.get(link, follow=True)).select_one("input[name=new_password1]") is None


def test_a_reset_link_reaches_only_the_accounts_own_mailbox(client, django_user_model):
    django_user_model.objects.create_user("anna@riga-ngo.example", "anna@riga-ngo.example", "pw-12345-long")
    for look_alike in ("anna@rıga-ngo.example", "ANNA@riga-ngo.example.net", "nobody@example.net"):
        response = client.post("/en/account/password/reset/", {"email": look_alike})
        assert response.status_code == 302  # the same answer for every address
    assert mail.outbox == []


def test_reset_requests_are_limited(client, django_user_model):
    django_user_model.objects.create_user("many@example.net", "many@example.net", "pw-12345-long")
    statuses = [
        client.post("/en/account/password/reset/", {"email": "many@example.net"}).status_code
        for _ in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_signing_up_again_does_not_offer_a_way_round_the_password(client, django_user_model):
    user = django_user_model.objects.create_user("known@example.net", "known@example.net", "pw-12345-long")
    client.post(
        "/en/account/signup/", {"name": "Known", "email": "known@example.net", "consent": "on", "website": ""}
    )
    (message,) = mail.outbox
    assert "/account/verify/" not in message.body  # no link that sets a password
    assert "http://testserver/en/account/password/reset/" in message.body
    assert "http://testserver/en/account/login/" in message.body
    user.refresh_from_db()
    assert user.is_active and user.check_password("pw-12345-long")


def _new_account(client, django_user_model, name="Dace Kļaviņa", email="dace.new@example.net"):
    first, _, last = name.partition(" ")
    user = django_user_model.objects.create_user(
        email, email, "pw-12345-long", first_name=first, last_name=last
    )
    client.force_login(user)
    return user


def test_the_profile_form_starts_with_the_name_given_at_sign_up(client, django_user_model):
    _new_account(client, django_user_model)
    doc = html(client.get("/lv/account/profile/"))
    assert doc.select_one("input[name=name]")["value"] == "Dace Kļaviņa"


def test_a_town_the_directory_does_not_list_can_be_written_in(client, django_user_model, admin_user):
    from .test_self_service import approve, profile_data

    user = _new_account(client, django_user_model)
    latvia = City.objects.get(slug="riga", locale__language_code="en").country
    data = profile_data(city="", other_city="Cēsis", other_city_country=latvia.pk)
    response = client.post("/en/account/profile/", data)
    assert response.status_code == 302
    page = PractitionerContact.objects.get(user=user).page
    cesis = City.objects.get(locale__language_code="en", name="Cēsis")
    assert cesis.country == latvia and cesis.slug == "cesis"
    approve(page, admin_user)
    directory = html(client.get("/en/network/", {"city": "cesis"}))
    assert "Dace Kļaviņa" in directory.select_one("main").get_text()

    # A town that is listed, written in another language, is the listed one, not a new one.
    data = profile_data(city="", other_city="рига", other_city_country=latvia.pk)
    assert client.post("/en/account/profile/", data).status_code == 302
    assert City.objects.filter(locale__language_code="en", slug__startswith="riga").count() == 1
    assert PractitionerPage.objects.get(pk=page.pk).get_latest_revision_as_object().city.slug == "riga"

    # Neither a town from the list nor one written in: the form says what is missing.
    response = client.post("/en/account/profile/", profile_data(city=""))
    assert response.status_code == 400
    assert html(response).select_one("select[name=city]").find_parent("div").select_one(".error")


@pytest.mark.parametrize("language", LANGUAGES)
def test_someone_elses_profile_edit_page_is_a_page_of_the_site(client, django_user_model, language):
    mine, theirs = PractitionerContact.objects.select_related("page")[:2]
    user = _new_account(client, django_user_model, email=f"mine-{language}@example.net")
    mine.user = user
    mine.save()
    response = client.get(f"/{language}/account/profiles/{theirs.page.pk}/edit/")
    assert response.status_code == 403
    doc = html(response)
    assert doc.select_one("html")["lang"] == language
    assert doc.select_one("header.site-header") is not None  # the site's layout, not a bare 403
    heading = doc.select_one("main h1").get_text(strip=True)
    with translation.override(language):
        assert heading == translation.gettext("This is not your profile")
    assert f"/{language}/account/profile/" in [a["href"] for a in doc.select("main a")]
    assert theirs.page.title not in doc.get_text()
    assert PractitionerPage.objects.get(pk=theirs.page.pk).title == theirs.page.title
