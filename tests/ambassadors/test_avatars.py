"""An ambassador without a photo is shown with an initials avatar drawn on the server (inline SVG)."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

import pytest
from django.template import Context, Template
from django.urls import reverse

from ambassadors.templatetags.ambassador_avatars import AVATAR_COLOURS, avatar_colour, initials_avatar

from .factories import AmbassadorFactory, published_ambassador

pytestmark = pytest.mark.django_db


def test_the_avatar_shows_the_initials_on_a_colour_that_stays_the_same():
    ambassador = AmbassadorFactory(display_name="Amir Haddad")
    svg = ET.fromstring(str(initials_avatar(ambassador)))  # noqa: S314
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}text").text == "AH"
    assert svg.find(f"{ns}rect").get("fill") == avatar_colour("Amir Haddad") in AVATAR_COLOURS
    assert svg.get("aria-hidden") == "true"  # the name is written beside it


def test_a_name_cannot_inject_markup():
    ambassador = AmbassadorFactory(display_name="<b>x</b> y")
    rendered = Template("{% load ambassador_avatars %}{% initials_avatar a %}").render(Context({"a": ambassador}))
    assert "<b>" not in rendered


def test_profiles_without_a_photo_get_the_avatar_and_no_image(client):
    ambassador = published_ambassador(display_name="Linnea Berg")
    for address in (reverse("ambassadors:list"), ambassador.get_absolute_url()):
        page = client.get(address).content.decode()
        assert 'class="ambassador-photo ambassador-avatar"' in page and ">LB</text>" in page, address
        assert 'class="ambassador-photo"' not in page
