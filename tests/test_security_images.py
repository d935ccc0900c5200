"""Issue 25, items 2 and 7: every uploaded image is stored under a name taken from its real
format, re-encoded without EXIF/GPS, and the open API never links an original file.

Hostile files go through the public profile form (a signed-in practitioner) and through the
Wagtail admin (a superuser: the add view and the multiple uploader); what lands under
MEDIA_ROOT must be an image whose extension matches its format, or the upload is refused
with a message (never a 500)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from network.models import PractitionerContact, PractitionerPage

from .conftest import html
from .test_self_service import approve, profile_data, sign_up

pytestmark = pytest.mark.django_db

EXTENSIONS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "GIF": {".gif"}, "WEBP": {".webp"}}
GPS_IFD = 0x8825


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg(size=(40, 30), exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (30, 120, 200))
    image.paste((250, 250, 0), (0, 0, size[0] // 2, size[1] // 4))  # shows which way is up
    if exif is None:
        image.save(buffer, "JPEG", quality=90)
    else:
        image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def _gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (56.0, 57.0, 0.0), 3: "E", 4: (24.0, 6.0, 0.0)}
    return exif


def _pixel_bomb() -> bytes:
    """A tiny PNG that claims 30000 × 30000 pixels (900 million): Pillow refuses to decode it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/en/account/data.json')</script></svg>"
)
HTML = b"<!doctype html><html><body><script>fetch('/en/account/data.json')</script></body></html>"

# name, bytes, whether a valid image is inside
HOSTILE = {
    "png-named-html": ("x.html", _png(), True),
    "png-named-shtml": ("x.shtml", _png(), True),
    "png-named-svg": ("x.svg", _png(), True),
    "png-without-extension": ("photo", _png(), True),
    "html-named-png": ("x.png", HTML, False),
    "svg": ("x.svg", SVG, False),
    "truncated-jpeg": ("x.jpg", _jpeg((400, 300))[:600], False),
    "empty": ("x.png", b"", False),
    "pixel-bomb": ("x.png", _pixel_bomb(), False),
}


def _stored_files(media: Path) -> list[Path]:
    return (
        [path for path in (media / "original_images").rglob("*") if path.is_file()]
        if (media / "original_images").exists()
        else []
    )


def _assert_stored_safely(media: Path) -> None:
    """Whatever was written is an image whose extension is that of its real format."""
    for path in [path for path in media.rglob("*") if path.is_file()]:
        with Image.open(path) as image:
            assert image.format in EXTENSIONS, (path, image.format)
            assert path.suffix in EXTENSIONS[image.format], (path.name, image.format)


def _assert_no_metadata(data: bytes) -> None:
    assert b"Exif" not in data and b"PhoneModel" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), dict(image.getexif())
        assert "exif" not in image.info and "icc_profile" not in image.info


# --- the public profile form ----------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_through_the_profile_form(client, media, case):
    name, data, is_image = HOSTILE[case]
    sign_up(client, f"{case}@example.net")
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    response = client.post("/en/account/profile/", {**profile_data(), "photo": upload})
    if is_image:
        assert response.status_code == 302, html(response).select(".error")
        (stored,) = _stored_files(media)
        assert stored.suffix == ".png" and stored.name == "dace-klavina.png"
    else:
        assert response.status_code == 400
        error = html(response).select_one(".error").get_text()
        assert any(word in error for word in ("image", "empty", "pixels")), error
        # What the person typed is kept.
        assert html(response).select_one("input[name=role]")["value"] == "Housing adviser"
        assert _stored_files(media) == []
    _assert_stored_safely(media)


