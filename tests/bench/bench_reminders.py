"""How long 10 000 due reminders take through a real Celery worker (PostgreSQL, Redis)."""

import datetime
import os
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from portal.models import Reminder
from tests.bench import results
from tests.bench.conftest import machine
from tests.factories import OrganisationFactory

# The test's builder and templates, registered by these autouse fixtures (for every template engine).
from tests.portal.test_reminders import _test_builder, _test_templates  # noqa: F401

COUNT = int(os.environ.get("BENCH_REMINDERS", 10_000))


@pytest.mark.postgres
@pytest.mark.redis
def bench_ten_thousand_due_reminders_through_the_worker(celery_worker_app, report):
    from portal.tasks import send_due_reminders

    target = OrganisationFactory(name="Industridag")
    due = timezone.now() - datetime.timedelta(minutes=1)
    content_type = ContentType.objects.get_for_model(target)
    Reminder.objects.bulk_create(
        Reminder(
            kind="tests.reminder",
            content_type=content_type,
            object_id=target.pk,
            recipient=f"p{n}@example.se",
            offset=datetime.timedelta(days=1),
            anchor=due + datetime.timedelta(days=1),
            due_at=due,
            next_attempt_at=due,
        )
        for n in range(COUNT)
    )
    start = time.perf_counter()
    # Two overlapping runs, as when beat fires again while the first batch is still going.
    runs = [send_due_reminders.delay(), send_due_reminders.delay()]
    sent = sum(run.get(timeout=1800) for run in runs)
    elapsed = time.perf_counter() - start
    assert sent == COUNT == len(mail.outbox)
    assert not Reminder.objects.exclude(status=Reminder.Status.SENT).exists()
    line = (
        f"{COUNT} due reminders sent through one real worker (solo pool, Redis broker, PostgreSQL) in "
        f"{elapsed:.1f} s ({COUNT / elapsed:.0f} per second), two overlapping runs of the beat task, "
        f"each reminder sent once."
    )
    report.append(line)
    results.write(
        "reminders",
        [
            line,
            "",
            "Each reminder is claimed with `SELECT ... FOR UPDATE SKIP LOCKED`, read off an index in the claim's "
            "order (status, due time, id), so finding the next free row costs the same however many are due "
            "(sorting the due rows for each claim held this at 201 per second); it is rendered in the recipient's "
            "language, marked sending with a lease in one commit before the relay is talked to and sent in another "
            "the moment it has accepted (portal.sending; both without waiting for the disk flush): two commits per "
            "message are the price of the smallest window for a copy.",
            "",
            f"Machine: {machine()}.",
        ],
    )
