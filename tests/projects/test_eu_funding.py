"""Pages of EU-funded projects carry the EU emblem with "Medfinansieras av Europeiska unionen"
(Regulation (EU) 2021/1060, Article 47 and Annex IX), drawn from a local file."""

import io
import math
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own file
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from projects.models import Project

from .factories import CourseFactory, OccasionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

EMBLEM = "/static/img/eu-emblem.svg"
TEXT = "Medfinansieras av Europeiska unionen"


def test_an_eu_funded_projects_pages_show_the_emblem_and_the_text(client):
    occasion = OccasionFactory(course__project=ProjectFactory(eu_funded=True))
    course = occasion.course
    for address in (course.project.get_absolute_url(), course.get_absolute_url(), occasion.get_absolute_url()):
        page = client.get(address).content.decode()
        assert EMBLEM in page and TEXT in page, address


def test_other_projects_pages_do_not(client):
    course = CourseFactory(project=ProjectFactory(eu_funded=False))
    for address in (course.project.get_absolute_url(), course.get_absolute_url()):
        assert EMBLEM not in client.get(address).content.decode()


def test_in_english_the_text_reads_as_the_eu_gives_it(client):
    project = ProjectFactory(eu_funded=True)
    client.cookies["django_language"] = "en"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Co-funded by the European Union" in page


def test_the_emblem_is_a_blue_rectangle_with_twelve_stars_in_a_circle():
    svg = ET.parse(Path(settings.BASE_DIR) / "static" / "img" / "eu-emblem.svg").getroot()  # noqa: S314
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("viewBox") == "0 0 810 540"  # 3:2
    assert svg.find(f"{ns}rect").get("fill") == "#039"
    stars = svg.findall(f"{ns}use")
    assert len(stars) == 12
    radii = [math.hypot(float(star.get("x")) - 405, float(star.get("y")) - 270) for star in stars]
    assert all(abs(radius - 180) < 0.1 for radius in radii)  # on one circle, a third of the height


def test_the_demos_esf_projects_are_marked():
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Project.objects.filter(eu_funded=True).values_list("slug", flat=True)) == {
        "smart-kompetens",
        "ett-kompetenslyft-for-sverige",
    }
