"""Images are served as renditions in modern formats with fallbacks, in responsive sizes:
``<picture>`` with AVIF and WebP sources and a JPEG (PNG for logos) ``<img>``, each with a
``srcset`` of several widths, and the renditions really written to storage."""

from __future__ import annotations

import pytest
import wagtail_factories
from wagtail.models import Locale

from home.factories import StandardPageFactory
from home.models import HomePage
from network.models import Organisation, PractitionerPage
from tests.conftest import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return wagtail_factories.ImageFactory(title="Valka", file__width=1600, file__height=1000)


def _picture(soup, selector="picture"):
    picture = soup.select_one(selector)
    assert picture is not None, "no <picture> element"
    sources = {source["type"]: source for source in picture.find_all("source")}
    return picture, sources, picture.find("img")


def _widths(srcset: str) -> list[str]:
    return [candidate.split()[-1] for candidate in srcset.split(",")]


def _renditions_exist(image) -> set[str]:
    specs = set()
    for rendition in image.renditions.all():
        assert rendition.file.storage.exists(rendition.file.name), rendition.file.name
        specs.add(rendition.filter_spec)
    return specs


def test_a_profile_photo_is_a_picture_in_avif_webp_and_jpeg(client, image):
    page = PractitionerPage.objects.get(locale=Locale.get_default(), slug="ilze-kalnina")
    page.photo = image
    page.save_revision().publish()
    soup = html(client.get(page.url))
    _picture_el, sources, img = _picture(soup)
    assert set(sources) == {"image/avif", "image/webp"}
    assert _widths(sources["image/webp"]["srcset"]) == ["160w", "320w"]
    assert ".webp" in sources["image/webp"]["srcset"] and ".avif" in sources["image/avif"]["srcset"]
    assert img["src"].endswith(".jpg") and "profile__photo" in img["class"]
    assert img["alt"] == page.title and (img["width"], img["height"]) == ("160", "160")
    specs = _renditions_exist(image)
    assert len(specs) == 6  # three formats, two sizes
    assert {name for spec in specs for name in ("avif", "webp", "jpeg") if f"format-{name}" in spec} == {
        "avif",
        "webp",
        "jpeg",
    }


def test_a_figure_in_a_page_body_has_responsive_widths_and_lazy_loading(client, image):
    home = HomePage.objects.get(locale=Locale.get_default())
    page = StandardPageFactory(
        parent=home,
        slug="with-figure",
        locale=Locale.get_default(),
        body=[
            ("figure", {"image": image, "alt_text": "The border between Valka and Valga", "caption": "Map"})
        ],
    )
    page.save_revision().publish()
    soup = html(client.get(page.url))
    _picture_el, sources, img = _picture(soup, "figure picture")
    assert set(sources) == {"image/avif", "image/webp"}
    assert _widths(sources["image/avif"]["srcset"]) == ["400w", "800w", "1200w"]
    assert _widths(img["srcset"]) == ["400w", "800w", "1200w"] and img["src"].endswith(".jpg")
    assert img["loading"] == "lazy" and img["alt"] == "The border between Valka and Valga"
    assert "sizes" in sources["image/webp"].attrs
    assert len(_renditions_exist(image)) == 9  # three formats, three widths


def test_an_organisation_logo_falls_back_to_png_to_keep_transparency(client, image):
    organisation = Organisation.objects.get(locale=Locale.get_default(), slug="providus")
    organisation.logo = image
    organisation.save()
    soup = html(client.get("/en/network/organisations/providus/"))
    _picture_el, sources, img = _picture(soup)
    assert set(sources) == {"image/avif", "image/webp"}
    assert img["src"].endswith(".png") and img["alt"] == ""
    assert _widths(img["srcset"]) == ["160w", "320w"]  # 1600×1000 fitted into 200×100, and twice that
    assert len(_renditions_exist(image)) == 6
