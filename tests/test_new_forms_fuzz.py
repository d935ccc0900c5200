"""Odd input on the forms added for issues 19 and 22 (editors' contact, password reset, follows,
unsubscribe, profile town): never a 500. A `next` of quotes once made follows answer 500."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
BAD = ["\"'", "a\x00b", "", "x" * 200_000, "[]", "-1", "99999999999999999999"]


def test_odd_input_on_the_new_forms_never_gives_a_server_error(client):
    u = get_user_model().objects.create_user(
        username="f@example.org", email="f@example.org", password="a long pass phrase 42"
    )
    statuses = []
    for v in BAD:
        statuses.append(
            (
                "contact",
                client.post(
                    "/en/contact/", {"team": v, "name": v, "email": v, "message": v, "website": ""}
                ).status_code,
            )
        )
        statuses.append(("reset", client.post("/en/account/password/reset/", {"email": v}).status_code))
        statuses.append(
            (
                "unsub",
                client.get(
                    f"/en/account/follows/unsubscribe/{v.replace(chr(0), '%00')[:300] or 'x'}/"
                ).status_code,
            )
        )
        statuses.append(("unsubpost", client.post("/en/account/follows/unsubscribe/abc:def/").status_code))
    client.force_login(u)
    for v in BAD:
        statuses.append(
            (
                "listing",
                client.post(
                    "/en/account/follows/listing/", {"listing": v, "query_string": v, "next": v}
                ).status_code,
            )
        )
        statuses.append(
            (
                "listing2",
                client.post(
                    "/en/account/follows/listing/",
                    {"listing": "practices", "query_string": "theme=" + v + "&country=" + v, "next": "/en/"},
                ).status_code,
            )
        )
        statuses.append(
            (
                "search",
                client.post("/en/account/follows/search/", {"query_string": "q=" + v, "next": v}).status_code,
            )
        )
        statuses.append(
            ("page", client.post("/en/account/follows/page/", {"page": v, "next": v}).status_code)
        )
        statuses.append(("mine", client.post("/en/account/follows/", {"frequency": v}).status_code))
        statuses.append(
            (
                "profile",
                client.post(
                    "/en/account/profile/", {"name": v, "city": v, "city_name": v, "country": v}
                ).status_code,
            )
        )
    assert not [s for s in statuses if s[1] >= 500], [s for s in statuses if s[1] >= 500]


def test_odd_input_on_the_pickers_and_the_offline_manifest_never_gives_a_server_error(
    client, django_user_model
):
    """The record pickers' search (issue 24) and the home-screen manifest's start page and the
    Ukrainian search (issue 21) with quotes, NUL, empty and huge values: an answer, never a 500;
    the manifest never points outside its own language."""
    import json

    from .test_editorial import client_for, make_user

    for language in ("uk", "lv"):
        for v in BAD:
            response = client.get(f"/{language}/manifest.webmanifest", {"start": v})
            assert response.status_code == 200, (language, v)
            assert json.loads(response.content)["start_url"].startswith(f"/{language}/")
            assert client.get(f"/{language}/search/", {"q": v}).status_code < 500, (language, v)
    editor = make_user(django_user_model, "lv-editor-fuzz", "Editors: Latvia")
    client_for(client, editor)
    statuses = []
    for kind in ("people", "organisations", "twinnings", "nothing"):
        for v in BAD:
            statuses.append(
                (kind, v[:20], client.get(f"/admin/pickers/{kind}/", {"q": v, "all": v}).status_code)
            )
    assert not [s for s in statuses if s[2] >= 500], [s for s in statuses if s[2] >= 500]
    assert {s[2] for s in statuses if s[0] != "nothing"} == {200}
