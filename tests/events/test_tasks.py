import datetime
import time

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone

from events import services, tasks
from events.models import Event
from tests.factories import UserFactory

from .factories import EventFactory, RegistrationFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_the_confirmation_carries_the_calendar_file_and_the_track(mailoutbox):
    event = EventFactory(title="Samverkan för framtidens arbetsmarknad")
    registration = RegistrationFactory(event=event, track=TrackFactory(event=event, name="Spår 3: Vägledning"))
    assert tasks.send_registration_mail(registration.pk) == 1
    [message] = mailoutbox
    assert message.subject.endswith("Du är anmäld: Samverkan för framtidens arbetsmarknad")
    assert "Spår 3: Vägledning" in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content  # text/* attachments are kept as text


def test_the_waiting_list_notice_says_your_place_in_line_and_has_no_calendar_file(mailoutbox):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlisted_at=timezone.now() - datetime.timedelta(hours=1))
    registration = RegistrationFactory(event=event, status="waitlisted")
    tasks.send_registration_mail(registration.pk)
    [message] = mailoutbox
    assert "nummer 2" in message.body and not message.attachments


def test_a_mail_queued_before_a_cancellation_is_not_sent(mailoutbox):
    registration = RegistrationFactory(status="cancelled")
    assert tasks.send_registration_mail(registration.pk) == 0
    assert tasks.send_promotion_mail(registration.pk) == 0
    assert tasks.send_registration_mail(987654) == 0
    assert mailoutbox == []


def test_no_registration_mail_for_a_cancelled_event(mailoutbox):
    registration = RegistrationFactory(event=EventFactory(status=Event.Status.CANCELLED))
    assert tasks.send_registration_mail(registration.pk) == 0


def test_the_daily_clean_up_erases_old_needs():
    registration = RegistrationFactory(
        event=EventFactory(starts_at=timezone.now() - datetime.timedelta(days=60)), accessibility_needs="Rullstolsplats"
    )
    assert tasks.erase_needs_after_events() == 1
    registration.refresh_from_db()
    assert registration.accessibility_needs == ""


def test_the_clean_up_is_scheduled_in_the_database():
    from django_celery_beat.models import PeriodicTask

    from portal.schedules import ensure_periodic_tasks

    ensure_periodic_tasks()
    assert PeriodicTask.objects.filter(task="events.tasks.erase_needs_after_events").exists()


def test_project_leaders_get_the_event_permissions():
    from portal.roles import sync_project_leader_group
    from tests.factories import project_leader_user

    sync_project_leader_group()
    leader = project_leader_user()
    assert leader.has_perm("events.change_event") and leader.has_perm("events.view_registration")
    assert not leader.has_perm("events.delete_registration")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_promotion_mail_after_the_cancellation_commits():
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    event = EventFactory(capacity=1)
    holder = services.registration_create(event=event, user=UserFactory(), organisation_type="industry")
    waiting = services.registration_create(event=event, user=UserFactory(), organisation_type="industry")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            mail.outbox = []
            services.registration_cancel(registration=holder)
            deadline = time.monotonic() + 20
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
        connections.close_all()
    assert [message.to for message in mail.outbox] == [[waiting.user.email]]
