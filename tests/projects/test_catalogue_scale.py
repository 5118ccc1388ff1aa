"""The catalogue at the size the seed texts speak of: 1 200 courses and 3 000 occasions.

Rows are bulk-inserted; the pages must answer in the same few queries as for a handful of rows.
How fast they answer is measured by the benchmarks (make bench), not asserted here.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.pagecache import cache
from projects.models import Course, Employee, Enrolment, Occasion
from tests.factories import CompanyFactory, RegionFactory

from .factories import CourseCategoryFactory, ProjectFactory

pytestmark = pytest.mark.django_db

COURSES = 1200
OCCASIONS = 3000
WORDS = ["robot", "mätteknik", "truck", "ledarskap", "kommunikation", "svetsning", "hydraulik", "underhåll"]


@pytest.fixture
def big_catalogue():
    projects = [ProjectFactory() for _ in range(3)]
    categories = [CourseCategoryFactory() for _ in range(5)]
    regions = [RegionFactory() for _ in range(6)]
    courses = Course.objects.bulk_create(
        Course(
            project=projects[i % 3],
            category=categories[i % 5],
            title=f"{WORDS[i % 8].capitalize()} {i}",
            description=f"Kurs om {WORDS[(i * 3) % 8]} för anställda.",
            hours=Decimal(8),
        )
        for i in range(COURSES)
    )
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    occasions = []
    for i in range(OCCASIONS):
        starts = datetime.datetime.combine(today + datetime.timedelta(days=1 + i % 300), datetime.time(9), zone)
        occasions.append(
            Occasion(
                course=courses[i % COURSES],
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=7),
                place="Verkstaden",
                region=regions[i % 6],
                seats=8 if i % 7 else 2,
                registration_deadline=starts - datetime.timedelta(days=5),
                cancellation_deadline=starts - datetime.timedelta(days=3),
            )
        )
    occasions = Occasion.objects.bulk_create(occasions)
    company = CompanyFactory()
    staff = Employee.objects.bulk_create(
        Employee(company=company, first_name="Person", last_name=str(i), email=f"p{i}@x.example", gender="man")
        for i in range(40)
    )
    Enrolment.objects.bulk_create(
        Enrolment(occasion=occasion, employee=staff[(n * 7 + j) % 40], company=company, status="confirmed")
        for n, occasion in enumerate(occasions[::3])
        for j in range(3)
    )
    return categories


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"free": "on"},
        {"q": "robot"},
        {"category": "kategori-x", "free": "on", "page": "2"},
    ],
    ids=["all", "free seats", "search", "filtered, page 2"],
)
def test_the_catalogue_stays_fast_with_1200_courses_and_3000_occasions(client, big_catalogue, params):
    params = {k: (big_catalogue[1].slug if v == "kategori-x" else v) for k, v in params.items()}
    # Warm up templates, the connection and (SQLite) the search table, which the bulk insert bypassed.
    client.get(reverse("projects:catalogue"), params)
    cache.clear()  # measure the page itself, not the copy stored for signed-out visitors
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:catalogue"), params)
    assert response.status_code == 200
    assert response.context["paginator"].count > 20
    assert len(queries.captured_queries) <= 11
