import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import Enrolment, Project
from projects.services.enrolment import (
    attendance_record,
    attendance_record_many,
    enrolment_cancel,
    enrolments_cancel_by_leader,
    enrolments_create,
    waitlist_promote,
)
from projects.services.errors import (
    AlreadyCancelled,
    AlreadyEnrolled,
    AttendanceError,
    CancellationClosed,
    NoEmployeesChosen,
    NotOnStaff,
    OccasionNotPublic,
    RegistrationClosed,
)
from tests.factories import CompanyFactory, UserFactory, company_contact

from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


@pytest.fixture
def company():
    return CompanyFactory(name="Verkstaden AB")


@pytest.fixture
def contact(company):
    return company_contact(company, email="kontakt@verkstaden.example")


def staff(company, count):
    return [EmployeeFactory(company=company) for _ in range(count)]


def register(occasion, company, employees, contact=None, **kwargs):
    return enrolments_create(occasion=occasion, company=company, employees=employees, by=contact, **kwargs)


def test_staff_are_confirmed_while_seats_last_and_the_rest_waitlisted_in_order(company, contact):
    occasion = OccasionFactory(seats=2)
    people = staff(company, 4)
    result = register(occasion, company, people, contact)
    assert [e.status for e in result] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert [e.employee for e in result] == people


def test_a_company_quota_waitlists_its_people_even_when_seats_are_free(company, contact):
    occasion = OccasionFactory(seats=10, company_quota=2)
    result = register(occasion, company, staff(company, 3), contact)
    assert [e.status for e in result] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def test_another_company_still_gets_seats_when_one_company_used_its_quota(company, contact):
    occasion = OccasionFactory(seats=10, company_quota=2)
    register(occasion, company, staff(company, 3), contact)
    other = CompanyFactory()
    result = register(occasion, other, staff(other, 2))
    assert [e.status for e in result] == [Status.CONFIRMED, Status.CONFIRMED]


def test_an_employee_can_be_registered_only_once_per_occasion_and_then_nobody_is(company, contact):
    occasion = OccasionFactory(seats=5)
    first, second = staff(company, 2)
    register(occasion, company, [first], contact)
    with pytest.raises(AlreadyEnrolled) as error:
        register(occasion, company, [second, first], contact)
    assert first.full_name in str(error.value)
    assert not Enrolment.objects.filter(employee=second).exists()


def test_a_cancelled_employee_may_register_again(company, contact):
    occasion = OccasionFactory(seats=5)
    (person,) = staff(company, 1)
    (enrolment,) = register(occasion, company, [person], contact)
    enrolment_cancel(enrolment=enrolment, by=contact)
    (again,) = register(occasion, company, [person], contact)
    assert again.status == Status.CONFIRMED


def test_choosing_the_same_person_twice_registers_them_once(company, contact):
    occasion = OccasionFactory(seats=5)
    (person,) = staff(company, 1)
    assert len(register(occasion, company, [person, person], contact)) == 1


def test_registration_is_refused_after_the_registration_deadline(company, contact):
    occasion = OccasionFactory()
    late = occasion.registration_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(RegistrationClosed):
        register(occasion, company, staff(company, 1), contact, now=late)
    assert not Enrolment.objects.exists()


def test_registration_is_possible_up_to_the_deadline_itself(company, contact):
    occasion = OccasionFactory()
    (enrolment,) = register(occasion, company, staff(company, 1), contact, now=occasion.registration_deadline)
    assert enrolment.status == Status.CONFIRMED


def test_staff_of_another_company_cannot_be_registered(company, contact):
    occasion = OccasionFactory()
    stranger = EmployeeFactory()
    with pytest.raises(NotOnStaff):
        register(occasion, company, [stranger], contact)


def test_removed_staff_cannot_be_registered(company, contact):
    person = EmployeeFactory(company=company, removed_at=timezone.now())
    with pytest.raises(NotOnStaff):
        register(OccasionFactory(), company, [person], contact)


