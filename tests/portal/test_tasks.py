import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from portal.tasks import purge_expired_sessions


@pytest.mark.django_db
def test_purging_sessions_removes_only_expired_ones():
    old, current = SessionStore(), SessionStore()
    old.create()
    current.create()
    Session.objects.filter(session_key=old.session_key).update(expire_date=timezone.now() - datetime.timedelta(days=1))
    assert purge_expired_sessions() == 1
    assert purge_expired_sessions() == 0  # safe to run twice
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


@pytest.mark.redis
def test_a_real_worker_runs_a_task_from_redis_through_to_the_database(celery_worker_app):
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    result = purge_expired_sessions.delay()
    assert result.get(timeout=20) == 1
    assert not Session.objects.filter(session_key=expired.session_key).exists()


@pytest.mark.redis
def test_a_task_enqueued_on_commit_is_not_sent_when_the_transaction_rolls_back(celery_worker_app):
    sent = []
    try:
        with transaction.atomic():
            transaction.on_commit(lambda: sent.append(purge_expired_sessions.delay()))
            raise RuntimeError("the request failed")
    except RuntimeError:
        pass
    assert sent == []


@pytest.mark.django_db
def test_beat_schedules_are_in_the_database_and_editable():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="portal.tasks.purge_expired_sessions")
    assert task.enabled and task.crontab.hour == "3"
