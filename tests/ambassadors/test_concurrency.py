"""Two quick submissions of the same request form: the profile's row lock lets only one through.

The control test switches the lock off and shows the race it prevents (both are saved), so the
real test can fail. Real PostgreSQL, real transactions, one connection per thread.
"""

import threading
import time

import pytest
from django.db import connection

from ambassadors.exceptions import DuplicateRequest
from ambassadors.models import Ambassador, VisitRequest
from ambassadors.services import visits
from tests.ambassadors.factories import future, published_ambassador
from tests.factories import SchoolFactory, teacher

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def submit_twice(ambassador, requester, school):
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            visits.visit_request_create(
                ambassador=ambassador,
                requested_by=requester,
                school=school,
                group_name="8A",
                school_year=VisitRequest.SchoolYear.Y8,
                pupils=20,
                first_choice=future(10),
                format=VisitRequest.Format.ON_SITE,
            )
            outcomes.append("saved")
        except DuplicateRequest:
            outcomes.append("duplicate")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def slow_save(monkeypatch):
    """Widen the gap between 'is there an open request?' and saving the new one."""
    original = VisitRequest.full_clean

    def slow(self, *args, **kwargs):
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(VisitRequest, "full_clean", slow)


@pytest.fixture
def parties():
    ambassador = published_ambassador()
    school = SchoolFactory()
    return ambassador, teacher(school), school


def test_two_simultaneous_submissions_make_one_request(parties, slow_save):
    assert submit_twice(*parties) == ["duplicate", "saved"]
    assert VisitRequest.objects.count() == 1


def test_control_without_the_lock_both_submissions_are_saved(parties, slow_save, monkeypatch):
    monkeypatch.setattr(visits, "_lock_ambassador", lambda pk: Ambassador.objects.get(pk=pk))
    assert submit_twice(*parties) == ["saved", "saved"]
    assert VisitRequest.objects.count() == 2