def test_an_empty_choice_is_refused(company, contact):
    with pytest.raises(NoEmployeesChosen):
        register(OccasionFactory(), company, [], contact)


def test_occasions_of_unpublished_projects_cannot_be_registered_for(company, contact):
    occasion = OccasionFactory(course__project__status=Project.Status.DRAFT)
    with pytest.raises(OccasionNotPublic):
        register(occasion, company, staff(company, 1), contact)


def test_registration_mails_the_employee_and_the_company_contact(
    company, contact, mailoutbox, django_capture_on_commit_callbacks
):
    occasion = OccasionFactory(seats=1, course__title="Robotprogrammering")
    first, second = staff(company, 2)
    with django_capture_on_commit_callbacks(execute=True):
        register(occasion, company, [first, second], contact)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert "Du har en plats på Robotprogrammering" in by_recipient[first.email].subject
    assert "väntelistan" in by_recipient[second.email].subject
    summary = by_recipient[contact.email].body
    assert f"{first.full_name}: Bekräftad" in summary
    assert f"{second.full_name}: Väntelista" in summary
    assert len(mailoutbox) == 3


def test_cancelling_a_confirmed_seat_promotes_the_first_on_the_waiting_list(company, contact):
    occasion = OccasionFactory(seats=1)
    first, second, third = register(occasion, company, staff(company, 3), contact)
    promoted = enrolment_cancel(enrolment=first, by=contact)
    assert promoted == [second]
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert second.confirmed_at is not None


def test_cancelling_a_waitlisted_registration_promotes_nobody(company, contact):
    occasion = OccasionFactory(seats=1)
    first, second, third = register(occasion, company, staff(company, 3), contact)
    assert enrolment_cancel(enrolment=second, by=contact) == []
    third.refresh_from_db()
    assert third.status == Status.WAITLISTED


def test_promotion_skips_people_whose_company_has_used_its_quota(company, contact):
    occasion = OccasionFactory(seats=3, company_quota=2)
    other = CompanyFactory()
    mine = register(occasion, company, staff(company, 3), contact)  # 2 confirmed, 1 waitlisted
    theirs = register(occasion, other, staff(other, 2))  # 1 confirmed (seats full), 1 waitlisted
    assert [e.status for e in theirs] == [Status.CONFIRMED, Status.WAITLISTED]
    promoted = enrolment_cancel(enrolment=theirs[0], by=None)
    # My third person waited longer, but my company already holds its quota of two.
    assert promoted == [theirs[1]]
    mine[2].refresh_from_db()
    assert mine[2].status == Status.WAITLISTED


