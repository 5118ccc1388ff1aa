"""Full-text search in the catalogue on PostgreSQL: the Swedish configuration and its GIN index."""

import pytest
from django.db import connection
from django.urls import reverse

from projects.models import Course
from projects.selectors import search_courses

from .factories import CourseFactory, OccasionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_swedish_stemming_finds_other_forms_of_a_word():
    CourseFactory(title="Felsökning i robotceller", description="Vanliga fel på robotar och givare.")
    CourseFactory(title="Truckutbildning", description="Motviktstruck och skjutstativtruck.")
    found = search_courses(Course.objects.all(), "roboten")
    assert [course.title for course in found] == ["Felsökning i robotceller"]


def test_web_search_syntax_excludes_words_with_a_minus():
    CourseFactory(title="Ledarskap för arbetsledare")
    CourseFactory(title="Ledarskap och kommunikation")
    found = search_courses(Course.objects.all(), "ledarskap -kommunikation")
    assert [course.title for course in found] == ["Ledarskap för arbetsledare"]


def test_the_catalogue_search_uses_the_gin_index():
    CourseFactory(title="Mätteknik")
    query = search_courses(Course.objects.all(), "mätteknik").values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # With so few rows the planner would scan the table anyway; forbid that to see if the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "course_search_swedish" in plan, plan


def test_the_catalogue_page_searches_with_stemming(client):
    OccasionFactory(course__title="Robotprogrammering", course__description="Programmera robotar.")
    response = client.get(reverse("projects:catalogue"), {"q": "robot"})
    assert [o.course.title for o in response.context["occasions"]] == ["Robotprogrammering"]
