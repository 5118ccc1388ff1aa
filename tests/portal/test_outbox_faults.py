"""The outbox under faults: a real Celery worker process sending through a real SMTP server on
loopback, killed with SIGKILL several times while it sends, and restarted.

The SMTP server (aiosmtpd) takes ~150 ms to accept each message, as a busy relay does, and records
the Message-ID of each. A second sender runs in this process at the same time, as an overlapping
beat run would. What must hold: every message arrives; a message arrives twice only when a worker
died while the relay was taking it (so at most one copy per kill), and a copy carries the same
Message-ID as the original; the second sender adds no copy.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from events.models import Registration
from portal import outbox, sending
from portal.models import OutboxMessage
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

MESSAGES = 120
KILLS = 5
DELAY = 0.15
LEASE_SECONDS = 2
ROOT = Path(__file__).resolve().parents[2]


class SlowRelay:
    """An aiosmtpd handler: waits before accepting, records each message's Message-ID, address and
    which sender it came from (each sender has a port of its own).

    `keeps_unanswered`: the relay keeps a message it has received even when the sender is gone
    before the answer (as a relay that queues first and answers after may): the worst case, where
    a sender killed while waiting for the answer makes a copy.
    """

    def __init__(self, received: list, sender: str, keeps_unanswered: bool):
        self.received, self.sender, self.keeps_unanswered = received, sender, keeps_unanswered

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        record = (message["Message-ID"], envelope.rcpt_tos[0], self.sender)
        if self.keeps_unanswered:
            self.received.append(record)
        await asyncio.sleep(DELAY)
        if not self.keeps_unanswered:
            self.received.append(record)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["accepts-on-answer", "keeps-unanswered"])
def relay(request):
    """One SMTP server, listening on a port for the worker and one for the second sender."""
    from aiosmtpd.controller import Controller

    received = []
    keeps = request.param == "keeps-unanswered"
    controllers = {
        sender: Controller(SlowRelay(received, sender, keeps), hostname="127.0.0.1", port=free_port())
        for sender in ("worker", "second")
    }
    for controller in controllers.values():
        controller.start()
    yield received, {sender: controller.port for sender, controller in controllers.items()}, request.param
    for controller in controllers.values():
        controller.stop()


def start_worker(port: int) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "MAIL_LEASE_SECONDS": str(LEASE_SECONDS),
        "SITE_URL": "https://kompetensportalen.example",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "true",
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--concurrency=1"]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_killed_workers_lose_nothing_and_send_a_copy_only_per_kill_with_the_same_message_id(relay, monkeypatch):
    from portal.tasks import send_outbox

    received, ports, mode = relay
    event = EventFactory(capacity=None)
    registrations = RegistrationFactory.create_batch(MESSAGES, event=event, status=Registration.Status.CONFIRMED)
    OutboxMessage.objects.bulk_create(
        [OutboxMessage(task="events.tasks.send_registration_mail", args=[r.pk]) for r in registrations]
    )
    expected = {r.user.email for r in registrations}
    send_outbox.app.conf.task_always_eager = False
    monkeypatch.setattr(sending, "LEASE", sending.datetime.timedelta(seconds=LEASE_SECONDS))

    stop_second = threading.Event()
    second_sent = []

    def second_sender():
        # An overlapping run of the sender (as a second beat would start), in this process.
        try:
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=ports["second"],
                SITE_URL="https://kompetensportalen.example",
            ):
                while not stop_second.is_set():
                    second_sent.append(outbox.outbox_send_due(limit=5))
                    time.sleep(0.3)
        finally:
            connection.close()

    kills = 0
    started = time.monotonic()

    def by_worker() -> int:
        return sum(1 for *_rest, sender in received if sender == "worker")

    worker = start_worker(ports["worker"])
    second = threading.Thread(target=second_sender)
    try:
        send_outbox.apply_async()  # what beat does every minute
        second.start()
        for _ in range(KILLS):
            before = by_worker()
            # Kill it while it is sending: once it has sent a few, in the middle of the next.
            assert wait_for(lambda before=before: by_worker() >= before + 3, timeout=30)
            time.sleep(DELAY / 2)
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            kills += 1
            worker = start_worker(ports["worker"])
            send_outbox.apply_async()  # the next beat run
        # Rows of the killed workers wait for their lease to run out; the beat runs take them then.
        time.sleep(LEASE_SECONDS + 0.5)
        send_outbox.apply_async()
        settled = wait_for(
            lambda: not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists(), timeout=40
        )
        if not settled:  # a lease ran out after the last run: one more run, as beat would
            send_outbox.apply_async()
            settled = wait_for(
                lambda: not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists(), timeout=20
            )
    finally:
        stop_second.set()
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        send_outbox.app.conf.task_always_eager = True
    second.join(timeout=10)
    elapsed = time.monotonic() - started

    received = list(received)
    per_address = Counter(address for _mid, address, _sender in received)
    ids_per_address = {address: {mid for mid, a, _s in received if a == address} for address in per_address}
    copies = len(received) - len(per_address)
    lost = len(expected - set(per_address))
    # Rows a killed worker was sending (taken again once its lease ran out).
    interrupted = OutboxMessage.objects.filter(attempts__gt=1).count()
    print(
        f"\noutbox fault test, relay {mode}: {MESSAGES} messages, "
        f"{kills} kills ({interrupted} while a message was being sent), "
        f"{len(received)} arrived, {copies} copies, {lost} lost; the second sender sent {sum(second_sent)}; "
        f"{elapsed:.1f} s"
    )
    assert settled
    assert lost == 0 and set(per_address) == expected
    assert copies <= kills
    assert all(len(ids) == 1 for ids in ids_per_address.values())  # a copy has the original's Message-ID
    assert all(mid.endswith("@kompetensportalen.example>") for mid, _a, _s in received)
    assert sum(second_sent) > 0 and by_worker() > 0  # both senders really ran
    assert interrupted >= 1  # the kills did hit the worker while it was sending
