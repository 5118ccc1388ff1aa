"""Reminders are sent exactly once: a second run, a retry, two workers or a killed worker send nothing twice."""

import datetime
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from portal import reminders
from portal.models import Organisation, Reminder
from portal.reminders import Recipient, ReminderMessage
from tests.factories import OrganisationFactory, UserFactory
from tests.portal.parallel import send_due_in_parallel

DAY = datetime.timedelta(days=1)
TEMPLATES = str(Path(__file__).resolve().parents[1] / "templates")


def build(reminder):
    target = reminder.target
    if target is None or target.name.startswith("Inställt"):
        return None
    return ReminderMessage(template="tests/email/reminder", context={"name": target.name})


@pytest.fixture(autouse=True)
def _test_builder(monkeypatch):
    # The test's own kind of reminder, as an app's `reminder_builders` hook would give it.
    monkeypatch.setitem(reminders.builders(), "tests.reminder", build)


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES]} for engine in settings.TEMPLATES]


def schedule(target, *, anchor, emails=("a@example.se",), offsets=(7 * DAY, DAY)):
    return reminders.reminders_schedule(
        target=target,
        kind="tests.reminder",
        anchor=anchor,
        offsets=offsets,
        recipients=[Recipient(e) for e in emails],
        now=anchor - 30 * DAY,
    )


@pytest.mark.django_db
def test_each_due_reminder_is_sent_once_and_a_second_run_sends_nothing():
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(name="Industridagen"), anchor=anchor, emails=["a@example.se", "b@example.se"])
    assert reminders.reminders_send_due(now=anchor - 8 * DAY) == 0
    assert reminders.reminders_send_due(now=anchor - 7 * DAY) == 2
    assert reminders.reminders_send_due(now=anchor - 7 * DAY) == 0
    assert reminders.reminders_send_due(now=anchor - DAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "a@example.se", "b@example.se", "b@example.se"]
    assert "Industridagen" in mail.outbox[0].subject


@pytest.mark.django_db
def test_scheduling_twice_makes_no_second_reminder_and_past_offsets_are_skipped():
    target = OrganisationFactory()
    anchor = timezone.now() + 3 * DAY
    first = reminders.reminders_schedule(
        target=target,
        kind="tests.reminder",
        anchor=anchor,
        offsets=[7 * DAY, DAY],
        recipients=[Recipient("a@example.se")],
    )
    again = reminders.reminders_schedule(
        target=target,
        kind="tests.reminder",
        anchor=anchor,
        offsets=[7 * DAY, DAY],
        recipients=[Recipient("A@example.se")],
    )
    assert len(first) == 1 and again == []  # the 7-day reminder was already past
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_cancelling_stops_pending_reminders_of_one_person_or_all():
    target = OrganisationFactory()
    anchor = timezone.now() + 10 * DAY
    a, b, c = UserFactory(email="a@example.se"), UserFactory(email="b@example.se"), UserFactory(email="c@example.se")
    reminders.reminders_schedule(
        target=target,
        kind="tests.reminder",
        anchor=anchor,
        offsets=[7 * DAY, DAY],
        recipients=[Recipient.account(u) for u in (a, b, c)],
        now=anchor - 30 * DAY,
    )
    assert reminders.reminders_cancel(target=target, user=a) == 2
    assert reminders.reminders_send_due(now=anchor - 7 * DAY) == 2
    assert reminders.reminders_cancel(target=target) == 2  # b's and c's day-before
    assert reminders.reminders_send_due(now=anchor) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["b@example.se", "c@example.se"]


@pytest.mark.django_db
def test_a_reminder_that_no_longer_applies_is_not_sent():
    target = OrganisationFactory()
    anchor = timezone.now() + 10 * DAY
    schedule(target, anchor=anchor, offsets=[DAY])
    Organisation.objects.filter(pk=target.pk).update(name="Inställt evenemang")
    assert reminders.reminders_send_due(now=anchor) == 0
    assert Reminder.objects.get().status == Reminder.Status.CANCELLED
    assert mail.outbox == []


