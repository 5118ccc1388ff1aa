"""The e-mail of a visit request goes through the real broker once the request is committed."""

import time

import pytest
from django.db import connections

from ambassadors.models import VisitRequestEvent
from tests.ambassadors.factories import published_ambassador, visit_request
from tests.factories import UserFactory


@pytest.fixture
def real_worker(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True
        connections.close_all()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_committed_request_is_mailed_by_a_worker_exactly_once(real_worker, mailoutbox):
    ambassador = published_ambassador(user=UserFactory(email="ambassador@example.se"))
    request = visit_request(ambassador)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not mailoutbox:
        time.sleep(0.1)
    assert [m.to for m in mailoutbox] == [["ambassador@example.se"]]
    assert VisitRequestEvent.objects.get(visit_request=request).notified_at is not None
