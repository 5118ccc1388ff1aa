"""Reminders about booked visits: two days before to both sides, a feedback question the day after;
moved with the visit, stopped when it is cancelled, and no question to a side that has answered."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.exceptions import InvalidDate, InvalidState
from ambassadors.models import VisitFeedback, VisitRequest
from ambassadors.reminders import VISIT_FEEDBACK, VISIT_REMINDER
from portal.models import Reminder
from portal.reminders import reminders_send_due
from tests.ambassadors.factories import at, future, lead, published_ambassador, visit_request
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def booked():
    """A visit booked by an ambassador with an account, 30 days ahead at 13.00."""
    ambassador = published_ambassador(user=UserFactory(email="amir@example.se", language="en"))
    request = visit_request(ambassador)
    request = services.visit_request_accept(visit_request=request, by=ambassador.user, scheduled_for=at(future(30), 13))
    return request


def people(request):
    return request.requested_by, request.ambassador.user


# --- Before the visit ----------------------------------------------------------------------------


def test_both_sides_are_reminded_two_days_before_the_visit_once(booked):
    teacher, ambassador = people(booked)
    when = booked.scheduled_for
    assert reminders_send_due(now=when - 2 * DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=when - 2 * DAY) == 2
    assert reminders_send_due(now=when - 2 * DAY) == 0
    assert reminders_send_due(now=when - DAY) == 0
    assert sent_to() == sorted([teacher.email, ambassador.email])
    message = next(m for m in mail.outbox if m.to == [teacher.email])
    assert "Om två dagar" in message.body and booked.school.name in message.subject
    assert booked.get_absolute_url() in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and booked.group_name in html


def test_each_side_gets_the_reminder_in_their_language(booked):
    reminders_send_due(now=booked.scheduled_for - 2 * DAY)
    teacher, ambassador = people(booked)
    languages = {m.to[0]: m.alternatives[0][0].split('lang="')[1][:2] for m in mail.outbox}
    assert languages == {teacher.email: "sv", ambassador.email: "en"}


def test_without_an_account_the_project_leaders_are_reminded_for_the_ambassador():
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.get().user
    second_leader = lead(ambassador.project)
    request = visit_request(ambassador)
    services.visit_request_accept(visit_request=request, by=leader, scheduled_for=at(future(20), 9))
    reminders_send_due(now=at(future(20), 9) - 2 * DAY)
    assert sent_to() == sorted([request.requested_by.email, leader.email, second_leader.email])
    to_leader = next(m for m in mail.outbox if m.to == [leader.email])
    assert "som projektledare för" in to_leader.body


def test_a_moved_visit_reminds_at_the_new_time_and_not_at_the_old(booked):
    teacher, ambassador = people(booked)
    old = booked.scheduled_for
    new = at(future(40), 9)
    services.visit_request_reschedule(visit_request=booked, by=teacher, scheduled_for=new, message="Prao")
    assert reminders_send_due(now=old - 2 * DAY) == 0
    assert reminders_send_due(now=new - 2 * DAY) == 2
    assert sent_to() == sorted([teacher.email, ambassador.email])


def test_a_visit_moved_after_its_reminder_went_out_reminds_both_sides_once_about_the_new_time(booked):
    teacher, ambassador = people(booked)
    assert reminders_send_due(now=booked.scheduled_for - 2 * DAY) == 2
    new = at(future(40), 9)
    services.visit_request_reschedule(visit_request=booked, by=teacher, scheduled_for=new, message="Prao")
    mail.outbox.clear()
    assert reminders_send_due(now=new - 2 * DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=new - 2 * DAY) == 2
    assert reminders_send_due(now=new - DAY) == 0
    assert sent_to() == sorted([teacher.email, ambassador.email])
    # The feedback question moved with the visit and goes out once, the day after the new time.
    assert reminders_send_due(now=new + DAY) == 2
    assert reminders_send_due(now=new + 2 * DAY) == 0


def test_a_teacher_who_changes_address_is_reminded_at_the_new_one(booked):
    teacher, ambassador = people(booked)
    teacher.email = "larare.ny@example.se"
    teacher.save()
    reminders_send_due(now=booked.scheduled_for - 2 * DAY)
    assert sent_to() == sorted(["larare.ny@example.se", ambassador.email])


def test_a_cancelled_visit_sends_neither_reminder_nor_feedback_question(booked):
    teacher, _ambassador = people(booked)
    services.visit_request_cancel(visit_request=booked, by=teacher, message="Skolan stänger")
    assert reminders_send_due(now=booked.scheduled_for + 2 * DAY) == 0
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.CANCELLED}


def test_a_visit_booked_less_than_two_days_ahead_has_only_its_feedback_question():
    ambassador = published_ambassador(user=UserFactory())
    request = visit_request(ambassador)
    soon = timezone.now() + DAY
    services.visit_request_accept(visit_request=request, by=ambassador.user, scheduled_for=soon)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {VISIT_FEEDBACK}


def test_a_teacher_whose_account_is_gone_gets_nothing(booked):
    _teacher, ambassador = people(booked)
    VisitRequest.objects.filter(pk=booked.pk).update(requested_by=None)
    reminders_send_due(now=booked.scheduled_for - 2 * DAY)
    assert sent_to() == [ambassador.email]


# --- After the visit -----------------------------------------------------------------------------


def test_both_sides_are_asked_for_feedback_the_day_after_once(booked):
    teacher, ambassador = people(booked)
    when = booked.scheduled_for
    reminders_send_due(now=when - 2 * DAY)
    mail.outbox.clear()
    assert reminders_send_due(now=when + DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=when + DAY) == 2
    assert reminders_send_due(now=when + 2 * DAY) == 0
    assert sent_to() == sorted([teacher.email, ambassador.email])
    feedback_url = reverse("ambassadors:feedback", kwargs={"pk": booked.pk})
    for message in mail.outbox:
        assert feedback_url in message.body and feedback_url in message.alternatives[0][0]


def test_the_question_links_to_the_feedback_form_that_opens_after_the_visit(booked, client):
    teacher, _ambassador = people(booked)
    reminders_send_due(now=booked.scheduled_for + DAY)
    message = next(m for m in mail.outbox if m.to == [teacher.email] and "Hur gick" in m.subject)
    url = next(line for line in message.body.splitlines() if "/aterkoppling/" in line).strip()
    path = url.removeprefix(settings.SITE_URL.rstrip("/"))
    VisitRequest.objects.filter(pk=booked.pk).update(scheduled_for=timezone.now() - DAY)  # it has taken place
    client.force_login(teacher)
    response = client.get(path)
    assert response.status_code == 200
    assert response.templates[0].name == "ambassadors/feedback_form.html"


def test_a_side_that_already_gave_feedback_is_not_asked(booked):
    teacher, ambassador = people(booked)
    VisitFeedback.objects.create(visit_request=booked, side="school", author=teacher, rating=5)
    reminders_send_due(now=booked.scheduled_for + DAY)
    questions = [m for m in mail.outbox if "/aterkoppling/" in m.body]
    assert [m.to for m in questions] == [[ambassador.email]]


def test_giving_feedback_stops_the_givers_question(booked):
    teacher, ambassador = people(booked)
    VisitRequest.objects.filter(pk=booked.pk).update(scheduled_for=timezone.now() - datetime.timedelta(hours=2))
    booked.refresh_from_db()
    services.visit_feedback_give(visit_request=booked, by=ambassador, rating=4)
    question = Reminder.objects.get(kind=VISIT_FEEDBACK, recipient=ambassador.email)
    assert question.status == Reminder.Status.CANCELLED
    assert Reminder.objects.get(kind=VISIT_FEEDBACK, recipient=teacher.email).status == Reminder.Status.PENDING


def test_one_leaders_feedback_answers_for_the_others_of_the_ambassador_side():
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.get().user
    other_leader = lead(ambassador.project)
    request = visit_request(ambassador)
    services.visit_request_accept(visit_request=request, by=leader, scheduled_for=at(future(20), 9))
    VisitFeedback.objects.create(visit_request=request, side="ambassador", author=leader, rating=4)
    reminders_send_due(now=at(future(20), 9) + DAY)
    questions = [m for m in mail.outbox if "/aterkoppling/" in m.body]
    assert [m.to for m in questions] == [[request.requested_by.email]]  # not the other leader
    assert Reminder.objects.get(kind=VISIT_FEEDBACK, recipient=other_leader.email).status == "cancelled"


# --- Moving a visit ------------------------------------------------------------------------------


def test_the_same_time_is_not_a_move(booked):
    teacher, _ambassador = people(booked)
    with pytest.raises(InvalidDate):
        services.visit_request_reschedule(visit_request=booked, by=teacher, scheduled_for=booked.scheduled_for)


def test_a_visit_that_has_taken_place_cannot_be_moved(booked):
    teacher, _ambassador = people(booked)
    VisitRequest.objects.filter(pk=booked.pk).update(scheduled_for=timezone.now() - DAY)
    booked.refresh_from_db()
    assert "reschedule" not in services.actions_available(booked, {"school"})
    with pytest.raises(InvalidState):
        services.visit_request_reschedule(visit_request=booked, by=teacher, scheduled_for=at(future(5), 9))


def test_moving_on_the_request_page_tells_the_other_side_and_moves_the_reminders(booked, client, committed):
    teacher, ambassador = people(booked)
    client.force_login(teacher)
    page = client.get(booked.get_absolute_url())
    assert "Flytta besöket" in page.content.decode()
    new_day = future(35)
    mail.outbox.clear()
    with committed():
        response = client.post(
            reverse("ambassadors:request-action", kwargs={"pk": booked.pk, "action": "reschedule"}),
            {
                "reschedule-date": new_day.isoformat(),
                "reschedule-time": "10:15",
                "reschedule-message": "Klassen har prov den dagen.",
            },
        )
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.scheduled_for == at(new_day, 10) + datetime.timedelta(minutes=15)
    (told,) = mail.outbox
    # The ambassador reads English (their account's language).
    assert told.to == [ambassador.email] and "rescheduled" in told.subject
    assert "Klassen har prov den dagen." in told.body
    due = Reminder.objects.get(kind=VISIT_REMINDER, recipient=teacher.email).due_at
    assert due == booked.scheduled_for - 2 * DAY
    assert "flyttade besöket till" in client.get(booked.get_absolute_url()).content.decode()


def test_a_move_to_a_time_that_has_passed_is_refused_with_a_message(booked, client):
    teacher, _ambassador = people(booked)
    client.force_login(teacher)
    yesterday = timezone.localdate() - DAY
    response = client.post(
        reverse("ambassadors:request-action", kwargs={"pk": booked.pk, "action": "reschedule"}),
        {"reschedule-date": yesterday.isoformat(), "reschedule-time": "10:00"},
        follow=True,
    )
    assert "Tiden har redan varit" in response.content.decode()
    before = booked.scheduled_for
    booked.refresh_from_db()
    assert booked.scheduled_for == before
