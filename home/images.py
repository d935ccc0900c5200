"""Every image that enters the site is re-encoded before it is stored (issue 25, items 2 and 7).

- The stored name comes from the format Pillow detects, never from the uploaded name: a PNG
  called ``x.html`` is stored as ``x.png`` (a server that types files by extension would
  otherwise serve it as HTML on the site's origin).
- The pixels are decoded and written again: EXIF (with GPS), XMP, comments and other metadata
  are dropped; the EXIF orientation is applied first so photos stay upright; an embedded
  colour profile is converted to sRGB, then dropped (browsers assume sRGB).
- Only the first frame of an animated GIF/WebP is kept: the site shows images through
  renditions, which Wagtail's Pillow back end makes from the first frame anyway.
- Decompression bombs, damaged or truncated files, and files over the size limit are refused
  with a message, at form level.

Where it runs: ``SafeImageForm`` is Wagtail's image form base (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
Wagtail's documented way to change the admin's add/edit/multiple/chooser upload forms), so
the admin shows a message instead of a server error; the public profile form calls
``sanitise`` in ``clean_photo``; and a ``pre_save`` receiver on the image model (``install``)
re-encodes whatever else arrives without a form (imports, factories, scripts), and keeps
width, height, size and hash right for the stored bytes.
"""

from __future__ import annotations

import io
import os
import warnings

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.signals import pre_save
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm, get_image_base_form
from wagtail.utils.file import hash_filelike

# Pillow format → the one extension it is stored under. MPO is how Pillow names the JPEG files
# of cameras that add a second picture (a depth map, a preview): JPEG, first picture kept.
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
SAVE_AS = {"MPO": "JPEG"}
STEM_MAX = 40

MESSAGES = {
    "unsupported": _("This file is not an image in a format we accept. Use JPEG, PNG, GIF or WebP."),
    "damaged": _("This image is damaged or incomplete and cannot be read. Please save it again and retry."),
    "too_many_pixels": _("This image has too many pixels. Please choose a smaller one."),
    "too_large": _("This image is larger than %(limit)s. Please choose a smaller one."),
}


class CleanImage(ContentFile):
    """Re-encoded bytes; ``extension`` is that of the detected format."""

    sanitised = True

    def __init__(self, content: bytes, stem: str, extension: str, size: tuple[int, int]):
        super().__init__(content, name=stored_name(stem, extension))
        self.extension = extension
        self.image_size = size


def stored_name(stem: str, extension: str) -> str:
    """ASCII, at most STEM_MAX characters, and the extension of the real format."""
    stem = slugify(stem)
    return f"{stem[:STEM_MAX].strip('-_') or 'image'}.{extension}"


def _stem(name: str | None) -> str:
    return os.path.splitext(os.path.basename(name or ""))[0]


def max_pixels() -> int:
    # Wagtail's own limit for the admin (128 million unless set), never above Pillow's.
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000) or Image.MAX_IMAGE_PIXELS
    return min(limit, Image.MAX_IMAGE_PIXELS)


def _error(code: str, **params) -> ValidationError:
    message = MESSAGES[code] % params if params else MESSAGES[code]
    return ValidationError(message, code=code)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: the pixels as they are


def _pixels_only(image: Image.Image, image_format: str) -> Image.Image:
    """The decoded first frame, upright, in a mode the format writes, with no metadata."""
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    upright = _to_srgb(upright, icc)
    transparent = "transparency" in upright.info or upright.mode in ("RGBA", "LA", "PA")
    if image_format in ("JPEG", "MPO"):
        if upright.mode not in ("L", "RGB"):
            upright = upright.convert("RGB")
    elif image_format in ("PNG", "GIF", "WEBP"):
        wanted = ("1", "L", "RGB", "RGBA") if image_format == "PNG" else ("RGB", "RGBA")
        if upright.mode not in wanted or "transparency" in upright.info:
            upright = upright.convert("RGBA" if transparent else "RGB")
    clean = upright.copy()
    clean.info = {}  # Pillow writes some of these back (PNG: icc_profile), so none are kept
    return clean


