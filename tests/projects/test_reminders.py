"""Reminders before course occasions: to the employee and the company contact, sent once; stopped by
a cancellation, moved with the occasion (once more about the new time if they had already gone out),
at the address the person has when it is sent, and none for the waiting list until someone is promoted."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import formats, timezone
from icalendar import Calendar

from portal.models import Reminder
from portal.reminders import reminders_send_due
from projects import reminders as course_reminders
from projects.models import Enrolment
from projects.services.enrolment import enrolment_cancel, enrolments_create, waitlist_promote
from projects.services.occasions import occasion_save
from projects.services.staff import employee_remove, employee_update
from tests.factories import CompanyFactory, company_contact, project_leader_user

from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory, in_days, lead_project
from .test_admin import form_data

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def company():
    return CompanyFactory(name="Verkstaden AB")


@pytest.fixture
def contact(company):
    return company_contact(company, email="kontakt@verkstaden.example", first_name="Karin")


@pytest.fixture
def occasion():
    return OccasionFactory(seats=2, course__title="Robotprogrammering", starts_at=in_days(20))


def register(occasion, company, employees, by=None):
    return enrolments_create(occasion=occasion, company=company, employees=employees, by=by)


def staff(company, count):
    return [EmployeeFactory(company=company) for _ in range(count)]


def sent_to(mailoutbox) -> list[str]:
    return sorted(message.to[0] for message in mailoutbox)


def test_a_confirmed_registration_reminds_the_employee_and_the_contact_three_days_before_once(
    occasion, company, contact, mailoutbox
):
    first, second = register(occasion, company, staff(company, 2), contact)
    mailoutbox.clear()
    due = occasion.starts_at - 3 * DAY
    assert reminders_send_due(now=due - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=due) == 3
    assert reminders_send_due(now=due + DAY) == 0  # a second run sends nothing again
    assert sent_to(mailoutbox) == sorted([first.employee.email, second.employee.email, contact.email])
    # The contact gets one reminder for the occasion, naming both.
    (to_contact,) = [m for m in mailoutbox if m.to == [contact.email]]
    assert first.employee.full_name in to_contact.body and second.employee.full_name in to_contact.body
    assert "Robotprogrammering" in to_contact.subject


def test_the_employees_reminder_has_html_text_and_a_calendar_file(occasion, company, contact, mailoutbox):
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    mailoutbox.clear()
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    (message,) = [m for m in mailoutbox if m.to == [enrolment.employee.email]]
    assert message.subject.startswith("[Kompetensportalen] Påminnelse: Robotprogrammering den ")
    assert f"Hej {enrolment.employee.first_name}!" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<table" in html and occasion.get_absolute_url() in html
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == ("kurstillfalle.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Robotprogrammering"
    assert event.decoded("dtstart") == occasion.starts_at
    assert str(event["uid"]) == f"occasion-{occasion.pk}@127.0.0.1:8000"


def test_reminders_are_in_the_recipients_language(occasion, company, mailoutbox):
    english = company_contact(company, email="contact@verkstaden.example", language="en")
    register(occasion, company, staff(company, 1), english)
    reminder = Reminder.objects.get(kind=course_reminders.COMPANY, recipient=english.email)
    assert reminder.language == "en"


def test_the_waiting_list_gets_no_reminder_until_promoted(occasion, company, contact, mailoutbox):
    first, second, third = register(occasion, company, staff(company, 3), contact)
    assert third.status == Enrolment.Status.WAITLISTED
    assert not Reminder.objects.filter(kind=course_reminders.PARTICIPANT, object_id=third.pk).exists()

    enrolment_cancel(enrolment=first, by=contact)  # third moves up
    mailoutbox.clear()
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    assert sent_to(mailoutbox) == sorted([second.employee.email, third.employee.email, contact.email])


def test_people_promoted_after_added_seats_are_reminded(occasion, company, contact, mailoutbox):
    *_, waiting = register(occasion, company, staff(company, 3), contact)
    occasion.seats = 3
    occasion.save()
    assert waitlist_promote(occasion=occasion) == [waiting]
    mailoutbox.clear()
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    assert waiting.employee.email in sent_to(mailoutbox)


def test_a_cancelled_registration_gets_no_reminder_and_the_contact_hears_only_of_those_left(
    occasion, company, contact, mailoutbox
):
    first, second = register(occasion, company, staff(company, 2), contact)
    enrolment_cancel(enrolment=first, by=contact)
    assert Reminder.objects.get(kind=course_reminders.PARTICIPANT, object_id=first.pk).status == "cancelled"
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 2
    assert sent_to(mailoutbox) == sorted([second.employee.email, contact.email])
    (to_contact,) = [m for m in mailoutbox if m.to == [contact.email]]
    assert second.employee.full_name in to_contact.body and first.employee.full_name not in to_contact.body


def test_when_everyone_from_the_company_cancelled_the_contact_gets_no_reminder(occasion, company, contact, mailoutbox):
    (only,) = register(occasion, company, staff(company, 1), contact)
    enrolment_cancel(enrolment=only, by=contact)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 0
    assert mailoutbox == []
    assert set(Reminder.objects.values_list("status", flat=True)) == {"cancelled"}


def test_a_moved_occasion_moves_its_reminders(occasion, company, contact, mailoutbox):
    register(occasion, company, staff(company, 2), contact)
    old_start = occasion.starts_at
    occasion.starts_at = old_start + 7 * DAY
    occasion.ends_at += 7 * DAY
    occasion_save(occasion=occasion)
    mailoutbox.clear()
    assert reminders_send_due(now=old_start - 3 * DAY) == 0  # nothing at the old time
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 3
    assert set(Reminder.objects.values_list("due_at", flat=True)) == {occasion.starts_at - 3 * DAY}


def test_a_reminder_that_was_past_comes_back_when_the_occasion_moves_later(company, contact, mailoutbox):
    occasion = OccasionFactory(starts_at=in_days(2), registration_deadline=in_days(1, 8))
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    assert not Reminder.objects.exists()  # three days before was already past
    occasion.starts_at += 10 * DAY
    occasion.ends_at += 10 * DAY
    occasion_save(occasion=occasion)
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 2
    assert sent_to(mailoutbox)[-2:] == sorted([enrolment.employee.email, contact.email])


def test_the_project_sets_how_many_days_before(company, contact, mailoutbox):
    occasion = OccasionFactory(course__project__reminder_days="7, 1", starts_at=in_days(20))
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    mine = Reminder.objects.filter(recipient=enrolment.employee.email)
    assert sorted(r.offset for r in mine) == [DAY, 7 * DAY]
    assert reminders_send_due(now=occasion.starts_at - 7 * DAY) == 2
    assert reminders_send_due(now=occasion.starts_at - DAY) == 2


def test_a_project_without_reminder_days_sends_none(company, contact):
    occasion = OccasionFactory(course__project__reminder_days="", starts_at=in_days(20))
    register(occasion, company, staff(company, 1), contact)
    assert not Reminder.objects.exists()


def test_an_employee_without_an_address_is_not_reminded_but_the_contact_is(occasion, company, contact, mailoutbox):
    register(occasion, company, [EmployeeFactory(company=company, email="")], contact)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 1
    assert sent_to(mailoutbox) == [contact.email]


def test_a_new_address_gets_the_reminder_and_the_old_one_does_not(occasion, company, contact, mailoutbox):
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    old = enrolment.employee.email
    employee_update(employee=enrolment.employee, email="ny.adress@verkstaden.example")
    mailoutbox.clear()
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    assert sent_to(mailoutbox) == sorted(["ny.adress@verkstaden.example", contact.email])
    assert old not in sent_to(mailoutbox)


def test_someone_taken_off_the_staff_list_is_not_reminded(occasion, company, contact, mailoutbox):
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    employee_remove(employee=enrolment.employee, by=contact)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 0


def test_a_contact_who_left_the_company_is_not_reminded(occasion, company, contact, mailoutbox):
    register(occasion, company, staff(company, 1), contact)
    contact.roles.all().delete()
    mailoutbox.clear()
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    assert contact.email not in sent_to(mailoutbox)


def test_moving_an_occasion_in_the_admin_moves_the_reminders(client, company, contact):
    leader = project_leader_user()
    occasion = OccasionFactory(course__project=lead_project(leader), starts_at=in_days(20))
    register(occasion, company, staff(company, 1), contact)
    client.force_login(leader)
    address = reverse("admin:projects_occasion_change", args=[occasion.pk])
    data = form_data(client.get(address))
    new_start = occasion.starts_at + 5 * DAY
    local = timezone.localtime(new_start)
    data["starts_at_0"], data["starts_at_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
    ends = timezone.localtime(occasion.ends_at + 5 * DAY)
    data["ends_at_0"], data["ends_at_1"] = ends.strftime("%Y-%m-%d"), ends.strftime("%H:%M:%S")
    response = client.post(address, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(Reminder.objects.values_list("due_at", flat=True)) == {new_start - 3 * DAY}


def test_an_occasion_moved_after_its_reminders_went_out_reminds_everyone_once_about_the_new_time(
    occasion, company, contact, mailoutbox
):
    first, second = register(occasion, company, staff(company, 2), contact)
    old_start = occasion.starts_at
    assert reminders_send_due(now=old_start - 3 * DAY) == 3
    occasion.starts_at = old_start + 7 * DAY
    occasion.ends_at += 7 * DAY
    occasion_save(occasion=occasion)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 3
    assert reminders_send_due(now=occasion.starts_at - DAY) == 0
    assert sent_to(mailoutbox) == sorted([first.employee.email, second.employee.email, contact.email])
    new_date = formats.date_format(timezone.localtime(occasion.starts_at), "j F")
    assert all(new_date in message.body for message in mailoutbox)


def test_an_occasion_moved_after_the_reminders_went_out_reminds_nobody_whose_seat_was_given_up(
    occasion, company, contact, mailoutbox
):
    first, second = register(occasion, company, staff(company, 2), contact)
    reminders_send_due(now=occasion.starts_at - 3 * DAY)
    enrolment_cancel(enrolment=first, by=contact, enforce_deadline=False)
    occasion.starts_at += 7 * DAY
    occasion.ends_at += 7 * DAY
    occasion_save(occasion=occasion)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 2
    assert sent_to(mailoutbox) == sorted([second.employee.email, contact.email])


def test_a_contact_who_makes_a_new_address_primary_is_reminded_there(occasion, company, contact, mailoutbox):
    register(occasion, company, staff(company, 1), contact)
    # What allauth's e-mail page does when a confirmed address is made primary.
    EmailAddress.objects.create(user=contact, email="karin.ny@verkstaden.example", verified=True).set_as_primary()
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at - 3 * DAY) == 2
    assert "karin.ny@verkstaden.example" in sent_to(mailoutbox)
    assert "kontakt@verkstaden.example" not in sent_to(mailoutbox)


def test_a_moved_occasion_after_an_employees_address_changed_still_reminds_them_once_at_the_new_one(
    occasion, company, contact, mailoutbox
):
    (enrolment,) = register(occasion, company, staff(company, 1), contact)
    employee_update(employee=enrolment.employee, email="ny.adress@verkstaden.example")
    occasion.starts_at += 2 * DAY
    occasion.ends_at += 2 * DAY
    occasion_save(occasion=occasion)
    mailoutbox.clear()
    assert reminders_send_due(now=occasion.starts_at) == 2
    assert sent_to(mailoutbox) == sorted(["ny.adress@verkstaden.example", contact.email])


def test_new_reminder_days_in_the_admin_reach_the_reminders_already_scheduled(
    client, company, contact, mailoutbox, django_capture_on_commit_callbacks
):
    leader = project_leader_user()
    project = lead_project(leader)
    coming = OccasionFactory(course__project=project, starts_at=in_days(20), seats=5)
    past = OccasionFactory(course__project=project, starts_at=in_days(-2), seats=5)
    employee = staff(company, 1)
    register(coming, company, employee, contact)
    EnrolmentFactory(occasion=past, employee=EmployeeFactory(company=company))  # over: nothing to remind
    client.force_login(leader)
    address = reverse("admin:projects_project_change", args=[project.pk])
    data = form_data(client.get(address))
    data["reminder_days"] = "7, 1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    # The three-day reminders stop; the employee and the contact are reminded 7 and 1 days before.
    pending = Reminder.objects.filter(status=Reminder.Status.PENDING)
    assert sorted(set(pending.values_list("offset", flat=True))) == [DAY, 7 * DAY]
    assert set(pending.values_list("recipient", flat=True)) == {employee[0].email, contact.email}
    assert not Reminder.objects.filter(offset=3 * DAY, status=Reminder.Status.PENDING).exists()
    mailoutbox.clear()
    assert reminders_send_due(now=coming.starts_at - 7 * DAY) == 2
    assert reminders_send_due(now=coming.starts_at - 3 * DAY) == 0
    assert reminders_send_due(now=coming.starts_at - DAY) == 2
    assert sent_to(mailoutbox) == sorted([employee[0].email, contact.email] * 2)


def test_saving_a_project_without_new_reminder_days_leaves_the_reminders_alone(
    client, company, contact, django_capture_on_commit_callbacks
):
    leader = project_leader_user()
    project = lead_project(leader)
    register(OccasionFactory(course__project=project, starts_at=in_days(20)), company, staff(company, 1), contact)
    before = list(Reminder.objects.values_list("pk", "offset", "status", "due_at"))
    client.force_login(leader)
    address = reverse("admin:projects_project_change", args=[project.pk])
    data = {**form_data(client.get(address)), "summary": "Ny sammanfattning"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(address, data).status_code == 302
    assert list(Reminder.objects.values_list("pk", "offset", "status", "due_at")) == before
