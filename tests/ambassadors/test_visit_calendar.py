"""A booked visit has a calendar file for both sides: in the mails and to download."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from ambassadors import services
from tests.ambassadors.factories import at, future, published_ambassador, visit_request
from tests.factories import UserFactory, teacher

pytestmark = pytest.mark.django_db


def _vevent(data):
    calendar = Calendar.from_ical(data)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


@pytest.fixture
def booked(mailoutbox, django_capture_on_commit_callbacks):
    ambassador_user = UserFactory()
    request = visit_request(published_ambassador(user=ambassador_user))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_request_accept(visit_request=request, by=ambassador_user, scheduled_for=at(future(20), 13))
    request.refresh_from_db()
    return request, ambassador_user


def test_booking_mails_the_teacher_the_file_and_both_sides_can_download_it(booked, client, mailoutbox):
    request, ambassador_user = booked
    [mail] = mailoutbox
    assert mail.to == [request.requested_by.email]
    [(name, content, _mimetype)] = mail.attachments
    _calendar, vevent = _vevent(content)
    assert vevent.decoded("DTSTART") == request.scheduled_for and vevent["SEQUENCE"] == 1
    for user in (request.requested_by, ambassador_user):
        client.force_login(user)
        response = client.get(reverse("ambassadors:request-ics", args=[request.pk]))
        assert response.status_code == 200
        assert str(_vevent(response.content)[1]["UID"]) == str(vevent["UID"])
        assert (
            reverse("ambassadors:request-ics", args=[request.pk])
            in client.get(request.get_absolute_url()).content.decode()
        )


def test_an_outsider_gets_no_file(booked, client):
    request, _ambassador_user = booked
    client.force_login(teacher())
    assert client.get(reverse("ambassadors:request-ics", args=[request.pk])).status_code == 404


def test_moving_and_calling_off_a_visit_send_newer_files(booked, mailoutbox, django_capture_on_commit_callbacks):
    request, ambassador_user = booked
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_request_reschedule(
            visit_request=request, by=ambassador_user, scheduled_for=at(future(22), 10), message="Krock"
        )
    [moved] = mailoutbox
    _calendar, vevent = _vevent(moved.attachments[0][1])
    assert vevent["SEQUENCE"] == 2
    mailoutbox.clear()
    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_request_cancel(visit_request=request, by=ambassador_user, message="Sjuk")
    [cancelled] = mailoutbox
    calendar, vevent = _vevent(cancelled.attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL" and str(vevent["STATUS"]) == "CANCELLED" and vevent["SEQUENCE"] == 3


def test_a_request_not_yet_booked_has_no_file(mailoutbox, client):
    request = visit_request(published_ambassador(user=UserFactory()))
    assert all(not m.attachments for m in mailoutbox)
    client.force_login(request.requested_by)
    assert client.get(reverse("ambassadors:request-ics", args=[request.pk])).status_code == 404
