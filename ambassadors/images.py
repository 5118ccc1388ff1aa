"""Profile photos: checked by what the file really is (portal.images), then re-encoded.

The browser's content type and the file name are claims, not facts; Pillow reads the content.
Every accepted photo is decoded and written again as a fresh JPEG of a fixed size, which also
drops metadata such as the GPS position a phone stores in its pictures.
"""

import io
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from portal.images import image_check

PHOTO_SIZE = (640, 800)  # portrait 4:5, the shape of the cards
MIN_SIDE = 300


def max_photo_bytes() -> int:
    return getattr(settings, "AMBASSADOR_PHOTO_MAX_BYTES", 5 * 1024 * 1024)


def photo_check(file) -> Image.Image:
    """Return the opened image, or raise ValidationError saying what is wrong with the file."""
    return image_check(file, max_bytes=max_photo_bytes(), min_side=MIN_SIDE)


def photo_normalise(file) -> SimpleUploadedFile:
    """Check the upload and return a new JPEG, cropped to the profile shape and stripped of metadata."""
    image = photo_check(file)
    try:
        image = ImageOps.exif_transpose(image)  # phones store "rotate me" in EXIF; apply it before dropping EXIF
        image = image.convert("RGB")
        image = ImageOps.fit(image, PHOTO_SIZE, method=Image.Resampling.LANCZOS, centering=(0.5, 0.35))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    except (OSError, ValueError):
        raise ValidationError(_("Bildfilen är skadad eller ofullständig."), code="photo_broken") from None
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.jpg", out.getvalue(), content_type="image/jpeg")


class _LinkedPhoto:
    """The current photo as the file input shows it: linked to the photo view, not to MEDIA_URL."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PhotoInput(forms.ClearableFileInput):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if self.is_initial(value) and instance is not None and hasattr(instance, "photo_url"):
            context["widget"]["value"] = _LinkedPhoto(value.name.rsplit("/", 1)[-1], instance.photo_url())
        return context


class ProfilePhotoField(forms.ImageField):
    """An image upload that accepts only real JPEG, PNG or WebP photos and hands on a normalised JPEG."""

    default_error_messages = {
        "invalid_image": _("Filen är ingen bild som kan läsas. Använd en bild i formatet JPEG, PNG eller WebP."),
    }

    widget = PhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _("JPEG, PNG eller WebP, högst %(max)s. Bilden beskärs till stående format.")
            % {"max": filesizeformat(max_photo_bytes())},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        if data in self.empty_values:
            return None
        # Size first, so a huge upload is refused before Pillow decodes it.
        if getattr(data, "size", 0) > max_photo_bytes():
            photo_check(data)
        checked = super().to_python(data)
        return photo_normalise(checked)
