"""Uploaded images: checked by what the file really is, then re-encoded.

The browser's content type and the file name are claims, not facts; Pillow reads the content.
Every accepted image is decoded and written again as a fresh JPEG no larger than it needs to be,
which also drops metadata such as the GPS position a phone stores in its pictures. Ambassadors'
photos (ambassadors.images) and the images of projects, news and events (ResizedImageField) both
go through `image_check`.
"""

import io
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_PIXELS = 40_000_000  # far above any camera photo, far below a "decompression bomb"
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MIN_SIDE = 200
# Wide enough for the widest place an image is shown (the main column at 72rem) on a sharp screen.
IMAGE_SIZE = (1600, 1200)


def image_check(file, *, max_bytes: int, min_side: int) -> Image.Image:
    """Return the opened image, or raise ValidationError saying what is wrong with the file."""
    if file.size > max_bytes:
        raise ValidationError(
            _("Bilden är för stor (%(size)s). Största tillåtna storlek är %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            code="photo_too_large",
        )
    allowed = ", ".join(ALLOWED_FORMATS.values())
    file.seek(0)
    try:
        with Image.open(file) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format in ALLOWED_FORMATS and width * height <= MAX_PIXELS:
                probe.verify()  # reads the whole file: catches truncated or corrupt data
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            _("Filen är ingen bild som kan läsas. Använd en bild i formatet %(formats)s.") % {"formats": allowed},
            code="photo_not_an_image",
        ) from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors for broken files
        raise ValidationError(_("Bildfilen är skadad eller ofullständig."), code="photo_broken") from None
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Bilden har formatet %(format)s. Använd %(formats)s.") % {"format": image_format, "formats": allowed},
            code="photo_wrong_type",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("Bilden har för många bildpunkter. Förminska den och försök igen."),
            code="photo_too_many_pixels",
        )
    if min(width, height) < min_side:
        raise ValidationError(
            _(
                "Bilden är för liten (%(width)s × %(height)s bildpunkter). Den behöver vara minst "
                "%(min)s bildpunkter på båda ledderna."
            )
            % {"width": width, "height": height, "min": min_side},
            code="photo_too_small",
        )
    file.seek(0)
    return Image.open(file)


def image_shrink(file, *, size=IMAGE_SIZE, max_bytes=IMAGE_MAX_BYTES, min_side=IMAGE_MIN_SIDE) -> SimpleUploadedFile:
    """Check the upload and return a new JPEG that fits within `size`, its proportions kept (never
    enlarged), turned the right way up and stripped of metadata."""
    image = image_check(file, max_bytes=max_bytes, min_side=min_side)
    try:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGB")
        image.thumbnail(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    except (OSError, ValueError):
        raise ValidationError(_("Bildfilen är skadad eller ofullständig."), code="photo_broken") from None
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.jpg", out.getvalue(), content_type="image/jpeg")


class ResizedImageFormField(forms.ImageField):
    """An image upload that accepts only real JPEG, PNG or WebP images and hands on a resized JPEG."""

    default_error_messages = {
        "invalid_image": _("Filen är ingen bild som kan läsas. Använd en bild i formatet JPEG, PNG eller WebP."),
    }

    def __init__(self, *, size=IMAGE_SIZE, **kwargs):
        self.size = size
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if getattr(data, "size", 0) > IMAGE_MAX_BYTES:  # refused before Pillow decodes it
            image_check(data, max_bytes=IMAGE_MAX_BYTES, min_side=IMAGE_MIN_SIDE)
        return image_shrink(super().to_python(data), size=self.size)


class ResizedImageField(models.ImageField):
    """An ImageField whose uploads (in the admin as in any form) are checked and resized on the way in."""

    def __init__(self, *args, size=IMAGE_SIZE, **kwargs):
        self.size = tuple(size)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.size != IMAGE_SIZE:
            kwargs["size"] = self.size
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ResizedImageFormField, "size": self.size, **kwargs})