def test_cancellation_is_refused_after_the_cancellation_deadline(company, contact):
    occasion = OccasionFactory()
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    with pytest.raises(CancellationClosed):
        enrolment_cancel(
            enrolment=enrolment,
            by=contact,
            now=occasion.cancellation_deadline + datetime.timedelta(seconds=1),
        )
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_a_project_leader_may_cancel_after_the_deadline(company, contact):
    occasion = OccasionFactory()
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    enrolment_cancel(
        enrolment=enrolment,
        by=None,
        enforce_deadline=False,
        now=occasion.cancellation_deadline + datetime.timedelta(days=1),
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED


def test_cancelling_twice_is_refused(company, contact):
    (enrolment,) = register(OccasionFactory(), company, staff(company, 1), contact)
    enrolment_cancel(enrolment=enrolment, by=contact)
    with pytest.raises(AlreadyCancelled):
        enrolment_cancel(enrolment=enrolment, by=contact)


def test_promotion_and_cancellation_are_told_by_mail(company, contact, mailoutbox, django_capture_on_commit_callbacks):
    occasion = OccasionFactory(seats=1, course__title="Truckutbildning")
    first, second = register(occasion, company, staff(company, 2), contact)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_cancel(enrolment=first, by=contact)
    subjects = {(message.to[0], message.subject) for message in mailoutbox}
    assert (second.employee.email, "[Kompetensportalen] Du har fått en plats på Truckutbildning") in subjects
    assert (
        first.employee.email,
        "[Kompetensportalen] Din anmälan till Truckutbildning är avbokad",
    ) in subjects
    contact_subjects = [subject for to, subject in subjects if to == contact.email]
    assert len(contact_subjects) == 2


def test_an_employee_without_e_mail_is_registered_and_only_the_contact_is_mailed(
    company, contact, mailoutbox, django_capture_on_commit_callbacks
):
    person = EmployeeFactory(company=company, email="")
    with django_capture_on_commit_callbacks(execute=True):
        register(OccasionFactory(), company, [person], contact)
    (message,) = mailoutbox
    assert message.to == [contact.email]


def test_added_seats_are_filled_from_the_waiting_list(company, contact):
    occasion = OccasionFactory(seats=1)
    first, second, third = register(occasion, company, staff(company, 3), contact)
    occasion.seats = 2
    occasion.save()
    assert waitlist_promote(occasion=occasion) == [second]


def test_nobody_is_promoted_once_the_occasion_has_started(company, contact):
    occasion = OccasionFactory(seats=1)
    first, second = register(occasion, company, staff(company, 2), contact)
    occasion.seats = 2
    occasion.save()
    assert waitlist_promote(occasion=occasion, now=occasion.starts_at) == []


def test_attendance_without_hours_counts_the_whole_course():
    enrolment = EnrolmentFactory(occasion__course__hours=Decimal("16.0"))
    attendance_record(enrolment=enrolment, attended=True)
    enrolment.refresh_from_db()
    assert (enrolment.attended, enrolment.hours) == (True, Decimal("16.0"))


def test_absence_counts_no_hours_and_given_hours_are_kept():
    absent, partly = EnrolmentFactory(), EnrolmentFactory()
    attendance_record(enrolment=absent, attended=False, hours=Decimal(5))
    attendance_record(enrolment=partly, attended=True, hours=Decimal("3.5"))
    assert (absent.hours, partly.hours) == (Decimal(0), Decimal("3.5"))


def test_attendance_cannot_be_recorded_for_the_waiting_list():
    with pytest.raises(AttendanceError):
        attendance_record(enrolment=EnrolmentFactory(status=Status.WAITLISTED), attended=True)


def test_attendance_for_a_selection_is_recorded_for_the_confirmed_and_skips_the_rest():
    occasion = OccasionFactory(course__hours=Decimal("8.0"))
    came = EnrolmentFactory(occasion=occasion)
    waiting = EnrolmentFactory(occasion=occasion, status=Status.WAITLISTED)
    recorded = attendance_record_many(enrolments=Enrolment.objects.filter(occasion=occasion), attended=True)
    assert recorded == (1, 1)
    came.refresh_from_db(), waiting.refresh_from_db()
    assert (came.attended, came.hours) == (True, Decimal("8.0"))
    assert (waiting.attended, waiting.hours) == (None, None)


def test_a_leader_cancels_a_selection_even_after_the_deadline_and_the_seat_goes_to_the_waiting_list():
    occasion = OccasionFactory(seats=1)
    occasion.cancellation_deadline = occasion.registration_deadline = timezone.now() - datetime.timedelta(days=1)
    occasion.save()
    holder = EnrolmentFactory(occasion=occasion)
    waiting = EnrolmentFactory(occasion=occasion, status=Status.WAITLISTED)
    leader = UserFactory()
    assert enrolments_cancel_by_leader(enrolments=Enrolment.objects.filter(pk=holder.pk), by=leader) == 1
    holder.refresh_from_db(), waiting.refresh_from_db()
    assert (holder.status, holder.cancelled_by, waiting.status) == (Status.CANCELLED, leader, Status.CONFIRMED)
    assert enrolments_cancel_by_leader(enrolments=Enrolment.objects.filter(pk=holder.pk), by=leader) == 0