def test_a_profile_photo_loses_its_exif_and_gps_and_keeps_its_orientation(client, admin_user, media):
    sign_up(client, "gps@example.net")
    # 40 × 20 pixels on the sensor, orientation 6: the camera was turned, people see 20 × 40.
    original = _jpeg((40, 20), exif=_gps_exif(orientation=6))
    assert b"Exif" in original and Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    upload = SimpleUploadedFile("IMG_0001.JPG", original, content_type="image/jpeg")
    assert client.post("/en/account/profile/", {**profile_data(), "photo": upload}).status_code == 302

    page = PractitionerContact.objects.get(user__username="gps@example.net").page
    approve(page, admin_user)
    page = PractitionerPage.objects.get(pk=page.pk)
    stored = Path(page.photo.file.path)
    assert stored.parent == media / "original_images" and stored.suffix == ".jpg"
    _assert_no_metadata(stored.read_bytes())
    with Image.open(stored) as image:
        assert image.size == (20, 40)  # turned upright once, not left sideways
    assert (page.photo.width, page.photo.height) == (20, 40)
    assert page.photo.file_size == stored.stat().st_size

    # The page shows renditions only, and a rendition carries no metadata either.
    soup = html(client.get(page.url))
    sources = [soup.select_one("img.profile__photo")["src"]]
    sources += [source["srcset"].split()[0] for source in soup.select("picture source")]
    for url in sources:
        assert url.startswith(django_settings.MEDIA_URL) and "/original_images/" not in url
        rendition = media / url.removeprefix(django_settings.MEDIA_URL)
        assert rendition.exists(), url
        if rendition.suffix in (".jpg", ".webp"):
            _assert_no_metadata(rendition.read_bytes())


def test_the_api_never_links_the_original_of_a_profile_photo(client, admin_user, media):
    sign_up(client, "api-photo@example.net")
    upload = SimpleUploadedFile("me.jpg", _jpeg(exif=_gps_exif()), content_type="image/jpeg")
    assert client.post("/en/account/profile/", {**profile_data(), "photo": upload}).status_code == 302
    page = PractitionerContact.objects.get(user__username="api-photo@example.net").page
    approve(page, admin_user)
    page = PractitionerPage.objects.get(pk=page.pk)
    assert page.live and page.photo

    answers = {}
    for url in (
        "/api/v2/images/",
        "/api/v2/images/?fields=*",
        f"/api/v2/images/{page.photo_id}/",
        f"/api/v2/images/?search={page.photo.title.split()[0]}",
        "/api/v2/pages/?type=network.PractitionerPage&fields=photo&limit=100",
        "/api/v2/pages/?type=network.PractitionerPage&fields=*&limit=100",
        f"/api/v2/pages/{page.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        answers[url] = response.content.decode()
        assert "/original_images/" not in answers[url], url
        assert "download_url" not in answers[url], url
    assert client.get("/api/v2/images/?fields=download_url").status_code == 400

    # What the API offers instead is a rendition, without metadata.
    detail = client.get(f"/api/v2/images/{page.photo_id}/").json()
    url = detail["meta"]["rendition"]["url"]
    assert "/original_images/" not in url
    _assert_no_metadata((media / url.removeprefix(django_settings.MEDIA_URL)).read_bytes())
    nested = client.get(f"/api/v2/pages/{page.pk}/").json()["photo"]
    assert nested["id"] == page.photo_id and "/original_images/" not in nested["meta"]["rendition"]["url"]


# --- the Wagtail admin ------------------------------------------------------------------


def _admin_add(admin_client, name, data):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, data), "collection": 1},
    )


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_through_the_admin_image_form(admin_client, media, case):
    name, data, _is_image = HOSTILE[case]
    count = get_image_model().objects.count()
    response = _admin_add(admin_client, name, data)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        assert len(_stored_files(media)) == 1
        assert get_image_model().objects.count() == count + 1
    else:
        assert get_image_model().objects.count() == count
        errors = [element.get_text(" ", strip=True) for element in html(response).select(".w-field__errors")]
        assert any(errors), response.content[:500]
        assert _stored_files(media) == []
    _assert_stored_safely(media)


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_through_the_admin_multiple_uploader(admin_client, media, case):
    name, data, _is_image = HOSTILE[case]
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, data), "title": name, "collection": 1},
    )
    assert response.status_code in (200, 400)
    answer = response.json()
    if not answer["success"]:
        assert answer["error_message"].strip()
        assert _stored_files(media) == []
    _assert_stored_safely(media)


