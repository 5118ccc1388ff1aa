"""A course occasion moved or called off: its people are told, once each, with a calendar file."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from icalendar import Calendar

from portal.models import OutboxMessage, Reminder
from projects.models import Enrolment, Occasion
from projects.services.enrolment import enrolments_create
from projects.services.errors import RegistrationClosed
from projects.services.occasions import occasion_cancel, occasion_save
from tests.factories import company_contact

from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory, lead_project

pytestmark = pytest.mark.django_db


def _ics(mail):
    [(name, content, mimetype)] = [a for a in mail.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(content)


@pytest.fixture
def booked(django_capture_on_commit_callbacks, mailoutbox):
    """An occasion of one seat: one employee confirmed, one waiting, from one company with a contact."""
    occasion = OccasionFactory(seats=1)
    first = EmployeeFactory()
    second = EmployeeFactory(company=first.company)
    contact = company_contact(first.company)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed, waiting = enrolments_create(
            occasion=occasion, company=first.company, employees=[first, second], by=contact
        )
    mailoutbox.clear()
    return occasion, confirmed, waiting, contact


def test_calling_off_clears_the_waiting_list_and_tells_everyone_once(
    booked, mailoutbox, django_capture_on_commit_callbacks
):
    occasion, confirmed, waiting, contact = booked
    with django_capture_on_commit_callbacks(execute=True):
        occasion_cancel(occasion=occasion, by=contact)
    occasion.refresh_from_db()
    assert occasion.is_cancelled and occasion.cancelled_at and occasion.sequence == 1
    waiting.refresh_from_db()
    confirmed.refresh_from_db()
    assert waiting.status == Enrolment.Status.CANCELLED
    assert confirmed.status == Enrolment.Status.CONFIRMED, "kept as the record of who had a seat"
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.employee.email, waiting.employee.email, contact.email]
    )
    for mail in mailoutbox:
        assert "Inställt" in mail.subject
    for employee in (confirmed.employee, waiting.employee):
        [mail] = [m for m in mailoutbox if m.to == [employee.email]]
        calendar = _ics(mail)
        assert str(calendar["METHOD"]) == "CANCEL"
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["STATUS"]) == "CANCELLED" and vevent["SEQUENCE"] == 1
    [to_contact] = [m for m in mailoutbox if m.to == [contact.email]]
    assert confirmed.employee.full_name in to_contact.body and waiting.employee.full_name in to_contact.body


def test_calling_off_goes_through_the_outbox_in_one_row(booked, django_capture_on_commit_callbacks):
    occasion, *_ = booked
    OutboxMessage.objects.all().delete()
    occasion_cancel(occasion=occasion, by=None)
    [row] = OutboxMessage.objects.all()
    assert row.task == "projects.tasks.send_occasion_changed_notices"


def test_calling_off_twice_tells_nobody_twice(booked, mailoutbox, django_capture_on_commit_callbacks):
    occasion, *_ = booked
    with django_capture_on_commit_callbacks(execute=True):
        occasion_cancel(occasion=occasion, by=None)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        occasion_cancel(occasion=occasion, by=None)
    occasion.refresh_from_db()
    assert mailoutbox == [] and occasion.sequence == 1


def test_a_called_off_occasion_stops_its_reminders_and_takes_no_registrations(booked):
    occasion, confirmed, _waiting, contact = booked
    assert Reminder.objects.filter(status=Reminder.Status.PENDING).exists()
    occasion_cancel(occasion=occasion, by=None)
    assert not Reminder.objects.filter(status=Reminder.Status.PENDING).exists()
    with pytest.raises(RegistrationClosed):
        enrolments_create(
            occasion=occasion,
            company=confirmed.company,
            employees=[EmployeeFactory(company=confirmed.company)],
            by=None,
        )


def test_moving_an_occasion_mails_the_enrolled_once_with_the_new_time(
    booked, mailoutbox, django_capture_on_commit_callbacks
):
    occasion, confirmed, waiting, contact = booked
    occasion.starts_at += datetime.timedelta(hours=1)
    occasion.ends_at += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        occasion_save(occasion=occasion)
    occasion.refresh_from_db()
    assert occasion.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.employee.email, waiting.employee.email, contact.email]
    )
    [to_confirmed] = [m for m in mailoutbox if m.to == [confirmed.employee.email]]
    [vevent] = _ics(to_confirmed).walk("VEVENT")
    assert vevent.decoded("DTSTART") == occasion.starts_at and vevent["SEQUENCE"] == 1
    [to_waiting] = [m for m in mailoutbox if m.to == [waiting.employee.email]]
    assert not to_waiting.attachments


def test_other_edits_of_an_occasion_mail_nobody(booked, mailoutbox, django_capture_on_commit_callbacks):
    occasion, *_ = booked
    occasion.place = "Norrköping"
    with django_capture_on_commit_callbacks(execute=True):
        occasion_save(occasion=occasion)
    occasion.refresh_from_db()
    assert mailoutbox == [] and occasion.sequence == 0


def test_a_stale_admin_form_does_not_undo_a_call_off(booked):
    occasion, *_ = booked
    stale = Occasion.objects.get(pk=occasion.pk)
    occasion_cancel(occasion=occasion, by=None)
    stale.place = "Norrköping"
    occasion_save(occasion=stale)
    stale.refresh_from_db()
    assert stale.is_cancelled and stale.sequence == 1


def test_the_enrolment_confirmation_carries_the_calendar_file(mailoutbox, django_capture_on_commit_callbacks):
    occasion = OccasionFactory()
    employee = EmployeeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrolments_create(occasion=occasion, company=employee.company, employees=[employee], by=None)
    [mail] = [m for m in mailoutbox if m.to == [employee.email]]
    [vevent] = _ics(mail).walk("VEVENT")
    assert vevent.decoded("DTSTART") == occasion.starts_at


def test_the_occasion_page_offers_its_calendar_file(client):
    occasion = OccasionFactory()
    page = client.get(occasion.get_absolute_url())
    url = reverse("projects:occasion-ics", args=[occasion.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).walk("VEVENT")


def test_an_occasion_of_an_unpublished_project_has_no_calendar_file(client):
    occasion = OccasionFactory(course__project__status="draft")
    assert client.get(reverse("projects:occasion-ics", args=[occasion.pk])).status_code == 404


def test_a_leader_calls_off_from_the_admin_only_within_their_projects(
    booked, client, mailoutbox, django_capture_on_commit_callbacks
):
    occasion, *_ = booked
    other = OccasionFactory()
    EnrolmentFactory(occasion=other)
    from tests.factories import project_leader_user

    leader = project_leader_user()
    lead_project(leader, occasion.course.project)
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:projects_occasion_changelist"),
            {"action": "cancel_occasions", "_selected_action": [occasion.pk, other.pk]},
            follow=True,
        )
    assert response.status_code == 200
    occasion.refresh_from_db()
    other.refresh_from_db()
    assert occasion.is_cancelled and not other.is_cancelled
    assert "cancel_occasions" in admin.site._registry[Occasion].actions
