"""Photo uploads: checked by what the file is, not what it claims to be, then re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from ambassadors.images import PHOTO_SIZE, ProfilePhotoField, photo_normalise
from tests.ambassadors.factories import image_file


def clean(upload):
    return ProfilePhotoField(required=False).clean(upload)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_and_become_a_jpeg_of_the_profile_size(fmt):
    result = clean(image_file(fmt))
    with Image.open(result) as image:
        assert image.format == "JPEG"
        assert image.size == PHOTO_SIZE
    assert result.name.endswith(".jpg") and result.content_type == "image/jpeg"


def test_a_gif_is_refused_as_the_wrong_type():
    with pytest.raises(ValidationError) as error:
        clean(image_file("GIF", name="foto.gif"))
    assert "Använd JPEG, PNG, WebP" in str(error.value) or "formatet GIF" in str(error.value)


def test_a_gif_renamed_to_jpg_is_still_refused():
    upload = image_file("GIF")
    disguised = SimpleUploadedFile("foto.jpg", upload.read(), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="GIF"):
        clean(disguised)


def test_a_text_file_that_pretends_to_be_an_image_is_refused():
    fake = SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>" * 50, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="ingen bild"):
        clean(fake)


def test_a_jpeg_header_with_garbage_after_it_is_refused():
    real = image_file("JPEG").read()
    fake = SimpleUploadedFile("foto.jpg", real[:200] + b"\x00garbage" * 500, content_type="image/jpeg")
    with pytest.raises(ValidationError):
        clean(fake)


@override_settings(AMBASSADOR_PHOTO_MAX_BYTES=50_000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_decoded():
    noisy = Image.effect_noise((1200, 1500), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    upload = SimpleUploadedFile("stor.png", buffer.getvalue(), content_type="image/png")
    assert upload.size > 50_000
    with pytest.raises(ValidationError, match="för stor"):
        clean(upload)


def test_a_tiny_image_is_refused():
    with pytest.raises(ValidationError, match="för liten"):
        clean(image_file("PNG", size=(120, 120)))


def test_location_and_other_metadata_are_removed():
    exif = Image.Exif()
    exif[0x010F] = "Telefonmärke"  # Make
    exif[0x8825] = {1: "N", 2: (58.0, 24.0, 0.0)}  # GPS
    upload = image_file("JPEG", exif=exif.tobytes())
    with Image.open(photo_normalise(upload)) as image:
        assert not image.getexif()


def test_a_photo_taken_sideways_is_turned_upright():
    # Stored lying down: red on the left, blue on the right; the EXIF tag says "turn 90° clockwise",
    # so upright the red half is on top.
    stored = Image.new("RGB", (1000, 800), (220, 0, 0))
    stored.paste((0, 0, 220), (500, 0, 1000, 800))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=exif.tobytes())
    upload = SimpleUploadedFile("sideways.jpg", buffer.getvalue(), content_type="image/jpeg")
    with Image.open(photo_normalise(upload)) as image:
        top, bottom = (
            image.getpixel((PHOTO_SIZE[0] // 2, 40)),
            image.getpixel((PHOTO_SIZE[0] // 2, PHOTO_SIZE[1] - 40)),
        )
    assert top[0] > 150 > top[2]
    assert bottom[2] > 150 > bottom[0]


def test_no_upload_is_fine_when_the_photo_is_optional():
    assert clean(None) is None
