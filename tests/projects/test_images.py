"""Images of projects, news and events: uploaded in the admin, checked and resized on the way in
(portal.images, the same checks as ambassadors' photos), never without a text for screen readers."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from events.models import Event
from portal.images import IMAGE_SIZE, ResizedImageFormField
from projects.models import NewsPost, Project
from tests.ambassadors.factories import image_file
from tests.events.factories import EventFactory
from tests.factories import site_admin

from .factories import NewsPostFactory, ProjectFactory

pytestmark = pytest.mark.django_db

MODELS = [Project, NewsPost, Event]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_admin_form_resizes_what_is_uploaded(model):
    request = RequestFactory().get("/admin/")
    request.user = site_admin()
    field = admin.site._registry[model].get_form(request).base_fields["image"]
    assert isinstance(field, ResizedImageFormField)
    stored = field.clean(image_file(size=(4000, 3000), name="stor-bild.png", fmt="PNG"))
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 1200)
        assert image.width <= IMAGE_SIZE[0] and image.height <= IMAGE_SIZE[1]


def test_a_small_image_is_not_enlarged_and_keeps_its_shape():
    stored = ResizedImageFormField().clean(image_file(size=(900, 300)))
    with Image.open(stored) as image:
        assert image.size == (900, 300)


def test_a_file_that_is_not_an_image_is_refused():
    fake = SimpleUploadedFile("bild.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        ResizedImageFormField().clean(fake)


@pytest.mark.parametrize("make", [ProjectFactory, NewsPostFactory, EventFactory], ids=["project", "news", "event"])
def test_an_image_without_a_text_for_screen_readers_is_refused(make):
    obj = make()
    obj.image = "bild.jpg"
    obj.image_alt = " "
    with pytest.raises(ValidationError) as error:
        obj.clean()
    assert "image_alt" in error.value.message_dict


def test_news_and_event_pages_show_their_image_with_its_text(client):
    post = NewsPostFactory(image=image_file(name="nyhet.jpg"), image_alt="Svetsare i arbete")
    event = EventFactory(image=image_file(name="dag.jpg"), image_alt="Scenen på Industridagen")
    for obj in (post, event):
        page = client.get(obj.get_absolute_url()).content.decode()
        assert f'src="{obj.image.url}" alt="{obj.image_alt}"' in page
