"""A thing moved while its reminder is being sent, and senders running side by side after a move:
each person still gets exactly one reminder about each time the thing is at."""

import datetime
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from portal import reminders
from portal.models import Reminder
from portal.reminders import Recipient, ReminderMessage
from tests.factories import OrganisationFactory
from tests.portal.parallel import send_due_in_parallel

DAY = datetime.timedelta(days=1)
KIND = "tests.concurrent"
TEMPLATES = str(Path(__file__).resolve().parents[1] / "templates")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def build(reminder):
    return ReminderMessage(template="tests/email/reminder", context={"name": reminder.target.name})


@pytest.fixture(autouse=True)
def _test_builder(monkeypatch):
    # The test's own kind of reminder, as an app's `reminder_builders` hook would give it.
    monkeypatch.setitem(reminders.builders(), KIND, build)


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES]} for engine in settings.TEMPLATES]


def sync(target, anchor, emails=("a@example.se",)):
    with transaction.atomic():  # as the services call it
        reminders.reminders_sync(
            target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient(email) for email in emails]
        )


def wait_for_a_blocked_query(timeout=10.0) -> bool:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def move_while_the_reminder_is_being_sent(target, anchor, new_anchor) -> None:
    """A worker claims the reminder about `anchor` and holds it; meanwhile the thing moves."""
    holding, release = threading.Event(), threading.Event()

    def worker():
        try:
            with transaction.atomic():
                reminder = reminders._claim_next(anchor - DAY)
                holding.set()
                release.wait(10)
                assert reminders._deliver(reminder, None)
                reminder.status, reminder.sent_at = Reminder.Status.SENT, timezone.now()
                reminder.save()
        finally:
            connection.close()

    def mover():
        try:
            sync(target, new_anchor)
        finally:
            connection.close()

    sending = threading.Thread(target=worker)
    sending.start()
    assert holding.wait(10)
    moving = threading.Thread(target=mover)
    moving.start()
    assert wait_for_a_blocked_query()  # the move waits for the worker's row
    release.set()
    sending.join(10)
    moving.join(10)


def test_moved_while_its_reminder_is_being_sent_the_new_time_is_reminded_once(mailoutbox):
    target = OrganisationFactory()
    anchor = timezone.now() + 10 * DAY
    new_anchor = anchor + 5 * DAY
    sync(target, anchor)
    move_while_the_reminder_is_being_sent(target, anchor, new_anchor)
    assert reminders.reminders_send_due(now=new_anchor - DAY) == 1
    assert reminders.reminders_send_due(now=new_anchor) == 0
    assert [m.to for m in mailoutbox] == [["a@example.se"]] * 2
    assert sorted(Reminder.objects.values_list("anchor", "status")) == [(anchor, "sent"), (new_anchor, "sent")]


def test_control_without_the_row_lock_the_move_overwrites_the_row_being_sent(mailoutbox, monkeypatch):
    monkeypatch.setattr(reminders, "LOCK_ROWS", False)
    target = OrganisationFactory()
    anchor = timezone.now() + 10 * DAY
    new_anchor = anchor + 5 * DAY
    sync(target, anchor)
    move_while_the_reminder_is_being_sent(target, anchor, new_anchor)
    # The sent row now claims to be about the new time: nobody is reminded of it.
    assert reminders.reminders_send_due(now=new_anchor - DAY) == 0
    assert list(Reminder.objects.values_list("anchor", "status")) == [(new_anchor, "sent")]
    assert len(mailoutbox) == 1


def test_parallel_senders_after_a_move_remind_everyone_exactly_once_about_the_new_time(mailoutbox):
    target = OrganisationFactory()
    anchor = timezone.now() + 10 * DAY
    emails = [f"p{n}@example.se" for n in range(40)]
    sync(target, anchor, emails)
    assert reminders.reminders_send_due(now=anchor - DAY) == 40
    new_anchor = anchor + 5 * DAY
    sync(target, new_anchor, emails)
    assert sum(send_due_in_parallel(now=new_anchor - DAY)) == 40
    assert sorted(m.to[0] for m in mailoutbox) == sorted(emails * 2)
    assert Reminder.objects.filter(anchor=new_anchor, status=Reminder.Status.SENT).count() == 40
