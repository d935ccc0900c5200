"""Following listings, searches and records, and the e-mail digests (issue 22).

Real database (the seeded demo), the task on the immediate backend, and mail delivered
through the outbox to Django's in-memory backend, as in tests/test_background.py.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page

from follows import digest
from follows.models import DigestSettings, Follow, SentDigest
from follows.privacy import erase_for, export_for
from follows.tasks import send_digests
from network.models import Country, Theme
from practices.factories import PracticePageFactory
from practices.models import PracticeIndexPage

from .conftest import html

pytestmark = pytest.mark.django_db

User = get_user_model()


def _user(name: str):
    return User.objects.create_user(
        username=name, email=f"{name}@example.org", password="a long pass phrase 42"
    )


def _themes():
    en = Locale.objects.get(language_code="en")
    return list(Theme.objects.filter(locale=en).order_by("slug")[:2])


def _country(code: str):
    return Country.objects.get(locale__language_code="en", code=code)


def _practice(title, theme, country, lv_title=None):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    page = PracticePageFactory(parent=index, title=title, country=country, themes=[theme])
    page.save_revision().publish()
    if lv_title:
        lv = Locale.objects.get(language_code="lv")
        existing = Page.objects.filter(translation_key=page.translation_key, locale=lv).first()
        if existing is not None:  # the alias wagtail-localize made: becomes the translation
            translated = existing.specific
            translated.alias_of = None
        else:
            translated = page.copy_for_translation(lv)
        translated.title = lv_title
        translated.slug = re.sub(r"[^a-z0-9]+", "-", lv_title.lower()).strip("-")
        translated.country = Country.objects.get(locale=lv, code=country.code)
        translated.save_revision().publish()
    return page


def _follow(client, language, listing, query_string):
    return client.post(
        f"/{language}/account/follows/listing/",
        {"listing": listing, "query_string": query_string, "next": f"/{language}/account/follows/"},
        follow=True,
    )


def _mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_digests_bring_each_person_their_matching_items_once_in_their_language(client):
    roma, other = _themes()
    lt, ee = _country("LT"), _country("EE")
    alice, bob = _user("alice"), _user("bob")
    client.force_login(alice)
    _follow(client, "lv", "practices", f"theme={roma.slug}&country=LT")
    client.force_login(bob)
    _follow(client, "en", "practices", f"theme={other.slug}")
    client.logout()
    assert DigestSettings.objects.get(user=alice).language == "lv"
    assert DigestSettings.objects.get(user=alice).frequency == "weekly"

    _practice("Mediators in Kaunas", roma, lt, lv_title="Mediatori Kauņā")
    _practice("Roma library club Vilnius", roma, lt)  # English only: marked in Alice's mail
    _practice("Roma youth in Tartu", roma, ee)  # Alice wants LT only
    _practice("Language cafes in Tallinn", other, ee)  # Bob's theme
    mail.outbox.clear()

    counts = send_digests.call(reschedule=False)
    assert counts == {"sent": 2}

    (to_alice,) = _mails_to("alice@example.org")
    text = to_alice.body
    assert "Mediatori Kauņā" in text and "Mediators in Kaunas" not in text
    assert "Roma library club Vilnius" in text
    assert "Tartu" not in text and "Tallinn" not in text
    doc = html(type("R", (), {"content": to_alice.alternatives[0][0].encode()})())
    links = {a.get_text(strip=True): a for a in doc.select("li a")}
    assert set(links) == {"Mediatori Kauņā", "Roma library club Vilnius"}
    assert links["Roma library club Vilnius"]["lang"] == "en"  # the fallback is marked
    assert not links["Mediatori Kauņā"].has_attr("lang")
    assert "/lv/" in links["Mediatori Kauņā"]["href"]
    unsubscribe = to_alice.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/account/follows/unsubscribe/" in unsubscribe
    assert to_alice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    (to_bob,) = _mails_to("bob@example.org")
    assert "Language cafes in Tallinn" in to_bob.body
    assert "Kaunas" not in to_bob.body and "Kauņā" not in to_bob.body and "Roma" not in to_bob.body

    # The worker runs again (or a second worker at the same time): nothing more is sent.
    mail.outbox.clear()
    assert send_digests.call(reschedule=False) == {}
    schedule = DigestSettings.objects.get(user=alice)
    assert digest.send_digest(schedule, timezone.now()) == "already sent"
    assert mail.outbox == []
    assert SentDigest.objects.filter(user=alice).count() == 1

    # One click from the mail, signed out: no more digests.
    path = re.search(r"https?://[^/]+(/[^>]+)", unsubscribe).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert html(response).h1.get_text(strip=True) == "Jūs esat atrakstījies"  # in her language (lv)
    assert DigestSettings.objects.get(user=alice).frequency == "never"
    # The mail client's one-click POST (no session, no CSRF token) works too.
    assert client.post(path).status_code == 200


def test_a_tampered_or_unknown_unsubscribe_token_gets_a_clear_page(client):
    alice = _user("alice")
    token = digest.unsubscribe_token(alice)
    for bad in (token[:-2] + "xy", "nonsense", "a" * 300):
        response = client.get(f"/en/account/follows/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "does not work" in html(response).h1.get_text()
    assert not DigestSettings.objects.filter(user=alice, frequency="never").exists()


def test_unknown_filter_values_are_dropped_and_the_person_told(client):
    roma, _other = _themes()
    alice = _user("alice")
    client.force_login(alice)
    response = _follow(
        client, "en", "practices", f"theme={roma.slug}&theme=no-such-theme&country=XX&status=ongoing"
    )
    page = html(response)
    notices = " ".join(p.get_text(" ", strip=True) for p in page.select(".notice"))
    assert "no-such-theme" in notices and "XX" in notices and "You follow this list now." in notices
    follow = Follow.objects.get(user=alice)
    assert follow.filters == {"theme": [roma.slug], "status": ["ongoing"]}
    # The account page lists it, named, with an unfollow button.
    item = page.select_one("ul.follows li")
    assert "Practices" in item.get_text() and roma.name in item.get_text()
    # Following the same choice again makes no second follow.
    _follow(client, "en", "practices", f"status=ongoing&theme={roma.slug}")
    assert Follow.objects.filter(user=alice).count() == 1
    response = client.post(item.form["action"], follow=True)
    assert "You follow nothing yet" in html(response).get_text()
    assert not Follow.objects.filter(user=alice).exists()


def test_following_needs_a_signed_in_post_and_is_private(client):
    assert client.get("/en/account/follows/").status_code == 302
    response = client.post("/en/account/follows/listing/", {"listing": "practices"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Follow.objects.exists()
    alice, bob = _user("alice"), _user("bob")
    client.force_login(alice)
    _follow(client, "en", "practices", "")
    follow = Follow.objects.get(user=alice)
    client.force_login(bob)
    client.post(f"/en/account/follows/{follow.pk}/unfollow/")
    assert Follow.objects.filter(pk=follow.pk).exists()  # not Bob's to remove
    assert client.get("/en/account/follows/unknown/").status_code == 404
    assert client.post("/en/account/follows/listing/", {"listing": "nope"}).status_code == 302


def test_follow_a_record_and_a_search_and_choose_the_frequency(client):
    alice = _user("alice")
    client.force_login(alice)
    project = Page.objects.live().filter(locale__language_code="en", depth__gt=3).first()
    client.post("/en/account/follows/page/", {"page": str(project.pk)})
    client.post("/en/account/follows/page/", {"page": "not-a-number"})
    client.post("/en/account/follows/search/", {"query_string": "q=roma+mediators&country=LV"})
    kinds = sorted(Follow.objects.filter(user=alice).values_list("kind", flat=True))
    assert kinds == ["record", "search"]
    search = Follow.objects.get(user=alice, kind="search")
    assert search.query == "roma mediators" and search.filters == {"country": ["LV"]}
    response = client.post("/en/account/follows/", {"frequency": "daily"}, follow=True)
    assert html(response).select_one("input[value=daily]").has_attr("checked")
    assert DigestSettings.objects.get(user=alice).frequency == "daily"
    assert client.post("/en/account/follows/", {"frequency": "hourly"}).status_code == 200


def test_export_includes_follows_and_erasure_removes_them(client):
    roma, _other = _themes()
    alice = _user("alice")
    client.force_login(alice)
    _follow(client, "en", "practices", f"theme={roma.slug}")
    data = export_for(alice)
    assert data["follows"][0]["filters"] == {"theme": [roma.slug]}
    assert data["digest"]["frequency"] == "weekly"
    assert erase_for(alice) == 2
    assert export_for(alice) == {"follows": [], "digest": None}


def test_editors_see_counts_per_theme_and_country_without_names(client, admin_client):
    roma, _other = _themes()
    for name, query in (("alice", f"theme={roma.slug}&country=LT"), ("bob", f"theme={roma.slug}")):
        client.force_login(_user(name))
        _follow(client, "en", "practices", query)
    response = admin_client.get("/admin/follows/counts/")
    assert response.status_code == 200
    page = html(response)
    themes = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text()
        for row in page.select("#follows-themes tbody tr")
    }
    assert themes == {roma.name: "2"}
    countries = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text()
        for row in page.select("#follows-countries tbody tr")
    }
    assert countries == {_country("LT").name: "1"}
    assert "alice" not in response.content.decode() and "bob@" not in response.content.decode()


def test_the_follow_button(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    template = Template('{% load follows_tags %}{% follow_button listing="practices" %}')
    request = rf.get("/en/practices/?theme=x&country=LT")
    request.user = AnonymousUser()
    out = html(type("R", (), {"content": template.render(Context({"request": request})).encode()})())
    assert out.a.get_text() == "Sign in to follow" and "next=%2Fen%2Fpractices%2F" in out.a["href"]
    request.user = _user("alice")
    out = html(type("R", (), {"content": template.render(Context({"request": request})).encode()})())
    assert out.form["action"] == "/en/account/follows/listing/"
    assert out.select_one("input[name=query_string]")["value"] == "theme=x&country=LT"
    assert out.select_one("input[name=listing]")["value"] == "practices"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_digest_task_is_planned_once_with_the_database_queue():
    from django_tasks_db.models import DBTaskResult

    from follows.tasks import ensure_digests_scheduled

    ensure_digests_scheduled()
    ensure_digests_scheduled()
    planned = DBTaskResult.objects.filter(task_path="follows.tasks.send_digests")
    assert planned.count() == 1
    # A run plans the next one an hour later.
    send_digests.call()
    assert planned.count() == 2
    assert planned.order_by("-run_after").first().run_after > timezone.now()


def test_a_followed_search_brings_new_pages_that_match_it(client, django_capture_on_commit_callbacks):
    roma, other = _themes()
    alice = _user("alice")
    client.force_login(alice)
    client.post("/en/account/follows/search/", {"query_string": "q=beekeeping"})
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        _practice("Beekeeping with newcomers in Riga", roma, _country("LV"))
        _practice("Choir for newcomers in Riga", other, _country("LV"))
    mail.outbox.clear()
    send_digests.call(reschedule=False)
    (to_alice,) = _mails_to("alice@example.org")
    assert "Beekeeping with newcomers in Riga" in to_alice.body
    assert "Choir" not in to_alice.body


def test_odd_input_never_gives_an_error(client):
    client.force_login(_user("alice"))
    for value in ("9" * 40, "-1", "", "１２"):
        assert client.post("/en/account/follows/page/", {"page": value}).status_code == 302
    assert client.post(f"/en/account/follows/{'9' * 30}/unfollow/").status_code == 302
    response = _follow(client, "en", "practices", "theme=%00%ff&" + "country=LT&" * 500)
    assert response.status_code == 200
    assert client.post("/en/account/follows/search/", {"query_string": "q="}).status_code == 302


def test_a_practitioners_data_export_and_erasure_include_their_follows(client):
    from network.models import PractitionerContact
    from network.privacy import erase_practitioner, export_data

    roma, _other = _themes()
    staff = _user("staffer")
    staff.is_staff = True  # the account itself is kept by the erasure: its follows are not
    staff.save()
    contact = PractitionerContact.objects.filter(user__isnull=True).first()
    contact.user = staff
    contact.save()
    client.force_login(staff)
    _follow(client, "en", "practices", f"theme={roma.slug}")
    exported = export_data(contact)
    assert exported["follows"]["follows"][0]["filters"] == {"theme": [roma.slug]}
    removed = erase_practitioner(contact)
    assert removed["follows"] == 2
    assert User.objects.filter(pk=staff.pk).exists()
    assert not Follow.objects.filter(user=staff).exists()
    assert not DigestSettings.objects.filter(user=staff).exists()
