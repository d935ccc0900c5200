"""A publish renews a listing page only when it changes what the listing shows beside the
record's card (nbnet/invalidation.py, ``listing_state``), against a real Redis.

With 100k practitioners a first view of a directory page costs 26-37 ms of CPU; renewing every
directory URL in five languages after each publish took a good part of the machine while
editors worked (README, ``make bench-live``). A new photo, biography or a corrected typo in a
name renews the record's card wherever it is shown; a new theme, city or a name that moves
the record in the alphabet renews the listings of its kind.
"""

from __future__ import annotations

import pytest

from home import facet_index
from nbnet.invalidation import LISTED_PAGE_FIELDS, listing_changed, listing_state
from network.models import PractitionerPage, Theme
from practices.models import PracticePage

from .test_scoped_invalidation import publish, real_redis, store  # noqa: F401 (real_redis: autouse)

pytestmark = pytest.mark.django_db


def kadri() -> PractitionerPage:
    return PractitionerPage.objects.live().get(locale__language_code="en", slug="kadri-tamm")


def shows(client, url: str, text: str) -> bool:
    return text in client.get(url).content.decode()


def test_every_filter_and_order_of_a_declared_listing_reads_only_declared_fields():
    """The declaration is what keeps listings fresh: a filter or an order on a field it does
    not name would leave listings stale after a publish that changes that field."""
    from network.models import NetworkIndexPage
    from practices.models import PracticeIndexPage

    checked = 0
    for kind in facet_index.KINDS.values():
        fields = getattr(kind.model, "listing_fields", None)
        if fields is None:
            continue
        index_model = {PractitionerPage: NetworkIndexPage, PracticePage: PracticeIndexPage}[kind.model]
        listing = kind.listing(str(index_model.objects.first().pk))
        assert listing is not None
        _base, facets, order = listing
        allowed = {*fields, *LISTED_PAGE_FIELDS}
        for facet in facets:
            assert facet.lookup.split("__")[0] in allowed, (kind.name, facet.lookup)
        for name in order:
            assert name.lstrip("-") in {*kind.model.listing_order, *fields}, (kind.name, name)
        assert [name.lstrip("-") for name in order] == [name.lstrip("-") for name in kind.model.listing_order]
        checked += 1
    assert checked == 2  # practitioners and practices


def test_a_new_name_that_keeps_the_order_renews_her_card_not_other_listings(
    client, admin_client, django_capture_on_commit_callbacks
):
    person = kadri()  # in Estonia
    with_her = ["/en/network/?country=EE", "/lv/network/?country=EE"]
    without_her = ["/en/network/?country=LV", "/lv/network/?country=LT", "/en/practices/"]
    assert shows(client, with_her[0], person.title) and not shows(client, without_her[0], person.title)
    store(client, with_her + without_her)

    publish(admin_client, person, django_capture_on_commit_callbacks, title="Kadri Tamm-Saar")

    english = client.get(with_her[0])
    assert english["X-Page-Cache"] == "miss" and "Kadri Tamm-Saar" in english.content.decode()
    assert client.get(with_her[1])["X-Page-Cache"] == "miss"  # her card in Latvian: same record
    for url in without_her:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_new_name_that_moves_her_in_the_alphabet_renews_every_listing_of_her_kind(
    client, admin_client, django_capture_on_commit_callbacks
):
    person = kadri()
    others = PractitionerPage.objects.filter(locale=person.locale).exclude(pk=person.pk).order_by("title")
    assert others.filter(title__lt=person.title).exists()
    urls = ["/en/network/?country=LV", "/lv/network/?country=LT"]  # she is on neither
    store(client, urls)
    publish(admin_client, person, django_capture_on_commit_callbacks, title="Aaaa Tamm")
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_a_new_theme_renews_the_listings_and_she_appears_under_it(
    client, admin_client, django_capture_on_commit_callbacks
):
    person = kadri()
    theme = Theme.objects.filter(locale=person.locale).exclude(pk__in=person.themes.all()).order_by("pk")[0]
    url = f"/en/network/?theme={theme.slug}"
    assert not shows(client, url, person.title)
    store(client, [url, "/en/network/?country=LV"])
    themes = [str(pk) for pk in person.themes.values_list("pk", flat=True)] + [str(theme.pk)]
    from .test_live_editing import edit

    edit_url, data = edit(admin_client, person)
    data["themes"] = themes
    data["action-publish"] = ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(edit_url, data).status_code == 302
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and person.title in response.content.decode()
    assert client.get("/en/network/?country=LV")["X-Page-Cache"] == "miss"  # counts moved


