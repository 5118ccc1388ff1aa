"""Seats hold when many company contacts register at the same moment (real PostgreSQL).

Each thread registers one employee on an occasion with fewer seats than threads, on its own
database connection. A barrier starts them together, and counting the seats is slowed down so
that the transactions overlap. With the occasion's row lock there are never more confirmed than
seats; the control test switches the lock off and shows that the same load then overbooks, so
the first test is able to fail.
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.db.models import Q

from projects.models import Enrolment
from projects.services import enrolment as enrolment_services
from tests.factories import CompanyFactory

from .factories import EmployeeFactory, OccasionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12
SEATS = 3


@pytest.fixture
def slow_counting(monkeypatch):
    """Widen the window between counting seats and taking one, as a busy server would."""
    count = enrolment_services.confirmed_counts

    def slow(occasion):
        result = count(occasion)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(enrolment_services, "confirmed_counts", slow)


def register_all_at_once():
    occasion = OccasionFactory(seats=SEATS)
    jobs = []
    for _ in range(THREADS):
        company = CompanyFactory()
        jobs.append((company, EmployeeFactory(company=company)))
    barrier = threading.Barrier(THREADS)
    answers, errors = [], []

    def register(company, employee):
        try:
            barrier.wait()
            created = enrolment_services.enrolments_create(
                occasion=occasion, company=company, employees=[employee], by=None
            )
            for enrolment in created:
                enrolment.place_in_line = place_in_line(enrolment)  # as it stood the moment they were registered
            answers.extend(created)
        except Exception as error:  # noqa: BLE001 - every request must be answered; collect what was not
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return occasion, answers, errors


def place_in_line(enrolment) -> int | None:
    """1 for the first on the waiting list: those waiting ahead in its order (registered, pk), plus one."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return None
    waiting = Enrolment.objects.filter(occasion=enrolment.occasion_id, status=Enrolment.Status.WAITLISTED)
    ahead = waiting.filter(Q(created__lt=enrolment.created) | Q(created=enrolment.created, pk__lt=enrolment.pk))
    return ahead.count() + 1


def confirmed_on(occasion) -> int:
    return Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED).count()


def test_concurrent_registrations_never_confirm_more_than_the_seats(slow_counting):
    occasion, answers, errors = register_all_at_once()
    assert errors == []
    assert len(answers) == THREADS  # every request answered
    assert confirmed_on(occasion) == SEATS
    assert Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.WAITLISTED).count() == THREADS - SEATS


def test_concurrent_registrations_put_the_waiting_in_line_one_to_n(slow_counting):
    occasion, answers, errors = register_all_at_once()
    assert errors == []
    places = sorted(e.place_in_line for e in answers if e.place_in_line is not None)
    assert places == list(range(1, THREADS - SEATS + 1))


def test_control_without_the_lock_the_same_load_overbooks(slow_counting, monkeypatch):
    monkeypatch.setattr(enrolment_services, "LOCK_SEATS", False)
    occasion, answers, errors = register_all_at_once()
    assert errors == []
    assert confirmed_on(occasion) > SEATS


def test_a_registration_that_waits_too_long_for_the_seat_lock_gets_a_message():
    from django.db import transaction

    from projects.services.errors import SeatsBusy

    occasion = OccasionFactory(seats=SEATS)
    company = CompanyFactory()
    employee = EmployeeFactory(company=company)
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with transaction.atomic():
            list(type(occasion).objects.select_for_update().filter(pk=occasion.pk))
            holding.set()
            release.wait(timeout=10)
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait(timeout=10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        with pytest.raises(SeatsBusy):
            enrolment_services.enrolments_create(occasion=occasion, company=company, employees=[employee], by=None)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
        release.set()
        holder.join(timeout=10)
    assert not Enrolment.objects.filter(occasion=occasion).exists()
