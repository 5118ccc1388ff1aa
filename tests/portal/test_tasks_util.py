"""Services start background work one way: by the task's name, once the transaction commits."""

import pytest
from django.db import transaction

from portal.tasks_util import enqueue_on_commit


@pytest.mark.django_db
def test_a_task_enqueued_in_a_transaction_runs_only_once_it_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_on_commit("portal.tasks.purge_expired_sessions")
        assert callbacks == []  # nothing has run yet
    assert len(callbacks) == 1


def test_a_task_name_that_no_task_has_is_refused_at_once():
    with pytest.raises(ImportError, match="no_such_task"):
        enqueue_on_commit("portal.tasks.no_such_task")