@pytest.mark.parametrize("uploader", ["add", "add_multiple"])
def test_an_admin_upload_loses_exif_and_is_named_by_its_format(admin_client, media, uploader):
    # A JPEG photo named .png (a common mix-up): Wagtail refuses mismatches itself; a correct
    # name goes through and the file is re-encoded without EXIF/GPS, upright.
    data = _jpeg((40, 20), exif=_gps_exif(orientation=8))
    upload = SimpleUploadedFile("Holiday Photo, Rīga 2026!.JPEG", data)
    if uploader == "add":
        response = admin_client.post(
            reverse("wagtailimages:add"), {"title": "Holiday", "file": upload, "collection": 1}
        )
        assert response.status_code == 302
    else:
        response = admin_client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": upload, "title": "Holiday", "collection": 1}
        )
        assert response.json()["success"] is True
    image = get_image_model().objects.get(title="Holiday")
    stored = Path(image.file.path)
    assert stored.name == "holiday-photo-riga-2026.jpg"
    _assert_no_metadata(stored.read_bytes())
    assert (image.width, image.height) == (20, 40) and image.file_size == stored.stat().st_size
    with Image.open(stored) as opened:
        assert opened.size == (20, 40)


def test_code_that_saves_an_image_directly_is_cleaned_too(media):
    """Imports, factories and scripts create images without a form: the same rules apply."""
    from django.core.files.base import ContentFile

    image = get_image_model()(title="Script")
    image.file = ContentFile(_jpeg(exif=_gps_exif()), name="script.html")
    image.save()
    stored = Path(image.file.path)
    assert stored.suffix == ".jpg"
    _assert_no_metadata(stored.read_bytes())


def test_a_file_written_before_the_image_is_saved_is_cleaned_and_the_raw_copy_removed(media):
    """Wagtail's multiple uploader, when another field fails, keeps the upload aside and later
    writes it with ``file.save()`` before saving the image: that path is re-encoded too."""
    from django.core.files.base import ContentFile

    image = get_image_model()(title="Later")
    image.file.save("later.jpg", ContentFile(_jpeg(exif=_gps_exif())), save=False)
    raw = Path(image.file.path)
    assert b"Exif" in raw.read_bytes()
    image.save()
    stored = Path(image.file.path)
    _assert_no_metadata(stored.read_bytes())
    assert [path.name for path in _stored_files(media)] == [stored.name]


def test_animated_gif_keeps_its_first_frame_and_webp_stays_webp(media):
    from django.core.files.base import ContentFile

    frames = [Image.new("RGB", (30, 20), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=b"hi")
    webp = io.BytesIO()
    exif = _gps_exif()
    frames[1].save(webp, "WEBP", lossless=True, exif=exif)
    assert b"PhoneModel" in webp.getvalue()  # WebP keeps EXIF in a chunk named "EXIF"
    for name, data, image_format in (("anim.html", gif, "GIF"), ("pic.svg", webp, "WEBP")):
        image = get_image_model()(title=name)
        image.file = ContentFile(data.getvalue(), name=name)
        image.save()
        stored = Path(image.file.path)
        assert stored.suffix == "." + image_format.lower()
        _assert_no_metadata(stored.read_bytes())
        with Image.open(stored) as opened:
            assert opened.format == image_format and getattr(opened, "n_frames", 1) == 1
            assert "comment" not in opened.info


def test_the_admin_image_form_is_the_safe_one():
    """The setting that puts the checks on the admin's forms is in place (home.E001 otherwise)."""
    from home.images import check_image_form

    assert check_image_form(None) == []