def sanitise(upload, stem: str | None = None, formats=None, pixel_limit: int | None = None) -> CleanImage:
    """Decode ``upload`` and write it again without metadata; raise ValidationError if it is not
    an acceptable image. ``stem`` names the stored file (default: the uploaded name's stem)."""
    formats = set(formats or EXTENSIONS)
    if "JPEG" in formats:
        formats.add("MPO")
    upload.seek(0)
    data = upload.read()
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
    if limit and len(data) > limit:
        raise _error("too_large", limit=filesizeformat(limit))
    if not data:
        raise _error("damaged")
    pixel_limit = min(pixel_limit or max_pixels(), max_pixels())
    with warnings.catch_warnings():
        # Above MAX_IMAGE_PIXELS Pillow only warns (it refuses at twice that): refuse at once.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=sorted(formats - {"MPO"})) as image:
                image_format = image.format
                if image_format not in formats:
                    raise _error("unsupported")
                width, height = image.size
                if width * height > pixel_limit:
                    raise _error("too_many_pixels")
                image.seek(0)
                image.load()
                clean = _pixels_only(image, image_format)
            out = io.BytesIO()
            save_as = SAVE_AS.get(image_format, image_format)
            options = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}}
            if save_as == "WEBP" and b"VP8L" in data[:64]:
                options["WEBP"] = {"lossless": True}
            clean.save(out, save_as, **options.get(save_as, {}))
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _error("too_many_pixels") from None
        except UnidentifiedImageError:
            raise _error("unsupported") from None
        except Exception as error:
            # A hostile or damaged file makes Pillow raise many kinds of error (OSError,
            # SyntaxError, struct.error, ValueError…): each one is a refused upload, not a 500.
            raise _error("damaged") from error
    if stem is None:
        stem = _stem(getattr(upload, "name", None))
    return CleanImage(out.getvalue(), stem, EXTENSIONS[image_format], clean.size)


class GuardedImageField(WagtailImageField):
    """Wagtail's image field, whose own checks (extension, size, pixels) stay; but a file
    damaged inside its header makes them raise OSError (a 500 in Wagtail 8.0.1's admin for
    a JPEG cut short): that is a refusal with a message too."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # Pillow/Willow on a hostile header: see sanitise
            raise _error("damaged") from error


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (admin add, edit, multiple upload, chooser upload) with the upload
    re-encoded during validation, so a refusal is a message on the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            self.fields["file"] = GuardedImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return sanitise(upload)
        return upload


def _clean_before_save(sender, instance, raw=False, **kwargs):
    """The last line: an image saved without one of the forms above is re-encoded too."""
    if raw or not instance.file:
        return
    field_file = instance.file
    old_name = None
    if field_file._committed:
        if not instance._state.adding:
            return  # an existing image saved again (title, focal point…): nothing new
        # A new image whose file was written before saving (Wagtail's "create from uploaded
        # file" step of the multiple uploader): re-encode it and remove the raw copy.
        old_name = field_file.name
        with field_file.storage.open(old_name, "rb") as raw_file:
            content = sanitise(raw_file, stem=_stem(old_name))
    else:
        content = field_file.file
        if not getattr(content, "sanitised", False):
            content = sanitise(content, stem=_stem(field_file.name))
    instance.file = content
    instance.width, instance.height = content.image_size
    instance.file_size = content.size
    content.seek(0)
    instance.file_hash = hash_filelike(content)
    content.seek(0)
    if old_name and not sender.objects.filter(file=old_name).exists():
        field_file.storage.delete(old_name)


def install() -> None:
    pre_save.connect(_clean_before_save, sender=get_image_model(), dispatch_uid="home.images.clean")


@checks.register(checks.Tags.security)
def check_image_form(app_configs, **kwargs):
    if issubclass(get_image_base_form(), SafeImageForm):
        return []
    return [
        checks.Error(
            "Admin image uploads are not re-encoded at form level.",
            hint='Set WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.SafeImageForm".',
            id="home.E001",
        )
    ]
