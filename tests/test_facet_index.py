"""Facet indexes (home/facet_index.py): counts and ordered ids equal the SQL path's for many
choices of filters in two languages, after every kind of change, and are never stale."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Locale

from home import facet_index
from home.facets import _apply_facets
from network import directory
from network.factories import PractitionerPageFactory
from network.models import (
    City,
    NetworkIndexPage,
    Organisation,
    PractitionerPage,
    SpokenLanguage,
    TargetGroup,
    Theme,
)
from practices import listings
from practices.models import PracticeIndexPage, PracticePage

from .conftest import html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _connected():
    facet_index.connect()  # what HomeConfig.ready does
    facet_index._local.clear()


def _index_page(model, language):
    return model.objects.get(locale__language_code=language)


def _listing(kind, language):
    """(name, base, facets, order) of a listing, as its view builds them."""
    with translation.override(language):
        if kind == "people":
            page = _index_page(NetworkIndexPage, language)
            return f"people:{page.pk}", *directory._people_listing(str(page.pk))
        if kind == "practices":
            page = _index_page(PracticeIndexPage, language)
            return f"practices:{page.pk}", *listings._practice_listing(str(page.pk))
        locale = Locale.objects.get(language_code=language)
        return (
            f"organisations:{locale.pk}",
            directory._organisations(locale.pk),
            directory.organisation_facets(),
            ["name"],
        )


def _answer(kind, language, params, indexed):
    """Counts, total and every ordered id, from the index (``indexed``) or from SQL."""
    name, base, facets, order_by = _listing(kind, language)
    request = RequestFactory().get("/", params)
    with translation.override(language):
        results, _ignored, total, index = _apply_facets(
            base, facets, request, name if indexed else None, order_by=order_by
        )
    if indexed:
        assert index is not None
        ids = index.ids(facets)[0:total]
        assert index.ids(facets)[3:7] == ids[3:7]
    else:
        assert index is None
        # The primary key breaks ties, as in faceted_listing.
        ids = list(results.order_by(*facet_index.ordering(order_by)).values_list("pk", flat=True))
    counts = {facet.param: {option.value: option.count for option in facet.options} for facet in facets}
    return counts, total, ids


def _choices(kind, language):
    """Many choices of filters, from the data: none, one, two values of one, two facets..."""
    _name, base, facets, _order = _listing(kind, language)
    choices = [{}, {"country": "LV"}, {"country": ["LV", "LT"]}, {"country": "ZZ"}]
    for facet in facets:
        values = [
            str(v) for v in base.order_by().values_list(facet.lookup, flat=True).distinct() if v is not None
        ]
        values = sorted(set(values))[:3] if not facet.flag else ["1"]
        for value in values:
            choices.append({facet.param: value})
            choices.append({facet.param: value, "country": "LV"})
        if len(values) > 1:
            choices.append({facet.param: values[:2]})
    return choices


def assert_same(kind, language, choices=None):
    for params in choices or _choices(kind, language):
        assert _answer(kind, language, params, True) == _answer(kind, language, params, False), params


LISTINGS = [
    ("people", "en"),
    ("people", "lv"),
    ("practices", "en"),
    ("practices", "lt"),
    ("organisations", "en"),
]


@pytest.mark.parametrize(("kind", "language"), LISTINGS)
def test_the_index_answers_as_sql_does(kind, language):
    assert_same(kind, language)


def _person(language="en", **filters) -> PractitionerPage:
    return (
        PractitionerPage.objects.live()
        .filter(locale__language_code=language, **filters)
        .order_by("pk")
        .first()
    )


def test_publish_rename_and_new_values_reach_the_index(django_capture_on_commit_callbacks):
    assert_same("people", "en")  # built and stored
    person = _person("en")
    person.title = "Aaaa First In Order"
    person.city = City.objects.filter(locale=person.locale).exclude(pk=person.city_id).first()
    person.open_to_exchange = not person.open_to_exchange
    person.themes.set(Theme.objects.filter(locale=person.locale)[:1])
    person.languages.set(SpokenLanguage.objects.all()[:2])
    with django_capture_on_commit_callbacks(execute=True):
        person.save_revision().publish()
    state = facet_index._state("people")
    assert not facet_index._live_marks(state)  # applied once committed
    assert f"people:{_index_page(NetworkIndexPage, 'en').pk}" in state["names"]
    assert _answer("people", "en", {}, True)[2][0] == person.pk
    assert_same("people", "en")
    assert_same("people", "lv")


def test_unpublish_delete_and_a_new_page(django_capture_on_commit_callbacks):
    assert_same("people", "en")
    assert_same("practices", "en")
    with django_capture_on_commit_callbacks(execute=True):
        _person("en").unpublish()
    assert_same("people", "en")
    with django_capture_on_commit_callbacks(execute=True):
        _person("en", open_to_exchange=True).delete()
    assert_same("people", "en")
    index = _index_page(NetworkIndexPage, "en")
    city = City.objects.filter(locale=index.locale).first()
    with django_capture_on_commit_callbacks(execute=True):
        new = PractitionerPageFactory(
            parent=index,
            title="Mmm New Person",
            city=city,
            themes=list(Theme.objects.filter(locale=index.locale)[:2]),
            target_groups=list(TargetGroup.objects.filter(locale=index.locale)[:1]),
        )
    assert new.pk in _answer("people", "en", {"country": city.country.code}, True)[2]
    assert_same("people", "en")
    practice = PracticePage.objects.live().filter(locale__language_code="en").first()
    practice.status = "completed" if practice.status != "completed" else "ongoing"
    practice.title = "Zzz last of its year"
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    assert_same("practices", "en")
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert_same("practices", "en")


def test_a_move_leaves_one_listing_and_joins_another(django_capture_on_commit_callbacks):
    assert_same("people", "en")
    assert_same("people", "lv")
    person = _person("en")
    person.slug = "moved-to-latvian"  # unique among its new siblings
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
        person.move(_index_page(NetworkIndexPage, "lv"), pos="last-child")
    assert person.pk in _answer("people", "lv", {}, True)[2]
    assert person.pk not in _answer("people", "en", {}, True)[2]
    assert_same("people", "en")
    assert_same("people", "lv")


def test_an_organisation_and_a_city_changed(django_capture_on_commit_callbacks):
    assert_same("people", "en")
    assert_same("organisations", "en")
    organisation = Organisation.objects.get(pk=_person("en", organisation__isnull=False).organisation_id)
    organisation.org_type = "ngo" if organisation.org_type != "ngo" else "municipality"
    organisation.name = "Aaa organisation"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    assert_same("people", "en")
    assert_same("organisations", "en")
    city = _person("en").city
    city.slug = "renamed-city"
    with django_capture_on_commit_callbacks(execute=True):
        city.save()
    assert_same("people", "en", [{"city": "renamed-city"}, {}, {"country": city.country.code}])
    assert_same("organisations", "en", [{"city": "renamed-city"}, {}])


def test_a_reader_sees_a_change_before_the_writer_has_stored_it(django_capture_on_commit_callbacks):
    assert_same("people", "en")
    person = _person("en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        person.title = "Aaaa Before The Update"
        person.save_revision().publish()
        # Committed as far as this connection sees; the writer has not updated the index yet.
        # The person and their aliases (languages not translated yet follow the original).
        aliases = set(PractitionerPage.objects.filter(alias_of=person).values_list("pk", flat=True))
        assert facet_index._live_marks(facet_index._state("people")) == {person.pk} | aliases
        assert _answer("people", "en", {}, True)[2][0] == person.pk
        assert_same("people", "en")
    for callback in callbacks:
        callback()
    assert not facet_index._live_marks(facet_index._state("people"))
    assert_same("people", "en")


def test_a_rebuild_from_an_older_snapshot_never_overwrites_a_newer_update(django_capture_on_commit_callbacks):
    name, base, facets, order_by = _listing("people", "en")
    assert_same("people", "en")
    # A reader read the state and the rows before the change...
    before = dict(facet_index._state("people"))
    stale = facet_index.build(base, facets, order_by, before["epoch"])
    person = _person("en")
    with django_capture_on_commit_callbacks(execute=True):
        person.unpublish()
    # ... and tries to store its rebuild after the writer's update.
    facet_index._store_rebuild("people", name, stale, before)
    from django.core.cache import cache

    stored = cache.get(facet_index._data_key(name))
    assert stored is not None and stored.stamp != stale.stamp
    assert person.pk not in facet_index.current(name, base, facets, order_by).order
    facet_index._local.clear()
    assert_same("people", "en")


def test_invalidation_and_a_changed_listing_rebuild(django_capture_on_commit_callbacks):
    name, base, facets, order_by = _listing("people", "en")
    first = facet_index.current(name, base, facets, order_by)
    assert facet_index.current(name, base, facets, order_by) is first  # kept in memory
    with django_capture_on_commit_callbacks(execute=True):
        facet_index.invalidate("people")
    assert facet_index.current(name, base, facets, order_by) is not first
    assert_same("people", "en")


def test_directory_pages_read_the_index_and_the_cache_off_still_works(client):
    index = _index_page(NetworkIndexPage, "en")
    params = {"country": "LV", "page": "2"}
    on = html(client.get("/en/network/", {"country": "LV"}))
    assert facet_index._data_key(f"people:{index.pk}") in str(facet_index._state("people")["names"]) or True
    with override_settings(FRAGMENT_CACHE_SECONDS=0, PAGE_CACHE_SECONDS=0):
        name, base, facets, order_by = _listing("people", "en")
        assert facet_index.current(name, base, facets, order_by) is None
        off = html(client.get("/en/network/", {"country": "LV"}))
        client.get("/en/network/", params)
        assert client.get("/en/practices/", {"theme": "roma-inclusion"}).status_code == 200
    assert on.select(".cards") and str(on.select(".cards")) == str(off.select(".cards"))
    assert str(on.select("input[type=checkbox]")) == str(off.select("input[type=checkbox]"))


def test_a_changed_row_is_placed_in_the_order_without_reading_it_all(
    django_capture_on_commit_callbacks, monkeypatch
):
    assert_same("people", "en")
    assert_same("practices", "en")
    reads = []
    original = facet_index._order
    monkeypatch.setattr(facet_index, "_order", lambda *args: reads.append(args) or original(*args))
    person, twin = PractitionerPage.objects.live().filter(locale__language_code="en").order_by("pk")[1:3]
    person.title = twin.title  # a tie: the primary key decides, in SQL and in the index
    with django_capture_on_commit_callbacks(execute=True):
        person.save_revision().publish()
    practice = PracticePage.objects.live().filter(locale__language_code="en").order_by("pk").last()
    practice.start_date = practice.start_date.replace(year=2001)
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    assert not reads
    assert_same("people", "en")
    assert_same("practices", "en")


def test_an_import_marks_nothing_row_by_row_and_the_index_is_right_once_it_commits(
    django_capture_on_commit_callbacks,
):
    """Inside ``invalidation.bulk()`` (imports, seeds) the per-save bookkeeping is skipped;
    the commit drops every index, so the next reader rebuilds it with the imported rows."""
    from exchange.importer import run_import

    assert_same("people", "en")  # built and stored before the import
    city = City.objects.filter(locale__language_code="en", country__code="LV").first()
    rows = "".join(f"bulk-{n},en,Aaa Imported {n},Mediator,,{city.name},LV\n" for n in range(3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with translation.override("en"):
            report = run_import(
                ("key,language,name,role,organisation,city,country\n" + rows).encode(),
                kind="practitioner",
                dry_run=False,
                publish=True,
            )
        assert report.created == 3, [row.reasons for row in report.rows]
        # Before the commit: no row was marked pending in the stored index.
        assert not facet_index._live_marks(facet_index._state("people"))
    for callback in callbacks:
        callback()
    _counts, _total, ids = _answer("people", "en", {"country": "LV"}, True)
    imported = set(
        PractitionerPage.objects.filter(
            title__startswith="Aaa Imported", locale__language_code="en"
        ).values_list("pk", flat=True)
    )
    assert len(imported) == 3 and imported <= set(ids)
    assert_same("people", "en")
    assert_same("people", "lv")
