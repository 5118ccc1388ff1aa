"""reminders_sync keeps a target's reminders in step with the truth: pending ones move, cancelled ones
come back, and someone reminded before the thing moved is reminded once about the new time. An account
is reminded at the address it has when the e-mail goes out."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from portal import reminders
from portal.models import Reminder
from portal.reminders import Recipient, ReminderMessage
from tests.factories import OrganisationFactory, UserFactory

DAY = datetime.timedelta(days=1)
KIND = "tests.sync"
TEMPLATES = str(Path(__file__).resolve().parents[1] / "templates")

pytestmark = pytest.mark.django_db


def rows():
    return {(r.recipient, r.offset.days, r.status): r.due_at for r in Reminder.objects.all()}


def sync(target, *, anchor, offsets=(7 * DAY, DAY), emails=("a@example.se",), now, language="sv"):
    reminders.reminders_sync(
        target=target,
        kind=KIND,
        anchor=anchor,
        offsets=offsets,
        recipients=[Recipient(e, language) for e in emails],
        now=now,
    )


def test_sync_schedules_what_is_missing_and_twice_changes_nothing():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, now=now)
    first = rows()
    sync(target, anchor=anchor, now=now)
    assert (
        rows()
        == first
        == {
            ("a@example.se", 7, "pending"): anchor - 7 * DAY,
            ("a@example.se", 1, "pending"): anchor - DAY,
        }
    )


def test_sync_moves_pending_reminders_with_the_anchor():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, now=now)
    sync(target, anchor=anchor + 3 * DAY, now=now)
    assert rows() == {
        ("a@example.se", 7, "pending"): anchor - 4 * DAY,
        ("a@example.se", 1, "pending"): anchor + 2 * DAY,
    }


def test_sync_cancels_a_reminder_whose_new_time_has_passed():
    target, now = OrganisationFactory(), timezone.now()
    sync(target, anchor=now + 10 * DAY, now=now)
    sync(target, anchor=now + 3 * DAY, now=now)  # moved closer: a week before is already past
    assert rows() == {
        ("a@example.se", 7, "cancelled"): now + 3 * DAY,
        ("a@example.se", 1, "pending"): now + 2 * DAY,
    }


def test_sync_leaves_a_due_reminder_that_did_not_move_for_the_next_run():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, now=now)
    later = anchor - DAY + datetime.timedelta(seconds=30)  # due, not yet picked up by beat
    sync(target, anchor=anchor, now=later)
    assert ("a@example.se", 1, "pending") in rows()


def test_sync_cancels_dropped_offsets_and_people_and_adds_new_ones():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, emails=["a@example.se", "b@example.se"], now=now)
    sync(target, anchor=anchor, offsets=[3 * DAY, DAY], emails=["B@example.se", "c@example.se"], now=now)
    assert set(rows()) == {
        ("a@example.se", 7, "cancelled"),
        ("a@example.se", 1, "cancelled"),
        ("b@example.se", 7, "cancelled"),
        ("b@example.se", 3, "pending"),
        ("b@example.se", 1, "pending"),
        ("c@example.se", 3, "pending"),
        ("c@example.se", 1, "pending"),
    }


def test_sync_follows_a_change_of_language():
    target, now = OrganisationFactory(), timezone.now()
    sync(target, anchor=now + 10 * DAY, now=now)
    sync(target, anchor=now + 10 * DAY, now=now, language="en")
    assert set(Reminder.objects.values_list("language", flat=True)) == {"en"}


def test_sync_touches_neither_sent_reminders_nor_other_kinds():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, offsets=[DAY], now=now)
    reminders.reminders_schedule(
        target=target, kind="tests.other", anchor=anchor, offsets=[DAY], recipients=[Recipient("a@example.se")], now=now
    )
    Reminder.objects.filter(kind=KIND).update(status=Reminder.Status.SENT)
    sync(target, anchor=anchor + DAY, offsets=[DAY], emails=[], now=now)
    assert sorted(Reminder.objects.values_list("kind", "status", "due_at")) == [
        ("tests.other", "pending", anchor - DAY),
        (KIND, "sent", anchor - DAY),
    ]


def test_scheduling_again_brings_back_a_cancelled_reminder():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    reminders.reminders_schedule(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient("a@example.se")], now=now
    )
    reminders.reminders_cancel(target=target, kind=KIND)
    again = reminders.reminders_schedule(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient("a@example.se", "en")], now=now
    )
    reminder = Reminder.objects.get()
    assert again == [reminder]
    assert (reminder.status, reminder.due_at, reminder.next_attempt_at, reminder.language) == (
        "pending",
        anchor - DAY,
        anchor - DAY,
        "en",
    )


def test_scheduling_again_does_not_send_a_sent_reminder_twice():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    reminders.reminders_schedule(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient("a@example.se")], now=now
    )
    Reminder.objects.update(status=Reminder.Status.SENT)
    assert (
        reminders.reminders_schedule(
            target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient("a@example.se")], now=now
        )
        == []
    )
    assert Reminder.objects.get().status == "sent"


@pytest.mark.parametrize("people", [5, 60])
def test_moving_the_anchor_costs_the_same_queries_however_many_are_reminded(people, django_assert_num_queries):
    target, now = OrganisationFactory(), timezone.now()
    emails = [f"p{n}@example.se" for n in range(people)]
    sync(target, anchor=now + 10 * DAY, emails=emails, now=now)
    # read the pending rows and those about the new time (locked), move them all in one bulk update
    with django_assert_num_queries(2):
        sync(target, anchor=now + 12 * DAY, emails=emails, now=now)
    assert Reminder.objects.filter(due_at=now + 11 * DAY).count() == people


# --- A thing that moves after its reminder went out ------------------------------------------------


def build(reminder):
    return ReminderMessage(template="tests/email/reminder", context={"name": reminder.target.name})


@pytest.fixture(autouse=True)
def _test_builder(monkeypatch):
    # The test's own kind of reminder, as an app's `reminder_builders` hook would give it.
    monkeypatch.setitem(reminders.builders(), KIND, build)


@pytest.fixture
def _test_templates(settings):
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEMPLATES]} for engine in settings.TEMPLATES]


@pytest.mark.usefixtures("_test_templates")
def test_moved_after_its_reminder_went_out_the_person_is_reminded_once_about_the_new_time(mailoutbox):
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, offsets=[DAY], now=now)
    assert reminders.reminders_send_due(now=anchor - DAY) == 1
    new_anchor = anchor + 5 * DAY
    sync(target, anchor=new_anchor, offsets=[DAY], now=anchor - DAY)
    sync(target, anchor=new_anchor, offsets=[DAY], now=anchor - DAY)  # twice changes nothing
    assert reminders.reminders_send_due(now=new_anchor - DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders.reminders_send_due(now=new_anchor - DAY) == 1
    assert reminders.reminders_send_due(now=new_anchor) == 0
    assert [m.to for m in mailoutbox] == [["a@example.se"], ["a@example.se"]]
    assert sorted(Reminder.objects.values_list("anchor", "status")) == [(anchor, "sent"), (new_anchor, "sent")]


@pytest.mark.usefixtures("_test_templates")
def test_moved_back_to_a_time_already_reminded_of_reminds_nobody_again(mailoutbox):
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, offsets=[DAY], now=now)
    reminders.reminders_send_due(now=anchor - DAY)
    # Moved a week on, then back before the new reminder went out: they were told about this time.
    sync(target, anchor=anchor + 7 * DAY, offsets=[DAY], now=anchor - DAY)
    sync(target, anchor=anchor, offsets=[DAY], now=anchor - 2 * DAY)
    assert reminders.reminders_send_due(now=anchor + 30 * DAY) == 0
    assert len(mailoutbox) == 1
    assert sorted(Reminder.objects.values_list("anchor", "status")) == [
        (anchor, "sent"),
        (anchor + 7 * DAY, "cancelled"),
    ]


def test_moved_back_to_a_time_whose_reminder_was_cancelled_brings_that_one_back():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, offsets=[DAY], now=now)
    reminders.reminders_cancel(target=target, kind=KIND)
    sync(target, anchor=anchor + DAY, offsets=[DAY], now=now)
    sync(target, anchor=anchor, offsets=[DAY], now=now)
    assert sorted(Reminder.objects.values_list("anchor", "status")) == [
        (anchor, "pending"),
        (anchor + DAY, "cancelled"),
    ]


def test_moved_after_its_reminder_went_out_to_a_time_too_close_for_it_sends_nothing_more():
    target, now = OrganisationFactory(), timezone.now()
    anchor = now + 10 * DAY
    sync(target, anchor=anchor, offsets=[7 * DAY], now=now)
    Reminder.objects.update(status=Reminder.Status.SENT)
    sync(target, anchor=now + 3 * DAY, offsets=[7 * DAY], now=now)  # a week before the new time is past
    assert list(Reminder.objects.values_list("status", flat=True)) == ["sent"]


# --- The person, not the address --------------------------------------------------------------------


@pytest.mark.usefixtures("_test_templates")
def test_an_account_is_reminded_at_the_address_and_in_the_language_it_has_when_sending(mailoutbox):
    target, now = OrganisationFactory(name="Industridagen"), timezone.now()
    person = UserFactory(email="gammal@example.se", language="sv")
    anchor = now + 10 * DAY
    reminders.reminders_sync(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient.account(person)], now=now
    )
    person.email, person.language = "ny@example.se", "en"
    person.save()
    assert reminders.reminders_send_due(now=anchor - DAY) == 1
    (message,) = mailoutbox
    assert message.to == ["ny@example.se"]
    assert Reminder.objects.get().recipient == "ny@example.se"  # the admin shows where it went


def test_syncing_after_an_address_change_keeps_the_one_reminder_of_the_person():
    target, now = OrganisationFactory(), timezone.now()
    person = UserFactory(email="gammal@example.se")
    anchor = now + 10 * DAY
    reminders.reminders_sync(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient.account(person)], now=now
    )
    person.email = "ny@example.se"
    person.save()
    reminders.reminders_sync(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient.account(person)], now=now
    )
    assert list(Reminder.objects.values_list("user", "recipient", "status")) == [
        (person.pk, "ny@example.se", "pending")
    ]


@pytest.mark.usefixtures("_test_templates")
def test_a_closed_account_is_sent_nothing(mailoutbox):
    target, now = OrganisationFactory(), timezone.now()
    person = UserFactory()
    anchor = now + 10 * DAY
    reminders.reminders_sync(
        target=target, kind=KIND, anchor=anchor, offsets=[DAY], recipients=[Recipient.account(person)], now=now
    )
    person.is_active = False
    person.save()
    assert reminders.reminders_send_due(now=anchor) == 0
    assert mailoutbox == []
    assert Reminder.objects.get().status == Reminder.Status.CANCELLED
