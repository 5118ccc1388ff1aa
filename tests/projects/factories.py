"""Factories for the projects app."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from projects.models import (
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    Project,
    ProjectLeader,
)
from tests.factories import CompanyFactory, OrganisationFactory, RegionFactory, vocabulary_factory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Ett projekt för kompetens i industrin."
    status = Project.Status.PUBLISHED
    owner = factory.SubFactory(OrganisationFactory, kind="region")


class ProjectLeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectLeader

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory("tests.factories.UserFactory")
    title = "Projektledare"
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


CourseCategoryFactory = vocabulary_factory(CourseCategory, "Kategori")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Kurs {n}")
    description = "Kursens innehåll."
    category = factory.SubFactory(CourseCategoryFactory)
    level = Course.Level.INDIVIDUAL
    hours = Decimal("8.0")


def _in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


class OccasionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occasion

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: _in_days(30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    mode = Occasion.Mode.ON_SITE
    place = "Linköping, Verkstadsgatan 1"
    region = factory.SubFactory(RegionFactory)
    seats = 10
    company_quota = None
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=7))
    cancellation_deadline = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=3))


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    company = factory.SubFactory(CompanyFactory)
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"anstalld{n}@foretag.example")
    gender = Employee.Gender.WOMAN
    job_title = "Operatör"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A registration written directly (no seat rules); use the services to test the rules."""

    class Meta:
        model = Enrolment

    occasion = factory.SubFactory(OccasionFactory)
    employee = factory.SubFactory(EmployeeFactory)
    company = factory.LazyAttribute(lambda e: e.employee.company)
    status = Enrolment.Status.CONFIRMED


class ParticipatingCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipatingCompany

    project = factory.SubFactory(ProjectFactory)
    company = factory.SubFactory(CompanyFactory)
    women = 10
    men = 20
    non_binary = 1
    # A participation the company has agreed to (the usual case in tests).
    status = ParticipatingCompany.Status.ACCEPTED


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    lead = "Ingress."
    body = "<p>Text.</p>"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    return _in_days(days, hour)


def lead_project(user, project=None):
    """Make the user a current leader of the project (a new one if none given)."""
    project = project or ProjectFactory()
    ProjectLeaderFactory(project=project, user=user)
    return project
