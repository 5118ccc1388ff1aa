"""What the catalogue's search finds, as one table of queries and hits, on both databases: SQLite (the
embedded default: FTS5 with the Snowball stemmer) and PostgreSQL (its Swedish configuration).

A session runs on one database (DATABASE_URL), so each row is a test per database and the other
database's half is skipped: CI runs the suite on PostgreSQL and this file once more on SQLite.
"""

import pytest
from django.db import connection

from projects.models import Course
from projects.selectors import search_courses

from .factories import CourseFactory

pytestmark = pytest.mark.django_db

COURSES = {
    "Ledarskap för arbetsledare": "Att leda en grupp i produktionen: samtal, feedback och arbetsmiljöansvar.",
    "Svetsning MIG/MAG": "Grundkurs i svetsning av stål för operatörer, med praktiska övningar i verkstaden.",
    "Mätteknik och toleranser": "Skjutmått, mikrometer och mätmaskin. Läsa ritningar och toleranser.",
    "CNC-programmering": "Programmera fleroperationsmaskiner och svarvar med G-kod.",
    "PLC grundkurs": "Styrsystem i automationen: ladderlogik, givare och felsökning.",
    "Robotprogrammering": "Programmera industrirobotar: banor, verktyg och säkerhet i robotcellen.",
    "Lean i vardagen": "Ständiga förbättringar, 5S och flödeseffektivitet på golvet.",
    "Truckkort A och B": "Teori och praktik för motviktstruck och skjutstativtruck.",
    "Elsäkerhet för icke elfackkunniga": "Säkert arbete nära elektriska anläggningar, enligt ESA.",
    "Kommunikation och ledarskap": "Svåra samtal och hur en ledare kommunicerar förändringar.",
}

BOTH = ("sqlite", "postgresql")
# (what the visitor types, the courses it should find, the databases where it holds)
TABLE = [
    ("ledarskap", {"Ledarskap för arbetsledare", "Kommunikation och ledarskap"}, BOTH),
    # The Snowball stemmer of PostgreSQL 15 is older and keeps the ending -et ("ledarskapet").
    ("Ledarskapet", {"Ledarskap för arbetsledare", "Kommunikation och ledarskap"}, ("sqlite",)),
    ("ledarskapen", {"Ledarskap för arbetsledare", "Kommunikation och ledarskap"}, BOTH),
    ("ledarskap -kommunikation", {"Ledarskap för arbetsledare"}, BOTH),
    ("svetsning", {"Svetsning MIG/MAG"}, BOTH),
    ("svets", {"Svetsning MIG/MAG"}, BOTH),
    ("mätteknik", {"Mätteknik och toleranser"}, BOTH),
    # Accents folded: FTS5's remove_diacritics. PostgreSQL's Swedish configuration keeps them.
    ("matteknik", {"Mätteknik och toleranser"}, ("sqlite",)),
    ("MATTEKNIK", {"Mätteknik och toleranser"}, ("sqlite",)),
    ("CNC", {"CNC-programmering"}, BOTH),
    ("plc", {"PLC grundkurs"}, BOTH),
    ("robot", {"Robotprogrammering"}, BOTH),
    ("robotar", {"Robotprogrammering"}, BOTH),
    ("programmera", {"CNC-programmering", "Robotprogrammering"}, BOTH),
    ("lean", {"Lean i vardagen"}, BOTH),
    ("truck", {"Truckkort A och B"}, BOTH),
    ("elsäkerhet", {"Elsäkerhet för icke elfackkunniga"}, BOTH),
    ("ritningar mätmaskin", {"Mätteknik och toleranser"}, BOTH),
    ("svetsning robot", set(), BOTH),
    ("G-kod", {"CNC-programmering"}, BOTH),
    ("hydraulik", set(), BOTH),
    ('"; DROP TABLE projects_course; --', set(), BOTH),
    ("  ", set(COURSES), BOTH),
]


@pytest.fixture
def catalogue():
    for title, description in COURSES.items():
        CourseFactory(title=title, description=description)


def _cases():
    for text, expected, databases in TABLE:
        for database in BOTH:
            marks = [pytest.mark.postgres] if database == "postgresql" else []
            if database not in databases:
                marks.append(pytest.mark.skip(reason=f"does not hold on {database}"))
            yield pytest.param(database, text, expected, id=f"{database}-{text.strip() or 'blank'}", marks=marks)


@pytest.mark.parametrize(("database", "text", "expected"), list(_cases()))
def test_the_search_finds_what_it_should(catalogue, database, text, expected):
    if connection.vendor != database:
        pytest.skip(f"this session runs on {connection.vendor}")
    found = {course.title for course in search_courses(Course.objects.all(), text)}
    assert found == expected


def test_a_course_is_found_as_soon_as_it_is_saved_and_no_longer_once_deleted(catalogue):
    course = CourseFactory(title="Hydraulik för underhåll", description="Pumpar, ventiler och felsökning.")
    assert [c.title for c in search_courses(Course.objects.all(), "hydraulik")] == [course.title]
    course.title, course.description = "Pneumatik", "Tryckluft."
    course.save()
    assert not search_courses(Course.objects.all(), "hydraulik").exists()
    assert search_courses(Course.objects.all(), "pneumatik").exists()
    course.delete()
    assert not search_courses(Course.objects.all(), "pneumatik").exists()


def test_courses_created_in_bulk_are_found_too(catalogue):
    project = Course.objects.first().project
    category = Course.objects.first().category
    Course.objects.bulk_create([Course(project=project, category=category, title="Hydraulik", hours=8)])
    assert [c.title for c in search_courses(Course.objects.all(), "hydraulik")] == ["Hydraulik"]
