"""The one way services start background work: a Celery task enqueued once the transaction commits.

Services name the task by its dotted path ("app.tasks.function") instead of importing it: tasks
import services, never the other way round, so the modules form no import cycle (import-linter
checks it). The tasks module is loaded when a task is first enqueued, so a misspelt name fails at
once, not after the commit. Outside a transaction the task is enqueued at once.

A task that sends e-mail is declared `@shared_task(acks_late=True, outbox=True)`: for it, no
message goes to the broker; a row is written in the outbox in the caller's transaction
(portal.outbox), so the mail is as durable as the change that causes it. Other tasks go to the
broker after commit; when it is unreachable that is logged, and the change stands.
"""

import logging

from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: str, *args, **kwargs) -> None:
    """Enqueue Celery task `task` with these arguments after the current transaction commits (it runs
    in-process when tasks are eager, as in development and tests); a mail task's row goes in the outbox."""
    found = import_string(task)
    if getattr(found, "outbox", False):
        from .outbox import outbox_add

        if kwargs:
            raise TypeError(f"{task} is a mail task: give its ids as positional arguments (they are stored as JSON)")
        outbox_add(task, *args)
        return
    transaction.on_commit(lambda: _enqueue(found, args, kwargs))


# A broker that does not answer at once is tried again briefly, not for the publisher's default of
# several seconds: the request that enqueues waits for it.
RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def _enqueue(task, args, kwargs) -> None:
    if task.app.conf.task_always_eager:
        task.delay(*args, **kwargs)
        return
    try:
        task.apply_async(args, kwargs, retry=True, retry_policy=RETRY_POLICY)
    except Exception as exc:  # noqa: BLE001 - kombu's and redis-py's errors alike
        logger.error("Could not enqueue %s%s: the broker is unreachable (%s)", task.name, args, exc)
