import pytest
from django.utils import timezone

from projects.models import Employee, Enrolment
from projects.services.enrolment import enrolments_create
from projects.services.errors import DuplicateEmployee
from projects.services.staff import employee_create, employee_remove, employee_update
from tests.factories import CompanyFactory

from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory, in_days

pytestmark = pytest.mark.django_db


def test_an_employee_is_added_with_the_address_in_lower_case():
    company = CompanyFactory()
    person = employee_create(
        company=company, first_name=" Åsa ", last_name="Berg", gender="woman", email="Asa.Berg@Example.SE"
    )
    assert (person.first_name, person.email) == ("Åsa", "asa.berg@example.se")


def test_the_same_address_twice_in_one_company_is_refused():
    company = CompanyFactory()
    EmployeeFactory(company=company, email="ola@example.se")
    with pytest.raises(DuplicateEmployee):
        employee_create(company=company, first_name="Ola", last_name="Ek", gender="man", email="OLA@example.se")


def test_changing_to_a_colleagues_address_is_refused():
    company = CompanyFactory()
    EmployeeFactory(company=company, email="ola@example.se")
    other = EmployeeFactory(company=company, email="eva@example.se")
    with pytest.raises(DuplicateEmployee):
        employee_update(employee=other, email="ola@example.se")
    other.refresh_from_db()
    assert other.email == "eva@example.se"


def test_removing_someone_without_history_deletes_them():
    person = EmployeeFactory()
    assert employee_remove(employee=person, by=None) is True
    assert not Employee.objects.filter(pk=person.pk).exists()


def test_removing_someone_with_history_keeps_gender_and_hours_but_not_name_or_address():
    person = EmployeeFactory(gender="non_binary", email="kim@example.se")
    past = EnrolmentFactory(employee=person, occasion__starts_at=in_days(-30), attended=True, hours=8)
    assert employee_remove(employee=person, by=None) is False
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.gender) == ("", "", "", "non_binary")
    assert person.removed_at is not None
    past.refresh_from_db()
    assert past.hours == 8


def test_removing_someone_erases_what_they_needed_adapted_but_the_count_stays():
    person = EmployeeFactory()
    past = EnrolmentFactory(
        employee=person,
        occasion__starts_at=in_days(-30),
        has_accessibility_needs=True,
        accessibility_needs="Hörslinga",
    )
    employee_remove(employee=person, by=None)
    past.refresh_from_db()
    assert (past.has_accessibility_needs, past.accessibility_needs) == (True, "")


def test_removing_someone_cancels_their_upcoming_seats_and_promotes_the_waiting_list():
    company = CompanyFactory()
    leaving, waiting = EmployeeFactory(company=company), EmployeeFactory(company=company)
    occasion = OccasionFactory(seats=1)
    first, second = enrolments_create(occasion=occasion, company=company, employees=[leaving, waiting], by=None)
    employee_remove(employee=leaving, by=None, now=timezone.now())
    second.refresh_from_db()
    assert second.status == Enrolment.Status.CONFIRMED
    first.refresh_from_db()
    assert first.status == Enrolment.Status.CANCELLED


def test_a_removed_persons_address_can_be_used_again():
    person = EmployeeFactory(email="ny@example.se")
    EnrolmentFactory(employee=person, occasion__starts_at=in_days(-10))
    employee_remove(employee=person, by=None)
    again = employee_create(
        company=person.company, first_name="Ny", last_name="Igen", gender="man", email="ny@example.se"
    )
    assert again.pk != person.pk