def test_unpublishing_renews_the_listings(client, django_capture_on_commit_callbacks):
    person = kadri()
    store(client, ["/en/network/?country=LV"])
    with django_capture_on_commit_callbacks(execute=True):
        person.unpublish()
    assert client.get("/en/network/?country=LV")["X-Page-Cache"] == "miss"
    assert not shows(client, "/en/network/?country=EE", person.title)


def test_a_practice_with_a_new_intro_renews_its_card_only(client, django_capture_on_commit_callbacks):
    practice = PracticePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    elsewhere = PracticePage.objects.live().filter(locale=practice.locale).exclude(country=practice.country)
    other_country = elsewhere.first().country.code
    with_it, without_it = (
        f"/en/practices/?country={practice.country.code}",
        f"/en/practices/?country={other_country}",
    )
    store(client, [with_it, without_it])
    practice.intro = "A new summary written by the editor."
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    response = client.get(with_it)
    assert (
        response["X-Page-Cache"] == "miss"
        and "A new summary written by the editor." in response.content.decode()
    )
    assert client.get(without_it)["X-Page-Cache"] == "hit"


def test_listing_changed_compares_in_the_databases_collation():
    """Titles are compared by the database that orders the listing, bounds either way round."""
    person = kadri()
    before = listing_state(PractitionerPage, person.pk)
    assert not listing_changed(PractitionerPage, person.pk, before, before)
    neighbour = (
        PractitionerPage.objects.filter(locale=person.locale, title__gt=person.title)
        .order_by("title")
        .first()
    )
    PractitionerPage.objects.filter(pk=person.pk).update(title=person.title + " (v2)")
    after = listing_state(PractitionerPage, person.pk)
    assert neighbour is None or neighbour.title > person.title + " (v2)"
    assert not listing_changed(PractitionerPage, person.pk, before, after)
    assert not listing_changed(PractitionerPage, person.pk, after, before)
    PractitionerPage.objects.filter(pk=person.pk).update(title="Zzzz Last")
    moved = listing_state(PractitionerPage, person.pk)
    assert listing_changed(PractitionerPage, person.pk, before, moved)
    assert listing_changed(PractitionerPage, person.pk, moved, before)
    # A field the listings filter by.
    PractitionerPage.objects.filter(pk=person.pk).update(open_to_exchange=not person.open_to_exchange)
    assert listing_changed(PractitionerPage, person.pk, moved, listing_state(PractitionerPage, person.pk))
    assert listing_changed(PractitionerPage, person.pk, None, before)  # unknown before: renew


def test_a_new_title_is_compared_with_the_records_siblings_only():
    """A page is listed among the pages of its depth (its parent's children): a title in
    between at another depth does not move it (and the depth lets the database use the
    (depth, title) index instead of reading every page of the language)."""
    person = kadri()
    neighbour = (
        PractitionerPage.objects.filter(locale=person.locale, depth=person.depth, title__gt=person.title)
        .order_by("title")
        .first()
    )
    assert neighbour is not None
    before = listing_state(PractitionerPage, person.pk)
    PractitionerPage.objects.filter(pk=person.pk).update(title=neighbour.title + " (later)")
    after = listing_state(PractitionerPage, person.pk)
    assert listing_changed(PractitionerPage, person.pk, before, after), "it passed its neighbour"
    PractitionerPage.objects.filter(pk=neighbour.pk).update(depth=neighbour.depth + 1)
    assert not listing_changed(PractitionerPage, person.pk, before, after)
