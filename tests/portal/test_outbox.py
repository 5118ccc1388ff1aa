"""The durable outbox: a mail is a row written with the change that causes it, sent by the one
claim-and-send engine, with a Message-ID of its own that a retry keeps."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events import services as event_services
from events.models import Registration
from portal import outbox, sending
from portal.models import OutboxMessage
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register(event=None):
    return event_services.registration_create(
        event=event or EventFactory(), user=UserFactory(), organisation_type="industry"
    )


def test_a_registration_writes_its_mail_in_its_own_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        registration = register()
    row = OutboxMessage.objects.get()
    assert (row.task, row.args, row.status) == ("events.tasks.send_registration_mail", [registration.pk], "pending")
    assert mail.outbox == []  # nothing is sent before the commit


def test_a_change_rolled_back_leaves_no_mail():
    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        register()
        raise Undone
    assert not OutboxMessage.objects.exists()
    assert not Registration.objects.exists()


def test_after_the_commit_the_sender_is_kicked_and_the_mail_goes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register()
    row = OutboxMessage.objects.get()
    assert row.status == "sent" and row.sent_at is not None
    assert [m.to for m in mail.outbox] == [[registration.user.email]]
    assert mail.outbox[0].extra_headers["Message-ID"] == row.delivered[0]["message_id"]


def test_with_the_broker_down_the_registration_stands_and_its_mail_waits(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """(tests/portal/test_redis_outage.py does this with a real Redis cut off.)"""
    from kombu.exceptions import OperationalError

    from portal.celery import app
    from portal.tasks import send_outbox

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6380. Connection refused.")

    monkeypatch.setattr(send_outbox, "apply_async", unreachable)
    app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            registration = register()
    finally:
        app.conf.task_always_eager = True
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert OutboxMessage.objects.get().status == "pending"
    assert "could not reach the broker" in caplog.text
    assert outbox.outbox_send_due() == 1  # beat's next run, once a worker can run
    assert [m.to for m in mail.outbox] == [[registration.user.email]]


def test_the_message_id_is_on_the_sites_domain_and_the_same_when_sent_again(settings):
    settings.SITE_URL = "https://kompetensportalen.example"
    registration = RegistrationFactory()
    row = OutboxMessage.objects.create(task="events.tasks.send_registration_mail", args=[registration.pk])
    assert outbox.outbox_send_due() == 1
    first = mail.outbox[0].extra_headers["Message-ID"]
    assert first.endswith("@kompetensportalen.example>")
    # A sender died after the relay took it but before recording that: the row is sent again.
    OutboxMessage.objects.filter(pk=row.pk).update(status="sending", lease_until=timezone.now(), delivered=[])
    assert outbox.outbox_send_due() == 1
    assert mail.outbox[1].extra_headers["Message-ID"] == first


def test_a_row_being_sent_is_left_alone_until_its_lease_runs_out():
    registration = RegistrationFactory()
    OutboxMessage.objects.create(
        task="events.tasks.send_registration_mail",
        args=[registration.pk],
        status="sending",
        lease_until=timezone.now() + datetime.timedelta(minutes=1),
    )
    assert outbox.outbox_send_due() == 0
    assert mail.outbox == []


def test_mails_of_a_row_accepted_before_a_failure_are_not_sent_again(monkeypatch):
    """The cancellation notice goes to the employee and to each company contact: the relay takes
    the first and then fails; the retry sends only the rest."""
    from django.core.mail import EmailMultiAlternatives

    registrations = [RegistrationFactory(), RegistrationFactory()]
    row = OutboxMessage.objects.create(task="events.tasks.send_registration_mail", args=[registrations[0].pk])
    real_send, calls = EmailMultiAlternatives.send, []

    def send_then_fail(message, *args, **kwargs):
        calls.append(message.to)
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_then_fail)
    from events import tasks

    def two_mails(registration_id):
        from events import notifications

        return notifications.registration_mail_send(registration_id) + notifications.registration_mail_send(
            registrations[1].pk
        )

    monkeypatch.setattr(tasks.send_registration_mail, "run", two_mails)
    assert outbox.outbox_send_due() == 0
    row.refresh_from_db()
    assert row.status == "pending" and len(row.delivered) == 1 and "SMTPServerDisconnected" in row.last_error
    assert outbox.outbox_send_due(now=row.next_attempt_at) == 1
    assert [m.to for m in mail.outbox] == [[registrations[0].user.email], [registrations[1].user.email]]


def test_a_row_that_keeps_failing_ends_failed_and_is_shown_to_staff(settings, client):
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.EmailBackend"
    row = OutboxMessage.objects.create(task="events.tasks.send_registration_mail", args=[RegistrationFactory().pk])
    now = timezone.now()
    for _ in range(sending.MAX_ATTEMPTS):
        outbox.outbox_send_due(now=now)
        row.refresh_from_db()
        now = row.next_attempt_at
    assert row.status == "failed" and row.attempts == sending.MAX_ATTEMPTS
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:portal_outboxmessage_changelist"), {"status__exact": "failed"})
    assert page.status_code == 200 and "events.tasks.send_registration_mail" in page.content.decode()


def test_a_row_whose_senders_keep_dying_ends_failed():
    row = OutboxMessage.objects.create(
        task="events.tasks.send_registration_mail",
        args=[RegistrationFactory().pk],
        status="sending",
        attempts=sending.MAX_ATTEMPTS,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert outbox.outbox_send_due() == 0
    row.refresh_from_db()
    assert row.status == "failed" and mail.outbox == []


def test_a_mail_that_no_longer_applies_is_not_sent():
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)
    row = OutboxMessage.objects.create(task="events.tasks.send_registration_mail", args=[registration.pk])
    assert outbox.outbox_send_due() == 0
    row.refresh_from_db()
    assert row.status == "cancelled" and mail.outbox == []
