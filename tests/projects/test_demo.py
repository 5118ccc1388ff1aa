import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from projects.models import Course, CourseCategory, Employee, Enrolment, Occasion, Project, ProjectLeader, TargetGroup
from projects.selectors import search_courses

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Project, CourseCategory, Occasion, Employee, Enrolment, ProjectLeader)]


def test_seed_demo_loads_the_projects_catalogue_and_a_company_with_staff_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Project.objects.values_list("name", flat=True)) == {
        "Smart kompetens för industrin i Östra Mellansverige",
        "XF – framtidssäkring av regional tillverkningsindustri",
        "Ett kompetenslyft för Sverige",
        "Industridag Östergötland",
        "Regionala strukturer för validering i Östra Mellansverige",
    }
    assert list(CourseCategory.objects.values_list("name", flat=True)) == [
        "Mätteknik",
        "Robotutbildning",
        "Truckutbildning",
        "Ledarskap",
        "Intern kommunikation",
        "Svetsning",
        "CNC och bearbetning",
        "Automation och PLC",
        "Lean och förbättringsarbete",
        "Elsäkerhet",
    ]
    assert Employee.objects.filter(company__name="Östgöta Verkstadsteknik AB").count() >= 10
    leader = ProjectLeader.objects.current().filter(user__email="projektledare@demo.kompetensportalen.se")
    assert leader.count() == 5
    assert ProjectLeader.objects.filter(project__slug="industridag-ostergotland", ended_on__isnull=False).exists()
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first


def test_seed_demo_recreates_the_target_groups_of_the_migrations_on_an_emptied_database():
    TargetGroup.objects.all().delete()  # as a browser test's flush leaves the database
    call_command("seed_demo", stdout=io.StringIO())
    assert list(TargetGroup.objects.values_list("slug", flat=True)) == [
        "unga",
        "nyanlanda",
        "arbetslosa",
        "karriarvaxlare",
    ]
    assert TargetGroup.objects.filter(projects__isnull=False).exists()


def test_the_target_groups_code_reads_are_those_the_migration_put_in():
    from importlib import import_module

    from projects.vocabularies import TARGET_GROUPS

    assert import_module("projects.migrations.0003_target_groups").TARGET_GROUPS == TARGET_GROUPS


def test_the_demo_catalogue_has_the_courses_an_industry_project_offers_each_described():
    call_command("seed_demo", stdout=io.StringIO())
    for words in ["svetsning", "CNC", "PLC", "robot", "lean", "mätteknik", "ledarskap", "truck", "elsäkerhet"]:
        assert search_courses(Course.objects.all(), words).exists(), words
    assert not Course.objects.filter(description="").exists()
    assert Occasion.objects.filter(course__category__slug="svetsning", starts_at__gt=timezone.now()).exists()