@pytest.mark.django_db
def test_smtp_failures_are_retried_with_back_off_and_end_as_failed(settings):
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.EmailBackend"
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(), anchor=anchor, offsets=[DAY])
    now = anchor - DAY
    waits = []
    for _ in range(reminders.MAX_ATTEMPTS):
        assert reminders.reminders_send_due(now=now) == 0
        reminder = Reminder.objects.get()
        if reminder.status == Reminder.Status.FAILED:
            break
        waits.append(reminder.next_attempt_at - now)
        assert reminders.reminders_send_due(now=now) == 0  # not before the back-off has passed
        now = reminder.next_attempt_at
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.FAILED
    assert reminder.attempts == reminders.MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in reminder.last_error
    assert waits == sorted(waits) and waits[0] < waits[-1]


@pytest.mark.django_db
def test_smtp_recovering_sends_the_reminder_on_the_next_attempt(settings):
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.EmailBackend"
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(), anchor=anchor, offsets=[DAY])
    reminders.reminders_send_due(now=anchor - DAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry_at = Reminder.objects.get().next_attempt_at
    assert reminders.reminders_send_due(now=retry_at) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_claiming_loses_nothing_and_sends_nothing_twice():
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(), anchor=anchor, emails=[f"p{n}@example.se" for n in range(5)], offsets=[DAY])

    class Killed(Exception):
        pass

    # The worker claims a row and dies before it commits: the claim is rolled back with it.
    with pytest.raises(Killed), transaction.atomic():
        claimed = reminders._claim_next(anchor)
        assert claimed is not None
        raise Killed

    assert reminders.reminders_send_due(now=anchor) == 5
    assert reminders.reminders_send_due(now=anchor) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.se" for n in range(5))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_held_by_one_worker_is_skipped_by_another_and_sent_once():
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(), anchor=anchor, emails=[f"p{n}@example.se" for n in range(4)], offsets=[DAY])
    holding, release = threading.Event(), threading.Event()
    sent_by_slow = []

    def slow_worker():
        try:
            with transaction.atomic():
                reminder = reminders._claim_next(anchor)
                holding.set()
                release.wait(10)
                sent_by_slow.append(reminders._deliver(reminder, None))
                reminder.status, reminder.sent_at = Reminder.Status.SENT, timezone.now()
                reminder.save()
        finally:
            connection.close()

    thread = threading.Thread(target=slow_worker)
    thread.start()
    assert holding.wait(10)
    sent_by_other = reminders.reminders_send_due(now=anchor)  # skips the locked row
    release.set()
    thread.join(10)
    assert sent_by_other == 3 and sent_by_slow == [True]
    assert reminders.reminders_send_due(now=anchor) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.se" for n in range(4))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_send_every_reminder_exactly_once():
    anchor = timezone.now() + 10 * DAY
    emails = [f"p{n}@example.se" for n in range(60)]
    schedule(OrganisationFactory(), anchor=anchor, emails=emails, offsets=[DAY])
    assert sum(send_due_in_parallel(now=anchor)) == 60
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)


@pytest.mark.redis
def test_the_beat_task_through_a_real_worker_sends_each_reminder_once(celery_worker_app):
    from portal.tasks import send_due_reminders

    anchor = timezone.now() + DAY / 2
    reminders.reminders_schedule(
        target=OrganisationFactory(),
        kind="tests.reminder",
        anchor=anchor,
        offsets=[DAY],
        recipients=[Recipient("a@example.se"), Recipient("b@example.se")],
        now=anchor - 2 * DAY,
    )
    first, second = send_due_reminders.delay(), send_due_reminders.delay()
    assert first.get(timeout=20) + second.get(timeout=20) == 2
    assert send_due_reminders.delay().get(timeout=20) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "b@example.se"]


@pytest.mark.django_db
def test_a_failed_reminder_sent_again_goes_out_once_and_a_sent_one_is_not_sent_twice():
    anchor = timezone.now() + 10 * DAY
    schedule(OrganisationFactory(), anchor=anchor, emails=["failed@example.se", "sent@example.se"], offsets=[DAY])
    failed = Reminder.objects.get(recipient="failed@example.se")
    failed.status, failed.attempts = Reminder.Status.FAILED, reminders.MAX_ATTEMPTS
    failed.save()
    assert reminders.reminders_send_due(now=anchor - DAY) == 1  # only the other one
    now = anchor - DAY + datetime.timedelta(minutes=5)
    assert reminders.reminders_retry(reminders=Reminder.objects.all(), now=now) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Reminder.Status.PENDING, 0)
    assert reminders.reminders_send_due(now=now) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["failed@example.se", "sent@example.se"]
