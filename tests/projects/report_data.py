"""A small fixed data set for the follow-up report, with every figure worked out by hand below.

Project "Uppföljt projekt": targets 4 companies, 10 participants, 100 hours; gender threshold 10.
"Now" is 15 June 2025, 12:00 (Stockholm). Course K1 lasts 8 h, K2 4 h.

  O1  K1  10 Feb 2025 09–16      O2  K2  7 Apr 2025 09–13      O3  K1  1 Jul 2025 09–16 (ahead)

Alfa Verkstad AB (workforce 30 women, 70 men, 0 non-binary)
  a1 woman   O1 attended (8 h), registered 5 Jan;  O2 attended (4 h), registered 1 Mar
  a2 woman   O1 attended, registered 6 Jan
  a3 man     O1 attended, registered 7 Jan;  O3 confirmed, registered 20 May (ahead: has not left)
  a4 man     O2 attended, registered 2 Mar
  a5 man     O2 confirmed but absent (0 h), registered 3 Mar: registered, not a participant
  a6 man     O2 attended, registered 4 Mar
  → participants 2 women, 3 men = 40 % / 60 % against 30 % / 70 %: gaps +10 and −10 points,
    exactly the threshold, so NOT flagged (the flag is for "more than").
Beta Gjuteri AB (workforce 10 women, 10 men)
  b1 woman   O1 attended, registered 10 Jan
  b2 man     O1 attended, registered 10 Jan
  b3 man     O2 attended, registered 5 Mar
  b4 man     O2 attended, registered 5 Mar, accessibility needs
  b5 woman   O3 waitlisted, registered 1 Jun
  → participants 1 woman, 3 men = 25 % / 75 % against 50 % / 50 %: gaps −25 and +25, FLAGGED.
Cesium Plast AB (not a participating company: workforce unknown)
  c1 non-binary  O2 attended, registered 10 Mar, accessibility needs
  c2 woman   O1 cancelled on 20 Jan (registered 8 Jan), accessibility needs (not counted: cancelled)
Delta Mek AB (workforce 5 women, 5 men; nobody registered)

Totals: 15 registrations, 14 not cancelled; companies reached 3 (Alfa, Beta, Cesium) = 75 %;
registered people 11; participants 10 = 100 %; hours 12+8+8+4+4+8+8+4+4+4 = 64 = 64 %;
registrations with accessibility needs 2.
All companies: participants 3 women, 6 men, 1 non-binary (30/60/10 %) against the workforce of
Alfa, Beta and Delta, 45 women and 85 men (34.6/65.4/0 %): gaps −4.6, −5.4 and +10.0: not flagged.

Per month (first registration; last occasion end or cancellation, when nothing is left ahead):
  month     new  left  taking part  started
  2025-01     6     1        5          6      (a1 a2 a3 b1 b2 c2 start; c2 leaves)
  2025-02     0     3        2          6      (a2 b1 b2 leave after O1)
  2025-03     6     0        8         12      (a4 a5 a6 b3 b4 c1 start)
  2025-04     0     7        1         12      (a1 a4 a5 a6 b3 b4 c1 leave after O2)
  2025-05     0     0        1         12
  2025-06     1     0        2         13      (b5 starts; a3 and b5 still have O3 ahead)

Another project's registration exists and must count nowhere.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from projects.models import Employee, Enrolment
from tests.factories import CompanyFactory

from .factories import (
    CourseFactory,
    EmployeeFactory,
    EnrolmentFactory,
    OccasionFactory,
    ParticipatingCompanyFactory,
    ProjectFactory,
)

ZONE = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2025, 6, 15, 12, 0, tzinfo=ZONE)
W, M, NB = Employee.Gender.WOMAN, Employee.Gender.MAN, Employee.Gender.NON_BINARY


def at(month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, 0, tzinfo=ZONE)


def occasion(course, start: datetime.datetime, hours: int):
    return OccasionFactory(
        course=course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        registration_deadline=start - datetime.timedelta(days=3),
        cancellation_deadline=start - datetime.timedelta(days=3),
        seats=30,
    )


def build(project=None):
    """Create the data set; returns a dict of the named objects."""
    project = project or ProjectFactory(
        name="Uppföljt projekt", slug="uppfoljt-projekt", target_companies=4, target_employees=10, target_hours=100
    )
    project.gender_gap_threshold = 10
    project.save()
    k1 = CourseFactory(project=project, title="Mätteknik grund", hours=Decimal(8))
    k2 = CourseFactory(project=project, title="Truck A+B", hours=Decimal(4))
    o1 = occasion(k1, at(2, 10, 9), 7)
    o2 = occasion(k2, at(4, 7, 9), 4)
    o3 = occasion(k1, at(7, 1, 9), 7)

    alfa = CompanyFactory(name="Alfa Verkstad AB")
    beta = CompanyFactory(name="Beta Gjuteri AB")
    cesium = CompanyFactory(name="Cesium Plast AB")
    delta = CompanyFactory(name="Delta Mek AB")
    ParticipatingCompanyFactory(project=project, company=alfa, women=30, men=70, non_binary=0)
    ParticipatingCompanyFactory(project=project, company=beta, women=10, men=10, non_binary=0)
    ParticipatingCompanyFactory(project=project, company=delta, women=5, men=5, non_binary=0)

    people = {}

    def person(key, company, gender):
        people[key] = EmployeeFactory(company=company, gender=gender, first_name=key.upper(), last_name="Testsson")
        return people[key]

    def enrol(key, occ, created, *, status=Enrolment.Status.CONFIRMED, attended=None, needs=False, cancelled=None):
        course_hours = occ.course.hours
        return EnrolmentFactory(
            occasion=occ,
            employee=people[key],
            status=status,
            created=created,
            confirmed_at=created if status == Enrolment.Status.CONFIRMED else None,
            cancelled_at=cancelled,
            attended=attended,
            hours=None if attended is None else (course_hours if attended else Decimal(0)),
            has_accessibility_needs=needs,
            accessibility_needs="Hörslinga" if needs else "",
        )

    for key, company, gender in [
        ("a1", alfa, W),
        ("a2", alfa, W),
        ("a3", alfa, M),
        ("a4", alfa, M),
        ("a5", alfa, M),
        ("a6", alfa, M),
        ("b1", beta, W),
        ("b2", beta, M),
        ("b3", beta, M),
        ("b4", beta, M),
        ("b5", beta, W),
        ("c1", cesium, NB),
        ("c2", cesium, W),
    ]:
        person(key, company, gender)

    enrol("a1", o1, at(1, 5), attended=True)
    enrol("a1", o2, at(3, 1), attended=True)
    enrol("a2", o1, at(1, 6), attended=True)
    enrol("a3", o1, at(1, 7), attended=True)
    enrol("a3", o3, at(5, 20))
    enrol("a4", o2, at(3, 2), attended=True)
    enrol("a5", o2, at(3, 3), attended=False)
    enrol("a6", o2, at(3, 4), attended=True)
    enrol("b1", o1, at(1, 10), attended=True)
    enrol("b2", o1, at(1, 10), attended=True)
    enrol("b3", o2, at(3, 5), attended=True)
    enrol("b4", o2, at(3, 5), attended=True, needs=True)
    enrol("b5", o3, at(6, 1), status=Enrolment.Status.WAITLISTED)
    enrol("c1", o2, at(3, 10), attended=True, needs=True)
    enrol("c2", o1, at(1, 8), status=Enrolment.Status.CANCELLED, cancelled=at(1, 20), needs=True)

    # Another project's registration, from one of the same companies: it counts nowhere here.
    other = occasion(CourseFactory(title="Annat projekts kurs"), at(3, 1, 9), 8)
    EnrolmentFactory(occasion=other, employee=people["a1"], created=at(2, 1), attended=True, hours=Decimal(8))

    return {
        "project": project,
        "alfa": alfa,
        "beta": beta,
        "cesium": cesium,
        "delta": delta,
        **people,
        "o1": o1,
        "o2": o2,
        "o3": o3,
    }
